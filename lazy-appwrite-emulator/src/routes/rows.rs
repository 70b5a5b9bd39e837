//! `…/tables/{tableId}/rows`: single-row CRUD and lists.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::PathArgs;
use super::relationships::{self, Load, Nest, Owner};
use super::row_data::{SystemFields, encode_row, permission_list, take_system_fields};
use super::tables::path_ids;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::profile::AppwriteVersion;
use crate::query::execute::{TOTAL_CAP, count_rows, list_rows};
use crate::query::plan::{parse_queries_in, plan_get, plan_rows_with};
use crate::schema::TableMeta;
use crate::store::rows::{RowWrite, StoredRow, read_row};
use crate::store::{Tx, catalog, list_cache, rows};
use crate::validate::datetime::{now, now_ms, parse_datetime};
use crate::validate::ids::{KEY_DESCRIPTION, check_uid, resolve_custom_id};

/// The table of a row route, hidden from non-key callers when it or its database is disabled.
pub(super) fn table_for(
    tx: &mut Tx<'_>,
    ctx: &Context,
    path: &PathArgs,
) -> ApiResult<Arc<TableMeta>> {
    let (db, table_id) = path_ids(path)?;
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

/// Whether `permissions` grant `action` to any of the caller's roles.
pub(super) fn grants(permissions: &[String], action: &str, ctx: &Context) -> bool {
    ctx.caller.is_privileged()
        || ctx.caller.roles().iter().any(|role| {
            permissions
                .iter()
                .any(|p| *p == format!("{action}(\"{role}\")"))
        })
}

/// Whether the caller may `action` on `row`: by table permission, or by row permission
/// when row security is on.
pub(super) fn may(table: &TableMeta, row: Option<&StoredRow>, action: &str, ctx: &Context) -> bool {
    grants(&table.permissions, action, ctx)
        || (table.row_security && row.is_some_and(|r| grants(&r.permissions, action, ctx)))
}

/// Non-key callers may only grant roles they hold.
pub(super) fn check_grantable(permissions: &[String], ctx: &Context) -> ApiResult<()> {
    if ctx.caller.is_privileged() {
        return Ok(());
    }
    let roles = ctx.caller.roles();
    for p in permissions {
        let held = roles.iter().any(|r| p.ends_with(&format!("(\"{r}\")")));
        if !held {
            let list = roles.join(", ");
            return Err(ApiError::new(
                ErrorType::UserUnauthorized,
                format!("Permissions must be one of: ({list})"),
            ));
        }
    }
    Ok(())
}

/// Whether the caller may update `row` with `data`/`permissions`: `update` permission, or
/// only `read` when the write would change nothing (Appwrite compares before it checks).
pub(super) fn may_update(
    table: &TableMeta,
    row: &StoredRow,
    data: &Map<String, Value>,
    permissions: Option<&[String]>,
    ctx: &Context,
) -> bool {
    if may(table, Some(row), "update", ctx) {
        return true;
    }
    let changes = data.iter().any(|(key, value)| {
        key == "$permissions"
            || (!key.starts_with('$')
                && row.values.get(key).or_else(|| row.links.get(key)) != Some(value))
    }) || permissions.is_some_and(|p| p != row.permissions.as_slice());
    !changes && may(table, Some(row), "read", ctx)
}

/// `401 user_unauthorized` for a create the table does not allow, with the message of
/// Appwrite's authorization validator (1.8.1 sends the generic message).
pub(super) fn create_denied(permissions: &[String], ctx: &Context) -> ApiError {
    denied("create", permissions, ctx)
}

/// `401 user_unauthorized` for an `action` the `permissions` do not grant the caller: 1.9
/// names the missing permission, 1.8.1 sends the generic message.
pub(crate) fn denied(action: &str, permissions: &[String], ctx: &Context) -> ApiError {
    if !ctx.profile.explains_authorization_errors() {
        return ApiError::unauthorized();
    }
    let prefix = format!("{action}(\"");
    let roles: Vec<&str> = permissions
        .iter()
        .filter_map(|p| p.strip_prefix(prefix.as_str())?.strip_suffix("\")"))
        .collect();
    let Some(last) = roles.last() else {
        return ApiError::new(
            ErrorType::UserUnauthorized,
            format!("No permissions provided for action '{action}'"),
        );
    };
    // PHP's json_encode escapes `/`.
    let php_json = |v: Value| v.to_string().replace('/', "\\/");
    ApiError::new(
        ErrorType::UserUnauthorized,
        format!(
            "Missing \"{action}\" permission for role \"{last}\". Only \"{}\" scopes are allowed and \"{}\" was given.",
            php_json(Value::from(ctx.caller.roles())),
            php_json(Value::from(roles.clone())),
        ),
    )
}

/// Refuses the write when `X-Appwrite-Timestamp` is older than the row's `$updatedAt`.
fn check_timestamp(row: &StoredRow, ctx: &Context) -> ApiResult<()> {
    let Some(at) = request_timestamp(ctx)? else {
        return Ok(());
    };
    if row.updated_at > at {
        return Err(ApiError::new(
            ErrorType::RowUpdateConflict,
            "Remote row is newer than local.",
        ));
    }
    Ok(())
}

/// The `X-Appwrite-Timestamp` instant (an empty header counts as absent). Appwrite parses
/// it before the endpoint runs, so an unparseable one is `400` before any lookup.
fn request_timestamp(ctx: &Context) -> ApiResult<Option<String>> {
    let Some(raw) = ctx.timestamp.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    parse_datetime(raw).map(Some).ok_or_else(|| {
        ApiError::new(
            ErrorType::GeneralArgumentInvalid,
            "Invalid X-Appwrite-Timestamp header value",
        )
    })
}

fn data_param(params: &Params) -> ApiResult<Option<Map<String, Value>>> {
    params.object("data")
}

fn reply_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    id: &str,
    ctx: &Context,
    status: u16,
    sent: &[String],
) -> ApiResult<Reply> {
    let row = rows::find(tx, table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
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
            return Err(ApiError::query_invalid(format!(
                "Invalid query method: {}",
                query.method.as_str()
            )));
        }
        check_release_methods(&query.nested, profile)?;
    }
    Ok(())
}

/// `GET …/rows`. Where the release has list caching, `ttl` (0–86 400 s) above 0 reads
/// through the per-caller list cache and answers `X-Appwrite-Cache: hit` or `miss`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, params: &Params, path: &PathArgs) -> ApiResult<Reply> {
    let mut ttl = 0;
    if ctx.profile.has_list_ttl() && params.get("ttl").is_some() {
        let range =
            || ApiError::param_invalid("ttl", "Value must be a valid range between 0 and 86,400");
        match params.int("ttl") {
            Ok(Some(seconds)) if (0..=86_400).contains(&seconds) => ttl = seconds,
            _ => return Err(range()),
        }
    }
    if super::transactions::requested(params) {
        return super::transaction_list::list(tx, ctx, params, path);
    }
    let table = table_for(tx, ctx, path)?;
    let queries = parse_queries_in(&params.queries()?, ctx.profile)?;
    check_release_methods(&queries, ctx.profile)?;
    let count_total = super::lists::count_total(params, ctx.profile)?;
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
pub fn get(tx: &mut Tx<'_>, ctx: &Context, params: &Params, path: &PathArgs) -> ApiResult<Reply> {
    if super::transactions::requested(params) {
        return super::transactions::read(tx, ctx, params, path, get);
    }
    let table = table_for(tx, ctx, path)?;
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let queries = parse_queries_in(&params.queries()?, ctx.profile)?;
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

/// What `POST …/rows` asks for, once its parameters are checked: one row, or many.
pub(super) enum CreateParams {
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
pub(super) fn create_params(params: &Params, ctx: &Context) -> ApiResult<CreateParams> {
    if params.has_key("data") && params.get("data").is_none() {
        // `"data": null`: 1.8.1's JSON validator refuses it; 1.9 passes it on to a typed
        // argument and fails with a bare `500` (a reproduced bug).
        return Err(if ctx.profile.null_row_data_is_server_error() {
            ApiError::new(ErrorType::GeneralUnknown, "Server Error")
        } else {
            ApiError::param_invalid("data", "Value must be a valid JSON string")
        });
    }
    let data = data_param(params)?.filter(|d| !d.is_empty());
    let bulk = params
        .get("rows")
        .is_some_and(|r| r.as_array().is_some_and(|a| !a.is_empty()));
    if data.is_some() && bulk {
        return Err(ApiError::new(
            ErrorType::GeneralBadRequest,
            "You can only send one of the following parameters: data, rows",
        ));
    }
    if bulk {
        return Ok(CreateParams::Bulk);
    }
    let Some(data) = data else {
        return Err(ApiError::new(
            ErrorType::RowMissingData,
            "The row data is missing. Try again with row data populated.",
        ));
    };
    let id = match params.get("rowId") {
        Some(Value::String(s)) => resolve_custom_id("rowId", s)?,
        Some(_) => return Err(ApiError::param_invalid("rowId", KEY_DESCRIPTION)),
        None => {
            return Err(ApiError::new(
                ErrorType::RowMissingData,
                "Row ID is required when creating a single row.",
            ));
        }
    };
    Ok(CreateParams::Single { data, id })
}

/// `POST …/rows`: one row (`rowId` + `data`); bulk `rows` comes with the complete emulator.
pub fn create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    if super::transactions::requested(params) {
        return super::transactions::stage_create(tx, ctx, params, path);
    }
    let CreateParams::Single { mut data, id } = create_params(params, ctx)? else {
        return super::bulk::create(tx, ctx, params, path);
    };
    // A single create takes its permissions from `permissions` only: `$permissions` in
    // `data` is dropped (bulk rows do read theirs).
    data.remove("$permissions");
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    let table = table_for(tx, ctx, path)?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    if !grants(&table.permissions, "create", ctx) {
        return Err(create_denied(&table.permissions, ctx));
    }
    relationships::check_create(tx, ctx, &table, &data)?;
    let sent: Vec<String> = data.keys().cloned().collect();
    insert_row(tx, &table, ctx, &id, &mut data, permissions)?;
    reply_row(tx, &table, &id, ctx, 201, &sent)
}

pub(super) fn insert_row(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    id: &str,
    data: &mut Map<String, Value>,
    permissions: Option<Vec<String>>,
) -> ApiResult<()> {
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
    let at = now();
    let created_at = system.created_at.unwrap_or_else(|| at.clone());
    let updated_at = system.updated_at.unwrap_or(at);
    let write = RowWrite {
        id,
        created_at: &created_at,
        updated_at: &updated_at,
        permissions: &permissions,
        values,
    };
    rows::insert(tx, table, &write)?;
    Ok(())
}

/// Merges `data` into `row` and writes it back; `$updatedAt` moves only when something
/// changed. Returns whether anything changed.
pub(super) fn merge_and_write(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    row: &StoredRow,
    data: Map<String, Value>,
    permissions: Option<Vec<String>>,
) -> ApiResult<bool> {
    merge_and_write_with(tx, table, ctx, row, data, permissions, true)
}

/// [`merge_and_write`]; update operators in `data` are applied to the row's values first
/// (checked against those values only with `operator_runtime_checks`: bulk updates check
/// operators against the columns alone, as Appwrite does). A write with operators always
/// counts as a change.
pub(super) fn merge_and_write_with(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    ctx: &Context,
    row: &StoredRow,
    mut data: Map<String, Value>,
    permissions: Option<Vec<String>>,
    operator_runtime_checks: bool,
) -> ApiResult<bool> {
    let system: SystemFields = take_system_fields(&mut data, ctx)?;
    let links = relationships::take(table, &mut data)?;
    let permissions = permissions.or(system.permissions);
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    let computed =
        super::operators::apply(table, Some(&row.values), &mut data, operator_runtime_checks)?;
    let mut merged = row.values.clone();
    for (key, value) in data {
        merged.insert(key, value);
    }
    let mut values = super::row_data::encode_row_unbounded(table, &merged, &computed)?;
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
        (None, false) => now(),
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

/// `PATCH …/rows/{rowId}`: a merge; empty `data` and no `permissions` is refused.
pub fn update(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    if super::transactions::requested(params) {
        return super::transactions::stage_update(tx, ctx, params, path);
    }
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let data = data_param(params)?.unwrap_or_default();
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    request_timestamp(ctx)?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    super::operators::check_syntax(&table, &data)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if let Some(p) = &permissions {
        check_grantable(p, ctx)?;
    }
    if !may_update(&table, &row, &data, permissions.as_deref(), ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    let sent: Vec<String> = data.keys().cloned().collect();
    merge_and_write(tx, &table, ctx, &row, data, permissions)?;
    reply_row(tx, &table, &row.id, ctx, 200, &sent)
}

/// `400 row_missing_payload`.
pub(super) fn missing_payload() -> ApiError {
    ApiError::new(
        ErrorType::RowMissingPayload,
        "The row data and permissions are missing. You must provide either row data or permissions to be updated.",
    )
}

/// Upsert's `data`: an object (or JSON string); a list of one object counts as that
/// object, a list of several is `row_missing_payload` as on the real server.
fn upsert_data(params: &Params) -> ApiResult<Map<String, Value>> {
    match params.get("data") {
        Some(Value::Array(items)) if items.len() > 1 => Err(missing_payload()),
        Some(Value::Array(items)) => match items.first() {
            Some(Value::Object(map)) => Ok(map.clone()),
            None => Ok(Map::new()),
            Some(_) => Err(ApiError::param_invalid(
                "data",
                "Value must be a valid JSON string",
            )),
        },
        _ => Ok(data_param(params)?.unwrap_or_default()),
    }
}

/// `PUT …/rows/{rowId}`: updates (merging) when the row exists, creates it otherwise.
/// Answers `200` in both cases, as the real server does.
pub fn upsert(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    if super::transactions::requested(params) {
        return super::transactions::stage_upsert(tx, ctx, params, path);
    }
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    let mut data = upsert_data(params)?;
    let permissions = params.get("permissions").map(permission_list).transpose()?;
    request_timestamp(ctx)?;
    if data.is_empty() && permissions.is_none() {
        return Err(missing_payload());
    }
    let table = table_for(tx, ctx, path)?;
    super::operators::check_syntax(&table, &data)?;
    match rows::find(tx, &table, id)? {
        Some(row) => {
            // Appwrite checks the kept permissions too when `permissions` is omitted.
            check_grantable(permissions.as_ref().unwrap_or(&row.permissions), ctx)?;
            if !may_update(&table, &row, &data, permissions.as_deref(), ctx) {
                return Err(ApiError::unauthorized());
            }
            if ctx.profile.upsert_checks_timestamp() {
                check_timestamp(&row, ctx)?;
            }
            super::row_data::check_upsert_carries_required(&table, &data)?;
            let sent: Vec<String> = data.keys().cloned().collect();
            merge_and_write(tx, &table, ctx, &row, data, permissions)?;
            reply_row(tx, &table, &row.id, ctx, 200, &sent)
        }
        None => {
            if !grants(&table.permissions, "create", ctx) {
                return Err(ApiError::unauthorized());
            }
            super::operators::apply(&table, None, &mut data, false)?;
            let sent: Vec<String> = data.keys().cloned().collect();
            insert_row(tx, &table, ctx, id, &mut data, permissions)?;
            reply_row(tx, &table, id, ctx, 200, &sent)
        }
    }
}

/// `DELETE …/rows/{rowId}`.
pub fn delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    if super::transactions::requested(params) {
        return super::transactions::stage_delete(tx, ctx, params, path);
    }
    let id = path.get("rowId");
    check_uid("rowId", id)?;
    request_timestamp(ctx)?;
    let table = table_for(tx, ctx, path)?;
    let row = rows::find(tx, &table, id)?.ok_or_else(|| ApiError::row_not_found(id))?;
    if !may(&table, Some(&row), "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    check_timestamp(&row, ctx)?;
    relationships::before_delete(tx, ctx, &table, &row)?;
    rows::delete(tx, &table, row.seq)?;
    Ok(Reply::NoContent)
}
