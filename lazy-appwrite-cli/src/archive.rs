//! The backup directory: `manifest.json` (the database, its tables as `appwrite.json`
//! entries, and how far the backup got) and one `<table>.ndjson` per table, a row per
//! line. Progress files are written whole to a temporary file and renamed, so an
//! interruption leaves the last complete one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lazy_appwrite::schema::{DatabaseEntry, TableEntry};
use serde_json::{Value, json};

use crate::error::{Failure, Result};

/// What the manifest's `format` says.
pub(crate) const FORMAT: &str = "lazy-appwrite-backup/1";

/// How far one table's backup got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TableProgress {
    /// Rows written.
    pub rows: u64,
    /// Bytes of the NDJSON file holding them (anything after is a torn write).
    pub bytes: u64,
    /// The ID of the last row written.
    pub cursor: Option<String>,
    /// Whether every row is written.
    pub done: bool,
}

/// A backup's manifest.
#[derive(Debug, Clone)]
pub(crate) struct Manifest {
    pub database: DatabaseEntry,
    pub tables: Vec<TableEntry>,
    pub progress: BTreeMap<String, TableProgress>,
    /// Whether every table is done.
    pub complete: bool,
}

impl Manifest {
    pub(crate) fn path(dir: &Path) -> PathBuf {
        dir.join("manifest.json")
    }

    /// The NDJSON file of table `table`.
    pub(crate) fn rows_path(dir: &Path, table: &str) -> PathBuf {
        dir.join(format!("{table}.ndjson"))
    }

    pub(crate) fn to_json(&self) -> Value {
        let progress: serde_json::Map<String, Value> = self
            .progress
            .iter()
            .map(|(table, p)| {
                let value =
                    json!({"rows": p.rows, "bytes": p.bytes, "cursor": p.cursor, "done": p.done});
                (table.clone(), value)
            })
            .collect();
        json!({
            "format": FORMAT,
            "database": self.database.to_json(),
            "tables": self.tables.iter().map(TableEntry::to_json).collect::<Vec<_>>(),
            "progress": progress,
            "complete": self.complete,
        })
    }

    /// The manifest in `dir`, if there is one.
    pub(crate) fn read(dir: &Path) -> Result<Option<Self>> {
        let path = Self::path(dir);
        if !path.is_file() {
            return Ok(None);
        }
        let bad = |e: String| Failure::new(format!("{}: {e}", path.display()));
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)
            .map_err(|e| bad(e.to_string()))?;
        if value["format"] != FORMAT {
            return Err(bad(format!("not a {FORMAT} manifest")));
        }
        let database = &value["database"];
        let mut entry = DatabaseEntry::new(database["$id"].as_str().unwrap_or_default());
        entry.name = database["name"].as_str().unwrap_or(&entry.id).to_owned();
        entry.enabled = database["enabled"].as_bool().unwrap_or(true);
        let tables = value["tables"]
            .as_array()
            .map(|items| items.iter().map(TableEntry::from_json).collect())
            .unwrap_or(Ok(Vec::new()))
            .map_err(bad)?;
        let progress = value["progress"]
            .as_object()
            .map(|map| {
                map.iter()
                    .map(|(table, p)| {
                        let progress = TableProgress {
                            rows: p["rows"].as_u64().unwrap_or(0),
                            bytes: p["bytes"].as_u64().unwrap_or(0),
                            cursor: p["cursor"].as_str().map(str::to_owned),
                            done: p["done"].as_bool().unwrap_or(false),
                        };
                        (table.clone(), progress)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Some(Self {
            database: entry,
            tables,
            progress,
            complete: value["complete"].as_bool().unwrap_or(false),
        }))
    }

    /// Writes the manifest to `dir`.
    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        write_json(&Self::path(dir), &self.to_json())
    }
}

/// Writes `value` to `path` through a temporary file and a rename.
pub(crate) fn write_json(path: &Path, value: &Value) -> Result<()> {
    let temporary = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::new(e.to_string()))?;
    std::fs::write(&temporary, text + "\n")?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}
