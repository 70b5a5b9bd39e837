//! The requests of the model operations, each a value an [`Executor`](super::Executor)
//! runs: on a client as is, in a transaction with its ID. Each one is checked by its
//! builder before it is made, so sending it is all that is left.

use serde::de::DeserializeOwned;

use super::Model;
use super::counter::Direction;
use super::executor::RowRequest;
use super::unique::tell_create_conflict;
use super::write::sets_nothing;
use crate::api::Rows;
use crate::datetime::Timestamp;
use crate::error::{Error, Result};
use crate::permission::Permission;
use crate::query::Query;
use crate::response::{Row, RowList};

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

/// Implements [`RowRequest`] for a request type: its answer (rows decoded as `U`), its
/// operation's name and how it is sent, with the request, the rows and the transaction's
/// ID (if staged) bound to the names given.
macro_rules! row_request {
    (
        impl$(<$t:ident: $bound:path>)? for $name:ty => $answer:ty;
        operation(|$op_this:pat_param| $operation:expr);
        send($this:ident, $rows:ident, $transaction:ident) $send:block
    ) => {
        impl$(<$t: $bound>)? RowRequest for $name {
            type Answer<U: DeserializeOwned + Send> = $answer;

            fn operation(&self) -> &'static str {
                let $op_this = self;
                $operation
            }

            async fn send<'r, U: DeserializeOwned + Send + 'r>(
                &'r self,
                $rows: Rows<U>,
                $transaction: Option<&'r str>,
            ) -> Result<Self::Answer<U>> {
                let $this = self;
                $send
            }
        }
    };
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

row_request! {
    impl<T: Model> for NewRow<'_, T> => Row<U>;
    operation(|_| "rows.create");
    send(this, rows, transaction) {
        let sent = send_with!(rows.create_borrowed(this.id, this.row),
            permissions: listed(this.permissions),
            transaction: transaction,
        );
        match sent {
            // Applied at once, a 409 is a taken ID or a unique index: one read tells.
            // Boxed: the read is built only after a conflict, not in every create's future.
            Err(e @ Error::Conflict { .. }) if transaction.is_none() => {
                Err(Box::pin(tell_create_conflict::<T, U>(&rows, this.id, e)).await)
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

row_request! {
    impl<T: Model> for RowReplace<'_, T> => Row<U>;
    operation(|_| "rows.upsert");
    send(this, rows, transaction) {
        send_with!(rows.upsert_borrowed(this.id, this.row),
            permissions: listed(this.permissions),
            unless_modified_since: this.since.cloned(),
            transaction: transaction,
        )
    }
}

/// Changes the columns in `data` (and the permissions, if given) of row `id`.
pub(super) struct RowUpdate<'r> {
    pub(super) id: &'r str,
    /// The JSON object of the columns to change (`{}` for none).
    pub(super) data: &'r [u8],
    pub(super) permissions: Option<&'r [Permission]>,
    pub(super) since: Option<&'r Timestamp>,
}

row_request! {
    impl for RowUpdate<'_> => Row<U>;
    operation(|_| "rows.update");
    send(this, rows, transaction) {
        send_with!(rows.update_borrowed(this.id),
            data_json: (!sets_nothing(this.data)).then_some(this.data),
            permissions: listed(this.permissions),
            unless_modified_since: this.since.cloned(),
            transaction: transaction,
        )
    }
}

/// Deletes row `id`.
pub(super) struct RowDelete<'r> {
    pub(super) id: &'r str,
    pub(super) since: Option<&'r Timestamp>,
}

row_request! {
    impl for RowDelete<'_> => ();
    operation(|_| "rows.delete");
    send(this, rows, transaction) {
        send_with!(rows.delete_borrowed(this.id),
            unless_modified_since: this.since.cloned(),
            transaction: transaction,
        )
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

row_request! {
    impl for RowCount<'_> => Row<U>;
    operation(|this| match this.direction {
        Direction::Up => "rows.increment",
        Direction::Down => "rows.decrement",
    });
    send(this, rows, transaction) {
        match this.direction {
            Direction::Up => send_with!(rows.increment(this.id, this.column),
                by: this.by,
                max: this.bound,
                transaction: transaction,
            ),
            Direction::Down => send_with!(rows.decrement(this.id, this.column),
                by: this.by,
                min: this.bound,
                transaction: transaction,
            ),
        }
    }
}

/// Reads row `id`, with only the `select` values if given.
pub(super) struct RowGet<'r> {
    pub(super) id: &'r str,
    pub(super) select: Option<&'r [String]>,
}

row_request! {
    impl for RowGet<'_> => Row<U>;
    operation(|_| "rows.get");
    send(this, rows, transaction) {
        send_with!(rows.get_borrowed(this.id),
            select: this.select.map(|values| values.iter().map(String::as_str)),
            transaction: transaction,
        )
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

row_request! {
    impl for RowPage<'_> => RowList<U>;
    operation(|_| "rows.list");
    send(this, rows, transaction) {
        send_with!(rows.list().queries(this.queries.iter().cloned()),
            total: this.total,
            ttl: this.ttl,
            transaction: transaction,
        )
    }
}
