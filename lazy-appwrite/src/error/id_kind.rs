//! [`IdKind`]: which ID a refused one was, for [`Error::InvalidId`](super::Error::InvalidId).

/// What an ID names: a database, table, column, index, row or transaction.
///
/// [`Error::InvalidId`](super::Error::InvalidId) carries it, so a refused ID says which one it was.
///
/// ```
/// use lazy_appwrite::IdKind;
/// assert_eq!(IdKind::Row.to_string(), "row");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdKind {
    /// A database ID.
    Database,
    /// A table ID.
    Table,
    /// A column key.
    Column,
    /// An index key.
    Index,
    /// A row ID.
    Row,
    /// A transaction ID.
    Transaction,
}

impl std::fmt::Display for IdKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdKind::Database => "database",
            IdKind::Table => "table",
            IdKind::Column => "column",
            IdKind::Index => "index",
            IdKind::Row => "row",
            IdKind::Transaction => "transaction",
        })
    }
}
