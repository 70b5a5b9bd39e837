//! The model API: rows of a `#[derive(Table)]` struct, one request per operation.
//!
//! [`Model`] is implemented for every table model that serde can read and write. Each
//! operation syncs the table the first time the client touches it (see [`crate::sync`]),
//! then sends exactly one request; a table deleted behind the client's back is synced
//! again and the operation retried once. Results are [`Row<T>`](crate::Row): the system
//! fields (`$id`, `$createdAt`, …) and your struct, which the row dereferences to.
//!
//! Operations return a small builder that you `.await` (optional settings such as
//! `.permissions(…)` come before). Their futures are `Send`, so they can be spawned.
//!
//! The database is the one the model names (`#[table(database = "…")]`), else the
//! client's default ([`crate::ClientBuilder::default_database`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! use lazy_appwrite::{Client, Model, Permission, Role, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Table, Serialize, Deserialize, Debug)]
//! #[table(id = "users", row_security, permissions(create("any"), read("any")))]
//! struct User {
//!     #[column(size = 64)]
//!     name: String,
//!     #[column(integer(min = 0, max = 150))]
//!     age: Option<i64>,
//!     #[column(default = 0)]
//!     visits: i64,
//! }
//!
//! let client = Client::builder()
//!     .endpoint(emulator.endpoint())
//!     .project(emulator.project())
//!     .api_key(emulator.key())
//!     .default_database("main")
//!     .build()?;
//!
//! // The first operation creates the database and the table; then one request each.
//! let ada = User::create(&client, &User { name: "Ada".into(), age: Some(36), visits: 0 })
//!     .id("ada")
//!     .permissions([Permission::update(Role::user("ada"))])
//!     .await?;
//! assert_eq!(ada.id, "ada");
//! User::create(&client, &User { name: "Tim".into(), age: Some(12), visits: 0 }).await?;
//!
//! let adults = User::list(&client, User::query().filter_with(|c| c.age.gte(18))).await?;
//! assert_eq!(adults.total, 1);
//! assert_eq!(adults.rows[0].name, "Ada");
//!
//! let c = User::columns();
//! let youngest = User::find_first(&client, User::query().order(c.age.asc())).await?;
//! assert_eq!(youngest.map(|r| r.data.name).as_deref(), Some("Tim"));
//! assert_eq!(User::count(&client, c.name.starts_with("A")).await?, 1);
//!
//! let older = User::update(&client, "ada", User::patch().age(Some(37))).await?;
//! assert_eq!(older.age, Some(37));
//! let visited = User::increment(&client, "ada", c.visits).by(2).await?;
//! assert_eq!(visited.visits, 2);
//!
//! User::upsert(&client, "grace", &User { name: "Grace".into(), age: None, visits: 1 }).await?;
//! assert_eq!(User::get(&client, "grace").await?.name, "Grace");
//! User::delete(&client, "grace").await?;
//!
//! let everyone = User::stream(&client, User::query()).collect_all().await?;
//! assert_eq!(everyone.len(), 2);
//! # Ok(()) }
//! ```
//!
//! Beyond one row at a time:
//!
//! - **Bulk writes**: [`Model::create_many`], [`Model::upsert_many`] (rows you hold, every
//!   row validated before anything is sent), [`Model::create_stream`] and
//!   [`Model::create_iter`] (bounded memory, whatever the input's length), in batches of
//!   at most [`MAX_BATCH_ROWS`]; [`Model::update_many`] and [`Model::delete_many`] with a
//!   typed filter. A failed batch is a [`BulkError`] saying how many rows were written.
//! - **Atomic operators**: [`Update::op`] and [`UpdateMany::op`] take an
//!   [`Operator`](crate::typed::Operator) built from a column handle
//!   (`c.stock.decrement(1).min(0)`, `c.tags.append(["rust"])`), typed by the column's kind.
//! - **Optimistic concurrency**: [`Update::unless_modified_since_read`] (and on
//!   [`Upsert`] and [`Delete`]) refuses the write with [`crate::Error::Modified`] if the
//!   row changed since it was read.
//!
//! Only integer and float columns can be counted:
//!
//! ```compile_fail
//! # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
//! # #[table(id = "users", database = "main")]
//! # struct User { #[column(size = 64)] name: String }
//! # async fn demo(client: lazy_appwrite::Client) -> lazy_appwrite::Result<()> {
//! use lazy_appwrite::{Model, Table};
//! // only integer and float columns can be incremented or decremented
//! User::increment(&client, "ada", User::columns().name).await?;
//! # Ok(()) }
//! ```

mod bulk;
mod counter;
mod executor;
mod read;
mod request;
mod run;
mod stream;
pub mod transaction;
mod unique;
mod write;

pub use bulk::{
    BulkError, BulkFuture, BulkRows, BulkWrite, CountOnly, CreateMany, CreateStream, DeleteMany,
    FromIter, KeepRows, MAX_BATCH_ROWS, NewRows, RowsById, Streamed, UpdateMany, UpsertMany,
};
pub use counter::{Amount, DecrementColumn, IncrementColumn};
#[doc(hidden)]
pub use counter::{ArrayCount, CanCount, NotNumeric};
pub use executor::Executor;
pub use read::{Count, FindFirst, Get, ListPage};
pub use run::ModelFuture;
pub use stream::RowStream;
pub use transaction::Transaction;
pub use write::{Create, Delete, Update, Upsert};

use std::borrow::Borrow;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::declared::Field;
use crate::declared::kind::Kind;
use crate::schema::Table;
use crate::typed::{Column, ListQuery};

type Family<K> = <K as Kind>::Family;
type Shape<V> = <V as Field>::Shape;

/// Row operations on a table model, for every `#[derive(Table)]` struct that serde can
/// read and write (see the [module](self) for an example of each).
///
/// Rows are written and read through serde, so a model derives `Serialize` and
/// `Deserialize` next to `Table`: without them, the derive reports it.
///
/// Queries are typed: pass a [`ListQuery<T>`](crate::typed::ListQuery)
/// (`User::query().filter(…).order(…)`) or just a [`Filter<T>`](crate::typed::Filter)
/// (`User::columns().age.gt(18)`).
///
/// The single-row operations and the reads run on an [`Executor`]: a [`Client`], which
/// applies each write at once, or a [`Transaction`], which stages it until the commit
/// (`User::create(&tx, &user)`). Streams and bulk writes run on a client.
pub trait Model: Table + Serialize + DeserializeOwned + Send + Sync {
    /// Creates a row: validated, then sent with a client-made ID unless
    /// [`Create::id`] sets one.
    fn create<'a, E: Executor>(on: &'a E, row: &'a Self) -> Create<'a, Self, E> {
        Create::new(on, row)
    }

    /// Reads the row with this ID.
    fn get<E: Executor>(on: &E, id: impl Into<String>) -> Get<'_, Self, E> {
        Get::new(on, id.into())
    }

    /// One page of the rows matching `query` (25 unless the query sets a limit). On a
    /// table that does not exist yet, the table is created and the page is empty.
    fn list<E: Executor>(on: &E, query: impl Into<ListQuery<Self>>) -> ListPage<'_, Self, E> {
        ListPage::new(on, query.into())
    }

    /// The first row matching `query`, in its order, if any.
    fn find_first<E: Executor>(
        on: &E,
        query: impl Into<ListQuery<Self>>,
    ) -> FindFirst<'_, Self, E> {
        FindFirst::new(on, query.into())
    }

    /// Empties the table's list cache, so that lists made with
    /// [`ListPage::cached`] read the rows afresh. Appwrite 1.9.0 and later have it; on an
    /// older server this fails with [`crate::Error::Unsupported`] before anything is sent.
    fn purge_list_cache(client: &Client) -> ModelFuture<'_, ()> {
        Box::pin(read::purge_list_cache::<Self>(client))
    }

    /// How many rows match `query` (Appwrite stops counting at 5 000).
    fn count<E: Executor>(on: &E, query: impl Into<ListQuery<Self>>) -> Count<'_, Self, E> {
        Count::new(on, query.into())
    }

    /// Changes the columns `patch` sets (`User::patch().age(Some(31))`) in the row with
    /// this ID.
    fn update<E: Executor>(
        on: &E,
        id: impl Into<String>,
        patch: Self::Patch,
    ) -> Update<'_, Self, E> {
        Update::new(on, id.into(), patch)
    }

    /// Creates the row with this ID, or replaces it if it exists.
    fn upsert<'a, E: Executor>(
        on: &'a E,
        id: impl Into<String>,
        row: &'a Self,
    ) -> Upsert<'a, Self, E> {
        Upsert::new(on, id.into(), row)
    }

    /// Deletes the row with this ID.
    fn delete<E: Executor>(on: &E, id: impl Into<String>) -> Delete<'_, Self, E> {
        Delete::new(on, id.into())
    }

    /// Adds to a numeric column atomically (by 1 unless [`IncrementColumn::by`] says
    /// otherwise): `User::increment(&client, id, User::columns().visits)`. A result above
    /// the column's declared `max` fails and leaves the row as it was.
    fn increment<E: Executor, V: Field, K: Kind, S>(
        on: &E,
        id: impl Into<String>,
        column: Column<Self, V, K, S>,
    ) -> IncrementColumn<'_, Self, E>
    where
        Family<K>: CanCount<Shape<V>, V>,
    {
        IncrementColumn::new(on, id.into(), column.key())
    }

    /// Subtracts from a numeric column atomically (by 1 unless [`DecrementColumn::by`] says
    /// otherwise). A result below the column's declared `min` fails and leaves the row as
    /// it was.
    fn decrement<E: Executor, V: Field, K: Kind, S>(
        on: &E,
        id: impl Into<String>,
        column: Column<Self, V, K, S>,
    ) -> DecrementColumn<'_, Self, E>
    where
        Family<K>: CanCount<Shape<V>, V>,
    {
        DecrementColumn::new(on, id.into(), column.key())
    }

    /// Every row matching `query`, page by page with cursor pagination.
    fn stream(client: &Client, query: impl Into<ListQuery<Self>>) -> RowStream<Self> {
        RowStream::new(client, query.into())
    }

    /// Creates many rows, [`MAX_BATCH_ROWS`] per request: `rows` is anything iterable over
    /// rows or references to rows (`&vec`, a slice, an array, `vec.iter()`). Every row is
    /// validated before the first request; each gets a client-made ID (or
    /// [`CreateMany::id_with`]'s). `.await` gives the rows ([`CreateMany::count_only`]: their
    /// number). See [`CreateMany`] for an example.
    fn create_many<R: Borrow<Self>>(
        client: &Client,
        rows: impl IntoIterator<Item = R>,
    ) -> CreateMany<'_, Self, R> {
        CreateMany::new(client, rows.into_iter().collect())
    }

    /// Creates or replaces many rows, each under its ID: `rows` yields `(id, row)` pairs.
    /// Every row and ID is validated before the first request. `.await` gives the rows that
    /// changed ([`UpsertMany::count_only`]: their number).
    fn upsert_many<I: Into<String>, R: Borrow<Self>>(
        client: &Client,
        rows: impl IntoIterator<Item = (I, R)>,
    ) -> UpsertMany<'_, Self, R> {
        let rows = rows.into_iter().map(|(id, row)| (id.into(), row)).collect();
        UpsertMany::new(client, rows)
    }

    /// Changes the columns `patch` sets (and those [`UpdateMany::op`] operators change) in
    /// every row matching `query`, in one request; `.await` gives how many rows changed.
    fn update_many(
        client: &Client,
        query: impl Into<ListQuery<Self>>,
        patch: Self::Patch,
    ) -> UpdateMany<'_, Self> {
        UpdateMany::new(client, query.into(), patch)
    }

    /// Deletes every row matching `query` (`Self::query()`: every row), in one request;
    /// `.await` gives how many rows were deleted.
    fn delete_many(client: &Client, query: impl Into<ListQuery<Self>>) -> DeleteMany<'_, Self> {
        DeleteMany::new(client, query.into())
    }

    /// Creates the rows a [`futures_core::Stream`] yields, in batches, with bounded memory
    /// (at most `batch_size × concurrency` rows held); `.await` gives how many were
    /// written. Each row is validated as it is taken.
    fn create_stream<S>(client: &Client, rows: S) -> CreateStream<'_, Self, S>
    where
        S: futures_core::Stream,
        S::Item: Borrow<Self>,
    {
        CreateStream::new(client, rows)
    }

    /// Creates the rows an iterator yields, like [`Model::create_stream`]: taken lazily, in
    /// batches, with bounded memory; `.await` gives how many were written.
    fn create_iter<I>(client: &Client, rows: I) -> CreateStream<'_, Self, FromIter<I::IntoIter>>
    where
        I: IntoIterator,
        I::Item: Borrow<Self>,
    {
        CreateStream::new(client, FromIter::new(rows.into_iter()))
    }
}

impl<T> Model for T where T: Table + Serialize + DeserializeOwned + Send + Sync {}
