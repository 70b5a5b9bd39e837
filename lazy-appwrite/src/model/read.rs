//! Reading rows through a model: get one, list a page, find the first, count.

use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::Duration;

use super::Model;
use super::executor::Executor;
use super::request::{RowGet, RowPage};
use super::run::{ModelFuture, check_row_id};
use crate::api::{Tables, server_version};
use crate::client::Client;
use crate::query::Query;
use crate::response::{Row, RowList};
use crate::sync::ensure_table;
use crate::typed::load::{add_path, select_values};
use crate::typed::{Filter, ListQuery, Loadable};

impl<T> From<Filter<T>> for ListQuery<T> {
    /// A list query with just this filter, so a model's list methods take a filter as is.
    fn from(filter: Filter<T>) -> Self {
        ListQuery::new().filter(filter)
    }
}

/// A pending [`Model::get`]: `.await` it. A missing row is [`crate::Error::NotFound`]
/// (`row_not_found`). Read through a transaction, the row is as the transaction sees it:
/// its staged creates, upserts, updates and deletes applied (not its staged increments
/// and decrements: Appwrite reads those rows as they were).
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Get<'a, T, E = Client> {
    on: &'a E,
    id: String,
    loads: Vec<String>,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T, E> Get<'a, T, E> {
    pub(super) fn new(on: &'a E, id: String) -> Self {
        Self {
            on,
            id,
            loads: Vec::new(),
            _table: PhantomData,
        }
    }

    /// Loads this relationship with the row (see [`ListQuery::load`]): a column handle
    /// (`Book::columns().author`) or a deeper path, up to 3 levels.
    pub fn load(mut self, relation: impl Loadable<T>) -> Self {
        add_path(&mut self.loads, relation);
        self
    }
}

impl<'a, T: Model, E: Executor> IntoFuture for Get<'a, T, E> {
    type Output = crate::Result<Row<T>>;
    type IntoFuture = ModelFuture<'a, Row<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.get", &self.id)?;
            let select = (!self.loads.is_empty()).then(|| select_values(&[], &self.loads));
            let request = RowGet {
                id: &self.id,
                select: select.as_deref(),
            };
            self.on.read::<T, _>(&request).await
        })
    }
}

/// A pending [`Model::list`]: `.await` it for one page ([`RowList`]: the rows and the
/// number of matches). Appwrite's default page is 25 rows; set a limit in the query, or
/// walk every row with [`Model::stream`]. Listed through a transaction, the rows are as
/// the transaction sees them (see [`Get`]).
#[must_use = "a model operation does nothing until it is awaited"]
pub struct ListPage<'a, T, E = Client> {
    on: &'a E,
    queries: Vec<Query>,
    total: Option<bool>,
    ttl: Option<Duration>,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T, E> ListPage<'a, T, E> {
    pub(super) fn new(on: &'a E, query: ListQuery<T>) -> Self {
        Self {
            on,
            queries: query.into_queries(),
            total: None,
            ttl: None,
            _table: PhantomData,
        }
    }

    /// Lets the server answer from its list cache for up to `ttl` (whole seconds, rounded
    /// up; at most a day): an identical list by the same caller within that time is
    /// answered from the cache, without rows written since. [`Model::purge_list_cache`]
    /// empties the table's cache.
    ///
    /// Appwrite 1.9.0 and later have it. On an older server, or with more than a day,
    /// the list fails with an error before anything is sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// use std::time::Duration;
    /// use lazy_appwrite::{Client, Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "books")]
    /// struct Book {
    ///     #[column(size = 100)]
    ///     title: String,
    /// }
    ///
    /// let client = Client::builder()
    ///     .endpoint(emulator.endpoint())
    ///     .project(emulator.project())
    ///     .api_key(emulator.key())
    ///     .default_database("shop")
    ///     .build()?;
    /// Book::create(&client, &Book { title: "Dune".into() }).await?;
    /// let minute = Duration::from_secs(60);
    /// assert_eq!(Book::list(&client, Book::query()).cached(minute).await?.total, 1);
    ///
    /// // A row written meanwhile is not in the cached answer, until the cache is purged.
    /// Book::create(&client, &Book { title: "Emma".into() }).await?;
    /// assert_eq!(Book::list(&client, Book::query()).cached(minute).await?.total, 1);
    /// Book::purge_list_cache(&client).await?;
    /// assert_eq!(Book::list(&client, Book::query()).cached(minute).await?.total, 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn cached(mut self, ttl: Duration) -> Self {
        self.ttl = Some(ttl);
        self
    }

    /// Whether to ask the server to count the matches (default yes). Asked not to, a server
    /// that honours it answers `total: 0` and saves the work; Appwrite 1.8.1 and 1.9.6
    /// accept the request and count anyway.
    pub fn total(mut self, count: bool) -> Self {
        self.total = Some(count);
        self
    }
}

async fn page<T: Model, E: Executor>(
    on: &E,
    queries: &[Query],
    total: Option<bool>,
    ttl: Option<Duration>,
) -> crate::Result<RowList<T>> {
    // Whole seconds, rounded up: the server takes no fraction, and a cache asked for
    // 0.5 s should not become no cache at all.
    let ttl = ttl.map(|t| {
        let whole = t.as_secs() + u64::from(t.subsec_nanos() > 0);
        u32::try_from(whole).unwrap_or(u32::MAX)
    });
    let request = RowPage {
        queries,
        total,
        ttl,
    };
    on.read::<T, _>(&request).await
}

/// Empties `T`'s list cache: a `PUT` of the table with `purge` and every setting the
/// model declares (so that the update changes nothing else).
pub(super) async fn purge_list_cache<T: Model>(client: &Client) -> crate::Result<()> {
    let database = client.config().database_for(T::SCHEMA)?;
    ensure_table(client, &database, T::SCHEMA)
        .await
        .map_err(|e| e.during_sync("tables.update"))?;
    let tables = Tables::new(client.clone(), String::from(&*database));
    let mut update = tables.update(T::ID).settings_of(T::SCHEMA).purge(true);
    // A `PUT` may reset what it leaves out: the declared description goes along where
    // the server has descriptions.
    if let Some(description) = T::SCHEMA.description
        && server_version(client)
            .await?
            .has(crate::Feature::Descriptions)
    {
        update = update.description(description);
    }
    update.run().await?;
    Ok(())
}

impl<'a, T: Model, E: Executor> IntoFuture for ListPage<'a, T, E> {
    type Output = crate::Result<RowList<T>>;
    type IntoFuture = ModelFuture<'a, RowList<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { page(self.on, &self.queries, self.total, self.ttl).await })
    }
}

/// A pending [`Model::find_first`]: `.await` it. Asks for one row and no count.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct FindFirst<'a, T, E = Client> {
    on: &'a E,
    queries: Vec<Query>,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T, E> FindFirst<'a, T, E> {
    pub(super) fn new(on: &'a E, query: ListQuery<T>) -> Self {
        let mut queries = query.into_queries();
        queries.push(Query::limit(1));
        Self {
            on,
            queries,
            _table: PhantomData,
        }
    }
}

impl<'a, T: Model, E: Executor> IntoFuture for FindFirst<'a, T, E> {
    type Output = crate::Result<Option<Row<T>>>;
    type IntoFuture = ModelFuture<'a, Option<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let list = page::<T, E>(self.on, &self.queries, Some(false), None).await?;
            Ok(list.rows.into_iter().next())
        })
    }
}

/// A pending [`Model::count`]: `.await` it. One request for one row and the count, which
/// Appwrite caps at 5 000.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Count<'a, T, E = Client> {
    on: &'a E,
    queries: Vec<Query>,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T, E> Count<'a, T, E> {
    pub(super) fn new(on: &'a E, query: ListQuery<T>) -> Self {
        let mut queries = query.into_queries();
        queries.push(Query::limit(1));
        Self {
            on,
            queries,
            _table: PhantomData,
        }
    }
}

impl<'a, T: Model, E: Executor> IntoFuture for Count<'a, T, E> {
    type Output = crate::Result<u64>;
    type IntoFuture = ModelFuture<'a, u64>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let list = page::<T, E>(self.on, &self.queries, Some(true), None).await?;
            Ok(list.total)
        })
    }
}
