//! Descriptions of utopia's parameter validators, as Appwrite reports them after
//! "Invalid `name` param: " (or after a column's "Invalid document structure: …" label).
//! Each function or constant is one validator's description, as a function of its bounds;
//! compositions (an array around an inner validator, a nullable parameter) are built from
//! these pieces.

use std::fmt::Display;

/// utopia's `UID` validator: a row, table or user ID.
pub const UID_DESCRIPTION: &str = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore";

/// utopia's `Key` validator of 36 characters: a column or index key, a custom ID.
pub const KEY_DESCRIPTION: &str = "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";

/// The `Key` validator of `max` characters (team roles).
pub fn key(max: usize) -> String {
    KEY_DESCRIPTION.replacen("36", &max.to_string(), 1)
}

/// Appwrite's `DatetimeValidator` as configured for MariaDB (row values, column defaults).
pub const DATETIME_DESCRIPTION: &str =
    "Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.";

/// utopia's `Text` validator of `min..=max` characters (`max` 0: unbounded).
pub fn text(min: usize, max: usize) -> String {
    let mut message = String::from("Value must be a valid string");
    if min == max {
        message.push_str(&format!(" and exactly {max} chars"));
    } else {
        if min != 0 {
            message.push_str(&format!(" and at least {min} chars"));
        }
        if max != 0 {
            message.push_str(&format!(" and no longer than {max} chars"));
        }
    }
    message
}

/// utopia's `Text` validator with an allow-list of characters, listed in order.
pub fn text_allowing(min: usize, max: usize, allowed: &str) -> String {
    format!("{} and only consist of '{allowed}' chars", text(min, max))
}

/// utopia's `Boolean` validator.
pub const fn boolean() -> &'static str {
    "Value must be a valid boolean"
}

/// utopia's `Integer` validator without a bit width.
pub const fn integer() -> &'static str {
    "Value must be a valid integer"
}

/// utopia's `Integer` validator of `bits` (32 or 64); PHP computes the 64-bit bounds as
/// floats, hence `…808` on both ends.
pub const fn signed_integer(bits: u32) -> &'static str {
    if bits >= 64 {
        "Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808"
    } else {
        "Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647"
    }
}

/// The big-integer column's validator (1.9): the whole signed 64-bit range, exact bounds.
pub const fn big_integer() -> &'static str {
    "Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807"
}

/// utopia's `FloatValidator`.
pub const fn float() -> &'static str {
    "Value must be a valid float"
}

/// utopia's `Range` validator, its bounds as PHP's `number_format` prints them.
pub fn range(min: impl Display, max: impl Display) -> String {
    format!("Value must be a valid range between {min} and {max}")
}

/// utopia's `JSON` validator.
pub const fn json() -> &'static str {
    "Value must be a valid JSON string"
}

/// utopia's `Assoc` validator.
pub const fn object() -> &'static str {
    "Value must be a valid object."
}

/// Appwrite's `Email` validator.
pub const fn email() -> &'static str {
    "Value must be a valid email address"
}

/// utopia's `IP` validator.
pub const fn ip() -> &'static str {
    "Value must be a valid IP address"
}

/// utopia's `URL` validator without scheme restrictions.
pub const fn url() -> &'static str {
    "Value must be a valid URL"
}

/// utopia's `WhiteList` validator, its values in their declared order.
pub fn one_of(values: &[impl AsRef<str>]) -> String {
    let listed: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    format!("Value must be one of ({})", listed.join(", "))
}

/// utopia's `ArrayList` validator of at most `max` items around an `inner` description.
pub fn array_of(max: usize, inner: &str) -> String {
    format!("Value must a valid array no longer than {max} items and {inner}")
}

/// utopia's `Nullable` wrapper around a `description`.
pub fn or_null(description: &str) -> String {
    format!("{description} or null")
}

/// The database's `Spatial` validator: `kind` is the column type (`point`…), `message` the
/// spatial check's own.
pub fn spatial(kind: &str, message: &str) -> String {
    format!("Value must be a valid {kind}: {message}")
}

/// The row structure check: an array column given something else than a list.
pub fn not_an_array(key: &str) -> String {
    format!("Attribute \"{key}\" must be an array")
}

/// utopia's `Numeric` validator (counters' `value`, the `Limit` and `Offset` validators).
pub const fn number() -> &'static str {
    "Value must be a valid number"
}

/// Appwrite's transaction operations validator around an operation's `detail`.
pub fn array_items(detail: &str) -> String {
    format!("Value must a valid array and {detail}")
}

/// Appwrite's transaction operations validator: an operation that is not an object.
pub const fn not_a_list() -> &'static str {
    "Value must be an array"
}

/// Appwrite's transaction operations validator: an operation without `key`.
pub fn missing_key(key: &str) -> String {
    format!("Missing required key: {key}")
}

/// The row structure check: required column `key` absent or null.
pub fn missing_attribute(key: &str) -> String {
    format!("Missing required attribute \"{key}\"")
}

/// The row structure check: a key `key` that names no column.
pub fn unknown_attribute(key: &str) -> String {
    format!("Unknown attribute: \"{key}\"")
}
