//! `/v1/tablesdb`: databases.

use serde_json::json;

use crate::engine::lists;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::params::custom_id;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::store::{Tx, catalog};

/// The queryable fields: `name` and the internal ones (`enabled` is not queryable).
const FIELDS: &[MemoryField] = &[
    MemoryField {
        name: "$id",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "name",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "$createdAt",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "$updatedAt",
        kind: MemoryKind::Datetime,
    },
];

/// `GET /tablesdb`.
pub fn list(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let items = catalog::databases(tx)?
        .iter()
        .map(|d| d.to_json())
        .collect();
    let (items, total) = lists::apply(items, &request.reads, FIELDS, "$id", "Database")?;
    Ok(Reply::ok(json!({ "total": total, "databases": items })))
}

/// `POST /tablesdb`.
pub fn create(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let id = custom_id(params, "databaseId")?;
    let name = params.required_text("name", 1, 128)?;
    let enabled = params.bool_strict("enabled")?.unwrap_or(true);
    let db = catalog::create_database(tx, &id, &name, enabled)?;
    Ok(Reply::created(db.to_json()))
}

/// `GET /tablesdb/{databaseId}`.
pub fn get(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.database.as_str();
    Ok(Reply::ok(catalog::database(tx, id)?.to_json()))
}

/// `PUT /tablesdb/{databaseId}`: an omitted `enabled` re-enables the database (quirk).
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let id = request.database.as_str();
    let name = if ctx.profile.update_needs_name() {
        Some(params.required_text("name", 1, 128)?)
    } else {
        params.text("name", 1, 128)?
    };
    let enabled = params.bool_strict("enabled")?.unwrap_or(true);
    let db = catalog::database(tx, id)?;
    let name = name.unwrap_or_else(|| db.name.clone());
    Ok(Reply::ok(
        catalog::update_database(tx, &db, &name, enabled)?.to_json(),
    ))
}

/// `DELETE /tablesdb/{databaseId}`.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.database.as_str();
    let db = catalog::database(tx, id)?;
    catalog::delete_database(tx, &db)?;
    Ok(Reply::NoContent)
}
