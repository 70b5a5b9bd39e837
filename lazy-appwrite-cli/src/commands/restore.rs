//! `restore`: a backup directory into a database. The schema goes through the sync
//! engine; rows are written as they were (IDs, permissions, values, `$createdAt` and
//! `$updatedAt`) with bulk upserts where Appwrite allows them, and relationships last,
//! once every row exists, with the row's `$updatedAt` again so that setting them does not
//! move it. `$sequence` is the server's own. Progress is kept in the directory until the
//! restore is done, so an interrupted restore goes on where it stopped.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use lazy_appwrite::Client;
use lazy_appwrite::schema::TableEntry;
use serde_json::{Map, Value, json};

use super::backup::rate;
use crate::archive::{Manifest, write_json};
use crate::args::RestoreArgs;
use crate::error::{Failure, Result};
use crate::output::{ADDED, HEADING, Output};
use crate::{remote, statics};

/// Rows written per request (Appwrite's bulk limit).
const BATCH: usize = 100;

/// How far a restore got: per table, rows written and rows whose relationships are set.
type Progress = BTreeMap<String, (u64, u64)>;

fn progress_path(dir: &Path, database: &str) -> PathBuf {
    dir.join(format!("restore-{database}.json"))
}

fn read_progress(path: &Path) -> Result<Progress> {
    if !path.is_file() {
        return Ok(Progress::new());
    }
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path)?)
        .map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
    Ok(value
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(t, p)| {
                    let rows = p["rows"].as_u64().unwrap_or(0);
                    (t.clone(), (rows, p["links"].as_u64().unwrap_or(0)))
                })
                .collect()
        })
        .unwrap_or_default())
}

fn write_progress(path: &Path, progress: &Progress) -> Result<()> {
    let value: Map<String, Value> = progress
        .iter()
        .map(|(t, (rows, links))| (t.clone(), json!({"rows": rows, "links": links})))
        .collect();
    write_json(path, &Value::Object(value))
}

/// The relationship keys a restore sets: each relationship once, on the side that made
/// it (the partner column follows).
fn link_keys(table: &TableEntry) -> Vec<String> {
    table
        .columns
        .iter()
        .filter(|c| c.relationship.as_ref().is_some_and(|r| !r.is_child()))
        .map(|c| c.key.clone())
        .collect()
}

/// Restores the backup.
pub(crate) async fn run(client: &Client, args: &RestoreArgs, out: &mut Output<'_>) -> Result<()> {
    let manifest = Manifest::read(&args.dir)?
        .ok_or_else(|| Failure::usage(format!("{} holds no backup", args.dir.display())))?;
    if !manifest.complete {
        return Err(Failure::usage(format!(
            "the backup in {} is unfinished: run `lazy-appwrite backup` again to finish it",
            args.dir.display()
        )));
    }
    let mut database = manifest.database.clone();
    if let Some(into) = &args.into {
        database.id.clone_from(into);
    }
    let tables: Vec<TableEntry> = manifest
        .tables
        .iter()
        .cloned()
        .map(|mut t| {
            t.database_id.clone_from(&database.id);
            t
        })
        .collect();
    if remote::ensure_database(client, &database).await? {
        out.styled(ADDED, &format!("create database `{}`", database.id))?;
    }
    let schemas = tables
        .iter()
        .map(statics::table_schema)
        .collect::<Result<Vec<_>>>()?;
    client.sync_tables(&database.id, &schemas, false).await?;

    let progress_file = progress_path(&args.dir, &database.id);
    let mut progress = read_progress(&progress_file)?;
    let started = Instant::now();
    let mut total = 0;
    for table in &tables {
        let table_started = Instant::now();
        let rows =
            restore_rows(client, &args.dir, table, &mut progress, &progress_file, out).await?;
        total += rows;
        let seconds = table_started.elapsed().as_secs_f64();
        out.line(&format!(
            "table `{}`: {rows} row(s) in {seconds:.1} s ({:.0} rows/s)",
            table.id,
            rate(rows, seconds)
        ))?;
    }
    for table in &tables {
        restore_links(client, &args.dir, table, &mut progress, &progress_file, out).await?;
    }
    // Only an interrupted restore needs it; the next one starts over (and rewrites every
    // row, which is harmless).
    if progress_file.is_file() {
        std::fs::remove_file(&progress_file)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    out.styled(
        HEADING,
        &format!(
            "restored {total} row(s) of {} table(s) into `{}` in {seconds:.1} s ({:.0} rows/s)",
            tables.len(),
            database.id,
            rate(total, seconds)
        ),
    )
}

/// The rows of the table's file, after the first `skip`.
fn lines(dir: &Path, table: &str, skip: u64) -> Result<impl Iterator<Item = Result<Value>>> {
    let path = Manifest::rows_path(dir, table);
    let file = File::open(&path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
    let skip = usize::try_from(skip).unwrap_or(usize::MAX);
    Ok(BufReader::new(file).lines().skip(skip).map(move |line| {
        let line = line?;
        serde_json::from_str(&line).map_err(|e| Failure::new(format!("{}: {e}", path.display())))
    }))
}

/// Writes the table's rows without their relationships; the rows written this run.
async fn restore_rows(
    client: &Client,
    dir: &Path,
    table: &TableEntry,
    progress: &mut Progress,
    progress_file: &Path,
    out: &Output<'_>,
) -> Result<u64> {
    let relationship_keys: Vec<&str> = remote::relationship_keys(table).collect();
    let bulk = relationship_keys.is_empty();
    let done = progress.get(&table.id).map_or(0, |p| p.0);
    let bar = out.bar(0, &table.id);
    let mut written = 0;
    let mut batch = Vec::with_capacity(BATCH);
    let mut rows = lines(dir, &table.id, done)?.peekable();
    while let Some(row) = rows.next() {
        let mut row = row?;
        if let Value::Object(map) = &mut row {
            map.retain(|k, _| !relationship_keys.contains(&k.as_str()));
        }
        batch.push(row);
        if batch.len() == BATCH || rows.peek().is_none() {
            let count = batch.len() as u64;
            remote::upsert_rows(
                client,
                &table.database_id,
                &table.id,
                bulk,
                std::mem::take(&mut batch),
            )
            .await?;
            written += count;
            bar.inc(count);
            progress.entry(table.id.clone()).or_default().0 = done + written;
            write_progress(progress_file, progress)?;
        }
    }
    bar.finish_and_clear();
    Ok(written)
}

/// Sets the relationships of the table's rows.
async fn restore_links(
    client: &Client,
    dir: &Path,
    table: &TableEntry,
    progress: &mut Progress,
    progress_file: &Path,
    out: &Output<'_>,
) -> Result<()> {
    let keys = link_keys(table);
    if keys.is_empty() {
        return Ok(());
    }
    let done = progress.get(&table.id).map_or(0, |p| p.1);
    let bar = out.bar(0, &format!("{} links", table.id));
    let mut count = done;
    for row in lines(dir, &table.id, done)? {
        let row = row?;
        let links: Map<String, Value> = keys
            .iter()
            .filter_map(|k| {
                let value = row.get(k)?;
                let empty = value.is_null() || value.as_array().is_some_and(Vec::is_empty);
                (!empty).then(|| (k.clone(), value.clone()))
            })
            .collect();
        if !links.is_empty() {
            let mut links = links;
            // Setting relationships is a change: the row keeps its `$updatedAt` only when
            // the update carries it.
            if let Some(at) = row.get("$updatedAt").filter(|at| at.is_string()) {
                links.insert("$updatedAt".to_owned(), at.clone());
            }
            let id = row["$id"].as_str().unwrap_or_default();
            remote::set_relationships(
                client,
                &table.database_id,
                &table.id,
                id,
                &Value::Object(links),
            )
            .await?;
        }
        count += 1;
        bar.inc(1);
        progress.entry(table.id.clone()).or_default().1 = count;
        if count.is_multiple_of(BATCH as u64) {
            write_progress(progress_file, progress)?;
        }
    }
    write_progress(progress_file, progress)?;
    bar.finish_and_clear();
    Ok(())
}
