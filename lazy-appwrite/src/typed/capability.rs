//! The query methods each kind family has, as traits a column handle's methods require.
//!
//! A method such as [`super::Column::gt`] requires `<K as Kind>::Family: CanGt<Shape, V>`.
//! The families that support it implement the trait; the others implement it only for
//! field types that implement a trait nobody implements, whose
//! `#[diagnostic::on_unimplemented]` message is what the user reads, e.g.
//! "string columns cannot be compared with `gt`". The impls follow one table: method ×
//! family, with arrays apart.

#![allow(missing_docs)]

use super::kind::family::*;
use super::kind::shape::{List, Single};
use crate::declared::Field;

/// The operand type of a comparison the column does not allow: every value is one, so
/// that a refused method (`c.name.gt(18)`) reports the refusal and not also the value.
#[doc(hidden)]
pub enum AnyOperand {}

/// Allows `gt` on a column of this family and shape.
#[doc(hidden)]
pub trait CanGt<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `gt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeGt {}
impl<S, V: StringLikeGt> CanGt<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `gt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeGt {}
impl<S, V: TextLikeGt> CanGt<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanGt<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayGt> CanGt<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanGt<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayGt> CanGt<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `gt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanGt {}
impl<S, V: BooleanGt> CanGt<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `gt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipGt {}
impl<S, V: RelationshipGt> CanGt<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `gt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialGt {}
impl<S, V: SpatialGt> CanGt<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `gt`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayGt {}

/// Allows `gte` on a column of this family and shape.
#[doc(hidden)]
pub trait CanGte<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `gte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeGte {}
impl<S, V: StringLikeGte> CanGte<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `gte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeGte {}
impl<S, V: TextLikeGte> CanGte<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanGte<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayGte> CanGte<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanGte<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayGte> CanGte<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `gte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanGte {}
impl<S, V: BooleanGte> CanGte<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `gte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipGte {}
impl<S, V: RelationshipGte> CanGte<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `gte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialGte {}
impl<S, V: SpatialGte> CanGte<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `gte`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayGte {}

/// Allows `lt` on a column of this family and shape.
#[doc(hidden)]
pub trait CanLt<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `lt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeLt {}
impl<S, V: StringLikeLt> CanLt<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `lt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeLt {}
impl<S, V: TextLikeLt> CanLt<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanLt<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayLt> CanLt<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanLt<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayLt> CanLt<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `lt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanLt {}
impl<S, V: BooleanLt> CanLt<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `lt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipLt {}
impl<S, V: RelationshipLt> CanLt<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `lt`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialLt {}
impl<S, V: SpatialLt> CanLt<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `lt`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayLt {}

/// Allows `lte` on a column of this family and shape.
#[doc(hidden)]
pub trait CanLte<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `lte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeLte {}
impl<S, V: StringLikeLte> CanLte<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `lte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeLte {}
impl<S, V: TextLikeLte> CanLte<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanLte<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayLte> CanLte<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanLte<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayLte> CanLte<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `lte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanLte {}
impl<S, V: BooleanLte> CanLte<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `lte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipLte {}
impl<S, V: RelationshipLte> CanLte<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `lte`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialLte {}
impl<S, V: SpatialLte> CanLte<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `lte`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayLte {}

/// Allows `between` on a column of this family and shape.
#[doc(hidden)]
pub trait CanBetween<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeBetween {}
impl<S, V: StringLikeBetween> CanBetween<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeBetween {}
impl<S, V: TextLikeBetween> CanBetween<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanBetween<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayBetween> CanBetween<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanBetween<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayBetween> CanBetween<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanBetween {}
impl<S, V: BooleanBetween> CanBetween<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipBetween {}
impl<S, V: RelationshipBetween> CanBetween<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialBetween {}
impl<S, V: SpatialBetween> CanBetween<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `between`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayBetween {}

/// Allows `not_between` on a column of this family and shape.
#[doc(hidden)]
pub trait CanNotBetween<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot be compared with `not_between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait StringLikeNotBetween {}
impl<S, V: StringLikeNotBetween> CanNotBetween<S, V> for StringLike {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot be compared with `not_between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait TextLikeNotBetween {}
impl<S, V: TextLikeNotBetween> CanNotBetween<S, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotBetween<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotBetween> CanNotBetween<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotBetween<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotBetween> CanNotBetween<List, V> for Datetime {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot be compared with `not_between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait BooleanNotBetween {}
impl<S, V: BooleanNotBetween> CanNotBetween<S, V> for Boolean {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot be compared with `not_between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait RelationshipNotBetween {}
impl<S, V: RelationshipNotBetween> CanNotBetween<S, V> for Relationship {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot be compared with `not_between`",
    label = "only integer, float and datetime columns are ordered"
)]
pub trait SpatialNotBetween {}
impl<S, V: SpatialNotBetween> CanNotBetween<S, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `not_between`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayNotBetween {}

/// Allows `starts_with` on a column of this family and shape.
#[doc(hidden)]
pub trait CanStartsWith<S, V> {}

impl<V> CanStartsWith<Single, V> for StringLike {}
impl<V: ArrayStartsWith> CanStartsWith<List, V> for StringLike {}
impl<V> CanStartsWith<Single, V> for TextLike {}
impl<V: ArrayStartsWith> CanStartsWith<List, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait NumberStartsWith {}
impl<S, V: NumberStartsWith> CanStartsWith<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait DatetimeStartsWith {}
impl<S, V: DatetimeStartsWith> CanStartsWith<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait BooleanStartsWith {}
impl<S, V: BooleanStartsWith> CanStartsWith<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait RelationshipStartsWith {}
impl<S, V: RelationshipStartsWith> CanStartsWith<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait SpatialStartsWith {}
impl<S, V: SpatialStartsWith> CanStartsWith<S, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use `starts_with`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayStartsWith {}

/// Allows `ends_with` on a column of this family and shape.
#[doc(hidden)]
pub trait CanEndsWith<S, V> {}

impl<V> CanEndsWith<Single, V> for StringLike {}
impl<V: ArrayEndsWith> CanEndsWith<List, V> for StringLike {}
impl<V> CanEndsWith<Single, V> for TextLike {}
impl<V: ArrayEndsWith> CanEndsWith<List, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait NumberEndsWith {}
impl<S, V: NumberEndsWith> CanEndsWith<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait DatetimeEndsWith {}
impl<S, V: DatetimeEndsWith> CanEndsWith<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait BooleanEndsWith {}
impl<S, V: BooleanEndsWith> CanEndsWith<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait RelationshipEndsWith {}
impl<S, V: RelationshipEndsWith> CanEndsWith<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait SpatialEndsWith {}
impl<S, V: SpatialEndsWith> CanEndsWith<S, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use `ends_with`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayEndsWith {}

/// Allows `not_starts_with` on a column of this family and shape.
#[doc(hidden)]
pub trait CanNotStartsWith<S, V> {}

impl<V> CanNotStartsWith<Single, V> for StringLike {}
impl<V: ArrayNotStartsWith> CanNotStartsWith<List, V> for StringLike {}
impl<V> CanNotStartsWith<Single, V> for TextLike {}
impl<V: ArrayNotStartsWith> CanNotStartsWith<List, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `not_starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait NumberNotStartsWith {}
impl<S, V: NumberNotStartsWith> CanNotStartsWith<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `not_starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait DatetimeNotStartsWith {}
impl<S, V: DatetimeNotStartsWith> CanNotStartsWith<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `not_starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait BooleanNotStartsWith {}
impl<S, V: BooleanNotStartsWith> CanNotStartsWith<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `not_starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait RelationshipNotStartsWith {}
impl<S, V: RelationshipNotStartsWith> CanNotStartsWith<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `not_starts_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait SpatialNotStartsWith {}
impl<S, V: SpatialNotStartsWith> CanNotStartsWith<S, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use `not_starts_with`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayNotStartsWith {}

/// Allows `not_ends_with` on a column of this family and shape.
#[doc(hidden)]
pub trait CanNotEndsWith<S, V> {}

impl<V> CanNotEndsWith<Single, V> for StringLike {}
impl<V: ArrayNotEndsWith> CanNotEndsWith<List, V> for StringLike {}
impl<V> CanNotEndsWith<Single, V> for TextLike {}
impl<V: ArrayNotEndsWith> CanNotEndsWith<List, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `not_ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait NumberNotEndsWith {}
impl<S, V: NumberNotEndsWith> CanNotEndsWith<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `not_ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait DatetimeNotEndsWith {}
impl<S, V: DatetimeNotEndsWith> CanNotEndsWith<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `not_ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait BooleanNotEndsWith {}
impl<S, V: BooleanNotEndsWith> CanNotEndsWith<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `not_ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait RelationshipNotEndsWith {}
impl<S, V: RelationshipNotEndsWith> CanNotEndsWith<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `not_ends_with`",
    label = "only string, varchar and text columns have text operators"
)]
pub trait SpatialNotEndsWith {}
impl<S, V: SpatialNotEndsWith> CanNotEndsWith<S, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use `not_ends_with`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayNotEndsWith {}

/// Allows `contains` on a column of this family and shape.
#[doc(hidden)]
pub trait CanContains<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanContains<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContains<List, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContains<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContains<List, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `contains`",
    label = "`contains` works on text columns (substring) and on array columns (element)"
)]
pub trait NumberContains {}
impl<V: NumberContains> CanContains<Single, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanContains<List, V> for Number {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `contains`",
    label = "`contains` works on text columns (substring) and on array columns (element)"
)]
pub trait DatetimeContains {}
impl<V: DatetimeContains> CanContains<Single, V> for Datetime {
    type Operand = AnyOperand;
}
impl<V: Field> CanContains<List, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `contains`",
    label = "`contains` works on text columns (substring) and on array columns (element)"
)]
pub trait BooleanContains {}
impl<V: BooleanContains> CanContains<Single, V> for Boolean {
    type Operand = AnyOperand;
}
impl<V: Field> CanContains<List, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `contains`",
    label = "`contains` works on text columns (substring) and on array columns (element)"
)]
pub trait RelationshipContains {}
impl<V: RelationshipContains> CanContains<Single, V> for Relationship {
    type Operand = AnyOperand;
}
impl<V: Field> CanContains<List, V> for Relationship {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `contains`",
    label = "`contains` works on text columns (substring) and on array columns (element)"
)]
pub trait SpatialContains {}
impl<V: SpatialContains> CanContains<Single, V> for Spatial {
    type Operand = AnyOperand;
}
impl<V: Field> CanContains<List, V> for Spatial {
    type Operand = <V as Field>::Elem;
}

/// Allows `not_contains` on a column of this family and shape.
#[doc(hidden)]
pub trait CanNotContains<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanNotContains<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanNotContains<List, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanNotContains<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanNotContains<List, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `not_contains`",
    label = "`not_contains` works on text columns (substring) and on array columns (element)"
)]
pub trait NumberNotContains {}
impl<V: NumberNotContains> CanNotContains<Single, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotContains<List, V> for Number {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `not_contains`",
    label = "`not_contains` works on text columns (substring) and on array columns (element)"
)]
pub trait DatetimeNotContains {}
impl<V: DatetimeNotContains> CanNotContains<Single, V> for Datetime {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotContains<List, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use `not_contains`",
    label = "`not_contains` works on text columns (substring) and on array columns (element)"
)]
pub trait BooleanNotContains {}
impl<V: BooleanNotContains> CanNotContains<Single, V> for Boolean {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotContains<List, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `not_contains`",
    label = "`not_contains` works on text columns (substring) and on array columns (element)"
)]
pub trait RelationshipNotContains {}
impl<V: RelationshipNotContains> CanNotContains<Single, V> for Relationship {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotContains<List, V> for Relationship {
    type Operand = <V as Field>::Elem;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `not_contains`",
    label = "`not_contains` works on text columns (substring) and on array columns (element)"
)]
pub trait SpatialNotContains {}
impl<V: SpatialNotContains> CanNotContains<Single, V> for Spatial {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotContains<List, V> for Spatial {
    type Operand = <V as Field>::Elem;
}

/// Allows `equal` on a column of this family and shape.
#[doc(hidden)]
pub trait CanEqual<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanEqual<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for StringLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for Datetime {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for Boolean {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for Relationship {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for Relationship {
    type Operand = AnyOperand;
}
impl<V: Field> CanEqual<Single, V> for Spatial {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayEqual> CanEqual<List, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `equal`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayEqual {}

/// Allows `not_equal` on a column of this family and shape.
#[doc(hidden)]
pub trait CanNotEqual<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanNotEqual<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for StringLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for Datetime {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for Boolean {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for Relationship {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for Relationship {
    type Operand = AnyOperand;
}
impl<V: Field> CanNotEqual<Single, V> for Spatial {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayNotEqual> CanNotEqual<List, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `not_equal`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayNotEqual {}

/// Allows `is_in` on a column of this family and shape.
#[doc(hidden)]
pub trait CanIsIn<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanIsIn<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for StringLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for TextLike {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for Number {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for Datetime {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for Boolean {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for Relationship {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for Relationship {
    type Operand = AnyOperand;
}
impl<V: Field> CanIsIn<Single, V> for Spatial {
    type Operand = <V as Field>::Elem;
}
impl<V: ArrayIsIn> CanIsIn<List, V> for Spatial {
    type Operand = AnyOperand;
}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be compared with `is_in`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayIsIn {}

/// Allows `asc` on a column of this family and shape.
#[doc(hidden)]
pub trait CanAsc<S, V> {}

impl<V> CanAsc<Single, V> for StringLike {}
impl<V: ArrayAsc> CanAsc<List, V> for StringLike {}
impl<V> CanAsc<Single, V> for TextLike {}
impl<V: ArrayAsc> CanAsc<List, V> for TextLike {}
impl<V> CanAsc<Single, V> for Number {}
impl<V: ArrayAsc> CanAsc<List, V> for Number {}
impl<V> CanAsc<Single, V> for Datetime {}
impl<V: ArrayAsc> CanAsc<List, V> for Datetime {}
impl<V> CanAsc<Single, V> for Boolean {}
impl<V: ArrayAsc> CanAsc<List, V> for Boolean {}
impl<V> CanAsc<Single, V> for Relationship {}
impl<V: ArrayAsc> CanAsc<List, V> for Relationship {}
impl<V> CanAsc<Single, V> for Spatial {}
impl<V: ArrayAsc> CanAsc<List, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be sorted with `asc`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayAsc {}

/// Allows `desc` on a column of this family and shape.
#[doc(hidden)]
pub trait CanDesc<S, V> {}

impl<V> CanDesc<Single, V> for StringLike {}
impl<V: ArrayDesc> CanDesc<List, V> for StringLike {}
impl<V> CanDesc<Single, V> for TextLike {}
impl<V: ArrayDesc> CanDesc<List, V> for TextLike {}
impl<V> CanDesc<Single, V> for Number {}
impl<V: ArrayDesc> CanDesc<List, V> for Number {}
impl<V> CanDesc<Single, V> for Datetime {}
impl<V: ArrayDesc> CanDesc<List, V> for Datetime {}
impl<V> CanDesc<Single, V> for Boolean {}
impl<V: ArrayDesc> CanDesc<List, V> for Boolean {}
impl<V> CanDesc<Single, V> for Relationship {}
impl<V: ArrayDesc> CanDesc<List, V> for Relationship {}
impl<V> CanDesc<Single, V> for Spatial {}
impl<V: ArrayDesc> CanDesc<List, V> for Spatial {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be sorted with `desc`",
    label = "use `contains` or `not_contains` on array columns"
)]
pub trait ArrayDesc {}

/// A family that refuses a method on one shape: the refusal trait, with the message the
/// user reads, and the impl that requires it.
macro_rules! refused {
    ($can:ident, $shape:ty, $family:ident, $marker:ident, $message:literal, $label:literal) => {
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(message = $message, label = $label)]
        pub trait $marker {}
        impl<V: $marker> $can<$shape, V> for $family {
            type Operand = AnyOperand;
        }
    };
}

/// Allows `contains_any` on a column of this family and shape (Appwrite 1.9.0 and later):
/// text columns match a substring, array columns an element.
#[doc(hidden)]
pub trait CanContainsAny<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanContainsAny<Single, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAny<Single, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
refused!(
    CanContainsAny,
    Single,
    Number,
    NumberContainsAny,
    "integer and float columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    Single,
    Datetime,
    DatetimeContainsAny,
    "datetime columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    Single,
    Boolean,
    BooleanContainsAny,
    "boolean columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    Single,
    Relationship,
    RelationshipContainsAny,
    "relationship columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    Single,
    Spatial,
    SpatialContainsAny,
    "spatial columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    List,
    Relationship,
    RelationshipListContainsAny,
    "relationship columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
refused!(
    CanContainsAny,
    List,
    Spatial,
    SpatialListContainsAny,
    "spatial columns cannot use `contains_any`",
    "`contains_any` works on text columns (substring) and on array columns (element)"
);
impl<V: Field> CanContainsAny<List, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAny<List, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAny<List, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAny<List, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAny<List, V> for Boolean {
    type Operand = <V as Field>::Elem;
}

/// Allows `contains_all` on a column of this family and shape (Appwrite 1.9.0 and later):
/// array columns only. Appwrite 1.9.6 accepts `containsAll` on a string column too, but
/// matches nothing there, so the typed API does not offer it.
#[doc(hidden)]
pub trait CanContainsAll<S, V> {
    /// The element type of the values the method takes: [`AnyOperand`] where the method
    /// is refused, so that only the refusal is reported.
    type Operand: ?Sized;
}

impl<V: Field> CanContainsAll<List, V> for StringLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAll<List, V> for TextLike {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAll<List, V> for Number {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAll<List, V> for Datetime {
    type Operand = <V as Field>::Elem;
}
impl<V: Field> CanContainsAll<List, V> for Boolean {
    type Operand = <V as Field>::Elem;
}
refused!(
    CanContainsAll,
    Single,
    StringLike,
    StringLikeContainsAll,
    "string columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    TextLike,
    TextLikeContainsAll,
    "varchar and text columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    Number,
    NumberContainsAll,
    "integer and float columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    Datetime,
    DatetimeContainsAll,
    "datetime columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    Boolean,
    BooleanContainsAll,
    "boolean columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    Relationship,
    RelationshipContainsAll,
    "relationship columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    Single,
    Spatial,
    SpatialContainsAll,
    "spatial columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    List,
    Relationship,
    RelationshipListContainsAll,
    "relationship columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
refused!(
    CanContainsAll,
    List,
    Spatial,
    SpatialListContainsAll,
    "spatial columns cannot use `contains_all`",
    "`contains_all` works on array columns only"
);
