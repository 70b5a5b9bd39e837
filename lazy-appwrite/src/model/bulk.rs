//! Bulk writes through a model: many rows per request, in batches the server accepts.
//!
//! - [`Model::create_many`] and [`Model::upsert_many`] take rows you hold (a `Vec`, a
//!   slice, an iterator of references): **every row is validated before anything is
//!   sent**, so bad input sends nothing, and the error names the table, the column and the
//!   row's index. The rows come back typed, or just their number with `.count_only()`.
//! - [`Model::create_stream`] and [`Model::create_iter`] write rows as they come from a
//!   [`Stream`] or an iterator with bounded memory: at most one batch being filled and
//!   `concurrency` batches in flight, whatever the input's length; the answer is the number
//!   of rows written.
//! - [`Model::update_many`] and [`Model::delete_many`] change or delete every row a typed
//!   filter matches, in one request.
//!
//! A batch is at most [`MAX_BATCH_ROWS`] rows (`.batch_size(n)` for fewer) and is
//! all-or-nothing on the server. Each created row gets a client-made ID ([`ID::unique`],
//! or yours with `.id_with(…)`), so a batch is retried safely after a timeout or a 5xx: a
//! retry that meets 409 reads the rows back and succeeds if they are the ones sent. When a
//! batch fails, the [`BulkError`] says how many rows the batches before it stored and which
//! input rows were not written. Appwrite refuses bulk writes on tables with relationship
//! columns; that is refused here before anything is sent.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
//! #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
//! use lazy_appwrite::{Model, Table};
//!
//! #[derive(Table, serde::Serialize, serde::Deserialize, Clone)]
//! #[table(id = "readings")]
//! struct Reading {
//!     #[column(size = 16)]
//!     sensor: String,
//!     value: i64,
//! }
//!
//! let readings: Vec<Reading> =
//!     (0..250).map(|i| Reading { sensor: format!("s{}", i % 5), value: i }).collect();
//! // 250 rows: three requests of 100, 100 and 50 rows.
//! let rows = Reading::create_many(&client, &readings).await?;
//! assert_eq!((rows.len(), rows[249].value), (250, 249));
//!
//! let c = Reading::columns();
//! let changed = Reading::update_many(&client, c.sensor.equal("s0"), Reading::patch().value(0)).await?;
//! assert_eq!(changed, 50);
//! let deleted = Reading::delete_many(&client, c.value.gte(200)).await?;
//! assert_eq!(deleted, 40);
//!
//! // A stream of 1 000 rows, written 100 at a time, two requests in flight.
//! let written = Reading::create_iter(&client, (0..1000).map(|i| Reading { sensor: "t".into(), value: i }))
//!     .concurrency(2)
//!     .await?;
//! assert_eq!(written, 1000);
//! # Ok(()) }
//! ```

mod engine;

pub use engine::FromIter;

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::ops::Range;
use std::pin::Pin;

use futures_core::Stream;
use serde::de::IgnoredAny;

use self::engine::{Engine, Outcome, Write};
use super::Model;
use super::run::{ModelFuture, with_table};
use super::write::update_data;
use crate::api::rows::RowInput;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::models::Row;
use crate::permission::Permission;
use crate::query::Query;
use crate::schema::Table;
use crate::typed::{ListQuery, Operator};

/// The most rows Appwrite accepts in one bulk request, and the default
/// batch size of every bulk write.
///
/// ```
/// assert_eq!(lazy_appwrite::model::MAX_BATCH_ROWS, 100);
/// ```
pub const MAX_BATCH_ROWS: usize = 100;

/// The future of a bulk write: `Send`, so it can be spawned.
pub type BulkFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BulkError>> + Send + 'a>>;

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
    fn before_sending(error: Error) -> Self {
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

/// A [`Validation`](Error::Validation) error of table `T`.
fn invalid<T: Table>(column: Option<&str>, reason: String) -> Error {
    Error::Validation {
        table: Some(T::ID.to_owned()),
        column: column.map(str::to_owned),
        reason,
    }
}

/// Appwrite refuses bulk writes on tables with relationship columns (400): say so first.
fn refuse_relationships<T: Table>(what: &str) -> Result<()> {
    let related: Vec<&str> = T::SCHEMA
        .columns
        .iter()
        .filter(|c| c.is_relationship())
        .map(|c| c.key)
        .collect();
    match related.first() {
        None => Ok(()),
        Some(first) => Err(invalid::<T>(
            Some(first),
            format!(
                "Appwrite refuses bulk {what} on a table with relationship columns (`{}`): \
                 write its rows one at a time",
                related.join("`, `")
            ),
        )),
    }
}

/// The error of row `index`, naming it.
fn at_row(index: u64, error: Error) -> Error {
    match error {
        Error::Validation {
            table,
            column,
            reason,
        } => Error::Validation {
            table,
            column,
            reason: format!("row {index}: {reason}"),
        },
        other => other,
    }
}

/// Checks a row and its ID, and writes it as a bulk row.
fn bulk_row<T: Table + serde::Serialize>(
    index: u64,
    row: &T,
    id: String,
    permissions: Option<&Vec<Permission>>,
    validate: bool,
) -> Result<RowInput> {
    if validate {
        row.validate().map_err(|e| at_row(index, e))?;
        check_id::<T>(index, &id)?;
    }
    let mut input = RowInput::with_id(id, row);
    if let Some(reason) = input.data_error() {
        return Err(invalid::<T>(None, format!("row {index}: {reason}")));
    }
    if let Some(p) = permissions {
        input = input.permissions(p.iter().cloned());
    }
    Ok(input)
}

/// A row ID must be a valid custom ID (not `unique()`: a server-made ID cannot be retried).
fn check_id<T: Table>(index: u64, id: &str) -> Result<()> {
    ID::validate(id).map_err(|e| match e {
        Error::Validation { reason, .. } => {
            invalid::<T>(None, format!("row {index}: ID `{id}`: {reason}"))
        }
        other => other,
    })
}

/// Refuses two rows with the same ID (IDs compare without case, as on Appwrite's MariaDB).
fn check_unique_ids<'i, T: Table>(ids: impl IntoIterator<Item = &'i str>) -> Result<()> {
    let mut seen = HashSet::new();
    for (index, id) in ids.into_iter().enumerate() {
        if !seen.insert(id.to_ascii_lowercase()) {
            return Err(invalid::<T>(
                None,
                format!("row {index}: ID `{id}` is used by an earlier row of the same write"),
            ));
        }
    }
    Ok(())
}

/// Batch size and concurrency, checked when the write starts.
#[derive(Debug, Clone, Copy)]
struct Batching {
    batch_size: usize,
    concurrency: usize,
}

impl Default for Batching {
    fn default() -> Self {
        Self {
            batch_size: MAX_BATCH_ROWS,
            concurrency: 1,
        }
    }
}

impl Batching {
    fn check<T: Table>(self) -> Result<Self> {
        if !(1..=MAX_BATCH_ROWS).contains(&self.batch_size) {
            return Err(invalid::<T>(
                None,
                format!(
                    "a batch holds 1 to {MAX_BATCH_ROWS} rows (Appwrite's limit), not {}",
                    self.batch_size
                ),
            ));
        }
        if self.concurrency == 0 {
            return Err(invalid::<T>(
                None,
                "the concurrency of a bulk write must be at least 1".into(),
            ));
        }
        Ok(self)
    }
}

/// Setters shared by the batched builders (which hold a `batching`).
macro_rules! batching_setters {
    () => {
        /// Rows per request (default and most: [`MAX_BATCH_ROWS`]); anything outside
        /// `1..=100` is refused when the write starts.
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
    };
}

/// A row ID made from the row's index and the row.
type IdFn<'a, T> = Box<dyn FnMut(u64, &T) -> String + Send + 'a>;

/// Marks a bulk builder that returns the written rows.
#[derive(Debug, Clone, Copy)]
pub struct KeepRows;

/// Marks a bulk builder that returns only how many rows were written (`.count_only()`).
#[derive(Debug, Clone, Copy)]
pub struct CountOnly;

// ---------------------------------------------------------------------------------------------
// create_many

/// A pending [`Model::create_many`]: `.await` it for the created rows, in input order
/// (`.count_only()` for their number). Every row (and every ID from
/// [`CreateMany::id_with`]) is validated before the first request, so invalid input sends
/// nothing; then the rows go in batches of [`MAX_BATCH_ROWS`].
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
#[must_use = "a model operation does nothing until it is awaited"]
pub struct CreateMany<'a, T, R, O = KeepRows> {
    client: &'a Client,
    rows: Vec<R>,
    ids: Option<IdFn<'a, T>>,
    permissions: Option<Vec<Permission>>,
    batching: Batching,
    _output: PhantomData<fn() -> O>,
}

impl<'a, T, R> CreateMany<'a, T, R, KeepRows> {
    pub(super) fn new(client: &'a Client, rows: Vec<R>) -> Self {
        CreateMany {
            client,
            rows,
            ids: None,
            permissions: None,
            batching: Batching::default(),
            _output: PhantomData,
        }
    }
}

impl<'a, T, R, O> CreateMany<'a, T, R, O> {
    /// Each row's ID from its index and the row (default: a new [`ID::unique`] each). IDs
    /// are checked before anything is sent: valid, and no two alike.
    pub fn id_with(mut self, id: impl FnMut(u64, &T) -> String + Send + 'a) -> Self {
        self.ids = Some(Box::new(id));
        self
    }

    /// Row permissions for every row (`read`, `update`, `delete`, `write`; they apply when
    /// the table has row security). Left out, the server's default applies.
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Returns only how many rows were created, without decoding or keeping them: for
    /// large inputs.
    pub fn count_only(self) -> CreateMany<'a, T, R, CountOnly> {
        CreateMany {
            client: self.client,
            rows: self.rows,
            ids: self.ids,
            permissions: self.permissions,
            batching: self.batching,
            _output: PhantomData,
        }
    }

    batching_setters!();
}

impl<T, R, O> fmt::Debug for CreateMany<'_, T, R, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateMany")
            .field("table", &std::any::type_name::<T>())
            .field("rows", &self.rows.len())
            .field("batching", &self.batching)
            .finish_non_exhaustive()
    }
}

impl<'a, T, R, O> CreateMany<'a, T, R, O>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    async fn run(mut self, keep: bool) -> Result<Outcome<T>, BulkError> {
        let batching = self
            .batching
            .check::<T>()
            .map_err(BulkError::before_sending)?;
        refuse_relationships::<T>("create").map_err(BulkError::before_sending)?;
        let mut ids = Vec::with_capacity(self.rows.len());
        for (index, row) in (0u64..).zip(&self.rows) {
            let row = Borrow::<T>::borrow(row);
            row.validate()
                .map_err(|e| BulkError::before_sending(at_row(index, e)))?;
            let id = match &mut self.ids {
                Some(make) => {
                    let id = make(index, row);
                    check_id::<T>(index, &id).map_err(BulkError::before_sending)?;
                    id
                }
                None => ID::unique(),
            };
            ids.push(id);
        }
        if self.ids.is_some() {
            check_unique_ids::<T>(ids.iter().map(String::as_str))
                .map_err(BulkError::before_sending)?;
        }
        let rows = ids.into_iter().zip(self.rows).collect();
        write_checked(
            self.client,
            Write::Create,
            keep,
            batching,
            self.permissions,
            rows,
        )
        .await
    }
}

impl<'a, T, R> IntoFuture for CreateMany<'a, T, R, KeepRows>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Output = Result<Vec<Row<T>>, BulkError>;
    type IntoFuture = BulkFuture<'a, Vec<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(true).await.map(|done| done.rows) })
    }
}

impl<'a, T, R> IntoFuture for CreateMany<'a, T, R, CountOnly>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Output = Result<u64, BulkError>;
    type IntoFuture = BulkFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(false).await.map(|done| done.count) })
    }
}

// ---------------------------------------------------------------------------------------------
// upsert_many

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
#[must_use = "a model operation does nothing until it is awaited"]
pub struct UpsertMany<'a, T, R, O = KeepRows> {
    client: &'a Client,
    rows: Vec<(String, R)>,
    permissions: Option<Vec<Permission>>,
    batching: Batching,
    _output: PhantomData<fn() -> (T, O)>,
}

impl<'a, T, R> UpsertMany<'a, T, R, KeepRows> {
    pub(super) fn new(client: &'a Client, rows: Vec<(String, R)>) -> Self {
        UpsertMany {
            client,
            rows,
            permissions: None,
            batching: Batching::default(),
            _output: PhantomData,
        }
    }
}

impl<'a, T, R, O> UpsertMany<'a, T, R, O> {
    /// Row permissions for every row (left out: the server's default for new rows, the
    /// current ones for existing rows).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Returns only how many rows changed, without decoding or keeping them.
    pub fn count_only(self) -> UpsertMany<'a, T, R, CountOnly> {
        UpsertMany {
            client: self.client,
            rows: self.rows,
            permissions: self.permissions,
            batching: self.batching,
            _output: PhantomData,
        }
    }

    batching_setters!();
}

impl<T, R, O> fmt::Debug for UpsertMany<'_, T, R, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpsertMany")
            .field("table", &std::any::type_name::<T>())
            .field("rows", &self.rows.len())
            .field("batching", &self.batching)
            .finish_non_exhaustive()
    }
}

impl<'a, T, R, O> UpsertMany<'a, T, R, O>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    async fn run(self, keep: bool) -> Result<Outcome<T>, BulkError> {
        let batching = self
            .batching
            .check::<T>()
            .map_err(BulkError::before_sending)?;
        refuse_relationships::<T>("upsert").map_err(BulkError::before_sending)?;
        for (index, (id, row)) in (0u64..).zip(&self.rows) {
            Borrow::<T>::borrow(row)
                .validate()
                .map_err(|e| BulkError::before_sending(at_row(index, e)))?;
            check_id::<T>(index, id).map_err(BulkError::before_sending)?;
        }
        check_unique_ids::<T>(self.rows.iter().map(|(id, _)| id.as_str()))
            .map_err(BulkError::before_sending)?;
        write_checked(
            self.client,
            Write::Upsert,
            keep,
            batching,
            self.permissions,
            self.rows,
        )
        .await
    }
}

/// Writes rows whose data and IDs were all validated already, in batches: what
/// [`CreateMany`] and [`UpsertMany`] share once their rows have IDs.
async fn write_checked<'a, T, R>(
    client: &'a Client,
    write: Write,
    keep: bool,
    batching: Batching,
    permissions: Option<Vec<Permission>>,
    rows: Vec<(String, R)>,
) -> Result<Outcome<T>, BulkError>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    let prepare = move |index, (id, row): (String, R)| {
        bulk_row(
            index,
            Borrow::<T>::borrow(&row),
            id,
            permissions.as_ref(),
            false,
        )
    };
    Engine::new(
        client,
        write,
        keep,
        batching,
        FromIter::new(rows.into_iter()),
        prepare,
    )
    .run()
    .await
}

impl<'a, T, R> IntoFuture for UpsertMany<'a, T, R, KeepRows>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Output = Result<Vec<Row<T>>, BulkError>;
    type IntoFuture = BulkFuture<'a, Vec<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(true).await.map(|done| done.rows) })
    }
}

impl<'a, T, R> IntoFuture for UpsertMany<'a, T, R, CountOnly>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Output = Result<u64, BulkError>;
    type IntoFuture = BulkFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run(false).await.map(|done| done.count) })
    }
}

// ---------------------------------------------------------------------------------------------
// create_stream / create_iter

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
    pub(super) fn new(client: &'a Client, rows: S) -> Self {
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

// ---------------------------------------------------------------------------------------------
// update_many / delete_many

/// A pending [`Model::update_many`]: `.await` it for the number of rows changed. One
/// request changes every row the filter matches (a `limit` in a [`ListQuery`] bounds how
/// many): the columns the patch sets and those the operators ([`UpdateMany::op`]) change.
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
/// #[table(id = "stock")]
/// struct Stock {
///     #[column(size = 16)]
///     shop: String,
///     count: i64,
/// }
///
/// Stock::create_many(&client, [Stock { shop: "a".into(), count: 5 }, Stock { shop: "b".into(), count: 5 }]).await?;
/// let c = Stock::columns();
/// let changed = Stock::update_many(&client, c.shop.equal("a"), Stock::patch())
///     .op(c.count.decrement(2).min(0))
///     .await?;
/// assert_eq!(changed, 1);
/// assert_eq!(Stock::find_first(&client, c.shop.equal("a")).await?.map(|r| r.count), Some(3));
/// # Ok(()) }
/// ```
#[must_use = "a model operation does nothing until it is awaited"]
pub struct UpdateMany<'a, T: Table> {
    client: &'a Client,
    queries: Vec<Query>,
    patch: T::Patch,
    ops: Vec<Operator<T>>,
}

impl<'a, T: Table> UpdateMany<'a, T> {
    pub(super) fn new(client: &'a Client, query: ListQuery<T>, patch: T::Patch) -> Self {
        Self {
            client,
            queries: query.into_queries(),
            patch,
            ops: Vec::new(),
        }
    }

    /// Also changes a column atomically in every matching row, from each row's own value
    /// (see [`crate::typed::Operator`]). Never retried after an ambiguous failure.
    pub fn op(mut self, op: impl Into<Operator<T>>) -> Self {
        self.ops.push(op.into());
        self
    }
}

impl<T: Table> fmt::Debug for UpdateMany<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateMany")
            .field("table", &T::ID)
            .field("queries", &self.queries)
            .field("ops", &self.ops)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Model> IntoFuture for UpdateMany<'a, T>
where
    T::Patch: Send + Sync,
{
    type Output = Result<u64>;
    type IntoFuture = ModelFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            refuse_relationships::<T>("update")?;
            let data = update_data::<T>(&self.patch, &self.ops)?;
            if data.is_empty() {
                return Err(invalid::<T>(
                    None,
                    "the bulk update sets no column: give the patch a column or add an operator"
                        .into(),
                ));
            }
            let (data, queries) = (&data, &self.queries);
            let list =
                with_table::<T, _, _, _>(self.client, "rows.update_many", |rows| async move {
                    rows.typed::<IgnoredAny>()
                        .update_many(data)
                        .queries(queries.iter().cloned())
                        .run()
                        .await
                })
                .await?;
            Ok(list.total)
        })
    }
}

/// A pending [`Model::delete_many`]: `.await` it for the number of rows deleted. One
/// request deletes every row the filter matches (a `limit` in a [`ListQuery`] bounds how
/// many); `T::query()` matches every row.
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
/// #[table(id = "logs")]
/// struct Log {
///     level: i64,
/// }
///
/// Log::create_many(&client, (0..10).map(|level| Log { level })).await?;
/// assert_eq!(Log::delete_many(&client, Log::columns().level.lt(3)).await?, 3);
/// assert_eq!(Log::count(&client, Log::query()).await?, 7);
/// # Ok(()) }
/// ```
#[must_use = "a model operation does nothing until it is awaited"]
pub struct DeleteMany<'a, T> {
    client: &'a Client,
    queries: Vec<Query>,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T> DeleteMany<'a, T> {
    pub(super) fn new(client: &'a Client, query: ListQuery<T>) -> Self {
        Self {
            client,
            queries: query.into_queries(),
            _table: PhantomData,
        }
    }
}

impl<T> fmt::Debug for DeleteMany<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeleteMany")
            .field("table", &std::any::type_name::<T>())
            .field("queries", &self.queries)
            .finish()
    }
}

impl<'a, T: Model> IntoFuture for DeleteMany<'a, T> {
    type Output = Result<u64>;
    type IntoFuture = ModelFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            refuse_relationships::<T>("delete")?;
            let queries = &self.queries;
            let list =
                with_table::<T, _, _, _>(self.client, "rows.delete_many", |rows| async move {
                    rows.typed::<IgnoredAny>()
                        .delete_many()
                        .queries(queries.iter().cloned())
                        .run()
                        .await
                })
                .await?;
            Ok(list.total)
        })
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
