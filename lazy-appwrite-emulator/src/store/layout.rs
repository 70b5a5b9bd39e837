//! The physical layout of a table's rows in SQLite.
//!
//! Every Appwrite table `T` with internal sequence `n` is the SQLite table `r{n}` with the
//! system columns below, then one column `c{m}` per Appwrite column with internal sequence
//! `m`. Physical names never contain user input.
//!
//! Relationship columns whose side stores the related row's ID have a physical column too
//! (see [`super::relations`]); they come after the data columns in every row SELECT.

use crate::schema::{ColumnKind, ColumnMeta, TableMeta};

/// System columns, in the order every row SELECT lists them.
pub const SYSTEM_COLUMNS: &str = "_seq, _id, _created, _updated, _perms";

/// Number of system columns at the start of every row SELECT.
pub const SYSTEM_COLUMN_COUNT: usize = 5;

/// The columns a row SELECT returns after the system columns: every `available`,
/// non-relationship column, in creation order.
pub fn data_columns(table: &TableMeta) -> impl Iterator<Item = &ColumnMeta> {
    table
        .columns
        .iter()
        .filter(|c| c.is_available() && c.spec.kind != ColumnKind::Relationship)
}

/// The relationship columns a row SELECT returns after the data columns: every
/// `available` relationship column whose side stores the related row's ID, in creation
/// order.
pub fn link_columns(table: &TableMeta) -> impl Iterator<Item = &ColumnMeta> {
    table.columns.iter().filter(|c| {
        c.is_available()
            && super::relations::spec_of(c)
                .is_some_and(|s| s.holding() == super::relations::Holding::Stored)
    })
}

/// The SELECT list for rows of `table`: `_seq, _id, _created, _updated, _perms, c1, c2, …`
/// (data columns, then relationship ID columns).
pub fn select_list(table: &TableMeta) -> String {
    let mut list = String::from(SYSTEM_COLUMNS);
    for column in data_columns(table).chain(link_columns(table)) {
        list.push_str(", ");
        list.push_str(&column.physical());
    }
    list
}

/// The physical column for a system attribute (`$id`, `$sequence`, `$createdAt`, `$updatedAt`).
pub fn system_column(attribute: &str) -> Option<&'static str> {
    Some(match attribute {
        "$id" => "_id",
        "$sequence" => "_seq",
        "$createdAt" => "_created",
        "$updatedAt" => "_updated",
        _ => return None,
    })
}
