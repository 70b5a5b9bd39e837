//! [`Model::create_many`] and [`Model::upsert_many`]: rows you hold, validated first,
//! then written in batches.

use std::borrow::Borrow;
use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use super::check::{at_row, bulk_row, check_id, check_unique_ids, refuse_relationships};
use super::engine::{Engine, Outcome, Write};
use super::{Batching, BulkError, BulkFuture, CountOnly, FromIter, IdFn, KeepRows};
use crate::client::Client;
use crate::error::Result;
use crate::id::ID;
use crate::model::Model;
use crate::permission::Permission;
use crate::response::Row;

/// A pending [`Model::create_many`]: `.await` it for the created rows, in input order
/// (`.count_only()` for their number). Every row (and every ID from
/// [`CreateMany::id_with`]) is validated before the first request, so invalid input sends
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
    pub(in crate::model) fn new(client: &'a Client, rows: Vec<R>) -> Self {
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
    pub(in crate::model) fn new(client: &'a Client, rows: Vec<(String, R)>) -> Self {
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
