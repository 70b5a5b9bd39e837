//! One column as a model declares it: its key, kind and options, known at compile time.
//! [`ColumnType`] has one variant per entry of the kind table, generated from it.

use crate::kinds::{KindInfo, Shape};
use crate::relation::RelationshipSchema;

/// A column of a [`crate::TableSchema`]: what `#[derive(Table)]` writes for one field.
///
/// ```
/// use lazy_appwrite_core::{ColumnSchema, ColumnType, DefaultValue};
///
/// const AGE: ColumnSchema = ColumnSchema::new("age", ColumnType::Integer { min: Some(0), max: Some(150) })
///     .default_value(DefaultValue::Integer(18));
/// assert_eq!(AGE.key, "age");
/// assert!(!AGE.required);
/// assert_eq!(AGE.kind.type_name(), "integer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ColumnSchema {
    /// The column key, as rows carry it.
    pub key: &'static str,
    /// The Rust field it comes from (the key unless renamed).
    pub field: &'static str,
    /// The kind and its options.
    pub kind: ColumnType,
    /// Whether rows must have a value.
    pub required: bool,
    /// Whether the column holds a list of values.
    pub array: bool,
    /// The value rows get when they have none.
    pub default: Option<DefaultValue>,
    /// The description (Appwrite 2.6.0 and later), from the field's doc comment.
    pub description: Option<&'static str>,
}

impl ColumnSchema {
    /// An optional, non-array column without a default, whose field is named like the key.
    pub const fn new(key: &'static str, kind: ColumnType) -> Self {
        Self {
            key,
            field: key,
            kind,
            required: false,
            array: false,
            default: None,
            description: None,
        }
    }

    /// The same column with a description (sent to Appwrite 2.6.0 and later only).
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// const OK: ColumnSchema = ColumnSchema::new("ok", ColumnType::Boolean).description("Checked.");
    /// assert_eq!(OK.description, Some("Checked."));
    /// ```
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// The same column, read from the Rust field `field`.
    pub const fn field(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }

    /// The same column, required or not.
    pub const fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// The same column, holding a list or not.
    pub const fn array(mut self, array: bool) -> Self {
        self.array = array;
        self
    }

    /// The same column with a default.
    pub const fn default_value(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }

    /// Whether the column is a relationship (created on its own, never inline, never indexed).
    ///
    /// ```
    /// use lazy_appwrite_core::{ColumnSchema, ColumnType};
    /// assert!(!ColumnSchema::new("ok", ColumnType::Boolean).is_relationship());
    /// ```
    pub const fn is_relationship(&self) -> bool {
        matches!(self.kind, ColumnType::Relationship(_))
    }
}

/// A column default, as a literal in the model.
///
/// ```
/// use lazy_appwrite_core::DefaultValue;
/// assert_eq!(DefaultValue::Integer(3).to_json(), serde_json::json!(3));
/// assert_eq!(DefaultValue::String("x").to_json(), serde_json::json!("x"));
/// assert_eq!(DefaultValue::Point([2.5, 48.0]).to_json(), serde_json::json!([2.5, 48.0]));
/// assert_eq!(DefaultValue::Line(&[[0.0, 0.0], [1.0, 1.0]]).to_json(),
///     serde_json::json!([[0.0, 0.0], [1.0, 1.0]]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum DefaultValue {
    /// Text (string kinds, email, url, ip, enum, datetime).
    String(&'static str),
    /// An integer (integer or float columns).
    Integer(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A point, `[longitude, latitude]` (point columns).
    Point([f64; 2]),
    /// A line: two or more points (line columns).
    Line(&'static [[f64; 2]]),
    /// A polygon: rings of four or more points, each closed (polygon columns).
    Polygon(&'static [&'static [[f64; 2]]]),
}

impl DefaultValue {
    /// The value as JSON (a non-finite float becomes `null`).
    pub fn to_json(&self) -> serde_json::Value {
        match *self {
            Self::String(s) => serde_json::Value::from(s),
            Self::Integer(i) => serde_json::Value::from(i),
            Self::Float(f) => serde_json::Value::from(f),
            Self::Boolean(b) => serde_json::Value::from(b),
            Self::Point([lon, lat]) => serde_json::json!([lon, lat]),
            Self::Line(points) => points_json(points).into(),
            Self::Polygon(rings) => rings
                .iter()
                .map(|ring| serde_json::Value::from(points_json(ring)))
                .collect(),
        }
    }
}

/// Points as JSON, each `[longitude, latitude]`.
fn points_json(points: &[[f64; 2]]) -> Vec<serde_json::Value> {
    points
        .iter()
        .map(|[lon, lat]| serde_json::json!([lon, lat]))
        .collect()
}

/// The options of a column, by the [`Shape`] of its kind: how code that does not care
/// which kind it is reads them.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, Options};
/// let kind = ColumnType::Integer { min: Some(1), max: None };
/// assert_eq!(kind.options(), Options::Int { min: Some(1), max: None });
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Options {
    /// [`Shape::Sized`].
    Sized {
        /// Largest length, in characters.
        size: u64,
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// [`Shape::Text`].
    Text {
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// [`Shape::Int`].
    Int {
        /// Smallest value allowed.
        min: Option<i64>,
        /// Largest value allowed.
        max: Option<i64>,
    },
    /// [`Shape::Float`].
    Float {
        /// Smallest value allowed.
        min: Option<f64>,
        /// Largest value allowed.
        max: Option<f64>,
    },
    /// [`Shape::Flag`].
    Flag,
    /// [`Shape::Time`].
    Time,
    /// [`Shape::Formatted`].
    Formatted,
    /// [`Shape::Elements`]: the values allowed.
    Elements(&'static [&'static str]),
    /// [`Shape::Spatial`].
    Spatial,
    /// [`Shape::Link`].
    Link(RelationshipSchema),
}

/// Builds [`ColumnType`] from the kind table: one variant per kind, its fields by shape.
macro_rules! column_type {
    ($($(#[$doc:meta])* $kind:ident { name: $name:literal, shape: $shape:ident, $($rest:tt)* })*) => {
        column_type!(@munch [] [] [] $([$(#[$doc])*] $kind $name $shape)*);
    };
    (@munch [$($variants:tt)*] [$($options:tt)*] [$($infos:tt)*]) => {
        /// The kind of a column with the options that go with it, one variant per
        /// Appwrite kind (one per entry of [`column_kinds!`](crate::column_kinds)).
        ///
        /// ```
        /// use lazy_appwrite_core::ColumnType;
        /// let kind = ColumnType::Email;
        /// assert_eq!((kind.type_name(), kind.format(), kind.endpoint()), ("string", Some("email"), "email"));
        /// assert_eq!(ColumnType::Float { min: None, max: None }.type_name(), "double");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[non_exhaustive]
        pub enum ColumnType { $($variants)* }

        impl ColumnType {
            /// The options, by the kind's shape.
            pub const fn options(&self) -> Options {
                match *self { $($options)* }
            }

            /// The kind's entry in the kind table.
            ///
            /// ```
            /// use lazy_appwrite_core::ColumnType;
            /// assert_eq!(ColumnType::Boolean.info().name, "boolean");
            /// ```
            pub const fn info(&self) -> &'static KindInfo {
                // Each arm's entry is found at compile time.
                match self { $($infos)* }
            }
        }
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Sized $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind {
                /// Largest length, in characters.
                size: u64,
                /// Encrypted at rest.
                encrypt: bool,
            },]
            [$($o)* Self::$kind { size, encrypt } => Options::Sized { size, encrypt },]
            [$($i)* Self::$kind { .. } => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Text $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind {
                /// Encrypted at rest.
                encrypt: bool,
            },]
            [$($o)* Self::$kind { encrypt } => Options::Text { encrypt },]
            [$($i)* Self::$kind { .. } => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Int $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind {
                /// Smallest value allowed.
                min: Option<i64>,
                /// Largest value allowed.
                max: Option<i64>,
            },]
            [$($o)* Self::$kind { min, max } => Options::Int { min, max },]
            [$($i)* Self::$kind { .. } => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Float $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind {
                /// Smallest value allowed.
                min: Option<f64>,
                /// Largest value allowed.
                max: Option<f64>,
            },]
            [$($o)* Self::$kind { min, max } => Options::Float { min, max },]
            [$($i)* Self::$kind { .. } => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Elements $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind {
                /// The values allowed, case-sensitive.
                elements: &'static [&'static str],
            },]
            [$($o)* Self::$kind { elements } => Options::Elements(elements),]
            [$($i)* Self::$kind { .. } => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal Link $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind(RelationshipSchema),]
            [$($o)* Self::$kind(rel) => Options::Link(rel),]
            [$($i)* Self::$kind(_) => const { info_of($name) },]
            $($rest)*);
    };
    (@munch [$($v:tt)*] [$($o:tt)*] [$($i:tt)*] [$(#[$doc:meta])*] $kind:ident $name:literal $shape:ident $($rest:tt)*) => {
        column_type!(@munch
            [$($v)* $(#[$doc])* $kind,]
            [$($o)* Self::$kind => Options::$shape,]
            [$($i)* Self::$kind => const { info_of($name) },]
            $($rest)*);
    };
}

crate::column_kinds!(column_type);

/// `ColumnType::new`: the variant of a kind by name, from options of its shape.
macro_rules! column_type_new {
    ($($(#[$doc:meta])* $kind:ident { name: $name:literal, shape: $shape:ident, $($rest:tt)* })*) => {
        impl ColumnType {
            /// The kind named `name` with `options`, or `None` when there is no such kind or
            /// the options are not of its shape. (The derive builds its kinds so, while it
            /// expands.)
            ///
            /// ```
            /// use lazy_appwrite_core::{ColumnType, Options};
            /// assert_eq!(ColumnType::new("float", Options::Float { min: None, max: Some(1.0) }),
            ///     Some(ColumnType::Float { min: None, max: Some(1.0) }));
            /// assert_eq!(ColumnType::new("float", Options::Flag), None);
            /// ```
            pub const fn new(name: &str, options: Options) -> Option<Self> {
                $(
                    if crate::text::eq_str(name, $name) {
                        return column_type_new!(@$shape $kind options);
                    }
                )*
                None
            }
        }
    };
    (@Sized $kind:ident $o:ident) => {
        match $o { Options::Sized { size, encrypt } => Some(Self::$kind { size, encrypt }), _ => None }
    };
    (@Text $kind:ident $o:ident) => {
        match $o { Options::Text { encrypt } => Some(Self::$kind { encrypt }), _ => None }
    };
    (@Int $kind:ident $o:ident) => {
        match $o { Options::Int { min, max } => Some(Self::$kind { min, max }), _ => None }
    };
    (@Float $kind:ident $o:ident) => {
        match $o { Options::Float { min, max } => Some(Self::$kind { min, max }), _ => None }
    };
    (@Elements $kind:ident $o:ident) => {
        match $o { Options::Elements(elements) => Some(Self::$kind { elements }), _ => None }
    };
    (@Link $kind:ident $o:ident) => {
        match $o { Options::Link(rel) => Some(Self::$kind(rel)), _ => None }
    };
    (@$shape:ident $kind:ident $o:ident) => {
        match $o { Options::$shape => Some(Self::$kind), _ => None }
    };
}

crate::column_kinds!(column_type_new);

impl ColumnType {
    /// The server's `type` (`double` for floats, `string` for email/url/ip/enum,
    /// `linestring` for lines).
    pub const fn type_name(&self) -> &'static str {
        self.info().server_type
    }

    /// The server's `format` for kinds stored as `string` with one.
    pub const fn format(&self) -> Option<&'static str> {
        self.info().server_format
    }

    /// The kind's name: the endpoint segment that creates the column
    /// (`POST …/columns/{endpoint}`).
    pub const fn endpoint(&self) -> &'static str {
        self.info().name
    }

    /// The kind's shape.
    pub const fn shape(&self) -> Shape {
        self.info().shape
    }

    /// The longest value in characters, for the kinds that hold text.
    ///
    /// ```
    /// use lazy_appwrite_core::ColumnType;
    /// assert_eq!(ColumnType::String { size: 64, encrypt: false }.max_chars(), Some(64));
    /// assert_eq!(ColumnType::Email.max_chars(), Some(254));
    /// assert_eq!(ColumnType::Boolean.max_chars(), None);
    /// ```
    pub const fn max_chars(&self) -> Option<u64> {
        match self.options() {
            Options::Sized { size, .. } => Some(size),
            _ => self.info().chars,
        }
    }

    /// Whether a fulltext index may cover the column (`string`, `varchar` and the text kinds).
    pub const fn is_fulltext_indexable(&self) -> bool {
        self.info().is_fulltext_indexable()
    }

    /// Whether the values are encrypted at rest.
    pub const fn encrypted(&self) -> bool {
        match self.options() {
            Options::Sized { encrypt, .. } | Options::Text { encrypt } => encrypt,
            _ => false,
        }
    }
}

/// The kind table's entry named `name` (every variant names one; were it missing, the
/// first entry, not a panic).
const fn info_of(name: &str) -> &'static KindInfo {
    match KindInfo::by_name(name) {
        Some(info) => info,
        None => &crate::kinds::KINDS[0],
    }
}

/// The largest size of a kind that takes one, or the length of one that holds text, from
/// the kind table.
const fn chars_of(name: &str) -> u64 {
    match KindInfo::by_name(name) {
        Some(KindInfo {
            chars: Some(chars), ..
        }) => *chars,
        _ => 0,
    }
}

/// The largest `size` of a `string` column.
pub const STRING_MAX_SIZE: u64 = chars_of("string");
/// The largest `size` of a `varchar` column.
pub const VARCHAR_MAX_SIZE: u64 = chars_of("varchar");
/// The length of a `text` column.
pub const TEXT_SIZE: u64 = chars_of("text");
/// The length of a `mediumtext` column.
pub const MEDIUMTEXT_SIZE: u64 = chars_of("mediumtext");
/// The length of a `longtext` column.
pub const LONGTEXT_SIZE: u64 = chars_of("longtext");
