//! What a new or changed column looks like, one builder per kind.
//!
//! Each builder is used for both [`super::Columns::create`] and [`super::Columns::update`]:
//! create sends every set field; update sends `required`, `default` (as `null` when
//! unset, since Appwrite requires the key) and the kind's changeable settings.

use serde_json::Value;

use crate::datetime::Timestamp;
use crate::error::{Error, Result};
use crate::models::{Column, ColumnKind, OnDelete, RelationType};
use crate::transport::JsonObject;

mod sealed {
    pub trait Sealed {}
}

/// A column definition: one of the builders of this module.
///
/// ```
/// use lazy_appwrite::columns::{ColumnSpec, IntegerColumn};
/// let spec = IntegerColumn::new("count").min(0).max(1000).default(0);
/// assert_eq!((spec.key(), spec.kind()), ("count", "integer"));
/// ```
pub trait ColumnSpec: sealed::Sealed + Send + Sync {
    /// The column key.
    fn key(&self) -> &str;

    /// The kind, as it appears in the endpoint path (`string`, `integer`, `float`, …).
    fn kind(&self) -> &'static str;

    /// The create body.
    #[doc(hidden)]
    fn create_body(&self) -> Result<Vec<u8>>;

    /// The update body, renaming the column to `new_key` if given.
    #[doc(hidden)]
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>>;

    /// Whether a stored column is what this definition creates (same key and kind).
    #[doc(hidden)]
    fn describes(&self, column: &Column) -> bool {
        column.key == self.key() && kind_segment(&column.kind) == Some(self.kind())
    }
}

/// The endpoint segment that creates columns of this kind.
pub(crate) fn kind_segment(kind: &ColumnKind) -> Option<&'static str> {
    Some(match kind {
        ColumnKind::String { .. } => "string",
        ColumnKind::Varchar { .. } => "varchar",
        ColumnKind::Text { .. } => "text",
        ColumnKind::MediumText { .. } => "mediumtext",
        ColumnKind::LongText { .. } => "longtext",
        ColumnKind::Integer { .. } => "integer",
        ColumnKind::Float { .. } => "float",
        ColumnKind::Boolean { .. } => "boolean",
        ColumnKind::Datetime { .. } => "datetime",
        ColumnKind::Email { .. } => "email",
        ColumnKind::Url { .. } => "url",
        ColumnKind::Ip { .. } => "ip",
        ColumnKind::Enum { .. } => "enum",
        ColumnKind::Point { .. } => "point",
        ColumnKind::Line { .. } => "line",
        ColumnKind::Polygon { .. } => "polygon",
        ColumnKind::Relationship { .. } => "relationship",
        ColumnKind::Other { .. } => return None,
    })
}

/// Shared setters of the scalar builders.
macro_rules! common_setters {
    ($default:ty) => {
        /// Whether rows must have a value (default `false`). A required column cannot
        /// have a default.
        pub fn required(mut self, required: bool) -> Self {
            self.required = required;
            self
        }

        /// The value rows get when they have none.
        pub fn default(mut self, value: impl Into<$default>) -> Self {
            self.default = Some(value.into());
            self
        }
    };
    ($default:ty, array) => {
        common_setters!($default);

        /// Whether the column holds a list of values (no default allowed then).
        pub fn array(mut self, array: bool) -> Self {
            self.array = Some(array);
            self
        }
    };
}

fn finish(body: &mut JsonObject, key: &str) -> Result<Vec<u8>> {
    body.finish(None).map(|b| b.to_vec()).map_err(|e| match e {
        Error::Validation { reason, .. } => Error::Validation {
            table: None,
            column: Some(key.to_owned()),
            reason,
        },
        other => other,
    })
}

/// Text kinds: `string` and `varchar` (with a size), `text`, `mediumtext`, `longtext`.
macro_rules! text_column {
    ($(#[$doc:meta])* $name:ident, $kind:literal, sized) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            key: String,
            size: u64,
            required: bool,
            default: Option<String>,
            array: Option<bool>,
            encrypt: Option<bool>,
        }

        impl $name {
            /// A column `key` holding up to `size` characters.
            pub fn new(key: impl Into<String>, size: u64) -> Self {
                Self { key: key.into(), size, required: false, default: None, array: None, encrypt: None }
            }

            common_setters!(String, array);

            /// Encrypt values at rest (needs a size of at least 150; such columns cannot be queried).
            pub fn encrypt(mut self, encrypt: bool) -> Self {
                self.encrypt = Some(encrypt);
                self
            }
        }

        impl sealed::Sealed for $name {}

        impl ColumnSpec for $name {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("key", &self.key)
                        .field("size", &self.size)
                        .field("required", &self.required)
                        .opt("default", self.default.as_ref())
                        .opt("array", self.array)
                        .opt("encrypt", self.encrypt),
                    &self.key,
                )
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("required", &self.required)
                        .field("default", &self.default)
                        .field("size", &self.size)
                        .opt("newKey", new_key),
                    &self.key,
                )
            }
        }
    };
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            key: String,
            required: bool,
            default: Option<String>,
            array: Option<bool>,
            encrypt: Option<bool>,
        }

        impl $name {
            /// A column `key`.
            pub fn new(key: impl Into<String>) -> Self {
                Self { key: key.into(), required: false, default: None, array: None, encrypt: None }
            }

            common_setters!(String, array);

            /// Encrypt values at rest (such columns cannot be queried).
            pub fn encrypt(mut self, encrypt: bool) -> Self {
                self.encrypt = Some(encrypt);
                self
            }
        }

        impl sealed::Sealed for $name {}

        impl ColumnSpec for $name {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("key", &self.key)
                        .field("required", &self.required)
                        .opt("default", self.default.as_ref())
                        .opt("array", self.array)
                        .opt("encrypt", self.encrypt),
                    &self.key,
                )
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("required", &self.required)
                        .field("default", &self.default)
                        .opt("newKey", new_key),
                    &self.key,
                )
            }
        }
    };
}

text_column! {
    /// A `string` column.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, StringColumn};
    /// let spec = StringColumn::new("tags", 64).array(true).encrypt(false);
    /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
    ///     r#"{"key":"tags","size":64,"required":false,"array":true,"encrypt":false}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    StringColumn, "string", sized
}

text_column! {
    /// A `varchar` column (up to 16 381 characters, stored inline).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, VarcharColumn};
    /// assert_eq!(VarcharColumn::new("code", 32).kind(), "varchar");
    /// ```
    VarcharColumn, "varchar", sized
}

text_column! {
    /// A `text` column (65 535 characters).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, TextColumn};
    /// assert_eq!(TextColumn::new("body").kind(), "text");
    /// ```
    TextColumn, "text"
}

text_column! {
    /// A `mediumtext` column (16 777 215 characters).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, MediumTextColumn};
    /// assert_eq!(MediumTextColumn::new("body").kind(), "mediumtext");
    /// ```
    MediumTextColumn, "mediumtext"
}

text_column! {
    /// A `longtext` column (2 147 483 647 characters).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, LongTextColumn};
    /// assert_eq!(LongTextColumn::new("body").kind(), "longtext");
    /// ```
    LongTextColumn, "longtext"
}

/// Numeric kinds: `integer` and `float`.
macro_rules! number_column {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $t:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            key: String,
            required: bool,
            min: Option<$t>,
            max: Option<$t>,
            default: Option<$t>,
            array: Option<bool>,
        }

        impl $name {
            /// A column `key`.
            pub fn new(key: impl Into<String>) -> Self {
                Self { key: key.into(), required: false, min: None, max: None, default: None, array: None }
            }

            common_setters!($t, array);

            /// The smallest value allowed.
            pub fn min(mut self, min: $t) -> Self {
                self.min = Some(min);
                self
            }

            /// The largest value allowed.
            pub fn max(mut self, max: $t) -> Self {
                self.max = Some(max);
                self
            }
        }

        impl sealed::Sealed for $name {}

        impl ColumnSpec for $name {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("key", &self.key)
                        .field("required", &self.required)
                        .opt("min", self.min)
                        .opt("max", self.max)
                        .opt("default", self.default)
                        .opt("array", self.array),
                    &self.key,
                )
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("required", &self.required)
                        .opt("min", self.min)
                        .opt("max", self.max)
                        .field("default", &self.default)
                        .opt("newKey", new_key),
                    &self.key,
                )
            }
        }
    };
}

number_column! {
    /// An `integer` column (64-bit signed).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, IntegerColumn};
    /// let spec = IntegerColumn::new("count").min(0).max(1000).default(0);
    /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
    ///     r#"{"key":"count","required":false,"min":0,"max":1000,"default":0}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    IntegerColumn, "integer", i64
}

number_column! {
    /// A `float` column (stored and reported as `double`).
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, FloatColumn};
    /// let spec = FloatColumn::new("price").min(0.0).max(99999.99).default(1.5);
    /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
    ///     r#"{"key":"price","required":false,"min":0.0,"max":99999.99,"default":1.5}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    FloatColumn, "float", f64
}

/// Kinds with a default and an array flag only.
macro_rules! plain_column {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $t:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            key: String,
            required: bool,
            default: Option<$t>,
            array: Option<bool>,
        }

        impl $name {
            /// A column `key`.
            pub fn new(key: impl Into<String>) -> Self {
                Self { key: key.into(), required: false, default: None, array: None }
            }

            common_setters!($t, array);
        }

        impl sealed::Sealed for $name {}

        impl ColumnSpec for $name {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("key", &self.key)
                        .field("required", &self.required)
                        .opt("default", self.default.as_ref())
                        .opt("array", self.array),
                    &self.key,
                )
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("required", &self.required)
                        .field("default", &self.default)
                        .opt("newKey", new_key),
                    &self.key,
                )
            }
        }
    };
}

plain_column! {
    /// A `boolean` column.
    ///
    /// ```
    /// use lazy_appwrite::columns::{BooleanColumn, ColumnSpec};
    /// let spec = BooleanColumn::new("published").default(false);
    /// assert_eq!(String::from_utf8(spec.update_body(None)?).unwrap(),
    ///     r#"{"required":false,"default":false}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    BooleanColumn, "boolean", bool
}

plain_column! {
    /// A `datetime` column.
    ///
    /// ```
    /// use lazy_appwrite::{Timestamp, columns::{ColumnSpec, DatetimeColumn}};
    /// let spec = DatetimeColumn::new("reviewedAt").default(Timestamp::parse("2024-01-01")?);
    /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
    ///     r#"{"key":"reviewedAt","required":false,"default":"2024-01-01T00:00:00.000+00:00"}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    DatetimeColumn, "datetime", Timestamp
}

plain_column! {
    /// A `string` column with format `email`.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, EmailColumn};
    /// assert_eq!(EmailColumn::new("authorEmail").kind(), "email");
    /// ```
    EmailColumn, "email", String
}

plain_column! {
    /// A `string` column with format `url`.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, UrlColumn};
    /// assert_eq!(UrlColumn::new("homepage").kind(), "url");
    /// ```
    UrlColumn, "url", String
}

plain_column! {
    /// A `string` column with format `ip`.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, IpColumn};
    /// assert_eq!(IpColumn::new("lastIp").kind(), "ip");
    /// ```
    IpColumn, "ip", String
}

/// An `enum` column: one of a fixed list of strings.
///
/// ```
/// use lazy_appwrite::columns::{ColumnSpec, EnumColumn};
/// let spec = EnumColumn::new("genre", ["fiction", "science", "history"]).default("fiction");
/// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
///     r#"{"key":"genre","elements":["fiction","science","history"],"required":false,"default":"fiction"}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EnumColumn {
    key: String,
    elements: Vec<String>,
    required: bool,
    default: Option<String>,
    array: Option<bool>,
}

impl EnumColumn {
    /// A column `key` accepting one of `elements`.
    pub fn new<S: Into<String>>(
        key: impl Into<String>,
        elements: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            key: key.into(),
            elements: elements.into_iter().map(Into::into).collect(),
            required: false,
            default: None,
            array: None,
        }
    }

    common_setters!(String, array);
}

impl sealed::Sealed for EnumColumn {}

impl ColumnSpec for EnumColumn {
    fn key(&self) -> &str {
        &self.key
    }
    fn kind(&self) -> &'static str {
        "enum"
    }
    fn create_body(&self) -> Result<Vec<u8>> {
        finish(
            JsonObject::new()
                .field("key", &self.key)
                .field("elements", &self.elements)
                .field("required", &self.required)
                .opt("default", self.default.as_ref())
                .opt("array", self.array),
            &self.key,
        )
    }
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
        finish(
            JsonObject::new()
                .field("elements", &self.elements)
                .field("required", &self.required)
                .field("default", &self.default)
                .opt("newKey", new_key),
            &self.key,
        )
    }
}

/// Spatial kinds: no array flag, and the update leaves `default` out when unset.
macro_rules! spatial_column {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            key: String,
            required: bool,
            default: Option<Value>,
        }

        impl $name {
            /// A column `key`.
            pub fn new(key: impl Into<String>) -> Self {
                Self { key: key.into(), required: false, default: None }
            }

            common_setters!(Value);
        }

        impl sealed::Sealed for $name {}

        impl ColumnSpec for $name {
            fn key(&self) -> &str {
                &self.key
            }
            fn kind(&self) -> &'static str {
                $kind
            }
            fn create_body(&self) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("key", &self.key)
                        .field("required", &self.required)
                        .opt("default", self.default.as_ref()),
                    &self.key,
                )
            }
            fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
                finish(
                    JsonObject::new()
                        .field("required", &self.required)
                        .opt("default", self.default.as_ref())
                        .opt("newKey", new_key),
                    &self.key,
                )
            }
        }
    };
}

spatial_column! {
    /// A `point` column: `[longitude, latitude]`.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, PointColumn};
    /// let spec = PointColumn::new("location").default(serde_json::json!([2.35, 48.85]));
    /// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
    ///     r#"{"key":"location","required":false,"default":[2.35,48.85]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    PointColumn, "point"
}

spatial_column! {
    /// A `line` column (reported as `linestring`): a list of points.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, LineColumn};
    /// assert_eq!(LineColumn::new("route").kind(), "line");
    /// ```
    LineColumn, "line"
}

spatial_column! {
    /// A `polygon` column: a list of closed rings.
    ///
    /// ```
    /// use lazy_appwrite::columns::{ColumnSpec, PolygonColumn};
    /// assert_eq!(PolygonColumn::new("area").kind(), "polygon");
    /// ```
    PolygonColumn, "polygon"
}

/// A `relationship` column linking rows to rows of another table.
///
/// Change an existing one with [`super::Columns::update_relationship`]; it has no
/// `required` or `default`.
///
/// ```
/// use lazy_appwrite::columns::{ColumnSpec, RelationshipColumn};
/// use lazy_appwrite::models::{OnDelete, RelationType};
///
/// let spec = RelationshipColumn::new("authors", RelationType::ManyToOne)
///     .two_way(true)
///     .key("author")
///     .two_way_key("books")
///     .on_delete(OnDelete::Cascade);
/// assert_eq!(String::from_utf8(spec.create_body()?).unwrap(),
///     r#"{"relatedTableId":"authors","type":"manyToOne","twoWay":true,"key":"author","twoWayKey":"books","onDelete":"cascade"}"#);
/// assert_eq!(ColumnSpec::key(&spec), "author");
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RelationshipColumn {
    related_table: String,
    relation_type: RelationType,
    two_way: Option<bool>,
    key: Option<String>,
    two_way_key: Option<String>,
    on_delete: Option<OnDelete>,
}

impl RelationshipColumn {
    /// A relationship to `related_table` of the given type.
    pub fn new(related_table: impl Into<String>, relation_type: RelationType) -> Self {
        Self {
            related_table: related_table.into(),
            relation_type,
            two_way: None,
            key: None,
            two_way_key: None,
            on_delete: None,
        }
    }

    /// Whether the related table gets a partner column.
    pub fn two_way(mut self, two_way: bool) -> Self {
        self.two_way = Some(two_way);
        self
    }

    /// The column key here (default: the related table's ID). To read a spec's key, call
    /// `ColumnSpec::key(&spec)`.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The partner column's key (default: this table's ID).
    pub fn two_way_key(mut self, key: impl Into<String>) -> Self {
        self.two_way_key = Some(key.into());
        self
    }

    /// What deleting a row does to related rows (default `restrict`).
    pub fn on_delete(mut self, on_delete: OnDelete) -> Self {
        self.on_delete = Some(on_delete);
        self
    }
}

impl sealed::Sealed for RelationshipColumn {}

impl ColumnSpec for RelationshipColumn {
    fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.related_table)
    }
    fn kind(&self) -> &'static str {
        "relationship"
    }
    fn create_body(&self) -> Result<Vec<u8>> {
        finish(
            JsonObject::new()
                .field("relatedTableId", &self.related_table)
                .field("type", &self.relation_type)
                .opt("twoWay", self.two_way)
                .opt("key", self.key.as_deref())
                .opt("twoWayKey", self.two_way_key.as_deref())
                .opt("onDelete", self.on_delete.as_ref()),
            ColumnSpec::key(self),
        )
    }
    fn update_body(&self, _new_key: Option<&str>) -> Result<Vec<u8>> {
        Err(Error::Validation {
            table: None,
            column: Some(ColumnSpec::key(self).to_owned()),
            reason: "relationship columns are changed with Columns::update_relationship".into(),
        })
    }
}
