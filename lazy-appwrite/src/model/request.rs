//! The requests of the model operations, each a value an [`Executor`](super::Executor)
//! runs: on a client as is, in a transaction with its ID. Each one is checked by its
//! builder before it is made, so sending it is all that is left.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Model;
use super::counter::Direction;
use super::executor::RowRequest;
use super::unique::tell_create_conflict;
use crate::api::Rows;
use crate::datetime::Timestamp;
use crate::error::{Error, Result};
use crate::models::{Row, RowList};
use crate::permission::Permission;
use crate::query::Query;

/// Sends a low-level request after calling each named setter whose value is `Some`.
macro_rules! send_with {
    ($request:expr, $($setter:ident: $value:expr),* $(,)?) => {{
        let mut request = $request;
        $(
            if let Some(value) = $value {
                request = request.$setter(value);
            }
        )*
        request.run().await
    }};
}

/// The permissions to send, if given.
fn listed(permissions: Option<&[Permission]>) -> Option<Vec<Permission>> {
    permissions.map(<[Permission]>::to_vec)
}

/// Creates row `id` from `row`.
pub(super) struct NewRow<'r, T> {
    pub(super) id: &'r str,
    pub(super) row: &'r T,
    pub(super) permissions: Option<&'r [Permission]>,
}

impl<T: Model> RowRequest<T> for NewRow<'_, T> {
    type Answer<U: DeserializeOwned + Send> = Row<U>;

    fn operation(&self) -> &'static str {
        "rows.create"
    }

    async fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> Result<Row<U>> {
        let sent = send_with!(rows.create(self.id, self.row),
            permissions: listed(self.permissions),
            transaction: transaction,
        );
        match sent {
            // Applied at once, a 409 is a taken ID or a unique index: one read tells.
            Err(e @ Error::Conflict { .. }) if transaction.is_none() => {
                Err(tell_create_conflict::<T, U>(&rows, self.id, e).await)
            }
            other => other,
        }
    }
}

/// Creates row `id` from `row`, or replaces it.
pub(super) struct RowReplace<'r, T> {
    pub(super) id: &'r str,
    pub(super) row: &'r T,
    pub(super) permissions: Option<&'r [Permission]>,
    pub(super) since: Option<&'r Timestamp>,
}

impl<T: Model> RowRequest<T> for RowReplace<'_, T> {
    type Answer<U: DeserializeOwned + Send> = Row<U>;

    fn operation(&self) -> &'static str {
        "rows.upsert"
    }

    async fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> Result<Row<U>> {
        send_with!(rows.upsert(self.id, self.row),
            permissions: listed(self.permissions),
            unless_modified_since: self.since.cloned(),
            transaction: transaction,
        )
    }
}

/// Changes the columns in `data` (and the permissions, if given) of row `id`.
pub(super) struct RowUpdate<'r> {
    pub(super) id: &'r str,
    pub(super) data: &'r Map<String, Value>,
    pub(super) permissions: Option<&'r [Permission]>,
    pub(super) since: Option<&'r Timestamp>,
}

impl<T> RowRequest<T> for RowUpdate<'_> {
    type Answer<U: DeserializeOwned + Send> = Row<U>;

    fn operation(&self) -> &'static str {
        "rows.update"
    }

    // Not an `async fn`: its future would capture `T`, which need not outlive `'r`.
    #[allow(clippy::manual_async_fn)]
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<Row<U>>> + Send + 'r {
        async move {
            send_with!(rows.update(self.id),
                data: (!self.data.is_empty()).then_some(self.data),
                permissions: listed(self.permissions),
                unless_modified_since: self.since.cloned(),
                transaction: transaction,
            )
        }
    }
}

/// Deletes row `id`.
pub(super) struct RowDelete<'r> {
    pub(super) id: &'r str,
    pub(super) since: Option<&'r Timestamp>,
}

impl<T> RowRequest<T> for RowDelete<'_> {
    type Answer<U: DeserializeOwned + Send> = ();

    fn operation(&self) -> &'static str {
        "rows.delete"
    }

    // Not an `async fn`: its future would capture `T`, which need not outlive `'r`.
    #[allow(clippy::manual_async_fn)]
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<()>> + Send + 'r {
        async move {
            send_with!(rows.delete(self.id),
                unless_modified_since: self.since.cloned(),
                transaction: transaction,
            )
        }
    }
}

/// Moves a numeric column of row `id` by `by` (default 1), not past `bound`.
pub(super) struct RowCount<'r> {
    pub(super) direction: Direction,
    pub(super) id: &'r str,
    pub(super) column: &'static str,
    pub(super) by: Option<f64>,
    pub(super) bound: Option<f64>,
}

impl<T> RowRequest<T> for RowCount<'_> {
    type Answer<U: DeserializeOwned + Send> = Row<U>;

    fn operation(&self) -> &'static str {
        match self.direction {
            Direction::Up => "rows.increment",
            Direction::Down => "rows.decrement",
        }
    }

    // Not an `async fn`: its future would capture `T`, which need not outlive `'r`.
    #[allow(clippy::manual_async_fn)]
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<Row<U>>> + Send + 'r {
        async move {
            match self.direction {
                Direction::Up => send_with!(rows.increment(self.id, self.column),
                    by: self.by,
                    max: self.bound,
                    transaction: transaction,
                ),
                Direction::Down => send_with!(rows.decrement(self.id, self.column),
                    by: self.by,
                    min: self.bound,
                    transaction: transaction,
                ),
            }
        }
    }
}

/// Reads row `id`, with only the `select` values if given.
pub(super) struct RowGet<'r> {
    pub(super) id: &'r str,
    pub(super) select: Option<&'r [String]>,
}

impl<T> RowRequest<T> for RowGet<'_> {
    type Answer<U: DeserializeOwned + Send> = Row<U>;

    fn operation(&self) -> &'static str {
        "rows.get"
    }

    // Not an `async fn`: its future would capture `T`, which need not outlive `'r`.
    #[allow(clippy::manual_async_fn)]
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<Row<U>>> + Send + 'r {
        async move {
            send_with!(rows.get(self.id),
                select: self.select.map(|values| values.iter().map(String::as_str)),
                transaction: transaction,
            )
        }
    }
}

/// Lists one page of the rows matching `queries`.
pub(super) struct RowPage<'r> {
    pub(super) queries: &'r [Query],
    /// Whether to ask for the count (left out: the server's default, yes).
    pub(super) total: Option<bool>,
    /// The list cache's TTL in whole seconds.
    pub(super) ttl: Option<u32>,
}

impl<T> RowRequest<T> for RowPage<'_> {
    type Answer<U: DeserializeOwned + Send> = RowList<U>;

    fn operation(&self) -> &'static str {
        "rows.list"
    }

    // Not an `async fn`: its future would capture `T`, which need not outlive `'r`.
    #[allow(clippy::manual_async_fn)]
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<RowList<U>>> + Send + 'r {
        async move {
            send_with!(rows.list().queries(self.queries.iter().cloned()),
                total: self.total,
                ttl: self.ttl,
                transaction: transaction,
            )
        }
    }
}
