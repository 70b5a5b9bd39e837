//! What a model's field can be: a scalar, a list of scalars, either optional.
//!
//! [`Field`] splits a field's type into its element type, its shape (one value or a list)
//! and whether it may be `null`, through the type system and never by the type's name:
//! `Option<Vec<String>>` is an optional array of `String`, also behind a type alias.

use super::geo::{Line, Point, Polygon};
use super::kind::{null, shape};
use crate::datetime::Timestamp;

/// A type that can be one value of a column: `String`, the integers, `f32`/`f64`, `bool`,
/// [`Timestamp`], [`Point`], [`Line`], [`Polygon`], `serde_json::Value`, and enums with
/// `#[derive(lazy_appwrite::Enum)]`.
///
/// ```
/// fn scalar<T: lazy_appwrite::__private::Scalar>() {}
/// scalar::<String>();
/// scalar::<lazy_appwrite::Timestamp>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in an Appwrite column",
    label = "not a column type",
    note = "columns hold `String`, integers, `f32`/`f64`, `bool`, `lazy_appwrite::Timestamp`, enums with `#[derive(lazy_appwrite::Enum)]`, `Point`/`Line`/`Polygon`, `serde_json::Value`, and `Vec<_>`/`Option<_>` of those",
    note = "a field that is not a column takes `#[column(skip)]`"
)]
pub trait Scalar {}

/// A field's type seen as a column: its element type, shape and nullability.
///
/// ```
/// use lazy_appwrite::__private::Field;
/// assert!(<Option<Vec<i64>> as Field>::ARRAY);
/// assert!(<Option<Vec<i64>> as Field>::NULLABLE);
/// assert!(!<String as Field>::NULLABLE);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in an Appwrite column",
    label = "not a column type",
    note = "a field that is not a column takes `#[column(skip)]`"
)]
pub trait Field {
    /// The type of one value (`i64` for `Option<Vec<i64>>`).
    type Elem: Scalar;
    /// [`shape::Single`] or [`shape::List`].
    type Shape;
    /// [`null::Nullable`] for `Option<_>`, else [`null::NotNull`].
    type Null;
    /// Whether the field is an `Option<_>`.
    const NULLABLE: bool;
    /// Whether the field is a `Vec<_>` (an array column).
    const ARRAY: bool;
}

impl<T: Scalar> Field for T {
    type Elem = T;
    type Shape = shape::Single;
    type Null = null::NotNull;
    const NULLABLE: bool = false;
    const ARRAY: bool = false;
}

impl<T: Scalar> Field for Vec<T> {
    type Elem = T;
    type Shape = shape::List;
    type Null = null::NotNull;
    const NULLABLE: bool = false;
    const ARRAY: bool = true;
}

impl<T: Scalar> Field for Option<T> {
    type Elem = T;
    type Shape = shape::Single;
    type Null = null::Nullable;
    const NULLABLE: bool = true;
    const ARRAY: bool = false;
}

impl<T: Scalar> Field for Option<Vec<T>> {
    type Elem = T;
    type Shape = shape::List;
    type Null = null::Nullable;
    const NULLABLE: bool = true;
    const ARRAY: bool = true;
}

macro_rules! scalars {
    ($($t:ty),* $(,)?) => {$( impl Scalar for $t {} )*};
}

scalars!(
    String,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    bool,
    Timestamp,
    Point,
    Line,
    Polygon,
    serde_json::Value,
);

#[cfg(feature = "chrono")]
impl Scalar for chrono::DateTime<chrono::Utc> {}

#[cfg(feature = "time")]
impl Scalar for time::OffsetDateTime {}
