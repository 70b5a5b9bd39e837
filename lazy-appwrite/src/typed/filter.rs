//! [`Filter<T>`]: a query filter on table `T`'s columns, combined with `and`/`or`.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitOr};

use crate::query::Query;

/// A filter on the rows of table `T`, built from its column handles. A filter on one table
/// cannot be used with another: the table is part of the type.
///
/// `a & b` is [`Filter::and`], `a | b` is [`Filter::or`]; nested `and`s (and `or`s) are
/// flattened into one.
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "users")]
/// # struct User { #[column(size = 64)] name: String, age: Option<i64> }
/// use lazy_appwrite::Table;
///
/// let c = User::columns();
/// let adults = c.age.gte(18) & c.name.starts_with("A");
/// assert_eq!(adults.to_query().to_json(),
///     r#"{"method":"and","values":[{"method":"greaterThanEqual","attribute":"age","values":[18]},{"method":"startsWith","attribute":"name","values":["A"]}]}"#);
/// ```
pub struct Filter<T> {
    node: Node,
    _table: PhantomData<fn() -> T>,
}

#[derive(Clone, PartialEq)]
enum Node {
    Leaf(Query),
    And(Vec<Query>),
    Or(Vec<Query>),
}

impl Node {
    fn into_query(self) -> Query {
        match self {
            Node::Leaf(q) => q,
            Node::And(parts) => Query::and(parts),
            Node::Or(parts) => Query::or(parts),
        }
    }
}

impl<T> Filter<T> {
    /// Wraps a query; only column handles make filters.
    pub(crate) fn new(query: Query) -> Self {
        Self::from_node(Node::Leaf(query))
    }

    fn from_node(node: Node) -> Self {
        Self {
            node,
            _table: PhantomData,
        }
    }

    /// Both filters hold.
    pub fn and(self, other: Filter<T>) -> Filter<T> {
        let mut parts = Vec::new();
        for node in [self.node, other.node] {
            match node {
                Node::And(inner) => parts.extend(inner),
                other => parts.push(other.into_query()),
            }
        }
        Self::from_node(Node::And(parts))
    }

    /// Either filter holds.
    pub fn or(self, other: Filter<T>) -> Filter<T> {
        let mut parts = Vec::new();
        for node in [self.node, other.node] {
            match node {
                Node::Or(inner) => parts.extend(inner),
                other => parts.push(other.into_query()),
            }
        }
        Self::from_node(Node::Or(parts))
    }

    /// The query Appwrite receives.
    pub fn to_query(&self) -> Query {
        self.node.clone().into_query()
    }

    /// The query Appwrite receives.
    pub fn into_query(self) -> Query {
        self.node.into_query()
    }
}

impl<T> Clone for Filter<T> {
    fn clone(&self) -> Self {
        Self::from_node(self.node.clone())
    }
}

impl<T> PartialEq for Filter<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T> fmt::Debug for Filter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter")
            .field(&self.to_query().to_json())
            .finish()
    }
}

impl<T> BitAnd for Filter<T> {
    type Output = Filter<T>;
    fn bitand(self, rhs: Self) -> Self {
        self.and(rhs)
    }
}

impl<T> BitOr for Filter<T> {
    type Output = Filter<T>;
    fn bitor(self, rhs: Self) -> Self {
        self.or(rhs)
    }
}

impl<T> From<Filter<T>> for Query {
    fn from(filter: Filter<T>) -> Query {
        filter.into_query()
    }
}
