//! The kind table: every column kind Appwrite has, one entry each, and what each entry
//! says (wire name, shape of its options, family, how the server reports it, whether it
//! can be created inline or be an array, its size limits and the first version with it).
//!
//! [`column_kinds!`](crate::column_kinds) hands the table to a macro, which is how the
//! schema types, the typed markers, the response model and the column builders are
//! generated; [`KINDS`] is the same table as data, for lookups by name. Adding a kind
//! whose options have an existing [`Shape`] is one entry here.

/// Calls macro `$then!` with the kind table, one entry per kind:
///
/// ```text
/// /// docs
/// Variant { name: "wire", shape: Shape, family: Family, reports: "type" / "format",
///           inline: bool, array: bool, chars: u64, since: [] or [major, minor, patch => Feature],
///           holds: HoldsTrait, builder: BuilderName, }
/// ```
///
/// `chars` is the largest size for the sized kinds, the longest value in characters for
/// the other text kinds, and 0 for kinds that do not hold text. `since` names the first
/// Appwrite release with the kind and the runtime's version gate for it; `holds` is the
/// runtime's trait for field types that fit it; `builder` its column builder.
///
/// ```
/// macro_rules! names {
///     ($($(#[$doc:meta])* $kind:ident { name: $name:literal, $($rest:tt)* })*) => {
///         [$($name),*]
///     };
/// }
/// let names = lazy_appwrite_core::column_kinds!(names);
/// assert_eq!(names[0], "string");
/// assert!(names.contains(&"polygon"));
/// ```
#[macro_export]
macro_rules! column_kinds {
    ($then:ident) => {
        $then! {
            /// `string`: up to `size` characters.
            String {
                name: "string", shape: Sized, family: StringLike, reports: "string" / "",
                inline: true, array: true, chars: 1_073_741_824, since: [],
                holds: HoldsText, builder: StringColumn,
            }
            /// `varchar`: up to `size` characters, stored inline.
            Varchar {
                name: "varchar", shape: Sized, family: TextLike, reports: "varchar" / "",
                inline: false, array: true, chars: 16_381, since: [1, 9, 0 => TextColumnKinds],
                holds: HoldsText, builder: VarcharColumn,
            }
            /// `text`: up to 65 535 characters.
            Text {
                name: "text", shape: Text, family: TextLike, reports: "text" / "",
                inline: false, array: true, chars: 65_535, since: [1, 9, 0 => TextColumnKinds],
                holds: HoldsText, builder: TextColumn,
            }
            /// `mediumtext`: up to 16 777 215 characters.
            MediumText {
                name: "mediumtext", shape: Text, family: TextLike, reports: "mediumtext" / "",
                inline: false, array: true, chars: 16_777_215, since: [1, 9, 0 => TextColumnKinds],
                holds: HoldsText, builder: MediumTextColumn,
            }
            /// `longtext`: up to 2 147 483 647 characters.
            LongText {
                name: "longtext", shape: Text, family: TextLike, reports: "longtext" / "",
                inline: false, array: true, chars: 2_147_483_647, since: [1, 9, 0 => TextColumnKinds],
                holds: HoldsText, builder: LongTextColumn,
            }
            /// `integer`: a 64-bit integer within `min..=max`.
            Integer {
                name: "integer", shape: Int, family: Number, reports: "integer" / "",
                inline: true, array: true, chars: 0, since: [],
                holds: HoldsInteger, builder: IntegerColumn,
            }
            /// `bigint`: a 64-bit integer within `min..=max`, stored in 8 bytes whatever its range.
            BigInt {
                name: "bigint", shape: Int, family: Number, reports: "bigint" / "",
                inline: true, array: true, chars: 0, since: [1, 9, 5 => BigIntColumns],
                holds: HoldsInteger, builder: BigIntColumn,
            }
            /// `float` (stored as `double`) within `min..=max`.
            Float {
                name: "float", shape: Float, family: Number, reports: "double" / "",
                inline: true, array: true, chars: 0, since: [],
                holds: HoldsFloat, builder: FloatColumn,
            }
            /// `boolean`.
            Boolean {
                name: "boolean", shape: Flag, family: Boolean, reports: "boolean" / "",
                inline: true, array: true, chars: 0, since: [],
                holds: HoldsBoolean, builder: BooleanColumn,
            }
            /// `datetime`.
            Datetime {
                name: "datetime", shape: Time, family: Datetime, reports: "datetime" / "",
                inline: true, array: true, chars: 0, since: [],
                holds: HoldsDatetime, builder: DatetimeColumn,
            }
            /// `email` (a `string` with format `email`).
            Email {
                name: "email", shape: Formatted, family: StringLike, reports: "string" / "email",
                inline: true, array: true, chars: 254, since: [],
                holds: HoldsEmail, builder: EmailColumn,
            }
            /// `url` (a `string` with format `url`).
            Url {
                name: "url", shape: Formatted, family: StringLike, reports: "string" / "url",
                inline: true, array: true, chars: 2000, since: [],
                holds: HoldsUrl, builder: UrlColumn,
            }
            /// `ip` (a `string` with format `ip`).
            Ip {
                name: "ip", shape: Formatted, family: StringLike, reports: "string" / "ip",
                inline: true, array: true, chars: 39, since: [],
                holds: HoldsIp, builder: IpColumn,
            }
            /// `enum` (a `string` with format `enum`): one of `elements`.
            Enum {
                name: "enum", shape: Elements, family: StringLike, reports: "string" / "enum",
                inline: true, array: true, chars: 255, since: [],
                holds: HoldsEnum, builder: EnumColumn,
            }
            /// `relationship`: a link to rows of another table.
            Relationship {
                name: "relationship", shape: Link, family: Relationship, reports: "relationship" / "",
                inline: false, array: false, chars: 0, since: [],
                holds: HoldsRelationship, builder: RelationshipColumn,
            }
            /// `point`: `[longitude, latitude]`.
            Point {
                name: "point", shape: Spatial, family: Spatial, reports: "point" / "",
                inline: true, array: false, chars: 0, since: [],
                holds: HoldsPoint, builder: PointColumn,
            }
            /// `line` (stored as `linestring`): two or more points.
            Line {
                name: "line", shape: Spatial, family: Spatial, reports: "linestring" / "",
                inline: true, array: false, chars: 0, since: [],
                holds: HoldsLine, builder: LineColumn,
            }
            /// `polygon`: closed rings of points.
            Polygon {
                name: "polygon", shape: Spatial, family: Spatial, reports: "polygon" / "",
                inline: true, array: false, chars: 0, since: [],
                holds: HoldsPolygon, builder: PolygonColumn,
            }
        }
    };
}

/// What options a kind takes, which decides its schema variant, request bodies, value
/// rules and response fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A `size` in characters and `encrypt` (`string`, `varchar`).
    Sized,
    /// Text of a fixed largest length, with `encrypt` (`text`, `mediumtext`, `longtext`).
    Text,
    /// An integer range `min..=max`.
    Int,
    /// A float range `min..=max`.
    Float,
    /// A boolean.
    Flag,
    /// A datetime.
    Time,
    /// Text in a format (`email`, `url`, `ip`).
    Formatted,
    /// One of a list of `elements`.
    Elements,
    /// A geometry (`point`, `line`, `polygon`).
    Spatial,
    /// A link to rows of another table.
    Link,
}

/// The group of kinds that take the same query methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Appwrite type `string` (with or without a format).
    StringLike,
    /// `varchar` and the text kinds.
    TextLike,
    /// Numbers.
    Number,
    /// `datetime`.
    Datetime,
    /// `boolean`.
    Boolean,
    /// `relationship`.
    Relationship,
    /// `point`, `line`, `polygon`.
    Spatial,
}

/// One entry of the kind table, as data.
///
/// ```
/// use lazy_appwrite_core::kinds::{KindInfo, Shape};
/// let float = KindInfo::by_name("float").unwrap();
/// assert_eq!((float.server_type, float.shape), ("double", Shape::Float));
/// assert_eq!(KindInfo::by_name("varchar").unwrap().since, Some((1, 9, 0)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct KindInfo {
    /// The kind's name: the create route's segment and the derive's attribute.
    pub name: &'static str,
    /// The Rust name of its variant and marker (`MediumText`).
    pub variant: &'static str,
    /// What options it takes.
    pub shape: Shape,
    /// Which query methods it takes.
    pub family: Family,
    /// The server's `type` for it.
    pub server_type: &'static str,
    /// The server's `format` for it, for kinds stored as `string` with one.
    pub server_format: Option<&'static str>,
    /// Whether create-table's `columns` can make it.
    pub inline: bool,
    /// Whether it can hold a list of values.
    pub array: bool,
    /// The largest size ([`Shape::Sized`]) or the longest value in characters, for kinds
    /// that hold text.
    pub chars: Option<u64>,
    /// The first Appwrite release with it, for kinds not every supported release has.
    pub since: Option<(u32, u32, u32)>,
}

macro_rules! kind_infos {
    ($($(#[$doc:meta])* $kind:ident {
        name: $name:literal, shape: $shape:ident, family: $family:ident,
        reports: $type:literal / $format:literal, inline: $inline:literal, array: $array:literal,
        chars: $chars:literal, since: [$($major:literal, $minor:literal, $patch:literal => $gate:ident)?],
        holds: $holds:ident, builder: $builder:ident,
    })*) => {
        /// The kind table as data, in table order.
        ///
        /// ```
        /// assert!(lazy_appwrite_core::kinds::KINDS.iter().any(|k| k.name == "enum"));
        /// ```
        pub const KINDS: &[KindInfo] = &[$(
            KindInfo {
                name: $name,
                variant: stringify!($kind),
                shape: Shape::$shape,
                family: Family::$family,
                server_type: $type,
                server_format: if $format.is_empty() { None } else { Some($format) },
                inline: $inline,
                array: $array,
                chars: if $chars == 0 { None } else { Some($chars) },
                since: kind_infos!(@since $($major, $minor, $patch)?),
            },
        )*];
    };
    (@since) => { None };
    (@since $major:literal, $minor:literal, $patch:literal) => { Some(($major, $minor, $patch)) };
}

crate::column_kinds!(kind_infos);

impl KindInfo {
    /// The kind named `name` (`integer`, `line`, …).
    ///
    /// ```
    /// assert!(lazy_appwrite_core::kinds::KindInfo::by_name("nosuch").is_none());
    /// ```
    pub const fn by_name(name: &str) -> Option<&'static KindInfo> {
        let mut i = 0;
        while i < KINDS.len() {
            if crate::text::eq_str(KINDS[i].name, name) {
                return Some(&KINDS[i]);
            }
            i += 1;
        }
        None
    }

    /// The kind a server column of `server_type` and `format` is (`""`: none): the kind
    /// with exactly that type and format, else the one with that type and no format. A
    /// kind's own name is taken for its type too (`float`, `line`).
    ///
    /// ```
    /// use lazy_appwrite_core::kinds::KindInfo;
    /// assert_eq!(KindInfo::reported("string", "email").map(|k| k.name), Some("email"));
    /// assert_eq!(KindInfo::reported("string", "").map(|k| k.name), Some("string"));
    /// assert_eq!(KindInfo::reported("linestring", "").map(|k| k.name), Some("line"));
    /// assert!(KindInfo::reported("vector", "").is_none());
    /// ```
    pub fn reported(server_type: &str, format: &str) -> Option<&'static KindInfo> {
        let typed = |k: &&KindInfo| k.server_type == server_type || k.name == server_type;
        KINDS
            .iter()
            .filter(typed)
            .find(|k| !format.is_empty() && k.server_format == Some(format))
            .or_else(|| {
                KINDS
                    .iter()
                    .filter(typed)
                    .find(|k| k.server_format.is_none())
            })
    }

    /// Whether a fulltext index may cover it (the sized and text kinds).
    ///
    /// ```
    /// use lazy_appwrite_core::kinds::KindInfo;
    /// assert!(KindInfo::by_name("text").is_some_and(|k| k.is_fulltext_indexable()));
    /// ```
    pub const fn is_fulltext_indexable(&self) -> bool {
        matches!(self.shape, Shape::Sized | Shape::Text)
    }
}
