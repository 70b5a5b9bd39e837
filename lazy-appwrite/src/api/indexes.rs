//! Indexes: `/tablesdb/{databaseId}/tables/{tableId}/indexes…`.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::list::{ListParams, list_setters};
use crate::client::Client;
use crate::error::IdKind;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::response::{ColumnIndex, ColumnStatus, IndexList, IndexType};
use crate::transport::ApiPath;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json};

/// The sort order of one indexed column.
///
/// ```
/// assert_eq!(serde_json::to_string(&lazy_appwrite::indexes::Order::Desc).unwrap(), r#""desc""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// The indexes of one table. From [`Client::indexes`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// # client.databases().create("shop", "Shop").await?;
/// # client.tables("shop").create("books", "Books").await?;
/// # let columns = client.columns("shop", "books");
/// # columns.create(&lazy_appwrite::columns::StringColumn::new("title", 255)).await?;
/// # columns.wait_until_available(&["title"]).await?;
/// use lazy_appwrite::indexes::Order;
/// use lazy_appwrite::response::IndexType;
///
/// let indexes = client.indexes("shop", "books");
/// indexes.create("by_title", IndexType::Key, ["title"]).orders([Order::Asc]).await?;
/// indexes.wait_until_available(&["by_title"]).await?;
/// assert_eq!(indexes.get("by_title").await?.columns, ["title"]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Indexes {
    client: Client,
    database_id: String,
    table_id: String,
}

impl Indexes {
    pub(crate) fn new(client: Client, database_id: String, table_id: String) -> Self {
        Self {
            client,
            database_id,
            table_id,
        }
    }

    /// `/tablesdb/{database}/tables/{table}/indexes`, then the index key if there is one.
    fn path(&self, key: Option<&str>) -> ApiPath {
        let path = ApiPath::tablesdb()
            .id(IdKind::Database, &self.database_id)
            .fixed("tables")
            .id(IdKind::Table, &self.table_id)
            .fixed("indexes");
        match key {
            Some(key) => path.id(IdKind::Index, key),
            None => path,
        }
    }

    /// Creates an index over `columns` (column keys, or `$id`, `$createdAt`, `$updatedAt`).
    pub fn create<S: Into<String>>(
        &self,
        key: impl Into<String>,
        kind: IndexType,
        columns: impl IntoIterator<Item = S>,
    ) -> CreateIndex<'_> {
        CreateIndex {
            api: self,
            key: key.into(),
            kind,
            columns: columns.into_iter().map(Into::into).collect(),
            orders: None,
            lengths: None,
        }
    }

    /// Reads an index.
    pub async fn get(&self, key: &str) -> Result<ColumnIndex> {
        let call = Call::get("indexes.get", self.path(Some(key))).table(&self.table_id);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, Some(&self.table_id))
    }

    /// Lists indexes.
    pub fn list(&self) -> ListIndexes<'_> {
        ListIndexes {
            api: self,
            params: ListParams::default(),
        }
    }

    /// Deletes an index.
    pub async fn delete(&self, key: &str) -> Result<()> {
        let call = Call::delete("indexes.delete", self.path(Some(key))).table(&self.table_id);
        call.execute(&self.client).await.map(|_| ())
    }

    /// Polls (one `GET` per index per round, backing off from 50 ms to 1 s) until every
    /// index in `keys` is `available`; [`Error::SchemaNotReady`] if one fails or 60 s pass.
    pub async fn wait_until_available(&self, keys: &[&str]) -> Result<()> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(50);
        let mut pending: Vec<&str> = keys.to_vec();
        loop {
            let mut still = Vec::new();
            for key in pending {
                let index = self.get(key).await?;
                match &index.status {
                    ColumnStatus::Available => {}
                    ColumnStatus::Processing => still.push(key),
                    other => {
                        return Err(Error::SchemaNotReady {
                            table: self.table_id.clone(),
                            column: Some(index.key.clone()),
                            status: format!("{other}: {}", index.error),
                        });
                    }
                }
            }
            let Some(first) = still.first() else {
                return Ok(());
            };
            if started.elapsed() + pause > Duration::from_secs(60) {
                return Err(Error::SchemaNotReady {
                    table: self.table_id.clone(),
                    column: Some((*first).to_owned()),
                    status: ColumnStatus::Processing.to_string(),
                });
            }
            pending = still;
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(1));
        }
    }
}

/// A pending [`Indexes::create`]: `.await` it; the index starts `processing`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateIndex<'a> {
    api: &'a Indexes,
    key: String,
    kind: IndexType,
    columns: Vec<String>,
    orders: Option<Vec<Order>>,
    lengths: Option<Vec<Option<u64>>>,
}

impl CreateIndex<'_> {
    /// The sort order of each column, in order.
    pub fn orders(mut self, orders: impl IntoIterator<Item = Order>) -> Self {
        self.orders = Some(orders.into_iter().collect());
        self
    }

    /// The prefix length of each column (`None` for the default), in order.
    pub fn lengths(mut self, lengths: impl IntoIterator<Item = Option<u64>>) -> Self {
        self.lengths = Some(lengths.into_iter().collect());
        self
    }

    /// Sends the request; the index starts `processing`.
    pub(crate) async fn run(self) -> Result<ColumnIndex> {
        let table = Some(self.api.table_id.as_str());
        ID::validate(&self.key).map_err(|e| match e {
            Error::Validation { reason, .. } => Error::Validation {
                table: table.map(str::to_owned),
                column: Some(self.key.clone()),
                reason,
            },
            other => other,
        })?;
        let body = JsonObject::new()
            .field("key", &self.key)
            .field("type", &self.kind)
            .field("columns", &self.columns)
            .opt("orders", self.orders.as_ref())
            .opt("lengths", self.lengths.as_ref())
            .finish(table)?;
        let call = Call::post("indexes.create", self.api.path(None))
            .body(body)
            .table(&self.api.table_id)
            .retry(RetryClass::CreateWithId);
        match call.run(&self.api.client).await? {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, table),
            Outcome::ConflictAfterRetry(conflict) => {
                let stored = self.api.get(&self.key).await?;
                if stored.kind == self.kind && stored.columns == self.columns {
                    Ok(stored)
                } else {
                    Err(conflict)
                }
            }
        }
    }
}

/// A pending [`Indexes::list`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ListIndexes<'a> {
    api: &'a Indexes,
    params: ListParams,
}

impl ListIndexes<'_> {
    list_setters!(queries);
    list_setters!(total);

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<IndexList> {
        let call = Call::get("indexes.list", self.api.path(None))
            .query(self.params.encode())
            .table(&self.api.table_id);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, Some(&self.api.table_id))
    }
}

crate::api::awaitable! {
    CreateIndex => crate::response::ColumnIndex;
    ListIndexes => crate::response::IndexList;
}
