//! The runtime's side of the column model the core crate defines: links from its schema
//! types to the response model, and the handle on a related model's schema.

use super::{Table, TableSchema};
use crate::models::{OnDelete, RelationType};
pub use lazy_appwrite_core::{
    ColumnSchema, ColumnType, DefaultValue, LONGTEXT_SIZE, MEDIUMTEXT_SIZE, OnDeleteAction,
    Options, RelatedModel, Relation, RelationshipSchema, STRING_MAX_SIZE, TEXT_SIZE,
    VARCHAR_MAX_SIZE,
};

/// The handle on model `T`'s schema, for [`RelationshipSchema::related_model`]: syncing a
/// table that links to `T` syncs `T` first.
///
/// ```
/// use lazy_appwrite::Table;
/// use lazy_appwrite::schema::{Relation, RelationshipSchema, related_model};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "authors")]
/// struct Author { #[column(size = 64)] name: String }
///
/// const AUTHOR: RelationshipSchema = RelationshipSchema::new(Author::ID, Relation::ManyToOne)
///     .related_model(related_model::<Author>());
/// assert_eq!(AUTHOR.related_model.map(|m| m.schema().id), Some("authors"));
/// ```
pub const fn related_model<T: Table>() -> RelatedModel {
    RelatedModel::new(schema_of::<T>)
}

fn schema_of<T: Table>() -> &'static TableSchema {
    T::SCHEMA
}

impl From<Relation> for RelationType {
    fn from(relation: Relation) -> Self {
        RelationType::from_wire(relation.as_str())
    }
}

impl From<OnDeleteAction> for OnDelete {
    fn from(action: OnDeleteAction) -> Self {
        OnDelete::from_wire(action.as_str())
    }
}
