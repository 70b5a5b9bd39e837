//! Transactions: `/tablesdb/transactions…`, and the operations staged in them.

use serde::Serialize;

use super::list::{ListParams, list_setters};
use super::rows::{RowInput, amount};
use crate::client::Client;
use crate::error::IdKind;
use crate::error::{Error, Result};
use crate::id::check_path_id;
use crate::outcome::WriteOutcome;
use crate::query::Query;
use crate::response::{TransactionInfo, TransactionList, TransactionStatus};
use crate::transport::ApiPath;
use crate::transport::body::object_bytes;
use crate::transport::{Call, JsonObject, RetryClass, decode_json};

/// Transactions of the project. From [`Client::transactions`].
///
/// Row writes are staged with their `.transaction(id)` setter (or in bulk with
/// [`Transactions::create_operations`]) and applied together by [`Transactions::commit`].
/// Nothing here, and no staged write, is retried after an ambiguous failure: a repeated
/// stage would stage the operation twice (an increment counted twice, a create or delete
/// that fails the commit), and a repeated commit of a committed transaction is refused.
/// A commit whose answer was lost is settled instead by one read of the transaction's
/// status (see [`Transactions::commit`]).
///
/// ```no_run
/// # async fn demo(client: lazy_appwrite::Client) -> lazy_appwrite::Result<()> {
/// use lazy_appwrite::{ID, api::transactions::Operation};
///
/// let tx = client.transactions().create().ttl(60).await?;
/// client.transactions().create_operations(&tx.id, [
///     Operation::create("shop", "books", ID::unique(), &serde_json::json!({"title": "Dune"})),
///     Operation::increment("shop", "books", "book-1", "count", 1.0, None),
/// ]).await?;
/// let done = client.transactions().commit(&tx.id).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Transactions {
    client: Client,
}

impl Transactions {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `/tablesdb/transactions`.
    fn path() -> ApiPath {
        ApiPath::tablesdb().fixed("transactions")
    }

    /// `/tablesdb/transactions/{transaction}`.
    fn transaction_path(transaction_id: &str) -> ApiPath {
        Self::path().id(IdKind::Transaction, transaction_id)
    }

    /// Opens a transaction (`POST /tablesdb/transactions`).
    pub fn create(&self) -> CreateTransaction<'_> {
        CreateTransaction {
            api: self,
            ttl: None,
        }
    }

    /// Reads a transaction.
    pub async fn get(&self, transaction_id: &str) -> Result<TransactionInfo> {
        let call = Call::get("transactions.get", Self::transaction_path(transaction_id));
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, None)
    }

    /// Lists transactions.
    pub fn list(&self) -> ListTransactions<'_> {
        ListTransactions {
            api: self,
            params: ListParams::default(),
        }
    }

    /// Applies every staged operation together (`PATCH …/{id}` with `commit: true`).
    ///
    /// When the commit's answer is lost (a timeout, a dropped connection, a 5xx), the
    /// transaction is read once: `committed` means the commit was applied, and it
    /// succeeds with that transaction; `failed` or `rolled_back` means nothing was
    /// applied, and so does `pending` (the commit never arrived), except after a timeout,
    /// since a stalled commit may still be carried out. The error then says
    /// [`WriteOutcome::NotApplied`]; in any other case it stays
    /// [`WriteOutcome::Unknown`]. A settled commit logs a `tracing` warning.
    pub async fn commit(&self, transaction_id: &str) -> Result<TransactionInfo> {
        match self
            .finish(transaction_id, "commit", "transactions.commit")
            .await
        {
            Err(error) if error.outcome() == Some(WriteOutcome::Unknown) => {
                self.settle_commit(transaction_id, error).await
            }
            done => done,
        }
    }

    /// Settles a commit whose answer was lost with one read of the transaction: the
    /// status is the commit's outcome, since the server sets it when the commit is
    /// applied (`committed`) or fails (`failed`, and nothing is applied).
    async fn settle_commit(&self, id: &str, error: Error) -> Result<TransactionInfo> {
        let status = match self.get(id).await {
            Ok(read) if read.status == TransactionStatus::Committed => {
                tracing::warn!(
                    transaction = %id,
                    error = %error,
                    "a commit's answer was lost; reading the transaction shows it committed"
                );
                return Ok(read);
            }
            Ok(read) => read.status,
            Err(_) => return Err(error),
        };
        let not_applied = match status {
            TransactionStatus::Failed | TransactionStatus::RolledBack => true,
            // Not committed yet: a commit that timed out may still be on its way.
            TransactionStatus::Pending => !matches!(error, Error::Timeout { .. }),
            _ => false,
        };
        if !not_applied {
            return Err(error);
        }
        tracing::warn!(
            transaction = %id,
            status = status.as_str(),
            error = %error,
            "a commit's answer was lost; reading the transaction shows it was not applied"
        );
        Err(error.with_outcome(WriteOutcome::NotApplied))
    }

    /// Drops every staged operation (`PATCH …/{id}` with `rollback: true`).
    pub async fn rollback(&self, transaction_id: &str) -> Result<TransactionInfo> {
        self.finish(transaction_id, "rollback", "transactions.rollback")
            .await
    }

    async fn finish(
        &self,
        id: &str,
        field: &str,
        operation: &'static str,
    ) -> Result<TransactionInfo> {
        let body = JsonObject::new().field(field, &true).finish(None)?;
        let call = Call::patch(operation, Self::transaction_path(id))
            .body(body)
            .retry(RetryClass::Unsafe);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, None)
    }

    /// Deletes a transaction.
    pub async fn delete(&self, transaction_id: &str) -> Result<()> {
        let call = Call::delete(
            "transactions.delete",
            Self::transaction_path(transaction_id),
        );
        call.execute(&self.client).await.map(|_| ())
    }

    /// Stages operations (`POST …/{id}/operations`); at most 100 per transaction.
    pub async fn create_operations(
        &self,
        transaction_id: &str,
        operations: impl IntoIterator<Item = Operation>,
    ) -> Result<TransactionInfo> {
        let mut list = Vec::from(&b"["[..]);
        for (i, op) in operations.into_iter().enumerate() {
            if i > 0 {
                list.push(b',');
            }
            list.extend_from_slice(&op.to_json()?);
        }
        list.push(b']');
        let body = JsonObject::new().raw("operations", &list).finish(None)?;
        let call = Call::post(
            "transactions.create_operations",
            Self::transaction_path(transaction_id).fixed("operations"),
        )
        .body(body)
        .retry(RetryClass::Unsafe);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// A pending [`Transactions::create`]: `.await` it. Not retried after an ambiguous failure.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateTransaction<'a> {
    api: &'a Transactions,
    ttl: Option<u32>,
}

impl CreateTransaction<'_> {
    /// Seconds until it expires if not committed (60 to 3600; the server's default is 300).
    pub fn ttl(mut self, seconds: u32) -> Self {
        self.ttl = Some(seconds);
        self
    }

    /// Sends the request. Not retried after an ambiguous failure.
    pub(crate) async fn run(self) -> Result<TransactionInfo> {
        let body = JsonObject::new().opt("ttl", self.ttl).finish(None)?;
        let call = Call::post("transactions.create", Transactions::path()).body(body);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// A pending [`Transactions::list`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ListTransactions<'a> {
    api: &'a Transactions,
    params: ListParams,
}

impl ListTransactions<'_> {
    list_setters!(queries);

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<TransactionList> {
        let call = Call::get("transactions.list", Transactions::path()).query(self.params.encode());
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// One operation for [`Transactions::create_operations`].
///
/// ```
/// use lazy_appwrite::{Query, api::transactions::Operation};
///
/// let op = Operation::bulk_delete("shop", "books", [Query::equal("title", "b1")]);
/// assert_eq!(op.action(), "bulkDelete");
/// ```
#[derive(Debug, Clone)]
pub struct Operation {
    action: &'static str,
    database_id: String,
    table_id: String,
    row_id: Option<String>,
    data: std::result::Result<Option<Vec<u8>>, String>,
}

impl Operation {
    fn new(
        action: &'static str,
        database_id: impl Into<String>,
        table_id: impl Into<String>,
    ) -> Self {
        Self {
            action,
            database_id: database_id.into(),
            table_id: table_id.into(),
            row_id: None,
            data: Ok(None),
        }
    }

    fn row(mut self, row_id: impl Into<String>) -> Self {
        self.row_id = Some(row_id.into());
        self
    }

    fn with(mut self, data: Result<Vec<u8>>) -> Self {
        self.data = data.map(Some).map_err(|e| e.to_string());
        self
    }

    /// Creates a row.
    pub fn create(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        data: &(impl Serialize + ?Sized),
    ) -> Self {
        let op = Self::new("create", database_id, table_id).row(row_id);
        let bytes = object_bytes(data, &op.table_id);
        op.with(bytes)
    }

    /// Updates a row with partial data.
    pub fn update(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        data: &(impl Serialize + ?Sized),
    ) -> Self {
        let op = Self::new("update", database_id, table_id).row(row_id);
        let bytes = object_bytes(data, &op.table_id);
        op.with(bytes)
    }

    /// Creates or replaces a row.
    pub fn upsert(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        data: &(impl Serialize + ?Sized),
    ) -> Self {
        let op = Self::new("upsert", database_id, table_id).row(row_id);
        let bytes = object_bytes(data, &op.table_id);
        op.with(bytes)
    }

    /// Deletes a row.
    pub fn delete(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
    ) -> Self {
        Self::new("delete", database_id, table_id).row(row_id)
    }

    /// Adds `by` to a numeric column, failing above `max`.
    pub fn increment(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        column: &str,
        by: f64,
        max: Option<f64>,
    ) -> Self {
        Self::counter(
            "increment",
            database_id,
            table_id,
            row_id,
            column,
            by,
            ("max", max),
        )
    }

    /// Subtracts `by` from a numeric column, failing below `min`.
    pub fn decrement(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        column: &str,
        by: f64,
        min: Option<f64>,
    ) -> Self {
        Self::counter(
            "decrement",
            database_id,
            table_id,
            row_id,
            column,
            by,
            ("min", min),
        )
    }

    fn counter(
        action: &'static str,
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        row_id: impl Into<String>,
        column: &str,
        by: f64,
        (bound_name, bound): (&str, Option<f64>),
    ) -> Self {
        let op = Self::new(action, database_id, table_id).row(row_id);
        let data = (|| {
            let value = amount(by, "the amount", &op.table_id)?;
            let bound = bound
                .map(|b| amount(b, bound_name, &op.table_id))
                .transpose()?;
            JsonObject::new()
                .field("column", column)
                .field("value", &value)
                .opt(bound_name, bound)
                .finish(Some(&op.table_id))
                .map(|b| b.to_vec())
        })();
        op.with(data)
    }

    /// Creates several rows.
    pub fn bulk_create(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        rows: impl IntoIterator<Item = RowInput>,
    ) -> Self {
        Self::bulk_rows("bulkCreate", database_id, table_id, rows)
    }

    /// Creates or replaces several rows.
    pub fn bulk_upsert(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        rows: impl IntoIterator<Item = RowInput>,
    ) -> Self {
        Self::bulk_rows("bulkUpsert", database_id, table_id, rows)
    }

    fn bulk_rows(
        action: &'static str,
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        rows: impl IntoIterator<Item = RowInput>,
    ) -> Self {
        let op = Self::new(action, database_id, table_id);
        let data = (|| {
            let mut out = vec![b'['];
            for (i, row) in rows.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&row.to_json(&op.table_id)?);
            }
            out.push(b']');
            Ok(out)
        })();
        op.with(data)
    }

    /// Applies partial data to every row matching `queries`.
    pub fn bulk_update(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        queries: impl IntoIterator<Item = Query>,
        data: &(impl Serialize + ?Sized),
    ) -> Self {
        let op = Self::new("bulkUpdate", database_id, table_id);
        let queries: Vec<String> = queries.into_iter().map(|q| q.to_json()).collect();
        let data = object_bytes(data, &op.table_id).and_then(|data| {
            JsonObject::new()
                .field("queries", &queries)
                .raw("data", &data)
                .finish(Some(&op.table_id))
                .map(|b| b.to_vec())
        });
        op.with(data)
    }

    /// Deletes every row matching `queries`.
    pub fn bulk_delete(
        database_id: impl Into<String>,
        table_id: impl Into<String>,
        queries: impl IntoIterator<Item = Query>,
    ) -> Self {
        let op = Self::new("bulkDelete", database_id, table_id);
        let queries: Vec<String> = queries.into_iter().map(|q| q.to_json()).collect();
        let data = JsonObject::new()
            .field("queries", &queries)
            .finish(Some(&op.table_id))
            .map(|b| b.to_vec());
        op.with(data)
    }

    /// The action's wire name (`create`, `bulkUpdate`, …).
    pub fn action(&self) -> &'static str {
        self.action
    }

    fn to_json(&self) -> Result<Vec<u8>> {
        // The IDs name a row the server will write, as a path would: the same rule.
        const OPERATION: &str = "transactions.create_operations";
        let table = Some(self.table_id.as_str());
        check_path_id(OPERATION, table, IdKind::Database, &self.database_id)?;
        check_path_id(OPERATION, table, IdKind::Table, &self.table_id)?;
        if let Some(row_id) = &self.row_id {
            check_path_id(OPERATION, table, IdKind::Row, row_id)?;
        }
        let data = self.data.as_ref().map_err(|reason| Error::Validation {
            table: Some(self.table_id.clone()),
            column: None,
            reason: reason.clone(),
        })?;
        let mut body = JsonObject::new();
        body.field("action", self.action)
            .field("databaseId", &self.database_id)
            .field("tableId", &self.table_id)
            .opt("rowId", self.row_id.as_deref());
        if let Some(data) = data {
            body.raw("data", data);
        }
        body.finish(Some(&self.table_id)).map(|b| b.to_vec())
    }
}

crate::api::awaitable! {
    CreateTransaction => crate::response::TransactionInfo;
    ListTransactions => crate::response::TransactionList;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_match_the_captured_shapes() {
        let cases = [
            (
                Operation::create("testdb", "books", "tx-row-1", &json!({"title": "in tx"})),
                r#"{"action":"create","databaseId":"testdb","tableId":"books","rowId":"tx-row-1","data":{"title":"in tx"}}"#,
            ),
            (
                Operation::increment("testdb", "books", "row-1", "count", 1.0, Some(100.0)),
                r#"{"action":"increment","databaseId":"testdb","tableId":"books","rowId":"row-1","data":{"column":"count","value":1,"max":100}}"#,
            ),
            (
                Operation::delete("testdb", "books", "row-2"),
                r#"{"action":"delete","databaseId":"testdb","tableId":"books","rowId":"row-2"}"#,
            ),
            (
                Operation::bulk_create(
                    "testdb",
                    "books",
                    [RowInput::with_id("b1", &json!({"title": "b1"}))],
                ),
                r#"{"action":"bulkCreate","databaseId":"testdb","tableId":"books","data":[{"$id":"b1","title":"b1"}]}"#,
            ),
            (
                Operation::bulk_update(
                    "testdb",
                    "books",
                    [Query::equal("title", "b1")],
                    &json!({"count": 1}),
                ),
                r#"{"action":"bulkUpdate","databaseId":"testdb","tableId":"books","data":{"queries":["{\"method\":\"equal\",\"attribute\":\"title\",\"values\":[\"b1\"]}"],"data":{"count":1}}}"#,
            ),
        ];
        for (op, want) in cases {
            assert_eq!(String::from_utf8(op.to_json().unwrap()).unwrap(), want);
        }
    }

    #[test]
    fn bad_data_is_reported_at_send() {
        let op = Operation::update("db", "t", "r", &5);
        assert!(matches!(op.to_json(), Err(Error::Validation { .. })));
        let op = Operation::increment("db", "t", "r", "c", f64::NAN, None);
        assert!(op.to_json().is_err());
        for op in [
            Operation::delete("db", "t", ""),
            Operation::update("db", "", "r", &json!({})),
            Operation::create("", "t", "r", &json!({})),
        ] {
            assert!(
                matches!(op.to_json(), Err(Error::InvalidId { .. })),
                "{op:?}"
            );
        }
    }
}
