//! One sync of one table: read it, create it or diff it, apply, wait, and check again
//! until the server matches the model.

use super::apply::apply;
use super::diff::{Mode, diff, diff_deferring, missing_table};
use super::plan::{Change, Plan};
use super::remote::{Created, Remote, create_database, create_table, lists_inline, read};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::schema::TableSchema;

/// How many read → change → wait rounds a sync may take before it gives up. One is the
/// rule; more happen when a concurrent process changes the table meanwhile.
const MAX_ROUNDS: usize = 4;

/// Makes the table match `schema` and returns what it changed, except for creating the
/// columns `defer` names, and whether one of those was missing (left for a later sync).
/// `client` must act with the API key.
pub(crate) async fn sync_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    mode: Mode,
    defer: &[&str],
) -> Result<(Plan, bool)> {
    let mut plan = Plan::new(database, schema.id);
    let mut remote = read(client, database, schema.id).await?;
    // Creating the database and the table are steps of their own; the rounds count diffs.
    let mut rounds = 0;
    let mut creations = 0;
    loop {
        let table = match remote {
            Remote::MissingDatabase => {
                creations += 1;
                if creations > MAX_ROUNDS {
                    break;
                }
                if create_database(client, database).await? {
                    plan.changes.push(Change::CreateDatabase {
                        database: database.to_owned(),
                    });
                }
                remote = Remote::MissingTable;
                continue;
            }
            Remote::MissingTable => {
                creations += 1;
                if creations > MAX_ROUNDS {
                    break;
                }
                match create_table(client, database, schema).await? {
                    Created::Table(table) => {
                        plan.changes.extend(
                            missing_table(schema)
                                .into_iter()
                                .filter(|c| matches!(c, Change::CreateTable { .. })),
                        );
                        if lists_inline(schema, &table) {
                            table
                        } else {
                            remote = read(client, database, schema.id).await?;
                            continue;
                        }
                    }
                    Created::Exists => {
                        remote = read(client, database, schema.id).await?;
                        continue;
                    }
                    Created::NoDatabase => {
                        remote = Remote::MissingDatabase;
                        continue;
                    }
                }
            }
            Remote::Table(table) => table,
        };
        rounds += 1;
        if rounds > MAX_ROUNDS {
            break;
        }
        let diff = diff_deferring(schema, &table, mode, defer)?;
        plan.notes = diff.notes.clone();
        plan.changes.extend(diff.changes.iter().cloned());
        if diff.is_settled() {
            return Ok((plan, diff.deferred));
        }
        match apply(client, database, schema, &diff).await? {
            Some(fresh) => remote = Remote::Table(Box::new(fresh)),
            None => return Ok((plan, diff.deferred)),
        }
    }
    Err(Error::SchemaDrift {
        table: schema.id.to_owned(),
        column: None,
        reason: format!(
            "the table did not settle after {MAX_ROUNDS} rounds: another process keeps \
             changing it"
        ),
    })
}

/// What [`sync_table`] would change, without changing it.
pub(crate) async fn plan_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    mode: Mode,
) -> Result<Plan> {
    let mut plan = Plan::new(database, schema.id);
    match read(client, database, schema.id).await? {
        Remote::MissingDatabase => {
            plan.changes.push(Change::CreateDatabase {
                database: database.to_owned(),
            });
            plan.changes.extend(missing_table(schema));
        }
        Remote::MissingTable => plan.changes.extend(missing_table(schema)),
        Remote::Table(table) => {
            let diff = diff(schema, &table, mode)?;
            plan.changes = diff.changes;
            plan.notes = diff.notes;
        }
    }
    Ok(plan)
}
