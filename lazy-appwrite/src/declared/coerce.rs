//! Data hygiene for dynamic payloads: a `serde_json::Value` (say, from a web request)
//! turned into row data the table accepts, or an error naming the table, column and rule.

use serde_json::{Map, Number, Value};

use super::column::{ColumnSchema, ColumnType, Options};
use super::rules::{self, Rule, Violation, ViolationAt};
use super::table::TableSchema;
use crate::error::{Error, Result};

/// What the payload is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoerceMode {
    /// A new row: missing columns with a default get it, missing required columns fail.
    Create,
    /// A partial update: only the keys given are checked.
    Update,
}

/// System keys Appwrite accepts inside row data; kept as they are.
const SYSTEM_KEYS: &[&str] = &["$id", "$permissions", "$createdAt", "$updatedAt"];

/// Cleans `value` for `schema`'s table, then validates it.
///
/// - unknown keys are dropped, each with a `tracing` warning;
/// - values are coerced to the column's kind: `"123"` → `123` and `5.0` → `5` for
///   integers, `"1.5"` → `1.5` for floats, `"true"`/`"false"` (any case) → booleans, a
///   scalar → `[scalar]` for arrays (whose elements are coerced too); `""` is never a number;
/// - on [`CoerceMode::Create`], missing columns with a default get it and a missing
///   required column is an error; `null` on a required column is an error in both modes;
/// - then every value is validated like typed rows are (size, range, formats, enum).
///
/// ```
/// use lazy_appwrite::schema::{CoerceMode, ColumnSchema, ColumnType, DefaultValue, TableSchema, coerce};
/// use serde_json::json;
///
/// const USERS: TableSchema = TableSchema::new("users", "Users").columns(&[
///     ColumnSchema::new("name", ColumnType::String { size: 32, encrypt: false }).required(true),
///     ColumnSchema::new("age", ColumnType::Integer { min: Some(0), max: Some(150) }),
///     ColumnSchema::new("admin", ColumnType::Boolean).default_value(DefaultValue::Boolean(false)),
///     ColumnSchema::new("tags", ColumnType::String { size: 8, encrypt: false }).array(true),
/// ]);
///
/// let row = coerce(&USERS, json!({"name": "Ada", "age": "36", "tags": "math", "extra": 1}), CoerceMode::Create)?;
/// assert_eq!(serde_json::Value::Object(row), json!({"name": "Ada", "age": 36, "tags": ["math"], "admin": false}));
///
/// let err = coerce(&USERS, json!({"age": "200"}), CoerceMode::Update).unwrap_err();
/// assert_eq!(err.to_string(),
///     "invalid input for table `users`, column `age`: rule `max`: 200 is more than the maximum 150");
/// assert!(coerce(&USERS, json!({"age": ""}), CoerceMode::Update).is_err());
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
pub fn coerce(schema: &TableSchema, value: Value, mode: CoerceMode) -> Result<Map<String, Value>> {
    let Value::Object(input) = value else {
        return Err(Error::Validation {
            table: Some(schema.id.to_owned()),
            column: None,
            reason: format!(
                "row data must be a JSON object, not {}",
                rules::json_type(&value)
            ),
        });
    };
    let mut out = Map::new();
    for (key, value) in input {
        match schema.column(&key) {
            Some(column) => {
                let value = coerce_column(column, value);
                rules::check_json(column, &value).map_err(|v| v.at(schema.id, column.key))?;
                out.insert(key, value);
            }
            None if SYSTEM_KEYS.contains(&key.as_str()) => {
                out.insert(key, value);
            }
            None => {
                tracing::warn!(table = schema.id, key = %key, "dropping a key that is not a column of the table");
            }
        }
    }
    if mode == CoerceMode::Create {
        for column in schema.columns {
            if out.contains_key(column.key) {
                continue;
            }
            if let Some(default) = &column.default {
                out.insert(column.key.to_owned(), default.to_json());
            } else if column.required {
                return Err(
                    Violation::new(Rule::Required, "a required column is missing")
                        .at(schema.id, column.key),
                );
            }
        }
    }
    Ok(out)
}

/// One column's value coerced to the column's kind (not validated).
///
/// ```
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType, coerce::coerce_column};
/// use serde_json::json;
/// let flags = ColumnSchema::new("flags", ColumnType::Boolean).array(true);
/// assert_eq!(coerce_column(&flags, json!("TRUE")), json!([true]));
/// assert_eq!(coerce_column(&flags, json!(["false", true])), json!([false, true]));
/// ```
pub fn coerce_column(column: &ColumnSchema, value: Value) -> Value {
    if column.is_relationship() || value.is_null() {
        return value;
    }
    if column.array {
        let items = match value {
            Value::Array(items) => items,
            scalar => vec![scalar],
        };
        return Value::Array(
            items
                .into_iter()
                .map(|v| coerce_scalar(&column.kind, v))
                .collect(),
        );
    }
    coerce_scalar(&column.kind, value)
}

/// One scalar coerced to `kind`: text to numbers and booleans, whole floats to integers.
///
/// Surrounding ASCII whitespace around a number is ignored. Other whitespace (a no-break
/// space, a vertical tab, …) leaves the value as text, which the column's rules then refuse.
///
/// ```
/// use lazy_appwrite::schema::{ColumnType, coerce::coerce_scalar};
/// use serde_json::json;
/// let int = ColumnType::Integer { min: None, max: None };
/// assert_eq!(coerce_scalar(&int, json!("123")), json!(123));
/// assert_eq!(coerce_scalar(&int, json!("")), json!(""));
/// assert_eq!(coerce_scalar(&int, json!(" 7\n")), json!(7));
/// assert_eq!(coerce_scalar(&int, json!("7\u{a0}")), json!("7\u{a0}"));
/// assert_eq!(coerce_scalar(&ColumnType::Float { min: None, max: None }, json!("1.5")), json!(1.5));
/// ```
pub fn coerce_scalar(kind: &ColumnType, value: Value) -> Value {
    match (kind.options(), value) {
        (Options::Int { .. }, Value::String(s)) => match s.trim_ascii().parse::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => Value::String(s),
        },
        (Options::Int { .. }, Value::Number(n)) => Value::Number(whole(n)),
        (Options::Float { .. }, Value::String(s)) => {
            match s
                .trim_ascii()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .and_then(Number::from_f64)
            {
                Some(n) if !s.trim_ascii().is_empty() => Value::Number(n),
                _ => Value::String(s),
            }
        }
        (Options::Flag, Value::String(s)) => {
            if s.eq_ignore_ascii_case("true") {
                Value::Bool(true)
            } else if s.eq_ignore_ascii_case("false") {
                Value::Bool(false)
            } else {
                Value::String(s)
            }
        }
        (_, value) => value,
    }
}

/// An integer for a whole float within range (`5.0` → `5`); other numbers unchanged.
fn whole(n: Number) -> Number {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.223_372_036_854_775e18 =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Number::from(f as i64)
        }
        _ => n,
    }
}
