//! Columns, one enum over the kinds as the server reports them.

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Number, Value};

use super::lenient::{nullable, string_enum, u64_or_zero};
use crate::datetime::Timestamp;

string_enum! {
    /// Where a column or index is in its asynchronous life.
    ///
    /// ```
    /// use lazy_appwrite::models::ColumnStatus;
    /// assert_eq!(ColumnStatus::from_wire("available"), ColumnStatus::Available);
    /// assert!(ColumnStatus::from_wire("processing").is_pending());
    /// ```
    pub enum ColumnStatus {
        /// Usable.
        Available => "available",
        /// Being created.
        Processing => "processing",
        /// Being removed.
        Deleting => "deleting",
        /// Removal failed.
        Stuck => "stuck",
        /// Creation failed (see the `error` field).
        Failed => "failed",
    }
}

impl ColumnStatus {
    /// Whether the status may still change to `available` by itself.
    ///
    /// ```
    /// assert!(!lazy_appwrite::models::ColumnStatus::Failed.is_pending());
    /// ```
    pub fn is_pending(&self) -> bool {
        matches!(self, ColumnStatus::Processing)
    }
}

pub(crate) fn available() -> ColumnStatus {
    ColumnStatus::Available
}

string_enum! {
    /// How two tables relate.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::models::RelationType::ManyToOne.as_str(), "manyToOne");
    /// ```
    pub enum RelationType {
        /// One row on each side.
        OneToOne => "oneToOne",
        /// Many rows here point to one row there.
        ManyToOne => "manyToOne",
        /// Many on both sides.
        ManyToMany => "manyToMany",
        /// One row here has many rows there.
        OneToMany => "oneToMany",
    }
}

string_enum! {
    /// What deleting a row does to the rows related to it.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::models::OnDelete::SetNull.as_str(), "setNull");
    /// ```
    pub enum OnDelete {
        /// Delete them too.
        Cascade => "cascade",
        /// Refuse the delete while related rows exist (the default).
        Restrict => "restrict",
        /// Clear their references.
        SetNull => "setNull",
    }
}

string_enum! {
    /// Which side of a relationship a column is.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::models::RelationSide::Parent.as_str(), "parent");
    /// ```
    pub enum RelationSide {
        /// The side it was created on.
        Parent => "parent",
        /// The two-way partner.
        Child => "child",
    }
}

/// A column: the fields every kind shares, and [`ColumnKind`] for the rest.
///
/// The kind is chosen from the server's `type` and, for `string`, its `format`, so an
/// email column (`"type":"string","format":"email"`) is [`ColumnKind::Email`] and a float
/// column (`"type":"double"`) is [`ColumnKind::Float`].
///
/// ```
/// use lazy_appwrite::models::{Column, ColumnKind, ColumnStatus};
///
/// let c: Column = serde_json::from_str(
///     r#"{"key":"authorEmail","type":"string","format":"email","status":"processing",
///         "error":"","required":false,"array":false,"size":254,"default":null}"#,
/// )?;
/// assert_eq!(c.key, "authorEmail");
/// assert_eq!(c.status, ColumnStatus::Processing);
/// assert!(matches!(c.kind, ColumnKind::Email { default: None, .. }));
///
/// let f: Column = serde_json::from_str(
///     r#"{"key":"price","type":"double","status":"available","required":false,"array":false,
///         "min":0,"max":1.7976931348623157e+308,"default":1.5}"#,
/// )?;
/// assert!(matches!(f.kind, ColumnKind::Float { min: Some(0.0), default: Some(1.5), .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Column {
    /// The column key (its name in rows).
    pub key: String,
    /// The kind and its settings.
    pub kind: ColumnKind,
    /// `processing` after creation, then `available` (or `failed`).
    pub status: ColumnStatus,
    /// Why the column failed, empty otherwise.
    pub error: String,
    /// Whether rows must have a value.
    pub required: bool,
    /// Whether the column holds a list of values.
    pub array: bool,
    /// Creation time.
    pub created_at: Option<Timestamp>,
    /// Last update.
    pub updated_at: Option<Timestamp>,
}

/// The kind of a column and the settings that go with it.
///
/// ```
/// use lazy_appwrite::models::{Column, ColumnKind};
/// let column: Column = serde_json::from_str(
///     r#"{"key":"published","type":"boolean","status":"available","required":false,"array":false,"default":true}"#,
/// )?;
/// assert!(matches!(column.kind, ColumnKind::Boolean { default: Some(true), .. }));
/// assert_eq!(column.kind.type_name(), "boolean");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ColumnKind {
    /// `string`: text up to `size` characters.
    #[non_exhaustive]
    String {
        /// Largest length in characters.
        size: u64,
        /// Default value.
        default: Option<String>,
        /// Whether values are encrypted at rest.
        encrypt: bool,
    },
    /// `varchar`: text up to `size` characters, stored inline.
    #[non_exhaustive]
    Varchar {
        /// Largest length in characters.
        size: u64,
        /// Default value.
        default: Option<String>,
        /// Whether values are encrypted at rest.
        encrypt: bool,
    },
    /// `text` (65 535 characters).
    #[non_exhaustive]
    Text {
        /// Default value.
        default: Option<String>,
        /// Whether values are encrypted at rest.
        encrypt: bool,
    },
    /// `mediumtext` (16 777 215 characters).
    #[non_exhaustive]
    MediumText {
        /// Default value.
        default: Option<String>,
        /// Whether values are encrypted at rest.
        encrypt: bool,
    },
    /// `longtext` (2 147 483 647 characters).
    #[non_exhaustive]
    LongText {
        /// Default value.
        default: Option<String>,
        /// Whether values are encrypted at rest.
        encrypt: bool,
    },
    /// `integer`: a 64-bit signed integer within `min..=max`.
    #[non_exhaustive]
    Integer {
        /// Smallest value.
        min: Option<i64>,
        /// Largest value.
        max: Option<i64>,
        /// Default value.
        default: Option<i64>,
    },
    /// `double` (created as "float"): a 64-bit float within `min..=max`.
    #[non_exhaustive]
    Float {
        /// Smallest value.
        min: Option<f64>,
        /// Largest value.
        max: Option<f64>,
        /// Default value.
        default: Option<f64>,
    },
    /// `boolean`.
    #[non_exhaustive]
    Boolean {
        /// Default value.
        default: Option<bool>,
    },
    /// `datetime`.
    #[non_exhaustive]
    Datetime {
        /// Default value.
        default: Option<Timestamp>,
    },
    /// `string` with format `email`.
    #[non_exhaustive]
    Email {
        /// Default value.
        default: Option<String>,
    },
    /// `string` with format `url`.
    #[non_exhaustive]
    Url {
        /// Default value.
        default: Option<String>,
    },
    /// `string` with format `ip`.
    #[non_exhaustive]
    Ip {
        /// Default value.
        default: Option<String>,
    },
    /// `string` with format `enum`: one of `elements`.
    #[non_exhaustive]
    Enum {
        /// The allowed values.
        elements: Vec<String>,
        /// Default value.
        default: Option<String>,
    },
    /// `point`: `[longitude, latitude]`.
    #[non_exhaustive]
    Point {
        /// Default value, as JSON.
        default: Option<Value>,
    },
    /// `linestring` (created as "line"): a list of points.
    #[non_exhaustive]
    Line {
        /// Default value, as JSON.
        default: Option<Value>,
    },
    /// `polygon`: a list of closed rings.
    #[non_exhaustive]
    Polygon {
        /// Default value, as JSON.
        default: Option<Value>,
    },
    /// `relationship`: a link to rows of another table.
    #[non_exhaustive]
    Relationship {
        /// The related table's ID.
        related_table: String,
        /// How the tables relate.
        relation_type: RelationType,
        /// Whether the related table has a partner column.
        two_way: bool,
        /// The partner column's key.
        two_way_key: String,
        /// What deleting a row does to related rows.
        on_delete: OnDelete,
        /// Which side this column is.
        side: RelationSide,
    },
    /// A kind this version of the crate does not know.
    #[non_exhaustive]
    Other {
        /// The server's `type`.
        type_name: String,
        /// The server's `format` (empty if none).
        format: String,
    },
}

impl ColumnKind {
    /// The server's `type` for this kind (`double` for floats, `string` for email/url/ip/enum).
    ///
    /// ```
    /// use lazy_appwrite::models::Column;
    /// let price: Column = serde_json::from_str(r#"{"key":"price","type":"double","status":"available"}"#)?;
    /// assert_eq!(price.kind.type_name(), "double");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn type_name(&self) -> &str {
        match self {
            ColumnKind::String { .. }
            | ColumnKind::Email { .. }
            | ColumnKind::Url { .. }
            | ColumnKind::Ip { .. }
            | ColumnKind::Enum { .. } => "string",
            ColumnKind::Varchar { .. } => "varchar",
            ColumnKind::Text { .. } => "text",
            ColumnKind::MediumText { .. } => "mediumtext",
            ColumnKind::LongText { .. } => "longtext",
            ColumnKind::Integer { .. } => "integer",
            ColumnKind::Float { .. } => "double",
            ColumnKind::Boolean { .. } => "boolean",
            ColumnKind::Datetime { .. } => "datetime",
            ColumnKind::Point { .. } => "point",
            ColumnKind::Line { .. } => "linestring",
            ColumnKind::Polygon { .. } => "polygon",
            ColumnKind::Relationship { .. } => "relationship",
            ColumnKind::Other { type_name, .. } => type_name,
        }
    }
}

/// Every field any column kind may carry, as the server writes it.
#[derive(Deserialize)]
struct ColumnWire {
    #[serde(default, deserialize_with = "nullable")]
    key: String,
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    kind: String,
    #[serde(default, deserialize_with = "nullable")]
    format: String,
    #[serde(default = "available")]
    status: ColumnStatus,
    #[serde(default, deserialize_with = "nullable")]
    error: String,
    #[serde(default, deserialize_with = "nullable")]
    required: bool,
    #[serde(default, deserialize_with = "nullable")]
    array: bool,
    #[serde(rename = "$createdAt", default)]
    created_at: Option<Timestamp>,
    #[serde(rename = "$updatedAt", default)]
    updated_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "super::lenient::opt_u64")]
    size: Option<u64>,
    #[serde(default)]
    default: Option<Value>,
    #[serde(default, deserialize_with = "nullable")]
    encrypt: bool,
    #[serde(default)]
    min: Option<Number>,
    #[serde(default)]
    max: Option<Number>,
    #[serde(default, deserialize_with = "nullable")]
    elements: Vec<String>,
    #[serde(rename = "relatedTable", default, deserialize_with = "nullable")]
    related_table: String,
    #[serde(rename = "relationType", default)]
    relation_type: Option<RelationType>,
    #[serde(rename = "twoWay", default, deserialize_with = "nullable")]
    two_way: bool,
    #[serde(rename = "twoWayKey", default, deserialize_with = "nullable")]
    two_way_key: String,
    #[serde(rename = "onDelete", default)]
    on_delete: Option<OnDelete>,
    #[serde(default)]
    side: Option<RelationSide>,
}

impl<'de> Deserialize<'de> for Column {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = ColumnWire::deserialize(d)?;
        let key = w.key.clone();
        let bad = |what: &str, v: &Value| {
            D::Error::custom(format!("column `{key}`: {what} cannot be {v}"))
        };
        let text = |v: Option<Value>| match v {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(bad("a text default", &other)),
        };
        let int = |n: Option<Number>, what: &str| match n {
            None => Ok(None),
            Some(n) => as_i64(&n)
                .map(Some)
                .ok_or_else(|| bad(what, &Value::Number(n))),
        };
        let float = |n: Option<Number>| n.and_then(|n| n.as_f64());
        let kind = match (w.kind.as_str(), w.format.as_str()) {
            ("string", "email") => ColumnKind::Email {
                default: text(w.default)?,
            },
            ("string", "url") => ColumnKind::Url {
                default: text(w.default)?,
            },
            ("string", "ip") => ColumnKind::Ip {
                default: text(w.default)?,
            },
            ("string", "enum") => ColumnKind::Enum {
                elements: w.elements,
                default: text(w.default)?,
            },
            ("string", _) => ColumnKind::String {
                size: w.size.unwrap_or(0),
                default: text(w.default)?,
                encrypt: w.encrypt,
            },
            ("varchar", _) => ColumnKind::Varchar {
                size: w.size.unwrap_or(0),
                default: text(w.default)?,
                encrypt: w.encrypt,
            },
            ("text", _) => ColumnKind::Text {
                default: text(w.default)?,
                encrypt: w.encrypt,
            },
            ("mediumtext", _) => ColumnKind::MediumText {
                default: text(w.default)?,
                encrypt: w.encrypt,
            },
            ("longtext", _) => ColumnKind::LongText {
                default: text(w.default)?,
                encrypt: w.encrypt,
            },
            ("integer", _) => {
                let default = match w.default {
                    None => None,
                    Some(Value::Number(n)) => Some(
                        as_i64(&n).ok_or_else(|| bad("an integer default", &Value::Number(n)))?,
                    ),
                    Some(other) => return Err(bad("an integer default", &other)),
                };
                ColumnKind::Integer {
                    min: int(w.min, "min")?,
                    max: int(w.max, "max")?,
                    default,
                }
            }
            ("double" | "float", _) => {
                let default = match w.default {
                    None => None,
                    Some(Value::Number(n)) => n.as_f64(),
                    Some(other) => return Err(bad("a float default", &other)),
                };
                ColumnKind::Float {
                    min: float(w.min),
                    max: float(w.max),
                    default,
                }
            }
            ("boolean", _) => ColumnKind::Boolean {
                default: match w.default {
                    None => None,
                    Some(Value::Bool(b)) => Some(b),
                    Some(other) => return Err(bad("a boolean default", &other)),
                },
            },
            ("datetime", _) => ColumnKind::Datetime {
                default: text(w.default)?.map(Timestamp::from_server),
            },
            ("point", _) => ColumnKind::Point { default: w.default },
            ("linestring" | "line", _) => ColumnKind::Line { default: w.default },
            ("polygon", _) => ColumnKind::Polygon { default: w.default },
            ("relationship", _) => ColumnKind::Relationship {
                related_table: w.related_table,
                relation_type: w
                    .relation_type
                    .unwrap_or(RelationType::Other(String::new())),
                two_way: w.two_way,
                two_way_key: w.two_way_key,
                on_delete: w.on_delete.unwrap_or(OnDelete::Restrict),
                side: w.side.unwrap_or(RelationSide::Parent),
            },
            (other, format) => ColumnKind::Other {
                type_name: other.to_owned(),
                format: format.to_owned(),
            },
        };
        Ok(Column {
            key: w.key,
            kind,
            status: w.status,
            error: w.error,
            required: w.required,
            array: w.array,
            created_at: w.created_at,
            updated_at: w.updated_at,
        })
    }
}

/// An integer, also from a whole float (PHP writes `5.0` as `5`, but be safe).
fn as_i64(n: &Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        let f = n.as_f64()?;
        #[allow(clippy::cast_possible_truncation)]
        (f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f))
            .then_some(f as i64)
    })
}

/// A page of columns.
///
/// ```
/// let list: lazy_appwrite::models::ColumnList = serde_json::from_str(
///     r#"{"total":1,"columns":[{"key":"count","type":"integer","status":"available",
///        "required":false,"array":false,"min":-9223372036854775808,"max":9223372036854775807,"default":null}]}"#,
/// )?;
/// assert_eq!(list.columns[0].kind.type_name(), "integer");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ColumnList {
    /// How many columns match.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub columns: Vec<Column>,
}
