//! What an error says: whether a retry can help, the HTTP status, the server's answer and
//! type, the operation and table, and what the failed write did.

use super::{Answer, AppwriteErrorType, Error, is_retryable_status, kind};

/// The [`Answer`] an error holds, if it holds one: the variants that do, listed once for
/// both [`Error::answer`] and [`Error::answer_mut`].
macro_rules! answer_of {
    ($error:expr) => {
        match $error {
            Error::Api { answer, .. }
            | Error::NotFound { answer }
            | Error::Conflict { answer }
            | Error::UniqueViolation { answer, .. }
            | Error::Modified { answer }
            | Error::DeleteRestricted { answer } => Some(answer),
            _ => None,
        }
    };
}

impl Error {
    /// Whether trying the same request again later can succeed: rate limits, timeouts,
    /// transport failures and the server errors 500, 502, 503 and 504.
    ///
    /// It says nothing about whether a retry is *safe*: the client only retries operations
    /// that cannot be applied twice (see [`crate::RetryPolicy`]).
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Api {
    ///     status: 503,
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "".into(),
    ///         message: "busy".into(),
    ///         operation: "rows.list",
    ///         table: Some("books".into()),
    ///         outcome: None,
    ///         row: None,
    ///     }),
    /// };
    /// assert!(err.is_retryable());
    /// assert_eq!(err.to_string(), "rows.list on table `books`: HTTP 503: busy");
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::Api { status, .. } => is_retryable_status(*status),
            _ => false,
        }
    }

    /// Whether the caller is a blocked user (or the project is blocked): `user_blocked`,
    /// answered 401 before Appwrite 1.9.0 and 403 since (see
    /// [`crate::Feature::BlockedIs403`]); both are recognised.
    ///
    /// ```
    /// let blocked = |status| lazy_appwrite::Error::Api {
    ///     status,
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "user_blocked".into(),
    ///         message: "The current user has been blocked.".into(),
    ///         operation: "rows.list",
    ///         table: None,
    ///         outcome: None,
    ///         row: None,
    ///     }),
    /// };
    /// assert!(blocked(401).is_blocked() && blocked(403).is_blocked());
    /// ```
    pub fn is_blocked(&self) -> bool {
        matches!(self, Error::Api { status: 401 | 403, answer } if answer.kind == AppwriteErrorType::UserBlocked)
    }

    /// The HTTP status of the server's answer, if the failure is one.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Config { reason: "no project".into() };
    /// assert_eq!(err.status(), None);
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            Error::NotFound { .. } => Some(404),
            Error::Conflict { .. } | Error::Modified { .. } | Error::UniqueViolation { .. } => {
                Some(409)
            }
            Error::DeleteRestricted { .. } => Some(403),
            Error::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// What the server answered, for a failure that is a server's answer.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Config { reason: "no project".into() };
    /// assert!(err.answer().is_none());
    /// ```
    pub fn answer(&self) -> Option<&Answer> {
        answer_of!(self)
    }

    /// [`Error::answer`], to change.
    pub(super) fn answer_mut(&mut self) -> Option<&mut Answer> {
        answer_of!(self)
    }

    /// Appwrite's error `type`, if the server sent one.
    ///
    /// ```
    /// use lazy_appwrite::{AppwriteErrorType, Error};
    /// let err = Error::NotFound {
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "table_not_found".into(),
    ///         message: "Table with the requested ID could not be found.".into(),
    ///         operation: "tables.get",
    ///         table: Some("books".into()),
    ///         outcome: None,
    ///         row: None,
    ///     }),
    /// };
    /// assert_eq!(err.error_type(), Some(&AppwriteErrorType::TableNotFound));
    /// ```
    pub fn error_type(&self) -> Option<&AppwriteErrorType> {
        self.answer()
            .map(|answer| &answer.kind)
            .filter(|kind| !kind.is_empty())
    }

    /// Appwrite's error `type` as sent (e.g. `row_not_found`), if the server sent one.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Conflict {
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "row_already_exists".into(),
    ///         message: "taken".into(),
    ///         operation: "rows.create",
    ///         table: None,
    ///         outcome: None,
    ///         row: None,
    ///     }),
    /// };
    /// assert_eq!(err.appwrite_type(), Some("row_already_exists"));
    /// ```
    pub fn appwrite_type(&self) -> Option<&str> {
        self.error_type().map(AppwriteErrorType::as_str)
    }

    /// The column the server says the table lacks, when a write or query named one it
    /// does not have (`400 row_invalid_structure` "Unknown attribute", or `400
    /// general_query_invalid` "Attribute not found in schema").
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Api {
    ///     status: 400,
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "row_invalid_structure".into(),
    ///         message: "Invalid document structure: Unknown attribute: \"likes\"".into(),
    ///         operation: "rows.create",
    ///         table: Some("posts".into()),
    ///         outcome: None,
    ///         row: None,
    ///     }),
    /// };
    /// assert_eq!(err.unknown_column(), Some("likes"));
    /// ```
    pub fn unknown_column(&self) -> Option<&str> {
        match self {
            Error::Api {
                status: 400,
                answer,
            } => kind::unknown_column(&answer.kind, &answer.message),
            _ => None,
        }
    }

    /// The operation that failed (e.g. `rows.create`), when the failure came from a call.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Timeout {
    ///     operation: "rows.list",
    ///     table: None,
    ///     after: std::time::Duration::from_secs(30),
    ///     attempts: 1,
    ///     elapsed: std::time::Duration::from_secs(30),
    ///     outcome: None,
    ///     row: None,
    /// };
    /// assert_eq!(err.operation(), Some("rows.list"));
    /// ```
    pub fn operation(&self) -> Option<&'static str> {
        if let Some(answer) = self.answer() {
            return Some(answer.operation);
        }
        match self {
            Error::RateLimited { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::InvalidId { operation, .. } => Some(operation),
            _ => None,
        }
    }

    /// The table concerned, if any.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::SchemaNotReady {
    ///     table: "books".into(),
    ///     column: Some("title".into()),
    ///     status: "processing".into(),
    /// };
    /// assert_eq!(err.table(), Some("books"));
    /// ```
    pub fn table(&self) -> Option<&str> {
        if let Some(answer) = self.answer() {
            return answer.table.as_deref();
        }
        match self {
            Error::Validation { table, .. }
            | Error::RateLimited { table, .. }
            | Error::Timeout { table, .. }
            | Error::Transport { table, .. }
            | Error::Decode { table, .. }
            | Error::InvalidId { table, .. } => table.as_deref(),
            Error::SchemaDrift { table, .. }
            | Error::SchemaNotReady { table, .. }
            | Error::Unsupported { table, .. } => Some(table),
            _ => None,
        }
    }

    /// What the failed write did on the server: [`WriteOutcome::NotApplied`] when it was
    /// refused or never sent, [`WriteOutcome::Unknown`] when it was sent and no usable
    /// answer came, [`WriteOutcome::Applied`] when it was stored but the answer could not
    /// be decoded. `None` for a read that reached the server. See [`WriteOutcome`] for
    /// which fault gives which.
    ///
    /// [`WriteOutcome`]: crate::WriteOutcome
    /// [`WriteOutcome::NotApplied`]: crate::WriteOutcome::NotApplied
    /// [`WriteOutcome::Unknown`]: crate::WriteOutcome::Unknown
    /// [`WriteOutcome::Applied`]: crate::WriteOutcome::Applied
    ///
    /// ```
    /// use lazy_appwrite::{Error, WriteOutcome};
    /// let refused = Error::Validation { table: None, column: None, reason: "bad".into() };
    /// assert_eq!(refused.outcome(), Some(WriteOutcome::NotApplied));
    /// ```
    pub fn outcome(&self) -> Option<crate::WriteOutcome> {
        if let Some(answer) = self.answer() {
            return answer.outcome;
        }
        match self {
            Error::RateLimited { outcome, .. }
            | Error::Timeout { outcome, .. }
            | Error::Transport { outcome, .. }
            | Error::Decode { outcome, .. } => *outcome,
            _ => Some(crate::WriteOutcome::NotApplied),
        }
    }

    /// The ID a failed row create sent (`None` for other operations, and for a create
    /// refused before sending): repeating the create with this ID (`.id(…)`) cannot make a
    /// second row, since the server refuses a taken ID.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = lazy_appwrite::Error::Timeout {
    ///     operation: "rows.create",
    ///     table: Some("books".into()),
    ///     after: Duration::from_secs(5),
    ///     attempts: 4,
    ///     elapsed: Duration::from_secs(21),
    ///     outcome: Some(lazy_appwrite::WriteOutcome::Unknown),
    ///     row: Some("6756f0c1a9b2c3d4e5f6".into()),
    /// };
    /// assert_eq!(err.row_id(), Some("6756f0c1a9b2c3d4e5f6"));
    /// ```
    pub fn row_id(&self) -> Option<&str> {
        if let Some(answer) = self.answer() {
            return answer.row.as_deref();
        }
        match self {
            Error::RateLimited { row, .. }
            | Error::Timeout { row, .. }
            | Error::Transport { row, .. }
            | Error::Decode { row, .. } => row.as_deref(),
            _ => None,
        }
    }

    /// This error with `id` as the row a create sent, where the variant records one.
    pub(crate) fn with_row_id(mut self, id: &str) -> Self {
        if let Some(answer) = self.answer_mut() {
            answer.row = Some(id.to_owned());
            return self;
        }
        match &mut self {
            Error::RateLimited { row, .. }
            | Error::Timeout { row, .. }
            | Error::Transport { row, .. }
            | Error::Decode { row, .. } => *row = Some(id.into()),
            _ => {}
        }
        self
    }

    /// This error with `outcome` as what the write did, where the variant records one
    /// (a read-back settled it).
    pub(crate) fn with_outcome(mut self, settled: crate::WriteOutcome) -> Self {
        if let Some(answer) = self.answer_mut() {
            answer.outcome = Some(settled);
            return self;
        }
        match &mut self {
            Error::RateLimited { outcome, .. }
            | Error::Timeout { outcome, .. }
            | Error::Transport { outcome, .. }
            | Error::Decode { outcome, .. } => *outcome = Some(settled),
            _ => {}
        }
        self
    }
}
