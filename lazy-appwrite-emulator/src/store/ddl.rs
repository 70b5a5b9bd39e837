//! Physical SQLite schema changes. Every name here is built from internal sequences
//! (`r{n}`, `c{m}`, `i{k}`, `f{k}`), never from user input.

use rusqlite::Connection;

use super::codec::sql_type;
use super::layout::system_column;
use crate::error::ApiResult;
use crate::schema::{ColumnSpec, IndexKind, IndexMeta, TableMeta};

/// Creates the row table `r{seq}` with the system columns.
pub fn create_row_table(conn: &Connection, seq: i64) -> ApiResult<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE r{seq} (
            _seq INTEGER PRIMARY KEY AUTOINCREMENT,
            _id TEXT NOT NULL UNIQUE COLLATE NOCASE,
            _created TEXT NOT NULL,
            _updated TEXT NOT NULL,
            _perms TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX r{seq}_created ON r{seq}(_created);
        CREATE INDEX r{seq}_updated ON r{seq}(_updated);"
    ))?;
    Ok(())
}

/// Drops the row table `r{seq}`.
pub fn drop_row_table(conn: &Connection, seq: i64) -> ApiResult<()> {
    conn.execute_batch(&format!("DROP TABLE IF EXISTS r{seq};"))?;
    Ok(())
}

/// Adds the physical column `c{column_seq}` to `r{table_seq}`.
pub fn add_column(
    conn: &Connection,
    table_seq: i64,
    column_seq: i64,
    spec: &ColumnSpec,
) -> ApiResult<()> {
    conn.execute_batch(&format!(
        "ALTER TABLE r{table_seq} ADD COLUMN c{column_seq} {};",
        sql_type(spec)
    ))?;
    Ok(())
}

/// Drops the physical column `c{column_seq}` (indexes over it must be gone first).
pub fn drop_column(conn: &Connection, table_seq: i64, column_seq: i64) -> ApiResult<()> {
    conn.execute_batch(&format!(
        "ALTER TABLE r{table_seq} DROP COLUMN c{column_seq};"
    ))?;
    Ok(())
}

/// The physical columns an index covers, in order, or `None` if one no longer exists.
fn physical_columns(table: &TableMeta, index: &IndexMeta) -> Option<Vec<String>> {
    index
        .spec
        .columns
        .iter()
        .map(|key| {
            system_column(key)
                .map(str::to_string)
                .or_else(|| table.column(key).map(|c| c.physical()))
        })
        .collect()
}

/// Builds an index physically. A unique index over duplicate values fails with the
/// message the index's `error` field reports.
pub fn build_index(conn: &Connection, table: &TableMeta, index: &IndexMeta) -> Result<(), String> {
    let Some(columns) = physical_columns(table, index) else {
        return Err("Index refers to a column that does not exist".into());
    };
    let (n, k) = (table.seq, index.seq);
    let sql = match index.spec.kind {
        IndexKind::Key | IndexKind::Unique => {
            let unique = if index.spec.kind == IndexKind::Unique {
                "UNIQUE "
            } else {
                ""
            };
            let list: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let desc = index
                        .spec
                        .orders
                        .get(i)
                        .and_then(Option::as_deref)
                        .is_some_and(|o| o.eq_ignore_ascii_case("desc"));
                    format!("{c}{}", if desc { " DESC" } else { "" })
                })
                .collect();
            format!("CREATE {unique}INDEX i{k} ON r{n}({});", list.join(", "))
        }
        IndexKind::Fulltext => {
            let list = columns.join(", ");
            // The FTS5 table holds only the words InnoDB would index (see `fulltext`).
            let ft = crate::query::fulltext::SQL_FUNCTION;
            let wrap = |prefix: &str| -> String {
                columns
                    .iter()
                    .map(|c| format!("{ft}({prefix}{c})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (new_list, old_list, all_list) = (wrap("new."), wrap("old."), wrap(""));
            format!(
                "CREATE VIRTUAL TABLE f{k} USING fts5({list}, content='r{n}', content_rowid='_seq');
                CREATE TRIGGER f{k}_ai AFTER INSERT ON r{n} BEGIN
                    INSERT INTO f{k}(rowid, {list}) VALUES (new._seq, {new_list});
                END;
                CREATE TRIGGER f{k}_ad AFTER DELETE ON r{n} BEGIN
                    INSERT INTO f{k}(f{k}, rowid, {list}) VALUES ('delete', old._seq, {old_list});
                END;
                CREATE TRIGGER f{k}_au AFTER UPDATE ON r{n} BEGIN
                    INSERT INTO f{k}(f{k}, rowid, {list}) VALUES ('delete', old._seq, {old_list});
                    INSERT INTO f{k}(rowid, {list}) VALUES (new._seq, {new_list});
                END;
                INSERT INTO f{k}(rowid, {list}) SELECT _seq, {all_list} FROM r{n};"
            )
        }
        // Spatial predicates are computed in Rust; there is no physical structure to build.
        IndexKind::Spatial => return Ok(()),
    };
    conn.execute_batch(&sql).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            DUPLICATE_VALUES.to_string()
        }
        other => other.to_string(),
    })
}

/// The failure of a unique index over rows that repeat a value.
pub const DUPLICATE_VALUES: &str = "Duplicate values found for the unique index";

/// Drops an index's physical structures (if they exist).
pub fn drop_index(conn: &Connection, index: &IndexMeta) -> ApiResult<()> {
    let k = index.seq;
    conn.execute_batch(&format!(
        "DROP INDEX IF EXISTS i{k};
         DROP TRIGGER IF EXISTS f{k}_ai;
         DROP TRIGGER IF EXISTS f{k}_ad;
         DROP TRIGGER IF EXISTS f{k}_au;
         DROP TABLE IF EXISTS f{k};"
    ))?;
    Ok(())
}
