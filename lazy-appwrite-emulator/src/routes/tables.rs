//! `/v1/tablesdb/{databaseId}/tables`: tables.

use serde_json::json;

use crate::engine::definitions::{column_def, index_def, inline_schema};
use crate::engine::lists;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::params::custom_id;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::schema::Status;
use crate::schema::permission::{Level, permission_strings, validate_and_expand};
use crate::store::catalog::{self, NewTable};
use crate::store::{Tx, ddl};

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

fn permissions(params: &Params) -> ApiResult<Option<Vec<String>>> {
    match params
        .get("permissions")
        .map(|v| permission_strings("permissions", v))
        .transpose()?
    {
        Some(list) => Ok(Some(validate_and_expand(
            "permissions",
            &list,
            Level::Table,
        )?)),
        None => Ok(None),
    }
}

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

/// An optional list of objects (`columns`, `indexes` of create-table).
fn object_array(
    params: &Params,
    name: &str,
) -> ApiResult<Vec<serde_json::Map<String, serde_json::Value>>> {
    let shape = || {
        ApiError::param_invalid(
            name,
            "Value must a valid array no longer than 100 items and Value must be a valid JSON string",
        )
    };
    match params.get(name) {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::Array(items)) if items.len() <= 100 => items
            .iter()
            .map(|item| item.as_object().cloned().ok_or_else(shape))
            .collect(),
        Some(_) => Err(shape()),
    }
}

/// `POST …/tables`, with optional inline `columns` and `indexes` (available at once).
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let db_id = request.database.as_str();
    let id = custom_id(params, "tableId")?;
    let name = params.required_text("name", 1, 128)?;
    let permissions = permissions(params)?.unwrap_or_default();
    let row_security = params.bool_loose("rowSecurity")?.unwrap_or(false);
    let enabled = params.bool_strict("enabled")?.unwrap_or(true);
    // 1.8.1 ignores inline definitions (they arrived in 1.9).
    let inline = ctx.profile.inline_columns_on_create_table();
    let (columns, indexes) = if inline {
        (
            inline_schema::columns(&object_array(params, "columns")?)?,
            inline_schema::indexes(&object_array(params, "indexes")?)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let db = catalog::database(tx, db_id)?;
    let new = NewTable {
        id: &id,
        name: &name,
        permissions: &permissions,
        row_security,
        enabled,
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
                catalogue::index_invalid(format!("Invalid index attribute \"{key}\" not found"))
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
    let params = request.params();
    let (db_id, table_id) = (request.database.as_str(), request.table.as_str());
    let name = if ctx.profile.update_needs_name() {
        Some(params.required_text("name", 1, 128)?)
    } else {
        params.text("name", 1, 128)?
    };
    let permissions = permissions(params)?;
    let row_security = params.bool_loose("rowSecurity")?.unwrap_or(false);
    let enabled = params.bool_strict("enabled")?.unwrap_or(true);
    // `purge` (1.9): empties the table's list cache; a loose boolean.
    let purge = ctx.profile.has_list_ttl() && params.bool_loose("purge")?.unwrap_or(false);
    let table = catalog::table(tx, db_id, table_id)?;
    let name = name.unwrap_or_else(|| table.name.clone());
    let permissions = permissions.unwrap_or_else(|| table.permissions.clone());
    let new = NewTable {
        id: &table.id,
        name: &name,
        permissions: &permissions,
        row_security,
        enabled,
    };
    catalog::update_table(tx, &table, &new)?;
    if purge {
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
