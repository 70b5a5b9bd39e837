//! Building errors: from a server's refusal, from a sync step, and the common shorthands.

use super::{Answer, AppwriteErrorType, Error};
use crate::version::{Feature, ServerVersion};

impl Error {
    /// An [`Error::Unsupported`]: `table` (and `column`, when one needs it) needs `feature`,
    /// which the server at `version` lacks.
    pub(crate) fn unsupported(
        table: &str,
        column: Option<&str>,
        feature: Feature,
        version: ServerVersion,
    ) -> Self {
        Error::Unsupported {
            table: table.to_owned(),
            column: column.map(str::to_owned),
            feature,
            version,
        }
    }

    /// The error for a refused request: the variant the status and the type call for.
    ///
    /// Before Appwrite 2.0 a unique-index clash is `row_already_exists`, like a taken ID;
    /// an update or upsert of one row names its ID, so there it is the index.
    pub(crate) fn answered(status: u16, answer: Answer) -> Self {
        let answer = Box::new(answer);
        use AppwriteErrorType as Type;
        let updates_one_row = matches!(answer.operation, "rows.update" | "rows.upsert");
        match (status, &answer.kind) {
            (409, Type::RowUpdateConflict) => Error::Modified { answer },
            (403, Type::RowDeleteRestricted) => Error::DeleteRestricted { answer },
            (409, Type::RowUniqueConstraintViolation) => Error::unique_violation(answer),
            (409, Type::RowAlreadyExists) if updates_one_row => Error::unique_violation(answer),
            (404, _) => Error::NotFound { answer },
            (409, _) => Error::Conflict { answer },
            _ => Error::Api { status, answer },
        }
    }

    /// A [`Error::UniqueViolation`] whose index is not known (yet).
    pub(crate) fn unique_violation(answer: Box<Answer>) -> Self {
        Error::UniqueViolation {
            answer,
            index: None,
            columns: &[],
        }
    }

    /// The error of a sync that ran for `operation` (the model operation the caller asked
    /// for), reported as that operation's: its name leads, and the message says which
    /// step of the sync failed (`while syncing the table, tables.get: …`). Errors of the
    /// schema itself (drift, unsupported kinds) are kept as they are.
    pub(crate) fn during_sync(self, operation: &'static str) -> Self {
        // The caller's operation never ran: the sync failed before it.
        let outcome = Some(crate::WriteOutcome::NotApplied);
        match self {
            Error::Api { .. } | Error::NotFound { .. } | Error::Conflict { .. } => {
                let mut error = self;
                if let Some(answer) = error.answer_mut() {
                    if answer.operation != operation {
                        answer.message = format!(
                            "while syncing the table, {}: {}",
                            answer.operation, answer.message
                        );
                    }
                    answer.operation = operation;
                    answer.outcome = outcome;
                }
                error
            }
            Error::Transport {
                table,
                message,
                attempts,
                elapsed,
                source,
                row,
                ..
            } => Error::Transport {
                operation,
                table,
                message,
                attempts,
                elapsed,
                source,
                outcome,
                row,
            },
            Error::Timeout {
                table,
                after,
                attempts,
                elapsed,
                row,
                ..
            } => Error::Timeout {
                operation,
                table,
                after,
                attempts,
                elapsed,
                outcome,
                row,
            },
            Error::RateLimited {
                reset, table, row, ..
            } => Error::RateLimited {
                reset,
                operation,
                table,
                outcome,
                row,
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
