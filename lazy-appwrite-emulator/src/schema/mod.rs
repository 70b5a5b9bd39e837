//! The catalogue's types: what a table, its columns and its indexes are.

mod column;
mod index;
pub mod permission;
mod physical;
mod table;

pub use column::{
    ColumnKind, ColumnMeta, ColumnSpec, Range, RelationshipSpec, Status, json_number,
};
pub use index::{IndexKind, IndexMeta, IndexSpec};
pub use table::{DatabaseMeta, MAX_ROW_BYTES, TableMeta, column_width};
