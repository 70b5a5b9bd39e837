//! Appwrite's value validation for row writes and column defaults; the store's codec
//! (`store::codec`) turns the checked values into SQLite values, with these conventions:
//! * textual kinds (string, varchar, text, mediumtext, longtext, email, ip, url, enum) → TEXT;
//! * integer → INTEGER; float → REAL; boolean → INTEGER 0/1;
//! * datetime → TEXT in the server's format (`YYYY-MM-DDTHH:MM:SS.mmm+00:00`, sorts as text);
//! * arrays (any kind with `array`) → TEXT holding the JSON array of normalised elements;
//! * point / line / polygon → TEXT holding the JSON coordinates;
//! * JSON `null` → SQL NULL.
//!
//! Validation follows utopia-php/database's `Structure` validator as Appwrite configures it:
//! integer and float columns carry a range *format*, email/ip/url/enum columns a string format,
//! so their errors read `… has invalid format. …`; every other kind reports `… has invalid type.`.

use serde_json::{Map, Value, json};

use crate::error::catalogue;
use crate::error::catalogue::validators;
use crate::error::{ApiError, ApiResult};
use crate::schema::{ColumnKind, ColumnSpec, Range, json_number};
use crate::validate::datetime::{DATETIME_DESCRIPTION, parse_datetime};
use crate::validate::formats::{is_email, is_ip, is_url};

/// Largest value of a 4-byte integer column (`Database::MAX_INT`).
const MAX_INT32: i64 = 2_147_483_647;

/// A row value that passed validation, normalised.
pub enum Checked {
    /// `null`.
    Null,
    /// One value of a non-array column.
    Scalar(Scalar),
    /// The elements of an array column, as JSON.
    List(Vec<Value>),
}

/// Validates one value for a row write and returns it normalised (the store's codec turns it
/// into what SQLite holds).
///
/// `null` gives [`Checked::Null`] (required columns and defaults are the caller's business). On failure
/// the error is the text that follows `Invalid document structure: `, in Appwrite's words, e.g.
/// `Attribute "title" has invalid type. Value must be a valid string and no longer than 255 chars`.
/// Relationship values are resolved by the caller; a plain ID string is passed through.
pub fn check(spec: &ColumnSpec, value: &Value) -> Result<Checked, String> {
    if value.is_null() {
        return Ok(Checked::Null);
    }
    let label = error_label(spec);
    if spec.array {
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            // PHP decodes `{}` to an empty array and `{"0": a, "1": b}` to the list `[a, b]`.
            Value::Object(map) => match list_object_values(map) {
                Some(values) => values,
                None => return Err(validators::not_an_array(&spec.key)),
            },
            _ => return Err(validators::not_an_array(&spec.key)),
        };
        let mut stored = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            if item.is_null() && !spec.required {
                stored.push(Value::Null);
                continue;
            }
            match check_scalar(spec, item) {
                Ok(scalar) => stored.push(scalar.into_json()),
                Err(description) => {
                    return Err(format!(
                        "Attribute \"{}['{index}']\" has invalid {label}. {description}",
                        spec.key
                    ));
                }
            }
        }
        return Ok(Checked::List(stored));
    }
    check_scalar(spec, value)
        .map(Checked::Scalar)
        .map_err(|description| {
            format!(
                "Attribute \"{}\" has invalid {label}. {description}",
                spec.key
            )
        })
}

/// Validates a column's default (create/update column) and returns it normalised
/// (datetimes in the server's format, floats without a whole-number fraction, spatial values
/// as numeric coordinates). `null` gives `null`.
///
/// A value of the wrong type fails like Appwrite's `default` parameter validator
/// (`400 general_argument_invalid`, ``Invalid `default` param: … or null``); a value outside the
/// column's size or range, or not among the enum elements, fails with `400 column_value_invalid`.
/// The required/array conflicts (`column_default_unsupported`) are checked by the caller, after
/// this. Relationship columns have no default: any value is ignored (`null` returned).
pub fn check_default(spec: &ColumnSpec, default: &Value) -> ApiResult<Value> {
    if default.is_null() {
        return Ok(Value::Null);
    }
    let param =
        |description: &str| ApiError::param_invalid("default", &format!("{description} or null"));
    let out_of_bounds = catalogue::column_value_invalid;
    match spec.kind {
        ColumnKind::String | ColumnKind::Varchar => {
            let s = default
                .as_str()
                .ok_or_else(|| param(&text_description(0, 0)))?;
            let size = spec.size.unwrap_or(0);
            if !text_fits(s, size) {
                return Err(out_of_bounds(text_description(size, 0)));
            }
            Ok(Value::String(s.to_owned()))
        }
        ColumnKind::Text | ColumnKind::Mediumtext | ColumnKind::Longtext => {
            let s = default
                .as_str()
                .ok_or_else(|| param(&text_description(0, 0)))?;
            Ok(Value::String(s.to_owned()))
        }
        ColumnKind::Email => match default.as_str() {
            Some(s) if is_email(s) => Ok(Value::String(s.to_owned())),
            _ => Err(param(validators::email())),
        },
        ColumnKind::Ip => match default.as_str() {
            Some(s) if is_ip(s) => Ok(Value::String(s.to_owned())),
            _ => Err(param(validators::ip())),
        },
        ColumnKind::Url => match default.as_str() {
            Some(s) if is_url(s) => Ok(Value::String(s.to_owned())),
            _ => Err(param(validators::url())),
        },
        ColumnKind::Enum => {
            let s = default
                .as_str()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| param(&text_description(0, 1)))?;
            if !spec.elements.iter().any(|e| e == s) {
                return Err(catalogue::default_not_in_elements());
            }
            Ok(Value::String(s.to_owned()))
        }
        ColumnKind::Integer => {
            let i = default
                .as_i64()
                .ok_or_else(|| param(&integer_description(64)))?;
            let (min, max) = int_bounds(spec);
            if i < min || i > max {
                return Err(out_of_bounds(range_description(&spec.range, spec.kind)));
            }
            Ok(json!(i))
        }
        ColumnKind::Float => {
            let f = default.as_f64().ok_or_else(|| param(validators::float()))?;
            if !float_in_range(f, &spec.range) {
                return Err(out_of_bounds(range_description(&spec.range, spec.kind)));
            }
            Ok(json_number(f))
        }
        ColumnKind::Boolean => default
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| param(validators::boolean())),
        // Kept as sent (`2025-06-01`, `…+05:30`): Appwrite stores a datetime default
        // unconverted; rows that take it get the normalised value.
        ColumnKind::Datetime => default
            .as_str()
            .filter(|text| parse_datetime(text).is_some())
            .map(|text| Value::String(text.to_string()))
            .ok_or_else(|| param(DATETIME_DESCRIPTION)),
        // Kept in the shape sent (a polygon given as one ring stays one ring, columns.jsonl
        // 1.8.1 seq 528), coordinates as numbers; rows that take it get the normalised value.
        ColumnKind::Point | ColumnKind::Line | ColumnKind::Polygon => {
            spatial::validate(spec.kind, default)
                .map(|_| coordinates_as_numbers(default))
                .map_err(|message| param(&spatial_description(spec.kind, &message)))
        }
        ColumnKind::Relationship => Ok(Value::Null),
    }
}

/// `value` with every numeric string made a number (`"1.5"` → `1.5`), its shape unchanged.
fn coordinates_as_numbers(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(coordinates_as_numbers).collect()),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map_or_else(|| value.clone(), json_number),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Validator descriptions (utopia-php validators, as Appwrite 1.8 reports them).

/// `Utopia\Validator\Text($length, $min)`'s description (a negative bound counts as 0).
fn text_description(length: i64, min: i64) -> String {
    let bound = |n: i64| usize::try_from(n).unwrap_or(0);
    validators::text(bound(min), bound(length))
}

/// `Utopia\Validator\Integer(false, $bits)`'s description.
fn integer_description(bits: u32) -> String {
    validators::signed_integer(bits).to_owned()
}

/// `Utopia\Validator\Range`'s description for a column range.
fn range_description(range: &Range, kind: ColumnKind) -> String {
    let (min, max) = match (range, kind) {
        // PHP's `number_format` takes a float: 64-bit bounds print rounded (`…808`).
        (Range::Int { min, max }, _) => (format_float(*min as f64), format_float(*max as f64)),
        (Range::Float { min, max }, _) => (format_float(*min), format_float(*max)),
        (Range::None, ColumnKind::Float) => (format_float(-f64::MAX), format_float(f64::MAX)),
        (Range::None, _) => (format_float(i64::MIN as f64), format_float(i64::MAX as f64)),
    };
    validators::range(min, max)
}

/// `Utopia\Validator\Range` with integer bounds `min..=max`.
fn int_range_description(min: i64, max: i64) -> String {
    range_description(&Range::Int { min, max }, ColumnKind::Integer)
}

/// `Value must be a valid point: …` (`Utopia\Database\Validator\Spatial`).
fn spatial_description(kind: ColumnKind, message: &str) -> String {
    validators::spatial(kind.type_name(), message)
}

/// PHP `number_format($float)`: rounded half away from zero to a whole number, every digit
/// written out, thousands separated by commas, never `-0`.
fn format_float(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value < 0.0 {
            "-inf".to_owned()
        } else {
            "inf".to_owned()
        };
    }
    let rounded = value.round();
    if rounded == 0.0 {
        return "0".to_owned();
    }
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    group_thousands(&digits, &mut out);
    out
}

fn group_thousands(digits: &str, out: &mut String) {
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

// ---------------------------------------------------------------------------------------------
// Scalar validation.

/// A validated, normalised scalar.
pub enum Scalar {
    /// Text (textual kinds, datetimes).
    Text(String),
    /// An integer.
    Int(i64),
    /// A float.
    Real(f64),
    /// A boolean.
    Bool(bool),
    /// A JSON value (spatial coordinates).
    Json(Value),
}

impl Scalar {
    fn into_json(self) -> Value {
        match self {
            Scalar::Text(s) => Value::String(s),
            Scalar::Int(i) => json!(i),
            Scalar::Real(f) => json_number(f),
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Json(v) => v,
        }
    }
}

/// The values of a JSON object that PHP decodes to a list (keys `"0"`, `"1"`, …), in order.
fn list_object_values(map: &Map<String, Value>) -> Option<Vec<&Value>> {
    (0..map.len()).map(|i| map.get(&i.to_string())).collect()
}

/// `format` for the kinds Appwrite gives a format (ranges and string formats), else `type`.
fn error_label(spec: &ColumnSpec) -> &'static str {
    match spec.kind {
        // An inline create-table column given neither bound has no range format
        // (node-edge-cases.jsonl 1.9.6 seq 2875: `has invalid type`).
        ColumnKind::Integer | ColumnKind::Float if spec.unset_bounds == [true, true] => "type",
        ColumnKind::Integer
        | ColumnKind::Float
        | ColumnKind::Email
        | ColumnKind::Ip
        | ColumnKind::Url
        | ColumnKind::Enum => "format",
        _ => "type",
    }
}

/// 64 when the column's `max` exceeds 2 147 483 647 (Appwrite's 8-byte size), else 32.
pub fn integer_bits(spec: &ColumnSpec) -> u32 {
    if int_bounds(spec).1 > MAX_INT32 {
        64
    } else {
        32
    }
}

pub fn fits_bits(i: i64, bits: u32) -> bool {
    bits >= 64 || (-(MAX_INT32 + 1)..=MAX_INT32).contains(&i)
}

/// The integer bounds of a column.
fn int_bounds(spec: &ColumnSpec) -> (i64, i64) {
    match spec.range {
        Range::Int { min, max } => (min, max),
        // Saturating casts; never reached for well-formed integer columns.
        Range::Float { min, max } => (min as i64, max as i64),
        Range::None => (i64::MIN, i64::MAX),
    }
}

fn float_in_range(f: f64, range: &Range) -> bool {
    match *range {
        Range::Float { min, max } => min <= f && f <= max,
        Range::Int { min, max } => (min as f64) <= f && f <= (max as f64),
        Range::None => true,
    }
}

/// Length in characters (PHP `mb_strlen`); a size of 0 or less means unlimited.
fn text_fits(s: &str, size: i64) -> bool {
    if size <= 0 {
        return true;
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    // Cheap accept when even the byte length fits.
    s.len() <= size || s.chars().count() <= size
}

/// Validates one scalar value (or one array element); the error is the validator description.
fn check_scalar(spec: &ColumnSpec, value: &Value) -> Result<Scalar, String> {
    match spec.kind {
        kind if kind.is_textual() => {
            let size = spec.size.unwrap_or(0);
            let s = value
                .as_str()
                .filter(|s| text_fits(s, size))
                .ok_or_else(|| text_description(size, 0))?;
            match kind {
                ColumnKind::Email if !is_email(s) => Err(validators::email().to_owned()),
                ColumnKind::Ip if !is_ip(s) => Err(validators::ip().to_owned()),
                ColumnKind::Url if !is_url(s) => Err(validators::url().to_owned()),
                ColumnKind::Enum if !spec.elements.iter().any(|e| e == s) => {
                    Err(validators::one_of(&spec.elements))
                }
                _ => Ok(Scalar::Text(s.to_owned())),
            }
        }
        ColumnKind::Integer if spec.bigint => {
            // 1.9's bigint: the whole signed 64-bit range, −2^63 included, and numeric
            // strings are read as numbers.
            let i = value
                .as_i64()
                .or_else(|| value.as_str().and_then(|t| t.parse::<i64>().ok()))
                .ok_or_else(|| validators::big_integer().to_owned())?;
            let (min, max) = int_bounds(spec);
            if i < min || i > max {
                return Err(range_description(&spec.range, spec.kind));
            }
            Ok(Scalar::Int(i))
        }
        ColumnKind::Integer => {
            let bits = integer_bits(spec);
            let i = value
                .as_i64()
                .filter(|i| fits_bits(*i, bits))
                .ok_or_else(|| integer_description(bits))?;
            let limit = if bits >= 64 { i64::MAX } else { MAX_INT32 };
            if i < -limit {
                // Appwrite checks ±PHP_INT_MAX and prints the 64-bit bounds as PHP floats
                // (both releases: tour-rows.jsonl 1.9.6 seq 956, tour-v19.jsonl seq 2414).
                return Err(if bits >= 64 {
                    validators::range(format_float(i64::MIN as f64), format_float(i64::MAX as f64))
                } else {
                    int_range_description(-limit, limit)
                });
            }
            let (min, max) = int_bounds(spec);
            if i < min || i > max {
                return Err(range_description(&spec.range, spec.kind));
            }
            Ok(Scalar::Int(i))
        }
        ColumnKind::Float => {
            let f = value
                .as_f64()
                .ok_or_else(|| validators::float().to_owned())?;
            if !float_in_range(f, &spec.range) {
                return Err(range_description(&spec.range, spec.kind));
            }
            Ok(Scalar::Real(f))
        }
        ColumnKind::Boolean => value
            .as_bool()
            .map(Scalar::Bool)
            .ok_or_else(|| validators::boolean().to_owned()),
        ColumnKind::Datetime => value
            .as_str()
            .and_then(parse_datetime)
            .map(Scalar::Text)
            .ok_or_else(|| DATETIME_DESCRIPTION.to_owned()),
        ColumnKind::Point | ColumnKind::Line | ColumnKind::Polygon => {
            spatial::validate(spec.kind, value)
                .map(Scalar::Json)
                .map_err(|message| spatial_description(spec.kind, &message))
        }
        ColumnKind::Relationship => value
            .as_str()
            .map(|s| Scalar::Text(s.to_owned()))
            .ok_or_else(|| text_description(255, 0)),
        // Every textual kind is handled by the first arm.
        _ => Err(text_description(spec.size.unwrap_or(0), 0)),
    }
}

// ---------------------------------------------------------------------------------------------
// Spatial values.

mod spatial;

#[cfg(test)]
#[path = "value_tests.rs"]
mod tests;
