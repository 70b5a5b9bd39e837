//! The values operator methods take besides the column: an [`ArrayCondition`] for
//! `retain`, and values of the column's element type ([`OperatorValue`]).

use crate::typed::operand::Operand;

/// Which elements [`Column::retain`](super::Column::retain) keeps (Appwrite's `arrayFilter`
/// conditions), compared with the value given next to it.
///
/// ```
/// use lazy_appwrite::typed::ArrayCondition;
/// assert_eq!(ArrayCondition::GreaterThanEqual.as_str(), "greaterThanEqual");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrayCondition {
    /// Elements equal to the value.
    Equal,
    /// Elements different from the value.
    NotEqual,
    /// Elements greater than the value (compared as numbers).
    GreaterThan,
    /// Elements greater than or equal to the value (compared as numbers).
    GreaterThanEqual,
    /// Elements less than the value (compared as numbers).
    LessThan,
    /// Elements less than or equal to the value (compared as numbers).
    LessThanEqual,
}

impl ArrayCondition {
    /// The condition as Appwrite names it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::NotEqual => "notEqual",
            Self::GreaterThan => "greaterThan",
            Self::GreaterThanEqual => "greaterThanEqual",
            Self::LessThan => "lessThan",
            Self::LessThanEqual => "lessThanEqual",
        }
    }
}

/// A value an operator on a column of element type `E` takes: whatever a filter on that
/// column takes ([`Operand<E>`]), so `c.scores.append(["x"])` on a `Vec<i64>` column does
/// not compile.
///
/// ```
/// use lazy_appwrite::typed::OperatorValue;
/// fn takes<V: OperatorValue<i64>>(_: V) {}
/// takes(5_i32);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a value of a `{E}` column",
    label = "operators on this column take values of its element type, `{E}`"
)]
pub trait OperatorValue<E>: Operand<E> {}

impl<E, O: Operand<E>> OperatorValue<E> for O {}
