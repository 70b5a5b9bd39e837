//! `backup`: a database's schema and rows to a directory, streamed by cursor pages (one
//! page in memory at a time), resumable where an interrupted run stopped.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::time::Instant;

use lazy_appwrite::Client;

use crate::archive::{Manifest, TableProgress};
use crate::args::BackupArgs;
use crate::error::{Failure, Result};
use crate::output::{HEADING, Output};
use crate::remote;

/// Backs the database up (or finishes the backup the directory holds).
pub(crate) async fn run(client: &Client, args: &BackupArgs, out: &mut Output<'_>) -> Result<()> {
    std::fs::create_dir_all(&args.dir)?;
    let mut manifest = match Manifest::read(&args.dir)? {
        Some(m) if !args.force && !m.complete && m.database.id == args.database => {
            out.line(&format!("resuming the backup in {}", args.dir.display()))?;
            m
        }
        Some(m) if !args.force => {
            let state = if m.complete {
                "a finished"
            } else {
                "an unfinished"
            };
            return Err(Failure::usage(format!(
                "{} holds {state} backup of `{}`: pass --force to replace it",
                args.dir.display(),
                m.database.id
            )));
        }
        _ => fresh(client, &args.database).await?,
    };
    manifest.write(&args.dir)?;
    let started = Instant::now();
    let mut total = 0;
    for table in manifest.tables.clone() {
        let progress = manifest
            .progress
            .entry(table.id.clone())
            .or_default()
            .clone();
        let rows = back_up_table(client, args, &mut manifest, &table, progress, out).await?;
        total += rows;
    }
    manifest.complete = true;
    manifest.write(&args.dir)?;
    let seconds = started.elapsed().as_secs_f64();
    out.styled(
        HEADING,
        &format!(
            "backed up {total} row(s) of {} table(s) to {} in {seconds:.1} s ({:.0} rows/s)",
            manifest.tables.len(),
            args.dir.display(),
            rate(total, seconds)
        ),
    )
}

/// Rows per second.
pub(crate) fn rate(rows: u64, seconds: f64) -> f64 {
    if seconds > 0.0 {
        #[allow(clippy::cast_precision_loss)]
        let rows = rows as f64;
        rows / seconds
    } else {
        0.0
    }
}

/// A new manifest of database `database`.
async fn fresh(client: &Client, database: &str) -> Result<Manifest> {
    let entry = remote::databases(client)
        .await?
        .into_iter()
        .find(|d| d.id == database)
        .ok_or_else(|| Failure::usage(format!("the server has no database `{database}`")))?;
    let tables = client.table_entries(database).await?;
    Ok(Manifest {
        database: entry,
        progress: tables
            .iter()
            .map(|t| (t.id.clone(), TableProgress::default()))
            .collect(),
        tables,
        complete: false,
    })
}

/// Appends the table's rows after its progress to its file; the rows written this run.
async fn back_up_table(
    client: &Client,
    args: &BackupArgs,
    manifest: &mut Manifest,
    table: &lazy_appwrite::schema::TableEntry,
    mut progress: TableProgress,
    out: &Output<'_>,
) -> Result<u64> {
    if progress.done {
        return Ok(0);
    }
    let dir = args.dir.as_path();
    let path = Manifest::rows_path(dir, &table.id);
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    // Whatever follows the last recorded page is a torn write of an interrupted run.
    file.set_len(progress.bytes)?;
    file.seek(SeekFrom::End(0))?;
    let bar = out.bar(0, &table.id);
    let mut written = 0;
    loop {
        let page = remote::rows_page(
            client,
            &manifest.database.id,
            table,
            progress.cursor.as_deref(),
            args.page_size,
        )
        .await?;
        let mut chunk = Vec::new();
        for row in &page {
            serde_json::to_writer(&mut chunk, row).map_err(|e| Failure::new(e.to_string()))?;
            chunk.push(b'\n');
        }
        file.write_all(&chunk)?;
        file.sync_data()?;
        let count = page.len() as u64;
        progress.rows += count;
        progress.bytes += chunk.len() as u64;
        if let Some(last) = page.last().and_then(|r| r["$id"].as_str()) {
            progress.cursor = Some(last.to_owned());
        }
        progress.done = count < args.page_size;
        written += count;
        bar.inc(count);
        manifest.progress.insert(table.id.clone(), progress.clone());
        manifest.write(dir)?;
        if progress.done {
            break;
        }
    }
    bar.finish_and_clear();
    Ok(written)
}
