//! A [`Transaction`] as an [`Executor`]: each write is staged (one request carrying the
//! transaction's ID, which the server records and does not apply yet) and counts toward
//! the 100-operation limit; each read sees the transaction's own staged writes.

use std::future::Future;
use std::sync::atomic::Ordering;

use serde::de::IgnoredAny;

use super::Transaction;
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

/// Whether a failed staging request may still have been recorded by the server (its
/// answer was lost or unreadable).
fn maybe_staged(error: &Error) -> bool {
    matches!(
        error,
        Error::Timeout { .. } | Error::Transport { .. } | Error::Decode { .. }
    )
}
