//! A database, as `GET /tablesdb/{databaseId}` describes it.

use serde::Deserialize;

use super::lenient::{nullable, true_if_null, u64_or_zero, yes};
use crate::datetime::Timestamp;

/// A database.
///
/// ```
/// let db: lazy_appwrite::response::Database = serde_json::from_str(
///     r#"{"$id":"shop","name":"Shop","$createdAt":"2026-01-05T10:00:00.123+00:00",
///         "$updatedAt":"2026-01-05T10:00:00.123+00:00","enabled":true,"type":"tablesdb"}"#,
/// )?;
/// assert_eq!((db.id.as_str(), db.name.as_str(), db.kind.as_str()), ("shop", "Shop", "tablesdb"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Database {
    /// The database ID.
    #[serde(rename = "$id")]
    pub id: String,
    /// The display name.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// Whether the database is enabled (a disabled one is hidden from users).
    #[serde(default = "yes", deserialize_with = "true_if_null")]
    pub enabled: bool,
    /// `tablesdb` for databases made through TablesDB, `legacy` for the older API.
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    pub kind: String,
    /// Creation time.
    #[serde(rename = "$createdAt", default)]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(rename = "$updatedAt", default)]
    pub updated_at: Option<Timestamp>,
}

/// A page of databases.
///
/// ```
/// let list: lazy_appwrite::response::DatabaseList =
///     serde_json::from_str(r#"{"total":1,"databases":[{"$id":"shop","name":"Shop"}]}"#)?;
/// assert_eq!(list.total, 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DatabaseList {
    /// How many databases match (capped at 5000 by the server; 0 when not counted).
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub databases: Vec<Database>,
}
