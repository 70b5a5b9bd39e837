//! The shared shape of metadata lists: `queries`, `search` and `total`.

use serde_json::Value;

use crate::error::ApiResult;
use crate::http::params::Params;
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
) -> ApiResult<(Vec<Value>, i64)> {
    let queries = params.queries()?;
    let search = if searchable {
        params.text("search", 0, 256)?
    } else {
        None
    };
    let count_total = params.bool_loose("total")?.unwrap_or(true);
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
