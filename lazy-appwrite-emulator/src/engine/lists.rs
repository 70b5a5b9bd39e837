//! The shared shape of metadata lists: their `queries`, `search` and `total` applied.

use serde_json::Value;

use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::reads::ReadParams;
use crate::query::memory::{MemoryField, apply_memory};

/// Applies a list request's parsed `queries`, `search` (empty unless the route declares
/// it) and `total` to `items`, the JSON models in creation order.
pub fn apply(
    items: Vec<Value>,
    reads: &ReadParams,
    fields: &[MemoryField],
    cursor_field: &str,
    cursor_label: &str,
) -> ApiResult<(Vec<Value>, i64)> {
    apply_memory(
        items,
        &reads.queries,
        fields,
        cursor_field,
        cursor_label,
        reads.search.as_deref(),
        &["$id", "name"],
        reads.count_total,
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
