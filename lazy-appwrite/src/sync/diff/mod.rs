//! The diff: a declared table against the server's, as the ordered [`Step`]s that make
//! them match.
//!
//! Kinds are compared the way the server reports them (`string` + format, `double`,
//! `linestring`, see [`crate::schema::differences`]); permissions as sets, with `write`
//! expanded. What the server can change in place is healed; what it cannot (a kind or
//! array change, a shrink, encryption, a relationship's target) is a
//! [`Error::SchemaDrift`] naming the column.
//!
//! The steps come in the order they run, one pass per kind: the table's settings, the
//! deletes (extra indexes, indexes to recreate, extra columns), the column updates, the
//! column creates, the index creates, then the indexes recreated once the old one is gone.

mod columns;
mod indexes;
mod table;
#[cfg(test)]
mod tests;

use super::plan::Note;
use super::step::{Diff, Step};
use crate::error::{Error, Result};
use crate::response::{ColumnInfo, ColumnStatus, TableInfo};
use crate::schema::TableSchema;

pub(crate) use table::{all_inline, inline_columns, inline_indexes, missing_table};

/// Whether the sync may delete what the model does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Add and heal; report extras.
    Additive,
    /// Also drop extra columns and indexes.
    Destructive,
}

/// What must change on `table` for it to match `schema`.
pub(crate) fn diff(schema: &'static TableSchema, table: &TableInfo, mode: Mode) -> Result<Diff> {
    diff_deferring(schema, table, mode, &[])
}

/// [`diff`], leaving out the creation of the columns `defer` names (relationships whose
/// related table does not exist yet; a later sync creates them).
pub(crate) fn diff_deferring(
    schema: &'static TableSchema,
    table: &TableInfo,
    mode: Mode,
    defer: &[&str],
) -> Result<Diff> {
    let describe = table::reports_descriptions(table);
    let declared = pair(schema.columns, &table.columns, |c| c.key, |c| &c.key);
    columns::refuse_unready(schema, &declared)?;
    let compared = columns::compare_available(&declared, describe);
    let declared_indexes = pair(schema.indexes, &table.indexes, |i| i.key, |i| &i.key);
    refuse_drift(schema, &declared, &compared, &declared_indexes)?;

    let destructive = mode == Mode::Destructive;
    let mut steps: Vec<Step> = Vec::new();
    steps.extend(table::settings(schema, table, describe));
    if destructive {
        steps.extend(indexes::drop_extras(schema, table));
    }
    steps.extend(indexes::deletes_to_recreate(&declared_indexes));
    steps.extend(columns::waits_for_deleting(&declared));
    if destructive {
        steps.extend(columns::drop_extras(schema, table));
    }
    steps.extend(columns::updates(&compared, describe));
    let (creates, deferred) = columns::creates(&declared, defer);
    steps.extend(creates);
    let pending = columns::pending(&declared, defer);
    steps.extend(indexes::creates(&declared_indexes, &pending));
    steps.extend(indexes::recreates(&declared_indexes));
    Ok(Diff {
        describe,
        deferred,
        steps,
        notes: notes(schema, table, mode, &compared),
    })
}

/// What the sync noticed and leaves alone: enum elements only the server has, then (when
/// not destructive) the columns and indexes the model does not declare.
fn notes(
    schema: &TableSchema,
    table: &TableInfo,
    mode: Mode,
    compared: &[columns::Compared<'_>],
) -> Vec<Note> {
    let mut notes: Vec<Note> = compared
        .iter()
        .filter(|c| !c.extra_elements.is_empty())
        .map(|c| Note::ExtraEnumElements {
            column: c.column.key.to_owned(),
            elements: c.extra_elements.clone(),
        })
        .collect();
    if mode == Mode::Additive {
        notes.extend(
            columns::extras(schema, table).map(|remote| Note::ExtraColumn {
                column: remote.key.clone(),
                required: remote.required,
            }),
        );
        notes.extend(
            indexes::extras(schema, table).map(|remote| Note::ExtraIndex {
                index: remote.key.clone(),
            }),
        );
    }
    notes
}

/// Fails naming every difference the server cannot heal, columns first (in the model's
/// order), then indexes; the first one names the error's column.
fn refuse_drift(
    schema: &TableSchema,
    declared: &[Declared<'_, crate::schema::ColumnSchema, ColumnInfo>],
    compared: &[columns::Compared<'_>],
    declared_indexes: &[Declared<'_, crate::schema::IndexSchema, crate::response::ColumnIndex>],
) -> Result<()> {
    let mut drift: Vec<(String, String)> = Vec::new();
    for (column, found) in declared {
        match found {
            Found::OtherCase(remote) => drift.push((
                column.key.to_owned(),
                format!(
                    "the server has a column `{}`, whose key differs only in case (Appwrite \
                     compares keys case-insensitively)",
                    remote.key
                ),
            )),
            Found::Exact(_) => drift.extend(
                compared
                    .iter()
                    .filter(|c| c.column.key == column.key)
                    .flat_map(|c| c.drift.iter())
                    .map(|why| (column.key.to_owned(), why.clone())),
            ),
            Found::None => {}
        }
    }
    for (index, found) in declared_indexes {
        if let Found::OtherCase(remote) = found {
            drift.push((
                index.key.to_owned(),
                format!(
                    "the server has an index `{}`, whose key differs only in case",
                    remote.key
                ),
            ));
        }
    }
    let Some((column, _)) = drift.first() else {
        return Ok(());
    };
    Err(Error::SchemaDrift {
        table: schema.id.to_owned(),
        column: Some(column.clone()),
        reason: drift
            .iter()
            .map(|(c, why)| format!("`{c}`: {why}"))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// What the server has of a declared item.
pub(super) enum Found<'a, T> {
    /// An item with the same key.
    Exact(&'a T),
    /// An item whose key differs only in case (Appwrite compares keys that way).
    OtherCase(&'a T),
    /// Nothing.
    None,
}

/// A declared item with what the server has of it.
pub(super) type Declared<'a, D, R> = (&'static D, Found<'a, R>);

/// Each declared item, in the model's order, with what the server has of it.
fn pair<'a, D, R>(
    declared: &'static [D],
    remote: &'a [R],
    key: impl Fn(&D) -> &str,
    remote_key: impl Fn(&R) -> &String,
) -> Vec<Declared<'a, D, R>> {
    declared
        .iter()
        .map(|item| (item, find(remote, key(item), &remote_key)))
        .collect()
}

fn find<'a, T>(items: &'a [T], key: &str, key_of: impl Fn(&T) -> &String) -> Found<'a, T> {
    if let Some(item) = items.iter().find(|i| key_of(i) == key) {
        return Found::Exact(item);
    }
    match items.iter().find(|i| key_of(i).eq_ignore_ascii_case(key)) {
        Some(item) => Found::OtherCase(item),
        None => Found::None,
    }
}

/// A status as shown in an error: with the server's error text when it has one.
pub(crate) fn status_text(status: &ColumnStatus, error: &str) -> String {
    if error.is_empty() {
        status.to_string()
    } else {
        format!("{status}: {error}")
    }
}
