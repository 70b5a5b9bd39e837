//! Rows, counters, permissions, operators and relationship values.

use super::general::bad_request;
use crate::error::{ApiError, ErrorType};

/// `409 row_update_conflict`: the row changed after `X-Appwrite-Timestamp`.
pub fn row_newer_than_request() -> ApiError {
    ApiError::new(
        ErrorType::RowUpdateConflict,
        "Remote row is newer than local.",
    )
}

/// `400 row_missing_data`: a single create without `data`.
pub fn row_data_missing() -> ApiError {
    ApiError::new(
        ErrorType::RowMissingData,
        "The row data is missing. Try again with row data populated.",
    )
}

/// `400 row_missing_data`: a single create without `rowId`.
pub fn row_id_missing() -> ApiError {
    ApiError::new(
        ErrorType::RowMissingData,
        "Row ID is required when creating a single row.",
    )
}

/// `400 row_missing_payload`: an update with neither data nor permissions.
pub fn row_payload_missing() -> ApiError {
    ApiError::new(
        ErrorType::RowMissingPayload,
        "The row data and permissions are missing. You must provide either row data or permissions to be updated.",
    )
}

/// `400 general_bad_request`: `POST …/rows` with both `data` and `rows`.
pub fn data_and_rows() -> ApiError {
    bad_request("You can only send one of the following parameters: data, rows")
}

/// `400 general_bad_request`: a bulk create with `rowId`.
pub fn bulk_row_id() -> ApiError {
    bad_request(
        "Param \"rowId\" is not allowed when creating multiple rows, set \"$id\" on each instead.",
    )
}

/// `400 general_bad_request`: a bulk create with `permissions`.
pub fn bulk_permissions() -> ApiError {
    bad_request(
        "Param \"permissions\" is disallowed when creating multiple rows, set \"$permissions\" on each instead",
    )
}

/// `400 general_bad_request`: a direct bulk `what` on a table with relationships (Appwrite
/// says "columns" for create, "attributes" for the others).
pub fn bulk_with_relationships(what: &str) -> ApiError {
    let noun = if what == "create" {
        "columns"
    } else {
        "attributes"
    };
    bad_request(format!(
        "Bulk {what} is not supported for tablesDB with relationship {noun}"
    ))
}

/// `400 general_bad_request`: a staged bulk `what` on a table with relationships.
pub fn staged_bulk_with_relationships(what: &str) -> ApiError {
    bad_request(format!(
        "Bulk {what} is not supported for tablesdb with relationship columns"
    ))
}

/// `403 row_delete_restricted`.
pub fn row_delete_restricted() -> ApiError {
    ApiError::new(
        ErrorType::RowDeleteRestricted,
        "Row cannot be deleted because it is referenced by another row.",
    )
}

/// `404 column_not_found` of the counter endpoints: Appwrite sends its message unformatted.
pub fn counter_column_not_found() -> ApiError {
    ApiError::new(
        ErrorType::ColumnNotFound,
        "Column with the requested key '%s' could not be found.",
    )
}

/// `400 attribute_type_invalid`: a counter on a column that is not a number.
pub fn counter_not_a_number(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::AttributeTypeInvalid,
        format!("tablesDB \"{key}\" is not a number"),
    )
}

/// `400 column_limit_exceeded`: a counter past its `bound_word` ("maximum"/"minimum").
pub fn counter_limit(key: &str, bound_word: &str, bound: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnLimitExceeded,
        format!("tablesDB \"{key}\" has reached the {bound_word} value of {bound}"),
    )
}

/// `401 user_unauthorized`: a permission for a role the caller does not hold.
pub fn permissions_must_be_one_of(roles: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserUnauthorized,
        format!("Permissions must be one of: ({roles})"),
    )
}

/// `401 user_unauthorized` (1.9): no permission names `action` at all.
pub fn no_permissions_for(action: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserUnauthorized,
        format!("No permissions provided for action '{action}'"),
    )
}

/// `401 user_unauthorized` (1.9): `role` lacks `action`; `allowed` and `given` are the PHP
/// JSON lists of the caller's roles and of the permitted ones.
pub fn missing_permission(action: &str, role: &str, allowed: &str, given: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserUnauthorized,
        format!(
            "Missing \"{action}\" permission for role \"{role}\". Only \"{allowed}\" scopes are allowed and \"{given}\" was given."
        ),
    )
}

/// `401 user_unauthorized` "Authorization Error" (a nested write the caller may not make).
pub fn authorization_error() -> ApiError {
    ApiError::new(ErrorType::UserUnauthorized, "Authorization Error")
}

/// `400 general_bad_request`: a malformed update operator.
pub fn invalid_operator(key: &str, message: &str) -> ApiError {
    bad_request(format!(
        "Invalid operator for attribute \"{key}\": {message}"
    ))
}

/// `400 relationship_value_invalid`.
pub fn relationship_value_invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::RelationshipValueInvalid, message)
}

/// `409 column_already_exists`.
pub fn column_exists(key: &str) -> ApiError {
    ApiError::new(
        ErrorType::ColumnAlreadyExists,
        format!(
            "Column with the requested key '{key}' already exists. Column keys must be unique, try again with a different key."
        ),
    )
}

/// `409 column_already_exists`: a second manyToMany relationship on one table.
pub fn second_many_to_many() -> ApiError {
    ApiError::new(
        ErrorType::ColumnAlreadyExists,
        "Creating more than one \"manyToMany\" relationship on the same table is currently not permitted.",
    )
}
