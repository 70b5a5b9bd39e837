//! [`ListQuery<T>`]: filters, order, paging and projection for listing table `T`'s rows.

use std::fmt;
use std::marker::PhantomData;

use super::filter::Filter;
use super::load::{Loadable, add_path, select_values};
use super::table::Table;
use crate::api::rows::ListRows;
use crate::query::Query;

/// A sort order on table `T` (from [`super::Column::asc`] / [`super::Column::desc`]).
pub struct Order<T> {
    query: Query,
    _table: PhantomData<fn() -> T>,
}

impl<T> Order<T> {
    pub(crate) fn new(query: Query) -> Self {
        Self {
            query,
            _table: PhantomData,
        }
    }

    /// The query Appwrite receives.
    pub fn into_query(self) -> Query {
        self.query
    }
}

impl<T> fmt::Debug for Order<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Order").field(&self.query.to_json()).finish()
    }
}

/// A column of table `T` to return (`select`), from a column handle with `.into()` or
/// [`ListQuery::select`].
pub struct Selected<T> {
    key: &'static str,
    _table: PhantomData<fn() -> T>,
}

impl<T> Selected<T> {
    pub(crate) fn new(key: &'static str) -> Self {
        Self {
            key,
            _table: PhantomData,
        }
    }

    /// The column key.
    pub fn key(&self) -> &'static str {
        self.key
    }
}

/// Everything a list of table `T`'s rows can ask for: filters (all must hold), orders, a
/// limit, an offset, a cursor and a projection. It yields the [`Query`] values the client
/// sends ([`ListQuery::into_queries`], or `IntoIterator`).
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "users")]
/// # struct User { #[column(size = 64)] name: String, age: Option<i64> }
/// use lazy_appwrite::Table;
///
/// let queries = User::query()
///     .filter_with(|c| c.age.gt(18))
///     .order(User::columns().name.asc())
///     .limit(10)
///     .offset(20)
///     .select(User::columns().name)
///     .into_queries();
/// let json: Vec<String> = queries.iter().map(|q| q.to_json()).collect();
/// assert_eq!(json, [
///     r#"{"method":"greaterThan","attribute":"age","values":[18]}"#,
///     r#"{"method":"orderAsc","attribute":"name"}"#,
///     r#"{"method":"limit","values":[10]}"#,
///     r#"{"method":"offset","values":[20]}"#,
///     r#"{"method":"select","values":["name"]}"#,
/// ]);
/// ```
pub struct ListQuery<T> {
    queries: Vec<Query>,
    select: Vec<&'static str>,
    loads: Vec<String>,
    _table: PhantomData<fn() -> T>,
}

impl<T> Default for ListQuery<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for ListQuery<T> {
    fn clone(&self) -> Self {
        Self {
            queries: self.queries.clone(),
            select: self.select.clone(),
            loads: self.loads.clone(),
            _table: PhantomData,
        }
    }
}

impl<T> fmt::Debug for ListQuery<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.clone().into_queries().iter().map(Query::to_json))
            .finish()
    }
}

impl<T> ListQuery<T> {
    /// An empty list query (all rows, Appwrite's default page of 25).
    pub fn new() -> Self {
        Self {
            queries: Vec::new(),
            select: Vec::new(),
            loads: Vec::new(),
            _table: PhantomData,
        }
    }

    /// Only the rows with these IDs. Any number of IDs may be given: where they do not fit
    /// one query (Appwrite takes 4,096 characters and 500 values), the list is sent in
    /// parts and merged in insertion order, so it cannot also be ordered or paged with an
    /// offset or a cursor.
    ///
    /// ```
    /// # use lazy_appwrite::Table;
    /// # #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "books")]
    /// # struct Book { #[column(size = 100)] title: String }
    /// let query = Book::query().ids(["dune", "emma"]);
    /// assert_eq!(
    ///     query.into_queries()[0].to_json(),
    ///     r#"{"method":"equal","attribute":"$id","values":["dune","emma"]}"#
    /// );
    /// ```
    pub fn ids<I: Into<String>>(mut self, ids: impl IntoIterator<Item = I>) -> Self {
        let ids: Vec<String> = ids.into_iter().map(Into::into).collect();
        self.queries.push(Query::equal("$id", ids));
        self
    }

    /// Adds a filter; all filters must hold.
    pub fn filter(mut self, filter: Filter<T>) -> Self {
        self.queries.push(filter.into_query());
        self
    }

    /// Adds a filter built from the table's columns struct: `.filter_with(|c| c.age.gt(18))`.
    pub fn filter_with(self, build: impl FnOnce(&'static T::Columns) -> Filter<T>) -> Self
    where
        T: Table,
    {
        self.filter(build(T::columns()))
    }

    /// Adds a sort order (the first added has priority).
    pub fn order(mut self, order: Order<T>) -> Self {
        self.queries.push(order.into_query());
        self
    }

    /// Random order.
    pub fn order_random(mut self) -> Self {
        self.queries.push(Query::order_random());
        self
    }

    /// At most `limit` rows.
    pub fn limit(mut self, limit: u64) -> Self {
        self.queries.push(Query::limit(limit));
        self
    }

    /// Skips the first `offset` rows.
    pub fn offset(mut self, offset: u64) -> Self {
        self.queries.push(Query::offset(offset));
        self
    }

    /// Rows after the row with this ID, in the current order.
    pub fn cursor_after(mut self, row_id: impl Into<String>) -> Self {
        self.queries.push(Query::cursor_after(row_id));
        self
    }

    /// Rows before the row with this ID, in the current order.
    pub fn cursor_before(mut self, row_id: impl Into<String>) -> Self {
        self.queries.push(Query::cursor_before(row_id));
        self
    }

    /// Loads this relationship with the rows: the related rows come decoded into the
    /// field's `Ref<Model>` ([`crate::Ref::row`]). `relation` is a relationship column
    /// handle (`c.author`) or a deeper path (`c.author.then(Author::columns().publisher)`,
    /// up to 3 levels). Without [`ListQuery::select`], every own column comes too.
    ///
    /// ```
    /// use lazy_appwrite::{Ref, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "authors")]
    /// struct Author { #[column(size = 64)] name: String }
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "books")]
    /// struct Book {
    ///     #[column(size = 64)] title: String,
    ///     #[column(relationship(kind = many_to_one))]
    ///     author: Option<Ref<Author>>,
    /// }
    ///
    /// let c = Book::columns();
    /// let query = Book::query().filter(c.title.starts_with("D")).load(c.author);
    /// assert_eq!(query.into_queries()[1].to_json(),
    ///     r#"{"method":"select","values":["*","author.*"]}"#);
    /// ```
    pub fn load(mut self, relation: impl Loadable<T>) -> Self {
        add_path(&mut self.loads, relation);
        self
    }

    /// Narrows the columns the rows come with to this one, the others selected, and the
    /// ones every `T` needs; several calls make one `select`. The rows decode into `T`, so
    /// a required column, a column with a default and an array always come (a row without
    /// them could not be a `T`); an optional column left out reads `None`. System fields
    /// always come.
    ///
    /// ```
    /// use lazy_appwrite::Table;
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "posts")]
    /// struct Post {
    ///     #[column(size = 64)]
    ///     title: String,
    ///     #[column(size = 64)]
    ///     slug: String,
    ///     #[column(size = 4096)]
    ///     body: Option<String>,
    ///     #[column(size = 64)]
    ///     subtitle: Option<String>,
    /// }
    ///
    /// let c = Post::columns();
    /// let query = Post::query().select(c.subtitle);
    /// assert_eq!(query.into_queries()[0].to_json(),
    ///     r#"{"method":"select","values":["subtitle","title","slug"]}"#);
    /// ```
    pub fn select(mut self, column: impl Into<Selected<T>>) -> Self
    where
        T: Table,
    {
        let key = column.into().key();
        let needed = T::SCHEMA
            .columns
            .iter()
            .filter(|c| (c.required || c.default.is_some() || c.array) && !c.is_relationship())
            .map(|c| c.key);
        for key in std::iter::once(key).chain(needed) {
            if !self.select.contains(&key) {
                self.select.push(key);
            }
        }
        self
    }

    /// The queries, in the order they were added, `select` last.
    pub fn into_queries(self) -> Vec<Query> {
        let mut queries = self.queries;
        if !self.loads.is_empty() {
            queries.push(Query::select(select_values(&self.select, &self.loads)));
        } else if !self.select.is_empty() {
            queries.push(Query::select(self.select));
        }
        queries
    }
}

impl<T> IntoIterator for ListQuery<T> {
    type Item = Query;
    type IntoIter = std::vec::IntoIter<Query>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_queries().into_iter()
    }
}

impl<T: Table> ListRows<'_, T> {
    /// Adds a typed filter built from `T`'s columns struct.
    ///
    /// ```no_run
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "users", database = "main")]
    /// # struct User { age: Option<i64> }
    /// # async fn demo(client: lazy_appwrite::Client) -> lazy_appwrite::Result<()> {
    /// use lazy_appwrite::Table;
    /// let adults = User::rows(&client)?.list().filter(|c| c.age.gte(18)).await?;
    /// # Ok(()) }
    /// ```
    pub fn filter(self, build: impl FnOnce(&'static T::Columns) -> Filter<T>) -> Self {
        self.query(build(T::columns()).into_query())
    }

    /// Adds every query of a typed [`ListQuery<T>`].
    pub fn typed(self, query: ListQuery<T>) -> Self {
        self.queries(query)
    }
}
