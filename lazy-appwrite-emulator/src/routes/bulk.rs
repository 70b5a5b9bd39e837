//! Bulk rows on `…/rows`: upsert many (`PUT`), update many by queries (`PATCH`), delete
//! many by queries (`DELETE`); `POST` with `rows` goes through the rows create endpoint. A
//! request with `transactionId` is staged into the transaction.

use crate::engine::rows::bulk;
use crate::engine::transactions;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::store::Tx;

/// `PUT …/rows`.
pub fn upsert(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(
        tx,
        ctx,
        request,
        transactions::stage_bulk_upsert,
        bulk::upsert,
    )
}

/// `PATCH …/rows`.
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(
        tx,
        ctx,
        request,
        transactions::stage_bulk_update,
        bulk::update,
    )
}

/// `DELETE …/rows`.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(
        tx,
        ctx,
        request,
        transactions::stage_bulk_delete,
        bulk::delete,
    )
}
