//! General answers, projects, credentials and limits.

use crate::error::{ApiError, ErrorType};

/// `500 general_unknown` "Server Error": a database error on Appwrite (overflow, an
/// out-of-range value, a unique clash inside a bulk update…).
pub fn server_error() -> ApiError {
    ApiError::new(ErrorType::GeneralUnknown, "Server Error")
}

/// `400 general_bad_request` with a message of the caller's (a validator's description).
pub fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::GeneralBadRequest, message)
}

/// `400 general_argument_invalid`: parameter `name` is none of `values` (utopia's
/// `WhiteList`, whose message lists them in their declared order).
pub fn not_one_of(name: &str, values: &[&str]) -> ApiError {
    ApiError::param_invalid(name, &super::validators::one_of(values))
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

/// `401 user_jwt_invalid` with the JWT library's reason (one of [`super::jwt`]).
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
