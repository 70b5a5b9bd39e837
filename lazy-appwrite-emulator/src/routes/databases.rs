//! `/v1/tablesdb`: databases.

use serde_json::json;

use crate::engine::lists;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{Param, Rule};
use crate::query::memory::{MemoryField, MemoryKind};
use crate::store::{Tx, catalog};

use super::declared::{ENABLED, NAME, UPDATED_NAME};

/// `databaseId` of a new database (`unique()` allowed).
pub const NEW_ID: Param = Param::required("databaseId", Rule::CustomId);
/// The body of `POST /tablesdb`.
pub const CREATE_BODY: &[Param] = &[NEW_ID, NAME, ENABLED];
/// The body of `PUT /tablesdb/{databaseId}`.
pub const UPDATE_BODY: &[Param] = &[UPDATED_NAME, ENABLED];

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
    let body = &request.body;
    let id = body.text(&NEW_ID).unwrap_or_default();
    let name = body.text(&NAME).unwrap_or_default();
    let db = catalog::create_database(tx, id, name, body.flag(&ENABLED))?;
    Ok(Reply::created(db.to_json()))
}

/// `GET /tablesdb/{databaseId}`.
pub fn get(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.database.as_str();
    Ok(Reply::ok(catalog::database(tx, id)?.to_json()))
}

/// `PUT /tablesdb/{databaseId}`: an omitted `enabled` re-enables the database (quirk).
pub fn update(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let body = &request.body;
    let db = catalog::database(tx, &request.database)?;
    let name = body.text(&UPDATED_NAME).unwrap_or(&db.name).to_string();
    Ok(Reply::ok(
        catalog::update_database(tx, &db, &name, body.flag(&ENABLED))?.to_json(),
    ))
}

/// `DELETE /tablesdb/{databaseId}`.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.database.as_str();
    let db = catalog::database(tx, id)?;
    catalog::delete_database(tx, &db)?;
    Ok(Reply::NoContent)
}
