//! The values a column handle compares with: [`Operand<E>`] for a column of element type
//! `E`, so `q.age.gt("x")` does not compile.

use serde_json::Value;

use super::capability::AnyOperand;
use crate::datetime::Timestamp;
use crate::declared::{Line, Point, Polygon};

/// A value a column of element type `E` can be compared with.
///
/// ```
/// use lazy_appwrite::typed::Operand;
/// assert_eq!(Operand::<i64>::into_operand(5_u8), serde_json::json!(5));
/// assert_eq!(Operand::<String>::into_operand("x"), serde_json::json!("x"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a `{E}` column",
    label = "expected a value of the column's type, `{E}`"
)]
pub trait Operand<E: ?Sized> {
    /// The value as JSON.
    fn into_operand(self) -> Value;
}

macro_rules! operands {
    ($($e:ty => [$($o:ty),*];)*) => {$($(
        impl Operand<$e> for $o {
            fn into_operand(self) -> Value {
                Value::from(self)
            }
        }
    )*)*};
}

operands! {
    i64 => [i64, i32, i16, i8, u32, u16, u8];
    i32 => [i32, i16, i8, u16, u8];
    i16 => [i16, i8, u8];
    i8 => [i8];
    u64 => [u64, u32, u16, u8];
    u32 => [u32, u16, u8];
    u16 => [u16, u8];
    u8 => [u8];
    f64 => [f64, f32, i64, i32];
    f32 => [f32, f64, i32];
    bool => [bool];
    String => [String, &str];
    Point => [Point];
    Line => [Line];
    Polygon => [Polygon];
}

impl Operand<String> for &String {
    fn into_operand(self) -> Value {
        Value::from(self.as_str())
    }
}

impl Operand<Timestamp> for Timestamp {
    fn into_operand(self) -> Value {
        Value::from(self.as_str())
    }
}

impl Operand<Timestamp> for &Timestamp {
    fn into_operand(self) -> Value {
        Value::from(self.as_str())
    }
}

#[cfg(feature = "chrono")]
impl Operand<Timestamp> for chrono::DateTime<chrono::Utc> {
    fn into_operand(self) -> Value {
        Value::from(Timestamp::from_unix_millis(self.timestamp_millis()).as_str())
    }
}

#[cfg(feature = "chrono")]
impl Operand<chrono::DateTime<chrono::Utc>> for chrono::DateTime<chrono::Utc> {
    fn into_operand(self) -> Value {
        Value::from(Timestamp::from_unix_millis(self.timestamp_millis()).as_str())
    }
}

#[cfg(feature = "time")]
impl Operand<time::OffsetDateTime> for time::OffsetDateTime {
    fn into_operand(self) -> Value {
        let millis = i64::try_from(self.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        Value::from(Timestamp::from_unix_millis(millis).as_str())
    }
}

/// A method the column does not allow takes any value (its operand type is `AnyOperand`):
/// the call does not compile anyway, and only the refusal is reported.
impl<O> Operand<AnyOperand> for O {
    fn into_operand(self) -> Value {
        Value::Null
    }
}

impl<O: Into<Value>> Operand<Value> for O {
    fn into_operand(self) -> Value {
        self.into()
    }
}
