//! Reading, writing and rendering rows.

use std::borrow::Cow;

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, ToSql, params_from_iter};
use serde_json::{Map, Value};

use super::codec::{decode, stored_unchanged};
use super::layout::{SYSTEM_COLUMN_COUNT, data_columns, link_columns, select_list};
use super::{Tx, conflict_or_internal};
use crate::error::{ApiError, ApiResult};
use crate::schema::{ColumnKind, TableMeta};

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
    /// The related row IDs of the relationship columns that store one,
    /// by key, `null` when unset.
    pub links: Map<String, Value>,
}

/// Decodes one row of a SELECT made with [`select_list`].
pub fn read_row(table: &TableMeta, row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    let perms: String = row.get(4)?;
    let mut values = Map::new();
    let mut at = SYSTEM_COLUMN_COUNT;
    for column in data_columns(table) {
        let raw = row.get_ref(at)?;
        values.insert(column.spec.key.clone(), decode(&column.spec, raw));
        at += 1;
    }
    let mut links = Map::new();
    for column in link_columns(table) {
        let id: Option<String> = row.get(at)?;
        links.insert(
            column.spec.key.clone(),
            id.map_or(Value::Null, Value::String),
        );
        at += 1;
    }
    Ok(StoredRow {
        seq: row.get(0)?,
        id: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
        permissions: serde_json::from_str(&perms).unwrap_or_default(),
        values,
        links,
    })
}

impl StoredRow {
    /// The `Row` model. `$sequence` is a string for 1.9-format clients, an integer otherwise;
    /// `select` (when given) limits the columns, system fields always included. Relationship
    /// columns that store a related row's ID show it (or `null`); selections through
    /// relationships (`rel.*`, `rel.field`) select the relationship's own column the way
    /// [`projection`] says, but loading the related rows is the caller's business.
    pub fn render(&self, table: &TableMeta, format_1_9: bool, select: Option<&[String]>) -> Value {
        let projection = select.map(|s| projection(table, s));
        self.render_projected(table, format_1_9, projection.as_deref())
    }

    /// [`StoredRow::render`] with the column list already worked out: `None` or a list
    /// holding `*` means every column. Only the values the projection keeps are copied.
    pub fn render_projected(
        &self,
        table: &TableMeta,
        format_1_9: bool,
        projection: Option<&[String]>,
    ) -> Value {
        let head = Head {
            seq: self.seq,
            id: self.id.clone(),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
            permissions: self.permissions.clone(),
        };
        let fields = self
            .values
            .iter()
            .chain(&self.links)
            .filter(|(key, _)| wanted(projection, key))
            .map(|(key, value)| (key.clone(), value.clone()));
        head.render(table, format_1_9, fields)
    }

    /// [`StoredRow::render_projected`], moving the row's strings into the answer instead
    /// of copying them.
    pub fn into_rendered(
        self,
        table: &TableMeta,
        format_1_9: bool,
        projection: Option<&[String]>,
    ) -> Value {
        let head = Head {
            seq: self.seq,
            id: self.id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            permissions: self.permissions,
        };
        let fields = self
            .values
            .into_iter()
            .chain(self.links)
            .filter(|(key, _)| wanted(projection, key));
        head.render(table, format_1_9, fields)
    }
}

/// Whether a column is in a projection (`None` or `*`: every column).
fn wanted(projection: Option<&[String]>, key: &str) -> bool {
    projection.is_none_or(|list| list.iter().any(|s| s == "*" || s == key))
}

/// A row's system fields, owned, on their way into its `Row` model.
struct Head {
    seq: i64,
    id: String,
    created_at: String,
    updated_at: String,
    permissions: Vec<String>,
}

impl Head {
    /// The `Row` model: the system fields, then `fields` (already limited to the
    /// projection) as reads show them.
    fn render(
        self,
        table: &TableMeta,
        format_1_9: bool,
        fields: impl Iterator<Item = (String, Value)>,
    ) -> Value {
        // At most every field: the filter's upper bound.
        let (least, most) = fields.size_hint();
        let mut out = Map::with_capacity(7 + most.unwrap_or(least));
        out.insert("$id".into(), Value::String(self.id));
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
        out.insert("$createdAt".into(), Value::String(self.created_at));
        out.insert("$updatedAt".into(), Value::String(self.updated_at));
        out.insert(
            "$permissions".into(),
            Value::Array(self.permissions.into_iter().map(Value::String).collect()),
        );
        for (key, value) in fields {
            let changed = match shown(table, &key, &value) {
                Cow::Owned(changed) => Some(changed),
                Cow::Borrowed(_) => None,
            };
            out.insert(key, changed.unwrap_or(value));
        }
        Value::Object(out)
    }
}

/// Column `key`'s stored `value` as a `Row` model shows it: an unset array column as `[]`,
/// not `null`; a polygon as reads return it; anything else as stored.
pub(super) fn shown<'v>(table: &TableMeta, key: &str, value: &'v Value) -> Cow<'v, Value> {
    let column = table.column(key);
    if value.is_null() && column.is_some_and(|c| c.spec.array && c.spec.relationship.is_none()) {
        Cow::Owned(Value::Array(Vec::new()))
    } else if column.is_some_and(|c| c.spec.kind == ColumnKind::Polygon) {
        Cow::Owned(crate::query::spatial::polygon_as_read(value))
    } else {
        Cow::Borrowed(value)
    }
}

/// The columns a `select` reads from the row itself, as utopia's
/// `processRelationshipQueries` rewrites it: `rel.…` becomes `rel` when this side stores the
/// related ID and disappears otherwise, and a selection left empty means `*`.
pub fn projection(table: &TableMeta, select: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(select.len());
    for value in select {
        let Some((first, _)) = value.split_once('.') else {
            out.push(value.clone());
            continue;
        };
        let relationship = table.columns.iter().find(|c| {
            c.is_available() && c.spec.key == first && super::relations::spec_of(c).is_some()
        });
        match relationship.and_then(super::relations::spec_of) {
            None => out.push(value.clone()),
            Some(spec) if spec.is_to_many() => {}
            Some(_) => out.push(first.to_string()),
        }
    }
    if out.is_empty() {
        out.push("*".into());
    }
    out
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
        .prepare_cached(&sql)?
        .query_row([id], |r| read_row(table, r))
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

/// The rows with sequences `first..=last`, in sequence order: a batch just inserted, read
/// back in one query.
pub fn find_seq_range(
    tx: &Tx<'_>,
    table: &TableMeta,
    first: i64,
    last: i64,
) -> ApiResult<Vec<StoredRow>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE _seq BETWEEN ?1 AND ?2 ORDER BY _seq",
        select_list(table),
        table.physical()
    );
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    let rows = stmt.query_map([first, last], |r| read_row(table, r))?;
    Ok(rows.collect::<Result<_, _>>()?)
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
    let perms = serde_json::to_string(row.permissions).map_err(ApiError::internal)?;
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(4 + row.values.len());
    values.extend([
        &row.id as &dyn ToSql,
        &row.created_at,
        &row.updated_at,
        &perms,
    ]);
    // Built with `push_str`, not `format!`: this runs once per row of a bulk insert. A
    // bare `?` takes the number after the largest one before it, so the values bind in
    // order as `?5, ?6, …` would.
    let mut sql = String::with_capacity(64 + 8 * row.values.len());
    sql.push_str("INSERT INTO ");
    sql.push_str(&table.physical());
    sql.push_str(" (_id, _created, _updated, _perms");
    for (physical, value) in &row.values {
        values.push(value);
        sql.push_str(", ");
        sql.push_str(physical);
    }
    sql.push_str(") VALUES (?1, ?2, ?3, ?4");
    for _ in &row.values {
        sql.push_str(", ?");
    }
    sql.push(')');
    let mut stmt = tx.sql.prepare_cached(&sql)?;
    stmt.execute(values.as_slice())
        .map_err(|e| conflict_or_internal(e, row.id))?;
    Ok(tx.sql.last_insert_rowid())
}

/// The row [`insert`] just wrote as `seq`, as [`find`] would read it back, when that is
/// certain without reading it: the table has no relationship column (whose answer needs
/// the related rows) and SQLite stores every value unconverted
/// ([`super::codec::stored_unchanged`]). `None` otherwise: the caller reads the row.
pub fn as_written(table: &TableMeta, seq: i64, row: RowWrite<'_>) -> Option<StoredRow> {
    if table
        .columns
        .iter()
        .any(|c| c.spec.kind == ColumnKind::Relationship)
    {
        return None;
    }
    let mut written = row.values.into_iter();
    let mut values = Map::new();
    for column in data_columns(table) {
        let (physical, value) = written.next()?;
        let same_column =
            physical.strip_prefix('c').and_then(|n| n.parse().ok()) == Some(column.seq);
        if !same_column || !stored_unchanged(&column.spec, &value) {
            return None;
        }
        values.insert(
            column.spec.key.clone(),
            decode(&column.spec, (&value).into()),
        );
    }
    if written.next().is_some() {
        return None;
    }
    Some(StoredRow {
        seq,
        id: row.id.to_owned(),
        created_at: row.created_at.to_owned(),
        updated_at: row.updated_at.to_owned(),
        permissions: row.permissions.to_vec(),
        values,
        links: Map::new(),
    })
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
