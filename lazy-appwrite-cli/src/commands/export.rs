//! `export`: the server's databases and tables to an `appwrite.json`.

use lazy_appwrite::Client;
use lazy_appwrite::schema::{DatabaseEntry, Document};

use crate::args::ExportArgs;
use crate::error::{Failure, Result};
use crate::output::{HEADING, Output};
use crate::{remote, schema_file};

/// The document of databases `only` (every database when empty).
pub(crate) async fn document(
    client: &Client,
    only: &[String],
    out: &Output<'_>,
) -> Result<Document> {
    let all = remote::databases(client).await?;
    let databases: Vec<DatabaseEntry> = if only.is_empty() {
        all
    } else {
        only.iter()
            .map(|id| {
                all.iter()
                    .find(|d| &d.id == id)
                    .cloned()
                    .ok_or_else(|| Failure::usage(format!("the server has no database `{id}`")))
            })
            .collect::<Result<_>>()?
    };
    let bar = out.bar(databases.len() as u64, "databases");
    let mut tables = Vec::new();
    for database in &databases {
        tables.extend(client.table_entries(&database.id).await?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(Document::new(databases, tables))
}

/// Writes the document to the file (or standard output for `-`).
pub(crate) async fn run(client: &Client, args: &ExportArgs, out: &mut Output<'_>) -> Result<()> {
    let document = document(client, &args.database, out).await?;
    if args.out.as_os_str() == "-" {
        return out.raw(&schema_file::to_text(&document)?);
    }
    let (databases, tables) = (document.databases.len(), document.tables.len());
    schema_file::write(&args.out, document)?;
    out.styled(
        HEADING,
        &format!(
            "exported {databases} database(s) and {tables} table(s) to {}",
            args.out.display()
        ),
    )
}
