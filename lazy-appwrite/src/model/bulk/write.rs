//! [`BulkWrite`]: the one builder of the batched writes. Its rows ([`BulkRows`]) say what
//! differs between [`Model::create_many`], [`Model::upsert_many`] and
//! [`Model::create_stream`]; the batching, the permissions and what `.await` gives are
//! set here, once, and every kind runs on the same batch engine.

use std::borrow::Borrow;
use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use super::check::{bulk_row, refuse_relationships};
use super::engine::{Engine, Outcome};
use super::rows::{BulkRows, NewRows, RowsById, Streamed};
use super::{Batching, BulkError, BulkFuture, CountOnly, KeepRows};
use crate::client::Client;
use crate::model::Model;
use crate::permission::Permission;
use crate::response::Row;

/// A pending bulk write of the rows `In` ([`BulkRows`]): `.await` it for the written rows
/// ([`KeepRows`]), or for their number ([`CountOnly`]). [`Model::create_many`],
/// [`Model::upsert_many`], [`Model::create_stream`] and [`Model::create_iter`] make one
/// (named [`CreateMany`], [`UpsertMany`] and [`CreateStream`]); they share these setters
/// and one batching: at most [`MAX_BATCH_ROWS`](super::MAX_BATCH_ROWS) rows a request,
/// `concurrency` requests in flight.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "scores")]
/// struct Score {
///     points: i64,
/// }
///
/// let scores: Vec<(String, Score)> = (0..120).map(|i| (format!("p{i}"), Score { points: i })).collect();
/// // Six requests of 20 rows, two at a time.
/// let written = Score::upsert_many(&client, scores.iter().map(|(id, score)| (id.as_str(), score)))
///     .batch_size(20)
///     .concurrency(2)
///     .count_only()
///     .await?;
/// assert_eq!(written, 120);
/// # Ok(()) }
/// ```
#[must_use = "a model operation does nothing until it is awaited"]
pub struct BulkWrite<'a, T, In, O = KeepRows> {
    client: &'a Client,
    rows: In,
    permissions: Option<Vec<Permission>>,
    batching: Batching,
    _output: PhantomData<fn() -> (T, O)>,
}

/// A pending [`Model::create_many`]: `.await` it for the created rows, in input order
/// (`.count_only()` for their number). Every row (and every ID from
/// [`BulkWrite::id_with`]) is validated before the first request, so invalid input sends
/// nothing; then the rows go in batches of [`MAX_BATCH_ROWS`](super::MAX_BATCH_ROWS).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Model, Permission, Role, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "books", row_security)]
/// struct Book {
///     #[column(size = 16)]
///     isbn: String,
///     #[column(size = 64)]
///     title: String,
/// }
///
/// let books = [("111", "Dune"), ("222", "Emma")].map(|(isbn, title)| Book { isbn: isbn.into(), title: title.into() });
/// let rows = Book::create_many(&client, &books)
///     .id_with(|_, book| format!("isbn-{}", book.isbn))
///     .permissions([Permission::read(Role::any())])
///     .await?;
/// assert_eq!(rows[1].id, "isbn-222");
/// assert_eq!(rows[1].permissions, [Permission::read(Role::any())]);
///
/// let count = Book::create_many(&client, &books).count_only().await?;
/// assert_eq!(count, 2);
/// # Ok(()) }
/// ```
pub type CreateMany<'a, T, R, O = KeepRows> = BulkWrite<'a, T, NewRows<'a, T, Vec<R>>, O>;

/// A pending [`Model::upsert_many`]: `.await` it. Each row is created, or replaces the row
/// with its ID; every row and ID is validated before the first request.
///
/// Appwrite answers with the rows that changed only: a row written again with the same
/// values is neither returned nor counted. Upserts are retried safely after ambiguous
/// failures (writing a row twice ends the same).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "prices")]
/// struct Price {
///     cents: i64,
/// }
///
/// Price::upsert_many(&client, [("apple", Price { cents: 50 }), ("pear", Price { cents: 70 })]).await?;
/// let changed = Price::upsert_many(&client, [("apple", Price { cents: 55 }), ("pear", Price { cents: 70 })]).await?;
/// assert_eq!(changed.len(), 1); // the pear did not change
/// assert_eq!((changed[0].id.as_str(), changed[0].cents), ("apple", 55));
/// # Ok(()) }
/// ```
pub type UpsertMany<'a, T, R, O = KeepRows> = BulkWrite<'a, T, RowsById<R>, O>;

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
pub type CreateStream<'a, T, S> = BulkWrite<'a, T, NewRows<'a, T, Streamed<S>>, CountOnly>;

impl<'a, T, R> CreateMany<'a, T, R> {
    pub(in crate::model) fn new(client: &'a Client, rows: Vec<R>) -> Self {
        BulkWrite::of(client, NewRows::new(rows))
    }
}

impl<'a, T, R> UpsertMany<'a, T, R> {
    pub(in crate::model) fn new(client: &'a Client, rows: Vec<(String, R)>) -> Self {
        BulkWrite::of(client, RowsById(rows))
    }
}

impl<'a, T, S> CreateStream<'a, T, S> {
    pub(in crate::model) fn new(client: &'a Client, rows: S) -> Self {
        BulkWrite::of(client, NewRows::new(Streamed(rows)))
    }
}

impl<'a, T, In, O> BulkWrite<'a, T, In, O> {
    fn of(client: &'a Client, rows: In) -> Self {
        BulkWrite {
            client,
            rows,
            permissions: None,
            batching: Batching::default(),
            _output: PhantomData,
        }
    }

    /// Row permissions for every row (`read`, `update`, `delete`, `write`; they apply when
    /// the table has row security). Left out, a created row gets the server's default and
    /// a row an upsert replaces keeps its own.
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Rows per request (default and most: [`MAX_BATCH_ROWS`](super::MAX_BATCH_ROWS));
    /// anything outside `1..=100` is refused when the write starts.
    pub fn batch_size(mut self, rows: usize) -> Self {
        self.batching.batch_size = rows;
        self
    }

    /// Batches in flight at once (default 1, at least 1). More is faster on a distant
    /// server and holds `batch_size × concurrency` rows in memory; with more than one,
    /// the rows written before a failure are not necessarily the first ones.
    pub fn concurrency(mut self, batches: usize) -> Self {
        self.batching.concurrency = batches;
        self
    }
}

impl<'a, T, In> BulkWrite<'a, T, In, KeepRows> {
    /// Returns only how many rows were written (created, or for an upsert, changed),
    /// without decoding or keeping them: for large inputs.
    pub fn count_only(self) -> BulkWrite<'a, T, In, CountOnly> {
        BulkWrite {
            client: self.client,
            rows: self.rows,
            permissions: self.permissions,
            batching: self.batching,
            _output: PhantomData,
        }
    }
}

impl<'a, T, S, O> BulkWrite<'a, T, NewRows<'a, T, S>, O> {
    /// Each new row's ID from its index and the row (default: a new [`ID::unique`](crate::ID::unique)
    /// each). Held rows' IDs are all checked before anything is sent: valid, and no two
    /// alike. A stream's are checked one by one as its rows are taken; two equal IDs in one
    /// write fail on the server (409).
    ///
    /// Only new rows take it: an upsert's rows come with their IDs.
    ///
    /// ```compile_fail,E0599
    /// # use lazy_appwrite::{Client, Model, Table};
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "notes")]
    /// # struct Note { n: i64 }
    /// # fn upsert(client: &Client, note: &Note) {
    /// let _ = Note::upsert_many(client, [("a", note)]).id_with(|i, _| format!("n{i}"));
    /// # }
    /// ```
    pub fn id_with(mut self, id: impl FnMut(u64, &T) -> String + Send + 'a) -> Self {
        self.rows.set_ids(Box::new(id));
        self
    }
}

impl<'a, T, In, O> fmt::Debug for BulkWrite<'a, T, In, O>
where
    T: Model,
    In: BulkRows<'a, T>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BulkWrite")
            .field("table", &T::ID)
            .field("write", &In::WRITE)
            .field("rows", &self.rows.held())
            .field("batching", &self.batching)
            .finish_non_exhaustive()
    }
}

impl<'a, T, In, O> BulkWrite<'a, T, In, O>
where
    T: Model,
    In: BulkRows<'a, T>,
{
    /// Checks the settings, the table and the rows, then writes them in batches; `keep`
    /// decodes and keeps the rows the server answers.
    async fn run(self, keep: bool) -> Result<Outcome<T>, BulkError> {
        let batching = self
            .batching
            .check::<T>()
            .map_err(BulkError::before_sending)?;
        refuse_relationships::<T>(In::WRITE.verb()).map_err(BulkError::before_sending)?;
        let source = self.rows.check().map_err(BulkError::before_sending)?;
        let permissions = self.permissions;
        let prepare = move |index, (id, row): (String, In::Row)| {
            let row = row.borrow();
            bulk_row(index, row, id, permissions.as_ref(), In::CHECKED_AS_TAKEN)
        };
        Engine::new(self.client, In::WRITE, keep, batching, source, prepare)
            .run()
            .await
    }
}

impl<'a, T, In> IntoFuture for BulkWrite<'a, T, In, KeepRows>
where
    T: Model,
    In: BulkRows<'a, T>,
{
    type Output = Result<Vec<Row<T>>, BulkError>;
    type IntoFuture = BulkFuture<'a, Vec<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(true).await.map(|done| done.rows) })
    }
}

impl<'a, T, In> IntoFuture for BulkWrite<'a, T, In, CountOnly>
where
    T: Model,
    In: BulkRows<'a, T>,
{
    type Output = Result<u64, BulkError>;
    type IntoFuture = BulkFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(false).await.map(|done| done.count) })
    }
}
