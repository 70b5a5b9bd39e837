//! The operator validator's messages (a row update's `increment`, `arrayAppend`,
//! `stringConcat`… operators checked against their column), sent as
//! `general_argument_invalid` or `document_invalid_structure` by the caller. `method` is the
//! operator's name, `key` the column's.

use std::fmt::Display;

/// The parser: an operator `attribute` of `php_type` instead of a string.
pub fn attribute_not_string(php_type: &str) -> String {
    format!("Invalid operator attribute. Must be a string, got {php_type}")
}

/// The parser: operator `values` of `php_type` instead of an array.
pub fn values_not_array(php_type: &str) -> String {
    format!("Invalid operator values. Must be an array, got {php_type}")
}

/// An arithmetic operator on a column that is not numeric.
pub fn not_numeric_field(method: &str, key: &str) -> String {
    format!("Cannot apply {method} operator to non-numeric field '{key}'")
}

/// An arithmetic operator whose operand (of PHP type `php_type`) is not numeric.
pub fn value_not_numeric(method: &str, php_type: &str) -> String {
    format!("Cannot apply {method} operator: value must be numeric, got {php_type}")
}

/// `divide` or `modulo` by zero (`what` is "division" or "modulo").
pub fn by_zero(method: &str, what: &str) -> String {
    format!("Cannot apply {method} operator: {what} by zero")
}

/// An arithmetic operator whose limit (of PHP type `php_type`) is not numeric.
pub fn limit_not_numeric(method: &str, php_type: &str) -> String {
    format!("Cannot apply {method} operator: max/min limit must be numeric, got {php_type}")
}

/// An arithmetic operator whose result would pass the column's `max`.
pub fn would_overflow(method: &str, max: impl Display) -> String {
    format!("Cannot apply {method} operator: would overflow maximum value of {max}")
}

/// An arithmetic operator whose result would pass the column's `min`.
pub fn would_underflow(method: &str, min: impl Display) -> String {
    format!("Cannot apply {method} operator: would underflow minimum value of {min}")
}

/// An array operator on a column that is not an array.
pub fn not_array_field(method: &str, key: &str) -> String {
    format!("Cannot apply {method} operator to non-array field '{key}'")
}

/// `arrayIntersect`/`arrayDiff` on a column that is not an array.
pub fn not_array_attribute(method: &str, key: &str) -> String {
    format!("Cannot use {method} operator on non-array attribute '{key}'")
}

/// Items added to an integer array outside `min..=max`.
pub fn items_out_of_range(method: &str, min: impl Display, max: impl Display) -> String {
    format!("Cannot apply {method} operator: array items must be between {min} and {max}")
}

/// `arrayInsert` without exactly an index and a value.
pub fn insert_arity(method: &str) -> String {
    format!("Cannot apply {method} operator: requires exactly 2 values (index and value)")
}

/// `arrayInsert` at an index that is not a non-negative integer.
pub fn index_negative(method: &str) -> String {
    format!("Cannot apply {method} operator: index must be a non-negative integer")
}

/// `arrayInsert` past the end of the current array of `len` items.
pub fn index_out_of_bounds(method: &str, index: i64, len: usize) -> String {
    format!(
        "Cannot apply {method} operator: index {index} is out of bounds for array of length {len}"
    )
}

/// `arrayRemove` without a value.
pub fn remove_needs_value(method: &str) -> String {
    format!("Cannot apply {method} operator: requires a value to remove")
}

/// `arrayIntersect` without values.
pub fn needs_non_empty_array(method: &str) -> String {
    format!("{method} operator requires a non-empty array value")
}

/// `arrayFilter` without a condition, or with more than a condition and a value.
pub fn filter_arity(method: &str) -> String {
    format!(
        "Cannot apply {method} operator: requires 1 or 2 values (condition and optional comparison value)"
    )
}

/// `arrayFilter` whose condition is not a string.
pub fn filter_condition_not_string(method: &str) -> String {
    format!("Cannot apply {method} operator: condition must be a string")
}

/// `arrayFilter` with an unknown `condition` (`listed`: the known ones, comma-separated).
pub fn filter_condition_unknown(condition: &str, listed: &str) -> String {
    format!("Invalid array filter condition '{condition}'. Must be one of: {listed}")
}

/// A string operator on a column that is not a string.
pub fn not_string_field(method: &str, key: &str) -> String {
    format!("Cannot apply {method} operator to non-string field '{key}'")
}

/// `stringConcat` without a string.
pub fn needs_string(method: &str) -> String {
    format!("Cannot apply {method} operator: requires a string value")
}

/// `stringConcat` past the column's `size`.
pub fn too_long(method: &str, size: i64) -> String {
    format!(
        "Cannot apply {method} operator: result would exceed maximum length of {size} characters"
    )
}

/// `stringReplace` without exactly a search and a replacement string.
pub fn replace_arity(method: &str) -> String {
    format!("Cannot apply {method} operator: requires exactly 2 string values (search and replace)")
}

/// `toggle` on a column that is not a boolean.
pub fn not_boolean_field(method: &str, key: &str) -> String {
    format!("Cannot apply {method} operator to non-boolean field '{key}'")
}

/// A date operator on a column that is not a datetime.
pub fn not_datetime_field(method: &str, key: &str) -> String {
    format!("Cannot apply {method} operator to non-datetime field '{key}'")
}

/// `dateAddDays`/`dateSubDays` without an integer number of days.
pub fn needs_days(method: &str) -> String {
    format!("Cannot apply {method} operator: requires an integer number of days")
}
