//! The one error type of the crate: what failed, where, and whether a retry can help.

mod access;
mod answer;
mod build;
mod id_kind;
mod kind;
mod text;

use std::time::{Duration, SystemTime};

pub use answer::Answer;
pub use id_kind::IdKind;
pub use kind::AppwriteErrorType;
use text::{column_part, on_table, outcome_part, place, tries, unique_index, until};

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
///     answer: Box::new(lazy_appwrite::Answer {
///         kind: "row_not_found".into(),
///         message: "Row with the requested ID could not be found.".into(),
///         operation: "rows.get",
///         table: Some("books".into()),
///         outcome: None,
///         row: None,
///     }),
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
        what: IdKind,
        /// The ID as given.
        id: String,
        /// Why Appwrite would not take it.
        reason: String,
    },

    /// The server refused the request with a status that has no variant of its own.
    #[error("{}: HTTP {status}{}", answer.at(), answer.said())]
    Api {
        /// HTTP status code.
        status: u16,
        /// What the server said, and where.
        answer: Box<Answer>,
    },

    /// HTTP 404: the database, table, column, index, row or transaction does not exist
    /// (or is not visible to the caller).
    #[error("{}: not found{}", answer.at(), answer.said())]
    NotFound {
        /// What the server said (e.g. `row_not_found`), and where.
        answer: Box<Answer>,
    },

    /// HTTP 409: the ID or a unique index is taken, or the row changed meanwhile.
    #[error("{}: conflict{}", answer.at(), answer.said())]
    Conflict {
        /// What the server said (e.g. `row_already_exists`), and where.
        answer: Box<Answer>,
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
    ///     answer: Box::new(lazy_appwrite::Answer {
    ///         kind: "row_already_exists".into(),
    ///         message: "Row with the requested ID already exists.".into(),
    ///         operation: "rows.create",
    ///         table: Some("users".into()),
    ///         outcome: None,
    ///         row: None,
    ///     }),
    ///     index: Some("by_email"),
    ///     columns: &["email"],
    /// };
    /// assert_eq!(err.status(), Some(409));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rows.create on table `users`: the unique index `by_email` (email) already holds \
    ///      these values (row_already_exists): Row with the requested ID already exists."
    /// );
    /// ```
    #[error(
        "{}: {} already holds these values{}",
        answer.at(),
        unique_index(*index, columns),
        answer.said()
    )]
    UniqueViolation {
        /// What the server said, and where: its type is `row_unique_constraint_violation`,
        /// or `row_already_exists` before Appwrite 2.0.
        answer: Box<Answer>,
        /// The unique index, when the model declares exactly one that can explain it.
        index: Option<&'static str>,
        /// That index's columns (empty when the index is not known).
        columns: &'static [&'static str],
    },

    /// HTTP 409 `row_update_conflict`: an update or delete guarded by
    /// `unless_modified_since` found the row changed after that instant (optimistic
    /// concurrency). Read the row again and decide.
    #[error("{}: the row was modified since the given time{}", answer.at(), answer.said_plainly())]
    Modified {
        /// What the server said, and where.
        answer: Box<Answer>,
    },

    /// HTTP 403 `row_delete_restricted`: the row still has related rows through a
    /// relationship whose `onDelete` is `restrict`. Delete or unlink those first.
    #[error("{}: delete restricted by a relationship{}", answer.at(), answer.said_plainly())]
    DeleteRestricted {
        /// What the server said, and where.
        answer: Box<Answer>,
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
        /// The ID a failed row create sent. See [`Error::row_id`]. (Boxed: it keeps
        /// `Error` small.)
        row: Option<Box<str>>,
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
    ///     row: None,
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
        /// The ID a failed row create sent. See [`Error::row_id`]. (Boxed: it keeps
        /// `Error` small.)
        row: Option<Box<str>>,
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
    ///     row: None,
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
        /// The ID a failed row create sent. See [`Error::row_id`]. (Boxed: it keeps
        /// `Error` small.)
        row: Option<Box<str>>,
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
        /// The ID a failed row create sent. See [`Error::row_id`]. (Boxed: it keeps
        /// `Error` small.)
        row: Option<Box<str>>,
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

/// The statuses worth retrying when the operation allows it.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}
