//! `…/tables/{tableId}/rows`: the row reads and writes the endpoints and the transaction
//! replay share. [`read`] answers gets and lists, [`write`] single-row writes, [`bulk`] the
//! bulk writes and [`counters`] increments and decrements; this module holds the helpers
//! they share.

pub mod bulk;
pub mod counters;
pub mod read;
pub mod write;

use std::sync::Arc;

use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value};

use crate::engine::access::check_grantable;
use crate::engine::relationships::{self, Load, Nest, Owner};
use crate::engine::row_data::{
    ColumnValues, SystemFields, encode_row, encode_values, read_system_fields, take_system_fields,
};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::schema::TableMeta;
use crate::store::rows::{RowWrite, StoredRow};
use crate::store::{Tx, catalog, rows};
use crate::validate::datetime::parse_datetime;
use crate::validate::ids::{KEY_DESCRIPTION, resolve_custom_id};
/// The table of a row route, hidden from non-key callers when it or its database is disabled.
pub fn table_for(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Arc<TableMeta>> {
    let (db, table_id) = (request.database.as_str(), request.table.as_str());
    let table = catalog::table(tx, db, table_id)?;
    if !ctx.caller.is_privileged() {
        if !table.database.enabled {
            return Err(ApiError::database_not_found(db));
        }
        if !table.enabled {
            return Err(ApiError::table_not_found(table_id));
        }
    }
    Ok(table)
}

/// Refuses the write when `X-Appwrite-Timestamp` is older than the row's `$updatedAt`.
pub(crate) fn check_timestamp(row: &StoredRow, ctx: &Context) -> ApiResult<()> {
    let Some(at) = request_timestamp(ctx)? else {
        return Ok(());
    };
    if row.updated_at > at {
        return Err(catalogue::row_newer_than_request());
    }
    Ok(())
}

/// The `X-Appwrite-Timestamp` instant (an empty header counts as absent). Appwrite parses
/// it before the endpoint runs, so an unparseable one is `400` before any lookup.
pub(crate) fn request_timestamp(ctx: &Context) -> ApiResult<Option<String>> {
    let Some(raw) = ctx.timestamp.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    parse_datetime(raw)
        .map(Some)
        .ok_or_else(catalogue::invalid_timestamp_header)
}

pub(crate) fn reply_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    id: &str,
    ctx: &Context,
    status: u16,
    sent: &[String],
) -> ApiResult<Reply> {
    let row = rows::find(tx, table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    reply_with(tx, table, row, ctx, status, sent)
}

/// [`reply_row`] for a row just inserted: built from what was written when that is exact
/// ([`Inserted::row`]), read back otherwise.
pub(crate) fn reply_inserted(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    inserted: Inserted,
    id: &str,
    ctx: &Context,
    status: u16,
    sent: &[String],
) -> ApiResult<Reply> {
    match inserted.row {
        Some(row) => reply_with(tx, table, row, ctx, status, sent),
        None => reply_row(tx, table, id, ctx, status, sent),
    }
}

fn reply_with(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    row: StoredRow,
    ctx: &Context,
    status: u16,
    sent: &[String],
) -> ApiResult<Reply> {
    // Write answers carry every relationship loaded (utopia populates them), except the
    // to-one ones the request did not send that are empty or seen from the child side,
    // which Appwrite leaves out.
    let mut rendered = relationships::render(tx, ctx, table, vec![row], Load::All)?;
    let mut answer = rendered.pop().unwrap_or_default();
    if let Some(fields) = answer.as_object_mut() {
        for column in &table.columns {
            let key = &column.spec.key;
            let Some(relationship) = &column.spec.relationship else {
                continue;
            };
            let value = fields.get(key);
            let to_one = !value.is_some_and(Value::is_array);
            let empty_or_child = value.is_none_or(Value::is_null) || relationship.side == "child";
            if !sent.contains(key) && to_one && empty_or_child {
                fields.remove(key);
            }
        }
    }
    Ok(Reply::Json(status, answer))
}

/// What `POST …/rows` asks for, once its parameters are checked: one row, or many.
pub enum CreateParams {
    /// `rowId` and non-empty `data`.
    Single {
        /// The row's data.
        data: Map<String, Value>,
        /// The row ID, `unique()` resolved.
        id: String,
    },
    /// A non-empty `rows` list (checked by the bulk path).
    Bulk,
}

/// Checks the parameters of `POST …/rows` in Appwrite's order: `data` and `rows` together,
/// missing data, missing or invalid `rowId`. Shared by the live and the staged paths.
pub fn create_params(params: &Params, ctx: &Context) -> ApiResult<CreateParams> {
    if params.has_key("data") && params.get("data").is_none() {
        // `"data": null`: 1.8.1's JSON validator refuses it; 1.9 passes it on to a typed
        // argument and fails with a bare `500` (a reproduced bug).
        return Err(if ctx.profile.null_row_data_is_server_error() {
            catalogue::server_error()
        } else {
            ApiError::param_invalid("data", catalogue::validators::json())
        });
    }
    let data = params.object("data")?.filter(|d| !d.is_empty());
    let bulk = params
        .get("rows")
        .is_some_and(|r| r.as_array().is_some_and(|a| !a.is_empty()));
    if data.is_some() && bulk {
        return Err(catalogue::data_and_rows());
    }
    if bulk {
        return Ok(CreateParams::Bulk);
    }
    let Some(data) = data else {
        return Err(catalogue::row_data_missing());
    };
    let id = match params.get("rowId") {
        Some(Value::String(s)) => resolve_custom_id("rowId", s)?,
        Some(_) => return Err(ApiError::param_invalid("rowId", KEY_DESCRIPTION)),
        None => {
            return Err(catalogue::row_id_missing());
        }
    };
    Ok(CreateParams::Single { data, id })
}

/// `400 row_missing_payload`.
pub fn missing_payload() -> ApiError {
    catalogue::row_payload_missing()
}

/// A row [`insert_row`] wrote.
pub struct Inserted {
    /// Its `$sequence`.
    pub seq: i64,
    /// The row as a read would return it, when that is known without reading it
    /// ([`rows::as_written`]).
    pub row: Option<StoredRow>,
}

/// Writes a new row: system fields taken from `data` (where the caller may set them),
/// permissions checked, relationships linked, values checked and encoded. `at` is the
/// request's instant ([`now`](crate::validate::datetime::now), taken once per request: a bulk write stamps all its rows
/// alike, as Appwrite does), used where `data` sets no `$createdAt`/`$updatedAt`.
pub fn insert_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    id: &str,
    data: &mut Map<String, Value>,
    permissions: Option<Vec<String>>,
    at: &str,
) -> ApiResult<Inserted> {
    let system = take_system_fields(data, ctx)?;
    let permissions = permissions
        .or(system.permissions)
        .unwrap_or_else(|| ctx.caller.default_row_permissions());
    check_grantable(&permissions, ctx)?;
    let links = relationships::take(table, data)?;
    let mut values = encode_row(table, data)?;
    let owner = Owner {
        table,
        id,
        permissions: &permissions,
    };
    values.extend(relationships::link_new(
        tx,
        ctx,
        &owner,
        links,
        &Nest::default(),
    )?);
    let stamps = (system.created_at, system.updated_at);
    write_new_row(tx, table, id, stamps, at, &permissions, values)
}

/// [`insert_row`] for a table without relationship columns (the bulk create), reading
/// `data` in place instead of taking its system fields out of it.
pub fn insert_sent_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    id: &str,
    data: &Map<String, Value>,
    at: &str,
) -> ApiResult<Inserted> {
    let system = read_system_fields(data, ctx)?;
    let permissions = system
        .permissions
        .unwrap_or_else(|| ctx.caller.default_row_permissions());
    check_grantable(&permissions, ctx)?;
    let values = encode_values(table, ColumnValues::sent(data), &[])?;
    let stamps = (system.created_at, system.updated_at);
    write_new_row(tx, table, id, stamps, at, &permissions, values)
}

/// Writes a new row of checked `values`; its `$createdAt` and `$updatedAt` are `stamps`
/// where given, `at` otherwise.
fn write_new_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    id: &str,
    stamps: (Option<String>, Option<String>),
    at: &str,
    permissions: &[String],
    values: Vec<(String, SqlValue)>,
) -> ApiResult<Inserted> {
    let created_at = stamps.0.unwrap_or_else(|| at.to_owned());
    let updated_at = stamps.1.unwrap_or_else(|| at.to_owned());
    let write = RowWrite {
        id,
        created_at: &created_at,
        updated_at: &updated_at,
        permissions,
        values,
    };
    let seq = rows::insert(tx, table, &write)?;
    Ok(Inserted {
        seq,
        row: rows::as_written(table, seq, write),
    })
}

/// Merges `data` into `row` and writes it back; `$updatedAt` moves only when something
/// changed, to `at` (the request's instant, as for [`insert_row`]). Returns whether
/// anything changed.
pub fn merge_and_write(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    row: &StoredRow,
    data: Map<String, Value>,
    permissions: Option<Vec<String>>,
    at: &str,
) -> ApiResult<bool> {
    let how = Merge {
        at,
        operator_runtime_checks: true,
    };
    merge_and_write_with(tx, table, ctx, row, data, permissions, how)
}

/// How [`merge_and_write_with`] writes.
#[derive(Debug, Clone, Copy)]
pub struct Merge<'a> {
    /// The request's instant, the new `$updatedAt` of a row that changed.
    pub at: &'a str,
    /// Whether update operators are checked against the row's values, not only the
    /// columns (bulk updates check the columns alone, as Appwrite does).
    pub operator_runtime_checks: bool,
}

/// [`merge_and_write`]; update operators in `data` are applied to the row's values first
/// (checked against those values only with `operator_runtime_checks`: bulk updates check
/// operators against the columns alone, as Appwrite does). A write with operators always
/// counts as a change.
pub fn merge_and_write_with(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    row: &StoredRow,
    mut data: Map<String, Value>,
    permissions: Option<Vec<String>>,
    how: Merge<'_>,
) -> ApiResult<bool> {
    let system: SystemFields = take_system_fields(&mut data, ctx)?;
    let links = relationships::take(table, &mut data)?;
    let permissions = permissions.or(system.permissions);
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    let computed = crate::engine::operators::apply(
        table,
        Some(&row.values),
        &mut data,
        how.operator_runtime_checks,
    )?;
    let mut merged = row.values.clone();
    for (key, value) in data {
        merged.insert(key, value);
    }
    let mut values = crate::engine::row_data::encode_row_unbounded(table, &merged, &computed)?;
    let permissions = permissions.unwrap_or_else(|| row.permissions.clone());
    let owner = Owner {
        table,
        id: &row.id,
        permissions: &permissions,
    };
    let (ids, links_changed) =
        relationships::link_existing(tx, ctx, &owner, row, links, &Nest::default())?;
    let unchanged = computed.is_empty() && !links_changed && {
        let old = encode_row(table, &row.values).ok();
        old.as_ref() == Some(&values) && permissions == row.permissions
    };
    values.extend(ids);
    let updated_at = match (&system.updated_at, unchanged) {
        (Some(at), _) => at.clone(),
        (None, true) => row.updated_at.clone(),
        (None, false) => how.at.to_owned(),
    };
    let created_at = system.created_at.unwrap_or_else(|| row.created_at.clone());
    let write = RowWrite {
        id: &row.id,
        created_at: &created_at,
        updated_at: &updated_at,
        permissions: &permissions,
        values,
    };
    rows::update(tx, table, row.seq, &write)?;
    Ok(!unchanged)
}
