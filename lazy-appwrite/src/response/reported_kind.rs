//! The kind of a column as the server reports it: [`ReportedKind`], one variant per entry of
//! the core crate's kind table (generated from it), and the decoding of a column.

use lazy_appwrite_core::KindInfo;
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Number, Value};

use super::column::{ColumnInfo, ColumnStatus, OnDelete, RelationSide, RelationType, available};
use super::lenient::nullable;
use crate::datetime::Timestamp;

/// Builds [`ReportedKind`] from the kind table: one variant per kind, its fields by shape.
macro_rules! column_kind {
    ($($(#[$doc:meta])* $kind:ident { name: $name:literal, shape: $shape:ident, $($rest:tt)* })*) => {
        column_kind!(@munch [] $([$(#[$doc])*] $kind $shape)*);

        impl ReportedKind {
            /// The kind's entry in the kind table (`None` for [`ReportedKind::Other`]).
            ///
            /// ```
            /// use lazy_appwrite::response::ColumnInfo;
            /// let c: ColumnInfo = serde_json::from_str(r#"{"key":"at","type":"datetime","status":"available"}"#)?;
            /// assert_eq!(c.kind.info().map(|k| k.name), Some("datetime"));
            /// # Ok::<(), serde_json::Error>(())
            /// ```
            pub fn info(&self) -> Option<&'static KindInfo> {
                match self {
                    $(Self::$kind { .. } => KindInfo::by_name($name),)*
                    Self::Other { .. } => None,
                }
            }

            /// The settings by shape, and the default as JSON.
            pub(crate) fn view(&self) -> (KindView<'_>, Value) {
                match self {
                    $(Self::$kind { .. } => view!($shape, $kind, self),)*
                    Self::Other { .. } => (KindView::Other, Value::Null),
                }
            }
        }

        /// The kind of kind-table entry `info` from the server's fields `w`.
        fn decode_kind(info: &KindInfo, w: ColumnWire, key: &str) -> Result<ReportedKind, String> {
            let bad = |what: &str, v: &Value| format!("column `{key}`: {what} cannot be {v}");
            Ok(match info.name {
                $($name => decode!($shape, $kind, w, bad),)*
                _ => ReportedKind::Other { type_name: w.kind, format: w.format },
            })
        }
    };
    (@munch [$($v:tt)*]) => {
        /// The kind of a column and the settings that go with it, one variant per entry of
        /// the kind table, and [`ReportedKind::Other`] for kinds this crate does not know.
        ///
        /// ```
        /// use lazy_appwrite::response::{ColumnInfo, ReportedKind};
        /// let column: ColumnInfo = serde_json::from_str(
        ///     r#"{"key":"published","type":"boolean","status":"available","required":false,"array":false,"default":true}"#,
        /// )?;
        /// assert!(matches!(column.kind, ReportedKind::Boolean { default: Some(true), .. }));
        /// assert_eq!(column.kind.type_name(), "boolean");
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum ReportedKind {
            $($v)*
            /// A kind this version of the crate does not know.
            #[non_exhaustive]
            Other {
                /// The server's `type`.
                type_name: String,
                /// The server's `format` (empty if none).
                format: String,
            },
        }
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Sized $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Largest length in characters.
            size: u64,
            /// Default value.
            default: Option<String>,
            /// Whether values are encrypted at rest.
            encrypt: bool,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Text $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Default value.
            default: Option<String>,
            /// Whether values are encrypted at rest.
            encrypt: bool,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Int $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Smallest value.
            min: Option<i64>,
            /// Largest value.
            max: Option<i64>,
            /// Default value.
            default: Option<i64>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Float $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Smallest value.
            min: Option<f64>,
            /// Largest value.
            max: Option<f64>,
            /// Default value.
            default: Option<f64>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Flag $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Default value.
            default: Option<bool>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Time $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Default value.
            default: Option<Timestamp>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Formatted $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Default value.
            default: Option<String>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Elements $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// The allowed values.
            elements: Vec<String>,
            /// Default value.
            default: Option<String>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Spatial $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
            /// Default value, as JSON.
            default: Option<Value>,
        },] $($rest)*);
    };
    (@munch [$($v:tt)*] [$(#[$doc:meta])*] $kind:ident Link $($rest:tt)*) => {
        column_kind!(@munch [$($v)* $(#[$doc])* #[non_exhaustive] $kind {
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
        },] $($rest)*);
    };
}

/// The settings of a [`ReportedKind`] by shape, for comparing with a declaration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum KindView<'a> {
    Sized { size: u64, encrypt: bool },
    Text { encrypt: bool },
    Int { min: Option<i64>, max: Option<i64> },
    Float { min: Option<f64>, max: Option<f64> },
    Elements(&'a [String]),
    Link(LinkView<'a>),
    Plain,
    Other,
}

/// A reported relationship's settings: the one place their fields are read out of
/// [`ReportedKind::Relationship`], for the comparison with a declaration and for
/// `appwrite.json`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LinkView<'a> {
    pub(crate) related_table: &'a str,
    pub(crate) relation_type: &'a RelationType,
    pub(crate) two_way: bool,
    pub(crate) two_way_key: &'a str,
    pub(crate) on_delete: &'a OnDelete,
    pub(crate) side: &'a RelationSide,
}

/// The view of variant `$kind` of `$this`, by shape.
macro_rules! view {
    (Sized, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind {
                size,
                encrypt,
                default,
            } => (
                KindView::Sized {
                    size: *size,
                    encrypt: *encrypt,
                },
                text_json(default),
            ),
            _ => (KindView::Other, Value::Null),
        }
    };
    (Text, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { encrypt, default } => {
                (KindView::Text { encrypt: *encrypt }, text_json(default))
            }
            _ => (KindView::Other, Value::Null),
        }
    };
    (Int, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { min, max, default } => (
                KindView::Int {
                    min: *min,
                    max: *max,
                },
                default.map_or(Value::Null, Value::from),
            ),
            _ => (KindView::Other, Value::Null),
        }
    };
    (Float, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { min, max, default } => (
                KindView::Float {
                    min: *min,
                    max: *max,
                },
                default.map_or(Value::Null, Value::from),
            ),
            _ => (KindView::Other, Value::Null),
        }
    };
    (Flag, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { default } => {
                (KindView::Plain, default.map_or(Value::Null, Value::from))
            }
            _ => (KindView::Other, Value::Null),
        }
    };
    (Time, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { default } => (
                KindView::Plain,
                default
                    .as_ref()
                    .map_or(Value::Null, |t| Value::from(t.as_str())),
            ),
            _ => (KindView::Other, Value::Null),
        }
    };
    (Formatted, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { default } => (KindView::Plain, text_json(default)),
            _ => (KindView::Other, Value::Null),
        }
    };
    (Elements, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { elements, default } => {
                (KindView::Elements(elements), text_json(default))
            }
            _ => (KindView::Other, Value::Null),
        }
    };
    (Spatial, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind { default } => {
                (KindView::Plain, default.clone().unwrap_or(Value::Null))
            }
            _ => (KindView::Other, Value::Null),
        }
    };
    (Link, $kind:ident, $this:expr) => {
        match $this {
            ReportedKind::$kind {
                related_table,
                relation_type,
                two_way,
                two_way_key,
                on_delete,
                side,
            } => (
                KindView::Link(LinkView {
                    related_table,
                    relation_type,
                    two_way: *two_way,
                    two_way_key,
                    on_delete,
                    side,
                }),
                Value::Null,
            ),
            _ => (KindView::Other, Value::Null),
        }
    };
}

fn text_json(default: &Option<String>) -> Value {
    default.clone().map_or(Value::Null, Value::from)
}

/// Variant `$kind` from the server's fields `$w`, by shape.
macro_rules! decode {
    (Sized, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            size: $w.size.unwrap_or(0),
            default: text($w.default, &$bad)?,
            encrypt: $w.encrypt,
        }
    };
    (Text, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            default: text($w.default, &$bad)?,
            encrypt: $w.encrypt,
        }
    };
    (Int, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            min: int($w.min, "min", &$bad)?,
            max: int($w.max, "max", &$bad)?,
            default: match $w.default {
                None => None,
                Some(Value::Number(n)) => {
                    Some(as_i64(&n).ok_or_else(|| $bad("an integer default", &Value::Number(n)))?)
                }
                Some(other) => return Err($bad("an integer default", &other)),
            },
        }
    };
    (Float, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            min: $w.min.and_then(|n| n.as_f64()),
            max: $w.max.and_then(|n| n.as_f64()),
            default: match $w.default {
                None => None,
                Some(Value::Number(n)) => n.as_f64(),
                Some(other) => return Err($bad("a float default", &other)),
            },
        }
    };
    (Flag, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            default: match $w.default {
                None => None,
                Some(Value::Bool(b)) => Some(b),
                Some(other) => return Err($bad("a boolean default", &other)),
            },
        }
    };
    (Time, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            default: text($w.default, &$bad)?.map(Timestamp::from_server),
        }
    };
    (Formatted, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            default: text($w.default, &$bad)?,
        }
    };
    (Elements, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            elements: $w.elements,
            default: text($w.default, &$bad)?,
        }
    };
    (Spatial, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            default: $w.default,
        }
    };
    (Link, $kind:ident, $w:ident, $bad:ident) => {
        ReportedKind::$kind {
            related_table: $w.related_table,
            relation_type: $w
                .relation_type
                .unwrap_or(RelationType::Other(String::new())),
            two_way: $w.two_way,
            two_way_key: $w.two_way_key,
            on_delete: $w.on_delete.unwrap_or(OnDelete::Restrict),
            side: $w.side.unwrap_or(RelationSide::Parent),
        }
    };
}

lazy_appwrite_core::column_kinds!(column_kind);

impl ReportedKind {
    /// The server's `type` for this kind (`double` for floats, `string` for email/url/ip/enum).
    ///
    /// ```
    /// use lazy_appwrite::response::ColumnInfo;
    /// let price: ColumnInfo = serde_json::from_str(r#"{"key":"price","type":"double","status":"available"}"#)?;
    /// assert_eq!(price.kind.type_name(), "double");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn type_name(&self) -> &str {
        match (self, self.info()) {
            (Self::Other { type_name, .. }, _) => type_name,
            (_, Some(info)) => info.server_type,
            (_, None) => "",
        }
    }
}

fn text(v: Option<Value>, bad: &impl Fn(&str, &Value) -> String) -> Result<Option<String>, String> {
    match v {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(bad("a text default", &other)),
    }
}

fn int(
    n: Option<Number>,
    what: &str,
    bad: &impl Fn(&str, &Value) -> String,
) -> Result<Option<i64>, String> {
    match n {
        None => Ok(None),
        Some(n) => as_i64(&n)
            .map(Some)
            .ok_or_else(|| bad(what, &Value::Number(n))),
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
    #[serde(default)]
    description: Option<String>,
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

impl<'de> Deserialize<'de> for ColumnInfo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut w = ColumnWire::deserialize(d)?;
        let key = std::mem::take(&mut w.key);
        let (status, error, required, array) = (
            w.status.clone(),
            std::mem::take(&mut w.error),
            w.required,
            w.array,
        );
        let (created_at, updated_at) = (w.created_at.take(), w.updated_at.take());
        let description = w.description.take();
        let kind = match KindInfo::reported(&w.kind, &w.format) {
            Some(info) => decode_kind(info, w, &key).map_err(D::Error::custom)?,
            None => ReportedKind::Other {
                type_name: w.kind,
                format: w.format,
            },
        };
        Ok(ColumnInfo {
            key,
            kind,
            status,
            error,
            required,
            array,
            created_at,
            updated_at,
            description,
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
