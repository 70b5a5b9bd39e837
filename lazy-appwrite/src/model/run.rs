//! Running one model operation: sync the table if it is not verified yet, send the
//! request, and if the table turns out to have changed behind the client's back, sync it
//! again and retry once. A read also heals a row it cannot decode because a declared
//! column is missing on the server (`missing field …`); a write is not retried for that,
//! since it was applied. Rows are decoded in a `DecodeScope` of the table.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::api::Rows;
use crate::client::Client;
use crate::error::IdKind;
use crate::error::{AppwriteErrorType, Error, Result};
use crate::id::check_path_id;
use crate::name::Name;
use crate::response::{DecodeScope, Defaults};
use crate::schema::{Table, TableSchema};
use crate::sync::{Ticket, ensure_table, forget_table};
use crate::typed::table::model_rows;

/// The future of a model operation: `Send`, so it can be spawned.
pub use crate::api::ApiFuture as ModelFuture;

/// Whether an error says the table (or a column of it) is not what the sync left: the
/// table or database was deleted (`404 table_not_found` or `database_not_found`), or the
/// server names a column missing from the table (see [`Error::unknown_column`]).
fn schema_changed(error: &Error) -> bool {
    let gone = |answer: &crate::Answer| {
        matches!(
            answer.kind,
            AppwriteErrorType::TableNotFound | AppwriteErrorType::DatabaseNotFound
        )
    };
    matches!(error, Error::NotFound { answer } if gone(answer)) || error.unknown_column().is_some()
}

/// Refuses a row ID that Appwrite would not take, before the table's sync, so that
/// nothing at all is sent for it (the transport would refuse the row request itself, but
/// only after the sync's requests).
pub(crate) fn check_row_id<T: Table>(operation: &'static str, id: &str) -> Result<()> {
    check_path_id(operation, Some(T::ID), IdKind::Row, id)
}

/// The declared column a row could not be decoded without (`missing field `likes``): the
/// server's rows no longer have it, because it was deleted behind the client's back.
fn missing_column(error: &Error, schema: &TableSchema) -> Option<&'static str> {
    let Error::Decode { reason, .. } = error else {
        return None;
    };
    let (_, rest) = reason.split_once("missing field `")?;
    let (name, _) = rest.split_once('`')?;
    schema.column(name).map(|column| column.key)
}

/// Runs `op` on table `T`'s rows after making sure the table matches the model. A failure
/// of the sync is reported as a failure of `operation`, the one the caller asked for (see
/// [`Error::during_sync`]).
pub(crate) fn with_table<T, R, F, Fut>(
    client: &Client,
    operation: &'static str,
    op: F,
) -> impl Future<Output = Result<R>>
where
    T: Table,
    F: Fn(Rows<T>) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    run_on_table::<T, R, F, Fut>(client, operation, op, false)
}

/// Like [`with_table`], for an operation that only reads: a row that cannot be decoded
/// because a declared column is missing on the server also syncs the table again (which
/// creates the column) and retries once. A write is not retried for that: it was applied.
pub(crate) fn read_table<T, R, F, Fut>(
    client: &Client,
    operation: &'static str,
    op: F,
) -> impl Future<Output = Result<R>>
where
    T: Table,
    F: Fn(Rows<T>) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    run_on_table::<T, R, F, Fut>(client, operation, op, true)
}

async fn run_on_table<T, R, F, Fut>(
    client: &Client,
    operation: &'static str,
    op: F,
    reads_only: bool,
) -> Result<R>
where
    T: Table,
    F: Fn(Rows<T>) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    let database = client.config().database_for(T::SCHEMA)?;
    let ticket = ensure_table(client, &database, T::SCHEMA)
        .await
        .map_err(|e| e.during_sync(operation))?;
    let result = Scoped::of::<T>(op(model_rows::<T>(client, database.clone()))).await;
    let changed =
        |e: &Error| schema_changed(e) || (reads_only && missing_column(e, T::SCHEMA).is_some());
    match (result, ticket) {
        // Boxed: the second attempt's future is built only when the table changed, and
        // the future of every other call stays the size of one attempt.
        (Err(e), Some(ticket)) if changed(&e) => {
            Box::pin(sync_again::<T, R, F, Fut>(
                client, operation, op, database, ticket, e,
            ))
            .await
        }
        (result, _) => result,
    }
}

/// After `error` said the table changed behind the client's back: forgets `ticket`'s
/// verification, syncs the table again and runs `op` once more.
async fn sync_again<T, R, F, Fut>(
    client: &Client,
    operation: &'static str,
    op: F,
    database: Name,
    ticket: Ticket,
    error: Error,
) -> Result<R>
where
    T: Table,
    F: Fn(Rows<T>) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    tracing::warn!(
        database = %database,
        table = T::ID,
        error = %error,
        "the table changed behind the client: syncing it again"
    );
    drop(error);
    forget_table(client, &ticket);
    ensure_table(client, &database, T::SCHEMA)
        .await
        .map_err(|e| e.during_sync(operation))?;
    Scoped::of::<T>(op(model_rows::<T>(client, database))).await
}

pin_project_lite::pin_project! {
    /// A request's future whose rows are decoded as rows of `schema` (see [`DecodeScope`]):
    /// a `null` in a column with a default reads as the default.
    struct Scoped<F> {
        // The table's column defaults, worked out once.
        defaults: Option<Defaults>,
        #[pin]
        future: F,
    }
}

impl<F> Scoped<F> {
    /// `future` decoding rows as rows of table `T` (its defaults worked out at compile
    /// time).
    fn of<T: Table>(future: F) -> Self {
        Self {
            defaults: const { Defaults::of(T::SCHEMA) },
            future,
        }
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let _scope = DecodeScope::enter(*this.defaults);
        this.future.poll(cx)
    }
}
