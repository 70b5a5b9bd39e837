//! Bulk rows on `…/rows`: create many (`POST` with `rows`), upsert many (`PUT`), update
//! many by queries (`PATCH`), delete many by queries (`DELETE`). Each request is one SQLite
//! transaction, so a failure anywhere writes nothing.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::{
    Merge, insert_row, insert_sent_row, merge_and_write, merge_and_write_with, missing_payload,
    table_for,
};
use crate::engine::access::{check_grantable, grants, may};
use crate::engine::operators;
use crate::engine::row_data::check_upsert_carries_required;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::{Reply, RowsAnswer};
use crate::http::request::CheckedRequest;
use crate::http::writes::permission_list;
use crate::query::execute::matching_seqs;
use crate::query::plan::{Plan, parse_queries, plan_rows};
use crate::schema::{ColumnKind, TableMeta};
use crate::store::rows::StoredRow;
use crate::store::{Tx, rows};
use crate::validate::datetime::now;
use crate::validate::ids::{KEY_DESCRIPTION, resolve_custom_id, unique_id};

/// Most rows one bulk request may carry, and most rows a bulk answer lists.
const BATCH: usize = 100;

fn refuse_relationships(table: &TableMeta, what: &str) -> ApiResult<()> {
    if table
        .columns
        .iter()
        .any(|c| c.spec.kind == ColumnKind::Relationship)
    {
        return Err(catalogue::bulk_with_relationships(what));
    }
    Ok(())
}

/// Appwrite's bulk update/upsert/delete read the database with authorization on, and a
/// database document grants no one `read`: callers other than the key get `404
/// database_not_found` (the spec lists these endpoints as key-only).
pub fn key_only(ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<()> {
    if ctx.caller.is_privileged() {
        return Ok(());
    }
    Err(ApiError::database_not_found(&request.database))
}

fn rows_param(params: &Params) -> ApiResult<Vec<Map<String, Value>>> {
    params
        .object_list("rows", BATCH)?
        .ok_or_else(|| ApiError::param_missing("rows"))
}

/// [`rows_param`], borrowed.
fn sent_rows(params: &Params) -> ApiResult<Vec<&Map<String, Value>>> {
    params
        .object_refs("rows", BATCH)?
        .ok_or_else(|| ApiError::param_missing("rows"))
}

/// The `$id` of a bulk row: given (`unique()` allowed) or generated.
fn row_id(row: &Map<String, Value>) -> ApiResult<String> {
    match row.get("$id") {
        None | Some(Value::Null) => Ok(unique_id()),
        Some(Value::String(s)) => resolve_custom_id("$id", s),
        Some(_) => Err(ApiError::param_invalid("$id", KEY_DESCRIPTION)),
    }
}

/// [`rendered_list`] of the rows `ids` names, read back.
fn row_list(
    tx: &Tx<'_>,
    table: &Arc<TableMeta>,
    ctx: &Context,
    ids: &[String],
    status: u16,
) -> ApiResult<Reply> {
    let mut found = Vec::with_capacity(ids.len().min(BATCH));
    for id in ids.iter().take(BATCH) {
        found.extend(rows::find(tx, table, id)?);
    }
    Ok(rendered_list(table, ctx, found, ids.len(), status))
}

/// A bulk answer with `status`: `total`, and the first [`BATCH`] of `rows`, rendered when
/// the answer is written.
fn rendered_list(
    table: &Arc<TableMeta>,
    ctx: &Context,
    mut rows: Vec<StoredRow>,
    total: usize,
    status: u16,
) -> Reply {
    rows.truncate(BATCH);
    Reply::Rows(
        status,
        RowsAnswer {
            total,
            rows,
            table: table.clone(),
            format_1_9: ctx.format_1_9,
        },
    )
}

/// The checks of a bulk create before its rows are read: no `rowId`, no `permissions`,
/// and the API key. Shared by the live and the staged paths.
pub fn check_create_params(params: &Params, ctx: &Context) -> ApiResult<()> {
    if params.get("rowId").is_some() {
        return Err(catalogue::bulk_row_id());
    }
    if params
        .get("permissions")
        .is_some_and(|p| p.as_array().is_some_and(|a| !a.is_empty()))
    {
        return Err(catalogue::bulk_permissions());
    }
    if !ctx.caller.is_privileged() {
        return Err(catalogue::missing_scopes());
    }
    Ok(())
}

/// `POST …/rows` with `rows`: API key only; `rowId` and `permissions` are refused.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    check_create_params(params, ctx)?;
    let batch = sent_rows(params)?;
    let table = table_for(tx, ctx, request)?;
    refuse_relationships(&table, "create")?;
    let count = batch.len();
    let mut seqs = None;
    // The rows as written, while each is known without a read.
    let mut written = Some(Vec::with_capacity(count.min(BATCH)));
    // One instant for the whole batch, as Appwrite stamps a batch.
    let at = now();
    for row in batch {
        let id = row_id(row)?;
        let inserted = insert_sent_row(tx, &table, ctx, &id, row, &at).map_err(|e| {
            // Appwrite's batch insert names no row in its duplicate error.
            if e.kind == ErrorType::RowAlreadyExists {
                ApiError::row_exists("")
            } else {
                e
            }
        })?;
        let seq = inserted.seq;
        seqs = Some((seqs.map_or(seq, |(first, _)| first), seq));
        written = written.zip(inserted.row).map(|(mut list, row)| {
            list.push(row);
            list
        });
    }
    // Otherwise the batch's rows are the sequences it was given: one read answers for all
    // of them (nothing else writes inside this transaction).
    let created = match (written, seqs) {
        (Some(list), _) => list,
        (None, Some((first, last))) => rows::find_seq_range(tx, &table, first, last)?,
        (None, None) => Vec::new(),
    };
    Ok(rendered_list(&table, ctx, created, count, 201))
}

/// `PUT …/rows`: creates the rows that do not exist and merges into those that do; rows
/// that end up unchanged are neither counted nor returned.
pub fn upsert(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let batch = rows_param(params)?;
    key_only(ctx, request)?;
    let table = table_for(tx, ctx, request)?;
    refuse_relationships(&table, "upsert")?;
    for row in &batch {
        operators::check_syntax(&table, row)?;
    }
    let mut changed = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let at = now();
    for mut row in batch {
        let id = row_id(&row)?;
        if !seen.insert(id.clone()) {
            // One ID twice in the batch: Appwrite's duplicate error names no single row.
            return Err(ApiError::row_exists("multiple"));
        }
        match rows::find(tx, &table, &id)? {
            Some(existing) => {
                if !may(&table, Some(&existing), "update", ctx) {
                    return Err(ApiError::unauthorized());
                }
                check_upsert_carries_required(&table, &row)?;
                if merge_and_write(tx, &table, ctx, &existing, row, None, &at)? {
                    changed.push(id);
                }
            }
            None => {
                if !grants(&table.permissions, "create", ctx) {
                    return Err(ApiError::unauthorized());
                }
                operators::apply(&table, None, &mut row, false)?;
                insert_row(tx, &table, ctx, &id, &mut row, None, &at)?;
                changed.push(id);
            }
        }
    }
    row_list(tx, &table, ctx, &changed, 200)
}

/// The plan of a bulk update/delete: its `queries`, limited to the rows the caller may
/// `action` when it is not allowed at table level.
fn bulk_plan(
    table: &TableMeta,
    ctx: &Context,
    queries: &[String],
    action: &str,
) -> ApiResult<Plan> {
    let queries = parse_queries(queries)?;
    let mut plan = plan_rows(&queries, table, ctx.profile)?;
    if !grants(&table.permissions, action, ctx) {
        if !table.row_security {
            return Err(ApiError::unauthorized());
        }
        plan.any_permission = Some(
            ctx.caller
                .roles()
                .iter()
                .map(|r| format!("{action}(\"{r}\")"))
                .collect(),
        );
    }
    Ok(plan)
}

/// `PATCH …/rows`: merges `data` into every row the queries select. A unique index clash
/// is an uncaught error there: a bare `500` (a reproduced bug, both releases; a transaction
/// commit reports it as a conflict instead).
pub fn update(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    update_rows(tx, ctx, request).map_err(|e| {
        if e.kind == ErrorType::RowAlreadyExists {
            catalogue::server_error()
        } else {
            e
        }
    })
}

/// The bulk update itself, as a transaction commit applies it.
pub fn update_rows(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let params = request.params();
    let data = params.object("data")?.unwrap_or_default();
    if data.is_empty() {
        return Err(missing_payload());
    }
    let queries = params.queries()?;
    key_only(ctx, request)?;
    if let Some(p) = data.get("$permissions") {
        let list = permission_list(p).map_err(|e| catalogue::bad_request(e.message))?;
        check_grantable(&list, ctx)?;
    }
    let table = table_for(tx, ctx, request)?;
    operators::check_syntax(&table, &data)?;
    refuse_relationships(&table, "update")?;
    let plan = bulk_plan(&table, ctx, &queries, "update")?;
    operators::check_columns(&table, &data)?;
    let seqs = matching_seqs(&tx.sql, &table, &plan)?;
    let mut ids = Vec::with_capacity(seqs.len());
    let at = now();
    let how = Merge {
        at: &at,
        operator_runtime_checks: false,
    };
    for seq in seqs {
        let Some(row) = rows::find_by_seq(tx, &table, seq)? else {
            continue;
        };
        merge_and_write_with(tx, &table, ctx, &row, data.clone(), None, how)?;
        ids.push(row.id);
    }
    row_list(tx, &table, ctx, &ids, 200)
}

/// `DELETE …/rows`: deletes every row the queries select.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    key_only(ctx, request)?;
    let table = table_for(tx, ctx, request)?;
    refuse_relationships(&table, "delete")?;
    let plan = bulk_plan(&table, ctx, &request.reads.queries, "delete")?;
    let seqs = matching_seqs(&tx.sql, &table, &plan)?;
    let mut deleted = Vec::new();
    let total = seqs.len();
    for seq in seqs {
        let Some(row) = rows::find_by_seq(tx, &table, seq)? else {
            continue;
        };
        rows::delete(tx, &table, seq)?;
        if deleted.len() < BATCH {
            deleted.push(row);
        }
    }
    Ok(rendered_list(&table, ctx, deleted, total, 200))
}
