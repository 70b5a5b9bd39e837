//! PHP's `int|float` numbers, as Appwrite's numeric parameters carry them.

use serde_json::Value;

use crate::php;

/// A PHP `int|float` parameter value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A PHP `int`.
    Int(i64),
    /// A PHP `float`.
    Float(f64),
}

impl Num {
    /// The number as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// PHP's string form of the number, as it appears in messages (`8`, `8.5`).
    pub fn php_string(self) -> String {
        match self {
            Num::Int(i) => i.to_string(),
            Num::Float(f) => php::float_string(f),
        }
    }

    /// A JSON number (or numeric string) as PHP passes it to an `int|float` parameter.
    pub fn from_json(value: &Value) -> Option<Num> {
        match value {
            Value::Number(n) => Some(match n.as_i64() {
                Some(i) => Num::Int(i),
                None => Num::Float(n.as_f64()?),
            }),
            Value::String(s) => {
                let f = php::numeric(value)?;
                Some(match s.trim().parse::<i64>() {
                    Ok(i) => Num::Int(i),
                    Err(_) => Num::Float(f),
                })
            }
            _ => None,
        }
    }
}
