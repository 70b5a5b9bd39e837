//! `plan`, `sync` and `import`: an `appwrite.json`'s tables against the server, through
//! the library's sync engine (the same diff, the same never-destroy default).

use lazy_appwrite::Client;
use lazy_appwrite::schema::TableSchema;
use lazy_appwrite::sync::{Change, Plan};

use crate::args::{ImportArgs, SchemaArgs};
use crate::error::Result;
use crate::output::{ADDED, HEADING, NOTE, Output, REMOVED};
use crate::schema_file::{self, Target};
use crate::{remote, statics};

/// The schemas of a target's tables, for the engine. Partner columns of two-way
/// relationships are left to the side that declares the relationship.
fn schemas(target: &Target) -> Result<Vec<&'static TableSchema>> {
    target.tables.iter().map(statics::table_schema).collect()
}

/// `plan`: what `sync` would change.
pub(crate) async fn plan(client: &Client, args: &SchemaArgs, out: &mut Output<'_>) -> Result<()> {
    let document = schema_file::read(&args.file)?;
    let mut changes = 0;
    for target in schema_file::targets(&document, args.database.as_deref(), args.into.as_deref())? {
        let plans = client
            .plan_tables(&target.database.id, &schemas(&target)?, args.destructive)
            .await?;
        changes += print_plans(&plans, out)?;
    }
    summary(changes, "to make", out)
}

/// `sync`: makes the server match the file.
pub(crate) async fn sync(client: &Client, args: &SchemaArgs, out: &mut Output<'_>) -> Result<()> {
    let document = schema_file::read(&args.file)?;
    let targets = schema_file::targets(&document, args.database.as_deref(), args.into.as_deref())?;
    let changes = apply(client, &targets, args.destructive, out).await?;
    summary(changes, "made", out)
}

/// `import`: creates the file's databases and tables (a sync that never deletes).
pub(crate) async fn import(client: &Client, args: &ImportArgs, out: &mut Output<'_>) -> Result<()> {
    let document = schema_file::read(&args.file)?;
    let targets = schema_file::targets(&document, args.database.as_deref(), args.into.as_deref())?;
    let changes = apply(client, &targets, false, out).await?;
    let tables: usize = targets.iter().map(|t| t.tables.len()).sum();
    out.styled(
        HEADING,
        &format!(
            "imported {tables} table(s) into {} database(s): {changes} change(s)",
            targets.len()
        ),
    )
}

/// Syncs every target; how many changes it made.
async fn apply(
    client: &Client,
    targets: &[Target],
    destructive: bool,
    out: &mut Output<'_>,
) -> Result<usize> {
    let mut changes = 0;
    for target in targets {
        let bar = out.bar(target.tables.len() as u64, &target.database.id);
        if remote::ensure_database(client, &target.database).await? {
            out.styled(ADDED, &format!("create database `{}`", target.database.id))?;
            changes += 1;
        }
        let plans = client
            .sync_tables(&target.database.id, &schemas(target)?, destructive)
            .await?;
        bar.finish_and_clear();
        changes += print_plans(&plans, out)?;
    }
    Ok(changes)
}

/// Prints the plans, colored by what they do; how many changes they hold.
pub(crate) fn print_plans(plans: &[Plan], out: &mut Output<'_>) -> Result<usize> {
    let mut changes = 0;
    for plan in plans {
        out.styled(
            HEADING,
            &format!("table `{}` in database `{}`:", plan.table, plan.database),
        )?;
        if plan.changes.is_empty() && plan.notes.is_empty() {
            out.line("  up to date")?;
        }
        for change in &plan.changes {
            let style = match change {
                Change::DropColumn { .. } | Change::DropIndex { .. } => REMOVED,
                _ => ADDED,
            };
            out.styled(style, &format!("  {change}"))?;
            changes += 1;
        }
        for note in &plan.notes {
            out.styled(NOTE, &format!("  note: {note}"))?;
        }
    }
    Ok(changes)
}

fn summary(changes: usize, verb: &str, out: &mut Output<'_>) -> Result<()> {
    if changes == 0 {
        out.styled(HEADING, "no changes: the server matches the file")
    } else {
        out.styled(HEADING, &format!("{changes} change(s) {verb}"))
    }
}
