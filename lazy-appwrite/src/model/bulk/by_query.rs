//! [`Model::update_many`] and [`Model::delete_many`]: every row a typed filter matches,
//! in one request.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use serde::de::IgnoredAny;

use super::check::{invalid, refuse_relationships};
use crate::client::Client;
use crate::error::Result;
use crate::model::Model;
use crate::model::run::{ModelFuture, with_table};
use crate::model::write::{sets_nothing, update_data};
use crate::query::Query;
use crate::schema::Table;
use crate::typed::{ListQuery, Operator};

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
    pub(in crate::model) fn new(client: &'a Client, query: ListQuery<T>, patch: T::Patch) -> Self {
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
            if sets_nothing(&data) {
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
                        .update_many_json(data.clone())
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
    pub(in crate::model) fn new(client: &'a Client, query: ListQuery<T>) -> Self {
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
