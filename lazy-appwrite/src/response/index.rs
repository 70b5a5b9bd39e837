//! An index over one or more columns.

use serde::Deserialize;

use super::column::ColumnStatus;
use super::lenient::{nullable, string_enum, u64_or_zero};
use crate::datetime::Timestamp;

string_enum! {
    /// The kind of an index.
    ///
    /// ```
    /// use lazy_appwrite::response::IndexType;
    /// assert_eq!(IndexType::Unique.as_str(), "unique");
    /// assert_eq!(IndexType::from_wire("fulltext"), IndexType::Fulltext);
    /// ```
    pub enum IndexType {
        /// A plain index, for filters and sorting.
        Key => "key",
        /// A unique index: writes that would duplicate a value fail with 409.
        Unique => "unique",
        /// A full-text index, needed by `search`.
        Fulltext => "fulltext",
        /// A spatial index over a point, line or polygon column.
        Spatial => "spatial",
    }
}

/// An index.
///
/// ```
/// let index: lazy_appwrite::response::ColumnIndex = serde_json::from_str(
///     r#"{"$id":"1_2_idx_title","key":"idx_title","type":"key","status":"available","error":"",
///         "columns":["title","count"],"lengths":[null,null],"orders":["asc","desc"]}"#,
/// )?;
/// assert_eq!(index.columns, ["title", "count"]);
/// assert_eq!(index.lengths, [None, None]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ColumnIndex {
    /// The server's internal ID (`<db>_<table>_<key>`); may be empty.
    #[serde(rename = "$id", default, deserialize_with = "nullable")]
    pub id: String,
    /// The index key (its name).
    #[serde(default, deserialize_with = "nullable")]
    pub key: String,
    /// The index kind.
    #[serde(rename = "type", default = "key_type")]
    pub kind: IndexType,
    /// `processing` after creation, then `available` (or `failed`).
    #[serde(default = "super::column::available")]
    pub status: ColumnStatus,
    /// Why the index failed, empty otherwise.
    #[serde(default, deserialize_with = "nullable")]
    pub error: String,
    /// The indexed columns, in order.
    #[serde(default, alias = "attributes", deserialize_with = "nullable")]
    pub columns: Vec<String>,
    /// Prefix lengths per column (`None` for the default).
    #[serde(default, deserialize_with = "nullable")]
    pub lengths: Vec<Option<u64>>,
    /// Sort orders per column (`asc`/`desc`, as the server writes them).
    #[serde(default, deserialize_with = "nullable")]
    pub orders: Vec<String>,
    /// Creation time.
    #[serde(rename = "$createdAt", default)]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(rename = "$updatedAt", default)]
    pub updated_at: Option<Timestamp>,
}

fn key_type() -> IndexType {
    IndexType::Key
}

/// A page of indexes.
///
/// ```
/// let list: lazy_appwrite::response::IndexList = serde_json::from_str(r#"{"total":0,"indexes":[]}"#)?;
/// assert_eq!(list.total, 0);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct IndexList {
    /// How many indexes match.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub indexes: Vec<ColumnIndex>,
}
