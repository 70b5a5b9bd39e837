//! Transactions and their staged operations: the `_transactions` table
//! and the operations log `_transaction_ops`, in staging order.
//!
//! A staged operation is kept in the shape of the `operations` objects of
//! `POST /tablesdb/transactions/{id}/operations` (`action`, `rowId`, `data`), with the
//! database and table it targets. Commit and read-your-writes replay the log through the
//! row operations (`engine::transactions`).

use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::Tx;
use crate::error::{ApiError, ApiResult};
use crate::validate::datetime::{format_unix_ms, now, now_ms};
use crate::validate::ids::unique_id;

/// The two tables, created on first open.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS _transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    operations INTEGER NOT NULL,
    expires TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _transaction_ops (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    txn_seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    database_id TEXT NOT NULL,
    table_id TEXT NOT NULL,
    table_seq INTEGER NOT NULL,
    row_id TEXT,
    data TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS _transaction_ops_txn ON _transaction_ops (txn_seq, seq);
";

/// `pending`: operations may be added; the only status that can be committed or rolled back.
pub const PENDING: &str = "pending";
/// Committed: every operation was applied.
pub const COMMITTED: &str = "committed";
/// Rolled back, or a commit that failed (Appwrite writes `failed` for both).
pub const FAILED: &str = "failed";

/// A transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnRecord {
    /// Internal sequence (keys the operations log).
    pub seq: i64,
    /// `$id`.
    pub id: String,
    /// The user who created it (its only reader); empty for the API key and guests, whose
    /// transactions no user can see.
    pub owner: String,
    /// `pending`, `committed` or `failed`.
    pub status: String,
    /// How many operations were staged.
    pub operations: i64,
    /// `expiresAt`, in the server's datetime format.
    pub expires_at: String,
    /// `$createdAt`.
    pub created_at: String,
    /// `$updatedAt`.
    pub updated_at: String,
}

impl TxnRecord {
    /// The `Transaction` model.
    pub fn to_json(&self) -> Value {
        json!({
            "$id": self.id,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "status": self.status,
            "operations": self.operations,
            "expiresAt": self.expires_at,
        })
    }

    /// Whether operations may still be added, committed or rolled back.
    pub fn is_pending(&self) -> bool {
        self.status == PENDING
    }

    /// Whether `expiresAt` has passed (both are in the same fixed-width UTC format, so the
    /// text comparison is the time comparison).
    pub fn is_expired(&self) -> bool {
        now() > self.expires_at
    }
}

/// What an operation does: the `action` values of the operations API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create one row.
    Create,
    /// Update (merge into) one row.
    Update,
    /// Create or update one row.
    Upsert,
    /// Delete one row.
    Delete,
    /// Increment a numeric column of one row.
    Increment,
    /// Decrement a numeric column of one row.
    Decrement,
    /// Create many rows.
    BulkCreate,
    /// Update the rows some queries select.
    BulkUpdate,
    /// Create or update many rows.
    BulkUpsert,
    /// Delete the rows some queries select.
    BulkDelete,
}

impl Action {
    /// Every action, in the order Appwrite lists them.
    pub const ALL: [Action; 10] = [
        Action::Create,
        Action::Update,
        Action::Upsert,
        Action::Delete,
        Action::Increment,
        Action::Decrement,
        Action::BulkCreate,
        Action::BulkUpdate,
        Action::BulkUpsert,
        Action::BulkDelete,
    ];

    /// The name used on the wire and in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Upsert => "upsert",
            Action::Delete => "delete",
            Action::Increment => "increment",
            Action::Decrement => "decrement",
            Action::BulkCreate => "bulkCreate",
            Action::BulkUpdate => "bulkUpdate",
            Action::BulkUpsert => "bulkUpsert",
            Action::BulkDelete => "bulkDelete",
        }
    }

    /// The action named `name` (exact spelling).
    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// Whether the action targets one row (and so needs a `rowId`).
    pub fn is_single(self) -> bool {
        !self.is_bulk()
    }

    /// Whether the action is one of the four bulk actions.
    pub fn is_bulk(self) -> bool {
        matches!(
            self,
            Action::BulkCreate | Action::BulkUpdate | Action::BulkUpsert | Action::BulkDelete
        )
    }
}

/// An operation to stage.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOp {
    /// What it does.
    pub action: Action,
    /// The database ID.
    pub database_id: String,
    /// The table ID.
    pub table_id: String,
    /// The table's internal sequence when staged: a table deleted and re-created under the
    /// same ID is not the table the operation was staged for.
    pub table_seq: i64,
    /// The row, for single-row actions.
    pub row_id: Option<String>,
    /// The operation's `data`.
    pub data: Value,
}

/// A staged operation, as logged.
#[derive(Debug, Clone, PartialEq)]
pub struct StagedOp {
    /// The operation.
    pub op: NewOp,
    /// When it was staged (the server's datetime format): a commit refuses to overwrite a
    /// row changed after this instant by someone else.
    pub staged_at: String,
}

const TXN_COLUMNS: &str = "seq, id, owner, status, operations, expires, created, updated";

fn txn_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<TxnRecord> {
    Ok(TxnRecord {
        seq: row.get(0)?,
        id: row.get(1)?,
        owner: row.get(2)?,
        status: row.get(3)?,
        operations: row.get(4)?,
        expires_at: row.get(5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

/// Creates a pending transaction that expires `ttl_seconds` from now.
pub fn create(tx: &Tx<'_>, owner: &str, ttl_seconds: i64) -> ApiResult<TxnRecord> {
    let id = unique_id();
    let now_ms = now_ms();
    let at = format_unix_ms(now_ms);
    let expires = format_unix_ms(now_ms.saturating_add(ttl_seconds.saturating_mul(1000)));
    tx.sql.execute(
        "INSERT INTO _transactions (id, owner, status, operations, expires, created, updated) \
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?5)",
        params![id, owner, PENDING, expires, at],
    )?;
    find(tx, &id)?.ok_or_else(|| ApiError::internal("transaction vanished after insert"))
}

/// The transaction `id`, if it exists.
pub fn find(tx: &Tx<'_>, id: &str) -> ApiResult<Option<TxnRecord>> {
    Ok(tx
        .sql
        .prepare_cached(&format!(
            "SELECT {TXN_COLUMNS} FROM _transactions WHERE id = ?1"
        ))?
        .query_row([id], txn_from_row)
        .optional()?)
}

/// Every transaction, in creation order.
pub fn all(tx: &Tx<'_>) -> ApiResult<Vec<TxnRecord>> {
    let mut stmt = tx.sql.prepare(&format!(
        "SELECT {TXN_COLUMNS} FROM _transactions ORDER BY seq"
    ))?;
    let rows = stmt.query_map([], txn_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Sets the status of `txn` (and its `$updatedAt`); returns the updated record.
pub fn set_status(tx: &Tx<'_>, txn: &TxnRecord, status: &str) -> ApiResult<TxnRecord> {
    tx.sql.execute(
        "UPDATE _transactions SET status = ?1, updated = ?2 WHERE seq = ?3",
        params![status, now(), txn.seq],
    )?;
    reload(tx, txn)
}

/// Appends `ops` to the log of `txn` and raises its operation count by `counted` (a bulk
/// operation staged through a row endpoint counts once); returns the updated record.
pub fn append(tx: &Tx<'_>, txn: &TxnRecord, ops: &[NewOp], counted: i64) -> ApiResult<TxnRecord> {
    let at = now();
    {
        let mut stmt = tx.sql.prepare_cached(
            "INSERT INTO _transaction_ops \
             (txn_seq, action, database_id, table_id, table_seq, row_id, data, created) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for op in ops {
            stmt.execute(params![
                txn.seq,
                op.action.as_str(),
                op.database_id,
                op.table_id,
                op.table_seq,
                op.row_id,
                op.data.to_string(),
                at,
            ])?;
        }
    }
    tx.sql.execute(
        "UPDATE _transactions SET operations = operations + ?1, updated = ?2 WHERE seq = ?3",
        params![counted, at, txn.seq],
    )?;
    reload(tx, txn)
}

/// The staged operations of `txn`, in staging order.
pub fn operations(tx: &Tx<'_>, txn: &TxnRecord) -> ApiResult<Vec<StagedOp>> {
    let mut stmt = tx.sql.prepare_cached(
        "SELECT action, database_id, table_id, table_seq, row_id, data, created \
         FROM _transaction_ops WHERE txn_seq = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([txn.seq], |row| {
        let action: String = row.get(0)?;
        let data: String = row.get(5)?;
        Ok((
            action,
            NewOp {
                action: Action::Create,
                database_id: row.get(1)?,
                table_id: row.get(2)?,
                table_seq: row.get(3)?,
                row_id: row.get(4)?,
                data: serde_json::from_str(&data).unwrap_or(Value::Null),
            },
            row.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (action, mut op, staged_at) = row?;
        op.action = Action::parse(&action)
            .ok_or_else(|| ApiError::internal(format!("unknown staged action {action}")))?;
        out.push(StagedOp { op, staged_at });
    }
    Ok(out)
}

/// Forgets the staged operations of `txn` (after a commit or a rollback).
pub fn clear_operations(tx: &Tx<'_>, txn: &TxnRecord) -> ApiResult<()> {
    tx.sql
        .execute("DELETE FROM _transaction_ops WHERE txn_seq = ?1", [txn.seq])?;
    Ok(())
}

/// Deletes `txn` and its operations.
pub fn delete(tx: &Tx<'_>, txn: &TxnRecord) -> ApiResult<()> {
    clear_operations(tx, txn)?;
    tx.sql
        .execute("DELETE FROM _transactions WHERE seq = ?1", [txn.seq])?;
    Ok(())
}

fn reload(tx: &Tx<'_>, txn: &TxnRecord) -> ApiResult<TxnRecord> {
    find(tx, &txn.id)?.ok_or_else(|| ApiError::internal("transaction vanished"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
            assert_eq!(action.is_bulk(), action.as_str().starts_with("bulk"));
        }
        assert_eq!(Action::parse("Create"), None);
        assert_eq!(Action::parse("bulkcreate"), None);
    }
}
