//! `…/tables/{tableId}/indexes`: indexes.

use serde_json::json;

use crate::engine::definitions::index_def;
use crate::engine::lists;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::schema::Status;
use crate::store::{Tx, catalog};
use crate::validate::datetime::now_ms;

const FIELDS: &[MemoryField] = &[
    MemoryField {
        name: "key",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "type",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "status",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "columns",
        kind: MemoryKind::StringArray,
    },
    MemoryField {
        name: "error",
        kind: MemoryKind::String,
    },
];

/// `GET …/indexes`.
pub fn list(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table) = (request.database.as_str(), request.table.as_str());
    let table = catalog::table(tx, db, table)?;
    let items = table
        .indexes
        .iter()
        .map(|i| i.to_json(table.database.seq, table.seq))
        .collect();
    let (items, total) = lists::apply(items, &request.reads, FIELDS, "key", "Index")?;
    Ok(Reply::ok(json!({ "total": total, "indexes": items })))
}

/// `POST …/indexes`: answers `202` with the index `processing`.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table_id) = (request.database.as_str(), request.table.as_str());
    let mut spec = index_def::from_body(&request.body, &index_def::COLUMNS)?;
    let table = catalog::table(tx, db, table_id)?;
    index_def::validate(&mut spec, &table, ctx.profile)?;
    let seq = catalog::insert_index(tx, &table, &spec, Status::Processing)?;
    let index = catalog::index_as_created(tx, seq)?;
    Ok(Reply::accepted(
        index.to_json(table.database.seq, table.seq),
    ))
}

/// `GET …/indexes/{key}`.
pub fn get(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table) = (request.database.as_str(), request.table.as_str());
    let key = request.key.as_str();
    let table = catalog::table(tx, db, table)?;
    let index = table
        .index(key)
        .ok_or_else(|| ApiError::index_not_found(key))?;
    Ok(Reply::ok(index.to_json(table.database.seq, table.seq)))
}

/// `DELETE …/indexes/{key}`: the index goes `deleting`, then disappears.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table_id) = (request.database.as_str(), request.table.as_str());
    let key = request.key.as_str();
    let table = catalog::table(tx, db, table_id)?;
    let index = table
        .index(key)
        .ok_or_else(|| ApiError::index_not_found(key))?;
    catalog::mark_index(
        tx,
        index.seq,
        Status::Deleting,
        "",
        Some(now_ms() + tx.delay_ms),
    )?;
    Ok(Reply::NoContent)
}
