//! One sync of one table: read it, create it or diff it, apply, wait, and check again
//! until the server matches the model.

use super::apply::apply;
use super::diff::{Mode, all_inline, diff, diff_deferring, missing_table};
use super::gates::{takes_inline, version_for};
use super::occupied::refuse_required_on_rows;
use super::plan::{Change, Plan};
use super::remote::{Created, Remote, create_database, create_table, lists_inline, read};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::schema::TableSchema;
use crate::version::Feature;

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
    // A table this sync created has no rows to check.
    let mut created = false;
    loop {
        let table = match remote {
            Remote::MissingDatabase => {
                creations += 1;
                if creations > MAX_ROUNDS {
                    break;
                }
                // Nothing is created for a table the server cannot hold.
                version_for(client, schema, schema.columns).await?;
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
                let version = version_for(client, schema, schema.columns).await?;
                let inline = takes_inline(&version);
                let describe = version.has(Feature::Descriptions);
                match create_table(client, database, schema, inline, describe).await? {
                    Created::Table(table) => {
                        created = true;
                        plan.changes.extend(
                            missing_table(schema, inline)
                                .into_iter()
                                .filter(|c| matches!(c, Change::CreateTable { .. })),
                        );
                        if lists_inline(schema, &table, inline) {
                            table
                        } else if inline && all_inline(schema) {
                            // A create-table with inline columns is all or nothing, and
                            // they are `available` at once (real 1.9.6 servers answer
                            // with empty lists all the same): nothing is left to do.
                            return Ok((plan, false));
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
        plan.changes.extend(diff.changes().cloned());
        if diff.is_settled() {
            return Ok((plan, diff.deferred));
        }
        if !created {
            refuse_required_on_rows(client, database, schema, &diff).await?;
        }
        if diff.created_columns().next().is_some() {
            version_for(client, schema, diff.created_columns()).await?;
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

/// What [`sync_table`] would change, without changing it, in the order it would: the
/// creation of the columns `defer` names comes last, as the later pass that makes them.
pub(crate) async fn plan_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    mode: Mode,
    defer: &[&str],
) -> Result<Plan> {
    let mut plan = Plan::new(database, schema.id);
    match read(client, database, schema.id).await? {
        Remote::MissingDatabase => {
            plan.changes.push(Change::CreateDatabase {
                database: database.to_owned(),
            });
            let version = version_for(client, schema, schema.columns).await?;
            plan.changes
                .extend(missing_table(schema, takes_inline(&version)));
        }
        Remote::MissingTable => {
            let version = version_for(client, schema, schema.columns).await?;
            plan.changes
                .extend(missing_table(schema, takes_inline(&version)));
        }
        Remote::Table(table) => {
            let diff = diff(schema, &table, mode)?;
            refuse_required_on_rows(client, database, schema, &diff).await?;
            if diff.created_columns().next().is_some() {
                version_for(client, schema, diff.created_columns()).await?;
            }
            plan.changes = diff.changes().cloned().collect();
            plan.notes = diff.notes;
        }
    }
    let (deferred, first): (Vec<Change>, Vec<Change>) = plan.changes.into_iter().partition(
        |c| matches!(c, Change::CreateColumn { column } if defer.contains(&column.as_str())),
    );
    plan.changes = first;
    plan.changes.extend(deferred);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::columns::{BooleanColumn, StringColumn};
    use crate::response::IndexType;
    use crate::schema::{ColumnSchema, ColumnType, IndexKind, IndexSchema};

    const COLUMNS: &[ColumnSchema] = &[
        ColumnSchema::new(
            "name",
            ColumnType::String {
                size: 64,
                encrypt: false,
            },
        ),
        ColumnSchema::new(
            "age",
            ColumnType::Integer {
                min: None,
                max: None,
            },
        ),
    ];
    const INDEXES: &[IndexSchema] = &[
        IndexSchema::new("by_name", IndexKind::Key, &["name"]),
        IndexSchema::new("by_age", IndexKind::Key, &["age"]),
    ];
    static SCHEMA: TableSchema = TableSchema::new("people", "people")
        .columns(COLUMNS)
        .indexes(INDEXES);

    /// A destructive sync makes exactly the changes its plan shows, drops included, in
    /// the same order; afterwards nothing is left to plan.
    #[tokio::test(flavor = "current_thread")]
    async fn a_destructive_sync_does_what_its_plan_shows() {
        let (emulator, client) = super::super::testing::emulated(Some("1.9.6")).await;
        client.databases().create("db", "db").await.unwrap();
        client
            .tables("db")
            .create("people", "people")
            .await
            .unwrap();
        let columns = client.columns("db", "people");
        columns
            .create(&StringColumn::new("name", 32))
            .await
            .unwrap();
        columns.create(&BooleanColumn::new("legacy")).await.unwrap();
        let indexes = client.indexes("db", "people");
        for (key, kind, column) in [
            ("by_name", IndexType::Unique, "name"),
            ("by_legacy", IndexType::Key, "legacy"),
        ] {
            indexes.create(key, kind, [column]).await.unwrap();
        }

        let mode = Mode::Destructive;
        let planned = plan_table(&client, "db", &SCHEMA, mode, &[]).await.unwrap();
        let (synced, _) = sync_table(&client, "db", &SCHEMA, mode, &[]).await.unwrap();
        assert_eq!(synced.changes, planned.changes);
        let shown: Vec<String> = planned.changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "drop index `by_legacy`",
                "drop column `legacy`",
                "update column `name`: size 32 → 64",
                "create column `age`",
                "create index `by_age`",
                "recreate index `by_name` (the model declares key on (name), the server has \
                 unique on (name))",
            ]
        );
        let after = plan_table(&client, "db", &SCHEMA, mode, &[]).await.unwrap();
        assert!(after.changes.is_empty(), "{after}");
        emulator.shutdown().await;
    }
}
