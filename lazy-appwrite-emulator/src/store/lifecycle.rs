//! The emulated worker: columns and indexes move from `processing` to `available` (or
//! `failed`), and from `deleting` to gone, once their delay has passed.
//!
//! There is no background thread: the change is applied by the first request that looks
//! at the table after it is due, inside that request's transaction.

use super::entries;
use super::relations::{self, RelationType};
use super::{Tx, ddl};
use crate::error::ApiResult;
use crate::schema::{ColumnMeta, Status, TableMeta};

/// Whether any column or index of `table` has a status change due at `now_ms`.
pub fn is_due(table: &TableMeta, now_ms: i64) -> bool {
    let due = |ready_at: Option<i64>| ready_at.is_some_and(|t| t <= now_ms);
    table.columns.iter().any(|c| due(c.ready_at)) || table.indexes.iter().any(|i| due(i.ready_at))
}

/// Applies every status change of `table` that is due at `now_ms`.
pub fn settle(tx: &mut Tx<'_>, table: &TableMeta, now_ms: i64) -> ApiResult<()> {
    let due = |ready_at: Option<i64>| ready_at.is_some_and(|t| t <= now_ms);
    // Columns first: an index may wait on a column that becomes available now.
    for column in table.columns.iter().filter(|c| due(c.ready_at)) {
        match column.status {
            Status::Processing => match fails_on_itself(table, column) {
                Some(true) => {
                    let error = tx.profile.self_relationship_index_error(&column.spec.key);
                    entries::mark_column(tx, column.seq, Status::Failed, &error, None)?
                }
                Some(false) => entries::mark_column(tx, column.seq, Status::Processing, "", None)?,
                None => entries::mark_column(tx, column.seq, Status::Available, "", None)?,
            },
            Status::Deleting => {
                remove_from_indexes(tx, table, &column.spec.key)?;
                if column.spec.kind != crate::schema::ColumnKind::Relationship {
                    ddl::drop_column(&tx.sql, table.seq, column.seq)?;
                }
                entries::remove_column(tx, column.seq)?;
            }
            _ => entries::mark_column(tx, column.seq, column.status, &column.error, None)?,
        }
    }
    for index in table.indexes.iter().filter(|i| due(i.ready_at)) {
        match index.status {
            Status::Processing => match ddl::build_index(&tx.sql, table, index) {
                Ok(()) => entries::mark_index(tx, index.seq, Status::Available, "", None)?,
                Err(error) if error == ddl::DUPLICATE_VALUES => {
                    match tx.profile.failed_unique_index_error() {
                        Some(message) => {
                            entries::mark_index(tx, index.seq, Status::Failed, message, None)?
                        }
                        // Reported available, though nothing enforces it.
                        None => entries::mark_index(tx, index.seq, Status::Available, "", None)?,
                    }
                }
                Err(error) => entries::mark_index(tx, index.seq, Status::Failed, &error, None)?,
            },
            Status::Deleting => {
                ddl::drop_index(&tx.sql, index)?;
                entries::remove_index(tx, index.seq)?;
            }
            _ => entries::mark_index(tx, index.seq, index.status, &index.error, None)?,
        }
    }
    Ok(())
}

/// Whether `column` belongs to a oneToOne or manyToOne relationship of `table` with itself,
/// which Appwrite's worker cannot finish (tour-relationships.jsonl 1.8.1 seq 653–679): utopia
/// writes the table's metadata twice, from two copies, so the parent column is lost before
/// its index is built, and the failure leaves the partner unprocessed. `Some(true)` for the
/// parent (it fails), `Some(false)` for the partner (it stays `processing`).
fn fails_on_itself(table: &TableMeta, column: &ColumnMeta) -> Option<bool> {
    let spec = relations::spec_of(column)?;
    let indexed = matches!(
        spec.relation(),
        RelationType::OneToOne | RelationType::ManyToOne
    );
    (indexed && spec.related_table.eq_ignore_ascii_case(&table.id)).then(|| spec.is_parent())
}

/// Takes a column out of every index that covers it, as Appwrite's worker does: an index
/// left with no columns is dropped, and so is one left with the columns and orders of
/// another index (lengths do not count; indexes.jsonl 1.8.1 seq 916: `[title, price]`
/// becomes `[title]` like `idx_title_len`, and goes). The others are rebuilt without it.
/// Lengths and orders lose every entry equal to the removed one (PHP `array_diff`).
fn remove_from_indexes(tx: &mut Tx<'_>, table: &TableMeta, key: &str) -> ApiResult<()> {
    for index in &table.indexes {
        let Some(pos) = index
            .spec
            .columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(key))
        else {
            continue;
        };
        ddl::drop_index(&tx.sql, index)?;
        let mut spec = index.spec.clone();
        spec.columns.remove(pos);
        if let Some(removed) = spec.orders.get(pos).cloned() {
            spec.orders.retain(|o| *o != removed);
        }
        if let Some(removed) = spec.lengths.get(pos).copied() {
            spec.lengths.retain(|l| *l != removed);
        }
        let duplicate = table.indexes.iter().any(|other| {
            other.spec.key != spec.key
                && other.spec.columns == spec.columns
                && other.spec.orders == spec.orders
        });
        if spec.columns.is_empty() || duplicate {
            entries::remove_index(tx, index.seq)?;
            continue;
        }
        entries::update_index(tx, index.seq, &spec)?;
        if index.status == Status::Available {
            // The new spec no longer names the column, so the table as it is serves.
            let mut rebuilt = index.clone();
            rebuilt.spec = spec;
            if let Err(error) = ddl::build_index(&tx.sql, table, &rebuilt) {
                entries::mark_index(tx, index.seq, Status::Failed, &error, None)?;
            }
        }
    }
    Ok(())
}
