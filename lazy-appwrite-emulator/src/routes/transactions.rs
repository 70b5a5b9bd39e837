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
//! The staged operations are kept in `_transaction_ops` (`store/transactions.rs`), in the
//! shape of the `operations` objects. Two things replay them through the row endpoints
//! themselves (`rows.rs`, `bulk.rs`, `counters.rs`), so a committed operation behaves
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
//!   `GET …/rows` follows Appwrite's own merge instead (`transaction_list.rs`): the committed
//!   page, then the staged rows in staging order.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::counters::{self, Num};
use super::row_data::permission_list;
use super::rows::{
    self, CreateParams, check_grantable, create_denied, create_params, grants, may,
    missing_payload, table_for,
};
use super::tables::path_ids;
use super::{Endpoint, PathArgs, bulk, transaction_list};
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::{Caller, Context};
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::profile::AppwriteVersion;
use crate::query::execute::matching_seqs;
use crate::query::memory::{MemoryField, MemoryKind, apply_memory};
use crate::query::plan::{parse_queries, plan_rows};
use crate::query::spatial::php_numeric;
use crate::schema::{ColumnKind, TableMeta, json_number};
use crate::store::rows::{self as stored, StoredRow};
use crate::store::transactions::{self as log, Action, NewOp, StagedOp, TxnRecord};
use crate::store::{Tx, catalog};
use crate::validate::datetime::parse_datetime;
use crate::validate::ids::{
    KEY_DESCRIPTION, UID_DESCRIPTION, UNIQUE_LITERAL, check_key, check_uid, resolve_custom_id,
    unique_id,
};

/// Most operations one transaction may hold (`APP_LIMIT_DATABASE_TRANSACTION`).
const MAX_OPERATIONS: i64 = 100;
/// Shortest `ttl`, in seconds.
const TTL_MIN: i64 = 60;
/// Longest `ttl`, in seconds.
const TTL_MAX: i64 = 3600;
/// `ttl` when omitted, in seconds.
const TTL_DEFAULT: i64 = 300;

/// Savepoint around a commit's replay.
const COMMIT: &str = "lae_txn_commit";
/// Savepoint around a read-your-writes view.
const VIEW: &str = "lae_txn_view";
/// Savepoint around one replayed operation of a view.
const STEP: &str = "lae_txn_step";

/// The fields `GET /tablesdb/transactions` may filter and order on (Appwrite's
/// `Queries/Transactions` validator; `$id`, `$createdAt` and `$updatedAt` come on top).
const FIELDS: &[MemoryField] = &[
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
// Errors.

fn not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotFound,
        format!("Transaction with the requested ID '{id}' could not be found."),
    )
}

fn not_ready() -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotReady,
        "The transaction is not ready yet. Please try again later.",
    )
}

fn expired() -> ApiError {
    ApiError::new(
        ErrorType::TransactionExpired,
        "The transaction has expired. Please create a new transaction and try again.",
    )
}

fn conflict() -> ApiError {
    ApiError::new(
        ErrorType::TransactionConflict,
        "The transaction has a conflict. Please resolve the conflict and try again.",
    )
}

/// `400 general_bad_request` of the increment/decrement, bulk and operations endpoints
/// (Appwrite writes a non-breaking hyphen).
fn non_pending() -> ApiError {
    ApiError::new(
        ErrorType::GeneralBadRequest,
        "Invalid or non\u{2011}pending transaction",
    )
}

fn limit_exceeded(existing: i64, adding: i64) -> ApiError {
    ApiError::new(
        ErrorType::TransactionLimitExceeded,
        format!(
            "Transaction already has {existing} operations, adding {adding} would exceed the maximum of {MAX_OPERATIONS}"
        ),
    )
}

fn document_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::DocumentNotFound,
        format!("Document with the requested ID '{id}' could not be found."),
    )
}

fn collection_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::CollectionNotFound,
        format!("Collection with the requested ID '{id}' could not be found."),
    )
}

// ----------------------------------------------------------------------------------------
// The transaction endpoints.

/// Whether the caller may see `txn`: the key sees all, a user only their own.
fn visible(txn: &TxnRecord, ctx: &Context) -> bool {
    match &ctx.caller {
        Caller::Key => true,
        Caller::User(user) => !txn.owner.is_empty() && txn.owner == user.id,
        Caller::Guest => false,
    }
}

/// The transaction of path parameter `transactionId`, or `404 transaction_not_found`.
fn lookup(tx: &Tx<'_>, ctx: &Context, path: &PathArgs) -> ApiResult<TxnRecord> {
    let id = path.get("transactionId");
    check_uid("transactionId", id)?;
    log::find(tx, id)?
        .filter(|t| visible(t, ctx))
        .ok_or_else(|| not_found(id))
}

/// `GET /tablesdb/transactions`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, params: &Params, _: &PathArgs) -> ApiResult<Reply> {
    let queries = params.queries()?;
    let items = log::all(tx)?
        .iter()
        .filter(|t| visible(t, ctx))
        .map(TxnRecord::to_json)
        .collect();
    let (items, total) = apply_memory(
        items,
        &queries,
        FIELDS,
        "$id",
        "Transaction",
        None,
        &[],
        true,
    )?;
    Ok(Reply::ok(json!({ "total": total, "transactions": items })))
}

/// `POST /tablesdb/transactions`.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, params: &Params, _: &PathArgs) -> ApiResult<Reply> {
    let ttl = ttl_param(params)?;
    let owner = ctx.caller.user().map(|u| u.id.clone()).unwrap_or_default();
    Ok(Reply::created(log::create(tx, &owner, ttl)?.to_json()))
}

/// `ttl`: an integer (or integer string) from 60 to 3600 (utopia's `Range`).
fn ttl_param(params: &Params) -> ApiResult<i64> {
    let Some(value) = params.get("ttl") else {
        return Ok(TTL_DEFAULT);
    };
    let parsed = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    parsed
        .filter(|t| (TTL_MIN..=TTL_MAX).contains(t))
        .ok_or_else(|| {
            ApiError::param_invalid("ttl", "Value must be a valid range between 60 and 3,600")
        })
}

/// `GET /tablesdb/transactions/{transactionId}`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, _: &Params, path: &PathArgs) -> ApiResult<Reply> {
    Ok(Reply::ok(lookup(tx, ctx, path)?.to_json()))
}

/// `DELETE /tablesdb/transactions/{transactionId}`: in any status; staged operations go too.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, _: &Params, path: &PathArgs) -> ApiResult<Reply> {
    let txn = lookup(tx, ctx, path)?;
    log::delete(tx, &txn)?;
    Ok(Reply::NoContent)
}

/// `PATCH /tablesdb/transactions/{transactionId}`: `commit` or `rollback`.
pub fn update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    check_uid("transactionId", path.get("transactionId"))?;
    let commit = params.bool_strict("commit")?.unwrap_or(false);
    let rollback = params.bool_strict("rollback")?.unwrap_or(false);
    if !commit && !rollback {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            "Either commit or rollback must be true",
        ));
    }
    if commit && rollback {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            "Cannot commit and rollback at the same time",
        ));
    }
    let txn = lookup(tx, ctx, path)?;
    if !txn.is_pending() {
        return Err(not_ready());
    }
    if txn.is_expired() {
        return Err(expired());
    }
    if rollback {
        log::clear_operations(tx, &txn)?;
        let txn = log::set_status(tx, &txn, log::FAILED)?;
        return Ok(Reply::ok(txn.to_json()));
    }
    apply_all(tx, ctx, &txn)
}

/// `POST /tablesdb/transactions/{transactionId}/operations`.
pub fn create_operations(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    check_uid("transactionId", path.get("transactionId"))?;
    let operations = operations_param(params)?;
    if operations.is_empty() {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            "Operations array cannot be empty",
        ));
    }
    let txn = lookup(tx, ctx, path)?;
    if !txn.is_pending() {
        return Err(non_pending());
    }
    if txn.is_expired() {
        return Err(expired());
    }
    let adding = i64::try_from(operations.len()).unwrap_or(i64::MAX);
    check_room(&txn, adding)?;
    let staged = in_view(tx, ctx, Some(&txn), |tx| {
        check_operations(tx, ctx, &operations)
    })?;
    let txn = log::append(tx, &txn, &staged, adding)?;
    Ok(Reply::created(txn.to_json()))
}

fn check_room(txn: &TxnRecord, adding: i64) -> ApiResult<()> {
    if txn.operations.saturating_add(adding) > MAX_OPERATIONS {
        return Err(limit_exceeded(txn.operations, adding));
    }
    Ok(())
}

// ----------------------------------------------------------------------------------------
// The `operations` parameter (Appwrite's `Validator/Operation.php`, type `tablesdb`).

/// The `operations` objects, each checked like Appwrite's validator does; an invalid one
/// is `400 general_argument_invalid` with the validator's description.
fn operations_param(params: &Params) -> ApiResult<Vec<Map<String, Value>>> {
    let invalid = |detail: &str| {
        ApiError::param_invalid(
            "operations",
            &format!("Value must a valid array and {detail}"),
        )
    };
    let Some(value) = params.get("operations") else {
        return Ok(Vec::new());
    };
    // A value that is no list reads, on both recorded versions, as a list whose object
    // lacks the table key (tour-transactions.jsonl 1.8.1 seq 1714, 1.9.6 seq 1712).
    let Value::Array(items) = value else {
        return Err(invalid("Missing required key: tableId"));
    };
    items
        .iter()
        .map(|item| validate_operation(item).map_err(|detail| invalid(&detail)))
        .collect()
}

/// PHP's `is_array`: a JSON object or array.
fn is_php_array(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

fn has_key(value: &Value, key: &str) -> bool {
    value.as_object().is_some_and(|m| m.contains_key(key))
}

fn validate_operation(item: &Value) -> Result<Map<String, Value>, String> {
    let Value::Object(op) = item else {
        return Err("Value must be an array".into());
    };
    const REQUIRED: [&str; 3] = ["databaseId", "action", "tableId"];
    for key in REQUIRED {
        if !op.contains_key(key) {
            return Err(format!("Missing required key: {key}"));
        }
    }
    for key in REQUIRED {
        if op[key].as_str().is_none_or(|s| s.trim().is_empty()) {
            return Err(format!("Key '{key}' must be a non\u{2011}empty string"));
        }
    }
    let name = op["action"].as_str().unwrap_or("");
    let Some(action) = Action::parse(name) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        return Err(format!("Key 'action' must be one of: {}", names.join(", ")));
    };
    if action.is_single() && !op.contains_key("rowId") {
        return Err(format!("Key 'rowId' is required for action '{name}'"));
    }
    if let Some(id) = op.get("rowId")
        && id.as_str().is_none_or(|s| s.trim().is_empty())
    {
        return Err("Key 'rowId' must be a non-empty string".into());
    }
    match op.get("data") {
        None if action != Action::Delete => return Err("Missing required key: data".into()),
        Some(data) if !is_php_array(data) => return Err("Key 'data' must be an array".into()),
        _ => {}
    }
    let data = op.get("data").cloned().unwrap_or(Value::Null);
    if matches!(action, Action::BulkUpdate | Action::BulkDelete) {
        if !has_key(&data, "queries") {
            return Err(format!("Key 'queries' is required in data for {name}"));
        }
        if !is_php_array(&data["queries"]) {
            return Err(format!("Key 'queries' must be an array for {name}"));
        }
    }
    if action == Action::BulkUpdate {
        if !has_key(&data, "data") {
            return Err(format!("Key 'data' is required in data for {name}"));
        }
        if !is_php_array(&data["data"]) {
            return Err(format!("Key 'data.data' must be an array for {name}"));
        }
    }
    if matches!(action, Action::Increment | Action::Decrement) {
        if !has_key(&data, "column") {
            return Err(format!("Key 'column' is required in data for {name}"));
        }
        if has_key(&data, "value") && php_numeric(&data["value"]).is_none() {
            return Err(format!("Key 'value' must be a numeric value for {name}"));
        }
    }
    Ok(op.clone())
}

/// Checks each operation of a `createOperations` batch against the database as the
/// transaction sees it (run inside [`in_view`]) and returns what to stage.
fn check_operations(
    tx: &mut Tx<'_>,
    ctx: &Context,
    operations: &[Map<String, Value>],
) -> ApiResult<Vec<NewOp>> {
    let privileged = ctx.caller.is_privileged();
    // Rows created earlier in this batch, by (table sequence, row ID).
    let mut dependants: HashSet<(i64, String)> = HashSet::new();
    let mut staged = Vec::with_capacity(operations.len());
    for op in operations {
        let text = |key: &str| op.get(key).and_then(Value::as_str).unwrap_or("");
        let action = Action::parse(text("action")).unwrap_or(Action::Create);
        if action.is_bulk() && !privileged {
            return Err(ApiError::unauthorized());
        }
        let database = catalog::database(tx, text("databaseId"))?;
        if !database.enabled && !privileged {
            return Err(ApiError::database_not_found(text("databaseId")));
        }
        let table = match catalog::table(tx, &database.id, text("tableId")) {
            Ok(table) if table.enabled || privileged => table,
            Ok(_) => return Err(collection_not_found(text("tableId"))),
            Err(e) if e.kind == ErrorType::TableNotFound => {
                return Err(collection_not_found(text("tableId")));
            }
            Err(e) => return Err(e),
        };
        if action.is_bulk() && has_relationships(&table) {
            return Err(ApiError::new(
                ErrorType::GeneralBadRequest,
                "Bulk operations are not supported for tableId with relationship attributes",
            ));
        }
        let mut row_id = op.get("rowId").and_then(Value::as_str).map(str::to_string);
        let mut existing = None;
        if action.is_single() && action != Action::Create {
            let id = row_id.clone().unwrap_or_default();
            // Looked up with the caller's read permission, as Appwrite's transaction
            // state does.
            existing = stored::find(tx, &table, &id)?.filter(|r| may(&table, Some(r), "read", ctx));
            let dependant = dependants.contains(&(table.seq, id.clone()));
            if existing.is_none() && !dependant && action != Action::Upsert {
                return Err(document_not_found(&id));
            }
        }
        if action.is_single() && !privileged {
            check_operation_permissions(&table, action, existing.as_ref(), op, ctx)?;
        }
        let mut data = op.get("data").cloned().unwrap_or_else(|| json!({}));
        match action {
            Action::Create => {
                let id = match row_id.as_deref() {
                    Some(UNIQUE_LITERAL) | None => unique_id(),
                    Some(id) => id.to_string(),
                };
                // A document without `$permissions` is created with none (the replay
                // supplies them: reads through the transaction show none).
                dependants.insert((table.seq, id.clone()));
                row_id = Some(id);
            }
            Action::BulkCreate | Action::BulkUpsert => assign_bulk_ids(&mut data),
            _ => {}
        }
        staged.push(NewOp {
            action,
            database_id: database.id.clone(),
            table_id: table.id.clone(),
            table_seq: table.seq,
            row_id: if action.is_single() { row_id } else { None },
            data,
        });
    }
    Ok(staged)
}

/// The permission checks of `createOperations` for callers other than the key: the table's
/// permission for the action, or (with row security, for updates and deletes) the row's;
/// and only roles the caller holds in `data.$permissions`.
fn check_operation_permissions(
    table: &TableMeta,
    action: Action,
    existing: Option<&StoredRow>,
    op: &Map<String, Value>,
    ctx: &Context,
) -> ApiResult<()> {
    let kind = match action {
        Action::Create => "create",
        Action::Delete => "delete",
        Action::Upsert if existing.is_none() => "create",
        _ => "update",
    };
    let by_table = grants(&table.permissions, kind, ctx);
    let by_row = kind != "create"
        && table.row_security
        && existing.is_some_and(|row| grants(&row.permissions, kind, ctx));
    let allowed = if kind == "create" || !table.row_security {
        by_table
    } else {
        by_table || by_row
    };
    if !allowed {
        return Err(ApiError::unauthorized());
    }
    if let Some(Value::Array(list)) = op.get("data").and_then(|d| d.get("$permissions")) {
        let permissions: Vec<String> = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        check_grantable(&permissions, ctx)?;
    }
    Ok(())
}

/// Gives every row of a bulk create/upsert its `$id` now (generated when missing or
/// `unique()`), so reads through the transaction and the commit see the same rows.
fn assign_bulk_ids(data: &mut Value) {
    let Value::Array(rows) = data else {
        return;
    };
    for row in rows {
        if let Value::Object(map) = row {
            match map.get("$id") {
                None | Some(Value::Null) => {
                    map.insert("$id".into(), Value::String(unique_id()));
                }
                Some(Value::String(s)) if s == UNIQUE_LITERAL => {
                    map.insert("$id".into(), Value::String(unique_id()));
                }
                _ => {}
            }
        }
    }
}

fn has_relationships(table: &TableMeta) -> bool {
    table
        .columns
        .iter()
        .any(|c| c.spec.kind == ColumnKind::Relationship)
}

// ----------------------------------------------------------------------------------------
// Replaying staged operations.

fn savepoint(tx: &Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql.execute_batch(&format!("SAVEPOINT {name}"))?;
    Ok(())
}

fn release(tx: &Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql.execute_batch(&format!("RELEASE {name}"))?;
    Ok(())
}

/// Undoes everything since savepoint `name` and ends it. Cached table definitions are
/// dropped: a column or index that settled inside the savepoint is unsettled again.
fn rollback_to(tx: &mut Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql
        .execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"))?;
    tx.schema_changed();
    Ok(())
}

/// The table `op` was staged for; `404 table_not_found` when it is gone or was re-created.
fn staged_table(tx: &mut Tx<'_>, op: &NewOp) -> ApiResult<std::sync::Arc<TableMeta>> {
    let table = catalog::table(tx, &op.database_id, &op.table_id)?;
    if table.seq != op.table_seq {
        return Err(ApiError::table_not_found(&op.table_id));
    }
    Ok(table)
}

fn data_object(op: &NewOp) -> Map<String, Value> {
    op.data.as_object().cloned().unwrap_or_default()
}

/// Applies one staged operation through the row endpoint that does it directly, as `ctx`;
/// `at`, when given, is sent as `X-Appwrite-Timestamp`.
fn replay(tx: &mut Tx<'_>, ctx: &Context, op: &NewOp, at: Option<String>) -> ApiResult<()> {
    staged_table(tx, op)?;
    let mut ctx = ctx.clone();
    ctx.timestamp = at;
    let mut path: HashMap<String, String> = HashMap::from([
        ("databaseId".to_string(), op.database_id.clone()),
        ("tableId".to_string(), op.table_id.clone()),
    ]);
    if let Some(id) = &op.row_id {
        path.insert("rowId".into(), id.clone());
    }
    let mut body = Map::new();
    let endpoint: Endpoint = match op.action {
        Action::Create => {
            let mut data = data_object(op);
            // Staged by `createOperations` without `$permissions`: created with none.
            let permissions = data
                .entry("$permissions")
                .or_insert_with(|| json!([]))
                .clone();
            body.insert("permissions".into(), permissions);
            body.insert("rowId".into(), json!(op.row_id));
            // `data` keeps `$permissions`, so a row with no column values is not "missing".
            body.insert("data".into(), Value::Object(data));
            rows::create
        }
        Action::Update | Action::Upsert => {
            let mut data = data_object(op);
            if let Some(p) = data.remove("$permissions") {
                body.insert("permissions".into(), p);
            }
            if op.action == Action::Update && data.is_empty() && body.is_empty() {
                // Nothing to change: the row only has to exist.
                let table = staged_table(tx, op)?;
                let id = op.row_id.clone().unwrap_or_default();
                return match stored::find(tx, &table, &id)? {
                    Some(_) => Ok(()),
                    None => Err(ApiError::row_not_found(&id)),
                };
            }
            body.insert("data".into(), Value::Object(data));
            if op.action == Action::Update {
                rows::update
            } else {
                rows::upsert
            }
        }
        Action::Delete => rows::delete,
        Action::Increment | Action::Decrement => {
            let data = data_object(op);
            let column = data
                .get("column")
                .or_else(|| data.get("attribute"))
                .and_then(Value::as_str)
                .unwrap_or("");
            path.insert("column".into(), column.to_string());
            for key in ["value", "max", "min"] {
                if let Some(v) = data.get(key) {
                    body.insert(key.into(), v.clone());
                }
            }
            if op.action == Action::Increment {
                counters::increment
            } else {
                counters::decrement
            }
        }
        Action::BulkCreate | Action::BulkUpsert => {
            body.insert("rows".into(), op.data.clone());
            if op.action == Action::BulkCreate {
                bulk::create
            } else {
                bulk::upsert
            }
        }
        Action::BulkUpdate => {
            body.insert("data".into(), op.data["data"].clone());
            body.insert("queries".into(), op.data["queries"].clone());
            bulk::update_rows
        }
        Action::BulkDelete => {
            body.insert("queries".into(), op.data["queries"].clone());
            bulk::delete
        }
    };
    endpoint(tx, &ctx, &Params::from_map(body), &PathArgs(path)).map(|_| ())
}

/// Runs `read` on the database as the staged operations of `txn` (when it is pending)
/// would leave it, then undoes them. Operations that fail are skipped.
fn in_view<T>(
    tx: &mut Tx<'_>,
    ctx: &Context,
    txn: Option<&TxnRecord>,
    read: impl FnOnce(&mut Tx<'_>) -> ApiResult<T>,
) -> ApiResult<T> {
    let Some(txn) = txn.filter(|t| t.is_pending()) else {
        return read(tx);
    };
    let ops = log::operations(tx, txn)?;
    if ops.is_empty() {
        return read(tx);
    }
    let key = Context {
        caller: Caller::Key,
        timestamp: None,
        ..ctx.clone()
    };
    savepoint(tx, VIEW)?;
    for staged in &ops {
        let counter = matches!(staged.op.action, Action::Increment | Action::Decrement);
        if counter && !ctx.profile.transaction_reads_see_staged_counters() {
            continue;
        }
        savepoint(tx, STEP)?;
        match replay(tx, &key, &staged.op, None) {
            Ok(()) => release(tx, STEP)?,
            Err(_) => rollback_to(tx, STEP)?,
        }
    }
    let result = read(tx);
    rollback_to(tx, VIEW)?;
    result
}

/// Rows a commit has written so far, by (table sequence, row ID): later operations on them
/// are not checked against their staging time (Appwrite's "dependent" documents).
type Touched = HashSet<(i64, String)>;

/// Commits `txn`: every staged operation in order, all or nothing.
fn apply_all(tx: &mut Tx<'_>, ctx: &Context, txn: &TxnRecord) -> ApiResult<Reply> {
    let ops = log::operations(tx, txn)?;
    savepoint(tx, COMMIT)?;
    let mut touched = Touched::new();
    for staged in &ops {
        if let Err(error) = commit_one(tx, ctx, staged, &mut touched) {
            rollback_to(tx, COMMIT)?;
            let (error, fails) = commit_error(error, &staged.op);
            if fails {
                log::clear_operations(tx, txn)?;
                log::set_status(tx, txn, log::FAILED)?;
                tx.keep_writes_on_error();
            }
            return Err(error);
        }
    }
    release(tx, COMMIT)?;
    log::clear_operations(tx, txn)?;
    let txn = log::set_status(tx, txn, log::COMMITTED)?;
    Ok(Reply::ok(txn.to_json()))
}

/// Applies one operation of a commit, refusing to overwrite rows changed since it was staged.
fn commit_one(
    tx: &mut Tx<'_>,
    ctx: &Context,
    staged: &StagedOp,
    touched: &mut Touched,
) -> ApiResult<()> {
    let op = &staged.op;
    let table = staged_table(tx, op)?;
    let key = |id: &str| (table.seq, id.to_string());
    let changed_since = |row: &StoredRow| row.updated_at > staged.staged_at;
    match op.action {
        Action::BulkCreate | Action::BulkUpsert => {
            let ids = bulk_ids(&op.data);
            if op.action == Action::BulkUpsert {
                for id in &ids {
                    if !touched.contains(&key(id))
                        && stored::find(tx, &table, id)?.is_some_and(|r| changed_since(&r))
                    {
                        return Err(stale());
                    }
                }
            }
            replay(tx, ctx, op, None)?;
            touched.extend(ids.iter().map(|id| key(id)));
        }
        Action::BulkUpdate | Action::BulkDelete => {
            let matched = selected_rows(tx, &table, op, ctx.profile)?;
            if matched
                .iter()
                .any(|r| !touched.contains(&key(&r.id)) && changed_since(r))
            {
                return Err(stale());
            }
            replay(tx, ctx, op, None)?;
            for row in matched {
                if op.action == Action::BulkUpdate {
                    touched.insert(key(&row.id));
                } else {
                    touched.remove(&key(&row.id));
                }
            }
        }
        Action::Upsert
            if !touched.contains(&key(op.row_id.as_deref().unwrap_or("")))
                && !op.data.get("$id").is_some_and(Value::is_string) =>
        {
            // Appwrite upserts a `createOperations` upsert of a row the commit has not
            // written yet with its `data` alone, so without `$id` in `data` the row gets a
            // new ID and `rowId` is ignored (a reproduced bug, both releases).
            let mut fresh = op.clone();
            fresh.row_id = Some(unique_id());
            replay(tx, ctx, &fresh, Some(staged.staged_at.clone()))?;
        }
        _ => {
            let id = op.row_id.clone().unwrap_or_default();
            let counter = matches!(op.action, Action::Increment | Action::Decrement);
            let at = (!counter && !touched.contains(&key(&id))).then(|| staged.staged_at.clone());
            replay(tx, ctx, op, at)?;
            if op.action == Action::Delete {
                touched.remove(&key(&id));
            } else {
                touched.insert(key(&id));
            }
        }
    }
    Ok(())
}

/// A row changed by someone else since the operation was staged (mapped to `409
/// transaction_conflict`).
fn stale() -> ApiError {
    ApiError::new(
        ErrorType::RowUpdateConflict,
        "Remote row is newer than local.",
    )
}

fn bulk_ids(data: &Value) -> Vec<String> {
    data.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r.get("$id").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The rows a staged bulk update/delete selects now (none when its queries are invalid:
/// the endpoint reports that).
fn selected_rows(
    tx: &Tx<'_>,
    table: &TableMeta,
    op: &NewOp,
    profile: AppwriteVersion,
) -> ApiResult<Vec<StoredRow>> {
    let raw: Vec<String> = op.data["queries"]
        .as_array()
        .map(|q| {
            q.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let Ok(plan) = parse_queries(&raw).and_then(|q| plan_rows(&q, table, profile)) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for seq in matching_seqs(&tx.sql, table, &plan)? {
        if let Some(row) = stored::find_by_seq(tx, table, seq)? {
            out.push(row);
        }
    }
    Ok(out)
}

/// The answer to a failed commit, and whether the transaction becomes `failed` (the errors
/// Appwrite's commit catches; others roll its status back to `pending`).
fn commit_error(error: ApiError, op: &NewOp) -> (ApiError, bool) {
    match error.kind {
        ErrorType::RowNotFound
        | ErrorType::ColumnNotFound
        | ErrorType::TableNotFound
        | ErrorType::DatabaseNotFound => (
            document_not_found(op.row_id.as_deref().unwrap_or("unknown")),
            true,
        ),
        ErrorType::RowAlreadyExists | ErrorType::RowUpdateConflict => (conflict(), true),
        ErrorType::RowInvalidStructure => (
            ApiError::new(ErrorType::DocumentInvalidStructure, error.message),
            true,
        ),
        ErrorType::ColumnLimitExceeded => {
            let (word, key) = if op.action == Action::Decrement {
                ("minimum", "min")
            } else {
                ("maximum", "max")
            };
            let bound = Num::from_json(&op.data[key])
                .map(Num::php_string)
                .unwrap_or_default();
            (
                ApiError::new(
                    ErrorType::AttributeLimitExceeded,
                    format!("Attribute value exceeds {word} limit: {bound}"),
                ),
                true,
            )
        }
        ErrorType::GeneralQueryInvalid => (error, true),
        _ => (error, false),
    }
}

// ----------------------------------------------------------------------------------------
// Row endpoints with `transactionId`.

/// Whether a row request names a transaction (an empty string counts as absent, as
/// utopia's router treats it).
pub(super) fn requested(params: &Params) -> bool {
    params
        .get("transactionId")
        .is_some_and(|v| v.as_str() != Some(""))
}

/// The `transactionId` parameter (`Nullable(UID)`, whose description ends "or null").
pub(super) fn transaction_param(params: &Params) -> ApiResult<String> {
    match params.get("transactionId") {
        Some(Value::String(s)) if crate::validate::ids::is_valid_id(s) => Ok(s.clone()),
        _ => Err(ApiError::param_invalid(
            "transactionId",
            &format!("{UID_DESCRIPTION} or null"),
        )),
    }
}

/// A read's own parameters, without `transactionId`.
pub(super) fn read_params(params: &Params) -> Params {
    let mut plain = Map::new();
    for name in ["queries", "total"] {
        if let Some(value) = params.get(name) {
            plain.insert(name.into(), value.clone());
        }
    }
    Params::from_map(plain)
}

/// `GET …/rows/{rowId}` with `transactionId`: the read sees the staged operations of a
/// pending transaction; any other ID reads the committed rows. (`GET …/rows` lays the
/// staged rows over the committed page instead: `transaction_list.rs`.)
pub(super) fn read(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
    endpoint: Endpoint,
) -> ApiResult<Reply> {
    let id = transaction_param(params)?;
    let plain = read_params(params);
    let txn = log::find(tx, &id)?;
    // A row only the transaction creates is read back from its staged data alone, as
    // Appwrite's `TransactionState` keeps it: no defaults, no nulls for the columns the
    // data leaves out (tour-transactions.jsonl 1.8.1 seq 1659).
    let row = path.get("rowId");
    let staged_only = match table_for(tx, ctx, path) {
        Ok(table) if !row.is_empty() && stored::find(tx, &table, row)?.is_none() => Some(table),
        _ => None,
    };
    let reply = in_view(tx, ctx, txn.as_ref(), |tx| endpoint(tx, ctx, &plain, path))?;
    Ok(match (reply, staged_only, txn.as_ref()) {
        (Reply::Json(status, mut body), Some(table), Some(txn)) => {
            match transaction_list::staged_row(tx, ctx, &table, txn, row, &plain)? {
                Some(staged) => body = staged,
                None => as_staged_only(&mut body, ctx),
            }
            Reply::Json(status, body)
        }
        (Reply::Json(status, mut body), Some(_), None) => {
            as_staged_only(&mut body, ctx);
            Reply::Json(status, body)
        }
        (other, _, _) => other,
    })
}

/// How Appwrite shows a row that exists only among a transaction's staged operations: no
/// `$createdAt`/`$updatedAt` and an empty `$sequence` (`""`, or `0` for 1.8 models), since
/// it was never written.
fn as_staged_only(row: &mut Value, ctx: &Context) {
    if let Value::Object(map) = row {
        map.remove("$createdAt");
        map.remove("$updatedAt");
        map.insert(
            "$sequence".into(),
            if ctx.format_1_9 {
                Value::String(String::new())
            } else {
                Value::from(0)
            },
        );
    }
}

/// Which checks a staging endpoint makes on the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Single-row create/update/upsert/delete and bulk create: `404 transaction_not_found`,
    /// `400 transaction_not_ready`, `410 transaction_expired`.
    Row,
    /// Increment/decrement: `400` "Invalid or non‑pending transaction", then expiry.
    Counter,
    /// Bulk update/upsert/delete: `400` "Invalid or non‑pending transaction"; no expiry.
    Bulk,
}

/// The transaction a write is staged into, with room for one more operation.
fn open_for_staging(tx: &Tx<'_>, ctx: &Context, id: &str, gate: Gate) -> ApiResult<TxnRecord> {
    let found = log::find(tx, id)?.filter(|t| visible(t, ctx));
    let txn = match gate {
        Gate::Row => {
            let txn = found.ok_or_else(|| not_found(id))?;
            if !txn.is_pending() {
                return Err(not_ready());
            }
            txn
        }
        Gate::Counter | Gate::Bulk => found
            .filter(TxnRecord::is_pending)
            .ok_or_else(non_pending)?,
    };
    if gate != Gate::Bulk && txn.is_expired() {
        return Err(expired());
    }
    check_room(&txn, 1)?;
    Ok(txn)
}

/// Stages one operation on `table` into `txn`.
fn stage(
    tx: &Tx<'_>,
    txn: &TxnRecord,
    table: &TableMeta,
    action: Action,
    row_id: Option<&str>,
    data: Value,
) -> ApiResult<()> {
    let op = NewOp {
        action,
        database_id: table.database.id.clone(),
        table_id: table.id.clone(),
        table_seq: table.seq,
        row_id: row_id.map(str::to_string),
        data,
    };
    log::append(tx, txn, &[op], 1)?;
    Ok(())
}

/// A staged single-row answer: `$id`, `$tableId`, `$databaseId`, then `fields`, with
/// `$permissions` (`[]` unless given) and an empty `$sequence` (`""`, or `0` for 1.8
/// models) when `fields` carry none.
fn mock(table: &TableMeta, id: &str, fields: &Map<String, Value>, ctx: &Context) -> Value {
    let mut out = Map::new();
    out.insert("$id".into(), Value::String(id.to_string()));
    out.insert("$tableId".into(), Value::String(table.id.clone()));
    out.insert(
        "$databaseId".into(),
        Value::String(table.database.id.clone()),
    );
    for (key, value) in fields {
        out.insert(key.clone(), value.clone());
    }
    out.insert("$id".into(), Value::String(id.to_string()));
    out.entry("$permissions")
        .or_insert_with(|| Value::Array(Vec::new()));
    out.entry("$sequence").or_insert_with(|| {
        if ctx.format_1_9 {
            Value::String(String::new())
        } else {
            Value::from(0)
        }
    });
    Value::Object(out)
}

/// Drops the keys a caller may not set: `$sequence` and the table/database IDs always,
/// `$createdAt`/`$updatedAt` for callers other than the key.
fn strip_readonly(data: &mut Map<String, Value>, ctx: &Context) {
    for key in [
        "$sequence",
        "$tableId",
        "$databaseId",
        "$collectionId",
        "$collection",
    ] {
        data.remove(key);
    }
    if !ctx.caller.is_privileged() {
        data.remove("$createdAt");
        data.remove("$updatedAt");
    }
}

/// `X-Appwrite-Timestamp` must parse even when the write is only staged.
fn check_timestamp_header(ctx: &Context) -> ApiResult<()> {
    match ctx.timestamp.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) if parse_datetime(raw).is_none() => Err(ApiError::new(
            ErrorType::GeneralArgumentInvalid,
            "Invalid X-Appwrite-Timestamp header value",
        )),
        _ => Ok(()),
    }
}

/// Row `id` as the transaction `txn_id` sees it. Unlike the direct update and delete,
/// Appwrite's transaction-aware lookup keeps the read permission on: a row the caller
/// cannot read is not found.
fn current_row(
    tx: &mut Tx<'_>,
    ctx: &Context,
    txn_id: &str,
    table: &TableMeta,
    id: &str,
) -> ApiResult<Option<StoredRow>> {
    let txn = log::find(tx, txn_id)?;
    in_view(tx, ctx, txn.as_ref(), |tx| {
        Ok(stored::find(tx, table, id)?.filter(|row| may(table, Some(row), "read", ctx)))
    })
}

/// `$permissions` inside `data`, checked and expanded.
fn data_permissions(data: &Map<String, Value>) -> ApiResult<Option<Vec<String>>> {
    data.get("$permissions")
        .filter(|v| !v.is_null())
        .map(permission_list)
        .transpose()
}

/// `POST …/rows` with `transactionId` (one row, or `rows` for the key).
pub(super) fn stage_create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let CreateParams::Single { mut data, id } = create_params(params, ctx)? else {
        return stage_bulk_create(tx, ctx, params, path, &txn_id);
    };
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    let table = table_for(tx, ctx, path)?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    if !grants(&table.permissions, "create", ctx) {
        return Err(create_denied(&table.permissions, ctx));
    }
    let permissions = match permissions {
        Some(p) => p,
        None => data_permissions(&data)?.unwrap_or_else(|| ctx.caller.default_row_permissions()),
    };
    check_grantable(&permissions, ctx)?;
    strip_readonly(&mut data, ctx);
    data.insert("$id".into(), Value::String(id.clone()));
    data.insert("$permissions".into(), json!(permissions));
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Row)?;
    stage(
        tx,
        &txn,
        &table,
        Action::Create,
        Some(&id),
        Value::Object(data.clone()),
    )?;
    Ok(Reply::created(mock(&table, &id, &data, ctx)))
}

/// `POST …/rows` with `rows` and `transactionId`.
fn stage_bulk_create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
    txn_id: &str,
) -> ApiResult<Reply> {
    super::bulk::check_create_params(params, ctx)?;
    let batch = bulk_rows(tx, ctx, params, path, "create")?;
    let (table, rows) = batch;
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Row)?;
    let total = rows.len();
    stage(
        tx,
        &txn,
        &table,
        Action::BulkCreate,
        None,
        Value::Array(rows),
    )?;
    Ok(Reply::ok(json!({ "total": total, "rows": [] })))
}

/// The table and the `rows` of a bulk create/upsert, each with its `$id` (given, or
/// generated) and checked `$permissions`.
fn bulk_rows(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
    what: &str,
) -> ApiResult<(std::sync::Arc<TableMeta>, Vec<Value>)> {
    let batch = params
        .object_list("rows", 100)?
        .ok_or_else(|| ApiError::param_missing("rows"))?;
    let table = table_for(tx, ctx, path)?;
    refuse_relationships(&table, what)?;
    let mut rows = Vec::with_capacity(batch.len());
    for mut row in batch {
        let id = match row.get("$id") {
            None | Some(Value::Null) => unique_id(),
            Some(Value::String(s)) => resolve_custom_id("$id", s)?,
            Some(_) => return Err(ApiError::param_invalid("$id", KEY_DESCRIPTION)),
        };
        if let Some(p) = data_permissions(&row)? {
            row.insert("$permissions".into(), json!(p));
        }
        strip_readonly(&mut row, ctx);
        row.insert("$id".into(), Value::String(id));
        rows.push(Value::Object(row));
    }
    Ok((table, rows))
}

fn refuse_relationships(table: &TableMeta, what: &str) -> ApiResult<()> {
    if has_relationships(table) {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            format!("Bulk {what} is not supported for tablesdb with relationship columns"),
        ));
    }
    Ok(())
}

/// Bulk update/upsert/delete are for the key: others get `404 database_not_found`, as
/// the direct endpoints answer.
fn key_only(ctx: &Context, path: &PathArgs) -> ApiResult<()> {
    if ctx.caller.is_privileged() {
        return Ok(());
    }
    let (db, _) = path_ids(path)?;
    Err(ApiError::database_not_found(db))
}

/// `PATCH …/rows/{rowId}` with `transactionId`.
pub(super) fn stage_update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let mut data = params.object("data")?.unwrap_or_default();
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    check_timestamp_header(ctx)?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    let committed = stored::find(tx, &table, id)?.is_some();
    let current =
        current_row(tx, ctx, &txn_id, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    strip_readonly(&mut data, ctx);
    if let Some(p) = &permissions {
        data.insert("$permissions".into(), json!(p));
    }
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Row)?;
    stage(
        tx,
        &txn,
        &table,
        Action::Update,
        Some(id),
        Value::Object(data.clone()),
    )?;
    let mut shown = current.render(&table, ctx.format_1_9, None);
    if !committed {
        as_staged_only(&mut shown, ctx);
    }
    let mut fields = match shown {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    fields.extend(data);
    Ok(Reply::ok(mock(&table, id, &fields, ctx)))
}

/// Upsert's `data`: an object, or a list holding one (several → `row_missing_payload`).
fn upsert_data(params: &Params) -> ApiResult<Map<String, Value>> {
    match params.get("data") {
        Some(Value::Array(items)) if items.len() > 1 => Err(missing_payload()),
        Some(Value::Array(items)) => match items.first() {
            Some(Value::Object(map)) => Ok(map.clone()),
            None => Ok(Map::new()),
            Some(_) => Err(ApiError::param_invalid(
                "data",
                "Value must be a valid JSON string",
            )),
        },
        _ => Ok(params.object("data")?.unwrap_or_default()),
    }
}

/// `PUT …/rows/{rowId}` with `transactionId`: answers `201`, as Appwrite's staging branch.
pub(super) fn stage_upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let mut data = upsert_data(params)?;
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    check_timestamp_header(ctx)?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    // Omitted permissions: the row's own (as the transaction sees it), else the defaults.
    let permissions = match permissions.map_or_else(|| data_permissions(&data), |p| Ok(Some(p)))? {
        Some(p) => p,
        None => match current_row(tx, ctx, &txn_id, &table, id)? {
            Some(row) => row.permissions,
            None => ctx.caller.default_row_permissions(),
        },
    };
    check_grantable(&permissions, ctx)?;
    strip_readonly(&mut data, ctx);
    data.insert("$id".into(), Value::String(id.to_string()));
    data.insert("$permissions".into(), json!(permissions));
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Row)?;
    stage(
        tx,
        &txn,
        &table,
        Action::Upsert,
        Some(id),
        Value::Object(data.clone()),
    )?;
    Ok(Reply::created(mock(&table, id, &data, ctx)))
}

/// `DELETE …/rows/{rowId}` with `transactionId`.
pub(super) fn stage_delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    check_timestamp_header(ctx)?;
    let table = table_for(tx, ctx, path)?;
    current_row(tx, ctx, &txn_id, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Row)?;
    stage(tx, &txn, &table, Action::Delete, Some(id), json!({}))?;
    Ok(Reply::NoContent)
}

/// `PATCH …/rows/{rowId}/{column}/increment` with `transactionId`.
pub(super) fn stage_increment(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    stage_counter(tx, ctx, params, path, Action::Increment)
}

/// `PATCH …/rows/{rowId}/{column}/decrement` with `transactionId`.
pub(super) fn stage_decrement(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    stage_counter(tx, ctx, params, path, Action::Decrement)
}

/// A `Numeric` body parameter as JSON (PHP passes it on as an `int|float`).
fn numeric_json(params: &Params, name: &str, nullable: bool) -> ApiResult<Option<Value>> {
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    match Num::from_json(value) {
        Some(Num::Int(i)) => Ok(Some(json!(i))),
        Some(Num::Float(f)) => Ok(Some(json_number(f))),
        None => Err(ApiError::param_invalid(
            name,
            if nullable {
                "Value must be a valid number or null"
            } else {
                "Value must be a valid number"
            },
        )),
    }
}

/// Staged increments check nothing but the table and the transaction: the column, the
/// row and the value are checked at commit (as on Appwrite).
fn stage_counter(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
    action: Action,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let (db, table_id) = path_ids(path)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let column = path.get("column");
    check_key("column", column)?;
    let value = numeric_json(params, "value", false)?.unwrap_or_else(|| json!(1));
    let bound_name = if action == Action::Increment {
        "max"
    } else {
        "min"
    };
    let bound = numeric_json(params, bound_name, true)?.unwrap_or(Value::Null);
    let table = catalog::table(tx, db, table_id)?;
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Counter)?;
    let data = json!({ "column": column, "value": value, bound_name: bound });
    stage(tx, &txn, &table, action, Some(id), data)?;
    let mut fields = Map::new();
    fields.insert(column.to_string(), value);
    let mut answer = mock(&table, id, &fields, ctx);
    // A staged increment or decrement answers without `$permissions`.
    if let Some(fields) = answer.as_object_mut() {
        fields.remove("$permissions");
    }
    Ok(Reply::ok(answer))
}

/// `PATCH …/rows` with `transactionId`: answers `{total: 0, rows: []}`.
pub(super) fn stage_bulk_update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let mut data = params.object("data")?.unwrap_or_default();
    if data.is_empty() {
        return Err(missing_payload());
    }
    let queries = params.queries()?;
    key_only(ctx, path)?;
    if let Some(p) = data.get("$permissions") {
        permission_list(p).map_err(|e| ApiError::new(ErrorType::GeneralBadRequest, e.message))?;
    }
    let table = table_for(tx, ctx, path)?;
    refuse_relationships(&table, "update")?;
    parse_queries(&queries)?;
    strip_readonly(&mut data, ctx);
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Bulk)?;
    let staged = json!({ "data": data, "queries": queries });
    stage(tx, &txn, &table, Action::BulkUpdate, None, staged)?;
    Ok(Reply::ok(json!({ "total": 0, "rows": [] })))
}

/// `PUT …/rows` with `transactionId`: answers `{total: n, rows: []}`.
pub(super) fn stage_bulk_upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    params
        .object_list("rows", 100)?
        .ok_or_else(|| ApiError::param_missing("rows"))?;
    key_only(ctx, path)?;
    let (table, rows) = bulk_rows(tx, ctx, params, path, "upsert")?;
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Bulk)?;
    let total = rows.len();
    stage(
        tx,
        &txn,
        &table,
        Action::BulkUpsert,
        None,
        Value::Array(rows),
    )?;
    Ok(Reply::ok(json!({ "total": total, "rows": [] })))
}

/// `DELETE …/rows` with `transactionId`: answers `{total: 0, rows: []}`.
pub(super) fn stage_bulk_delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let txn_id = transaction_param(params)?;
    let queries = params.queries()?;
    key_only(ctx, path)?;
    let table = table_for(tx, ctx, path)?;
    refuse_relationships(&table, "delete")?;
    parse_queries(&queries)?;
    let txn = open_for_staging(tx, ctx, &txn_id, Gate::Bulk)?;
    stage(
        tx,
        &txn,
        &table,
        Action::BulkDelete,
        None,
        json!({ "queries": queries }),
    )?;
    Ok(Reply::ok(json!({ "total": 0, "rows": [] })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn description(op: Value) -> String {
        validate_operation(&op).unwrap_err()
    }

    #[test]
    fn operation_validator_messages() {
        assert_eq!(description(json!([1])), "Value must be an array");
        assert_eq!(
            description(json!({"action": "create", "tableId": "t"})),
            "Missing required key: databaseId"
        );
        assert_eq!(
            description(json!({"databaseId": "db", "action": "create", "tableId": " "})),
            "Key 'tableId' must be a non\u{2011}empty string"
        );
        assert!(
            description(json!({"databaseId": "db", "action": "nope", "tableId": "t"}))
                .starts_with("Key 'action' must be one of: create, update, upsert, delete,")
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "update", "tableId": "t", "data": {}})
            ),
            "Key 'rowId' is required for action 'update'"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "create", "tableId": "t", "rowId": "r"})
            ),
            "Missing required key: data"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "bulkDelete", "tableId": "t", "data": {}})
            ),
            "Key 'queries' is required in data for bulkDelete"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "bulkUpdate", "tableId": "t", "data": {"queries": []}})
            ),
            "Key 'data' is required in data for bulkUpdate"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "increment", "tableId": "t", "rowId": "r", "data": {"column": "n", "value": "x"}})
            ),
            "Key 'value' must be a numeric value for increment"
        );
        assert!(
            validate_operation(
                &json!({"databaseId": "db", "action": "delete", "tableId": "t", "rowId": "r"})
            )
            .is_ok()
        );
    }

    #[test]
    fn bulk_ids_are_assigned_once() {
        let mut data = json!([{"$id": "a"}, {"$id": "unique()"}, {"n": 1}]);
        assign_bulk_ids(&mut data);
        let ids = bulk_ids(&data);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], "a");
        assert!(ids[1..].iter().all(|id| id.len() == 20 && id != "unique()"));
    }
}
