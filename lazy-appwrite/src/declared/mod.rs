//! What a model declares, as data: the table, column and index schemas (defined by the
//! `lazy-appwrite-core` crate, which the derive reads too), Appwrite's value rules, the
//! kind markers and the traits that map field types to column kinds. What a user reads is
//! published as `lazy_appwrite::schema`, with the [`Table`](crate::Table) trait built on it;
//! the kind markers, traits and checks only the derive's generated code names are reached
//! through `__private`.

mod appwrite_json;
mod check;
pub mod coerce;
mod column;
mod compare;
pub mod consts;
mod field;
mod geo;
mod holds;
pub mod kind;
pub mod rules;
mod table;
#[cfg(test)]
mod whitespace_scan;

pub use appwrite_json::{
    ColumnEntry, DatabaseEntry, Document, IndexEntry, RelationshipEntry, TableEntry, appwrite_json,
    table_entry,
};
pub use check::CheckValue;
#[doc(hidden)]
pub use check::check_enum_element;
pub use coerce::{CoerceMode, coerce};
pub use column::{
    ColumnSchema, ColumnType, DefaultValue, LONGTEXT_SIZE, MEDIUMTEXT_SIZE, OnDeleteAction,
    Options, RelatedModel, Relation, RelationshipSchema, STRING_MAX_SIZE, TEXT_SIZE,
    VARCHAR_MAX_SIZE,
};
pub use compare::{ColumnDifference, differences, index_matches};
pub use field::{Field, Scalar};
pub use geo::{Line, Point, Polygon};
#[doc(hidden)]
pub use holds::HeldBy;
pub(crate) use holds::RelationshipKindNamed;
pub use holds::{
    EnumValue, HoldsBoolean, HoldsDatetime, HoldsEmail, HoldsEnum, HoldsFloat, HoldsInteger,
    HoldsIp, HoldsLine, HoldsPoint, HoldsPolygon, HoldsRelationship, HoldsText, HoldsUrl,
    InferKind,
};
pub use lazy_appwrite_core::describe::DESCRIPTION_MAX_CHARS;
pub use rules::{Rule, Violation, ViolationAt};
pub(crate) use table::permission_list;
pub use table::{IndexKind, IndexOrder, IndexSchema, TableSchema};
