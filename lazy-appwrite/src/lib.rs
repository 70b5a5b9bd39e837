// Module map, in layer order: a module imports only from the modules listed above it
// (by `crate::` paths, outside `#[cfg(test)]` code). `tests/it/layers.rs` reads this list
// and checks every import against it.
//
// - outcome: `WriteOutcome`, whether a write that failed was applied
// - version: Appwrite versions and the features that differ between them
// - error: the crate's `Error`, with `IdKind` (which kind of ID was refused)
// - secret: secret strings that never print
// - name: `Name`, an ID the client holds, cheap to clone
// - credentials: a user's JWT or session
// - id: client-made IDs and Appwrite's ID rule
// - datetime: `Timestamp`, Appwrite's datetime
// - query: `Query` values, as Appwrite receives them
// - permission: permissions and roles
// - response: what the server answers (databases, tables, columns, rows…), and decoding it
// - declared: what a model declares, as data (schemas, value rules, kinds); `schema` publishes its vocabulary
// - verified: the tables a client has verified, each with its sync's `Plan`
// - config: the client's checked settings and its `RetryPolicy`
// - client: the `Client` handle and the state its clones share
// - builder: `ClientBuilder`, which makes a `Client`
// - transport: one call to the server: paths, bodies, retries, decoding
// - api: the typed low-level TablesDB API (request builders)
// - typed: the `Table` trait and the typed column handles, filters and list queries
// - reference: `Ref<T>`, the value of a relationship field
// - schema: the public face of `declared`, with the `Table` and `Patch` traits
// - sync: making the server's tables match the models
// - model: the typed operations on models (`Model`, `Transaction`)
// - client_api: every public method of `Client` that needs a module above `client`, in one place
// - __private: what the derive's generated code names

//! # lazy-appwrite
//!
//! Models declared once in Rust, checked by the compiler, and a runtime that makes an
//! Appwrite server match them: what Diesel, SeaORM and Toasty give SQL users, for
//! Appwrite's TablesDB.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! use lazy_appwrite::{Client, Model, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Table, Serialize, Deserialize, Debug)]
//! #[table(id = "books", index(key = "by_title", fulltext, columns(title)))]
//! struct Book {
//!     #[column(size = 128)]
//!     title: String,
//!     #[column(integer(min = 0), default = 0)]
//!     stock: i64,
//! }
//!
//! let client = Client::builder()
//!     .endpoint(emulator.endpoint())
//!     .project(emulator.project())
//!     .api_key(emulator.key())
//!     .default_database("shop")
//!     .build()?;
//!
//! // No setup: this creates the database and the table, then the row.
//! let dune = Book::create(&client, &Book { title: "Dune".into(), stock: 3 }).await?;
//! // From here on, one request per operation.
//! let c = Book::columns();
//! let found = Book::list(&client, c.title.search("dune") & c.stock.gt(0)).await?;
//! assert_eq!(found.rows[0].id, dune.id);
//! Book::update(&client, &dune.id, Book::patch().stock(2)).await?;
//! # Ok(()) }
//! ```
//!
//! - [`Model`]: create, get, list, find_first, count, update, upsert, delete, increment,
//!   decrement and stream, on any `#[derive(Table)]` struct; results are [`Row<T>`].
//!   Bulk writes in batches the server accepts, validated before anything is sent
//!   ([`Model::create_many`], [`Model::create_stream`], [`Model::update_many`], …), atomic
//!   update operators typed by column kind ([`typed::Operator`]) and optimistic
//!   concurrency ([`model::Update::unless_modified_since_read`]).
//! - [`Transaction`]: typed operations on any models, committed together or rolled back
//!   ([`Client::transaction`] commits on `Ok`, rolls back on `Err` or panic).
//! - [`Permissions`]: Appwrite's common permission patterns (`private_to`,
//!   `public_read_team_write`, …) for row writes; acting as a user with [`Client::as_jwt`].
//! - [`sync`]: the lazy schema sync behind it (create, diff, heal, wait; never destroy
//!   unless asked), also callable eagerly: [`Client::sync`], [`Client::plan`].
//! - Relationships: a field typed [`Ref<Model>`](Ref) links to another model's rows; the
//!   sync creates related tables first (two models that point at each other too); writes
//!   take an ID or a new related row; reads load related rows only when asked, typed
//!   ([`typed::ListQuery::load`], [`model::Get::load`], up to Appwrite's 3 levels); a
//!   `restrict`ed delete is [`Error::DeleteRestricted`].
//!
//! Underneath is a typed, retrying REST client for the whole TablesDB API ([`api`]):
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! use lazy_appwrite::{Client, ID, Query, columns::{IntegerColumn, StringColumn}};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize, Debug, PartialEq)]
//! struct Book {
//!     title: String,
//!     count: i64,
//! }
//!
//! let client = Client::builder()
//!     .endpoint(emulator.endpoint())
//!     .project(emulator.project())
//!     .api_key(emulator.key())
//!     .build()?;
//!
//! client.databases().create("shop", "Shop").await?;
//! client.tables("shop").create("books", "Books").await?;
//! let columns = client.columns("shop", "books");
//! columns.create(&StringColumn::new("title", 255).required(true)).await?;
//! columns.create(&IntegerColumn::new("count").default(0)).await?;
//! columns.wait_until_available(&["title", "count"]).await?;
//!
//! let books = client.rows::<Book>("shop", "books");
//! let row = books.create(ID::unique(), &Book { title: "Dune".into(), count: 3 }).await?;
//! assert_eq!(row.title, "Dune");
//!
//! let found = books.list().query(Query::greater_than("count", 1)).await?;
//! assert_eq!(found.total, 1);
//! # Ok(()) }
//! ```
//!
//! ## What it does for you
//!
//! - **Typed rows**: [`Row<T>`] decodes straight from the response bytes into your `T`;
//!   a decode failure names the table and the field path.
//! - **Both server formats**: it sends `X-Appwrite-Response-Format: 1.8.0`
//!   ([`RESPONSE_FORMAT`]) and decodes 1.8 and 1.9/Cloud shapes anyway.
//! - **Safe retries** ([`RetryPolicy`]): only operations that cannot be applied twice are
//!   retried after an ambiguous failure; a create with a client-made ID that meets 409 on
//!   a retry reads the row back and succeeds if it is ours.
//! - **Honest errors** ([`Error`]): what, where, the HTTP status and Appwrite type,
//!   whether to retry, and for a write whether it was applied, not applied or may have
//!   been ([`Error::outcome`], with the table of faults in [`WriteOutcome`]). The API key
//!   never appears in `Debug`, `Display`, errors or logs.
//! - **Acting as a user**: [`Client::as_user`] overlays a JWT or session per call.
//! - **Every Appwrite version**: the client learns the server's version once
//!   ([`Client::server_version`], only when the sync is about to create something) and
//!   reads one table of what differs ([`Feature`]): inline columns on create-table and the
//!   text column kinds (1.9.0), 403 for blocked users (1.9.0), the
//!   `row_unique_constraint_violation` type (2.0.0). A model that needs what the server
//!   lacks is [`Error::Unsupported`] naming the column, before anything changes.
//! - **No ID that Appwrite would refuse leaves the client** ([`Error::InvalidId`]): a real
//!   server drops an empty path segment, so an update or delete of the row `""` would reach
//!   the bulk routes and change every row.
//!
//! ## Models: `#[derive(Table)]`
//!
//! Declare a table once, as a Rust struct, and the compiler refuses what Appwrite would
//! refuse: a field type that cannot hold its column, a string without a size, a default
//! out of range, an index over a missing column, `name.gt(18)` on a string column…
//!
//! ```
//! use lazy_appwrite::{Enum, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Enum, Clone, Copy, Debug, PartialEq)]
//! enum Role { Reader, Editor }
//!
//! #[derive(Table, Serialize, Deserialize, Debug)]
//! #[table(id = "users", database = "main", permissions(read("any")), index(key = "by_name", unique, columns(name)))]
//! struct User {
//!     #[column(size = 64)]
//!     name: String,
//!     #[column(email)]
//!     email: String,
//!     #[column(integer(min = 0, max = 150))]
//!     age: Option<i64>,
//!     #[column(default = "Reader")]
//!     role: Role,
//! }
//!
//! let c = User::columns();
//! let adults = User::query().filter(c.age.gte(18)).order(c.name.asc()).limit(10);
//! assert_eq!(adults.into_queries().len(), 3);
//!
//! let ada = User { name: "Ada".into(), email: "not an email".into(), age: Some(36), role: Role::Editor };
//! assert_eq!(ada.validate().unwrap_err().to_string(),
//!     "invalid input for table `users`, column `email`: rule `email`: `not an email` is not an email address");
//!
//! let patch = User::patch().age(Some(37));
//! assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"age":37}"#);
//! ```
//!
//! See [`macro@Table`] for every attribute, [`schema`] for the generated schema and
//! validation, [`typed`] for typed queries, [`model`] for the operations and [`sync`]
//! for how the server is made to match.
//!
//! ## Features
//!
//! - `rustls` (default): TLS through rustls; no OpenSSL.
//! - `native-tls`: the platform's TLS instead (use with `default-features = false`).
//! - `http2` (default): HTTP/2 when the server offers it.
//! - `chrono`, `time`: [`Timestamp`] conversions and `#[serde(with = …)]` helpers.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
mod builder;
mod client;
mod client_api;
mod config;
mod credentials;
pub mod datetime;
mod declared;
mod error;
mod id;
pub mod model;
mod name;
mod outcome;
mod permission;
pub mod query;
mod reference;
pub mod response;
pub mod schema;
mod secret;
pub mod sync;
mod transport;
pub mod typed;
mod verified;
mod version;

#[doc(hidden)]
pub mod __private;

pub use api::{columns, indexes};
pub use builder::ClientBuilder;
pub use client::Client;
pub use config::{Config, RESPONSE_FORMAT, RetryPolicy, SyncSettings};
pub use credentials::Credentials;
pub use datetime::Timestamp;
pub use error::{Answer, AppwriteErrorType, Error, IdKind, Result};
pub use id::ID;
pub use model::{Model, Transaction};
pub use outcome::WriteOutcome;
pub use permission::{Action, Permission, Permissions, Role};
pub use query::Query;
pub use reference::Ref;
pub use response::{Row, RowList};
pub use version::{Feature, ServerVersion};

pub use lazy_appwrite_derive::{Enum, Table};

/// The crate README's examples, compiled with the doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub use schema::Table;
