//! Typed queries: column handles, filters, orders and list queries checked by the compiler.
//!
//! `#[derive(Table)]` generates a columns struct (`UserColumns`, reached through
//! [`crate::Table::columns`]) with one [`Column`] handle per column. A handle's methods
//! depend on its kind and field type, and build a [`Filter<T>`] or an [`Order<T>`] tied to
//! the table `T`, so a filter on one table cannot be passed to another and
//! `columns.name.gt(18)` is refused with "string columns cannot be compared with `gt`".
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
//! #     .project(emulator.project()).api_key(emulator.key()).build()?;
//! use lazy_appwrite::{ID, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Table, Serialize, Deserialize, Debug)]
//! #[table(id = "books", database = "shop")]
//! struct Book {
//!     #[column(size = 128)]
//!     title: String,
//!     #[column(integer(min = 0))]
//!     count: i64,
//! }
//!
//! # client.databases().create("shop", "Shop").await?;
//! # let schema = Book::SCHEMA;
//! # let tables = client.tables("shop");
//! # tables.create(schema.id, schema.name).await?;
//! # let columns = client.columns("shop", "books");
//! # for c in schema.columns { columns.create(c).await?; }
//! # columns.wait_until_available(&["title", "count"]).await?;
//! let books = Book::rows(&client)?;
//! books.create(ID::unique(), &Book { title: "Dune".into(), count: 3 }).await?;
//! books.create(ID::unique(), &Book { title: "Emma".into(), count: 0 }).await?;
//!
//! let in_stock = books.list().filter(|c| c.count.gt(0)).await?;
//! assert_eq!(in_stock.rows.len(), 1);
//! assert_eq!(in_stock.rows[0].title, "Dune");
//!
//! let c = Book::columns();
//! let page = books.list().typed(Book::query().order(c.title.desc()).limit(1)).await?;
//! assert_eq!(page.rows[0].title, "Emma");
//! # Ok(()) }
//! ```

pub(crate) mod capability;
pub(crate) mod column;
mod filter;
mod list;
pub mod load;
mod operand;
pub(crate) mod operator;
pub(crate) mod table;

pub use column::Column;
pub use filter::Filter;
pub use list::{ListQuery, Order, Selected};
pub use load::{LoadPath, Loadable};
pub use operand::Operand;
pub use operator::{ArrayCondition, Capped, Floored, Operator, OperatorValue};
