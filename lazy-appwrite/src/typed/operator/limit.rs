//! [`Capped`] and [`Floored`]: the arithmetic operators that may also take an upper or a
//! lower limit.

use std::fmt;
use std::marker::PhantomData;

use super::update::Operator;
use super::value::OperatorValue;
use crate::error::Result;
use crate::typed::table::Table;

/// An [`Operator`] that may also take an upper limit:
/// [`Column::increment`](super::Column::increment),
/// [`Column::multiply`](super::Column::multiply) and
/// [`Column::power`](super::Column::power). Use it as is (the column's declared `max`, if
/// any, is the limit), or add [`Capped::max`].
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { stock: i64 }
/// use lazy_appwrite::Table;
/// use lazy_appwrite::typed::Operator;
///
/// let capped = Item::columns().stock.increment(5).max(10);
/// assert_eq!(capped.to_json()?, r#"{"method":"increment","values":[5,10]}"#);
/// let plain: Operator<Item> = Item::columns().stock.increment(5).into();
/// assert_eq!(plain.to_json()?, r#"{"method":"increment","values":[5]}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
pub struct Capped<T, E> {
    op: Operator<T>,
    _elem: PhantomData<fn() -> E>,
}

impl<T, E> Capped<T, E> {
    /// The operator `op`, whose limit is still to come.
    pub(super) fn new(op: Operator<T>) -> Self {
        Self {
            op,
            _elem: PhantomData,
        }
    }

    /// The result stops at `limit` instead of going above it (Appwrite clamps; nothing
    /// fails). It replaces the column's declared `max`, which is the limit otherwise.
    pub fn max(self, limit: impl OperatorValue<E>) -> Operator<T> {
        self.op.push_number(limit.into_operand(), "the limit")
    }

    /// The operator without a limit of its own (the column's declared one applies).
    pub fn into_operator(self) -> Operator<T> {
        self.op
    }
}

impl<T: Table, E> Capped<T, E> {
    /// The operator without a limit of its own, as Appwrite reads it (see
    /// [`Operator::to_json`]).
    pub fn to_json(&self) -> Result<String> {
        self.op.to_json()
    }
}

impl<T, E> From<Capped<T, E>> for Operator<T> {
    fn from(capped: Capped<T, E>) -> Self {
        capped.op
    }
}

impl<T, E> fmt::Debug for Capped<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.op.fmt(f)
    }
}

/// An [`Operator`] that may also take a lower limit:
/// [`Column::decrement`](super::Column::decrement) and
/// [`Column::divide`](super::Column::divide). Use it as is (the column's declared `min`, if
/// any, is the limit), or add [`Floored::min`].
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { stock: i64 }
/// use lazy_appwrite::Table;
///
/// let op = Item::columns().stock.decrement(3).min(0);
/// assert_eq!(op.to_json()?, r#"{"method":"decrement","values":[3,0]}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
pub struct Floored<T, E> {
    op: Operator<T>,
    _elem: PhantomData<fn() -> E>,
}

impl<T, E> Floored<T, E> {
    /// The operator `op`, whose limit is still to come.
    pub(super) fn new(op: Operator<T>) -> Self {
        Self {
            op,
            _elem: PhantomData,
        }
    }

    /// The result stops at `limit` instead of going below it (Appwrite clamps; nothing
    /// fails). It replaces the column's declared `min`, which is the limit otherwise.
    pub fn min(self, limit: impl OperatorValue<E>) -> Operator<T> {
        self.op.push_number(limit.into_operand(), "the limit")
    }

    /// The operator without a limit of its own (the column's declared one applies).
    pub fn into_operator(self) -> Operator<T> {
        self.op
    }
}

impl<T: Table, E> Floored<T, E> {
    /// The operator without a limit of its own, as Appwrite reads it (see
    /// [`Operator::to_json`]).
    pub fn to_json(&self) -> Result<String> {
        self.op.to_json()
    }
}

impl<T, E> From<Floored<T, E>> for Operator<T> {
    fn from(floored: Floored<T, E>) -> Self {
        floored.op
    }
}

impl<T, E> fmt::Debug for Floored<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.op.fmt(f)
    }
}
