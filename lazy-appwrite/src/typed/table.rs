//! The traits a model implements ([`Table`], [`Patch`]), the handle on a related model's
//! schema ([`related_model`]) and the model a relationship links to ([`RefTarget`]).
//! `lazy_appwrite::schema` publishes them with the data they name.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Filter, ListQuery};
use crate::api::Rows;
use crate::client::Client;
use crate::declared::{CoerceMode, RelatedModel, TableSchema, coerce};
use crate::error::Result;
use crate::name::Name;

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

    /// Cleans and validates a dynamic payload (see [`coerce()`](crate::declared::coerce())).
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
        model_rows(client, Name::from(database_id.into()))
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
            .config()
            .database_for(Self::SCHEMA)
            .map(|db| model_rows(client, db))
    }
}

/// `T`'s rows in database `database`, its static table ID held as it is.
pub(crate) fn model_rows<T: Table>(client: &Client, database: Name) -> Rows<T> {
    Rows::new(client.clone(), database, Name::Static(T::ID))
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

/// The handle on model `T`'s schema, for
/// [`RelationshipSchema::related_model`](crate::declared::RelationshipSchema::related_model): syncing a
/// table that links to `T` syncs `T` first.
///
/// ```
/// use lazy_appwrite::Table;
/// use lazy_appwrite::schema::{Relation, RelationshipSchema, related_model};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "authors")]
/// struct Author { #[column(size = 64)] name: String }
///
/// const AUTHOR: RelationshipSchema = RelationshipSchema::new(Author::ID, Relation::ManyToOne)
///     .related_model(related_model::<Author>());
/// assert_eq!(AUTHOR.related_model.map(|m| m.schema().id), Some("authors"));
/// ```
pub const fn related_model<T: Table>() -> RelatedModel {
    RelatedModel::new(schema_of::<T>)
}

fn schema_of<T: Table>() -> &'static TableSchema {
    T::SCHEMA
}

/// The model a relationship field's element links to: `Author` for `Ref<Author>`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say which model the relationship links to",
    label = "make the field a `Ref<Model>` (`Option<Ref<Model>>`, `Option<Vec<Ref<Model>>>`), or name the table with `related = Model` or `related_id = \"table\"`"
)]
pub trait RefTarget {
    /// The linked model.
    type Model: Table;
}
