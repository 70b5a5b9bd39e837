//! `/v1/tablesdb/{databaseId}/tables`: tables.

use serde_json::json;

use crate::engine::definitions::{column_def, index_def, inline_schema};
use crate::engine::lists;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{Fallback, Param, Rule};
use crate::profile::AppwriteVersion;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::schema::Status;
use crate::schema::permission::Level;
use crate::store::catalog::{self, NewTable};
use crate::store::{Tx, ddl};

use super::declared::{ENABLED, NAME, UPDATED_NAME};

/// `tableId` of a new table (`unique()` allowed).
pub const NEW_ID: Param = Param::required("tableId", Rule::CustomId);
/// The table's `permissions`, nullable: absent keeps none on create and the current ones
/// on update.
pub const PERMISSIONS: Param = Param::optional("permissions", Rule::Permissions(Level::Table));
/// `rowSecurity`: a loose boolean, `false` by default (an update that omits it turns it
/// off, a reproduced quirk).
pub const ROW_SECURITY: Param =
    Param::optional("rowSecurity", Rule::LooseBool).or(Fallback::Bool(false));
/// `columns` of a create (1.9 on; older releases ignore it): up to 100 objects, each
/// parsed by the handler as an inline column definition.
pub const COLUMNS: Param = Param::optional("columns", Rule::Custom(definitions))
    .only_where(AppwriteVersion::inline_columns_on_create_table);
/// `indexes` of a create (1.9 on; older releases ignore it), as [`COLUMNS`].
pub const INDEXES: Param = Param::optional("indexes", Rule::Custom(definitions))
    .only_where(AppwriteVersion::inline_columns_on_create_table);
/// `purge` of an update (where [`AppwriteVersion::has_list_ttl`] holds): a loose boolean
/// that empties the table's list cache.
pub const PURGE: Param = Param::optional("purge", Rule::LooseBool)
    .or(Fallback::Bool(false))
    .only_where(AppwriteVersion::has_list_ttl);
/// The body of `POST …/tables`.
pub const CREATE_BODY: &[Param] = &[
    NEW_ID,
    NAME,
    PERMISSIONS,
    ROW_SECURITY,
    ENABLED,
    COLUMNS,
    INDEXES,
];
/// The body of `PUT …/tables/{tableId}`.
pub const UPDATE_BODY: &[Param] = &[UPDATED_NAME, PERMISSIONS, ROW_SECURITY, ENABLED, PURGE];

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
        name: "enabled",
        kind: MemoryKind::Bool,
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

/// `GET …/tables`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let db_id = request.database.as_str();
    let db = catalog::database(tx, db_id)?;
    let items = catalog::tables(tx, &db)?
        .iter()
        .map(|t| t.to_json(ctx.profile))
        .collect();
    let (items, total) = lists::apply(items, &request.reads, FIELDS, "$id", "Table")?;
    Ok(Reply::ok(json!({ "total": total, "tables": items })))
}

/// utopia's `ArrayList(JSON, 100)` of `columns` and `indexes`: a list of up to 100
/// objects (`null` is none).
fn definitions(
    params: &Params,
    name: &'static str,
    _: AppwriteVersion,
) -> ApiResult<Option<serde_json::Value>> {
    let shape = || {
        ApiError::param_invalid(
            name,
            &catalogue::validators::array_of(100, catalogue::validators::json()),
        )
    };
    match params.get(name) {
        None => Ok(None),
        Some(serde_json::Value::Array(items)) if items.len() <= 100 => {
            if items.iter().all(serde_json::Value::is_object) {
                Ok(Some(serde_json::Value::Array(items.clone())))
            } else {
                Err(shape())
            }
        }
        Some(_) => Err(shape()),
    }
}

/// `POST …/tables`, with optional inline `columns` and `indexes` (available at once).
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let body = &request.body;
    let db_id = request.database.as_str();
    let id = body.text(&NEW_ID).unwrap_or_default().to_string();
    let permissions = body.strings(&PERMISSIONS).unwrap_or_default();
    // Each definition is parsed once both lists have passed their validators.
    let columns = inline_schema::columns(&body.objects(&COLUMNS))?;
    let indexes = inline_schema::indexes(&body.objects(&INDEXES))?;
    let db = catalog::database(tx, db_id)?;
    let new = NewTable {
        id: &id,
        name: body.text(&NAME).unwrap_or_default(),
        permissions: &permissions,
        row_security: body.flag(&ROW_SECURITY),
        enabled: body.flag(&ENABLED),
    };
    catalog::create_table(tx, &db, &new)?;
    // The answer shows the table as it was before its inline columns and indexes were
    // added (`columns: []`, `indexes: []`, the empty-table `bytesUsed`); a read shows them.
    let answer = catalog::table(tx, &db.id, &id)?.to_json(ctx.profile);
    for spec in &columns {
        let table = catalog::table(tx, &db.id, &id)?;
        column_def::check_against_table(spec, &table, None)
            .map_err(|e| ApiError::param_invalid("columns", &e.message))?;
        catalog::insert_column(tx, &table, spec, Status::Available)?;
    }
    for mut spec in indexes {
        let table = catalog::table(tx, &db.id, &id)?;
        // An unknown column is `column_index_invalid` here; the index validator's other
        // verdicts keep their type.
        index_def::validate(&mut spec, &table, ctx.profile).map_err(|e| match e.kind {
            ErrorType::ColumnUnknown => {
                let key = spec
                    .columns
                    .iter()
                    .find(|c| table.column(c).is_none())
                    .cloned()
                    .unwrap_or_default();
                catalogue::index_invalid(catalogue::definitions::index_column_not_found(&key))
            }
            _ => e,
        })?;
        let seq = catalog::insert_index(tx, &table, &spec, Status::Available)?;
        let table = catalog::table(tx, &db.id, &id)?;
        let Some(index) = table.indexes.iter().find(|i| i.seq == seq) else {
            return Err(ApiError::internal("inline index vanished"));
        };
        ddl::build_index(&tx.sql, &table, index)
            .map_err(|e| catalogue::inline_index_invalid(&e.to_string()))?;
    }
    Ok(Reply::created(answer))
}

/// `GET …/tables/{tableId}`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table) = (request.database.as_str(), request.table.as_str());
    Ok(Reply::ok(
        catalog::table(tx, db, table)?.to_json(ctx.profile),
    ))
}

/// `PUT …/tables/{tableId}`: omitted `rowSecurity` resets to false and omitted `enabled`
/// to true (quirk); omitted `permissions` and `name` keep their values.
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let body = &request.body;
    let (db_id, table_id) = (request.database.as_str(), request.table.as_str());
    let table = catalog::table(tx, db_id, table_id)?;
    let permissions = body
        .strings(&PERMISSIONS)
        .unwrap_or_else(|| table.permissions.clone());
    let new = NewTable {
        id: &table.id,
        name: body.text(&UPDATED_NAME).unwrap_or(&table.name),
        permissions: &permissions,
        row_security: body.flag(&ROW_SECURITY),
        enabled: body.flag(&ENABLED),
    };
    catalog::update_table(tx, &table, &new)?;
    if body.flag(&PURGE) {
        tx.lists.purge(&table.id);
    }
    Ok(Reply::ok(
        catalog::table(tx, db_id, table_id)?.to_json(ctx.profile),
    ))
}

/// `DELETE …/tables/{tableId}`.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db_id, table_id) = (request.database.as_str(), request.table.as_str());
    let table = catalog::table(tx, db_id, table_id)?;
    catalog::delete_table(tx, &table)?;
    Ok(Reply::NoContent)
}
