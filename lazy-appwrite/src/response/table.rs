//! A table, with its columns and indexes.

use serde::Deserialize;

use super::column::ColumnInfo;
use super::index::ColumnIndex;
use super::lenient::{nullable, opt_u64, true_if_null, u64_or_zero, yes};
use crate::datetime::Timestamp;
use crate::permission::Permission;

/// A table.
///
/// ```
/// let table: lazy_appwrite::response::TableInfo = serde_json::from_str(
///     r#"{"$id":"books","$permissions":["read(\"any\")"],"databaseId":"shop","name":"Books",
///         "enabled":true,"rowSecurity":false,"columns":[],"indexes":[],"bytesMax":65535,"bytesUsed":1067}"#,
/// )?;
/// assert_eq!(table.database_id, "shop");
/// assert_eq!(table.permissions[0].as_str(), r#"read("any")"#);
/// assert_eq!(table.bytes_used, Some(1067));
/// assert_eq!(table.description, None); // Appwrite 2.6.0 and later report one
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TableInfo {
    /// The table ID.
    #[serde(rename = "$id")]
    pub id: String,
    /// The database it belongs to.
    #[serde(rename = "databaseId", default, deserialize_with = "nullable")]
    pub database_id: String,
    /// The display name.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// Whether the table is enabled.
    #[serde(default = "yes", deserialize_with = "true_if_null")]
    pub enabled: bool,
    /// Whether row permissions apply on top of the table's.
    #[serde(rename = "rowSecurity", default, deserialize_with = "nullable")]
    pub row_security: bool,
    /// Table-level permissions (stored expanded: `write` becomes create, update, delete).
    #[serde(rename = "$permissions", default, deserialize_with = "nullable")]
    pub permissions: Vec<Permission>,
    /// Every column, in creation order, whatever its status.
    #[serde(default, deserialize_with = "nullable")]
    pub columns: Vec<ColumnInfo>,
    /// Every index.
    #[serde(default, deserialize_with = "nullable")]
    pub indexes: Vec<ColumnIndex>,
    /// The row-width limit in bytes, when the server reports it.
    #[serde(rename = "bytesMax", default, deserialize_with = "opt_u64")]
    pub bytes_max: Option<u64>,
    /// The row width used by the columns, when the server reports it.
    #[serde(rename = "bytesUsed", default, deserialize_with = "opt_u64")]
    pub bytes_used: Option<u64>,
    /// Creation time.
    #[serde(rename = "$createdAt", default)]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(rename = "$updatedAt", default)]
    pub updated_at: Option<Timestamp>,
    /// The description, from Appwrite 2.6.0 on (`None` from older servers, which do not
    /// report one).
    #[serde(default)]
    pub description: Option<String>,
}

/// A page of tables.
///
/// ```
/// let list: lazy_appwrite::response::TableList = serde_json::from_str(r#"{"total":0,"tables":[]}"#)?;
/// assert!(list.tables.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TableList {
    /// How many tables match.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub tables: Vec<TableInfo>,
}
