//! The lazy schema sync: the first time a program touches a table, the server is made to
//! match the model, once, safely under concurrency.
//!
//! What a sync does, for one table:
//!
//! - **A missing table** is created with its columns and indexes in the same request
//!   (inline `columns`/`indexes`, Appwrite 1.9.0 and later): one request, and they are
//!   `available` at once. The database is created first if it is missing too. Kinds
//!   Appwrite does not take inline (`varchar`, the text kinds, relationships) are created
//!   afterwards and waited for. A concurrent creator's 409 is fine, the database's
//!   included.
//! - **What differs by server version** is decided by [`Client::server_version`], asked
//!   once per client and only when the sync is about to create something: Appwrite 1.8.1
//!   ignores inline columns, so there the table is created alone and each column after
//!   it (and [`Client::plan`] says so); a column kind the server lacks (`text` before
//!   1.9.0) is [`crate::Error::Unsupported`] naming the column, before anything changes.
//! - **An existing table** is compared with the model, kinds the way the server reports
//!   them (`string` + format, `double`, `linestring`): missing columns and indexes are
//!   added; permissions (compared as sets, `write` expanded), row security, `enabled`
//!   and the name are set with every field sent; string sizes grow, enum elements are
//!   added, `required`, defaults and numeric ranges follow the model; an index that
//!   differs, `failed` or is `stuck` is deleted and, once it is gone, created again. New
//!   columns and indexes are waited for (with backoff and a deadline, see
//!   [`crate::SyncSettings`]) before anything writes to them.
//! - **What the server cannot change** (a kind, array-ness, a shrink, encryption, a
//!   relationship's target) fails with [`crate::Error::SchemaDrift`] naming the column.
//!   **What the model does not declare** (columns, indexes, enum elements) is reported as
//!   a [`Note`] and left alone; only [`Client::sync_destructive`] drops extra columns
//!   and indexes.
//!
//! Model operations ([`crate::Model`]) sync their table lazily, once per client (and its
//! clones) and per target (endpoint, project, database, table). Concurrent first calls
//! share one sync, and one failure answers all of them; a later call tries again. A table
//! deleted behind the client's back (404 on a table known to be good) is synced again once
//! and the operation retried once. After that, every operation is one request.
//!
//! The sync needs the API key: a client without one, or built with
//! [`crate::ClientBuilder::disable_sync`], never syncs lazily (explicit calls still work).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! use lazy_appwrite::{Client, Table};
//! use lazy_appwrite::sync::Change;
//!
//! #[derive(Table, serde::Serialize, serde::Deserialize)]
//! #[table(id = "users", index(key = "by_name", columns(name)))]
//! struct User {
//!     #[column(size = 64)]
//!     name: String,
//!     #[column(email)]
//!     email: String,
//! }
//!
//! let client = Client::builder()
//!     .endpoint(emulator.endpoint())
//!     .project(emulator.project())
//!     .api_key(emulator.key())
//!     .default_database("main")
//!     .build()?;
//!
//! let plan = client.plan::<User>().await?;
//! assert_eq!(plan.changes.len(), 2); // create the database, then the table
//!
//! let done = client.sync::<User>().await?;
//! assert_eq!(done.changes[1], Change::CreateTable {
//!     table: "users".into(),
//!     columns: vec!["name".into(), "email".into()],
//!     indexes: vec!["by_name".into()],
//! });
//! assert!(client.plan::<User>().await?.is_empty());
//! # Ok(()) }
//! ```

mod apply;
mod bounded;
mod diff;
mod engine;
mod gates;
mod occupied;
mod related;
mod remote;
mod step;
mod tables;
#[cfg(test)]
mod testing;
mod wait;

pub use crate::config::SyncSettings;
pub use crate::verified::plan::{Change, Note, Plan};

pub(crate) use crate::verified::Ticket;

use crate::verified::TableRef;
use crate::verified::plan;
use diff::Mode;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::schema::{Table, TableSchema};
use related::{dependency_order, related_closure};

pub(crate) use tables::{plan_tables, sync_tables, table_entries};

/// The key of a table in the client's schema cache: built from borrowed strings, so a
/// lookup allocates nothing.
fn table_key<'a>(client: &'a Client, database: &'a str, table: &'a str) -> TableRef<'a> {
    TableRef {
        endpoint: client.config().endpoint(),
        project: client.config().project(),
        database,
        table,
    }
}

/// Makes sure the table matches its model, once per client and target. `None` when the
/// lazy sync is off (disabled, or no API key).
pub(crate) async fn ensure_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
) -> Result<Option<Ticket>> {
    let config = client.config();
    if !config.sync().enabled() || !config.has_api_key() {
        return Ok(None);
    }
    let key = table_key(client, database, schema.id);
    if let Some(ticket) = client.inner.schema.ticket(key, schema) {
        return Ok(Some(ticket));
    }
    // The sync's future is large (every request of a table's sync): boxed, it is built
    // by the first call only, and every warm call's future stays small.
    let syncing = Box::pin(
        client
            .inner
            .schema
            .ensure(key, schema, || run_sync_tree(client, database, schema)),
    );
    let (ticket, _) = syncing.await?;
    Ok(Some(ticket))
}

/// Syncs a table, with the tables its relationships reach when it names their models.
async fn run_sync_tree(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
) -> Result<Plan> {
    if related::has_related_models(schema) {
        run_sync_related(client, database, schema, Mode::Additive).await
    } else {
        Ok(run_sync(client, database, schema, Mode::Additive, &[])
            .await?
            .0)
    }
}

/// Forgets that a table was verified (it was seen missing).
pub(crate) fn forget_table(client: &Client, ticket: &Ticket) {
    client.inner.schema.forget(ticket);
}

async fn run_sync(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    mode: Mode,
    defer: &[&str],
) -> Result<(Plan, bool)> {
    let admin = client.with_key();
    let (plan, deferred) = engine::sync_table(&admin, database, schema, mode, defer).await?;
    for change in &plan.changes {
        tracing::info!(database, table = schema.id, %change, "schema sync");
    }
    for note in &plan.notes {
        tracing::warn!(database, table = schema.id, %note, "schema sync");
    }
    Ok((plan, deferred))
}

/// Makes the server's table match `schema` now, once per client and target (see
/// [`Client::sync`]).
pub(crate) async fn sync_schema(client: &Client, schema: &'static TableSchema) -> Result<Plan> {
    let database = &*client.config().database_for(schema)?;
    let key = table_key(client, database, schema.id);
    let (_, plan) = client
        .inner
        .schema
        .ensure(key, schema, || run_sync_tree(client, database, schema))
        .await?;
    Ok(Plan::clone(&plan))
}

/// [`sync_schema`] for several models, related tables first (see [`Client::sync_all`]).
pub(crate) async fn sync_all(
    client: &Client,
    schemas: impl IntoIterator<Item = &'static TableSchema>,
) -> Result<Vec<Plan>> {
    let mut plans = Vec::new();
    for schema in related::dependency_order(schemas.into_iter().collect()) {
        plans.push(sync_schema(client, schema).await?);
    }
    Ok(plans)
}

/// What syncing model `T` would change, with the tables its relationships reach, without
/// changing anything (see [`Client::plan`]).
pub(crate) async fn plan_model<T: Table>(client: &Client) -> Result<Plan> {
    let database = &*client.config().database_for(T::SCHEMA)?;
    let admin = client.with_key();
    // The tables in the order the sync takes them, each deferring what it defers.
    let mut plan = None;
    let mut related = Vec::new();
    let mut present: Vec<&str> = Vec::new();
    for member in related::dependency_order(related::related_closure(T::SCHEMA)) {
        let defer = related::deferred_columns(member, &present);
        let member_plan =
            engine::plan_table(&admin, database, member, Mode::Additive, &defer).await?;
        present.push(member.id);
        if member.id == T::ID {
            plan = Some(member_plan);
        } else {
            related.push(member_plan);
        }
    }
    let mut plan = plan.unwrap_or_else(|| Plan::new(database, T::ID));
    let creates_database = plan
        .changes
        .iter()
        .any(|c| matches!(c, Change::CreateDatabase { .. }));
    for mut member_plan in related {
        if creates_database {
            // Said once, in the model's own plan.
            member_plan
                .changes
                .retain(|c| !matches!(c, Change::CreateDatabase { .. }));
        }
        plan.related.push(member_plan);
    }
    Ok(plan)
}

/// Syncs model `T`'s table and also deletes what the model does not declare (see
/// [`Client::sync_destructive`]).
pub(crate) async fn sync_destructive<T: Table>(client: &Client) -> Result<Plan> {
    let database = &*client.config().database_for(T::SCHEMA)?;
    let plan = run_sync(client, database, T::SCHEMA, Mode::Destructive, &[])
        .await?
        .0;
    let key = table_key(client, database, T::ID);
    client.inner.schema.verified(key, T::SCHEMA, plan.clone());
    Ok(plan)
}

/// Syncs `root` and every table its relationships reach (see the module docs), marks
/// the others verified, and returns `root`'s plan. One such sync runs at a time per
/// client.
async fn run_sync_related(
    client: &Client,
    database: &str,
    root: &'static TableSchema,
    mode: Mode,
) -> Result<Plan> {
    let _turn = client.inner.schema.related_turn().await;
    let members = dependency_order(related_closure(root));
    for member in &members {
        if member.database.is_some_and(|d| d != database) {
            return Err(Error::Config {
                reason: format!(
                    "table `{}` (database `{database}`) relates to table `{}` in database \
                     `{}`: Appwrite relationships stay within one database",
                    root.id,
                    member.id,
                    member.database.unwrap_or_default()
                ),
            });
        }
    }
    // Tables that exist now (verified before, or synced in this run).
    let mut present: Vec<&str> = Vec::new();
    let mut later: Vec<(&'static TableSchema, Plan)> = Vec::new();
    let mut root_plan = None;
    for member in members {
        let key = table_key(client, database, member.id);
        if member.id != root.id && client.inner.schema.is_verified(key, member) {
            present.push(member.id);
            continue;
        }
        let defer = related::deferred_columns(member, &present);
        let (plan, deferred) = run_sync(client, database, member, mode, &defer).await?;
        present.push(member.id);
        if !deferred {
            settle_member(client, database, root, member, plan, &mut root_plan);
        } else {
            later.push((member, plan));
        }
    }
    for (member, mut plan) in later {
        let (rest, _) = run_sync(client, database, member, mode, &[]).await?;
        plan.changes.extend(rest.changes);
        plan.notes = rest.notes;
        settle_member(client, database, root, member, plan, &mut root_plan);
    }
    root_plan.ok_or_else(|| Error::SchemaDrift {
        table: root.id.to_owned(),
        column: None,
        reason: "the table was not synced with its related tables".into(),
    })
}

/// Keeps `root`'s plan for the caller; marks any other member verified.
fn settle_member(
    client: &Client,
    database: &str,
    root: &'static TableSchema,
    member: &'static TableSchema,
    plan: Plan,
    root_plan: &mut Option<Plan>,
) {
    if member.id == root.id {
        *root_plan = Some(plan);
    } else {
        let key = table_key(client, database, member.id);
        client.inner.schema.verified(key, member, plan);
    }
}
