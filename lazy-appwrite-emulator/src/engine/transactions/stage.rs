//! Row writes that carry `transactionId`: staged into the transaction, answered with
//! mocks.

use serde_json::{Map, Value, json};

use super::operations::has_relationships;
use super::read::as_staged_only;
use super::*;
use crate::engine::access::{check_grantable, create_denied, grants, may};
use crate::engine::number::Num;
use crate::engine::rows::bulk::key_only;
use crate::engine::rows::{CreateParams, bulk, create_params, missing_payload, table_for};
use crate::error::catalogue;
use crate::error::catalogue::validators;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::writes::{WriteBody, permission_list};
use crate::query::plan::parse_queries;
use crate::schema::{TableMeta, json_number};
use crate::store::rows::{self as stored, StoredRow};
use crate::store::transactions::{self as log, Action, NewOp, TxnRecord};
use crate::store::{Tx, catalog};
use crate::validate::datetime::parse_datetime;
use crate::validate::ids::{KEY_DESCRIPTION, resolve_custom_id, unique_id};

/// Which checks a staging endpoint makes on the transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Single-row create/update/upsert/delete and bulk create: `404 transaction_not_found`,
    /// `400 transaction_not_ready`, `410 transaction_expired`.
    Row,
    /// Increment/decrement: `400` "Invalid or non‑pending transaction", then expiry.
    Counter,
    /// Bulk update/upsert/delete: `400` "Invalid or non‑pending transaction"; no expiry.
    Bulk,
}

/// The transaction a write is staged into, with room for one more operation.
pub fn open_for_staging(tx: &Tx<'_>, ctx: &Context, id: &str, gate: Gate) -> ApiResult<TxnRecord> {
    let found = log::find(tx, id)?.filter(|t| visible(t, ctx));
    let txn = match gate {
        Gate::Row => {
            let txn = found.ok_or_else(|| catalogue::transaction_not_found(id))?;
            if !txn.is_pending() {
                return Err(catalogue::transaction_not_ready());
            }
            txn
        }
        Gate::Counter | Gate::Bulk => found
            .filter(TxnRecord::is_pending)
            .ok_or_else(catalogue::transaction_not_pending)?,
    };
    if gate != Gate::Bulk && txn.is_expired() {
        return Err(catalogue::transaction_expired());
    }
    check_room(&txn, 1)?;
    Ok(txn)
}

/// Stages one operation on `table` into `txn`.
pub fn stage(
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
pub fn mock(table: &TableMeta, id: &str, fields: &Map<String, Value>, ctx: &Context) -> Value {
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
pub fn strip_readonly(data: &mut Map<String, Value>, ctx: &Context) {
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
pub fn check_timestamp_header(ctx: &Context) -> ApiResult<()> {
    match ctx.timestamp.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) if parse_datetime(raw).is_none() => Err(catalogue::invalid_timestamp_header()),
        _ => Ok(()),
    }
}

/// Row `id` as the transaction `txn_id` sees it. Unlike the direct update and delete,
/// Appwrite's transaction-aware lookup keeps the read permission on: a row the caller
/// cannot read is not found.
pub fn current_row(
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
pub fn data_permissions(data: &Map<String, Value>) -> ApiResult<Option<Vec<String>>> {
    data.get("$permissions")
        .filter(|v| !v.is_null())
        .map(permission_list)
        .transpose()
}

/// `POST …/rows` with `transactionId` (one row, or `rows` for the key).
pub fn stage_create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let params = request.params();
    let txn_id = request.transaction.as_str();
    let CreateParams::Single { mut data, id } = create_params(params, ctx)? else {
        return stage_bulk_create(tx, ctx, request, txn_id);
    };
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    let table = table_for(tx, ctx, request)?;
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
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Row)?;
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
pub fn stage_bulk_create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    txn_id: &str,
) -> ApiResult<Reply> {
    let params = request.params();
    bulk::check_create_params(params, ctx)?;
    let batch = bulk_rows(tx, ctx, request, "create")?;
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
pub fn bulk_rows(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    what: &str,
) -> ApiResult<(std::sync::Arc<TableMeta>, Vec<Value>)> {
    let params = request.params();
    let batch = params
        .object_list("rows", 100)?
        .ok_or_else(|| ApiError::param_missing("rows"))?;
    let table = table_for(tx, ctx, request)?;
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

pub fn refuse_relationships(table: &TableMeta, what: &str) -> ApiResult<()> {
    if has_relationships(table) {
        return Err(catalogue::staged_bulk_with_relationships(what));
    }
    Ok(())
}

/// `PATCH …/rows/{rowId}` with `transactionId`.
pub fn stage_update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let txn_id = request.transaction.as_str();
    let id = request.row.as_str();
    check_timestamp_header(ctx)?;
    if request.write.is_empty() {
        return Err(missing_payload());
    }
    let WriteBody {
        mut data,
        permissions,
    } = request.write.clone();
    let table = table_for(tx, ctx, request)?;
    let committed = stored::find(tx, &table, id)?.is_some();
    let current =
        current_row(tx, ctx, txn_id, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    strip_readonly(&mut data, ctx);
    if let Some(p) = &permissions {
        data.insert("$permissions".into(), json!(p));
    }
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Row)?;
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

/// `PUT …/rows/{rowId}` with `transactionId`: answers `201`, as Appwrite's staging branch.
pub fn stage_upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let txn_id = request.transaction.as_str();
    let id = request.row.as_str();
    check_timestamp_header(ctx)?;
    if request.write.is_empty() {
        return Err(missing_payload());
    }
    let WriteBody {
        mut data,
        permissions,
    } = request.write.clone();
    let table = table_for(tx, ctx, request)?;
    // Omitted permissions: the row's own (as the transaction sees it), else the defaults.
    let permissions = match permissions.map_or_else(|| data_permissions(&data), |p| Ok(Some(p)))? {
        Some(p) => p,
        None => match current_row(tx, ctx, txn_id, &table, id)? {
            Some(row) => row.permissions,
            None => ctx.caller.default_row_permissions(),
        },
    };
    check_grantable(&permissions, ctx)?;
    strip_readonly(&mut data, ctx);
    data.insert("$id".into(), Value::String(id.to_string()));
    data.insert("$permissions".into(), json!(permissions));
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Row)?;
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
pub fn stage_delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let txn_id = request.transaction.as_str();
    let id = request.row.as_str();
    check_timestamp_header(ctx)?;
    let table = table_for(tx, ctx, request)?;
    current_row(tx, ctx, txn_id, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Row)?;
    stage(tx, &txn, &table, Action::Delete, Some(id), json!({}))?;
    Ok(Reply::NoContent)
}

/// `PATCH …/rows/{rowId}/{column}/increment` with `transactionId`.
pub fn stage_increment(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    stage_counter(tx, ctx, request, Action::Increment)
}

/// `PATCH …/rows/{rowId}/{column}/decrement` with `transactionId`.
pub fn stage_decrement(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    stage_counter(tx, ctx, request, Action::Decrement)
}

/// A `Numeric` body parameter as JSON (PHP passes it on as an `int|float`).
pub fn numeric_json(params: &Params, name: &str, nullable: bool) -> ApiResult<Option<Value>> {
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    match Num::from_json(value) {
        Some(Num::Int(i)) => Ok(Some(json!(i))),
        Some(Num::Float(f)) => Ok(Some(json_number(f))),
        None => Err(ApiError::param_invalid(
            name,
            &if nullable {
                validators::or_null(validators::number())
            } else {
                validators::number().to_owned()
            },
        )),
    }
}

/// Staged increments check nothing but the table and the transaction: the column, the
/// row and the value are checked at commit (as on Appwrite).
pub fn stage_counter(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    action: Action,
) -> ApiResult<Reply> {
    let params = request.params();
    let txn_id = request.transaction.as_str();
    let (db, table_id) = (request.database.as_str(), request.table.as_str());
    let id = request.row.as_str();
    let column = request.column.as_str();
    let value = numeric_json(params, "value", false)?.unwrap_or_else(|| json!(1));
    let bound_name = if action == Action::Increment {
        "max"
    } else {
        "min"
    };
    let bound = numeric_json(params, bound_name, true)?.unwrap_or(Value::Null);
    let table = catalog::table(tx, db, table_id)?;
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Counter)?;
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
pub fn stage_bulk_update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let params = request.params();
    let txn_id = request.transaction.as_str();
    let mut data = params.object("data")?.unwrap_or_default();
    if data.is_empty() {
        return Err(missing_payload());
    }
    let queries = params.queries()?;
    key_only(ctx, request)?;
    if let Some(p) = data.get("$permissions") {
        permission_list(p).map_err(|e| catalogue::bad_request(e.message))?;
    }
    let table = table_for(tx, ctx, request)?;
    refuse_relationships(&table, "update")?;
    parse_queries(&queries)?;
    strip_readonly(&mut data, ctx);
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Bulk)?;
    let staged = json!({ "data": data, "queries": queries });
    stage(tx, &txn, &table, Action::BulkUpdate, None, staged)?;
    Ok(Reply::ok(json!({ "total": 0, "rows": [] })))
}

/// `PUT …/rows` with `transactionId`: answers `{total: n, rows: []}`.
pub fn stage_bulk_upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let params = request.params();
    let txn_id = request.transaction.as_str();
    params
        .object_list("rows", 100)?
        .ok_or_else(|| ApiError::param_missing("rows"))?;
    key_only(ctx, request)?;
    let (table, rows) = bulk_rows(tx, ctx, request, "upsert")?;
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Bulk)?;
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
pub fn stage_bulk_delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let txn_id = request.transaction.as_str();
    let queries = &request.reads.queries;
    key_only(ctx, request)?;
    let table = table_for(tx, ctx, request)?;
    refuse_relationships(&table, "delete")?;
    parse_queries(queries)?;
    let txn = open_for_staging(tx, ctx, txn_id, Gate::Bulk)?;
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
