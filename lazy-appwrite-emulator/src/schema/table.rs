//! Databases and tables as the catalogue holds them.

use serde_json::{Value, json};

use super::{ColumnMeta, IndexMeta};
use crate::profile::AppwriteVersion;

/// A database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseMeta {
    /// Internal sequence.
    pub seq: i64,
    /// The database ID.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Disabled databases hide their rows from non-key callers.
    pub enabled: bool,
    /// `tablesdb` or `legacy`.
    pub kind: String,
    /// Creation time.
    pub created_at: String,
    /// Last update time.
    pub updated_at: String,
}

impl DatabaseMeta {
    /// The `Database` model, as 1.8.1 and 1.9.6 answer it.
    pub fn to_json(&self) -> Value {
        json!({
            "$id": self.id,
            "name": self.name,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "enabled": self.enabled,
            "type": self.kind,
        })
    }
}

/// A table with its columns and indexes, in creation order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableMeta {
    /// The database this table lives in.
    pub database: DatabaseMeta,
    /// Internal sequence; the physical SQLite table is `r{seq}`.
    pub seq: i64,
    /// The table ID.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Table-level permissions, expanded (`write` → create, update, delete).
    pub permissions: Vec<String>,
    /// Whether row-level permissions apply.
    pub row_security: bool,
    /// Disabled tables hide their rows from non-key callers.
    pub enabled: bool,
    /// Every column, in creation order, in all statuses.
    pub columns: Vec<ColumnMeta>,
    /// Every index, in creation order, in all statuses.
    pub indexes: Vec<IndexMeta>,
    /// Creation time.
    pub created_at: String,
    /// Last update time.
    pub updated_at: String,
}

/// Row width Appwrite reserves before any column.
pub const BASE_ROW_BYTES: i64 = 1067;
/// Maximum row width.
pub const MAX_ROW_BYTES: i64 = 65_535;

impl TableMeta {
    /// The physical SQLite table. Never derived from user input.
    pub fn physical(&self) -> String {
        super::physical::name('r', self.seq)
    }

    /// The column with `key` in any status (keys compare case-insensitively).
    pub fn column(&self, key: &str) -> Option<&ColumnMeta> {
        self.columns
            .iter()
            .find(|c| c.spec.key.eq_ignore_ascii_case(key))
    }

    /// The column with `key`, only if it is `available`.
    pub fn available_column(&self, key: &str) -> Option<&ColumnMeta> {
        self.column(key).filter(|c| c.is_available())
    }

    /// The index with `key` in any status.
    pub fn index(&self, key: &str) -> Option<&IndexMeta> {
        self.indexes
            .iter()
            .find(|i| i.spec.key.eq_ignore_ascii_case(key))
    }

    /// The row width the columns use, as Appwrite counts it.
    pub fn bytes_used(&self) -> i64 {
        BASE_ROW_BYTES
            + self
                .columns
                .iter()
                .filter(|c| c.is_listed())
                .map(|c| column_width(&c.spec))
                .sum::<i64>()
    }

    /// The `Table` model as release `profile` answers it.
    pub fn to_json(&self, profile: AppwriteVersion) -> Value {
        let mut model = json!({
            "$id": self.id,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "$permissions": self.permissions,
            "databaseId": self.database.id,
            "name": self.name,
            "enabled": self.enabled,
            "rowSecurity": self.row_security,
            "columns": self
                .columns
                .iter()
                .filter(|c| c.is_listed())
                .map(ColumnMeta::to_json)
                .collect::<Vec<_>>(),
            "indexes": self
                .indexes
                .iter()
                .map(|i| i.to_json(self.database.seq, self.seq))
                .collect::<Vec<_>>(),
        });
        if profile.has_table_bytes() {
            model["bytesMax"] = json!(MAX_ROW_BYTES);
            model["bytesUsed"] = json!(self.bytes_used());
        }
        model
    }
}

/// The width one column adds to a row.
pub fn column_width(spec: &super::ColumnSpec) -> i64 {
    use super::ColumnKind as K;
    if spec.array {
        return 20;
    }
    match spec.kind {
        K::String | K::Varchar | K::Email | K::Ip | K::Url | K::Enum => {
            let size = spec.size.or(spec.kind.fixed_size()).unwrap_or(0);
            if spec.kind == K::String && size > 16_381 {
                20
            } else if size > 255 {
                4 * size + 2
            } else {
                4 * size + 1
            }
        }
        K::Text | K::Mediumtext | K::Longtext => 20,
        // A bigint is 8 bytes even when an inline definition gives no bounds.
        K::Integer if let Some(width) = spec.int_width => width,
        K::Integer if spec.bigint => 8,
        K::Integer if spec.unset_bounds[1] => 4,
        K::Integer => match spec.range {
            super::Range::Int { max, .. } if max <= i64::from(i32::MAX) => 4,
            _ => 8,
        },
        K::Float => 8,
        K::Boolean => 1,
        K::Datetime => 7,
        K::Relationship => 1021,
        K::Point => 25,
        K::Line | K::Polygon => 20,
    }
}
