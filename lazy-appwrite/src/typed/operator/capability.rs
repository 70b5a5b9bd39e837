//! Which columns take which operators, as traits the operator methods require:
//! `Fam<K>: Can…<Shape<V>, V>`, as in `typed/capability.rs`. The families that support an
//! operator group implement the trait; the others implement it only for field types that
//! implement a trait nobody implements, whose `#[diagnostic::on_unimplemented]` message is
//! what the user reads, e.g. "string columns cannot use arithmetic operators".

#![allow(missing_docs)]

use crate::typed::kind::family::{
    Boolean, Datetime, Number, Relationship, Spatial, StringLike, TextLike,
};
use crate::typed::kind::shape::{List, Single};

/// Allows `increment`, `decrement`, `multiply`, `divide`, `modulo` and `power`.
#[doc(hidden)]
pub trait CanArithmetic<S, V> {}
impl<V> CanArithmetic<Single, V> for Number {}
impl<V: ArrayArithmetic> CanArithmetic<List, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use arithmetic operators",
    label = "`increment`, `decrement`, `multiply`, `divide`, `modulo` and `power` apply to single integer and float columns"
)]
pub trait ArrayArithmetic {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot use arithmetic operators",
    label = "`increment`, `decrement`, `multiply`, `divide`, `modulo` and `power` need an integer or float column"
)]
pub trait StringArithmetic {}
impl<S, V: StringArithmetic> CanArithmetic<S, V> for StringLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot use arithmetic operators",
    label = "`increment`, `decrement`, `multiply`, `divide`, `modulo` and `power` need an integer or float column"
)]
pub trait TextArithmetic {}
impl<S, V: TextArithmetic> CanArithmetic<S, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use arithmetic operators",
    label = "move a datetime with `add_days`, `sub_days` or `set_now`"
)]
pub trait DatetimeArithmetic {}
impl<S, V: DatetimeArithmetic> CanArithmetic<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use arithmetic operators",
    label = "`increment`, `decrement`, `multiply`, `divide`, `modulo` and `power` need an integer or float column"
)]
pub trait BooleanArithmetic {}
impl<S, V: BooleanArithmetic> CanArithmetic<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use arithmetic operators",
    label = "Appwrite applies no operator to relationship columns"
)]
pub trait RelationshipArithmetic {}
impl<S, V: RelationshipArithmetic> CanArithmetic<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use arithmetic operators",
    label = "`increment`, `decrement`, `multiply`, `divide`, `modulo` and `power` need an integer or float column"
)]
pub trait SpatialArithmetic {}
impl<S, V: SpatialArithmetic> CanArithmetic<S, V> for Spatial {}

/// Allows `append`, `prepend`, `insert`, `remove`, `unique`, `intersect`, `diff`, `retain`.
#[doc(hidden)]
pub trait CanArrayOp<S, V> {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array operators need an array column",
    label = "this column holds one value, not a `Vec<_>`: `append`, `prepend`, `insert`, `remove`, `unique`, `intersect`, `diff` and `retain` change lists"
)]
pub trait NotArray {}
impl<V> CanArrayOp<List, V> for StringLike {}
impl<V: NotArray> CanArrayOp<Single, V> for StringLike {}
impl<V> CanArrayOp<List, V> for TextLike {}
impl<V: NotArray> CanArrayOp<Single, V> for TextLike {}
impl<V> CanArrayOp<List, V> for Number {}
impl<V: NotArray> CanArrayOp<Single, V> for Number {}
impl<V> CanArrayOp<List, V> for Datetime {}
impl<V: NotArray> CanArrayOp<Single, V> for Datetime {}
impl<V> CanArrayOp<List, V> for Boolean {}
impl<V: NotArray> CanArrayOp<Single, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use array operators",
    label = "Appwrite applies no operator to relationship columns: set the list of related IDs with the patch"
)]
pub trait RelationshipArrayOp {}
impl<S, V: RelationshipArrayOp> CanArrayOp<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use array operators",
    label = "a point, line or polygon is not a list of elements"
)]
pub trait SpatialArrayOp {}
impl<S, V: SpatialArrayOp> CanArrayOp<S, V> for Spatial {}

/// Allows `concat` and `replace`.
#[doc(hidden)]
pub trait CanTextOp<S, V> {}
impl<V> CanTextOp<Single, V> for StringLike {}
impl<V: ArrayTextOp> CanTextOp<List, V> for StringLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use string operators",
    label = "`concat` and `replace` apply to single `string`, `email`, `url`, `ip` and `enum` columns"
)]
pub trait ArrayTextOp {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot use string operators",
    label = "Appwrite 1.8 applies `concat` and `replace` to `string`, `email`, `url`, `ip` and `enum` columns only"
)]
pub trait TextTextOp {}
impl<S, V: TextTextOp> CanTextOp<S, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use string operators",
    label = "`concat` and `replace` need a `string`, `email`, `url`, `ip` or `enum` column"
)]
pub trait NumberTextOp {}
impl<S, V: NumberTextOp> CanTextOp<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use string operators",
    label = "`concat` and `replace` need a `string`, `email`, `url`, `ip` or `enum` column"
)]
pub trait DatetimeTextOp {}
impl<S, V: DatetimeTextOp> CanTextOp<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use string operators",
    label = "`concat` and `replace` need a `string`, `email`, `url`, `ip` or `enum` column"
)]
pub trait BooleanTextOp {}
impl<S, V: BooleanTextOp> CanTextOp<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use string operators",
    label = "Appwrite applies no operator to relationship columns"
)]
pub trait RelationshipTextOp {}
impl<S, V: RelationshipTextOp> CanTextOp<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use string operators",
    label = "`concat` and `replace` need a `string`, `email`, `url`, `ip` or `enum` column"
)]
pub trait SpatialTextOp {}
impl<S, V: SpatialTextOp> CanTextOp<S, V> for Spatial {}

/// Allows `toggle`.
#[doc(hidden)]
pub trait CanToggle<S, V> {}
impl<V> CanToggle<Single, V> for Boolean {}
impl<V: ArrayToggle> CanToggle<List, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use `toggle`",
    label = "`toggle` flips a single boolean column"
)]
pub trait ArrayToggle {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait StringToggle {}
impl<S, V: StringToggle> CanToggle<S, V> for StringLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait TextToggle {}
impl<S, V: TextToggle> CanToggle<S, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait NumberToggle {}
impl<S, V: NumberToggle> CanToggle<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "datetime columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait DatetimeToggle {}
impl<S, V: DatetimeToggle> CanToggle<S, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait RelationshipToggle {}
impl<S, V: RelationshipToggle> CanToggle<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use `toggle`",
    label = "`toggle` needs a boolean column"
)]
pub trait SpatialToggle {}
impl<S, V: SpatialToggle> CanToggle<S, V> for Spatial {}

/// Allows `add_days`, `sub_days` and `set_now`.
#[doc(hidden)]
pub trait CanDateOp<S, V> {}
impl<V> CanDateOp<Single, V> for Datetime {}
impl<V: ArrayDateOp> CanDateOp<List, V> for Datetime {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` apply to single datetime columns"
)]
pub trait ArrayDateOp {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "string columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait StringDateOp {}
impl<S, V: StringDateOp> CanDateOp<S, V> for StringLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "varchar and text columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait TextDateOp {}
impl<S, V: TextDateOp> CanDateOp<S, V> for TextLike {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "integer and float columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait NumberDateOp {}
impl<S, V: NumberDateOp> CanDateOp<S, V> for Number {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "boolean columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait BooleanDateOp {}
impl<S, V: BooleanDateOp> CanDateOp<S, V> for Boolean {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "relationship columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait RelationshipDateOp {}
impl<S, V: RelationshipDateOp> CanDateOp<S, V> for Relationship {}
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "spatial columns cannot use date operators",
    label = "`add_days`, `sub_days` and `set_now` need a datetime column"
)]
pub trait SpatialDateOp {}
impl<S, V: SpatialDateOp> CanDateOp<S, V> for Spatial {}
