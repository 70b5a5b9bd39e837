//! Loading related rows, typed: which relationships a read brings back, up to Appwrite's
//! depth of 3 (`Book::get(&client, id).load(c.author)`).
//!
//! Appwrite returns related rows only when a query selects them (`select(["*",
//! "author.*"])`), and at most three levels of rows: the row, its related rows, and
//! theirs. A relationship column handle whose field is a `Ref<Model>` loads the second
//! level; [`Column::then`] the third, through the related model's own columns:
//!
//! ```
//! use lazy_appwrite::{Ref, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Table, Serialize, Deserialize)]
//! #[table(id = "countries")]
//! struct Country { #[column(size = 64)] name: String }
//!
//! #[derive(Table, Serialize, Deserialize)]
//! #[table(id = "publishers")]
//! struct Publisher {
//!     #[column(size = 64)] name: String,
//!     #[column(relationship(kind = many_to_one))]
//!     country: Option<Ref<Country>>,
//! }
//!
//! #[derive(Table, Serialize, Deserialize)]
//! #[table(id = "books")]
//! struct Book {
//!     #[column(size = 64)] title: String,
//!     #[column(relationship(kind = many_to_one))]
//!     publisher: Option<Ref<Publisher>>,
//! }
//!
//! let query = Book::query()
//!     .load(Book::columns().publisher.then(Publisher::columns().country));
//! assert_eq!(query.into_queries()[0].to_json(),
//!     r#"{"method":"select","values":["*","publisher.*","publisher.country.*"]}"#);
//! ```
//!
//! Only relationship columns can be loaded, and only three levels deep:
//!
//! ```compile_fail
//! # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
//! # #[table(id = "books")]
//! # struct Book { #[column(size = 64)] title: String }
//! use lazy_appwrite::Table;
//! // only relationship columns whose field is a `Ref<…>` can be loaded
//! Book::query().load(Book::columns().title);
//! ```

use std::fmt;
use std::marker::PhantomData;

use super::column::Column;
use super::table::RefTarget;
use crate::declared::Field;
use crate::declared::kind::Relationship;

/// The model a relationship field of type `V` links to (`Author` for
/// `Option<Ref<Author>>`).
pub type Linked<V> = <<V as Field>::Elem as RefTarget>::Model;

/// A relationship path of table `T` to load with its rows, ending at model `R`, `D`
/// relationships long. Made by [`Column::then`]; a relationship column handle alone
/// loads one relationship.
pub struct LoadPath<T, R, D> {
    path: String,
    _marker: Marker<T, R, D>,
}

/// Ties a path to its root table, end model and depth without owning them.
type Marker<T, R, D> = PhantomData<fn() -> (T, R, D)>;

impl<T, R, D> LoadPath<T, R, D> {
    /// The dotted path of relationship keys (`author.publisher`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// One level further: the relationship `next` of the model this path ends at. Only
    /// for paths that are not at Appwrite's limit yet: a two-relationship path already
    /// reaches the third level of rows, so this does not compile:
    ///
    /// ```compile_fail
    /// # use lazy_appwrite::{Ref, Table};
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "c")] struct C { #[column(size = 8)] name: String }
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "b")] struct B { #[column(relationship(kind = many_to_one))] c: Option<Ref<C>> }
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "a")] struct A { #[column(relationship(kind = many_to_one))] b: Option<Ref<B>> }
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "root")] struct Root { #[column(relationship(kind = many_to_one))] a: Option<Ref<A>> }
    /// // Appwrite loads related rows at most 3 levels deep
    /// let too_deep = Root::columns().a.then(A::columns().b).then(B::columns().c);
    /// ```
    pub fn then<V, S>(self, next: Column<R, V, Relationship, S>) -> LoadPath<T, Linked<V>, D>
    where
        D: Deeper,
        V: Field,
        V::Elem: RefTarget,
    {
        LoadPath {
            path: format!("{}.{}", self.path, next.key()),
            _marker: PhantomData,
        }
    }
}

impl<T, R, D> Clone for LoadPath<T, R, D> {
    fn clone(&self) -> Self {
        Self {
            path: self.path.clone(),
            _marker: PhantomData,
        }
    }
}

impl<T, R, D> fmt::Debug for LoadPath<T, R, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LoadPath").field(&self.path).finish()
    }
}

impl<T, V: Field, S> Column<T, V, Relationship, S>
where
    V::Elem: RefTarget,
{
    /// Loads this relationship and, through it, the related model's relationship `next`:
    /// the third level of rows, Appwrite's limit.
    ///
    /// ```
    /// # use lazy_appwrite::{Ref, Table};
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "publishers")] struct Publisher { #[column(size = 8)] name: String }
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "authors")] struct Author {
    /// #     #[column(relationship(kind = many_to_one))] publisher: Option<Ref<Publisher>> }
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "books")] struct Book {
    /// #     #[column(relationship(kind = many_to_one))] author: Option<Ref<Author>> }
    /// let path = Book::columns().author.then(Author::columns().publisher);
    /// assert_eq!(path.path(), "author.publisher");
    /// ```
    pub fn then<V2, S2>(
        self,
        next: Column<Linked<V>, V2, Relationship, S2>,
    ) -> LoadPath<T, Linked<V2>, depth::Two>
    where
        V2: Field,
        V2::Elem: RefTarget,
    {
        LoadPath {
            path: format!("{}.{}", self.key(), next.key()),
            _marker: PhantomData,
        }
    }
}

/// How many relationships a [`LoadPath`] goes through.
pub mod depth {
    /// Two relationships: rows three levels deep, Appwrite's limit.
    pub struct Two;
}

/// Paths that may go one relationship further: none, a [`LoadPath`] is at Appwrite's
/// limit already (the trait is where the compiler says so).
#[diagnostic::on_unimplemented(
    message = "Appwrite loads related rows at most 3 levels deep",
    label = "this path reaches the third level of rows already"
)]
pub trait Deeper {}

/// Something [`ListQuery::load`](super::ListQuery::load) and the model reads accept: a
/// relationship of table `T` whose field is a `Ref<…>`, or a [`LoadPath`].
#[diagnostic::on_unimplemented(
    message = "only relationship columns whose field is a `Ref<…>` can be loaded",
    label = "not a relationship column of this table with a `Ref<Model>` field"
)]
pub trait Loadable<T> {
    /// The dotted path of relationship keys.
    fn into_path(self) -> String;
}

impl<T, V: Field, S> Loadable<T> for Column<T, V, Relationship, S>
where
    V::Elem: RefTarget,
{
    fn into_path(self) -> String {
        self.key().to_owned()
    }
}

impl<T, R, D> Loadable<T> for LoadPath<T, R, D> {
    fn into_path(self) -> String {
        self.path
    }
}

/// Adds the path `relation` names to `paths`, once.
pub(crate) fn add_path<T>(paths: &mut Vec<String>, relation: impl Loadable<T>) {
    let path = relation.into_path();
    if !paths.contains(&path) {
        paths.push(path);
    }
}

/// The `select` values that load `paths` on top of `columns` (all own columns, `*`, when
/// none are named): every level of each path, `a.*`, `a.b.*`, …
pub(crate) fn select_values(columns: &[&'static str], paths: &[String]) -> Vec<String> {
    let mut values: Vec<String> = if columns.is_empty() {
        vec!["*".to_owned()]
    } else {
        columns.iter().map(|c| (*c).to_owned()).collect()
    };
    for path in paths {
        let mut prefix = String::new();
        for key in path.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(key);
            let value = format!("{prefix}.*");
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::select_values;

    #[test]
    fn every_level_of_every_path_is_selected_once() {
        let paths = ["a.b.c".to_owned(), "a.d".to_owned()];
        assert_eq!(
            select_values(&[], &paths),
            ["*", "a.*", "a.b.*", "a.b.c.*", "a.d.*"]
        );
        assert_eq!(
            select_values(&["title"], &paths[1..]),
            ["title", "a.*", "a.d.*"]
        );
    }
}
