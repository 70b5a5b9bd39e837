//! Reading and writing `appwrite.json` files, and picking the databases a command works on.

use std::path::Path;

use lazy_appwrite::schema::{DatabaseEntry, Document, TableEntry};
use serde_json::Value;

use crate::error::{Failure, Result};

/// The databases and tables of the `appwrite.json` at `path`.
pub(crate) fn read(path: &Path) -> Result<Document> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::usage(format!("{} is not JSON: {e}", path.display())))?;
    Document::from_json(&value).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))
}

/// Writes `document` to `path` as pretty JSON, keeping the other sections of the file
/// that is there.
pub(crate) fn write(path: &Path, mut document: Document) -> Result<()> {
    if path.is_file() {
        document.rest = read(path)?.rest;
    }
    std::fs::write(path, to_text(&document)?)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))
}

/// The document as the text of a file.
pub(crate) fn to_text(document: &Document) -> Result<String> {
    let mut text = serde_json::to_string_pretty(&document.to_json())
        .map_err(|e| Failure::new(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// One database of a file to work on: where it goes, and its tables.
pub(crate) struct Target {
    /// The database on the server.
    pub database: DatabaseEntry,
    /// Its tables, each with `database_id` set to it.
    pub tables: Vec<TableEntry>,
}

/// The databases of `document` to work on: only `only` if given, each into itself, or
/// all of them into `into` when given (then there must be exactly one).
pub(crate) fn targets(
    document: &Document,
    only: Option<&str>,
    into: Option<&str>,
) -> Result<Vec<Target>> {
    let mut ids: Vec<&str> = Vec::new();
    for id in document
        .databases
        .iter()
        .map(|d| d.id.as_str())
        .chain(document.tables.iter().map(|t| t.database_id.as_str()))
    {
        if !ids.contains(&id) && only.is_none_or(|o| o == id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Failure::usage(match only {
            Some(id) => format!("the file has no database `{id}`"),
            None => "the file has no databases or tables".to_owned(),
        }));
    }
    if into.is_some() && ids.len() > 1 {
        return Err(Failure::usage(format!(
            "--into takes one database, and the file has {}: pick one with --database",
            ids.len()
        )));
    }
    Ok(ids
        .into_iter()
        .map(|id| {
            let mut database = document
                .databases
                .iter()
                .find(|d| d.id == id)
                .cloned()
                .unwrap_or_else(|| DatabaseEntry::new(id));
            let tables = document
                .tables_in(id)
                .cloned()
                .map(|mut t| {
                    if let Some(into) = into {
                        t.database_id = into.to_owned();
                    }
                    t
                })
                .collect();
            if let Some(into) = into {
                database.id = into.to_owned();
                database.name = into.to_owned();
            }
            Target { database, tables }
        })
        .collect())
}
