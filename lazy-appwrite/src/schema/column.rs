//! One column as a model declares it: its key, kind and options, known at compile time.

use super::{Table, TableSchema};
use crate::models::{OnDelete, RelationType};

/// A column of a [`super::TableSchema`]: what `#[derive(Table)]` writes for one field.
///
/// ```
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType, DefaultValue};
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
        }
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
    /// use lazy_appwrite::schema::{ColumnSchema, ColumnType};
    /// assert!(!ColumnSchema::new("ok", ColumnType::Boolean).is_relationship());
    /// ```
    pub const fn is_relationship(&self) -> bool {
        matches!(self.kind, ColumnType::Relationship(_))
    }
}

/// The kind of a column with the options that go with it, one variant per Appwrite kind.
///
/// ```
/// use lazy_appwrite::schema::ColumnType;
/// let kind = ColumnType::Email;
/// assert_eq!((kind.type_name(), kind.format(), kind.endpoint()), ("string", Some("email"), "email"));
/// assert_eq!(ColumnType::Float { min: None, max: None }.type_name(), "double");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum ColumnType {
    /// `string`: up to `size` characters.
    String {
        /// Largest length, in characters.
        size: u64,
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// `varchar`: up to `size` characters, stored inline.
    Varchar {
        /// Largest length, in characters.
        size: u64,
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// `text`: up to 65 535 characters.
    Text {
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// `mediumtext`: up to 16 777 215 characters.
    MediumText {
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// `longtext`: up to 2 147 483 647 characters.
    LongText {
        /// Encrypted at rest.
        encrypt: bool,
    },
    /// `integer`: a 64-bit integer within `min..=max`.
    Integer {
        /// Smallest value allowed.
        min: Option<i64>,
        /// Largest value allowed.
        max: Option<i64>,
    },
    /// `float` (stored as `double`) within `min..=max`.
    Float {
        /// Smallest value allowed.
        min: Option<f64>,
        /// Largest value allowed.
        max: Option<f64>,
    },
    /// `boolean`.
    Boolean,
    /// `datetime`.
    Datetime,
    /// `email` (a `string` with format `email`).
    Email,
    /// `url` (a `string` with format `url`).
    Url,
    /// `ip` (a `string` with format `ip`).
    Ip,
    /// `enum` (a `string` with format `enum`): one of `elements`.
    Enum {
        /// The values allowed, case-sensitive.
        elements: &'static [&'static str],
    },
    /// `relationship`: a link to rows of another table.
    Relationship(RelationshipSchema),
    /// `point`: `[longitude, latitude]`.
    Point,
    /// `line` (stored as `linestring`): two or more points.
    Line,
    /// `polygon`: closed rings of points.
    Polygon,
}

/// The largest `size` of a `string` column.
pub const STRING_MAX_SIZE: u64 = 1_073_741_824;
/// The largest `size` of a `varchar` column.
pub const VARCHAR_MAX_SIZE: u64 = 16_381;
/// The length of a `text` column.
pub const TEXT_SIZE: u64 = 65_535;
/// The length of a `mediumtext` column.
pub const MEDIUMTEXT_SIZE: u64 = 16_777_215;
/// The length of a `longtext` column.
pub const LONGTEXT_SIZE: u64 = 2_147_483_647;

impl ColumnType {
    /// The server's `type` (`double` for floats, `string` for email/url/ip/enum,
    /// `linestring` for lines), as [`crate::models::ColumnKind::type_name`] reports it.
    pub const fn type_name(&self) -> &'static str {
        match self {
            Self::String { .. } | Self::Email | Self::Url | Self::Ip | Self::Enum { .. } => {
                "string"
            }
            Self::Varchar { .. } => "varchar",
            Self::Text { .. } => "text",
            Self::MediumText { .. } => "mediumtext",
            Self::LongText { .. } => "longtext",
            Self::Integer { .. } => "integer",
            Self::Float { .. } => "double",
            Self::Boolean => "boolean",
            Self::Datetime => "datetime",
            Self::Relationship(_) => "relationship",
            Self::Point => "point",
            Self::Line => "linestring",
            Self::Polygon => "polygon",
        }
    }

    /// The [`Feature`](crate::Feature) a server needs for this kind, for kinds that not
    /// every supported Appwrite version has.
    ///
    /// ```
    /// use lazy_appwrite::{Feature, schema::ColumnType};
    /// assert_eq!(ColumnType::Text { encrypt: false }.needs(), Some(Feature::TextColumnKinds));
    /// assert_eq!(ColumnType::Boolean.needs(), None);
    /// ```
    pub fn needs(&self) -> Option<crate::version::Feature> {
        crate::version::Feature::for_column_kind(self.type_name())
    }

    /// The server's `format` for kinds stored as `string` with one.
    pub const fn format(&self) -> Option<&'static str> {
        match self {
            Self::Email => Some("email"),
            Self::Url => Some("url"),
            Self::Ip => Some("ip"),
            Self::Enum { .. } => Some("enum"),
            _ => None,
        }
    }

    /// The endpoint segment that creates the column (`POST …/columns/{endpoint}`).
    pub const fn endpoint(&self) -> &'static str {
        match self {
            Self::String { .. } => "string",
            Self::Varchar { .. } => "varchar",
            Self::Text { .. } => "text",
            Self::MediumText { .. } => "mediumtext",
            Self::LongText { .. } => "longtext",
            Self::Integer { .. } => "integer",
            Self::Float { .. } => "float",
            Self::Boolean => "boolean",
            Self::Datetime => "datetime",
            Self::Email => "email",
            Self::Url => "url",
            Self::Ip => "ip",
            Self::Enum { .. } => "enum",
            Self::Relationship(_) => "relationship",
            Self::Point => "point",
            Self::Line => "line",
            Self::Polygon => "polygon",
        }
    }

    /// The longest value in characters, for the kinds that hold text.
    ///
    /// ```
    /// use lazy_appwrite::schema::ColumnType;
    /// assert_eq!(ColumnType::String { size: 64, encrypt: false }.max_chars(), Some(64));
    /// assert_eq!(ColumnType::Email.max_chars(), Some(254));
    /// assert_eq!(ColumnType::Boolean.max_chars(), None);
    /// ```
    pub const fn max_chars(&self) -> Option<u64> {
        match self {
            Self::String { size, .. } | Self::Varchar { size, .. } => Some(*size),
            Self::Text { .. } => Some(TEXT_SIZE),
            Self::MediumText { .. } => Some(MEDIUMTEXT_SIZE),
            Self::LongText { .. } => Some(LONGTEXT_SIZE),
            Self::Email => Some(254),
            Self::Url => Some(2000),
            Self::Ip => Some(39),
            Self::Enum { .. } => Some(255),
            _ => None,
        }
    }

    /// Whether a fulltext index may cover the column (`string`, `varchar` and the text kinds).
    pub const fn is_fulltext_indexable(&self) -> bool {
        matches!(
            self,
            Self::String { .. }
                | Self::Varchar { .. }
                | Self::Text { .. }
                | Self::MediumText { .. }
                | Self::LongText { .. }
        )
    }

    /// Whether the values are encrypted at rest.
    pub const fn encrypted(&self) -> bool {
        match self {
            Self::String { encrypt, .. }
            | Self::Varchar { encrypt, .. }
            | Self::Text { encrypt }
            | Self::MediumText { encrypt }
            | Self::LongText { encrypt } => *encrypt,
            _ => false,
        }
    }
}

/// The options of a relationship column.
///
/// ```
/// use lazy_appwrite::schema::{OnDeleteAction, Relation, RelationshipSchema};
/// const AUTHOR: RelationshipSchema = RelationshipSchema::new("authors", Relation::ManyToOne)
///     .two_way("books")
///     .on_delete(OnDeleteAction::Cascade);
/// assert!(AUTHOR.two_way);
/// assert_eq!(AUTHOR.relation.to_model().as_str(), "manyToOne");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RelationshipSchema {
    /// The related table's ID.
    pub related_table: &'static str,
    /// How the tables relate.
    pub relation: Relation,
    /// Whether the related table gets a partner column.
    pub two_way: bool,
    /// The partner column's key (the server's default is this table's ID).
    pub two_way_key: Option<&'static str>,
    /// What deleting a row does to related rows.
    pub on_delete: OnDeleteAction,
    /// The related table's model, when the relationship names one (`Ref<Author>` or
    /// `related = Author`): the sync engine creates that table first.
    pub related_model: Option<RelatedModel>,
}

impl RelationshipSchema {
    /// A one-way relationship that restricts deletes.
    pub const fn new(related_table: &'static str, relation: Relation) -> Self {
        Self {
            related_table,
            relation,
            two_way: false,
            two_way_key: None,
            on_delete: OnDeleteAction::Restrict,
            related_model: None,
        }
    }

    /// The related table's model, so that syncing this table syncs that one first.
    ///
    /// ```
    /// use lazy_appwrite::Table;
    /// use lazy_appwrite::schema::{Relation, RelatedModel, RelationshipSchema};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "authors")]
    /// struct Author { #[column(size = 64)] name: String }
    ///
    /// const AUTHOR: RelationshipSchema = RelationshipSchema::new(Author::ID, Relation::ManyToOne)
    ///     .related_model(RelatedModel::of::<Author>());
    /// assert_eq!(AUTHOR.related_model.map(|m| m.schema().id), Some("authors"));
    /// ```
    pub const fn related_model(mut self, model: RelatedModel) -> Self {
        self.related_model = Some(model);
        self
    }

    /// Two-way, with the partner column `key` on the related table.
    pub const fn two_way(mut self, key: &'static str) -> Self {
        self.two_way = true;
        self.two_way_key = Some(key);
        self
    }

    /// Two-way or not, with the server's default partner key.
    pub const fn two_way_flag(mut self, two_way: bool) -> Self {
        self.two_way = two_way;
        self
    }

    /// What deleting a row does.
    pub const fn on_delete(mut self, on_delete: OnDeleteAction) -> Self {
        self.on_delete = on_delete;
        self
    }
}

/// A handle on a related model's schema, read only when needed: two models that relate
/// to each other can each name the other without a cycle in their constants.
///
/// Compares (and prints) by table ID.
#[derive(Clone, Copy)]
pub struct RelatedModel {
    schema: fn() -> &'static TableSchema,
}

impl RelatedModel {
    /// The handle on model `T`'s schema.
    ///
    /// ```
    /// #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "authors")]
    /// struct Author { #[column(size = 64)] name: String }
    ///
    /// let model = lazy_appwrite::schema::RelatedModel::of::<Author>();
    /// assert_eq!(model.schema().id, "authors");
    /// ```
    pub const fn of<T: Table>() -> Self {
        Self {
            schema: schema_of::<T>,
        }
    }

    /// The related model's schema.
    pub fn schema(&self) -> &'static TableSchema {
        (self.schema)()
    }
}

fn schema_of<T: Table>() -> &'static TableSchema {
    T::SCHEMA
}

impl PartialEq for RelatedModel {
    fn eq(&self, other: &Self) -> bool {
        self.schema().id == other.schema().id
    }
}

impl Eq for RelatedModel {}

impl std::fmt::Debug for RelatedModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RelatedModel")
            .field(&self.schema().id)
            .finish()
    }
}

/// How two tables relate, seen from the table that declares the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Relation {
    /// One row here, one row there.
    OneToOne,
    /// Many rows here point to one row there.
    ManyToOne,
    /// One row here has many rows there.
    OneToMany,
    /// Many on both sides.
    ManyToMany,
}

impl Relation {
    /// The client's model of the same value.
    pub fn to_model(self) -> RelationType {
        match self {
            Self::OneToOne => RelationType::OneToOne,
            Self::ManyToOne => RelationType::ManyToOne,
            Self::OneToMany => RelationType::OneToMany,
            Self::ManyToMany => RelationType::ManyToMany,
        }
    }

    /// Whether a row on this side holds many related rows (a list of IDs).
    pub const fn is_to_many(self) -> bool {
        matches!(self, Self::OneToMany | Self::ManyToMany)
    }

    /// The same relationship seen from the related table: a book's `many_to_one` author
    /// is the author's `one_to_many` books.
    ///
    /// ```
    /// use lazy_appwrite::schema::Relation;
    /// assert_eq!(Relation::ManyToOne.mirrored(), Relation::OneToMany);
    /// assert_eq!(Relation::ManyToMany.mirrored(), Relation::ManyToMany);
    /// ```
    pub const fn mirrored(self) -> Self {
        match self {
            Self::OneToMany => Self::ManyToOne,
            Self::ManyToOne => Self::OneToMany,
            other => other,
        }
    }
}

/// What deleting a row does to the rows related to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnDeleteAction {
    /// Refuse while related rows exist (Appwrite's default).
    Restrict,
    /// Delete them too.
    Cascade,
    /// Clear their references.
    SetNull,
}

impl OnDeleteAction {
    /// The client's model of the same value.
    pub fn to_model(self) -> OnDelete {
        match self {
            Self::Restrict => OnDelete::Restrict,
            Self::Cascade => OnDelete::Cascade,
            Self::SetNull => OnDelete::SetNull,
        }
    }
}

/// A column default, as a literal in the model.
///
/// ```
/// use lazy_appwrite::schema::DefaultValue;
/// assert_eq!(DefaultValue::Integer(3).to_json(), serde_json::json!(3));
/// assert_eq!(DefaultValue::String("x").to_json(), serde_json::json!("x"));
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
}

impl DefaultValue {
    /// The value as JSON (a non-finite float becomes `null`).
    pub fn to_json(&self) -> serde_json::Value {
        match *self {
            Self::String(s) => serde_json::Value::from(s),
            Self::Integer(i) => serde_json::Value::from(i),
            Self::Float(f) => serde_json::Value::from(f),
            Self::Boolean(b) => serde_json::Value::from(b),
        }
    }
}
