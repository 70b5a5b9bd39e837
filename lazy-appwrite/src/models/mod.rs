//! What the server answers with: databases, tables, columns, indexes, rows, transactions.
//!
//! Every model accepts both response formats (Appwrite 1.8 and 1.9/Cloud): fields missing
//! or `null`, numbers as strings, enum values this crate does not know yet (kept in an
//! `Other` variant).

mod column;
mod column_kind;
mod database;
mod decode;
mod index;
pub(crate) mod lenient;
mod row;
mod row_de;
mod row_defaults;

pub(crate) use row_defaults::DecodeScope;
mod table;
mod transaction;

pub use column::{Column, ColumnList, ColumnStatus, OnDelete, RelationSide, RelationType};
pub use column_kind::ColumnKind;
pub(crate) use column_kind::KindView;
pub use database::{Database, DatabaseList};
pub(crate) use decode::decode_slice;
pub use index::{ColumnIndex, IndexList, IndexType};
pub use row::{Row, RowList};
pub use table::{Table, TableList};
pub use transaction::{Transaction, TransactionList, TransactionStatus};

/// Not public API: decodes a response body into `T` exactly as the client does (one pass,
/// with the failing field's path in errors). For the benchmarks in `benches/micro.rs`.
#[doc(hidden)]
pub fn __decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> crate::Result<T> {
    decode_slice(body, "decode", None)
}
