//! Row reads that carry `transactionId`.

use serde_json::Value;

use super::*;
use crate::engine::rows::table_for;
use crate::error::ApiResult;
use crate::http::Endpoint;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::store::Tx;
use crate::store::rows::{self as stored};
use crate::store::transactions::{self as log};

/// Runs a row write: staged into the transaction by `stage` when the request names one,
/// done now by `direct` otherwise.
pub fn stage_or_run(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    stage: Endpoint,
    direct: Endpoint,
) -> ApiResult<Reply> {
    if request.names_transaction() {
        stage(tx, ctx, request)
    } else {
        direct(tx, ctx, request)
    }
}

/// `GET …/rows/{rowId}` with `transactionId`: the read sees the staged operations of a
/// pending transaction; any other ID reads the committed rows. (`GET …/rows` lays the
/// staged rows over the committed page instead: [`super::list`].)
pub fn read(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    endpoint: Endpoint,
) -> ApiResult<Reply> {
    let id = request.transaction.as_str();
    let txn = log::find(tx, id)?;
    // A row only the transaction creates is read back from its staged data alone, as
    // Appwrite's `TransactionState` keeps it: no defaults, no nulls for the columns the
    // data leaves out (tour-transactions.jsonl 1.8.1 seq 1659).
    let row = request.row.as_str();
    let staged_only = match table_for(tx, ctx, request) {
        Ok(table) if !row.is_empty() && stored::find(tx, &table, row)?.is_none() => Some(table),
        _ => None,
    };
    let reply = in_view(tx, ctx, txn.as_ref(), |tx| endpoint(tx, ctx, request))?;
    Ok(match (reply, staged_only, txn.as_ref()) {
        (Reply::Json(status, mut body), Some(table), Some(txn)) => {
            match super::list::staged_row(tx, ctx, &table, txn, row, &request.reads.queries)? {
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
pub fn as_staged_only(row: &mut Value, ctx: &Context) {
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
