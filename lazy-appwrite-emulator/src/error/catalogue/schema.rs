//! Databases, tables, columns, indexes, defaults and cursors.

use super::general::bad_request;
use crate::error::{ApiError, ErrorType};

/// `400 column_value_invalid`: a range whose minimum is not below its maximum.
pub fn min_not_below_max() -> ApiError {
    ApiError::new(
        ErrorType::ColumnValueInvalid,
        "Minimum value must be lesser than maximum value",
    )
}

/// `400 column_value_invalid`: an enum column without elements.
pub fn enum_elements_empty() -> ApiError {
    ApiError::new(
        ErrorType::ColumnValueInvalid,
        "Enum elements must not be empty",
    )
}

/// `400 general_bad_request`: an encrypted string column under 150 characters.
pub fn encrypted_size_too_small() -> ApiError {
    bad_request("Size too small. Encrypted strings require a minimum size of 150 characters.")
}

/// `400 column_limit_exceeded`: table `table` holds as many columns as it may.
pub fn column_limit(table: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnLimitExceeded,
        format!("The maximum number or size of columns for table '{table}' has been reached."),
    )
}

/// `400 column_default_unsupported`: a default on a required column.
pub fn default_on_required() -> ApiError {
    ApiError::new(
        ErrorType::ColumnDefaultUnsupported,
        "Cannot set default value for required column",
    )
}

/// `400 column_default_unsupported`: a default on an array column.
pub fn default_on_array() -> ApiError {
    ApiError::new(
        ErrorType::ColumnDefaultUnsupported,
        "Cannot set default value for array columns",
    )
}

/// `400 column_type_invalid`: an update through another kind's route.
pub fn column_type_invalid(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnTypeInvalid,
        format!("The column '{key}' type is invalid."),
    )
}

/// `400 column_invalid_resize`: a shrink below the stored data.
pub fn column_invalid_resize() -> ApiError {
    ApiError::new(
        ErrorType::ColumnInvalidResize,
        "Existing data is too large for new size, truncate your existing data then try again.",
    )
}

/// `400 column_index_invalid` with the index validator's message.
pub fn index_invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ColumnIndexInvalid, message)
}

/// `400 column_index_limit_exceeded`.
pub fn index_limit(table: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnIndexLimitExceeded,
        format!("The maximum number of indexes for table '{table}' has been reached."),
    )
}

/// `400 column_unknown`: an index over a column that is not there.
pub fn index_column_unknown(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnUnknown,
        format!(
            "The column '{key}' required for the index could not be found. Please confirm all your columns are in the available state."
        ),
    )
}

/// `400 column_type_invalid`: an index over a relationship column.
pub fn index_on_relationship(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnTypeInvalid,
        format!("Cannot create an index for a relationship column: {key}"),
    )
}

/// `400 index_invalid`: an index over an array column where the release refuses them.
pub fn index_on_array() -> ApiError {
    ApiError::new(
        ErrorType::IndexInvalid,
        "Creating indexes on array attributes is not currently supported.",
    )
}

/// `409 column_index_already_exists`.
pub fn index_exists(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnIndexAlreadyExists,
        format!(
            "Index with the requested key '{key}' already exists. Try again with a different key."
        ),
    )
}

/// `409 database_already_exists`.
pub fn database_exists(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::DatabaseAlreadyExists,
        format!(
            "Database with the requested ID '{id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
        ),
    )
}

/// `409 table_already_exists`.
pub fn table_exists(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::TableAlreadyExists,
        format!(
            "A table with the requested ID '{id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
        ),
    )
}

/// `400 column_value_invalid` with the validator's description (a default out of bounds).
pub fn column_value_invalid(description: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ColumnValueInvalid, description)
}

/// `400 column_value_invalid`: an enum default that is not an element.
pub fn default_not_in_elements() -> ApiError {
    column_value_invalid("Default value not found in elements")
}

/// `400 general_argument_invalid` with a message of the caller's (an inline definition's
/// validator).
pub fn argument_invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::GeneralArgumentInvalid, message)
}

/// `400 general_argument_invalid`: an inline index SQLite cannot build.
pub fn inline_index_invalid(reason: &str) -> ApiError {
    argument_invalid(format!("Invalid `indexes` param: {reason}"))
}

/// `400 general_cursor_not_found`: `label` ("Row", "Database"…) `id` is not there.
pub fn cursor_not_found(label: &str, id: &str) -> ApiError {
    ApiError::new(
        ErrorType::GeneralCursorNotFound,
        format!("{label} '{id}' for the 'cursor' value not found."),
    )
}

/// `400 database_query_order_null` with its message.
pub fn order_null(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::DatabaseQueryOrderNull, message)
}

/// `400 database_query_order_null`: a row's order column `attribute` is null.
pub fn row_order_null(attribute: &str) -> ApiError {
    order_null(super::queries::order_null_column(attribute))
}
