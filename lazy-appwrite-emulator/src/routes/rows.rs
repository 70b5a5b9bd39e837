//! `…/tables/{tableId}/rows/…`: the single-row endpoints and the rows list. A request with
//! `transactionId` is staged into (or read through) the transaction.

use crate::engine::rows::{read, write};
use crate::engine::transactions;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::store::Tx;

/// `GET …/rows`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    if request.names_transaction() {
        return transactions::list_rows(tx, ctx, request);
    }
    read::list(tx, ctx, request)
}

/// `GET …/rows/{rowId}`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    if request.names_transaction() {
        return transactions::read(tx, ctx, request, read::get);
    }
    read::get(tx, ctx, request)
}

/// `POST …/rows`: one row, or many with `rows`.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(tx, ctx, request, transactions::stage_create, write::create)
}

/// `PATCH …/rows/{rowId}`.
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(tx, ctx, request, transactions::stage_update, write::update)
}

/// `PUT …/rows/{rowId}`.
pub fn upsert(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(tx, ctx, request, transactions::stage_upsert, write::upsert)
}

/// `DELETE …/rows/{rowId}`.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(tx, ctx, request, transactions::stage_delete, write::delete)
}
