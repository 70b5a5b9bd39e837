//! The shared shape of metadata lists: `queries`, `search` and `total`.

use serde_json::Value;

use crate::error::ApiResult;
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
    let search = if searchable {
        params.text("search", 0, 256)?
    } else {
        None
    };
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
}

/// Whether a list request counts its `total`. The text `false` is truthy to Appwrite's
/// PHP where [`AppwriteVersion::total_false_is_ignored`] holds, so only `0` (or a JSON
/// `false`) skips counting there.
pub fn count_total(params: &Params, profile: AppwriteVersion) -> ApiResult<bool> {
    let parsed = params.bool_loose("total")?.unwrap_or(true);
    let text_false = matches!(params.get("total"), Some(Value::String(s)) if s == "false");
    Ok(parsed || (text_false && profile.total_false_is_ignored()))
}
