//! Appwrite's error messages, one constructor per answer, grouped by error type. Handlers
//! and the engine name the answer (`catalogue::server_error()`) instead of spelling its
//! message; the common not-found answers are [`ApiError`]'s own constructors.

use super::{ApiError, ErrorType};

// ---------------------------------------------------------------------------------------
// general_unknown, general_bad_request, general_argument_invalid

/// `500 general_unknown` "Server Error": a database error on Appwrite (overflow, an
/// out-of-range value, a unique clash inside a bulk update…).
pub fn server_error() -> ApiError {
    ApiError::new(ErrorType::GeneralUnknown, "Server Error")
}

/// `400 general_bad_request` with a message of the caller's (a validator's description).
pub fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::GeneralBadRequest, message)
}

/// `400 general_argument_invalid`: `X-Appwrite-Timestamp` does not parse.
pub fn invalid_timestamp_header() -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        "Invalid X-Appwrite-Timestamp header value",
    )
}

/// `400 general_argument_invalid`: an increment or decrement by 0 or less.
pub fn counter_value_not_positive() -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        "Value must be numeric and greater than 0",
    )
}

/// `401 general_unauthorized_scope` without naming the caller (bulk create by a non-key).
pub fn missing_scopes() -> ApiError {
    ApiError::new(
        ErrorType::GeneralUnauthorizedScope,
        "The current user or API key does not have the required scopes to access the requested resource.",
    )
}

// ---------------------------------------------------------------------------------------
// Rows.

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

// ---------------------------------------------------------------------------------------
// Counters.

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

// ---------------------------------------------------------------------------------------
// Permissions.

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

// ---------------------------------------------------------------------------------------
// Operators and relationships.

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

// ---------------------------------------------------------------------------------------
// Transactions.

/// `404 transaction_not_found`.
pub fn transaction_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotFound,
        format!("Transaction with the requested ID '{id}' could not be found."),
    )
}

/// `400 transaction_not_ready`.
pub fn transaction_not_ready() -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotReady,
        "The transaction is not ready yet. Please try again later.",
    )
}

/// `410 transaction_expired`.
pub fn transaction_expired() -> ApiError {
    ApiError::new(
        ErrorType::TransactionExpired,
        "The transaction has expired. Please create a new transaction and try again.",
    )
}

/// `409 transaction_conflict`.
pub fn transaction_conflict() -> ApiError {
    ApiError::new(
        ErrorType::TransactionConflict,
        "The transaction has a conflict. Please resolve the conflict and try again.",
    )
}

/// `400 general_bad_request` of the increment/decrement, bulk and operations endpoints
/// (Appwrite writes a non-breaking hyphen).
pub fn transaction_not_pending() -> ApiError {
    bad_request("Invalid or non\u{2011}pending transaction")
}

/// `400 transaction_limit_exceeded`: `adding` operations would pass `max`.
pub fn transaction_limit(existing: i64, adding: i64, max: i64) -> ApiError {
    ApiError::new(
        ErrorType::TransactionLimitExceeded,
        format!(
            "Transaction already has {existing} operations, adding {adding} would exceed the maximum of {max}"
        ),
    )
}

/// `404 document_not_found` (the legacy type `createOperations` answers with).
pub fn document_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::DocumentNotFound,
        format!("Document with the requested ID '{id}' could not be found."),
    )
}

/// `404 collection_not_found` (the legacy type `createOperations` answers with).
pub fn collection_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::CollectionNotFound,
        format!("Collection with the requested ID '{id}' could not be found."),
    )
}

/// `400 general_bad_request`: a bulk operation in `createOperations` on a table with
/// relationships.
pub fn operations_with_relationships() -> ApiError {
    bad_request("Bulk operations are not supported for tableId with relationship attributes")
}

/// `400 document_invalid_structure`: a commit's structure error, in the legacy type.
pub fn document_invalid_structure(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::DocumentInvalidStructure, message)
}

/// `400 attribute_limit_exceeded`: a committed counter past its bound.
pub fn attribute_limit(bound_word: &str, bound: &str) -> ApiError {
    ApiError::new(
        ErrorType::AttributeLimitExceeded,
        format!("Attribute value exceeds {bound_word} limit: {bound}"),
    )
}

/// `400 general_bad_request`: a transaction update with neither `commit` nor `rollback`.
pub fn commit_or_rollback() -> ApiError {
    bad_request("Either commit or rollback must be true")
}

/// `400 general_bad_request`: a transaction update with both `commit` and `rollback`.
pub fn commit_and_rollback() -> ApiError {
    bad_request("Cannot commit and rollback at the same time")
}

/// `400 general_bad_request`: `createOperations` with no operations.
pub fn operations_empty() -> ApiError {
    bad_request("Operations array cannot be empty")
}

// ---------------------------------------------------------------------------------------
// Columns and indexes.

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

// ---------------------------------------------------------------------------------------
// Users and teams.

/// `404 user_not_found`.
pub fn user_not_found() -> ApiError {
    ApiError::new(
        ErrorType::UserNotFound,
        "User with the requested ID could not be found.",
    )
}

/// `409 user_already_exists`.
pub fn user_exists() -> ApiError {
    ApiError::new(
        ErrorType::UserAlreadyExists,
        "A user with the same id, email, or phone already exists in this project.",
    )
}

/// `404 team_not_found`.
pub fn team_not_found() -> ApiError {
    ApiError::new(
        ErrorType::TeamNotFound,
        "Team with the requested ID could not be found.",
    )
}

/// `404 membership_not_found`.
pub fn membership_not_found() -> ApiError {
    ApiError::new(
        ErrorType::MembershipNotFound,
        "Membership with the requested ID could not be found.",
    )
}

/// `409 team_already_exists`.
pub fn team_exists() -> ApiError {
    ApiError::new(
        ErrorType::TeamAlreadyExists,
        "Team with requested ID already exists. Please choose a different ID and try again.",
    )
}

/// `400 general_argument_invalid`: an invitation without `url`.
pub fn invitation_url_missing() -> ApiError {
    ApiError::new(ErrorType::GeneralArgumentInvalid, "URL is required")
}

/// `400 general_argument_invalid`: an invitation naming no one.
pub fn invitation_invitee_missing() -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        "At least one of userId, email, or phone is required",
    )
}

/// `503 general_smtp_disabled`: an invitation by a non-key caller (it would send mail).
pub fn smtp_disabled() -> ApiError {
    ApiError::new(
        ErrorType::GeneralSmtpDisabled,
        "SMTP is disabled on your Appwrite instance. You can <a href=\"/docs/email-delivery\">learn more about setting up SMTP</a> in our docs.",
    )
}

/// `409 user_already_exists`: the invited user's `what` (email or phone) differs.
pub fn invitee_mismatch(what: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserAlreadyExists,
        format!("Given {what} doesn't match"),
    )
}

/// `404 user_not_found`: an invitation by `userId` of no user.
pub fn invitee_not_found() -> ApiError {
    ApiError::new(
        ErrorType::UserNotFound,
        "User with given userId doesn't exist.",
    )
}

/// `409 membership_already_confirmed`.
pub fn membership_already_confirmed() -> ApiError {
    ApiError::new(
        ErrorType::MembershipAlreadyConfirmed,
        "Membership is already confirmed.",
    )
}

/// `401 user_unauthorized`: a membership update by someone who may not change roles.
pub fn roles_not_modifiable() -> ApiError {
    ApiError::new(
        ErrorType::UserUnauthorized,
        "User is not allowed to modify roles",
    )
}

/// `404 team_invite_not_found`.
pub fn team_invite_not_found() -> ApiError {
    ApiError::new(
        ErrorType::TeamInviteNotFound,
        "The requested team invitation could not be found.",
    )
}

/// `400 team_membership_mismatch`.
pub fn team_membership_mismatch() -> ApiError {
    ApiError::new(
        ErrorType::TeamMembershipMismatch,
        "The membership ID does not belong to the team ID.",
    )
}

// ---------------------------------------------------------------------------------------
// Projects, credentials and limits.

/// `404 project_not_found`.
pub fn project_not_found() -> ApiError {
    ApiError::new(
        ErrorType::ProjectNotFound,
        "Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.",
    )
}

/// `401 general_access_forbidden`: a request that reached Appwrite's console project
/// because no project was named (Appwrite's message for an empty project header).
pub fn no_project_specified() -> ApiError {
    ApiError::new(
        ErrorType::GeneralAccessForbidden,
        "No Appwrite project was specified. Please specify your project ID when initializing your Appwrite SDK.",
    )
}

/// `401 general_access_forbidden`: the reserved `console` project named.
pub fn console_project() -> ApiError {
    ApiError::new(
        ErrorType::GeneralAccessForbidden,
        "This endpoint is not available for the console project. The Appwrite Console is a reserved project ID and cannot be used with the Appwrite SDKs and APIs. Please check if your project ID is correct.",
    )
}

/// `403 project_id_missing`: a key without a project.
pub fn project_id_missing() -> ApiError {
    ApiError::new(
        ErrorType::ProjectIdMissing,
        "When using project API key, make sure to pass x-appwrite-project header with your project ID.",
    )
}

/// `403 user_key_and_session_set`.
pub fn key_and_session() -> ApiError {
    ApiError::new(
        ErrorType::UserKeyAndSessionSet,
        "API key and session used in the same request. Use either `setSession` or `setKey`. Learn about which authentication method to use in the SSR docs: https://appwrite.io/docs/products/auth/server-side-rendering",
    )
}

/// `401 user_jwt_invalid` with the JWT library's reason.
pub fn jwt_invalid(reason: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserJwtInvalid,
        format!("Failed to verify JWT. {reason}"),
    )
}

/// `401 general_unauthorized_scope`: `who` (of `role`) lacks every scope of `listed` (the
/// scopes quoted and joined as Appwrite lists them).
pub fn missing_scopes_of(who: &str, role: &str, listed: &str) -> ApiError {
    ApiError::new(
        ErrorType::GeneralUnauthorizedScope,
        format!("{who} (role: {role}) missing scopes ([{listed}])"),
    )
}

/// `401 general_unauthorized_scope`: the API key on `/v1/health/version` (its role has no
/// `public` scope).
pub fn key_lacks_public_scope(project: &str, host: &str) -> ApiError {
    missing_scopes_of(
        &format!("app.{project}@service.{host}"),
        "applications",
        "\"public\"",
    )
}

/// `400 general_argument_invalid`: a body over the server's limit.
pub fn body_too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        format!("Request body is larger than the {limit} bytes this server accepts."),
    )
}

/// `429 general_rate_limit_exceeded`.
pub fn rate_limit_exceeded() -> ApiError {
    ApiError::new(
        ErrorType::GeneralRateLimitExceeded,
        "Rate limit for the current endpoint has been exceeded. Please try again after some time.",
    )
}

// ---------------------------------------------------------------------------------------
// Databases, tables, defaults and cursors.

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
    order_null(format!(
        "The order column '{attribute}' had a null value. Cursor pagination requires all rows order column values are non-null."
    ))
}
