//! [`IntoQueryValues`]: what a query compares against, as the JSON values it sends.

use serde_json::Value;

use crate::datetime::Timestamp;

/// Values a query compares against: one scalar (`5`, `"x"`, `true`, a [`Timestamp`]) or
/// several (`vec![1, 2]`, `["a", "b"]`, `&["a"][..]`).
///
/// ```
/// use lazy_appwrite::{Query, query::IntoQueryValues};
/// assert_eq!(5.into_query_values(), vec![serde_json::json!(5)]);
/// assert_eq!(["a", "b"].into_query_values().len(), 2);
/// ```
pub trait IntoQueryValues {
    /// The values as JSON.
    fn into_query_values(self) -> Vec<Value>;
}

macro_rules! scalar_values {
    ($($t:ty),* $(,)?) => {$(
        impl IntoQueryValues for $t {
            fn into_query_values(self) -> Vec<Value> {
                vec![Value::from(self)]
            }
        }
    )*};
}

scalar_values!(
    &str, String, bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64, Timestamp
);

impl IntoQueryValues for &String {
    fn into_query_values(self) -> Vec<Value> {
        vec![Value::from(self.as_str())]
    }
}

impl IntoQueryValues for Value {
    /// A JSON value is one value (an array stays one array value).
    fn into_query_values(self) -> Vec<Value> {
        vec![self]
    }
}

impl<T: Into<Value>> IntoQueryValues for Vec<T> {
    fn into_query_values(self) -> Vec<Value> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Value> + Clone> IntoQueryValues for &[T] {
    fn into_query_values(self) -> Vec<Value> {
        self.iter().cloned().map(Into::into).collect()
    }
}

impl<T: Into<Value>, const N: usize> IntoQueryValues for [T; N] {
    fn into_query_values(self) -> Vec<Value> {
        self.into_iter().map(Into::into).collect()
    }
}
