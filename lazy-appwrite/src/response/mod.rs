//! What the server answers with: databases, tables, columns, indexes, rows, transactions.
//! The answers whose names would otherwise collide with the model side's carry `Info`:
//! [`TableInfo`] (not the [`Table`](crate::Table) trait a model implements),
//! [`ColumnInfo`] (not the typed column handle `typed::Column`) and [`TransactionInfo`]
//! (not the [`Transaction`](crate::Transaction) handle). A column's kind as the server
//! reports it is [`ReportedKind`] (the kind a model declares is `schema::ColumnType`).
//!
//! Every answer type accepts both response formats (Appwrite 1.8 and 1.9/Cloud): fields
//! missing or `null`, numbers as strings, enum values this crate does not know yet (kept in
//! an `Other` variant).

mod column;
mod database;
mod decode;
mod index;
pub(crate) mod lenient;
mod reported_kind;
mod row;
mod row_de;
mod row_defaults;
mod row_list_de;

pub(crate) use row_defaults::{DecodeScope, Defaults};
pub(crate) use row_list_de::ExpectRows;
mod table;
mod transaction;

pub use column::{ColumnInfo, ColumnList, ColumnStatus, OnDelete, RelationSide, RelationType};
pub use database::{Database, DatabaseList};
pub(crate) use decode::decode_slice;
pub use index::{ColumnIndex, IndexList, IndexType};
pub(crate) use reported_kind::KindView;
pub use reported_kind::ReportedKind;
pub(crate) use row::RowCount;
pub use row::{Row, RowList};
pub use table::{TableInfo, TableList};
pub use transaction::{TransactionInfo, TransactionList, TransactionStatus};

/// Not public API: decodes a response body into `T` exactly as the client does (one pass,
/// with the failing field's path in errors). For the benchmarks in `benches/micro.rs`.
#[doc(hidden)]
pub fn __decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> crate::Result<T> {
    decode_slice(body, "decode", None)
}
