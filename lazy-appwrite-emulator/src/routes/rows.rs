//! `…/tables/{tableId}/rows`: single-row CRUD and lists (TABLESDB.md §4.5).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::PathArgs;
use super::row_data::{SystemFields, encode_row, permission_list, take_system_fields};
use super::tables::path_ids;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::query::execute::list_rows;
use crate::query::plan::{parse_queries, plan_get, plan_rows};
use crate::schema::TableMeta;
use crate::store::rows::{RowWrite, StoredRow, read_row};
use crate::store::{Tx, catalog, rows};
use crate::validate::datetime::{now, parse_datetime};
use crate::validate::ids::{KEY_DESCRIPTION, check_uid, resolve_custom_id};

/// The table of a row route, hidden from non-key callers when it or its database is disabled.
pub(super) fn table_for(
    tx: &mut Tx<'_>,
    ctx: &Context,
    path: &PathArgs,
) -> ApiResult<Arc<TableMeta>> {
    let (db, table_id) = path_ids(path)?;
    let table = catalog::table(tx, db, table_id)?;
    if !ctx.caller.is_privileged() {
        if !table.database.enabled {
            return Err(ApiError::database_not_found(db));
        }
        if !table.enabled {
            return Err(ApiError::table_not_found(table_id));
        }
    }
    Ok(table)
}

/// Whether `permissions` grant `action` to any of the caller's roles.
pub(super) fn grants(permissions: &[String], action: &str, ctx: &Context) -> bool {
    ctx.caller.is_privileged()
        || ctx.caller.roles().iter().any(|role| {
            permissions
                .iter()
                .any(|p| *p == format!("{action}(\"{role}\")"))
        })
}

/// Whether the caller may `action` on `row`: by table permission, or by row permission
/// when row security is on.
pub(super) fn may(table: &TableMeta, row: Option<&StoredRow>, action: &str, ctx: &Context) -> bool {
    grants(&table.permissions, action, ctx)
        || (table.row_security && row.is_some_and(|r| grants(&r.permissions, action, ctx)))
}

/// Non-key callers may only grant roles they hold.
pub(super) fn check_grantable(permissions: &[String], ctx: &Context) -> ApiResult<()> {
    if ctx.caller.is_privileged() {
        return Ok(());
    }
    let roles = ctx.caller.roles();
    for p in permissions {
        let held = roles.iter().any(|r| p.ends_with(&format!("(\"{r}\")")));
        if !held {
            let list = roles
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ApiError::new(
                ErrorType::UserUnauthorized,
                format!("Permissions must be one of: ({list})"),
            ));
        }
    }
    Ok(())
}

/// Refuses the write when `X-Appwrite-Timestamp` is older than the row's `$updatedAt`.
fn check_timestamp(row: &StoredRow, ctx: &Context) -> ApiResult<()> {
    let Some(raw) = &ctx.timestamp else {
        return Ok(());
    };
    let Some(at) = parse_datetime(raw) else {
        return Err(ApiError::new(
            ErrorType::GeneralArgumentInvalid,
            "Invalid X-Appwrite-Timestamp header value",
        ));
    };
    if row.updated_at > at {
        return Err(ApiError::new(
            ErrorType::RowUpdateConflict,
            "Remote row is newer than local.",
        ));
    }
    Ok(())
}

fn data_param(params: &Params) -> ApiResult<Option<Map<String, Value>>> {
    params.object("data")
}

fn reply_row(
    tx: &Tx<'_>,
    table: &TableMeta,
    id: &str,
    ctx: &Context,
    status: u16,
) -> ApiResult<Reply> {
    let row = rows::find(tx, table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    Ok(Reply::Json(status, row.render(table, ctx.format_1_9, None)))
}

/// `GET …/rows`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, params: &Params, path: &PathArgs) -> ApiResult<Reply> {
    let table = table_for(tx, ctx, path)?;
    let queries = parse_queries(&params.queries()?)?;
    let count_total = params.bool_loose("total")?.unwrap_or(true);
    let mut plan = plan_rows(&queries, &table)?;
    if !grants(&table.permissions, "read", ctx) {
        if !table.row_security {
            return Err(ApiError::unauthorized());
        }
        // Row security: only rows whose own permissions let the caller read them.
        plan.any_permission = Some(
            ctx.caller
                .roles()
                .iter()
                .map(|r| format!("read(\"{r}\")"))
                .collect(),
        );
    }
    let mut items = Vec::new();
    let total = list_rows(&tx.sql, &table, &plan, count_total, &mut |row| {
        items.push(read_row(&table, row)?.render(&table, ctx.format_1_9, plan.select.as_deref()));
        Ok(())
    })?;
    let mut out = Map::new();
    out.insert("total".into(), Value::from(total));
    out.insert("rows".into(), Value::Array(items));
    Ok(Reply::ok(Value::Object(out)))
}

/// `GET …/rows/{rowId}`: unreadable rows are `404`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, params: &Params, path: &PathArgs) -> ApiResult<Reply> {
    let table = table_for(tx, ctx, path)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let queries = parse_queries(&params.queries()?)?;
    let plan = plan_get(&queries, &table)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "read", ctx) {
        return Err(ApiError::row_not_found(id));
    }
    Ok(Reply::ok(row.render(
        &table,
        ctx.format_1_9,
        plan.select.as_deref(),
    )))
}

/// `POST …/rows`: one row (`rowId` + `data`); bulk `rows` comes with the complete emulator.
pub fn create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let data = data_param(params)?.filter(|d| !d.is_empty());
    let bulk = params
        .get("rows")
        .is_some_and(|r| r.as_array().is_some_and(|a| !a.is_empty()));
    if data.is_some() && bulk {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            "You can only send one of the following parameters: data, rows",
        ));
    }
    if bulk {
        return super::bulk::create(tx, ctx, params, path);
    }
    let Some(mut data) = data else {
        return Err(ApiError::new(
            ErrorType::RowMissingData,
            "The row data is missing. Try again with row data populated.",
        ));
    };
    let id = match params.get("rowId") {
        Some(Value::String(s)) => resolve_custom_id("rowId", s)?,
        Some(_) => return Err(ApiError::param_invalid("rowId", KEY_DESCRIPTION)),
        None => {
            return Err(ApiError::new(
                ErrorType::RowMissingData,
                "Row ID is required when creating a single row.",
            ));
        }
    };
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    let table = table_for(tx, ctx, path)?;
    if !grants(&table.permissions, "create", ctx) {
        return Err(ApiError::unauthorized());
    }
    insert_row(tx, &table, ctx, &id, &mut data, permissions)?;
    reply_row(tx, &table, &id, ctx, 201)
}

pub(super) fn insert_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    id: &str,
    data: &mut Map<String, Value>,
    permissions: Option<Vec<String>>,
) -> ApiResult<()> {
    let system = take_system_fields(data, ctx)?;
    let permissions = permissions.or(system.permissions).unwrap_or_default();
    check_grantable(&permissions, ctx)?;
    let values = encode_row(table, data)?;
    let at = now();
    let created_at = system.created_at.unwrap_or_else(|| at.clone());
    let updated_at = system.updated_at.unwrap_or(at);
    let write = RowWrite {
        id,
        created_at: &created_at,
        updated_at: &updated_at,
        permissions: &permissions,
        values,
    };
    rows::insert(tx, table, &write)?;
    Ok(())
}

/// Merges `data` into `row` and writes it back; `$updatedAt` moves only when something
/// changed. Returns whether anything changed.
pub(super) fn merge_and_write(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    row: &StoredRow,
    mut data: Map<String, Value>,
    permissions: Option<Vec<String>>,
) -> ApiResult<bool> {
    let system: SystemFields = take_system_fields(&mut data, ctx)?;
    let permissions = permissions.or(system.permissions);
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    let mut merged = row.values.clone();
    for (key, value) in data {
        merged.insert(key, value);
    }
    let values = encode_row(table, &merged)?;
    let permissions = permissions.unwrap_or_else(|| row.permissions.clone());
    let unchanged = {
        let old = encode_row(table, &row.values).ok();
        old.as_ref() == Some(&values) && permissions == row.permissions
    };
    let updated_at = match (&system.updated_at, unchanged) {
        (Some(at), _) => at.clone(),
        (None, true) => row.updated_at.clone(),
        (None, false) => now(),
    };
    let created_at = system.created_at.unwrap_or_else(|| row.created_at.clone());
    let write = RowWrite {
        id: &row.id,
        created_at: &created_at,
        updated_at: &updated_at,
        permissions: &permissions,
        values,
    };
    rows::update(tx, table, row.seq, &write)?;
    Ok(!unchanged)
}

/// `PATCH …/rows/{rowId}`: a merge; empty `data` and no `permissions` is refused.
pub fn update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let data = data_param(params)?.unwrap_or_default();
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    merge_and_write(tx, &table, ctx, &row, data, permissions)?;
    reply_row(tx, &table, &row.id, ctx, 200)
}

/// `400 row_missing_payload`.
pub(super) fn missing_payload() -> ApiError {
    ApiError::new(
        ErrorType::RowMissingPayload,
        "The row data and permissions are missing. You must provide either row data or permissions to be updated.",
    )
}

/// Upsert's `data`: an object (or JSON string); a list of one object counts as that
/// object, a list of several is `row_missing_payload` as on the real server.
fn upsert_data(params: &Params) -> ApiResult<Map<String, Value>> {
    match params.get("data") {
        Some(Value::Array(items)) if items.len() > 1 => Err(missing_payload()),
        Some(Value::Array(items)) => match items.first() {
            Some(Value::Object(map)) => Ok(map.clone()),
            None => Ok(Map::new()),
            Some(_) => Err(ApiError::param_invalid(
                "data",
                "Value must be a valid JSON object",
            )),
        },
        _ => Ok(data_param(params)?.unwrap_or_default()),
    }
}

/// `PUT …/rows/{rowId}`: updates (merging) when the row exists, creates it otherwise.
/// Answers `200` in both cases, as the real server does.
pub fn upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let mut data = upsert_data(params)?;
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    match rows::find(tx, &table, id)? {
        Some(row) => {
            if !may(&table, Some(&row), "update", ctx) {
                return Err(ApiError::unauthorized());
            }
            check_timestamp(&row, ctx)?;
            merge_and_write(tx, &table, ctx, &row, data, permissions)?;
            reply_row(tx, &table, &row.id, ctx, 200)
        }
        None => {
            if !grants(&table.permissions, "create", ctx) {
                return Err(ApiError::unauthorized());
            }
            insert_row(tx, &table, ctx, id, &mut data, permissions)?;
            reply_row(tx, &table, id, ctx, 200)
        }
    }
}

/// `DELETE …/rows/{rowId}`.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, _: &Params, path: &PathArgs) -> ApiResult<Reply> {
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let table = table_for(tx, ctx, path)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    rows::delete(tx, &table, row.seq)?;
    Ok(Reply::NoContent)
}
