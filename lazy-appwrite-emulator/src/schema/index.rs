//! Index definitions as stored in the catalogue and as Appwrite reports them.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Status;

/// The kind of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexKind {
    /// A plain (non-unique) index.
    Key,
    /// A unique index, enforced on every write.
    Unique,
    /// A full-text index, required by `search`.
    Fulltext,
    /// A spatial index.
    Spatial,
}

impl IndexKind {
    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "key" => Self::Key,
            "unique" => Self::Unique,
            "fulltext" => Self::Fulltext,
            "spatial" => Self::Spatial,
            _ => return None,
        })
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Key => "key",
            Self::Unique => "unique",
            Self::Fulltext => "fulltext",
            Self::Spatial => "spatial",
        }
    }
}

/// What an index is: everything its create endpoint sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSpec {
    /// The index key.
    pub key: String,
    /// The index kind.
    pub kind: IndexKind,
    /// Column keys (or `$id`, `$createdAt`, `$updatedAt`), in order.
    pub columns: Vec<String>,
    /// `ASC`/`DESC` per column, or empty; `None` where Appwrite stores no order (an array
    /// column of a 1.8.1 index), shown as `null`.
    pub orders: Vec<Option<String>>,
    /// Prefix length per column (`None` = the column's size).
    pub lengths: Vec<Option<i64>>,
}

/// An index as the catalogue holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexMeta {
    /// Internal sequence; the physical SQLite index is `i{seq}` (or FTS table `f{seq}`).
    pub seq: i64,
    /// What the index is.
    pub spec: IndexSpec,
    /// Lifecycle status.
    pub status: Status,
    /// Error text of a failed or stuck index.
    pub error: String,
    /// Unix milliseconds at which a pending status change takes effect.
    pub ready_at: Option<i64>,
    /// Creation time.
    pub created_at: String,
    /// Last update time.
    pub updated_at: String,
}

impl IndexMeta {
    /// The `ColumnIndex` model. `$id` is `<dbSeq>_<tableSeq>_<key>` as in Appwrite.
    /// `lengths` carries integers only (a `null` breaks the Rust SDK):
    /// entries without an explicit length are reported as 0.
    pub fn to_json(&self, db_seq: i64, table_seq: i64) -> Value {
        // One length per column: a column without one reports 0.
        let lengths: Vec<i64> = (0..self.spec.columns.len().max(self.spec.lengths.len()))
            .map(|i| self.spec.lengths.get(i).copied().flatten().unwrap_or(0))
            .collect();
        json!({
            "$id": format!("{db_seq}_{table_seq}_{}", self.spec.key),
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "key": self.spec.key,
            "type": self.spec.kind.as_str(),
            "status": self.status.as_str(),
            "error": self.error,
            "columns": self.spec.columns,
            "lengths": lengths,
            // Orders read back as they were sent (`asc` or `ASC`).
            "orders": self.spec.orders,
        })
    }
}
