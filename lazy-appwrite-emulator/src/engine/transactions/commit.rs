//! Replaying staged operations: a commit applies them all or nothing; a read-your-writes
//! view applies them and undoes them after the read.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::*;
use crate::engine::number::Num;
use crate::engine::rows::{self, bulk, counters};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::Endpoint;
use crate::http::auth::{Caller, Context};
use crate::http::ids::{COUNTER_PATH, IdParam, ROW_PATH, RawPath, TABLE_PATH};
use crate::http::params::Params;
use crate::http::reads::{ReadParam, ReadParams};
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::writes::{ROW_UPDATE, ROW_UPSERT, WriteBody, WriteParam};
use crate::profile::AppwriteVersion;
use crate::query::execute::matching_seqs;
use crate::query::plan::{parse_queries, plan_rows};
use crate::schema::TableMeta;
use crate::store::rows::{self as stored, StoredRow};
use crate::store::transactions::{self as log, Action, NewOp, StagedOp, TxnRecord};
use crate::store::{Tx, catalog};
use crate::validate::ids::unique_id;

pub fn savepoint(tx: &Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql.execute_batch(&format!("SAVEPOINT {name}"))?;
    Ok(())
}

pub fn release(tx: &Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql.execute_batch(&format!("RELEASE {name}"))?;
    Ok(())
}

/// Undoes everything since savepoint `name` and ends it. Cached table definitions are
/// dropped: a column or index that settled inside the savepoint is unsettled again.
pub fn rollback_to(tx: &mut Tx<'_>, name: &str) -> ApiResult<()> {
    tx.sql
        .execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"))?;
    tx.schema_changed();
    Ok(())
}

/// The table `op` was staged for; `404 table_not_found` when it is gone or was re-created.
pub fn staged_table(tx: &mut Tx<'_>, op: &NewOp) -> ApiResult<std::sync::Arc<TableMeta>> {
    let table = catalog::table(tx, &op.database_id, &op.table_id)?;
    if table.seq != op.table_seq {
        return Err(ApiError::table_not_found(&op.table_id));
    }
    Ok(table)
}

pub fn data_object(op: &NewOp) -> Map<String, Value> {
    op.data.as_object().cloned().unwrap_or_default()
}

/// Applies one staged operation through the row endpoint that does it directly, as `ctx`;
/// `at`, when given, is sent as `X-Appwrite-Timestamp`.
pub fn replay(tx: &mut Tx<'_>, ctx: &Context, op: &NewOp, at: Option<String>) -> ApiResult<()> {
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
            rows::write::create
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
                rows::write::update
            } else {
                rows::write::upsert
            }
        }
        Action::Delete => rows::write::delete,
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
    // The path and body the endpoint would have been called with, checked as its route
    // checks them.
    let params = Params::from_map(body);
    let mut request = CheckedRequest::check(
        replayed_path(op.action),
        &RawPath(path),
        &params,
        ctx.profile,
    )?;
    request.reads = ReadParams::check(replayed_reads(op.action), &params, ctx.profile)?;
    request.write = WriteBody::check(replayed_body(op.action), &params)?;
    endpoint(tx, &ctx, &request).map(|_| ())
}

/// The path parameters of the route that does `action` directly.
fn replayed_path(action: Action) -> &'static [IdParam] {
    match action {
        Action::Update | Action::Upsert | Action::Delete => ROW_PATH,
        Action::Increment | Action::Decrement => COUNTER_PATH,
        Action::Create
        | Action::BulkCreate
        | Action::BulkUpsert
        | Action::BulkUpdate
        | Action::BulkDelete => TABLE_PATH,
    }
}

/// The read parameters of the route that does `action` directly.
fn replayed_reads(action: Action) -> &'static [ReadParam] {
    match action {
        Action::BulkDelete => &[ReadParam::Queries],
        _ => &[],
    }
}

/// The row-write body of the route that does `action` directly.
fn replayed_body(action: Action) -> &'static [WriteParam] {
    match action {
        Action::Update => ROW_UPDATE,
        Action::Upsert => ROW_UPSERT,
        _ => &[],
    }
}

/// Runs `read` on the database as the staged operations of `txn` (when it is pending)
/// would leave it, then undoes them. Operations that fail are skipped.
pub fn in_view<T>(
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
pub type Touched = HashSet<(i64, String)>;

/// Commits `txn`: every staged operation in order, all or nothing.
pub fn apply_all(tx: &mut Tx<'_>, ctx: &Context, txn: &TxnRecord) -> ApiResult<Reply> {
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
pub fn commit_one(
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
                        return Err(catalogue::row_newer_than_request());
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
                return Err(catalogue::row_newer_than_request());
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

pub fn bulk_ids(data: &Value) -> Vec<String> {
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
pub fn selected_rows(
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
pub fn commit_error(error: ApiError, op: &NewOp) -> (ApiError, bool) {
    match error.kind {
        ErrorType::RowNotFound
        | ErrorType::ColumnNotFound
        | ErrorType::TableNotFound
        | ErrorType::DatabaseNotFound => (
            catalogue::document_not_found(op.row_id.as_deref().unwrap_or("unknown")),
            true,
        ),
        ErrorType::RowAlreadyExists | ErrorType::RowUpdateConflict => {
            (catalogue::transaction_conflict(), true)
        }
        ErrorType::RowInvalidStructure => {
            (catalogue::document_invalid_structure(error.message), true)
        }
        ErrorType::ColumnLimitExceeded => {
            let (word, key) = if op.action == Action::Decrement {
                ("minimum", "min")
            } else {
                ("maximum", "max")
            };
            let bound = Num::from_json(&op.data[key])
                .map(Num::php_string)
                .unwrap_or_default();
            (catalogue::attribute_limit(word, &bound), true)
        }
        ErrorType::GeneralQueryInvalid => (error, true),
        _ => (error, false),
    }
}
