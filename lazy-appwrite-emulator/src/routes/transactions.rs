//! `/v1/tablesdb/transactions`: create, list, get, commit or roll back, and delete
//! transactions, and stage `createOperations` batches. Row writes that carry a
//! `transactionId` are staged by the row endpoints ([`crate::engine::transactions`]).

use serde_json::{Value, json};

use crate::engine::transactions::{
    FIELDS, apply_all, check_operations, check_room, in_view, lookup, operations_param, visible,
};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{Fallback, Param, Rule};
use crate::profile::AppwriteVersion;
use crate::query::memory::apply_memory;
use crate::store::Tx;
use crate::store::transactions::{self as log, TxnRecord};

/// Shortest `ttl`, in seconds.
const TTL_MIN: i64 = 60;
/// Longest `ttl`, in seconds.
const TTL_MAX: i64 = 3600;
/// `ttl` when omitted, in seconds.
const TTL_DEFAULT: i64 = 300;

/// `ttl` of a new transaction, in seconds.
pub const TTL: Param = Param::optional("ttl", Rule::Custom(ttl)).or(Fallback::Int(TTL_DEFAULT));
/// The body of `POST /tablesdb/transactions`.
pub const CREATE_BODY: &[Param] = &[TTL];
/// `commit` of an update: a strict boolean, `false` by default.
pub const COMMIT: Param = Param::optional("commit", Rule::StrictBool).or(Fallback::Bool(false));
/// `rollback` of an update: a strict boolean, `false` by default.
pub const ROLLBACK: Param = Param::optional("rollback", Rule::StrictBool).or(Fallback::Bool(false));
/// The body of `PATCH /tablesdb/transactions/{transactionId}`.
pub const UPDATE_BODY: &[Param] = &[COMMIT, ROLLBACK];
/// `operations` to stage: a list of operation objects, none by default.
pub const OPERATIONS: Param = Param::optional("operations", Rule::Custom(operations));
/// The body of `POST /tablesdb/transactions/{transactionId}/operations`.
pub const OPERATIONS_BODY: &[Param] = &[OPERATIONS];

/// `GET /tablesdb/transactions`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let items = log::all(tx)?
        .iter()
        .filter(|t| visible(t, ctx))
        .map(TxnRecord::to_json)
        .collect();
    let (items, total) = apply_memory(
        items,
        &request.reads.queries,
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
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let ttl = request.body.int(&TTL).unwrap_or(TTL_DEFAULT);
    let owner = ctx.caller.user().map(|u| u.id.clone()).unwrap_or_default();
    Ok(Reply::created(log::create(tx, &owner, ttl)?.to_json()))
}

/// `ttl`: an integer (or integer string) from 60 to 3600 (utopia's `Range`).
fn ttl(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    let parsed = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    parsed
        .filter(|t| (TTL_MIN..=TTL_MAX).contains(t))
        .map(|t| Some(Value::from(t)))
        .ok_or_else(|| ApiError::param_invalid(name, &catalogue::validators::range(60, "3,600")))
}

/// `operations`: each item a valid operation (its own messages).
fn operations(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let operations = operations_param(params, name)?;
    Ok(Some(Value::Array(
        operations.into_iter().map(Value::Object).collect(),
    )))
}

/// `GET /tablesdb/transactions/{transactionId}`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    Ok(Reply::ok(lookup(tx, ctx, request)?.to_json()))
}

/// `DELETE /tablesdb/transactions/{transactionId}`: in any status; staged operations go too.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let txn = lookup(tx, ctx, request)?;
    log::delete(tx, &txn)?;
    Ok(Reply::NoContent)
}

/// `PATCH /tablesdb/transactions/{transactionId}`: `commit` or `rollback`.
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let commit = request.body.flag(&COMMIT);
    let rollback = request.body.flag(&ROLLBACK);
    if !commit && !rollback {
        return Err(catalogue::commit_or_rollback());
    }
    if commit && rollback {
        return Err(catalogue::commit_and_rollback());
    }
    let txn = lookup(tx, ctx, request)?;
    if !txn.is_pending() {
        return Err(catalogue::transaction_not_ready());
    }
    if txn.is_expired() {
        return Err(catalogue::transaction_expired());
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
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let operations = request.body.objects(&OPERATIONS);
    if operations.is_empty() {
        return Err(catalogue::operations_empty());
    }
    let txn = lookup(tx, ctx, request)?;
    if !txn.is_pending() {
        return Err(catalogue::transaction_not_pending());
    }
    if txn.is_expired() {
        return Err(catalogue::transaction_expired());
    }
    let adding = i64::try_from(operations.len()).unwrap_or(i64::MAX);
    check_room(&txn, adding)?;
    let staged = in_view(tx, ctx, Some(&txn), |tx| {
        check_operations(tx, ctx, &operations)
    })?;
    let txn = log::append(tx, &txn, &staged, adding)?;
    Ok(Reply::created(txn.to_json()))
}
