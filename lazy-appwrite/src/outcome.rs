//! [`WriteOutcome`]: what a failed write did on the server.

use std::fmt;

/// What a failed write did on the server, as far as the client knows: see
/// [`Error::outcome`](crate::Error::outcome).
///
/// A write fails in one of three ways, and each calls for something different:
///
/// | outcome | what happened | what to do |
/// |---|---|---|
/// | [`NotApplied`](Self::NotApplied) | the server refused it, or it was never sent | fix the cause; trying again is safe |
/// | [`Applied`](Self::Applied) | the server stored it, but its answer could not be used | do not write it again |
/// | [`Unknown`](Self::Unknown) | it was sent and no usable answer came back | read before writing again, or repeat it only if it is idempotent |
///
/// Which faults give which outcome:
///
/// | fault | outcome |
/// |---|---|
/// | refused before sending (a bad value or ID, a feature the server lacks) | `NotApplied` |
/// | the connection could not be opened, on every attempt | `NotApplied` |
/// | a 4xx answer (including 429), when no earlier attempt may have gone through | `NotApplied` |
/// | a 4xx answer after an earlier attempt that may have gone through | `Unknown` |
/// | a 5xx answer on the last attempt | `Unknown` |
/// | a timeout or a connection lost after the request was sent | `Unknown` |
/// | a 2xx answer whose body could not be decoded | `Applied` |
///
/// The client settles what it can without a guess before it answers:
/// - a delete whose earlier attempt may have gone through, and whose retry finds the row
///   gone, is a success;
/// - a row create with a client-made ID whose answer was lost reads the row back once:
///   stored with the data sent, the create succeeds; absent, the error says
///   `NotApplied` (after a timeout it stays `Unknown`: a stalled request may still be
///   carried out); a row with other data keeps the ID, and the error stays `Unknown`;
/// - an update or upsert (not staged, no operator, no guard) whose answer was lost reads
///   the row back once: holding every value sent, the write is in effect and succeeds;
///   otherwise the error stays `Unknown` (another writer may have changed the row since);
/// - a delete (not staged, no guard) whose answer was lost reads the row back once: gone,
///   the delete succeeds; still there, the error stays `Unknown`;
/// - a transaction's commit whose answer was lost reads the transaction's status once,
///   as the table below says.
///
/// Transactions: each staged write only records an operation and applies nothing; the
/// commit applies all of them or none, never part. Staged writes and commits are never
/// repeated after an ambiguous failure (a repeated stage would stage its operation twice:
/// an increment counted twice, a create or delete that fails the commit).
///
/// | fault | outcome |
/// |---|---|
/// | a staged write refused, rate limited every time, or never sent | `NotApplied`: not staged |
/// | a staged write's answer lost (a timeout, a lost connection, a 5xx) | `Unknown`: the server may hold the operation (it counts toward the 100); the closure form never commits a body that failed, so then none of it is applied |
/// | the closure form ([`Client::transaction`](crate::Client::transaction)) fails to begin | `NotApplied`: the body never ran |
/// | a commit refused (409 `transaction_conflict`, 410 `transaction_expired`, a row gone, bad data) | `NotApplied` |
/// | a commit's answer lost, and the transaction reads `committed` | success |
/// | a commit's answer lost, and the transaction reads `failed` | `NotApplied` |
/// | a commit's answer lost to a lost connection or a 5xx, and the transaction reads `pending` | `NotApplied`: the commit never arrived |
/// | a commit timed out, and the transaction reads `pending` | `Unknown`: a stalled commit may still be carried out |
/// | a commit's answer lost, and the transaction cannot be read | `Unknown` |
///
/// Each settling read logs a `tracing` warning with the error it settled.
///
/// An error from a row create also names the ID it sent ([`Error::row_id`](crate::Error::row_id)):
/// a caller who repeats an `Unknown` create repeats it with that ID, and the server refuses a
/// second row.
///
/// ```
/// use lazy_appwrite::{Error, WriteOutcome};
///
/// let err = Error::Timeout {
///     operation: "rows.create",
///     table: Some("books".into()),
///     after: std::time::Duration::from_secs(5),
///     attempts: 1,
///     elapsed: std::time::Duration::from_secs(5),
///     outcome: Some(WriteOutcome::Unknown),
///     row: None,
/// };
/// assert_eq!(err.outcome(), Some(WriteOutcome::Unknown));
/// assert_eq!(
///     err.to_string(),
///     "rows.create on table `books`: timed out after 5s (1 attempt in 5s); \
///      the write may have been applied"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WriteOutcome {
    /// Nothing was written.
    NotApplied,
    /// The write was stored.
    Applied,
    /// The write may or may not have been stored.
    Unknown,
}

impl fmt::Display for WriteOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WriteOutcome::NotApplied => "the write was not applied",
            WriteOutcome::Applied => "the write was applied",
            WriteOutcome::Unknown => "the write may have been applied",
        })
    }
}
