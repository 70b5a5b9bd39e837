//! Appwrite's column model for lazy-appwrite, without I/O: what both `#[derive(Table)]`
//! (while it expands) and the runtime (while it runs) read.
//!
//! - [`appwrite_json`]: the `tables` section of an `appwrite.json`, read, written and built
//!   from a model.
//! - [`kinds`]: the kind table ([`column_kinds!`]), one entry per Appwrite column kind;
//!   [`ColumnType`] and the runtime's markers, response model and column builders are
//!   generated from it.
//! - [`ColumnSchema`], [`TableSchema`], [`IndexSchema`]: the schema a model declares.
//! - [`describe`]: descriptions from doc comments, and their longest length.
//! - [`encode`]: the one JSON encoder for column, table and index bodies.
//! - [`rules`], [`declare`], [`ids`]: Appwrite's value rules, the checks of a column
//!   declaration, and the ID, key and role rules, each with one message.
//!
//! ```
//! use lazy_appwrite_core::{ColumnSchema, ColumnType, TableSchema};
//!
//! const COLUMNS: &[ColumnSchema] = &[
//!     ColumnSchema::new("title", ColumnType::String { size: 64, encrypt: false }).required(true),
//! ];
//! const BOOKS: TableSchema = TableSchema::new("books", "Books").columns(COLUMNS);
//! assert_eq!(BOOKS.create_body()["columns"][0]["size"], 64);
//! assert!(lazy_appwrite_core::rules::check_size("Dune", 64).is_ok());
//! ```

pub mod appwrite_json;
mod column;
pub mod datetime;
pub mod declare;
pub mod describe;
pub mod encode;
pub mod ids;
pub mod kinds;
mod relation;
pub mod rules;
mod table;
pub mod text;

pub use column::{
    ColumnSchema, ColumnType, DefaultValue, LONGTEXT_SIZE, MEDIUMTEXT_SIZE, Options,
    STRING_MAX_SIZE, TEXT_SIZE, VARCHAR_MAX_SIZE,
};
pub use kinds::{Family, KindInfo, Shape};
pub use relation::{OnDeleteAction, RelatedModel, Relation, RelationshipSchema};
pub use rules::{Rule, Violation};
pub use table::{IndexKind, IndexOrder, IndexSchema, TableSchema};
