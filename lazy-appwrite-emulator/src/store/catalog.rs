//! Reading and writing the catalogue: databases, tables, columns and indexes.

use std::sync::Arc;

use rusqlite::{OptionalExtension, params};

pub use super::entries::{mark_column, mark_index, remove_column, update_index};
use super::{Tx, ddl, lifecycle, relations};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::schema::{
    ColumnMeta, ColumnSpec, DatabaseMeta, IndexMeta, IndexSpec, Status, TableMeta,
};
use crate::validate::datetime::{now, now_ms};

const DATABASE_COLUMNS: &str = "seq, id, name, enabled, kind, created, updated";

fn database_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DatabaseMeta> {
    Ok(DatabaseMeta {
        seq: row.get(0)?,
        id: row.get(1)?,
        name: row.get(2)?,
        enabled: row.get(3)?,
        kind: row.get(4)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// The database `id`, or `404 database_not_found`.
pub fn database(tx: &Tx<'_>, id: &str) -> ApiResult<DatabaseMeta> {
    tx.sql
        .query_row(
            &format!("SELECT {DATABASE_COLUMNS} FROM _databases WHERE id = ?1"),
            [id],
            database_from_row,
        )
        .optional()?
        .ok_or_else(|| ApiError::database_not_found(id))
}

/// Every database, in creation order.
pub fn databases(tx: &Tx<'_>) -> ApiResult<Vec<DatabaseMeta>> {
    let mut stmt = tx.sql.prepare(&format!(
        "SELECT {DATABASE_COLUMNS} FROM _databases ORDER BY seq"
    ))?;
    let rows = stmt.query_map([], database_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Creates a database; `409 database_already_exists` if the ID is taken.
pub fn create_database(
    tx: &mut Tx<'_>,
    id: &str,
    name: &str,
    enabled: bool,
) -> ApiResult<DatabaseMeta> {
    let exists: Option<i64> = tx
        .sql
        .query_row("SELECT seq FROM _databases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(catalogue::database_exists(id));
    }
    let at = now();
    tx.sql.execute(
        "INSERT INTO _databases (id, name, enabled, kind, created, updated) VALUES (?1, ?2, ?3, 'tablesdb', ?4, ?4)",
        params![id, name, enabled, at],
    )?;
    tx.schema_changed();
    database(tx, id)
}

/// Renames and enables or disables a database.
pub fn update_database(
    tx: &mut Tx<'_>,
    db: &DatabaseMeta,
    name: &str,
    enabled: bool,
) -> ApiResult<DatabaseMeta> {
    tx.sql.execute(
        "UPDATE _databases SET name = ?1, enabled = ?2, updated = ?3 WHERE seq = ?4",
        params![name, enabled, now(), db.seq],
    )?;
    tx.schema_changed();
    database(tx, &db.id)
}

/// Deletes a database with all its tables and their rows.
pub fn delete_database(tx: &mut Tx<'_>, db: &DatabaseMeta) -> ApiResult<()> {
    for table in tables(tx, db)? {
        delete_table(tx, &table)?;
    }
    tx.sql
        .execute("DELETE FROM _databases WHERE seq = ?1", [db.seq])?;
    tx.schema_changed();
    Ok(())
}

/// The table `table_id` of database `db_id`, with columns and indexes, after applying any
/// lifecycle change that is due. `404 database_not_found` / `table_not_found` otherwise.
pub fn table(tx: &mut Tx<'_>, db_id: &str, table_id: &str) -> ApiResult<Arc<TableMeta>> {
    if let Some(meta) = tx.cached(db_id, table_id)
        && !lifecycle::is_due(&meta, now_ms())
    {
        return Ok(meta);
    }
    let db = database(tx, db_id)?;
    let seq: i64 = tx
        .sql
        .query_row(
            "SELECT seq FROM _tables WHERE db_seq = ?1 AND id = ?2",
            params![db.seq, table_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| ApiError::table_not_found(table_id))?;
    let mut meta = load_table(tx, &db, seq)?;
    if lifecycle::is_due(&meta, now_ms()) {
        lifecycle::settle(tx, &meta, now_ms())?;
        meta = load_table(tx, &db, seq)?;
    }
    let meta = Arc::new(meta);
    tx.cache_put(meta.clone());
    Ok(meta)
}

/// Every table of `db`, in creation order, with lifecycle changes applied.
pub fn tables(tx: &mut Tx<'_>, db: &DatabaseMeta) -> ApiResult<Vec<Arc<TableMeta>>> {
    let ids: Vec<String> = {
        let mut stmt = tx
            .sql
            .prepare("SELECT id FROM _tables WHERE db_seq = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([db.seq], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    ids.iter().map(|id| table(tx, &db.id, id)).collect()
}

fn load_table(tx: &Tx<'_>, db: &DatabaseMeta, seq: i64) -> ApiResult<TableMeta> {
    let (id, name, permissions, row_security, enabled, created_at, updated_at): (
        String,
        String,
        String,
        bool,
        bool,
        String,
        String,
    ) = tx.sql.query_row(
        "SELECT id, name, permissions, row_security, enabled, created, updated FROM _tables WHERE seq = ?1",
        [seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let permissions: Vec<String> =
        serde_json::from_str(&permissions).map_err(ApiError::internal)?;
    Ok(TableMeta {
        database: db.clone(),
        seq,
        id,
        name,
        permissions,
        row_security,
        enabled,
        columns: load_columns(tx, seq)?,
        indexes: load_indexes(tx, seq)?,
        created_at,
        updated_at,
    })
}

/// One column's catalogue entry as stored, without applying due lifecycle changes (so a
/// create answer says `processing` even with no delay).
pub fn column_as_created(tx: &Tx<'_>, seq: i64) -> ApiResult<ColumnMeta> {
    load_columns_where(tx, "seq = ?1", seq)?
        .pop()
        .ok_or_else(|| ApiError::internal("new column vanished"))
}

/// One index's catalogue entry as stored, without applying due lifecycle changes.
pub fn index_as_created(tx: &Tx<'_>, seq: i64) -> ApiResult<IndexMeta> {
    load_indexes_where(tx, "seq = ?1", seq)?
        .pop()
        .ok_or_else(|| ApiError::internal("new index vanished"))
}

fn load_columns(tx: &Tx<'_>, table_seq: i64) -> ApiResult<Vec<ColumnMeta>> {
    load_columns_where(tx, "table_seq = ?1", table_seq)
}

fn load_indexes(tx: &Tx<'_>, table_seq: i64) -> ApiResult<Vec<IndexMeta>> {
    load_indexes_where(tx, "table_seq = ?1", table_seq)
}

/// A column or index entry as stored: everything but the parsed spec.
struct Entry {
    seq: i64,
    spec: String,
    status: Status,
    error: String,
    ready_at: Option<i64>,
    created_at: String,
    updated_at: String,
}

/// Entries of `_columns` or `_indexes` matching `condition` (a fixed SQL condition on one
/// bound integer), in creation order.
fn load_entries(tx: &Tx<'_>, catalogue: &str, condition: &str, arg: i64) -> ApiResult<Vec<Entry>> {
    let mut stmt = tx.sql.prepare_cached(&format!(
        "SELECT seq, spec, status, error, ready_at, created, updated FROM {catalogue} WHERE {condition} ORDER BY seq"
    ))?;
    let rows = stmt.query_map([arg], |r| {
        Ok(Entry {
            seq: r.get(0)?,
            spec: r.get(1)?,
            status: Status::parse(&r.get::<_, String>(2)?).unwrap_or(Status::Failed),
            error: r.get(3)?,
            ready_at: r.get(4)?,
            created_at: r.get(5)?,
            updated_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn load_columns_where(tx: &Tx<'_>, condition: &str, arg: i64) -> ApiResult<Vec<ColumnMeta>> {
    load_entries(tx, "_columns", condition, arg)?
        .into_iter()
        .map(|e| {
            Ok(ColumnMeta {
                seq: e.seq,
                spec: serde_json::from_str(&e.spec).map_err(ApiError::internal)?,
                status: e.status,
                error: e.error,
                ready_at: e.ready_at,
                created_at: e.created_at,
                updated_at: e.updated_at,
            })
        })
        .collect()
}

fn load_indexes_where(tx: &Tx<'_>, condition: &str, arg: i64) -> ApiResult<Vec<IndexMeta>> {
    load_entries(tx, "_indexes", condition, arg)?
        .into_iter()
        .map(|e| {
            Ok(IndexMeta {
                seq: e.seq,
                spec: serde_json::from_str(&e.spec).map_err(ApiError::internal)?,
                status: e.status,
                error: e.error,
                ready_at: e.ready_at,
                created_at: e.created_at,
                updated_at: e.updated_at,
            })
        })
        .collect()
}

/// What a new table is, before it exists.
#[derive(Debug, Clone)]
pub struct NewTable<'a> {
    /// Table ID (already resolved from `unique()`).
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Expanded table permissions.
    pub permissions: &'a [String],
    /// Row security switch.
    pub row_security: bool,
    /// Enabled switch.
    pub enabled: bool,
}

/// Creates a table (and its physical SQLite table); `409 table_already_exists` if taken.
pub fn create_table(tx: &mut Tx<'_>, db: &DatabaseMeta, new: &NewTable<'_>) -> ApiResult<i64> {
    let exists: Option<i64> = tx
        .sql
        .query_row(
            "SELECT seq FROM _tables WHERE db_seq = ?1 AND id = ?2",
            params![db.seq, new.id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(catalogue::table_exists(new.id));
    }
    let at = now();
    let permissions = serde_json::to_string(new.permissions).map_err(ApiError::internal)?;
    tx.sql.execute(
        "INSERT INTO _tables (db_seq, id, name, permissions, row_security, enabled, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![db.seq, new.id, new.name, permissions, new.row_security, new.enabled, at],
    )?;
    let seq = tx.sql.last_insert_rowid();
    ddl::create_row_table(&tx.sql, seq)?;
    tx.schema_changed();
    Ok(seq)
}

/// Replaces a table's settings.
pub fn update_table(tx: &mut Tx<'_>, table: &TableMeta, new: &NewTable<'_>) -> ApiResult<()> {
    let permissions = serde_json::to_string(new.permissions).map_err(ApiError::internal)?;
    tx.sql.execute(
        "UPDATE _tables SET name = ?1, permissions = ?2, row_security = ?3, enabled = ?4, updated = ?5 WHERE seq = ?6",
        params![new.name, permissions, new.row_security, new.enabled, now(), table.seq],
    )?;
    tx.schema_changed();
    Ok(())
}

/// Deletes a table, its rows, columns and indexes, and the partners of its relationship
/// columns on other tables.
pub fn delete_table(tx: &mut Tx<'_>, table: &TableMeta) -> ApiResult<()> {
    detach_relationships(tx, table)?;
    for index in &table.indexes {
        ddl::drop_index(&tx.sql, index)?;
    }
    ddl::drop_row_table(&tx.sql, table.seq)?;
    tx.sql
        .execute("DELETE FROM _columns WHERE table_seq = ?1", [table.seq])?;
    tx.sql
        .execute("DELETE FROM _indexes WHERE table_seq = ?1", [table.seq])?;
    tx.sql
        .execute("DELETE FROM _tables WHERE seq = ?1", [table.seq])?;
    tx.schema_changed();
    Ok(())
}

/// Adds a column in `status` (its physical SQLite column too); returns its sequence.
pub fn insert_column(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    spec: &ColumnSpec,
    status: Status,
) -> ApiResult<i64> {
    let at = now();
    let ready_at = (status != Status::Available).then(|| now_ms() + tx.delay_ms);
    let spec_json = serde_json::to_string(spec).map_err(ApiError::internal)?;
    tx.sql.execute(
        "INSERT INTO _columns (table_seq, key, spec, status, error, ready_at, created, updated) VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?6)",
        params![table.seq, spec.key, spec_json, status.as_str(), ready_at, at],
    )?;
    let seq = tx.sql.last_insert_rowid();
    if spec.kind != crate::schema::ColumnKind::Relationship {
        ddl::add_column(&tx.sql, table.seq, seq, spec)?;
    }
    tx.schema_changed();
    Ok(seq)
}

/// Replaces a column's definition (same physical column).
pub fn update_column(tx: &mut Tx<'_>, column: &ColumnMeta, spec: &ColumnSpec) -> ApiResult<()> {
    let spec_json = serde_json::to_string(spec).map_err(ApiError::internal)?;
    tx.sql.execute(
        "UPDATE _columns SET key = ?1, spec = ?2, updated = ?3 WHERE seq = ?4",
        params![spec.key, spec_json, now(), column.seq],
    )?;
    tx.schema_changed();
    Ok(())
}

/// Adds an index in `status` (built physically when it becomes available).
pub fn insert_index(
    tx: &mut Tx<'_>,
    table: &TableMeta,
    spec: &IndexSpec,
    status: Status,
) -> ApiResult<i64> {
    let at = now();
    let ready_at = (status != Status::Available).then(|| now_ms() + tx.delay_ms);
    let spec_json = serde_json::to_string(spec).map_err(ApiError::internal)?;
    tx.sql.execute(
        "INSERT INTO _indexes (table_seq, key, spec, status, error, ready_at, created, updated) VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?6)",
        params![table.seq, spec.key, spec_json, status.as_str(), ready_at, at],
    )?;
    tx.schema_changed();
    Ok(tx.sql.last_insert_rowid())
}

/// Removes everything a relationship column of a table being deleted leaves elsewhere:
/// the partner column (catalogue entry and physical column) on the related table and the
/// junction table. Called by [`delete_table`] before the table goes.
fn detach_relationships(tx: &mut Tx<'_>, table: &TableMeta) -> ApiResult<()> {
    for column in &table.columns {
        let Some(spec) = relations::spec_of(column) else {
            continue;
        };
        let related = if spec.related_table.eq_ignore_ascii_case(&table.id) {
            None
        } else {
            match self::table(tx, &table.database.id, &spec.related_table) {
                Ok(related) => Some(related),
                Err(e) if e.kind.code() == 404 => continue,
                Err(e) => return Err(e),
            }
        };
        let related_ref = related.as_deref().unwrap_or(table);
        let Some(partner) = relations::partner(table, column, related_ref) else {
            continue;
        };
        if let Some(layout) = relations::Layout::of(table, column, related_ref, partner) {
            if related.is_some() {
                relations::drop(tx, &layout)?;
            } else if let Some(j) = layout.junction() {
                tx.sql
                    .execute_batch(&format!("DROP TABLE IF EXISTS {};", j.physical()))?;
            }
        }
        if related.is_some() {
            remove_column(tx, partner.seq)?;
        }
    }
    Ok(())
}
