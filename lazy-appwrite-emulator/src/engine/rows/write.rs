//! Single-row writes: `POST`, `PATCH`, `PUT` and `DELETE …/rows/{rowId}` (a `POST` with
//! `rows` goes to [`super::bulk`]).

use super::{
    CreateParams, check_timestamp, create_params, insert_row, merge_and_write, missing_payload,
    reply_inserted, reply_row, request_timestamp, table_for,
};
use crate::engine::access::{check_grantable, create_denied, grants, may, may_update};
use crate::engine::row_data::check_upsert_carries_required;
use crate::engine::{operators, relationships};
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::writes::{WriteBody, permission_list};
use crate::store::{Tx, rows};
use crate::validate::datetime::now;

/// `POST …/rows`: one row (`rowId` + `data`); bulk `rows` comes with the complete emulator.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let CreateParams::Single { mut data, id } = create_params(params, ctx)? else {
        return super::bulk::create(tx, ctx, request);
    };
    // A single create takes its permissions from `permissions` only: `$permissions` in
    // `data` is dropped (bulk rows do read theirs).
    data.remove("$permissions");
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    let table = table_for(tx, ctx, request)?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    if !grants(&table.permissions, "create", ctx) {
        return Err(create_denied(&table.permissions, ctx));
    }
    relationships::check_create(tx, ctx, &table, &data)?;
    let sent: Vec<String> = data.keys().cloned().collect();
    let inserted = insert_row(tx, &table, ctx, &id, &mut data, permissions, &now())?;
    reply_inserted(tx, &table, inserted, &id, ctx, 201, &sent)
}

/// `PATCH …/rows/{rowId}`: a merge; empty `data` and no `permissions` is refused.
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.row.as_str();
    request_timestamp(ctx)?;
    if request.write.is_empty() {
        return Err(missing_payload());
    }
    let WriteBody { data, permissions } = request.write.clone();
    let table = table_for(tx, ctx, request)?;
    operators::check_syntax(&table, &data)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    if !may_update(&table, &row, &data, permissions.as_deref(), ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    let sent: Vec<String> = data.keys().cloned().collect();
    merge_and_write(tx, &table, ctx, &row, data, permissions, &now())?;
    reply_row(tx, &table, &row.id, ctx, 200, &sent)
}

/// `PUT …/rows/{rowId}`: updates (merging) when the row exists, creates it otherwise.
/// Answers `200` in both cases, as the real server does.
pub fn upsert(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.row.as_str();
    request_timestamp(ctx)?;
    if request.write.is_empty() {
        return Err(missing_payload());
    }
    let WriteBody {
        mut data,
        permissions,
    } = request.write.clone();
    let table = table_for(tx, ctx, request)?;
    operators::check_syntax(&table, &data)?;
    match rows::find(tx, &table, id)? {
        Some(row) => {
            // Appwrite checks the kept permissions too when `permissions` is omitted.
            check_grantable(permissions.as_ref().unwrap_or(&row.permissions), ctx)?;
            if !may_update(&table, &row, &data, permissions.as_deref(), ctx) {
                return Err(ApiError::unauthorized());
            }
            if ctx.profile.upsert_checks_timestamp() {
                check_timestamp(&row, ctx)?;
            }
            check_upsert_carries_required(&table, &data)?;
            let sent: Vec<String> = data.keys().cloned().collect();
            merge_and_write(tx, &table, ctx, &row, data, permissions, &now())?;
            reply_row(tx, &table, &row.id, ctx, 200, &sent)
        }
        None => {
            if !grants(&table.permissions, "create", ctx) {
                return Err(ApiError::unauthorized());
            }
            operators::apply(&table, None, &mut data, false)?;
            let sent: Vec<String> = data.keys().cloned().collect();
            let inserted = insert_row(tx, &table, ctx, id, &mut data, permissions, &now())?;
            reply_inserted(tx, &table, inserted, id, ctx, 200, &sent)
        }
    }
}

/// `DELETE …/rows/{rowId}`.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.row.as_str();
    request_timestamp(ctx)?;
    let table = table_for(tx, ctx, request)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    relationships::before_delete(tx, ctx, &table, &row)?;
    rows::delete(tx, &table, row.seq)?;
    Ok(Reply::NoContent)
}
