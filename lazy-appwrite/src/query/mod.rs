//! Queries as Appwrite receives them: `{"method","attribute","values"}`, one JSON string each.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::datetime::Timestamp;
use crate::version::Feature;

mod values;

pub use values::IntoQueryValues;

/// The rows a page holds when a list sends no `limit` query (Appwrite's default).
pub(crate) const DEFAULT_LIMIT: usize = 25;

/// One query: a filter, an order, a page limit, a cursor or a projection.
///
/// It serializes to exactly what the official SDKs send, with the same omission rules as
/// node-appwrite: no `attribute` for `limit`, `offset`, cursors, `select`, `orderRandom`,
/// `exists`, `notExists`, `and` and `or`; no `values` for `isNull`, `isNotNull`,
/// `orderAsc`, `orderDesc` and `orderRandom`. A scalar value is wrapped in an array;
/// `and`, `or` and `elemMatch` nest query *objects*.
///
/// ```
/// use lazy_appwrite::Query;
///
/// assert_eq!(
///     Query::equal("genre", ["fiction", "science"]).to_json(),
///     r#"{"method":"equal","attribute":"genre","values":["fiction","science"]}"#
/// );
/// assert_eq!(Query::equal("published", true).to_json(),
///     r#"{"method":"equal","attribute":"published","values":[true]}"#);
/// assert_eq!(Query::limit(25).to_json(), r#"{"method":"limit","values":[25]}"#);
/// assert_eq!(Query::order_desc("count").to_json(), r#"{"method":"orderDesc","attribute":"count"}"#);
/// assert_eq!(
///     Query::or([Query::equal("count", 1), Query::greater_than("price", 5)]).to_json(),
///     r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"greaterThan","attribute":"price","values":[5]}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    method: Cow<'static, str>,
    attribute: Option<String>,
    values: Values,
}

#[derive(Debug, Clone, PartialEq)]
enum Values {
    Absent,
    Scalars(Vec<Value>),
    Queries(Vec<Query>),
}

macro_rules! one_value {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(attribute: impl Into<String>, value: impl Into<Value>) -> Self {
            Self::with_values($method, Some(attribute.into()), vec![value.into()])
        }
    )*};
}

macro_rules! many_values {
    ($($(#[$doc:meta])+ $name:ident => $method:literal),* $(,)?) => {$(
        $(#[$doc])+
        pub fn $name(attribute: impl Into<String>, values: impl IntoQueryValues) -> Self {
            Self::with_values($method, Some(attribute.into()), values.into_query_values())
        }
    )*};
}

macro_rules! text_value {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(attribute: impl Into<String>, text: impl Into<String>) -> Self {
            Self::with_values($method, Some(attribute.into()), vec![Value::String(text.into())])
        }
    )*};
}

macro_rules! geometry {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(attribute: impl Into<String>, geometry: impl Into<Value>) -> Self {
            Self::with_values($method, Some(attribute.into()), vec![geometry.into()])
        }
    )*};
}

macro_rules! distance {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(
            attribute: impl Into<String>,
            geometry: impl Into<Value>,
            distance: f64,
            meters: bool,
        ) -> Self {
            let inner = Value::Array(vec![geometry.into(), Value::from(distance), Value::Bool(meters)]);
            Self::with_values($method, Some(attribute.into()), vec![inner])
        }
    )*};
}

macro_rules! vector {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(attribute: impl Into<String>, vector: impl IntoIterator<Item = f64>) -> Self {
            let inner = Value::Array(vector.into_iter().map(Value::from).collect());
            Self::with_values($method, Some(attribute.into()), vec![inner])
        }
    )*};
}

macro_rules! bare_attribute {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(attribute: impl Into<String>) -> Self {
            Self { method: Cow::Borrowed($method), attribute: Some(attribute.into()), values: Values::Absent }
        }
    )*};
}

macro_rules! names {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name<S: Into<String>>(attributes: impl IntoIterator<Item = S>) -> Self {
            let values = attributes.into_iter().map(|a| Value::String(a.into())).collect();
            Self::with_values($method, None, values)
        }
    )*};
}

macro_rules! nested {
    ($(#[$doc:meta] $name:ident => $method:literal),* $(,)?) => {$(
        #[$doc]
        pub fn $name(queries: impl IntoIterator<Item = Query>) -> Self {
            Self {
                method: Cow::Borrowed($method),
                attribute: None,
                values: Values::Queries(queries.into_iter().collect()),
            }
        }
    )*};
}

impl Query {
    fn with_values(method: &'static str, attribute: Option<String>, values: Vec<Value>) -> Self {
        Self {
            method: Cow::Borrowed(method),
            attribute,
            values: Values::Scalars(values),
        }
    }

    /// A query with any method, for methods this crate does not know yet.
    ///
    /// ```
    /// use lazy_appwrite::Query;
    /// let q = Query::raw("equal", Some("x".into()), vec![1.into()]);
    /// assert_eq!(q, Query::equal("x", 1));
    /// ```
    pub fn raw(method: impl Into<String>, attribute: Option<String>, values: Vec<Value>) -> Self {
        Self {
            method: Cow::Owned(method.into()),
            attribute,
            values: Values::Scalars(values),
        }
    }

    many_values! {
        /// `attribute` equals any of the values (`IN`). `Query::equal("x", 5)` or `Query::equal("x", [1, 2])`.
        equal => "equal",
        /// String `attribute` contains any of the values; array `attribute` has an element equal to one.
        contains => "contains",
        /// Neither a substring nor an element equals any of the values.
        not_contains => "notContains",
        /// String `attribute` contains any of the values as a substring; array `attribute`
        /// has an element equal to one (Appwrite 1.9.0 and later: a list using it on an
        /// older server fails with [`crate::Error::Unsupported`] before it is sent).
        contains_any => "containsAny",
        /// Array `attribute` has all of the values (Appwrite 1.9.0 and later, as
        /// [`Query::contains_any`]). Appwrite 1.9.6 takes it on a string column too, and
        /// matches nothing there.
        contains_all => "containsAll",
    }

    one_value! {
        /// `attribute` differs from `value` (a `null` column never matches).
        not_equal => "notEqual",
        /// `attribute < value`.
        less_than => "lessThan",
        /// `attribute <= value`.
        less_than_equal => "lessThanEqual",
        /// `attribute > value`.
        greater_than => "greaterThan",
        /// `attribute >= value`.
        greater_than_equal => "greaterThanEqual",
    }

    text_value! {
        /// String `attribute` starts with `text`.
        starts_with => "startsWith",
        /// String `attribute` ends with `text`.
        ends_with => "endsWith",
        /// String `attribute` does not start with `text`.
        not_starts_with => "notStartsWith",
        /// String `attribute` does not end with `text`.
        not_ends_with => "notEndsWith",
        /// Full-text search (needs a fulltext index on exactly this column).
        search => "search",
        /// Full-text search, negated.
        not_search => "notSearch",
        /// `attribute` matches a regular expression (Appwrite 1.9+).
        regex => "regex",
    }

    bare_attribute! {
        /// `attribute` is `null`.
        is_null => "isNull",
        /// `attribute` is not `null`.
        is_not_null => "isNotNull",
        /// Sort by `attribute`, ascending.
        order_asc => "orderAsc",
        /// Sort by `attribute`, descending.
        order_desc => "orderDesc",
    }

    names! {
        /// Return only these columns (`*` for all, `rel.*` to load a relationship).
        select => "select",
        /// Rows where all these columns exist (Appwrite 1.9+).
        exists => "exists",
        /// Rows where none of these columns exist (Appwrite 1.9+).
        not_exists => "notExists",
    }

    nested! {
        /// All of the nested filters hold.
        and => "and",
        /// Any of the nested filters holds.
        or => "or",
    }

    geometry! {
        /// Spatial: the column's geometry crosses `geometry`.
        crosses => "crosses",
        /// Spatial: does not cross.
        not_crosses => "notCrosses",
        /// Spatial: intersects.
        intersects => "intersects",
        /// Spatial: does not intersect.
        not_intersects => "notIntersects",
        /// Spatial: overlaps.
        overlaps => "overlaps",
        /// Spatial: does not overlap.
        not_overlaps => "notOverlaps",
        /// Spatial: touches.
        touches => "touches",
        /// Spatial: does not touch.
        not_touches => "notTouches",
    }

    distance! {
        /// Spatial: the distance to `geometry` equals `distance` (in metres when `meters`).
        distance_equal => "distanceEqual",
        /// Spatial: the distance differs.
        distance_not_equal => "distanceNotEqual",
        /// Spatial: farther than `distance`.
        distance_greater_than => "distanceGreaterThan",
        /// Spatial: nearer than `distance`.
        distance_less_than => "distanceLessThan",
    }

    vector! {
        /// Vector similarity by dot product.
        vector_dot => "vectorDot",
        /// Vector similarity by cosine.
        vector_cosine => "vectorCosine",
        /// Vector distance, Euclidean.
        vector_euclidean => "vectorEuclidean",
    }

    /// `start <= attribute <= end`.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::between("price", 1, 20.5).to_json(),
    ///     r#"{"method":"between","attribute":"price","values":[1,20.5]}"#);
    /// ```
    pub fn between(
        attribute: impl Into<String>,
        start: impl Into<Value>,
        end: impl Into<Value>,
    ) -> Self {
        Self::with_values(
            "between",
            Some(attribute.into()),
            vec![start.into(), end.into()],
        )
    }

    /// `attribute` outside `[start, end]`.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::not_between("count", 5, 10).to_json(),
    ///     r#"{"method":"notBetween","attribute":"count","values":[5,10]}"#);
    /// ```
    pub fn not_between(
        attribute: impl Into<String>,
        start: impl Into<Value>,
        end: impl Into<Value>,
    ) -> Self {
        Self::with_values(
            "notBetween",
            Some(attribute.into()),
            vec![start.into(), end.into()],
        )
    }

    /// Elements of an array-of-objects column matching all nested filters (Appwrite 1.9+).
    ///
    /// ```
    /// use lazy_appwrite::Query;
    /// let q = Query::elem_match("items", [Query::equal("sku", "x1")]);
    /// assert_eq!(q.to_json(),
    ///     r#"{"method":"elemMatch","attribute":"items","values":[{"method":"equal","attribute":"sku","values":["x1"]}]}"#);
    /// ```
    pub fn elem_match(
        attribute: impl Into<String>,
        queries: impl IntoIterator<Item = Query>,
    ) -> Self {
        Self {
            method: Cow::Borrowed("elemMatch"),
            attribute: Some(attribute.into()),
            values: Values::Queries(queries.into_iter().collect()),
        }
    }

    /// Random order.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::order_random().to_json(), r#"{"method":"orderRandom"}"#);
    /// ```
    pub fn order_random() -> Self {
        Self {
            method: Cow::Borrowed("orderRandom"),
            attribute: None,
            values: Values::Absent,
        }
    }

    /// At most `limit` results (Appwrite's default is 25).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::limit(10).to_json(), r#"{"method":"limit","values":[10]}"#);
    /// ```
    pub fn limit(limit: u64) -> Self {
        Self::with_values("limit", None, vec![Value::from(limit)])
    }

    /// Skip the first `offset` results.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::offset(5).to_json(), r#"{"method":"offset","values":[5]}"#);
    /// ```
    pub fn offset(offset: u64) -> Self {
        Self::with_values("offset", None, vec![Value::from(offset)])
    }

    /// Results after the row with this ID, in the current order.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::cursor_after("row-1").to_json(),
    ///     r#"{"method":"cursorAfter","values":["row-1"]}"#);
    /// ```
    pub fn cursor_after(id: impl Into<String>) -> Self {
        Self::with_values("cursorAfter", None, vec![Value::String(id.into())])
    }

    /// Results before the row with this ID, in the current order.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::cursor_before("row-9").to_json(),
    ///     r#"{"method":"cursorBefore","values":["row-9"]}"#);
    /// ```
    pub fn cursor_before(id: impl Into<String>) -> Self {
        Self::with_values("cursorBefore", None, vec![Value::String(id.into())])
    }

    /// Rows created before `time` (`lessThan` on `$createdAt`).
    ///
    /// ```
    /// use lazy_appwrite::{Query, Timestamp};
    /// let t = Timestamp::from_unix_millis(0);
    /// assert_eq!(Query::created_before(t).to_json(),
    ///     r#"{"method":"lessThan","attribute":"$createdAt","values":["1970-01-01T00:00:00.000+00:00"]}"#);
    /// ```
    pub fn created_before(time: impl Into<Timestamp>) -> Self {
        Self::less_than("$createdAt", time.into())
    }

    /// Rows created after `time` (`greaterThan` on `$createdAt`).
    ///
    /// ```
    /// # use lazy_appwrite::{Query, Timestamp};
    /// let q = Query::created_after(Timestamp::from_unix_millis(0));
    /// assert_eq!(q.method(), "greaterThan");
    /// ```
    pub fn created_after(time: impl Into<Timestamp>) -> Self {
        Self::greater_than("$createdAt", time.into())
    }

    /// Rows created between `start` and `end` (`between` on `$createdAt`).
    ///
    /// ```
    /// # use lazy_appwrite::{Query, Timestamp};
    /// let q = Query::created_between(Timestamp::from_unix_millis(0), Timestamp::from_unix_millis(1));
    /// assert_eq!(q.attribute(), Some("$createdAt"));
    /// ```
    pub fn created_between(start: impl Into<Timestamp>, end: impl Into<Timestamp>) -> Self {
        Self::between("$createdAt", start.into(), end.into())
    }

    /// Rows updated before `time` (`lessThan` on `$updatedAt`).
    ///
    /// ```
    /// # use lazy_appwrite::{Query, Timestamp};
    /// assert_eq!(Query::updated_before(Timestamp::from_unix_millis(0)).attribute(), Some("$updatedAt"));
    /// ```
    pub fn updated_before(time: impl Into<Timestamp>) -> Self {
        Self::less_than("$updatedAt", time.into())
    }

    /// Rows updated after `time` (`greaterThan` on `$updatedAt`).
    ///
    /// ```
    /// # use lazy_appwrite::{Query, Timestamp};
    /// assert_eq!(Query::updated_after(Timestamp::from_unix_millis(0)).method(), "greaterThan");
    /// ```
    pub fn updated_after(time: impl Into<Timestamp>) -> Self {
        Self::greater_than("$updatedAt", time.into())
    }

    /// Rows updated between `start` and `end` (`between` on `$updatedAt`).
    ///
    /// ```
    /// # use lazy_appwrite::{Query, Timestamp};
    /// let q = Query::updated_between(Timestamp::from_unix_millis(0), Timestamp::from_unix_millis(1));
    /// assert_eq!(q.method(), "between");
    /// ```
    pub fn updated_between(start: impl Into<Timestamp>, end: impl Into<Timestamp>) -> Self {
        Self::between("$updatedAt", start.into(), end.into())
    }

    /// The method name, e.g. `equal`.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::is_null("x").method(), "isNull");
    /// ```
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The attribute (column), if the method has one.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::limit(1).attribute(), None);
    /// ```
    pub fn attribute(&self) -> Option<&str> {
        self.attribute.as_deref()
    }

    /// The queries nested in an `and`, `or` or `elemMatch` (none for the others).
    pub(crate) fn nested(&self) -> &[Query] {
        match &self.values {
            Values::Queries(queries) => queries,
            Values::Absent | Values::Scalars(_) => &[],
        }
    }

    /// The scalar values of a filter such as `equal` (none for nested or valueless ones).
    pub(crate) fn scalars(&self) -> &[Value] {
        match &self.values {
            Values::Scalars(values) => values,
            Values::Absent | Values::Queries(_) => &[],
        }
    }

    /// This query with other scalar values (same method and attribute).
    pub(crate) fn with_scalars(&self, values: Vec<Value>) -> Query {
        Query {
            method: self.method.clone(),
            attribute: self.attribute.clone(),
            values: Values::Scalars(values),
        }
    }

    /// The query as the JSON string sent on the wire.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Query::is_null("publishedAt").to_json(),
    ///     r#"{"method":"isNull","attribute":"publishedAt"}"#);
    /// ```
    pub fn to_json(&self) -> String {
        // Serializing strings, numbers, booleans and nulls cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Query {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len =
            1 + usize::from(self.attribute.is_some()) + usize::from(self.values != Values::Absent);
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("method", &self.method)?;
        if let Some(attribute) = &self.attribute {
            map.serialize_entry("attribute", attribute)?;
        }
        match &self.values {
            Values::Absent => {}
            Values::Scalars(values) => map.serialize_entry("values", values)?,
            Values::Queries(queries) => map.serialize_entry("values", queries)?,
        }
        map.end()
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

/// The first query of `queries` (nested ones included) that needs a feature, with it.
pub(crate) fn query_needing_feature(queries: &[Query]) -> Option<(&Query, Feature)> {
    queries.iter().find_map(|q| {
        Feature::for_query_method(q.method())
            .map(|feature| (q, feature))
            .or_else(|| query_needing_feature(q.nested()))
    })
}

#[cfg(test)]
mod tests;
