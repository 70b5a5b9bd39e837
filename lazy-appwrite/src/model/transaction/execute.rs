//! A [`Transaction`] as an [`Executor`]: each write is staged (one request carrying the
//! transaction's ID, which the server records and does not apply yet) and counts toward
//! the 100-operation limit; each read sees the transaction's own staged writes.

use std::future::Future;
use std::sync::atomic::Ordering;

use serde::de::IgnoredAny;

use super::Transaction;
use crate::WriteOutcome;
use crate::api::Rows;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::model::executor::{Executor, RowRequest};
use crate::model::run::{read_table, with_table};

impl Executor for Transaction {
    type Answer<R: Send> = ();
    type Created<T: Model> = String;

    fn write<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        self.stage::<T, _, _, _>(request.operation(), move |rows, tx_id| async move {
            // The staged answer is a placeholder row: nothing in it is worth decoding.
            let rows = rows.typed::<IgnoredAny>();
            request.send(rows, Some(&tx_id)).await.map(|_| ())
        })
    }

    fn read<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<W::Answer<T>>> + Send + 'a {
        self.read_rows::<T, _, _, _>(request.operation(), move |rows, tx_id| async move {
            request.send(rows, Some(&tx_id)).await
        })
    }

    fn created<T: Model>((): (), id: String) -> String {
        id
    }
}

impl Transaction {
    /// Runs one staged write on table `T`: checks the transaction is open, takes an
    /// operation slot, syncs the table if needed, sends. The slot is given back when the
    /// server surely did not stage the operation.
    async fn stage<T, R, F, Fut>(&self, operation: &'static str, op: F) -> Result<R>
    where
        T: Model,
        F: Fn(Rows<T>, String) -> Fut,
        Fut: Future<Output = Result<R>>,
    {
        self.check_open(T::ID)?;
        self.reserve(T::ID)?;
        let id = &self.shared.id;
        let result =
            with_table::<T, _, _, _>(&self.shared.client, operation, |rows| op(rows, id.clone()))
                .await;
        if let Err(e) = &result
            && !maybe_staged(e)
        {
            self.shared.staged.fetch_sub(1, Ordering::AcqRel);
        }
        result
    }

    /// Runs one read of table `T` inside the transaction.
    async fn read_rows<T, R, F, Fut>(&self, operation: &'static str, op: F) -> Result<R>
    where
        T: Model,
        F: Fn(Rows<T>, String) -> Fut,
        Fut: Future<Output = Result<R>>,
    {
        self.check_open(T::ID)?;
        let id = &self.shared.id;
        read_table::<T, _, _, _>(&self.shared.client, operation, |rows| op(rows, id.clone())).await
    }
}

/// Whether a failed staging request may still have been recorded by the server: its
/// answer was lost (a timeout, a dropped connection, a 5xx) or unreadable. A refusal, or a
/// request that never left, surely staged nothing.
fn maybe_staged(error: &Error) -> bool {
    error.outcome() != Some(WriteOutcome::NotApplied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Answer, AppwriteErrorType};

    fn answered(status: u16, outcome: WriteOutcome) -> Error {
        Error::Api {
            status,
            answer: Box::new(Answer {
                kind: AppwriteErrorType::parse(""),
                message: "busy".into(),
                operation: "rows.create",
                table: Some("t".into()),
                outcome: Some(outcome),
                row: None,
            }),
        }
    }

    fn lost(outcome: Option<WriteOutcome>) -> Error {
        Error::Transport {
            operation: "rows.create",
            table: Some("t".into()),
            message: "connection reset".into(),
            attempts: 1,
            elapsed: std::time::Duration::from_millis(2),
            source: None,
            outcome,
            row: None,
        }
    }

    #[test]
    fn a_stage_counts_unless_it_surely_staged_nothing() {
        // A 5xx may come after the server recorded the operation; so may a lost answer.
        assert!(maybe_staged(&answered(503, WriteOutcome::Unknown)));
        assert!(maybe_staged(&lost(Some(WriteOutcome::Unknown))));
        // A refusal, or a request that never left, staged nothing.
        assert!(!maybe_staged(&answered(400, WriteOutcome::NotApplied)));
        assert!(!maybe_staged(&lost(Some(WriteOutcome::NotApplied))));
        assert!(!maybe_staged(&Error::invalid("bad")));
    }
}
