//! `/v1/tablesdb/transactions`: transactions, and every row write that
//! carries a `transactionId` (§4.5), which is staged instead of applied.
//!
//! As on Appwrite 1.8 (`Http/Databases/Transactions/*.php`, the staging branches of
//! `Collections/Documents/*.php` and `Databases/TransactionState.php`):
//!
//! * A transaction is `pending` until it is committed (`committed`) or rolled back (`failed`,
//!   not `rolled_back`); a commit that fails on the data also leaves it `failed`. It expires
//!   `ttl` seconds (60–3600, default 300) after its creation: staging, committing or rolling
//!   back an expired one is `410 transaction_expired`. It holds at most 100 operations
//!   (`400 transaction_limit_exceeded`); a bulk write staged through a row endpoint counts as
//!   one, `createOperations` counts each object.
//! * A user's transaction carries `read`/`update`/`delete("user:ID")`, so users only see (get,
//!   list, stage into, commit, delete) their own; the API key sees every transaction; guests
//!   and the key give theirs no permissions, so no user or guest can see those.
//! * Staging validates little: single writes check the table, the `create` permission and
//!   the roles granted, and updates/deletes check that the row exists *as the transaction
//!   sees it*; the structure of `data` and the update/delete permissions are checked when
//!   the commit applies the operation. Staged answers are mocks: single writes echo
//!   `$id`, `$tableId`, `$databaseId` and the data (an update echoes the current row with the
//!   data on top), bulk writes answer `{total: n or 0, rows: []}` with `200`, and a staged
//!   upsert answers `201` (quirk).
//! * The error checks differ per endpoint, as on Appwrite: create/update/upsert/delete answer
//!   `404 transaction_not_found` and `400 transaction_not_ready`; increment/decrement and the
//!   bulk update/upsert/delete answer `400 general_bad_request` "Invalid or non‑pending
//!   transaction" for both, and the bulk ones do not check expiry. `createOperations` uses
//!   the legacy types: `404 collection_not_found` for an unknown table, `404
//!   document_not_found` for an update/delete/increment/decrement of a row that does not
//!   exist (and is not created earlier in the same batch).
//!
//! The staged operations are kept in `_transaction_ops` (the store's transaction log), in the
//! shape of the `operations` objects. Two things replay them through the row endpoints
//! themselves ([`crate::engine::rows`]), so a committed operation behaves
//! exactly like the direct call:
//!
//! * **Commit** replays every operation, in order, as the committing caller, inside a
//!   SAVEPOINT of the request's SQLite transaction: everything is applied or nothing. An
//!   operation on a row that the commit has not touched yet carries its staging time as
//!   `X-Appwrite-Timestamp`, so a row changed by someone else since it was staged fails the
//!   commit with `409 transaction_conflict` (bulk operations check the rows they select the
//!   same way; increments are not checked, as on Appwrite). On failure the savepoint is
//!   rolled back and the error mapped: missing row → `404 document_not_found`, duplicate or
//!   conflict → `409 transaction_conflict`, structure → `400 document_invalid_structure`,
//!   counter bound → `400 attribute_limit_exceeded`, bad query → `400
//!   general_query_invalid`; for those the transaction becomes `failed` and that status is
//!   kept ([`Tx::keep_writes_on_error`]). Other errors (permissions, for one) leave it
//!   `pending`, as Appwrite's rolled-back database transaction does.
//! * **Read-your-writes**: `GET …/rows/{rowId}` with the `transactionId` of a pending
//!   transaction (any caller's, as on Appwrite) opens a SAVEPOINT, replays the staged
//!   operations as the API key (skipping any that fail), runs the read and rolls the
//!   savepoint back; a row only the transaction creates answers its staged data alone
//!   (no defaults, no `$createdAt`). Staging uses the same view to find the row an update
//!   or delete targets.
//!   `GET …/rows` follows Appwrite's own merge instead ([`list`]): the committed
//!   page, then the staged rows in staging order.

mod commit;
mod list;
mod operations;
mod read;
mod stage;

pub use commit::{apply_all, in_view};
pub use list::list as list_rows;
pub use operations::{check_operations, operations_param};
pub use read::{read, stage_or_run};
pub use stage::{
    stage_bulk_delete, stage_bulk_update, stage_bulk_upsert, stage_create, stage_decrement,
    stage_delete, stage_increment, stage_update, stage_upsert,
};

use crate::error::{ApiResult, catalogue};
use crate::http::auth::{Caller, Context};
use crate::http::request::CheckedRequest;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::store::Tx;
use crate::store::transactions::{self as log, TxnRecord};

/// Most operations one transaction may hold (`APP_LIMIT_DATABASE_TRANSACTION`).
pub const MAX_OPERATIONS: i64 = 100;

/// Savepoint around a commit's replay.
const COMMIT: &str = "lae_txn_commit";
/// Savepoint around a read-your-writes view.
const VIEW: &str = "lae_txn_view";
/// Savepoint around one replayed operation of a view.
const STEP: &str = "lae_txn_step";

/// The fields `GET /tablesdb/transactions` may filter and order on (Appwrite's
/// `Queries/Transactions` validator; `$id`, `$createdAt` and `$updatedAt` come on top).
pub const FIELDS: &[MemoryField] = &[
    MemoryField {
        name: "status",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "expiresAt",
        kind: MemoryKind::Datetime,
    },
];

// ----------------------------------------------------------------------------------------
// Finding a transaction.

/// Whether the caller may see `txn`: the key sees all, a user only their own.
pub fn visible(txn: &TxnRecord, ctx: &Context) -> bool {
    match &ctx.caller {
        Caller::Key => true,
        Caller::User(user) => !txn.owner.is_empty() && txn.owner == user.id,
        Caller::Guest => false,
    }
}

/// The transaction of path parameter `transactionId`, or `404 transaction_not_found`.
pub fn lookup(tx: &Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<TxnRecord> {
    let id = request.transaction.as_str();
    log::find(tx, id)?
        .filter(|t| visible(t, ctx))
        .ok_or_else(|| catalogue::transaction_not_found(id))
}

/// Refuses adding `adding` operations to `txn` when it would hold more than [`MAX_OPERATIONS`].
pub fn check_room(txn: &TxnRecord, adding: i64) -> ApiResult<()> {
    if txn.operations.saturating_add(adding) > MAX_OPERATIONS {
        return Err(catalogue::transaction_limit(
            txn.operations,
            adding,
            MAX_OPERATIONS,
        ));
    }
    Ok(())
}
