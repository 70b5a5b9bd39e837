//! `GET …/rows` and `GET …/rows/{rowId}`.

use serde_json::{Map, Value};

use super::table_for;
use crate::engine::access::{grants, may};
use crate::engine::relationships::{self, Load};
use crate::error::{ApiError, ApiResult, catalogue};
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::profile::AppwriteVersion;
use crate::query::execute::{TOTAL_CAP, count_rows, list_rows};
use crate::query::plan::{parse_queries_in, plan_get, plan_rows_with};
use crate::schema::TableMeta;
use crate::store::rows::read_row;
use crate::store::{Tx, list_cache, rows};
use crate::validate::datetime::now_ms;

/// Refuses query methods the release does not know (`containsAny`/`containsAll` before
/// 1.9), nested ones included, as its query parser does.
fn check_release_methods(
    queries: &[crate::query::parse::Query],
    profile: crate::profile::AppwriteVersion,
) -> ApiResult<()> {
    use crate::query::parse::Method;
    for query in queries {
        if matches!(query.method, Method::ContainsAny | Method::ContainsAll)
            && !profile.has_contains_any_all()
        {
            return Err(ApiError::query_invalid(catalogue::queries::unknown_method(
                query.method.as_str(),
            )));
        }
        check_release_methods(&query.nested, profile)?;
    }
    Ok(())
}

/// `GET …/rows`. Where the release has list caching, `ttl` (0–86 400 s) above 0 reads
/// through the per-caller list cache and answers `X-Appwrite-Cache: hit` or `miss`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (ttl, count_total) = (request.reads.ttl, request.reads.count_total);
    let table = table_for(tx, ctx, request)?;
    let queries = parse_queries_in(&request.reads.queries, ctx.profile)?;
    check_release_methods(&queries, ctx.profile)?;
    let related = relationships::Resolver::new(tx, &table, &queries, ctx)?;
    let mut plan = plan_rows_with(&queries, &table, &related, ctx.profile)?;
    if !grants(&table.permissions, "read", ctx) {
        if !table.row_security {
            return Err(ApiError::unauthorized());
        }
        // Row security: only rows whose own permissions let the caller read them.
        plan.any_permission = Some(
            ctx.caller
                .roles()
                .iter()
                .map(|r| format!("read(\"{r}\")"))
                .collect(),
        );
    }
    // With `ttl`, the page and the total may come from the list cache (see
    // `store::list_cache`): stale after row writes until they expire or a purge.
    let cached = (ttl > 0).then(|| {
        let roles = ctx.caller.roles();
        let field = |kind| list_cache::variation(&table, &roles, &queries, kind);
        (field("rows"), field("total"), now_ms() / 1000)
    });
    let hit = cached
        .as_ref()
        .and_then(|(rows, _, now_s)| tx.lists.load_rows(&table.id, rows, ttl, *now_s));
    let cached_total = match &cached {
        Some((_, total, now_s)) if count_total => {
            tx.lists.load_total(&table.id, total, ttl, *now_s)
        }
        _ => None,
    };
    let cache_hit = hit.is_some();
    let (stored, total) = match hit {
        Some(stored) => {
            let total = match cached_total {
                Some(total) => total,
                None if count_total => count_rows(&tx.sql, &table, &plan, TOTAL_CAP)?,
                None => 0,
            };
            (stored, total)
        }
        None => {
            let mut stored = Vec::new();
            let total = list_rows(
                &tx.sql,
                &table,
                &plan,
                count_total && cached_total.is_none(),
                &mut |row| {
                    stored.push(read_row(&table, row)?);
                    Ok(())
                },
            )?;
            (stored, cached_total.unwrap_or(total))
        }
    };
    if let Some((rows_field, total_field, now_s)) = cached {
        if !cache_hit {
            tx.lists.save_rows(&table.id, rows_field, &stored, now_s);
        }
        if count_total && cached_total.is_none() {
            tx.lists.save_total(&table.id, total_field, total, now_s);
        }
    }
    let mut items = relationships::render(
        tx,
        ctx,
        &table,
        stored,
        Load::select(plan.select.as_deref()),
    )?;
    if plan.select.is_none() {
        items
            .iter_mut()
            .for_each(|row| show_storage_names(row, &table, ctx.profile));
    }
    let mut out = Map::new();
    out.insert("total".into(), Value::from(total));
    out.insert("rows".into(), Value::Array(items));
    let out = Value::Object(out);
    Ok(if ttl > 0 {
        Reply::JsonWithHeader(
            out,
            "x-appwrite-cache",
            if cache_hit { "hit" } else { "miss" },
        )
    } else {
        Reply::ok(out)
    })
}

/// `GET …/rows/{rowId}`: unreadable rows are `404`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let table = table_for(tx, ctx, request)?;
    let id = request.row.as_str();
    let queries = parse_queries_in(&request.reads.queries, ctx.profile)?;
    let plan = plan_get(&queries, &table)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "read", ctx) {
        return Err(ApiError::row_not_found(id));
    }
    let mut rendered = relationships::render(
        tx,
        ctx,
        &table,
        vec![row],
        Load::select(plan.select.as_deref()),
    )?;
    let mut row = rendered.pop().unwrap_or_default();
    if plan.select.is_none() {
        show_storage_names(&mut row, &table, ctx.profile);
    }
    Ok(Reply::ok(row))
}

/// Where [`AppwriteVersion::row_reads_show_storage_names`] is on, a row read from storage
/// carries each column whose key has characters other than letters, digits, `_` and `-`
/// under its storage name (those characters dropped), and `null` under its key
/// (columns.jsonl 1.8.1 seq 573: `"dotkey": null` besides `"dot.key": null`).
fn show_storage_names(row: &mut Value, table: &TableMeta, profile: AppwriteVersion) {
    if !profile.row_reads_show_storage_names() {
        return;
    }
    let Value::Object(row) = row else { return };
    for column in &table.columns {
        let key = &column.spec.key;
        let stored: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if stored == *key
            || stored.is_empty()
            || !row.contains_key(key)
            || row.contains_key(&stored)
        {
            continue;
        }
        let value = row.insert(key.clone(), Value::Null).unwrap_or(Value::Null);
        row.insert(stored, value);
    }
}
