//! # lazy-appwrite
//!
//! A typed REST client for Appwrite's TablesDB: what Diesel, SeaORM and Toasty give SQL
//! users, for Appwrite. This crate is the runtime: the client, typed rows, queries,
//! permissions, honest errors and safe retries. The derive macros and the schema sync
//! engine build on it.
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
//! client.databases().create("shop", "Shop").send().await?;
//! client.tables("shop").create("books", "Books").send().await?;
//! let columns = client.columns("shop", "books");
//! columns.create(&StringColumn::new("title", 255).required(true)).await?;
//! columns.create(&IntegerColumn::new("count").default(0)).await?;
//! columns.wait_until_available(&["title", "count"]).await?;
//!
//! let books = client.rows::<Book>("shop", "books");
//! let row = books.create(ID::unique(), &Book { title: "Dune".into(), count: 3 }).send().await?;
//! assert_eq!(row.title, "Dune");
//!
//! let found = books.list().query(Query::greater_than("count", 1)).send().await?;
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
//! - **Honest errors** ([`Error`]): what, where, the HTTP status and Appwrite type, and
//!   whether to retry. The API key never appears in `Debug`, `Display`, errors or logs.
//! - **Acting as a user**: [`Client::as_user`] overlays a JWT or session per call.
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
mod config;
mod credentials;
pub mod datetime;
mod error;
mod id;
pub mod models;
mod permission;
pub mod query;
mod secret;
mod transport;

#[doc(hidden)]
pub mod __private;

pub use api::columns;
pub use builder::ClientBuilder;
pub use client::Client;
pub use config::{Config, RESPONSE_FORMAT};
pub use credentials::Credentials;
pub use datetime::Timestamp;
pub use error::{Error, Result};
pub use id::ID;
pub use models::{Row, RowList};
pub use permission::{Action, Permission, Role};
pub use query::Query;
pub use transport::RetryPolicy;
