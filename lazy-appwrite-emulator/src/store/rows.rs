//! Reading, writing and rendering rows.

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, params_from_iter};
use serde_json::{Map, Value};

use super::Tx;
use super::layout::{SYSTEM_COLUMN_COUNT, data_columns, select_list};
use crate::error::{ApiError, ApiResult};
use crate::schema::TableMeta;
use crate::validate::value::decode;

/// A row as stored: system fields and the values of its available columns, by key.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    /// `$sequence`.
    pub seq: i64,
    /// `$id`.
    pub id: String,
    /// `$createdAt`.
    pub created_at: String,
    /// `$updatedAt`.
    pub updated_at: String,
    /// `$permissions`, expanded.
    pub permissions: Vec<String>,
    /// Column values by key, `null` when unset.
    pub values: Map<String, Value>,
}

/// Decodes one row of a SELECT made with [`select_list`].
pub fn read_row(table: &TableMeta, row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    let perms: String = row.get(4)?;
    let mut values = Map::new();
    for (i, column) in data_columns(table).enumerate() {
        let raw = row.get_ref(SYSTEM_COLUMN_COUNT + i)?;
        values.insert(column.spec.key.clone(), decode(&column.spec, raw));
    }
    Ok(StoredRow {
        seq: row.get(0)?,
        id: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        permissions: serde_json::from_str(&perms).unwrap_or_default(),
        values,
    })
}

impl StoredRow {
    /// The `Row` model. `$sequence` is a string for 1.9-format clients, an integer otherwise;
    /// `select` (when given) limits the columns, system fields always included.
    pub fn render(&self, table: &TableMeta, format_1_9: bool, select: Option<&[String]>) -> Value {
        let mut out = Map::new();
        out.insert("$id".into(), Value::String(self.id.clone()));
        out.insert(
            "$sequence".into(),
            if format_1_9 {
                Value::String(self.seq.to_string())
            } else {
                Value::from(self.seq)
            },
        );
        out.insert("$tableId".into(), Value::String(table.id.clone()));
        out.insert(
            "$databaseId".into(),
            Value::String(table.database.id.clone()),
        );
        out.insert("$createdAt".into(), Value::String(self.created_at.clone()));
        out.insert("$updatedAt".into(), Value::String(self.updated_at.clone()));
        out.insert(
            "$permissions".into(),
            Value::Array(
                self.permissions
                    .iter()
                    .cloned()
                    .map(Value::String)
                    .collect(),
            ),
        );
        let wanted = |key: &str| match select {
            None => true,
            Some(list) => list.iter().any(|s| s == "*" || s == key),
        };
        for (key, value) in &self.values {
            if wanted(key) {
                out.insert(key.clone(), value.clone());
            }
        }
        Value::Object(out)
    }
}

/// The row with `id`, if it exists.
pub fn find(tx: &Tx<'_>, table: &TableMeta, id: &str) -> ApiResult<Option<StoredRow>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE _id = ?1",
        select_list(table),
        table.physical()
    );
    Ok(tx
        .sql
        .query_row(&sql, [id], |r| read_row(table, r))
        .optional()?)
}

/// The row with sequence `seq`, if it exists.
pub fn find_by_seq(tx: &Tx<'_>, table: &TableMeta, seq: i64) -> ApiResult<Option<StoredRow>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE _seq = ?1",
        select_list(table),
        table.physical()
    );
    Ok(tx
        .sql
        .prepare_cached(&sql)?
        .query_row([seq], |r| read_row(table, r))
        .optional()?)
}

/// A row to write: system fields and physical column values.
#[derive(Debug, Clone)]
pub struct RowWrite<'a> {
    /// `$id`.
    pub id: &'a str,
    /// `$createdAt`.
    pub created_at: &'a str,
    /// `$updatedAt`.
    pub updated_at: &'a str,
    /// `$permissions`, expanded.
    pub permissions: &'a [String],
    /// `(physical column, value)` for every column written.
    pub values: Vec<(String, SqlValue)>,
}

/// Inserts a row; `409 row_already_exists` for a duplicate ID or a unique-index clash.
pub fn insert(tx: &Tx<'_>, table: &TableMeta, row: &RowWrite<'_>) -> ApiResult<i64> {
    let mut columns = String::from("_id, _created, _updated, _perms");
    let mut marks = String::from("?1, ?2, ?3, ?4");
    let perms = serde_json::to_string(row.permissions).map_err(ApiError::internal)?;
    let mut values: Vec<SqlValue> = vec![
        SqlValue::Text(row.id.to_string()),
        SqlValue::Text(row.created_at.to_string()),
        SqlValue::Text(row.updated_at.to_string()),
        SqlValue::Text(perms),
    ];
    for (physical, value) in &row.values {
        columns.push_str(", ");
        columns.push_str(physical);
        values.push(value.clone());
        marks.push_str(&format!(", ?{}", values.len()));
    }
    let sql = format!(
        "INSERT INTO {} ({columns}) VALUES ({marks})",
        table.physical()
    );
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    stmt.execute(params_from_iter(values))
        .map_err(|e| conflict_or_internal(e, row.id))?;
    Ok(tx.sql.last_insert_rowid())
}

/// Rewrites a stored row's fields.
pub fn update(tx: &Tx<'_>, table: &TableMeta, seq: i64, row: &RowWrite<'_>) -> ApiResult<()> {
    let perms = serde_json::to_string(row.permissions).map_err(ApiError::internal)?;
    let mut set = String::from("_id = ?1, _created = ?2, _updated = ?3, _perms = ?4");
    let mut values: Vec<SqlValue> = vec![
        SqlValue::Text(row.id.to_string()),
        SqlValue::Text(row.created_at.to_string()),
        SqlValue::Text(row.updated_at.to_string()),
        SqlValue::Text(perms),
    ];
    for (physical, value) in &row.values {
        values.push(value.clone());
        set.push_str(&format!(", {physical} = ?{}", values.len()));
    }
    values.push(SqlValue::Integer(seq));
    let sql = format!(
        "UPDATE {} SET {set} WHERE _seq = ?{}",
        table.physical(),
        values.len()
    );
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    stmt.execute(params_from_iter(values))
        .map_err(|e| conflict_or_internal(e, row.id))?;
    Ok(())
}

/// Deletes the row with sequence `seq`.
pub fn delete(tx: &Tx<'_>, table: &TableMeta, seq: i64) -> ApiResult<()> {
    let sql = format!("DELETE FROM {} WHERE _seq = ?1", table.physical());
    tx.sql.prepare_cached(&sql)?.execute([seq])?;
    Ok(())
}

fn conflict_or_internal(e: rusqlite::Error, id: &str) -> ApiError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            ApiError::row_exists(id)
        }
        _ => ApiError::internal(e),
    }
}
