//! `PATCH …/rows/{rowId}/{column}/increment` and `…/decrement`. A request with
//! `transactionId` is staged into the transaction.

use crate::engine::rows::counters;
use crate::engine::transactions;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::store::Tx;

/// `PATCH …/rows/{rowId}/{column}/increment`.
pub fn increment(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(
        tx,
        ctx,
        request,
        transactions::stage_increment,
        counters::increment,
    )
}

/// `PATCH …/rows/{rowId}/{column}/decrement`.
pub fn decrement(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    transactions::stage_or_run(
        tx,
        ctx,
        request,
        transactions::stage_decrement,
        counters::decrement,
    )
}
