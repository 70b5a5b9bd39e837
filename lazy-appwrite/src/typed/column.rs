//! [`Column<T, V, K, S>`]: a typed handle on one column of table `T`, whose methods depend
//! on the field type `V`, the kind `K` and whether a fulltext index covers it (`S`).

use std::fmt;
use std::marker::PhantomData;

use super::capability::*;
use super::filter::Filter;
use super::list::{Order, Selected};
use super::operand::Operand;
use crate::declared::Field;
use crate::declared::kind::{Kind, null, search};
use crate::query::Query;

/// A handle on column `key` of table `T`. `#[derive(Table)]` makes one per column, in the
/// table's columns struct (`User::columns().age`).
///
/// - `V` is the field's type (`Option<i64>`), `K` a marker of the column's kind (one type
///   per Appwrite kind, named by the generated code), `S` a marker of whether a fulltext
///   index covers exactly this column.
/// - Every kind has `equal`, `not_equal` and `is_in` (arrays have `contains` instead);
///   integer, float and datetime columns are ordered (`gt`, `between`, …); string, varchar
///   and text columns have `starts_with`, `ends_with` and their negations; `string`-typed
///   columns and arrays have `contains`; `search` needs a fulltext index; `is_null` needs
///   an `Option` field. Anything else is a compile error that says so.
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "users", index(key = "by_bio", fulltext, columns(bio)))]
/// # struct User {
/// #     #[column(size = 64)] name: String,
/// #     age: Option<i64>,
/// #     #[column(text)] bio: String,
/// #     #[column(size = 16)] tags: Vec<String>,
/// # }
/// use lazy_appwrite::Table;
///
/// let c = User::columns();
/// assert_eq!(c.age.gt(18).to_query().to_json(), r#"{"method":"greaterThan","attribute":"age","values":[18]}"#);
/// assert_eq!(c.age.is_null().to_query().to_json(), r#"{"method":"isNull","attribute":"age"}"#);
/// assert_eq!(c.name.is_in(["Ada", "Grace"]).to_query().to_json(),
///     r#"{"method":"equal","attribute":"name","values":["Ada","Grace"]}"#);
/// assert_eq!(c.tags.contains("rust").to_query().method(), "contains");
/// assert_eq!(c.bio.search("compiler").to_query().method(), "search");
/// ```
///
/// What does not compile:
///
/// ```compile_fail
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "users")]
/// # struct User { #[column(size = 64)] name: String }
/// use lazy_appwrite::Table;
/// User::columns().name.gt(18); // string columns cannot be compared with `gt`
/// ```
///
/// ```compile_fail
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "users")]
/// # struct User { age: i64 }
/// use lazy_appwrite::Table;
/// User::columns().age.gt("x"); // `&str` cannot be compared with a `i64` column
/// ```
pub struct Column<T, V, K, S = search::NotIndexed> {
    key: &'static str,
    _marker: Marker<T, V, K, S>,
}

/// Ties a handle to its table, field type, kind and search marker without owning them.
type Marker<T, V, K, S> = PhantomData<fn() -> (T, V, K, S)>;

impl<T, V, K, S> Clone for Column<T, V, K, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V, K, S> Copy for Column<T, V, K, S> {}

impl<T, V, K: Kind, S> fmt::Debug for Column<T, V, K, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Column({:?}: {})", self.key, K::NAME)
    }
}

impl<T, V, K, S> Column<T, V, K, S> {
    /// The handle on column `key` (the derive makes these).
    #[doc(hidden)]
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            _marker: PhantomData,
        }
    }

    /// The column key.
    pub const fn key(&self) -> &'static str {
        self.key
    }

    fn filter(self, query: Query) -> Filter<T> {
        Filter::new(query)
    }
}

/// `is_null` and `is_not_null` need an `Option` field.
#[doc(hidden)]
pub trait CanIsNull<V> {}
impl<V> CanIsNull<V> for null::Nullable {}
impl<V: NotOptionalIsNull> CanIsNull<V> for null::NotNull {}

/// `is_not_null`, likewise.
#[doc(hidden)]
pub trait CanIsNotNull<V> {}
impl<V> CanIsNotNull<V> for null::Nullable {}
impl<V: NotOptionalIsNotNull> CanIsNotNull<V> for null::NotNull {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`is_null` only applies to optional columns",
    label = "this column's field is not an `Option`, so its rows always have a value"
)]
pub trait NotOptionalIsNull {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`is_not_null` only applies to optional columns",
    label = "this column's field is not an `Option`, so its rows always have a value"
)]
pub trait NotOptionalIsNotNull {}

/// `search` needs a fulltext index on exactly this column.
#[doc(hidden)]
pub trait CanSearch<V> {}
impl<V> CanSearch<V> for search::Indexed {}
impl<V: NoFulltextIndex> CanSearch<V> for search::NotIndexed {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`search` and `not_search` need a fulltext index on exactly this column",
    label = "add `index(key = \"…\", fulltext, columns(this_column))` to `#[table(…)]`"
)]
pub trait NoFulltextIndex {}

type Fam<K> = <K as Kind>::Family;
type Shape<V> = <V as Field>::Shape;

macro_rules! one_value {
    ($($(#[$doc:meta])* $name:ident, $cap:ident => $ctor:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name<O>(self, value: O) -> Filter<T>
        where
            Fam<K>: $cap<Shape<V>, V>,
            O: Operand<<Fam<K> as $cap<Shape<V>, V>>::Operand>,
        {
            self.filter(Query::$ctor(self.key, value.into_operand()))
        }
    )*};
}

macro_rules! text_value {
    ($($(#[$doc:meta])* $name:ident, $cap:ident => $ctor:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(self, text: impl Into<String>) -> Filter<T>
        where
            Fam<K>: $cap<Shape<V>, V>,
        {
            self.filter(Query::$ctor(self.key, text))
        }
    )*};
}

impl<T, V: Field, K: Kind, S> Column<T, V, K, S> {
    one_value! {
        /// The column equals `value` (`equal`).
        equal, CanEqual => equal;
        /// The column differs from `value` (`notEqual`; `null` never matches).
        not_equal, CanNotEqual => not_equal;
        /// The column is greater than `value` (`greaterThan`).
        gt, CanGt => greater_than;
        /// The column is greater than or equal to `value` (`greaterThanEqual`).
        gte, CanGte => greater_than_equal;
        /// The column is less than `value` (`lessThan`).
        lt, CanLt => less_than;
        /// The column is less than or equal to `value` (`lessThanEqual`).
        lte, CanLte => less_than_equal;
        /// A string column contains `value` as a substring; an array column has an
        /// element equal to `value` (`contains`).
        contains, CanContains => contains;
        /// The negation of [`Column::contains`] (`notContains`).
        not_contains, CanNotContains => not_contains;
    }

    text_value! {
        /// The text starts with `text` (`startsWith`).
        starts_with, CanStartsWith => starts_with;
        /// The text ends with `text` (`endsWith`).
        ends_with, CanEndsWith => ends_with;
        /// The text does not start with `text` (`notStartsWith`).
        not_starts_with, CanNotStartsWith => not_starts_with;
        /// The text does not end with `text` (`notEndsWith`).
        not_ends_with, CanNotEndsWith => not_ends_with;
    }

    /// The column equals any of `values` (`equal` with several values).
    pub fn is_in<O>(self, values: impl IntoIterator<Item = O>) -> Filter<T>
    where
        Fam<K>: CanIsIn<Shape<V>, V>,
        O: Operand<<Fam<K> as CanIsIn<Shape<V>, V>>::Operand>,
    {
        let values: Vec<_> = values.into_iter().map(Operand::into_operand).collect();
        self.filter(Query::equal(self.key, values))
    }

    /// A text column contains any of `values` as a substring; an array column has an
    /// element equal to one of them (`containsAny`, Appwrite 1.9.0 and later; on an older
    /// server the list fails with [`crate::Error::Unsupported`] before anything is sent).
    ///
    /// ```
    /// # use lazy_appwrite::Table;
    /// # use serde::{Deserialize, Serialize};
    /// #[derive(Table, Serialize, Deserialize)]
    /// #[table(id = "posts")]
    /// struct Post {
    ///     #[column(size = 40)]
    ///     tags: Vec<String>,
    /// }
    /// let c = Post::columns();
    /// let filter = c.tags.contains_any(["rust", "appwrite"]);
    /// assert_eq!(
    ///     filter.into_query().to_json(),
    ///     r#"{"method":"containsAny","attribute":"tags","values":["rust","appwrite"]}"#
    /// );
    /// ```
    pub fn contains_any<O>(self, values: impl IntoIterator<Item = O>) -> Filter<T>
    where
        Fam<K>: CanContainsAny<Shape<V>, V>,
        O: Operand<<Fam<K> as CanContainsAny<Shape<V>, V>>::Operand>,
    {
        let values: Vec<_> = values.into_iter().map(Operand::into_operand).collect();
        self.filter(Query::contains_any(self.key, values))
    }

    /// An array column has an element equal to each of `values` (`containsAll`, Appwrite
    /// 1.9.0 and later; on an older server the list fails with [`crate::Error::Unsupported`]
    /// before anything is sent).
    ///
    /// ```
    /// # use lazy_appwrite::Table;
    /// # use serde::{Deserialize, Serialize};
    /// #[derive(Table, Serialize, Deserialize)]
    /// #[table(id = "posts")]
    /// struct Post {
    ///     scores: Vec<i64>,
    /// }
    /// let filter = Post::columns().scores.contains_all([1, 2]);
    /// assert_eq!(
    ///     filter.into_query().to_json(),
    ///     r#"{"method":"containsAll","attribute":"scores","values":[1,2]}"#
    /// );
    /// ```
    pub fn contains_all<O>(self, values: impl IntoIterator<Item = O>) -> Filter<T>
    where
        Fam<K>: CanContainsAll<Shape<V>, V>,
        O: Operand<<Fam<K> as CanContainsAll<Shape<V>, V>>::Operand>,
    {
        let values: Vec<_> = values.into_iter().map(Operand::into_operand).collect();
        self.filter(Query::contains_all(self.key, values))
    }

    /// `start <= column <= end` (`between`).
    pub fn between<O1, O2>(self, start: O1, end: O2) -> Filter<T>
    where
        Fam<K>: CanBetween<Shape<V>, V>,
        O1: Operand<<Fam<K> as CanBetween<Shape<V>, V>>::Operand>,
        O2: Operand<<Fam<K> as CanBetween<Shape<V>, V>>::Operand>,
    {
        self.filter(Query::between(
            self.key,
            start.into_operand(),
            end.into_operand(),
        ))
    }

    /// The column is outside `[start, end]` (`notBetween`).
    pub fn not_between<O1, O2>(self, start: O1, end: O2) -> Filter<T>
    where
        Fam<K>: CanNotBetween<Shape<V>, V>,
        O1: Operand<<Fam<K> as CanNotBetween<Shape<V>, V>>::Operand>,
        O2: Operand<<Fam<K> as CanNotBetween<Shape<V>, V>>::Operand>,
    {
        self.filter(Query::not_between(
            self.key,
            start.into_operand(),
            end.into_operand(),
        ))
    }

    /// Full-text search (`search`); needs a fulltext index on exactly this column.
    pub fn search(self, text: impl Into<String>) -> Filter<T>
    where
        S: CanSearch<V>,
    {
        self.filter(Query::search(self.key, text))
    }

    /// Full-text search, negated (`notSearch`).
    pub fn not_search(self, text: impl Into<String>) -> Filter<T>
    where
        S: CanSearch<V>,
    {
        self.filter(Query::not_search(self.key, text))
    }

    /// The column is `null` (`isNull`); only for `Option` fields.
    pub fn is_null(self) -> Filter<T>
    where
        <V as Field>::Null: CanIsNull<V>,
    {
        self.filter(Query::is_null(self.key))
    }

    /// The column is not `null` (`isNotNull`); only for `Option` fields.
    pub fn is_not_null(self) -> Filter<T>
    where
        <V as Field>::Null: CanIsNotNull<V>,
    {
        self.filter(Query::is_not_null(self.key))
    }

    /// Sort by this column, ascending.
    pub fn asc(self) -> Order<T>
    where
        Fam<K>: CanAsc<Shape<V>, V>,
    {
        Order::new(Query::order_asc(self.key))
    }

    /// Sort by this column, descending.
    pub fn desc(self) -> Order<T>
    where
        Fam<K>: CanDesc<Shape<V>, V>,
    {
        Order::new(Query::order_desc(self.key))
    }
}

impl<T, V, K, S> From<Column<T, V, K, S>> for Selected<T> {
    fn from(column: Column<T, V, K, S>) -> Self {
        Selected::new(column.key)
    }
}
