//! Planning and syncing schemas built at run time (read from a file rather than declared
//! with `#[derive(Table)]`), several tables of one database at once.

use super::diff::Mode;
use super::engine::plan_table;
use super::plan::{Change, Plan};
use super::related::dependency_order;
use super::remote::read_existing;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::schema::{ColumnType, TableEntry, TableSchema, table_entry};

/// Tables listed per request.
const PAGE: u64 = 100;

impl Client {
    /// The tables of database `database` as the server has them (columns and indexes
    /// included), as `appwrite.json` entries, in the server's order.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType, TableSchema};
    /// static COLUMNS: [ColumnSchema; 1] = [ColumnSchema::new("on", ColumnType::Boolean)];
    /// static FLAGS: TableSchema = TableSchema::new("flags", "Flags").columns(&COLUMNS);
    /// client.sync_tables("main", &[&FLAGS], false).await?;
    ///
    /// let tables = client.table_entries("main").await?;
    /// assert_eq!(tables[0].columns[0].server_type, "boolean");
    /// # Ok(()) }
    /// ```
    pub async fn table_entries(&self, database: &str) -> Result<Vec<TableEntry>> {
        let admin = self.with_key();
        let api = admin.tables(database);
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

    /// What [`Client::sync_tables`] would change in database `database`, one plan per
    /// table in the order the sync takes them (related tables first, and a relationship to
    /// a later table last, as the sync makes it), without changing anything. `destructive`
    /// plans the drops of [`Client::sync_destructive`] too.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType, TableSchema};
    /// static COLUMNS: [ColumnSchema; 1] = [ColumnSchema::new("on", ColumnType::Boolean)];
    /// static FLAGS: TableSchema = TableSchema::new("flags", "Flags").columns(&COLUMNS);
    ///
    /// let plans = client.plan_tables("main", &[&FLAGS], false).await?;
    /// assert_eq!(plans[0].changes.len(), 2); // the database, then the table
    /// client.sync_tables("main", &[&FLAGS], false).await?;
    /// assert!(client.plan_tables("main", &[&FLAGS], false).await?[0].is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn plan_tables(
        &self,
        database: &str,
        schemas: &[&'static TableSchema],
        destructive: bool,
    ) -> Result<Vec<Plan>> {
        let admin = self.with_key();
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

    /// Makes the tables of database `database` match `schemas` (creating the database
    /// if needed), related tables first; a relationship to a table not there yet is
    /// created once that table is. Returns one plan per table, in the order synced.
    /// Without `destructive` nothing is deleted (like [`Client::sync`]); with it, extra
    /// columns and indexes are (like [`Client::sync_destructive`]).
    ///
    /// The example is [`Client::plan_tables`]'.
    pub async fn sync_tables(
        &self,
        database: &str,
        schemas: &[&'static TableSchema],
        destructive: bool,
    ) -> Result<Vec<Plan>> {
        let mut present: Vec<&str> = Vec::new();
        let mut plans: Vec<Plan> = Vec::new();
        let mut later: Vec<(usize, &'static TableSchema)> = Vec::new();
        for schema in dependency_order(schemas.to_vec()) {
            let defer = deferred(schema, &present, schemas);
            let (plan, deferred) = self
                .run_sync(database, schema, mode(destructive), &defer)
                .await?;
            present.push(schema.id);
            if deferred {
                later.push((plans.len(), schema));
            }
            plans.push(plan);
        }
        for (at, schema) in later {
            let (rest, _) = self
                .run_sync(database, schema, mode(destructive), &[])
                .await?;
            if let Some(plan) = plans.get_mut(at) {
                plan.changes.extend(rest.changes);
                plan.notes = rest.notes;
            }
        }
        Ok(plans)
    }
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
