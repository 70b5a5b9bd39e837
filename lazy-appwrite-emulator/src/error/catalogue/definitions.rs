//! The messages of the column and index definition checks: the database's index validator
//! (sent as `index_invalid`), 1.9's inline table schema (`attributes`/`indexes` of a table
//! create, sent as `general_argument_invalid`) and the column type checks.

use std::fmt::Display;

/// An index whose `key` names a column the table lacks.
pub fn index_column_not_found(key: &str) -> String {
    format!("Invalid index attribute \"{key}\" not found")
}

/// 1.9.6's prefix to an index failure met while a relationship creates its indexes.
pub fn relationship_indexes_failed(message: &str) -> String {
    format!("Failed to create relationship indexes: {message}")
}

/// An index of no columns.
pub const NO_INDEX_COLUMNS: &str = "No attributes provided for index";

/// An index naming a column twice.
pub const DUPLICATE_INDEX_COLUMNS: &str = "Duplicate attributes provided";

/// An index keyed `primary`.
pub const RESERVED_INDEX_KEY: &str = "Index key name is reserved";

/// An index of more orders than columns.
pub const TOO_MANY_ORDERS: &str =
    "Invalid index orders. Count of orders must be equal or less than the number of attributes.";

/// An index of more lengths than columns.
pub const TOO_MANY_LENGTHS: &str =
    "Invalid index lengths. Count of lengths must be equal or less than the number of attributes.";

/// An index of kind `titled` (capitalised) on an array column, which only `key` allows.
pub fn array_index_forbidden(titled: &str) -> String {
    format!("\"{titled}\" index is forbidden on array attributes")
}

/// An index of two array columns.
pub const ONE_ARRAY_COLUMN: &str = "An index may only contain one array attribute";

/// A fulltext index on column `key` that is not a string.
pub fn fulltext_needs_string(key: &str) -> String {
    format!("Attribute \"{key}\" cannot be part of a fulltext index, must be of type string")
}

/// A spatial index of more or fewer than one column.
pub const SPATIAL_ONE_COLUMN: &str = "Spatial index must have exactly one attribute";

/// A spatial index on the optional column `key`.
pub fn spatial_index_nullable(key: &str) -> String {
    format!(
        "Spatial indexes do not allow null values. Mark the attribute \"{key}\" as required or create the index on a column with no null values."
    )
}

/// A spatial index on column `key` of type `type_name`.
pub fn spatial_index_on_non_spatial(key: &str, type_name: &str) -> String {
    format!(
        "Spatial index can only be created on spatial attributes (point, linestring, polygon). Attribute \"{key}\" is of type \"{type_name}\""
    )
}

/// A `kind` (key or unique) index on spatial column `key`.
pub fn non_spatial_index_on_spatial(kind: &str, key: &str) -> String {
    format!(
        "Cannot create {kind} index on spatial attribute \"{key}\". Spatial attributes require spatial indexes."
    )
}

/// A negative length for column `key`.
pub fn negative_index_length(key: &str) -> String {
    format!("Negative index length provided for {key}")
}

/// A length on a column of type `type_name`, which is not text.
pub fn length_on_non_text(type_name: &str) -> String {
    format!("Cannot set a length on \"{type_name}\" attributes")
}

/// A `length` past column `key`'s `size` (the stray quote is Appwrite's).
pub fn index_length_over_size(length: i64, key: &str, size: i64) -> String {
    format!("Index length {length} is larger than the size for {key}: {size}\"")
}

/// An index whose lengths add up past `max`.
pub fn index_too_long(max: impl Display) -> String {
    format!("Index length is longer than the maximum: {max}")
}

/// A column create of type `kind` and format `format` that no route answers.
pub fn unknown_column_type(kind: &str, format: &str) -> String {
    format!("Invalid column type \"{kind}\" with format \"{format}\"")
}

/// A required spatial column added to a table that has rows.
pub const REQUIRED_SPATIAL_ON_ROWS: &str =
    "Failed to add required spatial column: existing rows present. Make the column optional.";

/// The inline schema: two attributes of key `key`.
pub fn duplicate_attribute(key: &str) -> String {
    format!("Duplicate attribute key: {key}")
}

/// The inline schema: attribute number `index` without `field` (`key` or `type`).
pub fn attribute_field_missing(index: usize, field: &str) -> String {
    format!("Attribute at index {index} is missing required field '{field}'")
}

/// The inline schema: attribute number `index` with an invalid key (`description`: the key
/// validator's).
pub fn attribute_key_invalid(index: usize, description: &str) -> String {
    format!("Invalid key for attribute at index {index}: {description}")
}

/// The inline schema: attribute `key` of unknown type `kind`.
pub fn attribute_type_invalid(key: &str, kind: &str) -> String {
    format!("Invalid type for attribute '{key}': {kind}")
}

/// The inline schema: string attribute `key` of unknown format `format`.
pub fn attribute_format_invalid(key: &str, format: &str) -> String {
    format!("Invalid format for attribute '{key}': {format}")
}

/// The inline schema: a format on attribute `key`, which is not a string.
pub fn format_on_non_string(key: &str) -> String {
    format!("Format is only allowed for string type for attribute '{key}'")
}

/// The inline schema: attribute `key`'s `required` is not a boolean.
pub fn required_not_boolean(key: &str) -> String {
    format!("Invalid 'required' value for attribute '{key}': must be a boolean")
}

/// The inline schema: string attribute `key` without a size in `1..=max`.
pub fn string_size_invalid(key: &str, max: impl Display) -> String {
    format!(
        "Invalid or missing size for string attribute '{key}'. Size must be between 1 and {max}"
    )
}

/// The inline schema: required attribute `key` with a default.
pub fn default_on_required(key: &str) -> String {
    format!("Attribute '{key}' cannot have a default value when required is true")
}

/// The inline schema: index number `index` without a key.
pub fn index_key_missing(index: usize) -> String {
    format!("Index at position {index} is missing required field 'key'")
}

/// The inline schema: index `key` of unknown type `kind`.
pub fn index_type_invalid(key: &str, kind: &str) -> String {
    format!("Invalid type for index '{key}': {kind}")
}

/// The inline schema: index `key` of no attributes.
pub fn index_without_attributes(key: &str) -> String {
    format!("Index '{key}' must have at least one attribute")
}

/// The inline schema: index number `index` without an `attributes` list.
pub fn index_attributes_missing(index: usize) -> String {
    format!("Index at position {index} is missing required field 'attributes' (must be an array)")
}

/// The inline schema: two indexes of key `key`.
pub fn duplicate_index(key: &str) -> String {
    format!("Duplicate index key: {key}")
}

/// 1.9.6's wording of an index naming column `key` the table lacks (`column_unknown`).
pub fn unknown_column(key: &str) -> String {
    format!("Unknown column: {key}. Verify the column name or create the column.")
}
