//! The validated model of a table: what the expansion works from. Building it reports
//! every attribute error at once, each at its span.

mod column;
mod default;
mod description;
mod index;
mod table;

use lazy_appwrite_core::{ColumnType, KindInfo, Options, Shape};
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
    /// The description: the attribute's, or the doc comment's.
    pub description: Option<String>,
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
    /// The description: the attribute's, or the doc comment's.
    pub description: Option<String>,
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

/// A kind named by the attribute: its entry in the core crate's kind table, with its
/// options.
pub struct ExplicitKind {
    pub info: &'static KindInfo,
    pub options: KindOptions,
}

/// The options of an [`ExplicitKind`], by its shape.
pub enum KindOptions {
    Sized {
        size: u64,
        encrypt: bool,
    },
    Text {
        encrypt: bool,
    },
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    Float {
        min: Option<f64>,
        max: Option<f64>,
    },
    /// `None`: the elements of the field's enum type.
    Elements(Option<Vec<String>>),
    Link(RelationshipModel),
    /// Kinds without options (`boolean`, `datetime`, `email`, `point`, …).
    Plain,
}

impl ExplicitKind {
    /// The kind `name` of the kind table with `options`.
    pub fn new(name: &str, options: KindOptions) -> Self {
        let info = KindInfo::by_name(name).unwrap_or(&lazy_appwrite_core::kinds::KINDS[0]);
        Self { info, options }
    }

    /// The name used in attributes and messages.
    pub fn name(&self) -> &'static str {
        self.info.name
    }

    /// The longest text in characters, for kinds holding text.
    pub fn max_chars(&self) -> Option<u64> {
        match self.options {
            KindOptions::Sized { size, .. } => Some(size),
            _ => self.info.chars,
        }
    }

    /// Holds text (fulltext-indexable when sized or a text kind).
    pub fn is_textual(&self) -> bool {
        self.max_chars().is_some()
    }

    /// The relationship's options, for a relationship.
    pub fn relationship(&self) -> Option<&RelationshipModel> {
        match &self.options {
            KindOptions::Link(rel) => Some(rel),
            _ => None,
        }
    }

    /// The core crate's [`ColumnType`] of the kind, for its rules (an enum's elements and a
    /// relationship's options left out: they are checked here).
    pub fn column_type(&self) -> Option<ColumnType> {
        let options = match self.options {
            KindOptions::Sized { size, encrypt } => Options::Sized { size, encrypt },
            KindOptions::Text { encrypt } => Options::Text { encrypt },
            KindOptions::Int { min, max } => Options::Int { min, max },
            KindOptions::Float { min, max } => Options::Float { min, max },
            KindOptions::Plain => match self.info.shape {
                Shape::Flag => Options::Flag,
                Shape::Time => Options::Time,
                Shape::Formatted => Options::Formatted,
                Shape::Spatial => Options::Spatial,
                _ => return None,
            },
            KindOptions::Elements(_) | KindOptions::Link(_) => return None,
        };
        ColumnType::new(self.info.name, options)
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
    /// `[longitude, latitude]`.
    Point([f64; 2]),
    Line(Vec<[f64; 2]>),
    Polygon(Vec<Vec<[f64; 2]>>),
}

impl DefaultValue {
    /// The value as JSON, for the value rules.
    pub fn to_json(&self) -> serde_json::Value {
        let points = |points: &[[f64; 2]]| serde_json::json!(points);
        match self {
            DefaultValue::Str(s) => s.as_str().into(),
            DefaultValue::Int(i) => (*i).into(),
            DefaultValue::Float(f) => (*f).into(),
            DefaultValue::Bool(b) => (*b).into(),
            DefaultValue::Point(point) => serde_json::json!(point),
            DefaultValue::Line(line) => points(line),
            DefaultValue::Polygon(rings) => rings.iter().map(|r| points(r)).collect(),
        }
    }
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
