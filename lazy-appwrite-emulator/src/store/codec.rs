//! The codec between Appwrite JSON values and SQLite values: what a checked row value is
//! stored as, how a stored value reads back, query operands, and column declarations.
//!
//! Storage conventions:
//! * textual kinds (string, varchar, text, mediumtext, longtext, email, ip, url, enum) → TEXT;
//! * integer → INTEGER; float → REAL; boolean → INTEGER 0/1;
//! * datetime → TEXT in the server's format (`YYYY-MM-DDTHH:MM:SS.mmm+00:00`, sorts as text);
//! * arrays (any kind with `array`) → TEXT holding the JSON array of normalised elements;
//! * point / line / polygon → TEXT holding the JSON coordinates;
//! * JSON `null` → SQL NULL.

use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{Value, json};

use crate::schema::{ColumnKind, ColumnSpec, json_number};
use crate::validate::datetime::parse_datetime;
use crate::validate::value::{Checked, Scalar, check, fits_bits, integer_bits};

/// Validates one value for a row write ([`check`]) and returns what to store.
///
/// On failure the error is the text that follows `Invalid document structure: `, in
/// Appwrite's words.
pub fn encode(spec: &ColumnSpec, value: &Value) -> Result<SqlValue, String> {
    Ok(match check(spec, value)? {
        Checked::Null => SqlValue::Null,
        Checked::Scalar(scalar) => scalar_to_sql(scalar),
        Checked::List(items) => SqlValue::Text(Value::Array(items).to_string()),
    })
}

/// What SQLite holds for a checked scalar.
fn scalar_to_sql(scalar: Scalar) -> SqlValue {
    match scalar {
        Scalar::Text(s) => SqlValue::Text(s),
        Scalar::Int(i) => SqlValue::Integer(i),
        Scalar::Real(f) => SqlValue::Real(f),
        Scalar::Bool(b) => SqlValue::Integer(i64::from(b)),
        Scalar::Json(v) => SqlValue::Text(v.to_string()),
    }
}

/// The inverse of [`encode`], for responses: booleans as JSON bools, integers as integers,
/// floats as numbers (whole values without a fraction), arrays and spatial values parsed from
/// their JSON text, NULL as `null`. Unexpected storage falls back to the raw text or `null`.
pub fn decode(spec: &ColumnSpec, value: ValueRef<'_>) -> Value {
    if matches!(value, ValueRef::Null) {
        return Value::Null;
    }
    if spec.array || spec.kind.is_spatial() {
        let text = match value {
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => String::from_utf8_lossy(bytes),
            other => return decode_scalar(spec.kind, other),
        };
        return match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) if spec.array => Value::Array(
                items
                    .into_iter()
                    .map(|item| decode_element(spec.kind, item))
                    .collect(),
            ),
            Ok(parsed) => parsed,
            Err(_) => Value::String(text.into_owned()),
        };
    }
    decode_scalar(spec.kind, value)
}

/// A query operand for comparisons against a stored column (the element type for array
/// columns), or `None` when the value does not fit the column (the caller reports
/// `Invalid query: Query value is invalid for attribute "x"`).
///
/// Textual kinds take any string; integers need a JSON integer within the column's bit width
/// (32-bit unless `max` exceeds 2 147 483 647); floats any number; booleans `true`/`false`
/// (→ 0/1); datetimes a valid date (normalised); relationships an ID string of ≤ 255 chars;
/// spatial columns an array (passed on as its JSON text).
pub fn encode_query_value(spec: &ColumnSpec, value: &Value) -> Option<SqlValue> {
    match spec.kind {
        kind if kind.is_textual() => value.as_str().map(|s| SqlValue::Text(s.to_owned())),
        ColumnKind::Integer => {
            let i = value.as_i64()?;
            fits_bits(i, integer_bits(spec)).then_some(SqlValue::Integer(i))
        }
        ColumnKind::Float => value.as_f64().map(SqlValue::Real),
        ColumnKind::Boolean => value.as_bool().map(|b| SqlValue::Integer(i64::from(b))),
        ColumnKind::Datetime => parse_datetime(value.as_str()?).map(SqlValue::Text),
        ColumnKind::Relationship => value
            .as_str()
            .filter(|s| s.chars().count() <= 255)
            .map(|s| SqlValue::Text(s.to_owned())),
        ColumnKind::Point | ColumnKind::Line | ColumnKind::Polygon => {
            value.is_array().then(|| SqlValue::Text(value.to_string()))
        }
        _ => None,
    }
}

/// The SQLite column declaration for `ALTER TABLE … ADD COLUMN`: `TEXT COLLATE APPWRITE_CI`
/// for non-array textual kinds (MariaDB's `utf8mb4_general_ci`, see
/// [`crate::query::collation`]), `INTEGER` for integers and booleans, `REAL` for floats,
/// `TEXT` for everything else.
pub fn sql_type(spec: &ColumnSpec) -> &'static str {
    if spec.array {
        return "TEXT";
    }
    match spec.kind {
        kind if kind.is_textual() => "TEXT COLLATE APPWRITE_CI",
        ColumnKind::Integer | ColumnKind::Boolean => "INTEGER",
        ColumnKind::Float => "REAL",
        _ => "TEXT",
    }
}

/// Whether SQLite keeps `value` as given in a column declared by [`sql_type`], so that it
/// reads back exactly as written: NULL, or a value whose storage class is the column's
/// affinity. (An INTEGER in a REAL column, for one, reads back as a float, and loses
/// precision past 2^53.)
pub fn stored_unchanged(spec: &ColumnSpec, value: &SqlValue) -> bool {
    match (sql_type(spec), value) {
        (_, SqlValue::Null) => true,
        ("INTEGER", SqlValue::Integer(_)) => true,
        ("REAL", SqlValue::Real(f)) => f.is_finite(),
        (declared, SqlValue::Text(_)) => declared.starts_with("TEXT"),
        _ => false,
    }
}

fn decode_scalar(kind: ColumnKind, value: ValueRef<'_>) -> Value {
    match (kind, value) {
        (_, ValueRef::Null) => Value::Null,
        (ColumnKind::Boolean, ValueRef::Integer(i)) => Value::Bool(i != 0),
        (ColumnKind::Boolean, ValueRef::Real(f)) => Value::Bool(f != 0.0),
        (ColumnKind::Boolean, ValueRef::Text(t)) => match t {
            b"1" | b"true" => Value::Bool(true),
            b"0" | b"false" => Value::Bool(false),
            other => Value::String(String::from_utf8_lossy(other).into_owned()),
        },
        (ColumnKind::Integer | ColumnKind::Float, ValueRef::Integer(i)) => json!(i),
        (ColumnKind::Integer | ColumnKind::Float, ValueRef::Real(f)) => json_number(f),
        (ColumnKind::Integer | ColumnKind::Float, ValueRef::Text(t)) => {
            let text = String::from_utf8_lossy(t);
            if let Ok(i) = text.trim().parse::<i64>() {
                json!(i)
            } else if let Some(f) = text.trim().parse::<f64>().ok().filter(|f| f.is_finite()) {
                json_number(f)
            } else {
                Value::String(text.into_owned())
            }
        }
        (_, ValueRef::Text(t)) => Value::String(String::from_utf8_lossy(t).into_owned()),
        (_, ValueRef::Integer(i)) => Value::String(i.to_string()),
        (_, ValueRef::Real(f)) => Value::String(f.to_string()),
        (_, ValueRef::Blob(b)) => {
            std::str::from_utf8(b).map_or(Value::Null, |s| Value::String(s.to_owned()))
        }
    }
}

/// One element of a stored JSON array, as the response shows it.
fn decode_element(kind: ColumnKind, item: Value) -> Value {
    match (kind, &item) {
        (ColumnKind::Float, Value::Number(n)) => match n.as_i64() {
            Some(i) => json!(i),
            None => n.as_f64().map_or(item.clone(), json_number),
        },
        (ColumnKind::Boolean, Value::Number(n)) => {
            Value::Bool(n.as_f64().is_some_and(|f| f != 0.0))
        }
        _ => item,
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use rusqlite::types::Value as SqlValue;

    use super::{sql_type, stored_unchanged};
    use crate::schema::{ColumnKind, ColumnSpec};

    /// What SQLite reads back of `value` stored in a column declared for `spec`.
    fn round_trip(spec: &ColumnSpec, value: &SqlValue) -> SqlValue {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        crate::query::collation::register(&conn).expect("the collations");
        conn.execute_batch(&format!("CREATE TABLE t (v {})", sql_type(spec)))
            .expect("the table");
        conn.execute("INSERT INTO t (v) VALUES (?1)", [value])
            .expect("the insert");
        conn.query_row("SELECT v FROM t", [], |row| row.get(0))
            .expect("the read")
    }

    #[test]
    fn a_value_counted_as_unchanged_reads_back_as_written() {
        let mut array = ColumnSpec::new("a", ColumnKind::Integer);
        array.array = true;
        let specs = [
            ColumnSpec::new("i", ColumnKind::Integer),
            ColumnSpec::new("f", ColumnKind::Float),
            ColumnSpec::new("b", ColumnKind::Boolean),
            ColumnSpec::new("s", ColumnKind::String),
            ColumnSpec::new("d", ColumnKind::Datetime),
            ColumnSpec::new("p", ColumnKind::Point),
            array,
        ];
        let values = [
            SqlValue::Null,
            SqlValue::Integer(9_007_199_254_740_993),
            SqlValue::Real(2.5),
            SqlValue::Real(3.0),
            SqlValue::Text("12".into()),
            SqlValue::Text("x".into()),
        ];
        let mut converted = 0;
        for spec in &specs {
            for value in &values {
                let read = round_trip(spec, value);
                if stored_unchanged(spec, value) {
                    assert_eq!(&read, value, "{:?} in {}", value, sql_type(spec));
                } else if &read != value {
                    converted += 1;
                }
            }
        }
        // The rule is not vacuous: SQLite does convert what it refuses.
        assert!(converted >= 6, "only {converted} conversions seen");
    }
}
