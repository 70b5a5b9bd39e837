//! Decoding a [`RowList`]: `total`, then `rows` into a vector sized once. Appwrite writes
//! `total` before `rows`, and a list call knows the page it asked for, so the vector is
//! allocated at `min(total, page)` rows and never grows or moves its rows while they
//! decode.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::lenient::u64_or_zero;
use super::row::{Row, RowList};
use crate::query::DEFAULT_LIMIT;

thread_local! {
    /// The page size of the list call decoding its answer on this thread, if one is.
    static PAGE: Cell<Option<usize>> = const { Cell::new(None) };
}

/// While alive, a [`RowList`] decoded on this thread expects at most `rows` rows (the
/// list call's `limit`). Restores the previous expectation when dropped. Decoding is
/// synchronous: the guard never lives across an `.await`.
pub(crate) struct ExpectRows {
    previous: Option<usize>,
}

impl ExpectRows {
    pub(crate) fn enter(rows: usize) -> Self {
        Self {
            previous: PAGE.with(|p| p.replace(Some(rows))),
        }
    }
}

impl Drop for ExpectRows {
    fn drop(&mut self) {
        PAGE.with(|p| p.set(self.previous));
    }
}

/// The rows to reserve for a page whose `total` is `total` (when it came first): at most
/// the page the list call asked for, or Appwrite's default page when none said.
fn capacity(total: Option<u64>) -> usize {
    let page = PAGE.with(Cell::get).unwrap_or(DEFAULT_LIMIT);
    match total.map(usize::try_from) {
        Some(Ok(total)) => total.min(page),
        _ => page,
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for RowList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("RowList", &["total", "rows"], ListVisitor(PhantomData))
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = RowList<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row list object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RowList<T>, A::Error> {
        let mut total: Option<u64> = None;
        let mut rows: Option<Vec<Row<T>>> = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Total if total.is_some() => return Err(de::Error::duplicate_field("total")),
                Field::Rows if rows.is_some() => return Err(de::Error::duplicate_field("rows")),
                Field::Total => total = Some(map.next_value_seed(TotalSeed)?),
                Field::Rows => {
                    let seed = RowsSeed {
                        capacity: capacity(total),
                        row: PhantomData,
                    };
                    rows = Some(map.next_value_seed(seed)?);
                }
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(RowList {
            total: total.unwrap_or(0),
            rows: rows.unwrap_or_default(),
        })
    }
}

/// A key of the list object.
enum Field {
    Total,
    Rows,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        Ok(match v {
            "total" => Field::Total,
            "rows" => Field::Rows,
            _ => Field::Other,
        })
    }
}

/// `total`: a count as a number or a decimal string; `null` is 0.
struct TotalSeed;

impl<'de> DeserializeSeed<'de> for TotalSeed {
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        u64_or_zero(d)
    }
}

/// `rows`: the page, into a vector of `capacity` rows to start with; `null` is no rows.
struct RowsSeed<T> {
    capacity: usize,
    row: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for RowsSeed<T> {
    type Value = Vec<Row<T>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for RowsSeed<T> {
    type Value = Vec<Row<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut rows = Vec::with_capacity(self.capacity);
        while let Some(row) = seq.next_element()? {
            rows.push(row);
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Book {
        title: String,
    }

    const TWO: &str =
        r#"{"total":"7","rows":[{"$id":"a","title":"A"},{"$id":"b","title":"B"}],"extra":[1]}"#;

    #[test]
    fn a_page_is_reserved_at_the_smaller_of_total_and_the_page_asked_for() {
        let _page = ExpectRows::enter(100);
        let list: RowList<Book> = serde_json::from_str(TWO).unwrap();
        assert_eq!((list.total, list.rows.len()), (7, 2));
        assert_eq!(list.rows.capacity(), 7);
        let _page = ExpectRows::enter(3);
        let list: RowList<Book> = serde_json::from_str(TWO).unwrap();
        assert_eq!(list.rows.capacity(), 3);
        drop(_page);
        // Rows before `total`: the page asked for; more rows than that still all decode.
        let list: RowList<Book> = serde_json::from_str(
            r#"{"rows":[{"$id":"a","title":"A"},{"$id":"b","title":"B"}],"total":2}"#,
        )
        .unwrap();
        assert_eq!(
            (list.total, list.rows.len(), list.rows.capacity()),
            (2, 2, 100)
        );
    }

    #[test]
    fn unhinted_lists_reserve_the_default_page_and_null_or_missing_fields_are_empty() {
        let list: RowList<Book> =
            serde_json::from_str(r#"{"total":100000,"rows":[{"$id":"a","title":"A"}]}"#).unwrap();
        assert_eq!((list.rows.len(), list.rows.capacity()), (1, DEFAULT_LIMIT));
        let list: RowList<Book> = serde_json::from_str(r#"{"total":null,"rows":null}"#).unwrap();
        assert_eq!((list.total, list.rows.len()), (0, 0));
        let list: RowList<Book> = serde_json::from_str("{}").unwrap();
        assert_eq!((list.total, list.rows.len()), (0, 0));
    }

    #[test]
    fn a_repeated_field_or_a_bad_row_is_an_error() {
        let err = serde_json::from_str::<RowList<Book>>(r#"{"total":1,"total":2}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate field `total`"), "{err}");
        let err = serde_json::from_str::<RowList<Book>>(r#"{"rows":[{"$id":"a","title":1}]}"#)
            .unwrap_err();
        assert!(err.to_string().contains("invalid type: integer"), "{err}");
    }
}
