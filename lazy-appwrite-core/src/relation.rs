//! Relationship columns: their options, and the table they link to.

use crate::table::TableSchema;

/// The options of a relationship column.
///
/// ```
/// use lazy_appwrite_core::{OnDeleteAction, Relation, RelationshipSchema};
/// const AUTHOR: RelationshipSchema = RelationshipSchema::new("authors", Relation::ManyToOne)
///     .two_way("books")
///     .on_delete(OnDeleteAction::Cascade);
/// assert!(AUTHOR.two_way);
/// assert_eq!(AUTHOR.relation.as_str(), "manyToOne");
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
    /// use lazy_appwrite_core::{Relation, RelatedModel, RelationshipSchema, TableSchema};
    ///
    /// const AUTHORS: TableSchema = TableSchema::new("authors", "Authors");
    /// const AUTHOR: RelationshipSchema = RelationshipSchema::new("authors", Relation::ManyToOne)
    ///     .related_model(RelatedModel::new(|| &AUTHORS));
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
    /// The handle on the schema `schema` returns (the runtime's `related_model::<T>()`
    /// passes `T::SCHEMA`).
    ///
    /// ```
    /// use lazy_appwrite_core::{RelatedModel, TableSchema};
    /// const AUTHORS: TableSchema = TableSchema::new("authors", "Authors");
    /// let model = RelatedModel::new(|| &AUTHORS);
    /// assert_eq!(model.schema().id, "authors");
    /// ```
    pub const fn new(schema: fn() -> &'static TableSchema) -> Self {
        Self { schema }
    }

    /// The related model's schema.
    pub fn schema(&self) -> &'static TableSchema {
        (self.schema)()
    }
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
    /// The relation as Appwrite writes it (`manyToOne`, …).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite_core::Relation::OneToMany.as_str(), "oneToMany");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::OneToOne => "oneToOne",
            Self::ManyToOne => "manyToOne",
            Self::OneToMany => "oneToMany",
            Self::ManyToMany => "manyToMany",
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
    /// use lazy_appwrite_core::Relation;
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
    /// The action as Appwrite writes it (`setNull`, …).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite_core::OnDeleteAction::SetNull.as_str(), "setNull");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Restrict => "restrict",
            Self::Cascade => "cascade",
            Self::SetNull => "setNull",
        }
    }
}
