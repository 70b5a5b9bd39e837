//! [`Model::create_stream`] and [`Model::create_iter`]: rows as they come, with bounded
//! memory.

use std::borrow::Borrow;
use std::fmt;
use std::future::IntoFuture;

use futures_core::Stream;

use super::check::{bulk_row, refuse_relationships};
use super::engine::{Engine, Write};
use super::{Batching, BulkError, BulkFuture, IdFn};
use crate::client::Client;
use crate::error::Result;
use crate::id::ID;
use crate::model::Model;
use crate::permission::Permission;

/// A pending [`Model::create_stream`] or [`Model::create_iter`]: `.await` it for the
/// number of rows written.
///
/// Rows are taken from the input only while a batch can be sent, so memory holds at most
/// `batch_size × concurrency` rows, whatever the input's length. Each row is validated as
/// it is taken; an invalid row stops the write before its batch is sent (earlier batches
/// stay written: see [`BulkError`]).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::model::FromIter;
/// use lazy_appwrite::{Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "events")]
/// struct Event {
///     n: i64,
/// }
///
/// // Any `futures_core::Stream` works; here, an iterator seen as one.
/// let events = FromIter::new((0..500).map(|n| Event { n }));
/// let written = Event::create_stream(&client, events).batch_size(50).await?;
/// assert_eq!(written, 500);
/// # Ok(()) }
/// ```
#[must_use = "a model operation does nothing until it is awaited"]
pub struct CreateStream<'a, T, S> {
    client: &'a Client,
    rows: S,
    ids: Option<IdFn<'a, T>>,
    permissions: Option<Vec<Permission>>,
    batching: Batching,
}

impl<'a, T, S> CreateStream<'a, T, S> {
    pub(in crate::model) fn new(client: &'a Client, rows: S) -> Self {
        Self {
            client,
            rows,
            ids: None,
            permissions: None,
            batching: Batching::default(),
        }
    }

    /// Each row's ID from its index and the row (default: a new [`ID::unique`] each). Each
    /// ID is checked as its row is taken; two equal IDs in one write fail on the server
    /// (409).
    pub fn id_with(mut self, id: impl FnMut(u64, &T) -> String + Send + 'a) -> Self {
        self.ids = Some(Box::new(id));
        self
    }

    /// Row permissions for every row (`read`, `update`, `delete`, `write`).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    batching_setters!();
}

impl<T, S> fmt::Debug for CreateStream<'_, T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateStream")
            .field("table", &std::any::type_name::<T>())
            .field("batching", &self.batching)
            .finish_non_exhaustive()
    }
}

impl<'a, T, S> IntoFuture for CreateStream<'a, T, S>
where
    T: Model,
    S: Stream + Send + 'a,
    S::Item: Borrow<T> + Send,
{
    type Output = Result<u64, BulkError>;
    type IntoFuture = BulkFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let batching = self
                .batching
                .check::<T>()
                .map_err(BulkError::before_sending)?;
            refuse_relationships::<T>("create").map_err(BulkError::before_sending)?;
            let (mut ids, permissions) = (self.ids, self.permissions);
            let prepare = move |index, row: S::Item| {
                let row = Borrow::<T>::borrow(&row);
                let id = match &mut ids {
                    Some(make) => make(index, row),
                    None => ID::unique(),
                };
                bulk_row(index, row, id, permissions.as_ref(), true)
            };
            Engine::<T, _, _>::new(
                self.client,
                Write::Create,
                false,
                batching,
                self.rows,
                prepare,
            )
            .run()
            .await
            .map(|done| done.count)
        })
    }
}
