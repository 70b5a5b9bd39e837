//! Planning and syncing schemas built at run time (read from a file rather than declared
//! with `#[derive(Table)]`), several tables of one database at once.

use super::diff::Mode;
use super::engine::plan_table;
use super::plan::{Change, Plan};
use super::related::dependency_order;
use super::remote::read_existing;
use super::run_sync;
use crate::api::Tables;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::schema::{ColumnType, TableEntry, TableSchema, table_entry};

/// Tables listed per request.
const PAGE: u64 = 100;

/// The tables of database `database` as the server has them, as `appwrite.json` entries
/// (see [`Client::table_entries`]).
pub(crate) async fn table_entries(client: &Client, database: &str) -> Result<Vec<TableEntry>> {
    let admin = client.with_key();
    let api = Tables::new(admin.clone(), database.into());
    let mut ids: Vec<String> = Vec::new();
    loop {
        let mut request = api.list().query(Query::limit(PAGE)).total(false);
        if let Some(last) = ids.last() {
            request = request.query(Query::cursor_after(last.clone()));
        }
        let page = request.await?.tables;
        let full = page.len() as u64 >= PAGE;
        ids.extend(page.into_iter().map(|t| t.id));
        if !full {
            break;
        }
    }
    let mut entries = Vec::with_capacity(ids.len());
    for id in &ids {
        let table = read_existing(&admin, database, id).await?;
        entries.push(table_entry(&table).map_err(|reason| Error::Decode {
            operation: "tables.get",
            table: Some(id.clone()),
            path: ".".into(),
            reason,
            outcome: None,
            row: None,
        })?);
    }
    Ok(entries)
}

/// What [`sync_tables`] would change, one plan per table, without changing anything
/// (see [`Client::plan_tables`]).
pub(crate) async fn plan_tables(
    client: &Client,
    database: &str,
    schemas: &[&'static TableSchema],
    destructive: bool,
) -> Result<Vec<Plan>> {
    let admin = client.with_key();
    let mut present: Vec<&str> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    // The order and the deferred columns of `sync_tables`, so the two agree.
    for schema in dependency_order(schemas.to_vec()) {
        let defer = deferred(schema, &present, schemas);
        let mut plan = plan_table(&admin, database, schema, mode(destructive), &defer).await?;
        present.push(schema.id);
        if plans.iter().any(creates_database) {
            // Said once, in the first plan.
            plan.changes
                .retain(|c| !matches!(c, Change::CreateDatabase { .. }));
        }
        plans.push(plan);
    }
    Ok(plans)
}

/// Makes the tables of database `database` match `schemas`, related tables first (see
/// [`Client::sync_tables`]).
pub(crate) async fn sync_tables(
    client: &Client,
    database: &str,
    schemas: &[&'static TableSchema],
    destructive: bool,
) -> Result<Vec<Plan>> {
    let mut present: Vec<&str> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    let mut later: Vec<(usize, &'static TableSchema)> = Vec::new();
    for schema in dependency_order(schemas.to_vec()) {
        let defer = deferred(schema, &present, schemas);
        let (plan, deferred) =
            run_sync(client, database, schema, mode(destructive), &defer).await?;
        present.push(schema.id);
        if deferred {
            later.push((plans.len(), schema));
        }
        plans.push(plan);
    }
    for (at, schema) in later {
        let (rest, _) = run_sync(client, database, schema, mode(destructive), &[]).await?;
        if let Some(plan) = plans.get_mut(at) {
            plan.changes.extend(rest.changes);
            plan.notes = rest.notes;
        }
    }
    Ok(plans)
}

/// The relationship columns of `schema` whose related table is one of `schemas` not yet
/// among `present`: its first pass leaves them out, and a later pass creates them.
fn deferred(
    schema: &'static TableSchema,
    present: &[&str],
    schemas: &[&'static TableSchema],
) -> Vec<&'static str> {
    schema
        .columns
        .iter()
        .filter(|c| match c.kind {
            ColumnType::Relationship(rel) => {
                rel.related_table != schema.id
                    && !present.contains(&rel.related_table)
                    && schemas.iter().any(|s| s.id == rel.related_table)
            }
            _ => false,
        })
        .map(|c| c.key)
        .collect()
}

fn mode(destructive: bool) -> Mode {
    if destructive {
        Mode::Destructive
    } else {
        Mode::Additive
    }
}

fn creates_database(plan: &Plan) -> bool {
    plan.changes
        .iter()
        .any(|c| matches!(c, Change::CreateDatabase { .. }))
}
