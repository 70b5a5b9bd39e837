//! Appwrite error answers: the `{message, code, type, version}` body and its HTTP status.

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use crate::profile::AppwriteVersion;

pub(crate) mod catalogue;

macro_rules! error_types {
    ($($variant:ident => ($name:literal, $code:literal),)*) => {
        /// Every Appwrite error type the emulator can answer with, and its HTTP status.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum ErrorType { $($variant,)* }

        impl ErrorType {
            /// The snake_case name Appwrite puts in the `type` field.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorType::$variant => $name,)* }
            }
            /// The HTTP status (also the `code` field).
            pub fn code(self) -> u16 {
                match self { $(ErrorType::$variant => $code,)* }
            }
        }
    };
}

error_types! {
    GeneralArgumentInvalid => ("general_argument_invalid", 400),
    GeneralQueryInvalid => ("general_query_invalid", 400),
    GeneralCursorNotFound => ("general_cursor_not_found", 400),
    GeneralBadRequest => ("general_bad_request", 400),
    GeneralUnauthorizedScope => ("general_unauthorized_scope", 401),
    GeneralAccessForbidden => ("general_access_forbidden", 401),
    GeneralRateLimitExceeded => ("general_rate_limit_exceeded", 429),
    GeneralRouteNotFound => ("general_route_not_found", 404),
    GeneralServerError => ("general_server_error", 500),
    GeneralUnknown => ("general_unknown", 500),
    // A PHP error outside Appwrite's handlers: the body has no `type`.
    Uncaught => ("", 500),
    GeneralNotImplemented => ("general_not_implemented", 501),
    UserUnauthorized => ("user_unauthorized", 401),
    UserJwtInvalid => ("user_jwt_invalid", 401),
    UserKeyAndSessionSet => ("user_key_and_session_set", 403),
    ProjectNotFound => ("project_not_found", 404),
    ProjectIdMissing => ("project_id_missing", 403),
    DatabaseNotFound => ("database_not_found", 404),
    DatabaseAlreadyExists => ("database_already_exists", 409),
    DatabaseQueryOrderNull => ("database_query_order_null", 400),
    TableNotFound => ("table_not_found", 404),
    TableAlreadyExists => ("table_already_exists", 409),
    TableLimitExceeded => ("table_limit_exceeded", 400),
    RowNotFound => ("row_not_found", 404),
    RowAlreadyExists => ("row_already_exists", 409),
    RowInvalidStructure => ("row_invalid_structure", 400),
    RowMissingData => ("row_missing_data", 400),
    RowMissingPayload => ("row_missing_payload", 400),
    RowUpdateConflict => ("row_update_conflict", 409),
    RowDeleteRestricted => ("row_delete_restricted", 403),
    RelationshipValueInvalid => ("relationship_value_invalid", 400),
    ColumnNotFound => ("column_not_found", 404),
    ColumnAlreadyExists => ("column_already_exists", 409),
    ColumnNotAvailable => ("column_not_available", 400),
    ColumnUnknown => ("column_unknown", 400),
    ColumnDefaultUnsupported => ("column_default_unsupported", 400),
    ColumnValueInvalid => ("column_value_invalid", 400),
    ColumnFormatUnsupported => ("column_format_unsupported", 400),
    ColumnTypeInvalid => ("column_type_invalid", 400),
    ColumnLimitExceeded => ("column_limit_exceeded", 400),
    ColumnInvalidResize => ("column_invalid_resize", 400),
    ColumnIndexInvalid => ("column_index_invalid", 400),
    IndexInvalid => ("index_invalid", 400),
    ColumnIndexNotFound => ("column_index_not_found", 404),
    ColumnIndexAlreadyExists => ("column_index_already_exists", 409),
    ColumnIndexLimitExceeded => ("column_index_limit_exceeded", 400),
    AttributeTypeInvalid => ("attribute_type_invalid", 400),
    TransactionNotFound => ("transaction_not_found", 404),
    TransactionNotReady => ("transaction_not_ready", 400),
    TransactionExpired => ("transaction_expired", 410),
    TransactionLimitExceeded => ("transaction_limit_exceeded", 400),
    TransactionConflict => ("transaction_conflict", 409),
    TransactionFailed => ("transaction_failed", 400),
    GeneralSmtpDisabled => ("general_smtp_disabled", 503),
    UserNotFound => ("user_not_found", 404),
    UserAlreadyExists => ("user_already_exists", 409),
    UserBlocked => ("user_blocked", 401),
    UserBlockedForbidden => ("user_blocked", 403),
    TeamNotFound => ("team_not_found", 404),
    TeamAlreadyExists => ("team_already_exists", 409),
    TeamInviteNotFound => ("team_invite_not_found", 404),
    TeamMembershipMismatch => ("team_membership_mismatch", 404),
    MembershipNotFound => ("membership_not_found", 404),
    MembershipAlreadyConfirmed => ("membership_already_confirmed", 409),
    DocumentNotFound => ("document_not_found", 404),
    DocumentInvalidStructure => ("document_invalid_structure", 400),
    CollectionNotFound => ("collection_not_found", 404),
    AttributeLimitExceeded => ("attribute_limit_exceeded", 400),
}

/// An error answer: an Appwrite error type and a human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The Appwrite error type; decides the HTTP status.
    pub kind: ErrorType,
    /// The human message sent in `message`.
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorType, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// `400 general_argument_invalid` for a missing required parameter.
    pub fn param_missing(name: &str) -> Self {
        Self::new(
            ErrorType::GeneralArgumentInvalid,
            format!("Param \"{name}\" is not optional."),
        )
    }

    /// `400 general_argument_invalid` for a parameter that fails its validator.
    pub fn param_invalid(name: &str, description: &str) -> Self {
        Self::new(
            ErrorType::GeneralArgumentInvalid,
            format!("Invalid `{name}` param: {description}"),
        )
    }

    /// `400 general_query_invalid` with the message Appwrite uses.
    pub fn query_invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorType::GeneralQueryInvalid, message)
    }

    /// `400 row_invalid_structure` with the `Invalid document structure: …` prefix.
    pub fn structure(reason: impl AsRef<str>) -> Self {
        Self::new(
            ErrorType::RowInvalidStructure,
            format!("Invalid document structure: {}", reason.as_ref()),
        )
    }

    /// `500 general_unknown` "Server Error" for a storage failure, the answer Appwrite gives
    /// for an unexpected exception in production; the detail is logged, not sent.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal emulator error");
        Self::new(ErrorType::GeneralUnknown, "Server Error")
    }

    /// The JSON body the default profile's Appwrite sends for this error.
    pub fn body(&self) -> String {
        self.body_for(AppwriteVersion::default())
    }

    /// `500` with the untyped body Appwrite sends for a PHP error its handlers do not
    /// catch (a JSON body that is a bare string, tour-content.jsonl 1.8.1 seq 2087).
    pub fn uncaught() -> Self {
        Self::new(ErrorType::Uncaught, "Error: Server Error")
    }

    /// The JSON body Appwrite `version` sends for this error.
    pub fn body_for(&self, version: AppwriteVersion) -> String {
        if self.kind == ErrorType::Uncaught {
            return serde_json::json!({
                "message": self.message,
                "code": self.kind.code(),
                "version": version.as_str(),
            })
            .to_string();
        }
        serde_json::json!({
            "message": self.message,
            "code": self.kind.code(),
            "type": self.kind.as_str(),
            "version": version.as_str(),
        })
        .to_string()
    }

    /// The answer Appwrite `version` sends for this error: the JSON body with its status,
    /// or, for a route-not-found on releases that do so, the HTML "Page not found" page.
    pub fn response_for(self, version: AppwriteVersion) -> Response {
        let status =
            StatusCode::from_u16(self.kind.code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let html =
            self.kind == ErrorType::GeneralRouteNotFound && version.route_not_found_is_html();
        let mut this = self;
        if let Some(message) = version.message_for(this.kind, &this.message) {
            this.message = message;
        }
        let this = this;
        let (body, content_type) = if html {
            (
                crate::http::page::not_found(&this, version),
                "text/html; charset=UTF-8",
            )
        } else if this.kind == ErrorType::Uncaught {
            // Sent before Appwrite set any header: PHP's default content type.
            (this.body_for(version), "text/html")
        } else {
            (this.body_for(version), "application/json; charset=UTF-8")
        };
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache, no-store, must-revalidate"),
        );
        headers.insert(header::EXPIRES, HeaderValue::from_static("0"));
        headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        response
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.kind.as_str(),
            self.kind.code(),
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.response_for(AppwriteVersion::default())
    }
}

/// Shorthand for results whose error is an Appwrite error answer.
pub type ApiResult<T> = Result<T, ApiError>;

/// Appwrite 1.8's messages for the common not-found and already-exists answers.
impl ApiError {
    /// `404 database_not_found`.
    pub fn database_not_found(id: &str) -> Self {
        Self::new(
            ErrorType::DatabaseNotFound,
            format!("Database with the requested ID '{id}' could not be found."),
        )
    }

    /// `404 table_not_found`.
    pub fn table_not_found(id: &str) -> Self {
        Self::new(
            ErrorType::TableNotFound,
            format!("Table with the requested ID '{id}' could not be found."),
        )
    }

    /// `404 row_not_found`.
    pub fn row_not_found(id: &str) -> Self {
        Self::new(
            ErrorType::RowNotFound,
            format!("Row with the requested ID '{id}' could not be found."),
        )
    }

    /// `404 column_not_found`.
    pub fn column_not_found(key: &str) -> Self {
        Self::new(
            ErrorType::ColumnNotFound,
            format!("Column with the requested key '{key}' could not be found."),
        )
    }

    /// `404 column_index_not_found`.
    pub fn index_not_found(key: &str) -> Self {
        Self::new(
            ErrorType::ColumnIndexNotFound,
            format!("Index with the requested key '{key}' could not be found."),
        )
    }

    /// `409 row_already_exists` (a duplicate ID or a unique-index clash).
    pub fn row_exists(id: &str) -> Self {
        Self::new(
            ErrorType::RowAlreadyExists,
            format!(
                "Row with the requested ID '{id}' already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
            ),
        )
    }

    /// `400 column_not_available`.
    pub fn column_not_available(key: &str) -> Self {
        Self::new(
            ErrorType::ColumnNotAvailable,
            format!("The requested column '{key}' is not yet available. Please try again later."),
        )
    }

    /// `404 general_route_not_found`.
    pub fn route_not_found() -> Self {
        Self::new(
            ErrorType::GeneralRouteNotFound,
            "Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.",
        )
    }

    /// `user_blocked`: 401 or 403 and its message, as release `version` answers it.
    pub fn user_blocked(version: AppwriteVersion) -> Self {
        let kind = if version.blocked_user_is_forbidden() {
            ErrorType::UserBlockedForbidden
        } else {
            ErrorType::UserBlocked
        };
        Self::new(kind, version.user_blocked_message())
    }

    /// `401 user_unauthorized`.
    pub fn unauthorized() -> Self {
        Self::new(
            ErrorType::UserUnauthorized,
            "The current user is not authorized to perform the requested action.",
        )
    }
}
