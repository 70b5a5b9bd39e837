//! `…/tables/{tableId}/columns`: columns.

use serde_json::{Value, json};

use crate::profile::AppwriteVersion;

use crate::engine::definitions::{column_def, column_update};
use crate::engine::{lists, relationships};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::BodyValues;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::schema::{ColumnKind, ColumnMeta, Status, TableMeta};
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
        name: "size",
        kind: MemoryKind::Integer,
    },
    MemoryField {
        name: "required",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "array",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "status",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "error",
        kind: MemoryKind::String,
    },
];

fn find<'a>(table: &'a TableMeta, key: &str) -> ApiResult<&'a ColumnMeta> {
    relationships::schema::listed_column(table, key)
}

/// `GET …/columns`.
pub fn list(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let table = catalog::table(tx, &request.database, &request.table)?;
    let items = table
        .columns
        .iter()
        .filter(|c| c.is_listed())
        .map(listed_model)
        .collect();
    let (items, total) = lists::apply(items, &request.reads, FIELDS, "key", "Column")?;
    Ok(Reply::ok(json!({ "total": total, "columns": items })))
}

/// A column as the column list shows it: the varchar and text kinds show `encrypt: null`
/// there, encrypted or not, a reproduced 1.9.6 bug (node-columns.jsonl 1.9.6 seq 2738,
/// tour-v19.jsonl 1.9.6 seq 2377); their get, create and the `Table` model show the real value.
fn listed_model(column: &ColumnMeta) -> Value {
    let mut model = column.to_json();
    let text_kind = matches!(
        column.spec.kind,
        ColumnKind::Varchar | ColumnKind::Text | ColumnKind::Mediumtext | ColumnKind::Longtext
    );
    if let (true, Some(encrypt)) = (text_kind, model.get_mut("encrypt")) {
        *encrypt = Value::Null;
    }
    model
}

/// `POST …/columns/{kind}`: answers `202` with the column `processing`.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let kind = route_kind(&request.kind, ctx.profile).ok_or_else(ApiError::route_not_found)?;
    if kind == ColumnKind::Relationship {
        // The relationship route's body, checked here: the column route serves every kind.
        let body = BodyValues::check(relationships::schema::CREATE_BODY, params, ctx.profile)?;
        return relationships::schema::create(tx, request, &body);
    }
    let mut spec = column_def::parse_create(kind, params)?;
    spatial_text_default(kind, params)?;
    spec.bigint = request.kind == "bigint";
    let table = catalog::table(tx, &request.database, &request.table)?;
    column_def::check_against_table(&spec, &table, None)?;
    if spec.required && kind.is_spatial() && has_rows(tx, &table)? {
        return Err(ApiError::structure(
            catalogue::definitions::REQUIRED_SPATIAL_ON_ROWS,
        ));
    }
    let seq = catalog::insert_column(tx, &table, &spec, Status::Processing)?;
    let column = catalog::column_as_created(tx, seq)?;
    Ok(Reply::accepted(column.to_json()))
}

/// Reproduced bug (both releases): a spatial column's create or update with a WKT text
/// default that passes validation fails with a bare `500` (Appwrite's action takes the
/// default as an array only; columns.jsonl 1.8.1 seq 506).
pub(super) fn spatial_text_default(kind: ColumnKind, params: &Params) -> ApiResult<()> {
    if kind.is_spatial() && params.get("default").is_some_and(Value::is_string) {
        return Err(ApiError::internal("spatial column default given as text"));
    }
    Ok(())
}

/// Whether release `profile` has the `…/columns/{segment}` routes of column kind
/// `segment` (the route table's check of that segment).
pub fn serves_kind(segment: &str, profile: AppwriteVersion) -> bool {
    route_kind(segment, profile).is_some()
}

/// The column kind a `…/columns/{segment}` route serves on release `profile`; the text
/// kinds' routes do not exist where [`AppwriteVersion::has_text_kinds`] is off.
fn route_kind(segment: &str, profile: AppwriteVersion) -> Option<ColumnKind> {
    if segment == "bigint" {
        // A bigint column is a 64-bit integer column that reports its type as `bigint`.
        return profile.has_text_kinds().then_some(ColumnKind::Integer);
    }
    ColumnKind::from_segment(segment).filter(|kind| {
        profile.has_text_kinds()
            || !matches!(
                kind,
                ColumnKind::Varchar
                    | ColumnKind::Text
                    | ColumnKind::Mediumtext
                    | ColumnKind::Longtext
            )
    })
}

fn has_rows(tx: &Tx<'_>, table: &TableMeta) -> ApiResult<bool> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", table.physical());
    Ok(tx.sql.query_row(&sql, [], |r| r.get(0))?)
}

/// `GET …/columns/{key}`.
pub fn get(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let table = catalog::table(tx, &request.database, &request.table)?;
    Ok(Reply::ok(find(&table, &request.key)?.to_json()))
}

/// `PATCH …/columns/{kind}/{key}`: changes apply at once (no `processing`).
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let (db, table_id, key) = (
        request.database.as_str(),
        request.table.as_str(),
        request.key.as_str(),
    );
    let kind = route_kind(&request.kind, ctx.profile).ok_or_else(ApiError::route_not_found)?;
    let table = catalog::table(tx, db, table_id)?;
    let column = find(&table, key)?;
    if !column.is_available() {
        return Err(ApiError::column_not_available(key));
    }
    // No check that the route's kind is the column's: Appwrite's never fires, and the
    // update goes through (see `column_update`).
    let spec = column_update::parse_update(kind, &column.spec, params)?;
    spatial_text_default(kind, params)?;
    column_def::check_against_table(&spec, &table, Some(&column.spec.key)).map_err(|e| {
        // Appwrite names the column being renamed, not the key that clashes.
        if e.kind == ErrorType::ColumnAlreadyExists {
            catalogue::column_exists(&column.spec.key)
        } else {
            e
        }
    })?;
    if let (Some(new), Some(old)) = (spec.size, column.spec.size)
        && new < old
        && longest_value(tx, &table, column)? > new
    {
        return Err(catalogue::column_invalid_resize());
    }
    if spec.key != column.spec.key {
        rename_in_indexes(tx, &table, &column.spec.key, &spec.key)?;
    }
    catalog::update_column(tx, column, &spec)?;
    let table = catalog::table(tx, db, table_id)?;
    let column = table
        .columns
        .iter()
        .find(|c| c.seq == column.seq)
        .ok_or_else(|| ApiError::internal("column vanished"))?;
    // The answer is the route's model; every column update answer shows `encrypt: null`
    // (both releases).
    let mut model = column.to_json_as(kind);
    if let Some(encrypt) = model.get_mut("encrypt") {
        *encrypt = Value::Null;
    }
    Ok(Reply::ok(model))
}

/// `PATCH …/columns/{key}/relationship` (and `…/columns/relationship/{key}`).
pub fn update_relationship(
    tx: &mut Tx<'_>,
    _: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    relationships::schema::update(tx, request)
}

/// The longest stored value of a string column, in characters (array elements included).
fn longest_value(tx: &Tx<'_>, table: &TableMeta, column: &ColumnMeta) -> ApiResult<i64> {
    let c = column.physical();
    let sql = if column.spec.array {
        format!(
            "SELECT COALESCE(MAX(length(j.value)), 0) FROM {} AS r, json_each(r.{c}) AS j",
            table.physical()
        )
    } else {
        format!(
            "SELECT COALESCE(MAX(length({c})), 0) FROM {}",
            table.physical()
        )
    };
    Ok(tx.sql.query_row(&sql, [], |r| r.get(0))?)
}

fn rename_in_indexes(tx: &mut Tx<'_>, table: &TableMeta, old: &str, new: &str) -> ApiResult<()> {
    for index in &table.indexes {
        if index
            .spec
            .columns
            .iter()
            .any(|c| c.eq_ignore_ascii_case(old))
        {
            let mut spec = index.spec.clone();
            for c in spec
                .columns
                .iter_mut()
                .filter(|c| c.eq_ignore_ascii_case(old))
            {
                *c = new.to_string();
            }
            catalog::update_index(tx, index.seq, &spec)?;
        }
    }
    Ok(())
}

/// `DELETE …/columns/{key}`: the column goes `deleting`, then disappears.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let table = catalog::table(tx, &request.database, &request.table)?;
    let column = find(&table, &request.key)?;
    if column.spec.kind == ColumnKind::Relationship {
        return relationships::schema::delete(tx, &table, column);
    }
    catalog::mark_column(
        tx,
        column.seq,
        Status::Deleting,
        "",
        Some(now_ms() + tx.delay_ms),
    )?;
    Ok(Reply::NoContent)
}
