//! Column definitions as stored in the catalogue and as Appwrite reports them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The kind of a column, as chosen by the create endpoint's path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// `/string`: `type: "string"` with a size.
    String,
    /// `/varchar`.
    Varchar,
    /// `/text` (65 535 characters).
    Text,
    /// `/mediumtext` (16 777 215 characters).
    Mediumtext,
    /// `/longtext` (2 147 483 647 characters).
    Longtext,
    /// `/integer` (64-bit signed).
    Integer,
    /// `/float`, reported as `type: "double"`.
    Float,
    /// `/boolean`.
    Boolean,
    /// `/datetime`.
    Datetime,
    /// `/email`: `type: "string"`, `format: "email"`.
    Email,
    /// `/ip`: `type: "string"`, `format: "ip"`.
    Ip,
    /// `/url`: `type: "string"`, `format: "url"`.
    Url,
    /// `/enum`: `type: "string"`, `format: "enum"`.
    Enum,
    /// `/point`.
    Point,
    /// `/line`, reported as `type: "linestring"`.
    Line,
    /// `/polygon`.
    Polygon,
    /// `/relationship`.
    Relationship,
}

impl ColumnKind {
    /// The kind named by a create/update path segment (`string`, `float`, `line`, …).
    pub fn from_segment(segment: &str) -> Option<Self> {
        Some(match segment {
            "string" => Self::String,
            "varchar" => Self::Varchar,
            "text" => Self::Text,
            "mediumtext" => Self::Mediumtext,
            "longtext" => Self::Longtext,
            "integer" => Self::Integer,
            "float" => Self::Float,
            "boolean" => Self::Boolean,
            "datetime" => Self::Datetime,
            "email" => Self::Email,
            "ip" => Self::Ip,
            "url" => Self::Url,
            "enum" => Self::Enum,
            "point" => Self::Point,
            "line" => Self::Line,
            "polygon" => Self::Polygon,
            "relationship" => Self::Relationship,
            _ => return None,
        })
    }

    /// The `type` field Appwrite reports for this kind.
    pub fn type_name(self) -> &'static str {
        match self {
            Self::String | Self::Email | Self::Ip | Self::Url | Self::Enum => "string",
            Self::Varchar => "varchar",
            Self::Text => "text",
            Self::Mediumtext => "mediumtext",
            Self::Longtext => "longtext",
            Self::Integer => "integer",
            Self::Float => "double",
            Self::Boolean => "boolean",
            Self::Datetime => "datetime",
            Self::Point => "point",
            Self::Line => "linestring",
            Self::Polygon => "polygon",
            Self::Relationship => "relationship",
        }
    }

    /// The `format` field Appwrite reports, if any.
    pub fn format(self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Ip => Some("ip"),
            Self::Url => Some("url"),
            Self::Enum => Some("enum"),
            Self::Datetime => Some("datetime"),
            _ => None,
        }
    }

    /// The fixed size of kinds whose size the caller does not choose.
    pub fn fixed_size(self) -> Option<i64> {
        match self {
            Self::Text => Some(65_535),
            Self::Mediumtext => Some(16_777_215),
            Self::Longtext => Some(2_147_483_647),
            Self::Email => Some(254),
            Self::Ip => Some(39),
            Self::Url => Some(2000),
            Self::Enum => Some(255),
            _ => None,
        }
    }

    /// True for every kind whose values are strings (all text kinds and string formats).
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            Self::String
                | Self::Varchar
                | Self::Text
                | Self::Mediumtext
                | Self::Longtext
                | Self::Email
                | Self::Ip
                | Self::Url
                | Self::Enum
        )
    }

    /// True for the kinds a fulltext index may cover.
    pub fn is_fulltext_capable(self) -> bool {
        matches!(
            self,
            Self::String | Self::Varchar | Self::Text | Self::Mediumtext | Self::Longtext
        )
    }

    /// True for point, line and polygon.
    pub fn is_spatial(self) -> bool {
        matches!(self, Self::Point | Self::Line | Self::Polygon)
    }

    /// True for integer and float.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Float)
    }
}

/// The numeric range of an integer or float column.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Range {
    /// Not a numeric column.
    None,
    /// An integer column's inclusive bounds.
    Int {
        /// Lowest allowed value.
        min: i64,
        /// Highest allowed value.
        max: i64,
    },
    /// A float column's inclusive bounds.
    Float {
        /// Lowest allowed value.
        min: f64,
        /// Highest allowed value.
        max: f64,
    },
}

/// The relationship options of a relationship column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipSpec {
    /// The related table's ID.
    pub related_table: String,
    /// `oneToOne`, `oneToMany`, `manyToOne` or `manyToMany`.
    pub relation_type: String,
    /// Whether the partner column exists on the related table.
    pub two_way: bool,
    /// The partner column's key.
    pub two_way_key: String,
    /// `restrict`, `cascade` or `setNull`.
    pub on_delete: String,
    /// `parent` or `child`.
    pub side: String,
}

/// What a column is: everything its create and update endpoints set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSpec {
    /// The column key, as given by the caller.
    pub key: String,
    /// The column kind.
    pub kind: ColumnKind,
    /// Whether a value must be given on create.
    pub required: bool,
    /// Whether the column holds a list of values.
    pub array: bool,
    /// The maximum length in characters, for every textual kind.
    pub size: Option<i64>,
    /// The numeric bounds of integer and float columns.
    pub range: Range,
    /// The default value, already normalised (datetimes in the server's format).
    pub default: Option<Value>,
    /// The allowed values of an enum column.
    pub elements: Vec<String>,
    /// Whether the column is encrypted at rest (string kinds only).
    pub encrypt: bool,
    /// The relationship options of a relationship column.
    pub relationship: Option<RelationshipSpec>,
    /// `[min, max]`: bounds the caller left out of an inline create-table column. Without
    /// both, the model reports `null` for them and an integer is 32-bit; without `max`, an
    /// integer takes 4 bytes of the row.
    #[serde(default)]
    pub unset_bounds: [bool; 2],
    /// An integer column made as `bigint` (1.9): reported with type `bigint`.
    #[serde(default)]
    pub bigint: bool,
    /// The row bytes an integer column took when it was made: a later range update does
    /// not change them (tour-v19.jsonl 1.9.6 seq 2430 then 2533: `-100..100` widened to
    /// 64 bits still counts 4 bytes). `None` until the range is first updated.
    #[serde(default)]
    pub int_width: Option<i64>,
    /// The default rows still receive although the model shows `default: null`: an update
    /// that sends `default: null` (and `required: false`) over a set default clears it in
    /// the column model only; Appwrite's storage layer keeps the old one
    /// (columns.jsonl 1.8.1 seq 445 then 572: `e_def` shows `null`, a new row gets
    /// `b@example.org`).
    #[serde(default)]
    pub kept_default: Option<Value>,
}

impl ColumnSpec {
    /// A plain column of `kind` with no options set.
    pub fn new(key: impl Into<String>, kind: ColumnKind) -> Self {
        Self {
            key: key.into(),
            kind,
            required: false,
            array: false,
            size: kind.fixed_size(),
            range: match kind {
                ColumnKind::Integer => Range::Int {
                    min: i64::MIN,
                    max: i64::MAX,
                },
                ColumnKind::Float => Range::Float {
                    min: -f64::MAX,
                    max: f64::MAX,
                },
                _ => Range::None,
            },
            default: None,
            elements: Vec::new(),
            encrypt: false,
            relationship: None,
            unset_bounds: [false, false],
            bigint: false,
            int_width: None,
            kept_default: None,
        }
    }

    /// The value a new row gets when it leaves this column out: the default, or the one
    /// the storage layer kept ([`ColumnSpec::kept_default`]).
    pub fn row_default(&self) -> &Value {
        match (&self.default, &self.kept_default) {
            (Some(default), _) if !default.is_null() => default,
            (_, Some(kept)) => kept,
            _ => &Value::Null,
        }
    }
}

/// The lifecycle status of a column or index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Ready for use.
    Available,
    /// Being created by the (emulated) worker.
    Processing,
    /// Being removed by the (emulated) worker.
    Deleting,
    /// Removal failed.
    Stuck,
    /// Creation failed.
    Failed,
}

impl Status {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::Processing => "processing",
            Self::Deleting => "deleting",
            Self::Stuck => "stuck",
            Self::Failed => "failed",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "available" => Self::Available,
            "processing" => Self::Processing,
            "deleting" => Self::Deleting,
            "stuck" => Self::Stuck,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// A column as the catalogue holds it: its spec, lifecycle and physical location.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMeta {
    /// Internal sequence; the physical SQLite column is `c{seq}`.
    pub seq: i64,
    /// What the column is.
    pub spec: ColumnSpec,
    /// Lifecycle status.
    pub status: Status,
    /// Error text of a failed or stuck column (`""` otherwise).
    pub error: String,
    /// Unix milliseconds at which a pending status change takes effect.
    pub ready_at: Option<i64>,
    /// Creation time in the server's format.
    pub created_at: String,
    /// Last update time in the server's format.
    pub updated_at: String,
}

impl ColumnMeta {
    /// The physical SQLite column name. Never derived from user input.
    pub fn physical(&self) -> String {
        super::physical::name('c', self.seq)
    }

    /// False for the child side of a one-way relationship, which exists for rows and
    /// queries but is not listed by the column endpoints or the `Table` model.
    pub fn is_listed(&self) -> bool {
        !self.spec.relationship.as_ref().is_some_and(|r| {
            self.spec.kind == ColumnKind::Relationship && r.side == "child" && !r.two_way
        })
    }

    /// True when the column is `available`, so rows and queries may use it.
    pub fn is_available(&self) -> bool {
        self.status == Status::Available
    }

    /// The column model Appwrite returns (ColumnString, ColumnInteger, …).
    pub fn to_json(&self) -> Value {
        self.to_json_as(self.spec.kind)
    }

    /// The column shown through the model of kind `shown`: an update through another
    /// kind's route (`PATCH …/columns/integer/{a string column}`) answers that route's
    /// model, filled from this column (`type` stays this column's, `min`/`max` are `null`
    /// when it has no range, `format` is its own format or `""`).
    pub fn to_json_as(&self, shown: ColumnKind) -> Value {
        let spec = &self.spec;
        let mut m = Map::new();
        m.insert("key".into(), json!(spec.key));
        let type_name = if spec.bigint {
            "bigint"
        } else {
            spec.kind.type_name()
        };
        m.insert("type".into(), json!(type_name));
        m.insert("status".into(), json!(self.status.as_str()));
        m.insert("error".into(), json!(self.error));
        m.insert("required".into(), json!(spec.required));
        m.insert("array".into(), json!(spec.array));
        m.insert("$createdAt".into(), json!(self.created_at));
        m.insert("$updatedAt".into(), json!(self.updated_at));
        if shown.format().is_some() {
            // Datetime columns report an empty format, though rows validate as datetimes.
            let own = match spec.kind.format() {
                Some(format) if spec.kind != ColumnKind::Datetime => format,
                _ => "",
            };
            m.insert("format".into(), json!(own));
        }
        match shown {
            ColumnKind::String | ColumnKind::Varchar => {
                m.insert("size".into(), json!(spec.size.unwrap_or(0)));
                m.insert("encrypt".into(), json!(spec.encrypt));
            }
            ColumnKind::Text | ColumnKind::Mediumtext | ColumnKind::Longtext => {
                m.insert("encrypt".into(), json!(spec.encrypt));
            }
            ColumnKind::Enum => {
                m.insert("elements".into(), json!(spec.elements));
            }
            _ => {}
        }
        // Inline columns given neither bound report both as `null`.
        let hidden = spec.unset_bounds == [true, true];
        let bound = |unset: bool, value: Value| if unset && hidden { Value::Null } else { value };
        let (min, max) = match (shown, spec.range) {
            (ColumnKind::Integer, Range::Int { min, max }) => (json!(min), json!(max)),
            (ColumnKind::Integer, Range::Float { min, max }) => {
                (json!(min as i64), json!(max as i64))
            }
            (ColumnKind::Float, Range::Int { min, max }) => {
                (json_number(min as f64), json_number(max as f64))
            }
            (ColumnKind::Float, Range::Float { min, max }) => (json_number(min), json_number(max)),
            (ColumnKind::Integer | ColumnKind::Float, Range::None) => (Value::Null, Value::Null),
            _ => (Value::Null, Value::Null),
        };
        if shown.is_numeric() {
            m.insert("min".into(), bound(spec.unset_bounds[0], min));
            m.insert("max".into(), bound(spec.unset_bounds[1], max));
        }
        if let Some(rel) = &spec.relationship {
            m.insert("relatedTable".into(), json!(rel.related_table));
            m.insert("relationType".into(), json!(rel.relation_type));
            m.insert("twoWay".into(), json!(rel.two_way));
            m.insert("twoWayKey".into(), json!(rel.two_way_key));
            m.insert("onDelete".into(), json!(rel.on_delete));
            m.insert("side".into(), json!(rel.side));
        } else {
            m.insert(
                "default".into(),
                spec.default.clone().unwrap_or(Value::Null),
            );
        }
        Value::Object(m)
    }
}

/// A float as Appwrite's PHP encoder writes it: whole numbers without a fraction.
pub fn json_number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        json!(f as i64)
    } else {
        json!(f)
    }
}
