//! Every public method of [`Client`] that needs a layer above the client (the builder,
//! the API groups, the sync, transactions), in one place: `client` sits low in the
//! module map, so the methods that reach higher modules cannot live there, and this
//! module, at the top of the map, delegates each to the module that does the work.

use std::future::Future;

use crate::api::{self, Columns, Databases, Indexes, Rows, Tables, Transactions};
use crate::builder::ClientBuilder;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::Transaction;
use crate::model::transaction::{Begin, RunTransaction};
use crate::name::Name;
use crate::schema::{Table, TableEntry, TableSchema};
use crate::sync::{self, Plan};
use crate::version::ServerVersion;

impl Client {
    /// A [`ClientBuilder`].
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("shop")
    ///     .build()?;
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and
    /// `APPWRITE_API_KEY` (see [`ClientBuilder::from_env`]).
    ///
    /// ```
    /// if let Ok(client) = lazy_appwrite::Client::from_env() {
    ///     println!("talking to {}", client.config().endpoint());
    /// }
    /// ```
    pub fn from_env() -> Result<Self> {
        ClientBuilder::from_env()?.build()
    }

    /// Databases: create, get, list, update, delete.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let databases = client.databases();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn databases(&self) -> Databases {
        Databases::new(self.clone())
    }

    /// The tables of database `database_id`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let tables = client.tables("shop");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn tables(&self, database_id: impl Into<String>) -> Tables {
        Tables::new(self.clone(), database_id.into())
    }

    /// The columns of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let columns = client.columns("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn columns(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Columns {
        Columns::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The indexes of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let indexes = client.indexes("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn indexes(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Indexes {
        Indexes::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The rows of a table, decoded as `T` and written from `T`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// #[derive(serde::Serialize, serde::Deserialize)]
    /// struct Book { title: String }
    /// let books = client.rows::<Book>("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn rows<T>(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Rows<T> {
        Rows::new(
            self.clone(),
            Name::from(database_id.into()),
            Name::from(table_id.into()),
        )
    }

    /// Transactions: stage row writes and commit or roll them back together.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let transactions = client.transactions();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn transactions(&self) -> Transactions {
        Transactions::new(self.clone())
    }

    /// The version of the Appwrite server, learned once per client (and its clones) with
    /// one `GET /health/version` sent without credentials, unless
    /// [`crate::ClientBuilder::server_version`] gave it. The client reads it where
    /// versions differ (see [`crate::Feature`]).
    ///
    /// A server that answers with something other than a version (a proxy in the way, a
    /// refusal) is an unknown version, taken to have every feature. A failure to reach the
    /// server is an error, and the next call tries again.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use lazy_appwrite::{Client, Feature};
    ///
    /// let client = Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("p")
    ///     .server_version("1.8.1")
    ///     .build()?;
    /// let version = client.server_version().await?;
    /// assert_eq!(version.release(), Some((1, 8, 1)));
    /// assert!(!version.has(Feature::InlineColumns));
    /// # Ok(()) }
    /// ```
    pub async fn server_version(&self) -> Result<ServerVersion> {
        api::server_version(self).await
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
        sync::sync_schema(self, T::SCHEMA).await
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
        sync::sync_all(self, schemas).await
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
        sync::plan_model::<T>(self).await
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
        sync::sync_destructive::<T>(self).await
    }

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
        sync::table_entries(self, database).await
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
        sync::plan_tables(self, database, schemas, destructive).await
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
        sync::sync_tables(self, database, schemas, destructive).await
    }

    /// Begins a transaction and returns its handle (one request): stage operations on any
    /// model through it, then [`Transaction::commit`] or [`Transaction::rollback`]. Prefer
    /// [`Client::transaction`], which cannot forget either.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "counters")]
    /// struct Counter {
    ///     #[column(default = 0)]
    ///     hits: i64,
    /// }
    ///
    /// Counter::upsert(&client, "home", &Counter { hits: 0 }).await?;
    /// let tx = client.begin().await?;
    /// Counter::increment(&tx, "home", Counter::columns().hits).by(5).await?;
    /// assert_eq!(Counter::get(&client, "home").await?.hits, 0); // not applied yet
    /// tx.commit().await?;
    /// assert_eq!(Counter::get(&client, "home").await?.hits, 5);
    /// # Ok(()) }
    /// ```
    pub fn begin(&self) -> Begin<'_> {
        Begin::new(self)
    }

    /// Runs `body` in a new transaction: commits when it returns `Ok` (and returns its
    /// value), rolls back when it returns `Err` (and returns that error) or panics (and
    /// then resumes the panic). `body` gets an owned, cloneable [`Transaction`]; its
    /// future must be `Send`, and so is the one this returns.
    ///
    /// The body's error type is yours: any `E: From<lazy_appwrite::Error>`, so `?` works on
    /// this crate's calls and on your own, and a failure to begin or commit arrives
    /// converted into `E`. When nothing in the body fixes `E` (it only uses `?` and ends in
    /// `Ok(…)`), name it: `Ok::<_, lazy_appwrite::Error>(value)`.
    ///
    /// A failed commit is returned as is, typed: [`Error::Conflict`]
    /// (`transaction_conflict`) when a row changed since it was staged. If the closure
    /// commits or rolls back the handle itself, that stands: a rollback then makes the
    /// result an [`Error::Validation`]. If this future is dropped before it finishes, the
    /// transaction is neither committed nor rolled back and expires on the server (see
    /// [`Transaction`]). Set a TTL with [`RunTransaction::ttl`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Error, Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "orders")]
    /// struct Order {
    ///     #[column(size = 64)]
    ///     item: String,
    /// }
    ///
    /// // Ok: committed.
    /// let id = client
    ///     .transaction(|tx| async move { Order::create(&tx, &Order { item: "tea".into() }).await })
    ///     .await?;
    /// assert_eq!(Order::get(&client, &id).await?.item, "tea");
    ///
    /// // Err: rolled back, nothing applied.
    /// let failed = client
    ///     .transaction(|tx| async move {
    ///         Order::delete(&tx, id).await?;
    ///         Err::<(), _>(Error::Validation { table: None, column: None, reason: "out of stock".into() })
    ///     })
    ///     .await;
    /// assert!(failed.is_err());
    /// assert_eq!(Order::count(&client, Order::query()).await?, 1);
    /// # Ok(()) }
    /// ```
    ///
    /// With an error type of your own:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "stock")]
    /// struct Stock {
    ///     #[column(integer(min = 0), default = 0)]
    ///     count: i64,
    /// }
    ///
    /// #[derive(Debug)]
    /// enum ShopError {
    ///     SoldOut,
    ///     Appwrite(lazy_appwrite::Error),
    /// }
    /// impl From<lazy_appwrite::Error> for ShopError {
    ///     fn from(e: lazy_appwrite::Error) -> Self {
    ///         ShopError::Appwrite(e)
    ///     }
    /// }
    ///
    /// Stock::upsert(&client, "tea", &Stock { count: 0 }).await?;
    /// let sold = client
    ///     .transaction(|tx| async move {
    ///         let tea = Stock::get(&tx, "tea").await?; // a lazy_appwrite::Error converts
    ///         if tea.count == 0 {
    ///             return Err(ShopError::SoldOut); // rolls back
    ///         }
    ///         Stock::decrement(&tx, "tea", Stock::columns().count).await?;
    ///         Ok(())
    ///     })
    ///     .await;
    /// assert!(matches!(sold, Err(ShopError::SoldOut)));
    /// # Ok(()) }
    /// ```
    pub fn transaction<F, Fut, R, E>(&self, body: F) -> RunTransaction<'_, F>
    where
        F: FnOnce(Transaction) -> Fut + Send,
        Fut: Future<Output = Result<R, E>> + Send,
        R: Send,
        E: From<Error> + Send,
    {
        RunTransaction::new(self, body)
    }
}
