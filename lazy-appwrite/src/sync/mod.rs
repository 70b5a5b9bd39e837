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
use crate::name::Name;
use crate::schema::{Table, TableSchema};
use related::{dependency_order, related_closure};

impl Client {
    /// The database a table lives in: the one its model names, else the client's default.
    pub(crate) fn database_for(&self, schema: &TableSchema) -> Result<Name> {
        schema
            .database
            .map(Name::Static)
            .or_else(|| self.config().default_database.clone())
            .ok_or_else(|| Error::Config {
                reason: format!(
                    "table `{}` names no database: add #[table(database = \"…\")] to the \
                     model or set ClientBuilder::default_database",
                    schema.id
                ),
            })
    }

    fn table_key<'a>(&'a self, database: &'a str, table: &'a str) -> TableRef<'a> {
        TableRef {
            endpoint: self.config().endpoint(),
            project: self.config().project(),
            database,
            table,
        }
    }

    /// Makes sure the table matches its model, once per client and target. `None` when
    /// the lazy sync is off (disabled, or no API key).
    pub(crate) async fn ensure_table(
        &self,
        database: &str,
        schema: &'static TableSchema,
    ) -> Result<Option<Ticket>> {
        let config = self.config();
        if !config.sync().enabled() || !config.has_api_key() {
            return Ok(None);
        }
        let key = self.table_key(database, schema.id);
        let (ticket, _) = self
            .inner
            .schema
            .ensure(key, schema, || self.run_sync_tree(database, schema))
            .await?;
        Ok(Some(ticket))
    }

    /// Syncs a table, with the tables its relationships reach when it names their models.
    async fn run_sync_tree(&self, database: &str, schema: &'static TableSchema) -> Result<Plan> {
        if related::has_related_models(schema) {
            self.run_sync_related(database, schema, Mode::Additive)
                .await
        } else {
            Ok(self
                .run_sync(database, schema, Mode::Additive, &[])
                .await?
                .0)
        }
    }

    /// Forgets that a table was verified (it was seen missing).
    pub(crate) fn forget_table(&self, ticket: &Ticket) {
        self.inner.schema.forget(ticket);
    }

    async fn run_sync(
        &self,
        database: &str,
        schema: &'static TableSchema,
        mode: Mode,
        defer: &[&str],
    ) -> Result<(Plan, bool)> {
        let admin = self.with_key();
        let (plan, deferred) = engine::sync_table(&admin, database, schema, mode, defer).await?;
        for change in &plan.changes {
            tracing::info!(database, table = schema.id, %change, "schema sync");
        }
        for note in &plan.notes {
            tracing::warn!(database, table = schema.id, %note, "schema sync");
        }
        Ok((plan, deferred))
    }

    /// Makes the server's table match model `T` now (for example at startup), creating the
    /// database and the table if needed, and returns what it changed. The table then counts
    /// as verified: model operations on it send one request each. If it was verified
    /// already, nothing is sent and the changes made then are returned.
    ///
    /// Fails with [`Error::SchemaDrift`] on a change the server cannot make, and with
    /// [`Error::SchemaNotReady`] if a new column or index fails or is not ready in time.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "notes", database = "main")]
    /// struct Note {
    ///     #[column(text)]
    ///     body: String,
    /// }
    ///
    /// let plan = client.sync::<Note>().await?;
    /// let shown: Vec<String> = plan.changes.iter().map(|c| c.to_string()).collect();
    /// assert_eq!(shown, [
    ///     "create database `main`",
    ///     "create table `notes` with 0 column(s) and 0 index(es) inline",
    ///     "create column `body`", // text columns are not created inline
    /// ]);
    /// # Ok(()) }
    /// ```
    pub async fn sync<T: Table>(&self) -> Result<Plan> {
        self.sync_schema(T::SCHEMA).await
    }

    async fn sync_schema(&self, schema: &'static TableSchema) -> Result<Plan> {
        let database = &*self.database_for(schema)?;
        let key = self.table_key(database, schema.id);
        let (_, plan) = self
            .inner
            .schema
            .ensure(key, schema, || self.run_sync_tree(database, schema))
            .await?;
        Ok(Plan::clone(&plan))
    }

    /// [`Client::sync`] for several models, related tables first (a relationship needs
    /// the table it points to). Stops at the first failure.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::Table;
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "authors")]
    /// struct Author { #[column(size = 64)] name: String }
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "books")]
    /// struct Book { #[column(size = 64)] title: String }
    ///
    /// let plans = client.sync_all([Book::SCHEMA, Author::SCHEMA]).await?;
    /// assert_eq!(plans.len(), 2);
    /// assert!(client.plan::<Author>().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn sync_all(
        &self,
        schemas: impl IntoIterator<Item = &'static TableSchema>,
    ) -> Result<Vec<Plan>> {
        let mut plans = Vec::new();
        for schema in related::dependency_order(schemas.into_iter().collect()) {
            plans.push(self.sync_schema(schema).await?);
        }
        Ok(plans)
    }

    /// What [`Client::sync`] (or the first operation on `T`) would change, without changing
    /// anything: one read per table, for `T`'s table and, in [`Plan::related`], each table
    /// its relationships reach, since the first use syncs those too. The plan says what the
    /// server will really do: on Appwrite 1.8.1, which ignores inline columns, a new table
    /// is created empty and each column after it. Fails like `sync` on a change the server
    /// cannot make.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// # use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// # client.databases().create("main", "main").await?;
    /// # let old = [ColumnSchema::new("name", ColumnType::String { size: 32, encrypt: false }).required(true)];
    /// # client.tables("main").create("people", "people").columns(&old).await?;
    /// #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "people")]
    /// struct Person {
    ///     #[column(size = 64)]
    ///     name: String,
    ///     age: Option<i64>,
    /// }
    ///
    /// let plan = client.plan::<Person>().await?;
    /// assert_eq!(plan.to_string(), "table `people` in database `main`:\n  \
    ///     update column `name`: size 32 → 64\n  create column `age`\n");
    /// # Ok(()) }
    /// ```
    pub async fn plan<T: Table>(&self) -> Result<Plan> {
        let database = &*self.database_for(T::SCHEMA)?;
        let admin = self.with_key();
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

    /// Like [`Client::sync`], and also **deletes** the columns and indexes of the server's
    /// table that model `T` does not declare, with the data in those columns. Never called
    /// by anything else: the lazy sync only adds and reports.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// # use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// # client.databases().create("main", "main").await?;
    /// # let old = [ColumnSchema::new("legacy", ColumnType::Boolean)];
    /// # client.tables("main").create("flags", "flags").columns(&old).await?;
    /// use lazy_appwrite::sync::{Change, Note};
    ///
    /// #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "flags")]
    /// struct Flag { on: Option<bool> }
    ///
    /// let plan = client.plan::<Flag>().await?;
    /// assert_eq!(plan.notes, [Note::ExtraColumn { column: "legacy".into(), required: false }]);
    /// let done = client.sync_destructive::<Flag>().await?;
    /// assert!(done.changes.contains(&Change::DropColumn { column: "legacy".into() }));
    /// # Ok(()) }
    /// ```
    pub async fn sync_destructive<T: Table>(&self) -> Result<Plan> {
        let database = &*self.database_for(T::SCHEMA)?;
        let plan = self
            .run_sync(database, T::SCHEMA, Mode::Destructive, &[])
            .await?
            .0;
        let key = self.table_key(database, T::ID);
        self.inner.schema.verified(key, T::SCHEMA, plan.clone());
        Ok(plan)
    }

    /// Syncs `root` and every table its relationships reach (see the module docs), marks
    /// the others verified, and returns `root`'s plan. One such sync runs at a time per
    /// client.
    pub(super) async fn run_sync_related(
        &self,
        database: &str,
        root: &'static TableSchema,
        mode: Mode,
    ) -> Result<Plan> {
        let _turn = self.inner.schema.related_turn().await;
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
            let key = self.table_key(database, member.id);
            if member.id != root.id && self.inner.schema.is_verified(key, member) {
                present.push(member.id);
                continue;
            }
            let defer = related::deferred_columns(member, &present);
            let (plan, deferred) = self.run_sync(database, member, mode, &defer).await?;
            present.push(member.id);
            if !deferred {
                self.settle_member(database, root, member, plan, &mut root_plan);
            } else {
                later.push((member, plan));
            }
        }
        for (member, mut plan) in later {
            let (rest, _) = self.run_sync(database, member, mode, &[]).await?;
            plan.changes.extend(rest.changes);
            plan.notes = rest.notes;
            self.settle_member(database, root, member, plan, &mut root_plan);
        }
        root_plan.ok_or_else(|| Error::SchemaDrift {
            table: root.id.to_owned(),
            column: None,
            reason: "the table was not synced with its related tables".into(),
        })
    }

    /// Keeps `root`'s plan for the caller; marks any other member verified.
    fn settle_member(
        &self,
        database: &str,
        root: &'static TableSchema,
        member: &'static TableSchema,
        plan: Plan,
        root_plan: &mut Option<Plan>,
    ) {
        if member.id == root.id {
            *root_plan = Some(plan);
        } else {
            let key = self.table_key(database, member.id);
            self.inner.schema.verified(key, member, plan);
        }
    }
}
