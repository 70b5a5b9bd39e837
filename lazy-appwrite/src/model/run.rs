//! Running one model operation: sync the table if it is not verified yet, send the
//! request, and if the table turns out to have changed behind the client's back, sync it
//! again and retry once.

use std::future::Future;
use std::pin::Pin;

use crate::api::Rows;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::id::{IdKind, check_path_id};
use crate::schema::Table;

/// The future of a model operation: `Send`, so it can be spawned.
pub type ModelFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Whether an error says the table (or a column of it) is not what the sync left: the
/// table or database was deleted, or a declared column is missing.
fn schema_changed(error: &Error) -> bool {
    match error {
        Error::NotFound { kind, .. } => kind == "table_not_found" || kind == "database_not_found",
        Error::Api {
            status: 400,
            kind,
            message,
            ..
        } => {
            (kind == "row_invalid_structure" && message.contains("Unknown attribute"))
                || (kind == "general_query_invalid"
                    && message.contains("Attribute not found in schema"))
        }
        _ => false,
    }
}

/// Refuses a row ID that Appwrite would not take, before the table's sync, so that
/// nothing at all is sent for it (the transport would refuse the row request itself, but
/// only after the sync's requests).
pub(crate) fn check_row_id<T: Table>(operation: &'static str, id: &str) -> Result<()> {
    check_path_id(operation, Some(T::ID), IdKind::Row, id)
}

/// Runs `op` on table `T`'s rows after making sure the table matches the model.
pub(crate) async fn with_table<T, R, F, Fut>(client: &Client, op: F) -> Result<R>
where
    T: Table,
    F: Fn(Rows<T>) -> Fut,
    Fut: Future<Output = Result<R>>,
{
    let database = client.database_for(T::SCHEMA)?;
    let ticket = client.ensure_table(&database, T::SCHEMA).await?;
    let rows = client.rows::<T>(database.as_str(), T::ID);
    match (op(rows.clone()).await, ticket) {
        (Err(e), Some(ticket)) if schema_changed(&e) => {
            tracing::warn!(
                database = %database,
                table = T::ID,
                error = %e,
                "the table changed behind the client: syncing it again"
            );
            client.forget_table(&ticket);
            client.ensure_table(&database, T::SCHEMA).await?;
            op(rows).await
        }
        (result, _) => result,
    }
}
