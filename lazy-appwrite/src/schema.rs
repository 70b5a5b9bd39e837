//! Compile-time table schemas: what `#[derive(Table)]` generates and the sync engine reads.
//!
//! - [`Table`]: the trait a model implements, with its `'static` [`TableSchema`].
//! - [`TableSchema`], [`ColumnSchema`], [`ColumnType`], [`IndexSchema`]: the data model,
//!   defined by the `lazy-appwrite-core` crate (which the derive reads too), with its JSON
//!   encoder for the create-table, create-column and create-index bodies; a
//!   [`ColumnSchema`] is itself a [`crate::columns::ColumnSpec`], and compares with what
//!   the server reports ([`differences`], [`index_matches`]).
//! - [`rules`]: Appwrite's value rules, each a function a value can be checked with;
//!   [`coerce()`]: hygiene for dynamic payloads.
//! - [`appwrite_json`], [`TableEntry`] and the other entries: a schema as the Appwrite
//!   CLI's `appwrite.json` holds it.
//!
//! How a field type maps to a column kind is checked by rustc through traits the
//! generated code names; they are not part of this vocabulary.
//!
//! ```
//! use lazy_appwrite::Table;
//! use lazy_appwrite::schema::ColumnType;
//!
//! #[derive(Table, serde::Serialize, serde::Deserialize)]
//! #[table(id = "users", permissions(read("any"), write("users")), row_security)]
//! struct User {
//!     #[column(size = 64)]
//!     name: String,
//!     #[column(integer(min = 0, max = 150))]
//!     age: Option<i64>,
//! }
//!
//! let schema = User::SCHEMA;
//! assert_eq!(schema.id, "users");
//! assert_eq!(schema.name, "users");
//! assert_eq!(schema.permissions, [r#"read("any")"#, r#"create("users")"#, r#"update("users")"#, r#"delete("users")"#]);
//! assert_eq!(schema.columns[1].kind, ColumnType::Integer { min: Some(0), max: Some(150) });
//! assert!(schema.columns[0].required && !schema.columns[1].required);
//! ```

pub(crate) use crate::declared::permission_list;
pub use crate::declared::{
    CoerceMode, ColumnDifference, ColumnEntry, ColumnSchema, ColumnType, DESCRIPTION_MAX_CHARS,
    DatabaseEntry, DefaultValue, Document, EnumValue, IndexEntry, IndexKind, IndexOrder,
    IndexSchema, LONGTEXT_SIZE, Line, MEDIUMTEXT_SIZE, OnDeleteAction, Options, Point, Polygon,
    RelatedModel, Relation, RelationshipEntry, RelationshipSchema, STRING_MAX_SIZE, TEXT_SIZE,
    TableEntry, TableSchema, VARCHAR_MAX_SIZE, appwrite_json, coerce, differences, index_matches,
    rules, table_entry,
};
pub use crate::typed::table::{Patch, Table, related_model};
