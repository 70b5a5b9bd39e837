//! [`Answer`]: what the server said when it refused a request, and where; the context the
//! variants for server answers share.

use super::AppwriteErrorType;
use super::text::{kind_part, on_table, outcome_part};

/// What the server answered to a refused request, and where: held by
/// [`crate::Error::Api`], [`crate::Error::NotFound`], [`crate::Error::Conflict`],
/// [`crate::Error::UniqueViolation`], [`crate::Error::Modified`] and
/// [`crate::Error::DeleteRestricted`].
///
/// ```
/// use lazy_appwrite::{Answer, Error};
///
/// let err = Error::NotFound {
///     answer: Box::new(Answer {
///         kind: "row_not_found".into(),
///         message: "Row with the requested ID could not be found.".into(),
///         operation: "rows.get",
///         table: Some("books".into()),
///         outcome: None,
///         row: None,
///     }),
/// };
/// assert_eq!(err.appwrite_type(), Some("row_not_found"));
/// ```
#[derive(Debug, Clone)]
pub struct Answer {
    /// Appwrite's error `type`, e.g. `row_not_found` (empty when the server sent none).
    pub kind: AppwriteErrorType,
    /// The server's message.
    pub message: String,
    /// The operation, e.g. `rows.get`.
    pub operation: &'static str,
    /// The table concerned, if any.
    pub table: Option<String>,
    /// What the failed write did; `None` for a read. See [`crate::Error::outcome`].
    pub outcome: Option<crate::WriteOutcome>,
    /// The ID a failed row create sent, so that repeating it is safe. See
    /// [`crate::Error::row_id`].
    pub row: Option<String>,
}

impl Answer {
    /// The operation and the table, as an error message begins: ``rows.get on table `books` ``.
    pub(super) fn at(&self) -> String {
        format!("{}{}", self.operation, on_table(self.table.as_deref()))
    }

    /// The type in parentheses, the message and the outcome, as an error message ends.
    pub(super) fn said(&self) -> String {
        format!("{}{}", kind_part(self.kind.as_str()), self.said_plainly())
    }

    /// The message and the outcome, for an error whose text says what the type means.
    pub(super) fn said_plainly(&self) -> String {
        format!(": {}{}", self.message, outcome_part(self.outcome))
    }
}
