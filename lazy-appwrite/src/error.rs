//! The one error type of the crate: what failed, where, and whether a retry can help.

use std::time::{Duration, SystemTime};

/// A `Result` whose error is [`Error`].
///
/// ```
/// fn parse_limit(text: &str) -> lazy_appwrite::Result<u32> {
///     text.parse().map_err(|_| lazy_appwrite::Error::Validation {
///         table: None,
///         column: None,
///         reason: format!("`{text}` is not a number"),
///     })
/// }
/// assert!(parse_limit("x").is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Appwrite.
///
/// Each variant says what failed and where (the operation such as `rows.create`, and the
/// table when there is one). [`Error::is_retryable`] tells whether trying again later can
/// help, and [`Error::status`] gives the HTTP status when the server answered.
///
/// No variant ever holds the API key, a JWT or a session secret: they are redacted from
/// server messages before an error is built.
///
/// ```
/// use lazy_appwrite::Error;
///
/// let err = Error::NotFound {
///     kind: "row_not_found".into(),
///     message: "Row with the requested ID could not be found.".into(),
///     operation: "rows.get",
///     table: Some("books".into()),
///     outcome: None,
/// };
/// assert_eq!(err.status(), Some(404));
/// assert!(!err.is_retryable());
/// assert_eq!(
///     err.to_string(),
///     "rows.get on table `books`: not found (row_not_found): Row with the requested ID could not be found."
/// );
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client configuration is unusable: a bad endpoint, a missing project, a header
    /// value with a newline, a missing environment variable.
    #[error("invalid configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },

    /// A value was refused before any request was sent.
    #[error("invalid input{}: {reason}", place(table.as_deref(), column.as_deref()))]
    Validation {
        /// The table concerned, if any.
        table: Option<String>,
        /// The column concerned, if any.
        column: Option<String>,
        /// Why the value was refused.
        reason: String,
    },

    /// An ID or key that belongs in the request's path was refused before anything was
    /// sent: empty, longer than 36 characters, or with a character Appwrite does not allow.
    /// Nothing was written.
    ///
    /// This matters beyond a tidy message: a real Appwrite drops an empty path segment, so
    /// a delete or update of the row `""` would reach the bulk route and change every row
    /// of the table.
    ///
    /// ```
    /// use lazy_appwrite::{Error, IdKind};
    ///
    /// let err = Error::InvalidId {
    ///     operation: "rows.delete",
    ///     table: Some("books".into()),
    ///     what: IdKind::Row,
    ///     id: String::new(),
    ///     reason: "an ID cannot be empty".into(),
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rows.delete on table `books`: invalid row ID ``: an ID cannot be empty (nothing was sent)"
    /// );
    /// ```
    #[error(
        "{operation}{}: invalid {what} ID `{}`: {reason} (nothing was sent)",
        on_table(table.as_deref()),
        id.escape_debug()
    )]
    InvalidId {
        /// The operation, e.g. `rows.delete`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// Which ID it was.
        what: crate::id::IdKind,
        /// The ID as given.
        id: String,
        /// Why Appwrite would not take it.
        reason: String,
    },

    /// The server refused the request with a status that has no variant of its own.
    #[error("{operation}{}: HTTP {status}{}: {message}{}", on_table(table.as_deref()), kind_part(kind), outcome_part(*outcome))]
    Api {
        /// HTTP status code.
        status: u16,
        /// Appwrite's error `type`, e.g. `general_argument_invalid` (empty when the server sent none).
        kind: String,
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.create`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 404: the database, table, column, index, row or transaction does not exist
    /// (or is not visible to the caller).
    #[error("{operation}{}: not found{}: {message}{}", on_table(table.as_deref()), kind_part(kind), outcome_part(*outcome))]
    NotFound {
        /// Appwrite's error `type`, e.g. `row_not_found`.
        kind: String,
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.get`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 409: the ID or a unique index is taken, or the row changed meanwhile.
    #[error("{operation}{}: conflict{}: {message}{}", on_table(table.as_deref()), kind_part(kind), outcome_part(*outcome))]
    Conflict {
        /// Appwrite's error `type`, e.g. `row_already_exists`.
        kind: String,
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.create`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 409: a write would put a value into a unique index that another row already
    /// holds there.
    ///
    /// Appwrite 2.0 and later say so with `row_unique_constraint_violation`. Earlier
    /// servers answer `row_already_exists`, the same as a taken row ID; the client tells
    /// the two apart (an update cannot take an ID; a model's create reads its ID back) and
    /// names the index when the model declares it.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::UniqueViolation {
    ///     kind: "row_already_exists",
    ///     message: "Row with the requested ID already exists.".into(),
    ///     operation: "rows.create",
    ///     table: Some("users".into()),
    ///     index: Some("by_email"),
    ///     columns: &["email"],
    ///     outcome: None,
    /// };
    /// assert_eq!(err.status(), Some(409));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rows.create on table `users`: the unique index `by_email` (email) already holds \
    ///      these values (row_already_exists): Row with the requested ID already exists."
    /// );
    /// ```
    #[error(
        "{operation}{}: {} already holds these values{}: {message}{}",
        on_table(table.as_deref()),
        unique_index(*index, columns),
        kind_part(kind),
        outcome_part(*outcome)
    )]
    UniqueViolation {
        /// Appwrite's error `type`: `row_unique_constraint_violation`, or
        /// `row_already_exists` before Appwrite 2.0.
        kind: &'static str,
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.create`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// The unique index, when the model declares exactly one that can explain it.
        index: Option<&'static str>,
        /// That index's columns (empty when the index is not known).
        columns: &'static [&'static str],
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 409 `row_update_conflict`: an update or delete guarded by
    /// `unless_modified_since` found the row changed after that instant (optimistic
    /// concurrency). Read the row again and decide.
    #[error("{operation}{}: the row was modified since the given time: {message}{}", on_table(table.as_deref()), outcome_part(*outcome))]
    Modified {
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.update`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 403 `row_delete_restricted`: the row still has related rows through a
    /// relationship whose `onDelete` is `restrict`. Delete or unlink those first.
    #[error("{operation}{}: delete restricted by a relationship: {message}{}", on_table(table.as_deref()), outcome_part(*outcome))]
    DeleteRestricted {
        /// The server's message.
        message: String,
        /// The operation, e.g. `rows.delete`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// HTTP 429: the endpoint's rate limit is used up until `reset`.
    #[error("{operation}{}: rate limited{}{}", on_table(table.as_deref()), until(*reset), outcome_part(*outcome))]
    RateLimited {
        /// When the window ends (`X-RateLimit-Reset`, or now + `Retry-After`), if the server said.
        reset: Option<SystemTime>,
        /// The operation, e.g. `rows.create`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// No answer within the per-request timeout, on the last of `attempts` attempts.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = lazy_appwrite::Error::Timeout {
    ///     operation: "rows.get",
    ///     table: Some("books".into()),
    ///     after: Duration::from_secs(1),
    ///     attempts: 4,
    ///     elapsed: Duration::from_millis(4500),
    ///     outcome: None,
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rows.get on table `books`: timed out after 1s (4 attempts in 4.5s)"
    /// );
    /// ```
    #[error("{operation}{}: timed out after {after:?}{}{}", on_table(table.as_deref()), tries(*attempts, *elapsed), outcome_part(*outcome))]
    Timeout {
        /// The operation, e.g. `rows.list`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// The per-request timeout that ran out.
        after: Duration,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// The time from the first attempt to giving up.
        elapsed: Duration,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// The connection failed: refused, reset, TLS, DNS, a broken response.
    ///
    /// ```
    /// use std::time::Duration;
    /// let err = lazy_appwrite::Error::Transport {
    ///     operation: "rows.get",
    ///     table: None,
    ///     message: "http://127.0.0.1:9/v1: connection refused".into(),
    ///     attempts: 1,
    ///     elapsed: Duration::from_millis(2),
    ///     source: None,
    ///     outcome: None,
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rows.get: cannot talk to http://127.0.0.1:9/v1: connection refused (1 attempt in 2ms)"
    /// );
    /// ```
    #[error("{operation}{}: cannot talk to {message}{}{}", on_table(table.as_deref()), tries(*attempts, *elapsed), outcome_part(*outcome))]
    Transport {
        /// The operation, e.g. `rows.list`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// The endpoint the client is configured with, then what happened.
        message: String,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// The time from the first attempt to giving up.
        elapsed: Duration,
        /// The underlying error.
        #[source]
        source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// The server's answer did not have the expected shape.
    #[error("{operation}{}: cannot decode the response at `{path}`: {reason}{}", on_table(table.as_deref()), outcome_part(*outcome))]
    Decode {
        /// The operation, e.g. `rows.list`.
        operation: &'static str,
        /// The table concerned, if any.
        table: Option<String>,
        /// Where in the response: a field path such as `rows[2].count` (`.` for the whole body).
        path: String,
        /// What was wrong there.
        reason: String,
        /// What the failed write did; `None` for a read. See [`Error::outcome`].
        outcome: Option<crate::WriteOutcome>,
    },

    /// The table on the server does not match the model the program was built with.
    #[error("schema drift on table `{table}`{}: {reason}", column_part(column.as_deref()))]
    SchemaDrift {
        /// The table.
        table: String,
        /// The column, if the drift is in one column.
        column: Option<String>,
        /// What differs.
        reason: String,
    },

    /// The model needs something the server's Appwrite version does not have, such as a
    /// `text` column on Appwrite 1.8.1. Nothing was changed.
    ///
    /// ```
    /// use lazy_appwrite::{Error, Feature, ServerVersion};
    ///
    /// let err = Error::Unsupported {
    ///     table: "notes".into(),
    ///     column: Some("body".into()),
    ///     feature: Feature::TextColumnKinds,
    ///     version: ServerVersion::parse("1.8.1"),
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "table `notes`, column `body` needs the varchar, text, mediumtext and longtext \
    ///      column kinds (Appwrite 1.9.0 and later), and the server runs Appwrite 1.8.1"
    /// );
    /// ```
    #[error("table `{table}`{} needs {feature}, and the server runs {version}", column_part(column.as_deref()))]
    Unsupported {
        /// The table.
        table: String,
        /// The column that needs it, if one does.
        column: Option<String>,
        /// What the server lacks.
        feature: crate::version::Feature,
        /// The server's version.
        version: crate::version::ServerVersion,
    },

    /// A column or index is not usable yet (its status is not `available`).
    #[error("schema not ready on table `{table}`{}: status `{status}`", column_part(column.as_deref()))]
    SchemaNotReady {
        /// The table.
        table: String,
        /// The column or index key, if any.
        column: Option<String>,
        /// The status the server reports, e.g. `processing` or `failed`.
        status: String,
    },
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
    ///     kind: String::new(),
    ///     message: "busy".into(),
    ///     operation: "rows.list",
    ///     table: Some("books".into()),
    ///     outcome: None,
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
    ///     kind: "user_blocked".into(),
    ///     message: "The current user has been blocked.".into(),
    ///     operation: "rows.list",
    ///     table: None,
    ///     outcome: None,
    /// };
    /// assert!(blocked(401).is_blocked() && blocked(403).is_blocked());
    /// ```
    pub fn is_blocked(&self) -> bool {
        matches!(self, Error::Api { status: 401 | 403, kind, .. } if kind == "user_blocked")
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

    /// Appwrite's error `type` (e.g. `row_not_found`), if the server sent one.
    ///
    /// ```
    /// let err = lazy_appwrite::Error::Conflict {
    ///     kind: "row_already_exists".into(),
    ///     message: "taken".into(),
    ///     operation: "rows.create",
    ///     table: None,
    ///     outcome: None,
    /// };
    /// assert_eq!(err.appwrite_type(), Some("row_already_exists"));
    /// ```
    pub fn appwrite_type(&self) -> Option<&str> {
        match self {
            Error::Api { kind, .. }
            | Error::NotFound { kind, .. }
            | Error::Conflict { kind, .. }
                if !kind.is_empty() =>
            {
                Some(kind)
            }
            Error::UniqueViolation { kind, .. } => Some(kind),
            Error::Modified { .. } => Some("row_update_conflict"),
            Error::DeleteRestricted { .. } => Some("row_delete_restricted"),
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
    /// };
    /// assert_eq!(err.operation(), Some("rows.list"));
    /// ```
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api { operation, .. }
            | Error::NotFound { operation, .. }
            | Error::Conflict { operation, .. }
            | Error::UniqueViolation { operation, .. }
            | Error::Modified { operation, .. }
            | Error::DeleteRestricted { operation, .. }
            | Error::RateLimited { operation, .. }
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
        match self {
            Error::Validation { table, .. }
            | Error::Api { table, .. }
            | Error::NotFound { table, .. }
            | Error::Conflict { table, .. }
            | Error::UniqueViolation { table, .. }
            | Error::Modified { table, .. }
            | Error::DeleteRestricted { table, .. }
            | Error::RateLimited { table, .. }
            | Error::Timeout { table, .. }
            | Error::Transport { table, .. }
            | Error::Decode { table, .. }
            | Error::InvalidId { table, .. } => table.as_deref(),
            Error::SchemaDrift { table, .. }
            | Error::SchemaNotReady { table, .. }
            | Error::Unsupported { table, .. } => Some(table),
            Error::Config { .. } => None,
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
        match self {
            Error::Config { .. }
            | Error::Validation { .. }
            | Error::InvalidId { .. }
            | Error::SchemaDrift { .. }
            | Error::SchemaNotReady { .. }
            | Error::Unsupported { .. } => Some(crate::WriteOutcome::NotApplied),
            Error::Api { outcome, .. }
            | Error::NotFound { outcome, .. }
            | Error::Conflict { outcome, .. }
            | Error::UniqueViolation { outcome, .. }
            | Error::Modified { outcome, .. }
            | Error::DeleteRestricted { outcome, .. }
            | Error::RateLimited { outcome, .. }
            | Error::Timeout { outcome, .. }
            | Error::Transport { outcome, .. }
            | Error::Decode { outcome, .. } => *outcome,
        }
    }

    /// This error with `outcome` as what the write did, where the variant records one
    /// (a read-back settled it).
    pub(crate) fn with_outcome(mut self, settled: crate::WriteOutcome) -> Self {
        match &mut self {
            Error::Api { outcome, .. }
            | Error::NotFound { outcome, .. }
            | Error::Conflict { outcome, .. }
            | Error::UniqueViolation { outcome, .. }
            | Error::Modified { outcome, .. }
            | Error::DeleteRestricted { outcome, .. }
            | Error::RateLimited { outcome, .. }
            | Error::Timeout { outcome, .. }
            | Error::Transport { outcome, .. }
            | Error::Decode { outcome, .. } => *outcome = Some(settled),
            _ => {}
        }
        self
    }

    /// The error of a sync that ran for `operation` (the model operation the caller asked
    /// for), reported as that operation's: its name leads, and the message says which
    /// step of the sync failed (`while syncing the table, tables.get: …`). Errors of the
    /// schema itself (drift, unsupported kinds) are kept as they are.
    pub(crate) fn during_sync(self, operation: &'static str) -> Self {
        let step = |sync_op: &str, message: String| {
            if sync_op == operation {
                message
            } else {
                format!("while syncing the table, {sync_op}: {message}")
            }
        };
        // The caller's operation never ran: the sync failed before it.
        let outcome = Some(crate::WriteOutcome::NotApplied);
        match self {
            Error::Api {
                status,
                kind,
                message,
                operation: sync_op,
                table,
                ..
            } => Error::Api {
                status,
                kind,
                message: step(sync_op, message),
                operation,
                table,
                outcome,
            },
            Error::NotFound {
                kind,
                message,
                operation: sync_op,
                table,
                ..
            } => Error::NotFound {
                kind,
                message: step(sync_op, message),
                operation,
                table,
                outcome,
            },
            Error::Conflict {
                kind,
                message,
                operation: sync_op,
                table,
                ..
            } => Error::Conflict {
                kind,
                message: step(sync_op, message),
                operation,
                table,
                outcome,
            },
            Error::Transport {
                table,
                message,
                attempts,
                elapsed,
                source,
                ..
            } => Error::Transport {
                operation,
                table,
                message,
                attempts,
                elapsed,
                source,
                outcome,
            },
            Error::Timeout {
                table,
                after,
                attempts,
                elapsed,
                ..
            } => Error::Timeout {
                operation,
                table,
                after,
                attempts,
                elapsed,
                outcome,
            },
            Error::RateLimited { reset, table, .. } => Error::RateLimited {
                reset,
                operation,
                table,
                outcome,
            },
            other => other,
        }
    }

    /// A [`Error::Config`] with this reason.
    pub(crate) fn config(reason: impl Into<String>) -> Self {
        Error::Config {
            reason: reason.into(),
        }
    }

    /// A [`Error::Validation`] without table or column.
    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Error::Validation {
            table: None,
            column: None,
            reason: reason.into(),
        }
    }
}

/// The statuses worth retrying when the operation allows it.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

fn on_table(table: Option<&str>) -> String {
    table
        .map(|t| format!(" on table `{t}`"))
        .unwrap_or_default()
}

fn kind_part(kind: &str) -> String {
    if kind.is_empty() {
        String::new()
    } else {
        format!(" ({kind})")
    }
}

fn column_part(column: Option<&str>) -> String {
    column
        .map(|c| format!(", column `{c}`"))
        .unwrap_or_default()
}

fn place(table: Option<&str>, column: Option<&str>) -> String {
    match (table, column) {
        (Some(t), Some(c)) => format!(" for table `{t}`, column `{c}`"),
        (Some(t), None) => format!(" for table `{t}`"),
        (None, Some(c)) => format!(" for column `{c}`"),
        (None, None) => String::new(),
    }
}

fn unique_index(index: Option<&str>, columns: &[&str]) -> String {
    match index {
        Some(index) if columns.is_empty() => format!("the unique index `{index}`"),
        Some(index) => format!("the unique index `{index}` ({})", columns.join(", ")),
        None => "a unique index".to_owned(),
    }
}

fn outcome_part(outcome: Option<crate::WriteOutcome>) -> String {
    match outcome {
        // A refused write is what an error means by default; only the surprising
        // outcomes are spelled out.
        None | Some(crate::WriteOutcome::NotApplied) => String::new(),
        Some(other) => format!("; {other}"),
    }
}

fn tries(attempts: u32, elapsed: Duration) -> String {
    let plural = if attempts == 1 { "" } else { "s" };
    // Milliseconds are enough for a person; the exact value is in the field.
    let elapsed = Duration::from_millis(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX));
    format!(" ({attempts} attempt{plural} in {elapsed:?})")
}

fn until(reset: Option<SystemTime>) -> String {
    let Some(reset) = reset else {
        return String::new();
    };
    match reset.duration_since(SystemTime::now()) {
        Ok(wait) => format!(" for another {}s", wait.as_secs()),
        Err(_) => " (the window has ended)".into(),
    }
}
