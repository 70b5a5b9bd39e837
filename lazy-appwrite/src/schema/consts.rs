//! Checks of a column declaration that run while the model compiles (`const fn`s the
//! generated code evaluates), for what only the field's type reveals: an array column with
//! a default, a default that does not fit a kind inferred from the type (an integer out of
//! a `u8`'s range, text not among a derived enum's elements), a spatial array.

use super::column::{ColumnSchema, ColumnType, DefaultValue};

pub(crate) const fn eq_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn char_count(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// What is wrong with a column declaration, if anything.
///
/// ```
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType, DefaultValue, consts::column_error};
/// let age = ColumnSchema::new("age", ColumnType::Integer { min: Some(0), max: Some(255) });
/// assert_eq!(column_error(&age.default_value(DefaultValue::Integer(300))),
///     Some("the default is more than the column's maximum"));
/// assert_eq!(column_error(&age.default_value(DefaultValue::Integer(3))), None);
/// ```
pub const fn column_error(column: &ColumnSchema) -> Option<&'static str> {
    let spatial = matches!(
        column.kind,
        ColumnType::Point | ColumnType::Line | ColumnType::Polygon
    );
    if spatial && column.array {
        return Some("point, line and polygon columns cannot be arrays: use `Line` or `Polygon`");
    }
    let Some(default) = &column.default else {
        return None;
    };
    if column.array {
        return Some("an array column cannot have a default");
    }
    if column.required {
        return Some("a required column cannot have a default");
    }
    match (&column.kind, default) {
        (ColumnType::Integer { min, max }, DefaultValue::Integer(v)) => {
            if let Some(min) = min
                && *v < *min
            {
                return Some("the default is less than the column's minimum");
            }
            if let Some(max) = max
                && *v > *max
            {
                return Some("the default is more than the column's maximum");
            }
            None
        }
        (ColumnType::Integer { .. }, _) => {
            Some("the default of an integer column must be an integer")
        }
        (ColumnType::Float { min, max }, DefaultValue::Integer(_) | DefaultValue::Float(_)) => {
            #[allow(clippy::cast_precision_loss)]
            let v = match default {
                DefaultValue::Integer(i) => *i as f64,
                DefaultValue::Float(f) => *f,
                _ => 0.0,
            };
            if let Some(min) = min
                && v < *min
            {
                return Some("the default is less than the column's minimum");
            }
            if let Some(max) = max
                && v > *max
            {
                return Some("the default is more than the column's maximum");
            }
            None
        }
        (ColumnType::Float { .. }, _) => Some("the default of a float column must be a number"),
        (ColumnType::Boolean, DefaultValue::Boolean(_)) => None,
        (ColumnType::Boolean, _) => {
            Some("the default of a boolean column must be `true` or `false`")
        }
        (ColumnType::Enum { elements }, DefaultValue::String(s)) => {
            let mut i = 0;
            while i < elements.len() {
                if eq_str(elements[i], s) {
                    return None;
                }
                i += 1;
            }
            Some("the default is not one of the enum's elements")
        }
        (ColumnType::Relationship(_), _) => Some("a relationship column cannot have a default"),
        (ColumnType::Point | ColumnType::Line | ColumnType::Polygon, _) => {
            Some("point, line and polygon defaults are not supported by #[derive(Table)]")
        }
        (kind, DefaultValue::String(s)) => match kind.max_chars() {
            Some(max) if char_count(s) > max => {
                Some("the default is longer than the column's size")
            }
            _ => None,
        },
        (_, _) => Some("the default of a text column must be a string literal"),
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
