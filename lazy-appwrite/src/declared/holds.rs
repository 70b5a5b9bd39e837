//! Which field types can hold which column kinds, and which kind a type implies.
//!
//! `#[derive(Table)]` asks rustc, not itself, whether a field fits its column: for
//! `#[column(email)] age: i64` it requires `kind::Email: HeldBy<i64>`, which needs
//! [`HoldsEmail`] for `i64`, and rustc reports "`i64` cannot hold an `email` column" at the
//! field. For a field without a kind it requires [`InferKind`] on the element type.

use super::column::ColumnType;
use super::geo::{Line, Point, Polygon};
use super::kind::{self, Kind};
use crate::datetime::Timestamp;

/// `K: HeldBy<T>`: a value of type `T` fits a column of kind `K`.
#[doc(hidden)]
pub trait HeldBy<T: ?Sized> {}

macro_rules! holds {
    ($(
        $(#[$doc:meta])*
        $trait:ident: $message:literal, $label:literal for [$($t:ty),*];
    )*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(message = $message, label = $label)]
        pub trait $trait {}
        $( impl $trait for $t {} )*
        impl $trait for serde_json::Value {}
    )*};
}

/// Each kind of the kind table is held by the types of its entry's `holds` trait.
macro_rules! held_by {
    ($($(#[$doc:meta])* $kind:ident {
        name: $name:literal, shape: $shape:ident, family: $family:ident,
        reports: $type:literal / $format:literal, inline: $inline:literal, array: $array:literal,
        chars: $chars:literal, since: $since:tt, holds: $holds:ident, builder: $builder:ident,
    })*) => {$(
        impl<T: $holds + ?Sized> HeldBy<T> for kind::$kind {}
    )*};
}

lazy_appwrite_core::column_kinds!(held_by);

holds! {
    /// Types that can hold text (`string`, `varchar`, `text`, `mediumtext`, `longtext`).
    HoldsText: "`{Self}` cannot hold a text column", "text columns need a `String` field"
        for [String];
    /// Types that can hold an integer column (`integer`, and any other integer kind).
    HoldsInteger: "`{Self}` cannot hold an integer column", "integer columns need an integer field (`i64`, `i32`, `u32`, …)"
        for [i8, i16, i32, i64, u8, u16, u32, u64];
    /// Types that can hold a `float` column.
    HoldsFloat: "`{Self}` cannot hold a `float` column", "float columns need an `f64` or `f32` field"
        for [f32, f64];
    /// Types that can hold a `boolean` column.
    HoldsBoolean: "`{Self}` cannot hold a `boolean` column", "boolean columns need a `bool` field"
        for [bool];
    /// Types that can hold a `datetime` column.
    HoldsDatetime: "`{Self}` cannot hold a `datetime` column", "datetime columns need a `lazy_appwrite::Timestamp` (or `String`) field"
        for [Timestamp, String];
    /// Types that can hold an `email` column.
    HoldsEmail: "`{Self}` cannot hold an `email` column", "email columns need a `String` field"
        for [String];
    /// Types that can hold a `url` column.
    HoldsUrl: "`{Self}` cannot hold a `url` column", "url columns need a `String` field"
        for [String];
    /// Types that can hold an `ip` column.
    HoldsIp: "`{Self}` cannot hold an `ip` column", "ip columns need a `String` field"
        for [String];
    /// Types that can hold an `enum` column (enums with `#[derive(lazy_appwrite::Enum)]` too).
    HoldsEnum: "`{Self}` cannot hold an `enum` column", "enum columns need a `String` field or an enum with `#[derive(lazy_appwrite::Enum)]`"
        for [String];
    /// Types that can hold a `relationship` column: the related row's ID.
    HoldsRelationship: "`{Self}` cannot hold a `relationship` column", "relationship columns hold a `Ref<Model>` (`Option<Ref<Model>>`, or `Option<Vec<Ref<Model>>>` for to-many), or the related row's ID as a `String`"
        for [String];
    /// Types that can hold a `point` column.
    HoldsPoint: "`{Self}` cannot hold a `point` column", "point columns need a `lazy_appwrite::schema::Point` field"
        for [Point];
    /// Types that can hold a `line` column.
    HoldsLine: "`{Self}` cannot hold a `line` column", "line columns need a `lazy_appwrite::schema::Line` field"
        for [Line];
    /// Types that can hold a `polygon` column.
    HoldsPolygon: "`{Self}` cannot hold a `polygon` column", "polygon columns need a `lazy_appwrite::schema::Polygon` field"
        for [Polygon];
}

#[cfg(feature = "chrono")]
impl HoldsDatetime for chrono::DateTime<chrono::Utc> {}

#[cfg(feature = "time")]
impl HoldsDatetime for time::OffsetDateTime {}

/// The column kind a field type implies when `#[column(…)]` names none.
///
/// ```
/// use lazy_appwrite::__private::InferKind;
/// use lazy_appwrite::schema::ColumnType;
/// assert_eq!(<u8 as InferKind>::KIND, ColumnType::Integer { min: Some(0), max: Some(255) });
/// assert_eq!(<bool as InferKind>::KIND, ColumnType::Boolean);
/// ```
#[diagnostic::on_unimplemented(
    message = "the column kind of `{Self}` cannot be inferred",
    label = "name the kind in `#[column(…)]`",
    note = "a `String` field needs a size or a kind: `#[column(size = 255)]`, `#[column(varchar(size = 64))]`, `#[column(text)]`, `#[column(email)]`, `#[column(url)]`, `#[column(ip)]`, `#[column(datetime)]`, `#[column(enum(elements(\"a\", \"b\")))]`",
    note = "a `Ref<Model>` field needs the relationship's kind: `#[column(relationship(kind = many_to_one))]` (or `one_to_one`, `one_to_many`, `many_to_many`)"
)]
pub trait InferKind {
    /// The kind marker.
    type Kind: Kind;
    /// The kind with its options.
    const KIND: ColumnType;
}

macro_rules! infer_integer {
    ($($t:ty => $min:expr, $max:expr;)*) => {$(
        impl InferKind for $t {
            type Kind = kind::Integer;
            const KIND: ColumnType = ColumnType::Integer { min: $min, max: $max };
        }
    )*};
}

infer_integer! {
    i8 => Some(i8::MIN as i64), Some(i8::MAX as i64);
    i16 => Some(i16::MIN as i64), Some(i16::MAX as i64);
    // Appwrite's 4-byte integers reject −2³¹.
    i32 => Some(-(i32::MAX as i64)), Some(i32::MAX as i64);
    i64 => None, None;
    u8 => Some(0), Some(u8::MAX as i64);
    u16 => Some(0), Some(u16::MAX as i64);
    u32 => Some(0), Some(u32::MAX as i64);
    u64 => Some(0), None;
}

macro_rules! infer {
    ($($t:ty => $kind:ident, $value:expr;)*) => {$(
        impl InferKind for $t {
            type Kind = kind::$kind;
            const KIND: ColumnType = $value;
        }
    )*};
}

infer! {
    f32 => Float, ColumnType::Float { min: None, max: None };
    f64 => Float, ColumnType::Float { min: None, max: None };
    bool => Boolean, ColumnType::Boolean;
    Timestamp => Datetime, ColumnType::Datetime;
    Point => Point, ColumnType::Point;
    Line => Line, ColumnType::Line;
    Polygon => Polygon, ColumnType::Polygon;
}

/// A `Ref<Model>` field is a relationship, whose kind (`many_to_one`, …) the attribute
/// must name: nothing implements this, so the field without
/// `#[column(relationship(kind = …))]` reads as this message rather than the hint meant
/// for `String` fields.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a relationship: name its kind in `#[column(relationship(kind = …))]`",
    label = "add `#[column(relationship(kind = many_to_one))]` (or `one_to_one`, `one_to_many`, `many_to_many`)",
    note = "a relationship field is `Option<Ref<Model>>` for one related row, `Option<Vec<Ref<Model>>>` for several"
)]
pub trait RelationshipKindNamed {}

#[cfg(feature = "chrono")]
infer! { chrono::DateTime<chrono::Utc> => Datetime, ColumnType::Datetime; }

#[cfg(feature = "time")]
infer! { time::OffsetDateTime => Datetime, ColumnType::Datetime; }

/// A Rust enum stored in an `enum` column; `#[derive(lazy_appwrite::Enum)]` implements it
/// (with `Serialize`, `Deserialize` and the column traits).
///
/// ```
/// #[derive(Debug, Clone, Copy, PartialEq, lazy_appwrite::Enum)]
/// enum Genre {
///     Fiction,
///     #[enum_value = "non-fiction"]
///     NonFiction,
/// }
/// use lazy_appwrite::schema::EnumValue;
/// assert_eq!(Genre::ELEMENTS, ["Fiction", "non-fiction"]);
/// assert_eq!(Genre::NonFiction.as_str(), "non-fiction");
/// assert_eq!(Genre::from_element("Fiction"), Some(Genre::Fiction));
/// assert_eq!(serde_json::to_string(&Genre::NonFiction)?, r#""non-fiction""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an enum with `#[derive(lazy_appwrite::Enum)]`",
    label = "list the elements: `#[column(enum(elements(\"a\", \"b\")))]`, or derive `Enum` for the field's type"
)]
pub trait EnumValue: Sized + 'static {
    /// The elements, in variant order.
    const ELEMENTS: &'static [&'static str];
    /// This value's element.
    fn as_str(&self) -> &'static str;
    /// The value for an element, if it is one.
    fn from_element(element: &str) -> Option<Self>;
}
