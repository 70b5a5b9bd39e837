//! The validated model of a table: what the expansion works from. Building it reports
//! every attribute error at once, each at its span.

mod column;
mod index;
mod table;

use proc_macro2::Span;

pub use table::build;

/// A table ready to expand.
pub struct TableModel {
    pub ident: syn::Ident,
    pub vis: syn::Visibility,
    pub krate: syn::Path,
    pub id: String,
    pub name: String,
    pub database: Option<String>,
    /// Expanded permission strings, e.g. `read("any")`.
    pub permissions: Vec<String>,
    pub row_security: bool,
    pub enabled: bool,
    pub columns: Vec<ColumnModel>,
    pub indexes: Vec<IndexModel>,
}

/// A column.
pub struct ColumnModel {
    pub ident: syn::Ident,
    pub ty: syn::Type,
    pub key: String,
    pub kind: Kind,
    pub required: Required,
    pub default: Option<DefaultModel>,
    /// Covered by a fulltext index on exactly this column.
    pub searchable: bool,
    /// Covered by some index (so it must not be an array).
    pub indexed: bool,
    /// Covered by a fulltext index while its kind comes from the type.
    pub fulltext_inferred: bool,
    pub span: Span,
}

/// Whether a column is required.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Required {
    /// Unless the field is an `Option`.
    FromType,
    /// As the attribute says (or `false` because there is a default).
    Fixed(bool),
}

/// The kind of a column.
pub enum Kind {
    /// From the field's type, through `InferKind`.
    Inferred,
    /// From the attribute.
    Explicit(ExplicitKind, #[allow(dead_code)] Span),
}

/// A kind named by the attribute, with its options.
pub enum ExplicitKind {
    String {
        size: u64,
        encrypt: bool,
    },
    Varchar {
        size: u64,
        encrypt: bool,
    },
    Text {
        encrypt: bool,
    },
    MediumText {
        encrypt: bool,
    },
    LongText {
        encrypt: bool,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Float {
        min: Option<f64>,
        max: Option<f64>,
    },
    Boolean,
    Datetime,
    Email,
    Url,
    Ip,
    /// `None`: the elements of the field's enum type.
    Enum {
        elements: Option<Vec<String>>,
    },
    Relationship(RelationshipModel),
    Point,
    Line,
    Polygon,
}

impl ExplicitKind {
    /// The name used in attributes and messages.
    pub fn name(&self) -> &'static str {
        match self {
            ExplicitKind::String { .. } => "string",
            ExplicitKind::Varchar { .. } => "varchar",
            ExplicitKind::Text { .. } => "text",
            ExplicitKind::MediumText { .. } => "mediumtext",
            ExplicitKind::LongText { .. } => "longtext",
            ExplicitKind::Integer { .. } => "integer",
            ExplicitKind::Float { .. } => "float",
            ExplicitKind::Boolean => "boolean",
            ExplicitKind::Datetime => "datetime",
            ExplicitKind::Email => "email",
            ExplicitKind::Url => "url",
            ExplicitKind::Ip => "ip",
            ExplicitKind::Enum { .. } => "enum",
            ExplicitKind::Relationship(_) => "relationship",
            ExplicitKind::Point => "point",
            ExplicitKind::Line => "line",
            ExplicitKind::Polygon => "polygon",
        }
    }

    /// The longest text in characters, for kinds holding text.
    pub fn max_chars(&self) -> Option<u64> {
        match self {
            ExplicitKind::String { size, .. } | ExplicitKind::Varchar { size, .. } => Some(*size),
            ExplicitKind::Text { .. } => Some(65_535),
            ExplicitKind::MediumText { .. } => Some(16_777_215),
            ExplicitKind::LongText { .. } => Some(2_147_483_647),
            ExplicitKind::Email => Some(254),
            ExplicitKind::Url => Some(2000),
            ExplicitKind::Ip => Some(39),
            ExplicitKind::Enum { .. } => Some(255),
            _ => None,
        }
    }

    /// Stored as Appwrite type `string`, `varchar` or a text kind (fulltext-indexable).
    pub fn is_textual(&self) -> bool {
        self.max_chars().is_some()
    }
}

/// A relationship's options.
pub struct RelationshipModel {
    pub related: Related,
    pub relation: &'static str,
    pub two_way: bool,
    pub two_way_key: Option<String>,
    pub on_delete: &'static str,
}

/// The related table.
pub enum Related {
    /// A model type implementing `Table`.
    Model(syn::Path),
    /// A table ID.
    Id(String),
    /// The model the field's `Ref<Model>` names.
    FromField,
}

impl RelationshipModel {
    pub fn is_to_many(&self) -> bool {
        matches!(self.relation, "OneToMany" | "ManyToMany")
    }
}

/// A default literal.
pub struct DefaultModel {
    pub value: DefaultValue,
    pub span: Span,
}

/// A default's value.
pub enum DefaultValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// An index.
pub struct IndexModel {
    pub key: String,
    /// `Key`, `Unique` or `Fulltext`.
    pub kind: &'static str,
    pub columns: Vec<String>,
    /// `Asc`/`Desc` per column, or empty.
    pub orders: Vec<&'static str>,
    pub lengths: Vec<Option<u64>>,
}
