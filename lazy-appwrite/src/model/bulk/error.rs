//! [`BulkError`]: what a failed bulk write stored, and what it did not.

use std::fmt;
use std::ops::Range;

use crate::error::Error;

/// A bulk write that failed: the error, how many rows the batches before it stored, and
/// which input rows were not written.
///
/// Each batch is all-or-nothing on the server, so after a failure the input rows in
/// [`BulkError::failed_rows`] (and every row after them, which was not sent) are not stored,
/// while the [`BulkError::written`] rows of the batches that succeeded are. With
/// `concurrency(1)` (the default) those are exactly the first `written` rows of the input.
///
/// `?` turns it into the plain [`Error`] (dropping the counts) in functions returning
/// [`crate::Result`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Error, Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize, Debug)]
/// #[table(id = "tags")]
/// struct Tag {
///     #[column(size = 8)]
///     name: String,
/// }
///
/// // Row 150 is too long for its column: nothing is sent.
/// let tags = (0..200).map(|i| Tag { name: if i == 150 { "much too long".into() } else { format!("t{i}") } });
/// let err = Tag::create_many(&client, tags).await.unwrap_err();
/// assert_eq!(err.written(), 0);
/// assert!(matches!(err.error(), Error::Validation { column: Some(c), .. } if c == "name"));
/// assert!(err.to_string().contains("row 150"));
/// assert_eq!(Tag::count(&client, Tag::query()).await?, 0);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct BulkError {
    written: u64,
    failed_rows: Option<Range<u64>>,
    unknown_rows: Option<Range<u64>>,
    error: Error,
}

impl BulkError {
    /// A failure before any batch was sent.
    pub(super) fn before_sending(error: Error) -> Self {
        Self {
            written: 0,
            failed_rows: None,
            unknown_rows: None,
            error,
        }
    }

    /// The error of the batch of input rows `rows`, after `written` rows of the batches
    /// that succeeded: its rows are not written, written, or unknown, as the error's
    /// [`Error::outcome`] says.
    pub(super) fn of_batch(written: u64, rows: Range<u64>, error: Error) -> Self {
        let (written, failed_rows, unknown_rows) = match error.outcome() {
            Some(crate::WriteOutcome::Applied) => (written + (rows.end - rows.start), None, None),
            Some(crate::WriteOutcome::Unknown) => (written, None, Some(rows)),
            _ => (written, Some(rows), None),
        };
        Self {
            written,
            failed_rows,
            unknown_rows,
            error,
        }
    }

    /// How many rows the batches that succeeded stored before the failure.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The input rows (0-based indices) of the batch that failed, when the failure is one
    /// batch's and the server surely stored none of them. For an invalid row of a stream,
    /// the batch being filled up to and including that row.
    pub fn failed_rows(&self) -> Option<Range<u64>> {
        self.failed_rows.clone()
    }

    /// The input rows of the batch that failed when the server may have stored them: it
    /// was sent and no usable answer came back ([`crate::WriteOutcome::Unknown`]). Read
    /// them before writing them again.
    pub fn unknown_rows(&self) -> Option<Range<u64>> {
        self.unknown_rows.clone()
    }

    /// What went wrong.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// What went wrong, without the counts.
    pub fn into_error(self) -> Error {
        self.error
    }
}

impl fmt::Display for BulkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        match (&self.failed_rows, &self.unknown_rows) {
            (Some(rows), _) => write!(
                f,
                " (bulk write: {} row(s) stored before it; rows {}..{} not written)",
                self.written, rows.start, rows.end
            ),
            (None, Some(rows)) => write!(
                f,
                " (bulk write: {} row(s) stored before it; rows {}..{} may have been written)",
                self.written, rows.start, rows.end
            ),
            (None, None) if self.written > 0 => {
                write!(f, " (bulk write: {} row(s) stored before it)", self.written)
            }
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for BulkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

impl From<BulkError> for Error {
    /// The error alone, without the counts.
    fn from(error: BulkError) -> Self {
        error.error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WriteOutcome;

    fn busy(outcome: WriteOutcome) -> Error {
        Error::Api {
            status: 503,
            answer: Box::new(crate::Answer {
                kind: "".into(),
                message: "busy".into(),
                operation: "rows.createMany",
                table: Some("items".into()),
                outcome: Some(outcome),
                row: None,
            }),
        }
    }

    #[test]
    fn a_failed_batch_is_not_written_written_or_unknown_as_its_outcome_says() {
        let refused = BulkError::of_batch(200, 200..300, busy(WriteOutcome::NotApplied));
        assert_eq!(
            (
                refused.written(),
                refused.failed_rows(),
                refused.unknown_rows()
            ),
            (200, Some(200..300), None)
        );
        assert!(refused.to_string().ends_with("rows 200..300 not written)"));

        let lost = BulkError::of_batch(200, 200..300, busy(WriteOutcome::Unknown));
        assert_eq!(
            (lost.written(), lost.failed_rows(), lost.unknown_rows()),
            (200, None, Some(200..300))
        );
        assert!(
            lost.to_string().ends_with(
                "(bulk write: 200 row(s) stored before it; rows 200..300 may have been written)"
            ),
            "{lost}"
        );

        let stored = BulkError::of_batch(200, 200..300, busy(WriteOutcome::Applied));
        assert_eq!(
            (
                stored.written(),
                stored.failed_rows(),
                stored.unknown_rows()
            ),
            (300, None, None)
        );
    }
}
