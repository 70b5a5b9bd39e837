//! Compile-time table schemas: what `#[derive(Table)]` generates and the sync engine reads.
//!
//! - [`Table`]: the trait a model implements, with its `'static` [`TableSchema`].
//! - [`TableSchema`], [`ColumnSchema`], [`ColumnType`], [`IndexSchema`]: the data model,
//!   defined by the `lazy-appwrite-core` crate (which the derive reads too), with its JSON
//!   encoder for the create-table, create-column and create-index bodies; a
//!   [`ColumnSchema`] is itself a [`crate::columns::ColumnSpec`], and compares with what
//!   the server reports ([`differences`], [`index_matches`]).
//! - [`rules`]: Appwrite's value rules; [`CheckValue`]: typed validation;
//!   [`coerce()`]: hygiene for dynamic payloads.
//! - [`Field`], [`Scalar`], [`InferKind`] and the `Holds*` traits: how field types map to
//!   column kinds, checked by rustc.
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

mod appwrite_json;
mod check;
pub mod coerce;
mod column;
mod compare;
pub mod consts;
mod field;
mod geo;
mod holds;
pub mod rules;
mod table;
#[cfg(test)]
mod whitespace_scan;

pub use appwrite_json::{
    ColumnEntry, DatabaseEntry, Document, IndexEntry, RelationshipEntry, TableEntry, appwrite_json,
    table_entry,
};
pub use check::CheckValue;
#[doc(hidden)]
pub use check::check_enum_element;
pub use coerce::{CoerceMode, coerce};
pub use column::{
    ColumnSchema, ColumnType, DefaultValue, LONGTEXT_SIZE, MEDIUMTEXT_SIZE, OnDeleteAction,
    Options, RelatedModel, Relation, RelationshipSchema, STRING_MAX_SIZE, TEXT_SIZE,
    VARCHAR_MAX_SIZE, related_model,
};
pub use compare::{ColumnDifference, differences, index_matches};
pub use field::{Field, Scalar};
pub use geo::{Line, Point, Polygon};
#[doc(hidden)]
pub use holds::HeldBy;
pub use holds::{
    EnumValue, HoldsBoolean, HoldsDatetime, HoldsEmail, HoldsEnum, HoldsFloat, HoldsInteger,
    HoldsIp, HoldsLine, HoldsPoint, HoldsPolygon, HoldsRelationship, HoldsText, HoldsUrl,
    InferKind,
};
pub use lazy_appwrite_core::describe::DESCRIPTION_MAX_CHARS;
pub use rules::{Rule, Violation, ViolationAt};
pub(crate) use table::permission_list;
pub use table::{IndexKind, IndexOrder, IndexSchema, TableSchema};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::Rows;
use crate::client::Client;
use crate::error::Result;
use crate::typed::{Filter, ListQuery};

/// A table declared in Rust: implemented by `#[derive(Table)]`.
///
/// ```
/// use lazy_appwrite::Table;
/// use lazy_appwrite::schema::CoerceMode;
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "notes")]
/// struct Note {
///     #[column(size = 8)]
///     title: String,
///     #[column(default = false)]
///     pinned: bool,
/// }
///
/// assert_eq!(Note::ID, "notes");
/// assert!(Note { title: "short".into(), pinned: true }.validate().is_ok());
/// let err = Note { title: "much too long".into(), pinned: false }.validate().unwrap_err();
/// assert_eq!(err.to_string(),
///     "invalid input for table `notes`, column `title`: rule `size`: 13 characters is longer than the column's size of 8");
///
/// let row = Note::coerce(serde_json::json!({"title": "hi"}), CoerceMode::Create)?;
/// assert_eq!(row["pinned"], false);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a table model",
    label = "not a `#[derive(lazy_appwrite::Table)]` type",
    note = "relationships link to models: derive `lazy_appwrite::Table` for `{Self}`, or name the table with `related_id = \"table\"`"
)]
pub trait Table: Sized + 'static {
    /// The table ID.
    const ID: &'static str;
    /// The schema: settings, columns, indexes.
    const SCHEMA: &'static TableSchema;
    /// The generated struct of column handles (`UserColumns`).
    type Columns: 'static;
    /// The generated partial-update type (`UserPatch`).
    type Patch: Patch<Table = Self>;

    /// The column handles, for typed filters: `User::columns().age.gt(18)`.
    fn columns() -> &'static Self::Columns;

    /// Checks every column's value against Appwrite's rules before it is sent; the error
    /// names the table, the column and the rule.
    fn validate(&self) -> Result<()>;

    /// An empty partial update; its setters are typed like the fields.
    fn patch() -> Self::Patch {
        Self::Patch::default()
    }

    /// Cleans and validates a dynamic payload (see [`coerce()`]).
    fn coerce(value: Value, mode: CoerceMode) -> Result<Map<String, Value>> {
        coerce(Self::SCHEMA, value, mode)
    }

    /// A typed list query.
    fn query() -> ListQuery<Self> {
        ListQuery::new()
    }

    /// A filter built from the columns struct: `User::filter(|c| c.age.gt(18))`.
    fn filter(build: impl FnOnce(&'static Self::Columns) -> Filter<Self>) -> Filter<Self> {
        build(Self::columns())
    }

    /// The table's rows in database `database_id`.
    fn rows_in(client: &Client, database_id: impl Into<String>) -> Rows<Self> {
        client.rows(database_id, Self::ID)
    }

    /// The table's rows in the database the model names (`#[table(database = "…")]`), or
    /// else the client's default ([`crate::ClientBuilder::default_database`]). This is the
    /// low-level API: it never syncs the schema (see [`crate::Model`] for that).
    ///
    /// ```
    /// use lazy_appwrite::{Client, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "notes")]
    /// struct Note { #[column(size = 8)] title: String }
    ///
    /// let client = Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(Note::rows(&client).is_err());
    /// let client = Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .default_database("main").build()?;
    /// assert_eq!(Note::rows(&client)?.database_id(), "main");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    fn rows(client: &Client) -> Result<Rows<Self>> {
        client
            .database_for(Self::SCHEMA)
            .map(|db| Self::rows_in(client, db))
    }
}

/// A partial update of a [`Table`]'s row: only the columns set are sent.
/// `#[derive(Table)]` generates one per model (`UserPatch`).
pub trait Patch: Serialize + Default {
    /// The table.
    type Table: Table;

    /// Checks the columns set, like [`Table::validate`].
    fn validate(&self) -> Result<()>;

    /// Whether no column is set.
    fn is_empty(&self) -> bool;
}
