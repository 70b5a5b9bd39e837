//! Bulk writes: many rows in one request.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{RowInput, Rows};
use crate::api::check_queries;
use crate::api::has_operator;
use crate::api::list::ListParams;
use crate::api::same_data::same_data;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::response::{RowCount, RowList};
use crate::transport::{Call, JsonObject, Outcome, Reply, RetryClass, decode_json};

/// Writes `"rows":[…]` from row inputs.
fn rows_json(rows: &[RowInput], table: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * 64 + 2);
    out.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&row.to_json(table)?);
    }
    out.push(b']');
    Ok(out)
}

/// The queries as JSON strings, or `None` when there are none (the key is left out).
fn query_strings(queries: &[Query]) -> Option<Vec<String>> {
    (!queries.is_empty()).then(|| queries.iter().map(Query::to_json).collect())
}

/// Setters shared by bulk builders.
macro_rules! bulk_setters {
    (queries) => {
        /// Adds a filter; only matching rows are touched (`limit`/`offset` bound how many).
        pub fn query(mut self, query: Query) -> Self {
            self.queries.push(query);
            self
        }

        /// Adds several filters.
        pub fn queries(mut self, queries: impl IntoIterator<Item = Query>) -> Self {
            self.queries.extend(queries);
            self
        }
    };
    (transaction) => {
        /// Stages the write in a transaction instead of applying it.
        pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
            self.transaction_id = Some(transaction_id.into());
            self
        }
    };
}

/// A pending [`Rows::create_many`]: `.await` it for the created rows. Never retried after an ambiguous failure (some rows
/// may have been stored).
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct CreateRows<'a, T> {
    api: &'a Rows<T>,
    rows: Vec<RowInput>,
    transaction_id: Option<String>,
    read_back: bool,
}

impl<'a, T> CreateRows<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, rows: Vec<RowInput>) -> Self {
        Self {
            api,
            rows,
            transaction_id: None,
            read_back: false,
        }
    }

    bulk_setters!(transaction);

    /// Retries after ambiguous failures when every row has a client-made ID and the write
    /// is not staged, as a single create with such an ID is: a batch is all-or-nothing, so
    /// a 409 on a retry is checked by reading the rows back (one more request); if every
    /// row is stored with the data sent, the first attempt went through and the batch
    /// succeeded, otherwise the conflict is reported. Used by the model API.
    pub(crate) fn retry_with_read_back(mut self) -> Self {
        self.read_back = true;
        self
    }
}

impl<T: DeserializeOwned> CreateRows<'_, T> {
    /// Sends the request; the answer lists the created rows.
    pub(crate) async fn run(self) -> Result<RowList<T>> {
        self.run_as().await
    }

    /// Sends the request; the answer is decoded as `A`: the created rows, or only their
    /// number ([`RowCount`]: the rows in it are skipped, not decoded).
    pub(crate) async fn run_as<A: BulkAnswer>(self) -> Result<A> {
        let table = self.api.table();
        let rows = rows_json(&self.rows, &self.api.table_id)?;
        let body = JsonObject::new()
            .raw("rows", &rows)
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let repeatable = self.read_back
            && self.transaction_id.is_none()
            && !self.rows.is_empty()
            && self.rows.iter().all(RowInput::has_own_id)
            && !has_operator(&rows);
        let call = Call::post("rows.create_many", self.api.path())
            .body(body)
            .table(&self.api.table_id)
            .retry(if repeatable {
                RetryClass::CreateWithId
            } else {
                RetryClass::Unsafe
            });
        match call.run(&self.api.client).await? {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, table),
            Outcome::ConflictAfterRetry(conflict) => {
                let stored = self.read_back(conflict).await?;
                A::read_back(&stored, self.rows.len(), table)
            }
        }
    }

    /// After a retry met 409: the batch as stored if every row holds what was sent, else
    /// the conflict.
    async fn read_back(&self, conflict: Error) -> Result<Reply<'_>> {
        let ids: Vec<&str> = self.rows.iter().filter_map(RowInput::row_id).collect();
        let params = ListParams {
            queries: vec![
                Query::equal("$id", ids.clone()),
                Query::limit(ids.len() as u64),
            ],
            total: Some(false),
            ..ListParams::default()
        };
        let read = Call::get("rows.list", self.api.path())
            .query(params.encode())
            .table(&self.api.table_id);
        let Ok(stored) = read.execute(&self.api.client).await else {
            return Err(conflict);
        };
        let Ok(Value::Object(mut list)) = serde_json::from_slice::<Value>(&stored.body) else {
            return Err(conflict);
        };
        let Some(Value::Array(found)) = list.remove("rows") else {
            return Err(conflict);
        };
        let ours = |row: &RowInput| {
            let (Some(id), Ok(sent)) = (row.row_id(), row.to_json(&self.api.table_id)) else {
                return false;
            };
            found.iter().any(|f| {
                f.get("$id").and_then(Value::as_str) == Some(id)
                    && serde_json::to_vec(f).is_ok_and(|f| same_data(&sent, &f))
            })
        };
        let stored_ours = self.rows.iter().filter(|row| ours(row)).count();
        if stored_ours == 0 {
            // A batch is stored whole or not at all, and none of its rows is there with
            // our data: other rows hold the IDs, and ours were not written.
            return Err(conflict.with_outcome(crate::WriteOutcome::NotApplied));
        }
        if stored_ours < self.rows.len() {
            return Err(conflict);
        }
        tracing::debug!(
            table = %self.api.table_id,
            rows = self.rows.len(),
            "409 after a retried bulk create: the stored rows are ours"
        );
        Ok(stored)
    }
}

/// What a bulk write's answer is decoded as: the rows it wrote ([`RowList`]), or only
/// their number ([`RowCount`]).
pub(crate) trait BulkAnswer: DeserializeOwned {
    /// The answer made from the `rows` rows read back after a retry met 409: they are the
    /// batch, stored by the earlier attempt.
    fn read_back(stored: &Reply<'_>, rows: usize, table: Option<&str>) -> Result<Self>;
}

impl<T: DeserializeOwned> BulkAnswer for RowList<T> {
    fn read_back(stored: &Reply<'_>, _rows: usize, table: Option<&str>) -> Result<Self> {
        let mut list: RowList<T> = decode_json(stored, "rows.create_many", table)?;
        list.total = list.rows.len() as u64;
        Ok(list)
    }
}

impl BulkAnswer for RowCount {
    fn read_back(_stored: &Reply<'_>, rows: usize, _table: Option<&str>) -> Result<Self> {
        Ok(RowCount { total: rows as u64 })
    }
}

/// A pending [`Rows::upsert_many`]: `.await` it for the rows that changed. Retried after ambiguous failures when every row has
/// its own ID and no operator, and it is not staged.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct UpsertRows<'a, T> {
    api: &'a Rows<T>,
    rows: Vec<RowInput>,
    transaction_id: Option<String>,
}

impl<'a, T> UpsertRows<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, rows: Vec<RowInput>) -> Self {
        Self {
            api,
            rows,
            transaction_id: None,
        }
    }

    bulk_setters!(transaction);
}

impl<T: DeserializeOwned> UpsertRows<'_, T> {
    /// Sends the request; the answer lists the rows that changed.
    pub(crate) async fn run(self) -> Result<RowList<T>> {
        self.run_as().await
    }

    /// Sends the request; the answer is decoded as `A`: the rows that changed, or only
    /// their number ([`RowCount`]: the rows in it are skipped, not decoded).
    pub(crate) async fn run_as<A: BulkAnswer>(self) -> Result<A> {
        let table = self.api.table();
        let rows = rows_json(&self.rows, &self.api.table_id)?;
        let body = JsonObject::new()
            .raw("rows", &rows)
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let repeatable = self.transaction_id.is_none()
            && self.rows.iter().all(RowInput::has_own_id)
            && !has_operator(&rows);
        let call = Call::put("rows.upsert_many", self.api.path())
            .body(body)
            .table(&self.api.table_id)
            .retry(if repeatable {
                RetryClass::Idempotent
            } else {
                RetryClass::Unsafe
            });
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, table)
    }
}

/// A pending [`Rows::update_many`]: `.await` it; `total` is the number of rows changed,
/// `rows` the first 100. Never retried after an ambiguous failure.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct UpdateRows<'a, T> {
    api: &'a Rows<T>,
    data: Result<Vec<u8>>,
    queries: Vec<Query>,
    transaction_id: Option<String>,
}

impl<'a, T> UpdateRows<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, data: Result<Vec<u8>>) -> Self {
        Self {
            api,
            data,
            queries: Vec::new(),
            transaction_id: None,
        }
    }

    bulk_setters!(queries);
    bulk_setters!(transaction);
}

impl<T: DeserializeOwned> UpdateRows<'_, T> {
    /// Sends the request; `total` is the number of rows changed, `rows` the first 100.
    pub(crate) async fn run(self) -> Result<RowList<T>> {
        let table = self.api.table();
        let data = self.data?;
        check_queries(&self.api.client, &self.api.table_id, &self.queries).await?;
        let body = JsonObject::new()
            .raw("data", &data)
            .opt("queries", query_strings(&self.queries))
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let call = Call::patch("rows.update_many", self.api.path())
            .body(body)
            .table(&self.api.table_id)
            .retry(RetryClass::Unsafe);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, table)
    }
}

/// A pending [`Rows::delete_many`]: `.await` it; `total` is the number of rows deleted,
/// `rows` the first 100. Never retried after an ambiguous failure (the count
/// it answers would be wrong).
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct DeleteRows<'a, T> {
    api: &'a Rows<T>,
    queries: Vec<Query>,
    transaction_id: Option<String>,
}

impl<'a, T> DeleteRows<'a, T> {
    pub(super) fn new(api: &'a Rows<T>) -> Self {
        Self {
            api,
            queries: Vec::new(),
            transaction_id: None,
        }
    }

    bulk_setters!(queries);
    bulk_setters!(transaction);
}

impl<T: DeserializeOwned> DeleteRows<'_, T> {
    /// Sends the request; `total` is the number of rows deleted, `rows` the first 100.
    pub(crate) async fn run(self) -> Result<RowList<T>> {
        let table = self.api.table();
        check_queries(&self.api.client, &self.api.table_id, &self.queries).await?;
        let body = JsonObject::new()
            .opt("queries", query_strings(&self.queries))
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let call = Call::delete("rows.delete_many", self.api.path())
            .body(body)
            .table(&self.api.table_id)
            .retry(RetryClass::Unsafe);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, table)
    }
}

crate::api::awaitable! {
    CreateRows<T> => RowList<T>;
    UpsertRows<T> => RowList<T>;
    UpdateRows<T> => RowList<T>;
    DeleteRows<T> => RowList<T>;
}
