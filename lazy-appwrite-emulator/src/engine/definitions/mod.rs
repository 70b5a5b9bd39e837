//! Column and index definitions: the parameters of the column and index endpoints, and the
//! inline `columns`/`indexes` of a table create, parsed and checked.

pub mod column_def;
pub mod column_update;
pub mod index_def;
pub mod inline_schema;
