//! The runtime's side of the column model the core crate defines: links from its schema
//! types to the response model.

use crate::response::{OnDelete, RelationType};
pub use lazy_appwrite_core::{
    ColumnSchema, ColumnType, DefaultValue, LONGTEXT_SIZE, MEDIUMTEXT_SIZE, OnDeleteAction,
    Options, RelatedModel, Relation, RelationshipSchema, STRING_MAX_SIZE, TEXT_SIZE,
    VARCHAR_MAX_SIZE,
};

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
