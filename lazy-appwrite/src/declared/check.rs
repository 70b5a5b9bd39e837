//! Validation of typed values: what the generated `validate` calls for each field.

use super::column::{ColumnSchema, Options};
use super::geo::{Line, Point, Polygon};
use super::rules::{self, Rule, Violation};
use crate::datetime::Timestamp;

/// A field value checked against its column before it is sent.
///
/// Implemented for every [`super::Scalar`] and for `Vec<T>` and `Option<T>` of them;
/// `#[derive(lazy_appwrite::Enum)]` implements it for enums.
///
/// ```
/// use lazy_appwrite::__private::CheckValue;
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType, rules::Rule};
/// let name = ColumnSchema::new("name", ColumnType::String { size: 4, encrypt: false }).required(true);
/// assert!("Ada".to_owned().check(&name).is_ok());
/// assert_eq!("Grace".to_owned().check(&name).unwrap_err().rule, Rule::Size);
/// assert_eq!(None::<String>.check(&name).unwrap_err().rule, Rule::Required);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in an Appwrite column",
    label = "not a column type",
    note = "a field that is not a column takes `#[column(skip)]`"
)]
pub trait CheckValue {
    /// Checks the value against `column`.
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation>;
}

impl CheckValue for String {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        match column.kind.options() {
            Options::Link(_) => Ok(()),
            _ => rules::check_text(&column.kind, self),
        }
    }
}

macro_rules! check_integers {
    ($($t:ty),*) => {$(
        impl CheckValue for $t {
            fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
                match i64::try_from(*self) {
                    Ok(v) => rules::check_integer(&column.kind, v),
                    Err(_) => Err(Violation::new(Rule::Max, format!("{self} is more than the largest integer"))),
                }
            }
        }
    )*};
}

check_integers!(i8, i16, i32, i64, u8, u16, u32, u64);

impl CheckValue for f64 {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_float(&column.kind, *self)
    }
}

impl CheckValue for f32 {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_float(&column.kind, f64::from(*self))
    }
}

impl CheckValue for bool {
    fn check(&self, _column: &ColumnSchema) -> Result<(), Violation> {
        Ok(())
    }
}

impl CheckValue for Timestamp {
    fn check(&self, _column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_datetime(self.as_str())
    }
}

#[cfg(feature = "chrono")]
impl CheckValue for chrono::DateTime<chrono::Utc> {
    fn check(&self, _column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_datetime(Timestamp::from_unix_millis(self.timestamp_millis()).as_str())
    }
}

#[cfg(feature = "time")]
impl CheckValue for time::OffsetDateTime {
    fn check(&self, _column: &ColumnSchema) -> Result<(), Violation> {
        let millis = i64::try_from(self.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        rules::check_datetime(Timestamp::from_unix_millis(millis).as_str())
    }
}

impl CheckValue for Point {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_geometry(&column.kind, &serde_json::Value::from(*self))
    }
}

impl CheckValue for Line {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_geometry(&column.kind, &serde_json::Value::from(self.clone()))
    }
}

impl CheckValue for Polygon {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_geometry(&column.kind, &serde_json::Value::from(self.clone()))
    }
}

impl CheckValue for serde_json::Value {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        rules::check_json(column, self)
    }
}

impl<T: CheckValue> CheckValue for Vec<T> {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.check(column).map_err(|e| e.in_element(i)))
    }
}

impl<T: CheckValue> CheckValue for Option<T> {
    fn check(&self, column: &ColumnSchema) -> Result<(), Violation> {
        match self {
            Some(v) => v.check(column),
            None => rules::check_present(column, false),
        }
    }
}

/// The check `#[derive(lazy_appwrite::Enum)]` generates: the element must be one of the
/// column's (they differ when the column lists its own elements).
#[doc(hidden)]
pub fn check_enum_element(element: &str, column: &ColumnSchema) -> Result<(), Violation> {
    match column.kind.options() {
        Options::Elements(elements) => rules::check_enum(element, elements),
        _ => rules::check_text(&column.kind, element),
    }
}
