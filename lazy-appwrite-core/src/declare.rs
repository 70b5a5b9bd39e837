//! Checks of a column declaration: the structural ones (an array column with a default, a
//! spatial array, a default of the wrong type), and a default against the value rules.
//!
//! [`column_error`] is a `const fn` the derive's generated code evaluates for what only
//! the field's type reveals (a kind inferred from it), so its messages cannot carry
//! values; [`default_error`] is what the derive calls while expanding for a kind the
//! attribute names, with the value rules' own messages.

use serde_json::Value;

use crate::column::{ColumnSchema, ColumnType, DefaultValue, Options};
use crate::rules::{self, Violation};
use crate::text::{char_count, eq_str};

/// A spatial column declared as an array.
pub const SPATIAL_ARRAY: &str =
    "point, line and polygon columns cannot be arrays: use `Line` or `Polygon`";
/// A default on an array column.
pub const ARRAY_DEFAULT: &str = "an array column cannot have a default";
/// A default on a required column.
pub const REQUIRED_DEFAULT: &str = "a required column cannot have a default";
/// A default on a relationship column.
pub const RELATIONSHIP_DEFAULT: &str = "a relationship column cannot have a default";
/// A default of a point column that is not a point.
pub const POINT_DEFAULT: &str =
    "the default of a point column must be a point: `[longitude, latitude]`";
/// A default of a line column that is not a line.
pub const LINE_DEFAULT: &str =
    "the default of a line column must be a line: `[[longitude, latitude], …]`";
/// A default of a polygon column that is not a polygon.
pub const POLYGON_DEFAULT: &str =
    "the default of a polygon column must be a polygon: `[[[longitude, latitude], …], …]`";
/// A point default outside the coordinates' ranges.
pub const INVALID_POINT_DEFAULT: &str =
    "the default is not a valid point: longitude −180…180, latitude −90…90";
/// A line default with fewer than two points, or a point out of range.
pub const INVALID_LINE_DEFAULT: &str = "the default is not a valid line: two or more points, \
    longitude −180…180, latitude −90…90";
/// A polygon default without rings, with a short or open ring, or a point out of range.
pub const INVALID_POLYGON_DEFAULT: &str = "the default is not a valid polygon: one or more \
    rings of four or more points, each ending with its first point, longitude −180…180, \
    latitude −90…90";
/// A default of an integer kind that is not an integer.
pub const INTEGER_DEFAULT: &str = "the default of an integer column must be an integer";
/// A default of a float kind that is not a number.
pub const FLOAT_DEFAULT: &str = "the default of a float column must be a number";
/// A default of a boolean kind that is not `true` or `false`.
pub const BOOLEAN_DEFAULT: &str = "the default of a boolean column must be `true` or `false`";
/// A default of a text kind that is not a string.
pub const TEXT_DEFAULT: &str = "the default of a text column must be a string literal";

/// What is wrong with a column declaration, if anything.
///
/// ```
/// use lazy_appwrite_core::{ColumnSchema, ColumnType, DefaultValue, declare::column_error};
/// let age = ColumnSchema::new("age", ColumnType::Integer { min: Some(0), max: Some(255) });
/// assert_eq!(column_error(&age.default_value(DefaultValue::Integer(300))),
///     Some("the default is more than the column's maximum"));
/// assert_eq!(column_error(&age.default_value(DefaultValue::Integer(3))), None);
///
/// let home = ColumnSchema::new("home", ColumnType::Point);
/// assert_eq!(column_error(&home.default_value(DefaultValue::Point([2.35, 48.85]))), None);
/// assert_eq!(column_error(&home.default_value(DefaultValue::Point([200.0, 0.0]))),
///     Some(lazy_appwrite_core::declare::INVALID_POINT_DEFAULT));
/// assert_eq!(column_error(&home.default_value(DefaultValue::Line(&[[0.0, 0.0], [1.0, 1.0]]))),
///     Some(lazy_appwrite_core::declare::POINT_DEFAULT));
/// ```
pub const fn column_error(column: &ColumnSchema) -> Option<&'static str> {
    let options = column.kind.options();
    if matches!(options, Options::Spatial) && column.array {
        return Some(SPATIAL_ARRAY);
    }
    let Some(default) = &column.default else {
        return None;
    };
    if column.array {
        return Some(ARRAY_DEFAULT);
    }
    if column.required {
        return Some(REQUIRED_DEFAULT);
    }
    match (options, default) {
        (Options::Int { min, max }, DefaultValue::Integer(v)) => {
            if let Some(min) = min
                && *v < min
            {
                return Some("the default is less than the column's minimum");
            }
            if let Some(max) = max
                && *v > max
            {
                return Some("the default is more than the column's maximum");
            }
            None
        }
        (Options::Int { .. }, _) => Some(INTEGER_DEFAULT),
        (Options::Float { min, max }, DefaultValue::Integer(_) | DefaultValue::Float(_)) => {
            #[allow(clippy::cast_precision_loss)]
            let v = match default {
                DefaultValue::Integer(i) => *i as f64,
                DefaultValue::Float(f) => *f,
                _ => 0.0,
            };
            if let Some(min) = min
                && v < min
            {
                return Some("the default is less than the column's minimum");
            }
            if let Some(max) = max
                && v > max
            {
                return Some("the default is more than the column's maximum");
            }
            None
        }
        (Options::Float { .. }, _) => Some(FLOAT_DEFAULT),
        (Options::Flag, DefaultValue::Boolean(_)) => None,
        (Options::Flag, _) => Some(BOOLEAN_DEFAULT),
        (Options::Elements(elements), DefaultValue::String(s)) => {
            let mut i = 0;
            while i < elements.len() {
                if eq_str(elements[i], s) {
                    return None;
                }
                i += 1;
            }
            Some("the default is not one of the enum's elements")
        }
        (Options::Link(_), _) => Some(RELATIONSHIP_DEFAULT),
        (Options::Spatial, _) => geometry_error(&column.kind, default),
        (_, DefaultValue::String(s)) => match column.kind.max_chars() {
            Some(max) if char_count(s) > max => {
                Some("the default is longer than the column's size")
            }
            _ => None,
        },
        (_, _) => Some(TEXT_DEFAULT),
    }
}

/// What is wrong with geometry `default` for spatial kind `kind`: a shape that is not the
/// kind's, or coordinates and points that break the rules
/// ([`check_geometry`](crate::rules::check_geometry)'s, in a `const fn`).
const fn geometry_error(kind: &ColumnType, default: &DefaultValue) -> Option<&'static str> {
    let valid = match (kind, default) {
        (ColumnType::Point, DefaultValue::Point(point)) => point_is_valid(point),
        (ColumnType::Line, DefaultValue::Line(points)) => {
            points.len() >= 2 && points_are_valid(points)
        }
        (ColumnType::Polygon, DefaultValue::Polygon(rings)) => {
            let mut valid = !rings.is_empty();
            let mut i = 0;
            while i < rings.len() {
                valid = valid && ring_is_valid(rings[i]);
                i += 1;
            }
            valid
        }
        (ColumnType::Point | ColumnType::Line | ColumnType::Polygon, _) => {
            return Some(geometry_messages(kind).0);
        }
        _ => true,
    };
    if valid {
        None
    } else {
        Some(geometry_messages(kind).1)
    }
}

/// What a default of spatial kind `kind` must look like, and what it breaks when it has
/// that shape but is not valid.
const fn geometry_messages(kind: &ColumnType) -> (&'static str, &'static str) {
    match kind {
        ColumnType::Point => (POINT_DEFAULT, INVALID_POINT_DEFAULT),
        ColumnType::Line => (LINE_DEFAULT, INVALID_LINE_DEFAULT),
        _ => (POLYGON_DEFAULT, INVALID_POLYGON_DEFAULT),
    }
}

/// How deeply geometry `value` nests lists (by first items): 1 for a point, 2 for a line,
/// 3 for a polygon.
fn json_depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.first().map_or(0, json_depth),
        _ => 0,
    }
}

/// What is wrong with geometry `value` (as JSON) for spatial kind `kind`: its shape, or
/// its coordinates and points.
fn geometry_json_error(kind: &ColumnType, value: &Value) -> Option<&'static str> {
    if rules::check_geometry(kind, value).is_ok() {
        return None;
    }
    let depth = match kind {
        ColumnType::Point => 1,
        ColumnType::Line => 2,
        _ => 3,
    };
    let (shape, invalid) = geometry_messages(kind);
    Some(if json_depth(value) == depth {
        invalid
    } else {
        shape
    })
}

/// A longitude within −180…180 and a latitude within −90…90 (`NaN` is neither).
const fn point_is_valid([lon, lat]: &[f64; 2]) -> bool {
    *lon >= -180.0 && *lon <= 180.0 && *lat >= -90.0 && *lat <= 90.0
}

const fn points_are_valid(points: &[[f64; 2]]) -> bool {
    let mut i = 0;
    while i < points.len() {
        if !point_is_valid(&points[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Four or more valid points, the last the first.
const fn ring_is_valid(ring: &[[f64; 2]]) -> bool {
    match (ring.first(), ring.last()) {
        (Some(first), Some(last)) => {
            ring.len() >= 4 && first[0] == last[0] && first[1] == last[1] && points_are_valid(ring)
        }
        _ => false,
    }
}

/// Fails the build with the declaration's error (the generated code evaluates it in a
/// `const`).
#[doc(hidden)]
pub const fn assert_column(column: &ColumnSchema) {
    if let Some(message) = column_error(column) {
        panic!("{}", message);
    }
}

/// The message for a default that breaks a value rule.
///
/// ```
/// let v = lazy_appwrite_core::rules::check_ip("x").unwrap_err();
/// assert_eq!(lazy_appwrite_core::declare::default_violation(&v),
///     "the default breaks rule `ip`: `x` is not an IPv4 or IPv6 address");
/// ```
pub fn default_violation(violation: &Violation) -> String {
    format!("the default breaks {violation}")
}

/// What is wrong with `default` (as JSON) for a column of kind `kind`, checked with the
/// value rules: the derive's check of a default for a kind its attribute names.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, declare::default_error};
/// use serde_json::json;
/// let age = ColumnType::Integer { min: Some(0), max: Some(150) };
/// assert_eq!(default_error(&age, &json!(151)).as_deref(),
///     Some("the default breaks rule `max`: 151 is more than the maximum 150"));
/// assert_eq!(default_error(&age, &json!("x")).as_deref(),
///     Some("the default of an integer column must be an integer"));
/// assert_eq!(default_error(&ColumnType::Email, &json!("a@b.io")), None);
/// assert_eq!(default_error(&ColumnType::Line, &json!([[0, 0], [1, 1]])), None);
/// assert_eq!(default_error(&ColumnType::Line, &json!("x")).as_deref(),
///     Some(lazy_appwrite_core::declare::LINE_DEFAULT));
/// assert_eq!(default_error(&ColumnType::Line, &json!([[0, 0]])).as_deref(),
///     Some(lazy_appwrite_core::declare::INVALID_LINE_DEFAULT));
/// ```
pub fn default_error(kind: &ColumnType, default: &Value) -> Option<String> {
    let structural = match (kind.options(), default) {
        (Options::Link(_), _) => Some(RELATIONSHIP_DEFAULT),
        (Options::Spatial, value) => geometry_json_error(kind, value),
        (Options::Int { .. }, Value::Number(n)) if n.is_i64() => None,
        (Options::Int { .. }, _) => Some(INTEGER_DEFAULT),
        (Options::Float { .. }, Value::Number(_)) => None,
        (Options::Float { .. }, _) => Some(FLOAT_DEFAULT),
        (Options::Flag, Value::Bool(_)) => None,
        (Options::Flag, _) => Some(BOOLEAN_DEFAULT),
        (_, Value::String(_)) => None,
        (_, _) => Some(TEXT_DEFAULT),
    };
    if let Some(message) = structural {
        return Some(message.to_owned());
    }
    rules::check_json_value(kind, default)
        .err()
        .map(|v| default_violation(&v))
}
