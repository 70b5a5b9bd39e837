//! A row: Appwrite's system fields plus the caller's own type.

use std::ops::{Deref, DerefMut};

use serde::Deserialize;

use super::lenient::u64_or_zero;
use crate::datetime::Timestamp;
use crate::permission::Permission;

/// A row of a table: the system fields (`$id`, `$sequence`, …) and the data as `T`.
///
/// It is decoded straight from the response bytes in one pass: the `$` fields go to the
/// row, the columns to `T`, with no `serde_json::Value` in between. `T` sees the `$`
/// fields it names itself (`#[serde(rename = "$id")]`) and no others, so
/// `#[serde(deny_unknown_fields)]` on `T` still works. Both response formats are
/// accepted: `$sequence` as an integer (1.8) or a string (1.9), and system fields missing
/// or `null` (as in the staged rows a transaction echoes).
///
/// `Row<T>` dereferences to `T`.
///
/// ```
/// use lazy_appwrite::Row;
///
/// #[derive(serde::Deserialize, Debug)]
/// #[serde(deny_unknown_fields)]
/// struct Book { title: String, count: i64 }
///
/// let row: Row<Book> = serde_json::from_str(r#"{
///     "$id":"row-1","$sequence":"5","$tableId":"books","$databaseId":"shop",
///     "$createdAt":"2026-11-22T19:46:00.304+00:00","$updatedAt":"2026-11-22T19:46:00.304+00:00",
///     "$permissions":["read(\"any\")"],"title":"Dune","count":1}"#)?;
/// assert_eq!(row.id, "row-1");
/// assert_eq!(row.sequence, Some(5));
/// assert_eq!(row.title, "Dune");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Row<T> {
    /// `$id`.
    pub id: String,
    /// `$sequence`: the per-table insertion counter (absent in staged transaction rows).
    pub sequence: Option<u64>,
    /// `$tableId`.
    pub table_id: String,
    /// `$databaseId`.
    pub database_id: String,
    /// `$createdAt`.
    pub created_at: Option<Timestamp>,
    /// `$updatedAt`.
    pub updated_at: Option<Timestamp>,
    /// `$permissions`: row-level permissions.
    pub permissions: Vec<Permission>,
    /// The columns, as the caller's type.
    pub data: T,
}

impl<T> Row<T> {
    /// A row with this ID and data and empty system fields (for tests and fakes).
    ///
    /// ```
    /// let row = lazy_appwrite::Row::new("r1", 5);
    /// assert_eq!((row.id.as_str(), row.data), ("r1", 5));
    /// ```
    pub fn new(id: impl Into<String>, data: T) -> Self {
        Self {
            id: id.into(),
            sequence: None,
            table_id: String::new(),
            database_id: String::new(),
            created_at: None,
            updated_at: None,
            permissions: Vec::new(),
            data,
        }
    }

    /// The data, dropping the system fields.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Row::new("r1", "x").into_data(), "x");
    /// ```
    pub fn into_data(self) -> T {
        self.data
    }

    /// The same row with its data transformed.
    ///
    /// ```
    /// let row = lazy_appwrite::Row::new("r1", 2).map(|n| n * 10);
    /// assert_eq!(row.data, 20);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Row<U> {
        Row {
            id: self.id,
            sequence: self.sequence,
            table_id: self.table_id,
            database_id: self.database_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            permissions: self.permissions,
            data: f(self.data),
        }
    }
}

impl<T> Deref for Row<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> DerefMut for Row<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// A page of rows and the number of matching rows.
///
/// ```
/// use lazy_appwrite::RowList;
///
/// #[derive(serde::Deserialize)]
/// struct Book { title: String }
///
/// let list: RowList<Book> = serde_json::from_str(
///     r#"{"total":2,"rows":[{"$id":"a","$sequence":1,"title":"A"},{"$id":"b","$sequence":2,"title":"B"}]}"#,
/// )?;
/// assert_eq!(list.total, 2);
/// let titles: Vec<String> = list.into_iter().map(|r| r.data.title).collect();
/// assert_eq!(titles, ["A", "B"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Either field may be missing or `null` (0, no rows); `total` may be a decimal string.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RowList<T> {
    /// Matching rows (capped at 5000 by the server; 0 when counting was turned off). For
    /// bulk writes: the rows changed.
    pub total: u64,
    /// This page.
    pub rows: Vec<Row<T>>,
}

/// A bulk write's answer read for its `total` alone: the rows in it are skipped, not
/// decoded (a write whose caller asked only how many rows it wrote).
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) struct RowCount {
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub(crate) total: u64,
}

impl<T> IntoIterator for RowList<T> {
    type Item = Row<T>;
    type IntoIter = std::vec::IntoIter<Row<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.into_iter()
    }
}
