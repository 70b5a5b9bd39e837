//! Reading through a transaction: the rows as they will be once it commits (Appwrite's
//! "read your writes", `transactionId` on get and list).

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::Transaction;
use crate::error::Result;
use crate::model::run::check_row_id;
use crate::model::{Model, ModelFuture};
use crate::models::{Row, RowList};
use crate::query::Query;
use crate::typed::ListQuery;

impl Transaction {
    /// Reads the row with this ID as the transaction sees it: its staged creates,
    /// updates and deletes applied (name the model: `tx.get::<User>(id)`). A missing row
    /// is [`crate::Error::NotFound`].
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
    /// #[table(id = "people")]
    /// struct Person {
    ///     #[column(size = 64)]
    ///     name: String,
    /// }
    ///
    /// Person::upsert(&client, "p1", &Person { name: "Ada".into() }).await?;
    /// let tx = client.begin().await?;
    /// tx.update("p1", Person::patch().name("Ada L.")).await?;
    /// assert_eq!(tx.get::<Person>("p1").await?.name, "Ada L.");
    /// assert_eq!(Person::get(&client, "p1").await?.name, "Ada"); // outside: unchanged
    /// tx.rollback().await?;
    /// # Ok(()) }
    /// ```
    pub fn get<T: Model>(&self, id: impl Into<String>) -> TxGet<'_, T> {
        TxGet {
            tx: self,
            id: id.into(),
            _table: PhantomData,
        }
    }

    /// One page of the rows matching `query`, as the transaction sees them (25 unless the
    /// query sets a limit).
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
    /// #[table(id = "tasks")]
    /// struct Task {
    ///     #[column(size = 64)]
    ///     title: String,
    ///     done: bool,
    /// }
    ///
    /// let tx = client.begin().await?;
    /// tx.create(&Task { title: "write docs".into(), done: false }).await?;
    /// let open = tx.list(Task::columns().done.equal(false)).await?;
    /// assert_eq!(open.total, 1);
    /// assert_eq!(Task::count(&client, Task::query()).await?, 0); // outside: nothing yet
    /// tx.rollback().await?;
    /// # Ok(()) }
    /// ```
    pub fn list<T: Model>(&self, query: impl Into<ListQuery<T>>) -> TxList<'_, T> {
        TxList {
            tx: self,
            queries: query.into().into_queries(),
            total: None,
            _table: PhantomData,
        }
    }
}

/// A pending [`Transaction::get`]: `.await` it.
#[must_use = "a read does nothing until it is awaited"]
pub struct TxGet<'a, T> {
    tx: &'a Transaction,
    id: String,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T: Model> IntoFuture for TxGet<'a, T> {
    type Output = Result<Row<T>>;
    type IntoFuture = ModelFuture<'a, Row<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.get", &self.id)?;
            let id = &self.id;
            self.tx
                .read::<T, _, _, _>("rows.get", |rows, tx_id| async move {
                    rows.get(id.as_str()).transaction(tx_id).run().await
                })
                .await
        })
    }
}

/// A pending [`Transaction::list`]: `.await` it for one page.
#[must_use = "a read does nothing until it is awaited"]
pub struct TxList<'a, T> {
    tx: &'a Transaction,
    queries: Vec<Query>,
    total: Option<bool>,
    _table: PhantomData<fn() -> T>,
}

impl<T> TxList<'_, T> {
    /// Whether to ask the server to count the matches (default yes); Appwrite 1.8.1 and
    /// 1.9.6 count anyway.
    ///
    /// ```
    /// # async fn demo(tx: lazy_appwrite::Transaction) -> lazy_appwrite::Result<()> {
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "tags")]
    /// # struct Tag { #[column(size = 8)] name: String }
    /// use lazy_appwrite::Table;
    /// let page = tx.list(Tag::query().limit(10)).total(false).await?;
    /// # Ok(()) }
    /// ```
    pub fn total(mut self, count: bool) -> Self {
        self.total = Some(count);
        self
    }
}

impl<'a, T: Model> IntoFuture for TxList<'a, T> {
    type Output = Result<RowList<T>>;
    type IntoFuture = ModelFuture<'a, RowList<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (queries, total) = (&self.queries, self.total);
            self.tx
                .read::<T, _, _, _>("rows.list", |rows, tx_id| async move {
                    let mut request = rows
                        .list()
                        .queries(queries.iter().cloned())
                        .transaction(tx_id);
                    if let Some(total) = total {
                        request = request.total(total);
                    }
                    request.run().await
                })
                .await
        })
    }
}
