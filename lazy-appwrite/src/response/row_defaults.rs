//! A `null` read as its column's default. A model operation decodes its rows inside a
//! [`DecodeScope`] naming the table's schema; there, a `null` in a column that declares a
//! default reads as that default (through [`OrDefault`]), unless the field is an
//! `Option`. Only the rows of the table itself get this (not related rows nested in them).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use lazy_appwrite_core::{ColumnSchema, DefaultValue, TableSchema};

thread_local! {
    /// The defaults of the table whose rows are being decoded on this thread, if a model
    /// operation said so and a column of it declares a default.
    static SCOPE: Cell<Option<Defaults>> = const { Cell::new(None) };
    /// How many rows are being decoded inside each other (related rows nest).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// The column defaults of a table, with a quick test of which keys may have one: a bit
/// per class of key (its length and first byte), set for each column with a default. Most
/// keys of a row are ruled out by one bit test, without searching the columns; the others
/// look only at the columns that have a default.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Defaults {
    schema: &'static TableSchema,
    classes: u64,
    /// Bit `i` set: column `i` (of the first 64) has a single-valued default.
    with_default: u64,
    /// A column past the 64th has one: search them all.
    beyond: bool,
}

impl Defaults {
    /// The defaults of `schema`'s columns; `None` when no (single-valued) column declares
    /// one: its rows need no lookups, and decode as if unscoped. A `const fn`: a model's
    /// are worked out once, at compile time.
    pub(crate) const fn of(schema: &'static TableSchema) -> Option<Self> {
        let mut found = Self {
            schema,
            classes: 0,
            with_default: 0,
            beyond: false,
        };
        let mut i = 0;
        while i < schema.columns.len() {
            let column = &schema.columns[i];
            if column.default.is_some() && !column.array {
                found.classes |= class_bit(column.key);
                if i < 64 {
                    found.with_default |= 1 << i;
                } else {
                    found.beyond = true;
                }
            }
            i += 1;
        }
        if found.classes == 0 {
            None
        } else {
            Some(found)
        }
    }

    /// The default a `null` in column `key` reads as, if the column declares one.
    #[inline]
    pub(super) fn of_key(self, key: &str) -> Option<&'static DefaultValue> {
        if self.classes & class_bit(key) == 0 {
            return None;
        }
        self.search(key)
    }

    /// [`Defaults::of_key`] past the quick test: the column named `key`.
    fn search(self, key: &str) -> Option<&'static DefaultValue> {
        let columns = self.schema.columns;
        let default_of =
            |c: &'static ColumnSchema| c.default.as_ref().filter(|_| !c.array && c.key == key);
        if self.beyond {
            return columns.iter().find_map(default_of);
        }
        let mut bits = self.with_default;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(default) = columns.get(i).and_then(default_of) {
                return Some(default);
            }
        }
        None
    }
}

/// The bit of `key`'s class: its length and first byte, folded into 64.
#[inline]
const fn class_bit(key: &str) -> u64 {
    let first = match key.as_bytes().first() {
        Some(&b) => b as usize,
        None => 0,
    };
    let class = key.len().wrapping_mul(31).wrapping_add(first) % 64;
    1 << class
}

/// While alive, rows decoded on this thread (not nested in another row) are rows of the
/// table: `null` in a column with a default reads as the default. Restores the previous
/// scope when dropped.
pub(crate) struct DecodeScope {
    previous: Option<Defaults>,
    depth: u32,
}

impl DecodeScope {
    /// Enters a scope of the table with these defaults ([`Defaults::of`] its schema: a
    /// future that enters its scope at every poll works them out once).
    pub(crate) fn enter(defaults: Option<Defaults>) -> Self {
        let previous = SCOPE.with(|s| s.replace(defaults));
        let depth = DEPTH.with(|d| d.replace(0));
        Self { previous, depth }
    }
}

impl Drop for DecodeScope {
    fn drop(&mut self) {
        SCOPE.with(|s| s.set(self.previous));
        DEPTH.with(|d| d.set(self.depth));
    }
}

/// One row being decoded: the depth goes back down however the decode ends.
pub(super) struct Nesting {
    pub(super) defaults: Option<Defaults>,
}

impl Nesting {
    pub(super) fn enter() -> Self {
        let depth = DEPTH.with(|d| d.replace(d.get().saturating_add(1)));
        let defaults = if depth == 0 {
            SCOPE.with(Cell::get)
        } else {
            None
        };
        Self { defaults }
    }
}

impl Drop for Nesting {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// The value of a column that declares a default, read as it comes, or, when it is `null`,
/// as the default (an `Option` field then reads `None`). The value streams through: only
/// a `null` takes the detour through the default's JSON.
pub(super) struct OrDefault<S> {
    pub(super) seed: S,
    pub(super) default: &'static DefaultValue,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OrDefault<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OrDefault<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a column value")
    }

    fn visit_none<E: de::Error>(self) -> Result<S::Value, E> {
        self.seed
            .deserialize(NullAsDefault(self.default))
            .map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<S::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(d)
    }
}

/// A `null` in a column with this default: the default, unless the field is an `Option`
/// (then it is `None`).
struct NullAsDefault(&'static DefaultValue);

macro_rules! forward_with_default {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
            self.0.to_json().$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for NullAsDefault {
    type Error = serde_json::Error;

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.to_json().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.to_json().deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.to_json().deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .to_json()
            .deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.to_json().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.to_json().deserialize_enum(name, variants, visitor)
    }

    forward_with_default! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map deserialize_identifier
        deserialize_ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lazy_appwrite_core::ColumnType;

    /// A table of `n` integer columns `c0`, `c1`, …, where the `defaulted` ones default to
    /// their own number.
    fn table(n: usize, defaulted: &[usize]) -> &'static TableSchema {
        let columns: Vec<ColumnSchema> = (0..n)
            .map(|i| {
                let key: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                let column = ColumnSchema::new(
                    key,
                    ColumnType::Integer {
                        min: None,
                        max: None,
                    },
                );
                if defaulted.contains(&i) {
                    column.default_value(DefaultValue::Integer(i as i64))
                } else {
                    column
                }
            })
            .collect();
        let columns: &'static [ColumnSchema] = Box::leak(columns.into_boxed_slice());
        Box::leak(Box::new(TableSchema::new("t", "t").columns(columns)))
    }

    #[test]
    fn every_defaulted_column_is_found_before_and_past_the_64th() {
        assert!(Defaults::of(table(3, &[])).is_none());
        for (n, defaulted) in [(10, vec![0, 9]), (70, vec![1, 63, 64, 69])] {
            let defaults = Defaults::of(table(n, &defaulted)).unwrap();
            for i in 0..n {
                let expected = defaulted
                    .contains(&i)
                    .then_some(DefaultValue::Integer(i as i64));
                assert_eq!(defaults.of_key(&format!("c{i}")).copied(), expected, "c{i}");
            }
            assert_eq!(defaults.of_key("c999"), None);
        }
    }
}
