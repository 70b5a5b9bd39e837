//! The shared shape of metadata lists: `queries`, `search` and `total`.

use serde_json::Value;

use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::params::Params;
use crate::profile::AppwriteVersion;
use crate::query::memory::{MemoryField, apply_memory};

/// Applies a list request's `queries`, `search` (when the endpoint has it) and `total` to
/// `items`, the JSON models in creation order.
pub fn apply(
    items: Vec<Value>,
    params: &Params,
    fields: &[MemoryField],
    cursor_field: &str,
    cursor_label: &str,
    searchable: bool,
    profile: AppwriteVersion,
) -> ApiResult<(Vec<Value>, i64)> {
    let queries = params.queries()?;
    let search = if searchable { params.search()? } else { None };
    let count_total = count_total(params, profile)?;
    apply_memory(
        items,
        &queries,
        fields,
        cursor_field,
        cursor_label,
        search.as_deref().filter(|s| !s.is_empty()),
        &["$id", "name"],
        count_total,
    )
    .map_err(|e| {
        // The database, table and column lists answer a query the storage layer refuses
        // (a `search` without a fulltext index) with the generic message
        // (tour-databases.jsonl 1.8.1 seq 122); the index list keeps the storage message.
        if e.kind == ErrorType::GeneralQueryInvalid
            && GENERIC_QUERY_ERROR_LISTS.contains(&cursor_label)
        {
            ApiError::query_invalid(
                "The query's syntax is invalid. Please check the query and try again.",
            )
        } else {
            e
        }
    })
}

/// The lists (by item label) whose storage-layer query errors carry the generic message.
const GENERIC_QUERY_ERROR_LISTS: &[&str] = &["Database", "Table", "Column"];

/// Whether a list request counts its `total`. The text `false` is truthy to Appwrite's
/// PHP where [`AppwriteVersion::total_false_is_ignored`] holds, so only `0` (or a JSON
/// `false`) skips counting there.
pub fn count_total(params: &Params, profile: AppwriteVersion) -> ApiResult<bool> {
    let parsed = params.bool_loose("total")?.unwrap_or(true);
    let text_false = matches!(params.get("total"), Some(Value::String(s)) if s == "false");
    Ok(parsed || (text_false && profile.total_false_is_ignored()))
}
