//! A table as a model declares it: settings, columns and indexes, known at compile time.

use crate::column::ColumnSchema;

/// Everything `#[derive(Table)]` knows about a table, as a `'static` constant
/// (the runtime's `Table::SCHEMA`). The sync engine reads it;
/// [`TableSchema::create_body`] and friends build the JSON it sends.
///
/// ```
/// use lazy_appwrite_core::{ColumnSchema, ColumnType, TableSchema};
///
/// const COLUMNS: &[ColumnSchema] = &[ColumnSchema::new("title", ColumnType::String { size: 64, encrypt: false })];
/// const BOOKS: TableSchema = TableSchema::new("books", "Books")
///     .permissions(&[r#"read("any")"#])
///     .columns(COLUMNS);
/// assert_eq!(BOOKS.column("title").map(|c| c.key), Some("title"));
/// assert_eq!(BOOKS.permissions, [r#"read("any")"#]);
/// assert!(BOOKS.enabled && !BOOKS.row_security);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct TableSchema {
    /// The table ID.
    pub id: &'static str,
    /// The display name.
    pub name: &'static str,
    /// The database, if the model names one (otherwise the caller's default).
    pub database: Option<&'static str>,
    /// Table permissions, expanded as Appwrite stores them (`write` becomes `create`,
    /// `update` and `delete`), e.g. `read("any")`.
    pub permissions: &'static [&'static str],
    /// Whether row permissions apply too.
    pub row_security: bool,
    /// Whether the table is enabled.
    pub enabled: bool,
    /// The columns, in declaration order.
    pub columns: &'static [ColumnSchema],
    /// The indexes.
    pub indexes: &'static [IndexSchema],
    /// The description (Appwrite 2.6.0 and later), from the model's doc comment.
    pub description: Option<&'static str>,
}

impl TableSchema {
    /// An enabled table without permissions, columns or indexes.
    pub const fn new(id: &'static str, name: &'static str) -> Self {
        Self {
            id,
            name,
            database: None,
            permissions: &[],
            row_security: false,
            enabled: true,
            columns: &[],
            indexes: &[],
            description: None,
        }
    }

    /// With this description (sent to Appwrite 2.6.0 and later only).
    ///
    /// ```
    /// const T: lazy_appwrite_core::TableSchema =
    ///     lazy_appwrite_core::TableSchema::new("t", "T").description("All the books.");
    /// assert_eq!(T.description, Some("All the books."));
    /// ```
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// In database `database`.
    pub const fn database(mut self, database: &'static str) -> Self {
        self.database = Some(database);
        self
    }

    /// With these (expanded) permission strings.
    pub const fn permissions(mut self, permissions: &'static [&'static str]) -> Self {
        self.permissions = permissions;
        self
    }

    /// With row security on or off.
    pub const fn row_security(mut self, on: bool) -> Self {
        self.row_security = on;
        self
    }

    /// Enabled or not.
    pub const fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// With these columns.
    pub const fn columns(mut self, columns: &'static [ColumnSchema]) -> Self {
        self.columns = columns;
        self
    }

    /// With these indexes.
    pub const fn indexes(mut self, indexes: &'static [IndexSchema]) -> Self {
        self.indexes = indexes;
        self
    }

    /// The column with this key.
    pub fn column(&self, key: &str) -> Option<&'static ColumnSchema> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// The index with this key.
    pub fn index(&self, key: &str) -> Option<&'static IndexSchema> {
        self.indexes.iter().find(|i| i.key == key)
    }
}

/// An index of a [`TableSchema`].
///
/// ```
/// use lazy_appwrite_core::{IndexKind, IndexOrder, IndexSchema};
/// const BY_TITLE: IndexSchema = IndexSchema::new("by_title", IndexKind::Key, &["title", "count"])
///     .orders(&[IndexOrder::Asc, IndexOrder::Desc]);
/// assert_eq!(BY_TITLE.kind.as_str(), "key");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct IndexSchema {
    /// The index key.
    pub key: &'static str,
    /// The kind.
    pub kind: IndexKind,
    /// The column keys, in order.
    pub columns: &'static [&'static str],
    /// One order per column, or none.
    pub orders: &'static [IndexOrder],
    /// One prefix length per column (`None`: the column's size), or none.
    pub lengths: &'static [Option<u64>],
}

impl IndexSchema {
    /// An index over `columns`, without orders or lengths.
    pub const fn new(key: &'static str, kind: IndexKind, columns: &'static [&'static str]) -> Self {
        Self {
            key,
            kind,
            columns,
            orders: &[],
            lengths: &[],
        }
    }

    /// With these orders (one per column).
    pub const fn orders(mut self, orders: &'static [IndexOrder]) -> Self {
        self.orders = orders;
        self
    }

    /// With these lengths (one per column).
    pub const fn lengths(mut self, lengths: &'static [Option<u64>]) -> Self {
        self.lengths = lengths;
        self
    }
}

/// The kind of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IndexKind {
    /// For filters and sorting.
    Key,
    /// Writes that would duplicate a value fail with 409.
    Unique,
    /// Full-text, needed by `search`.
    Fulltext,
}

impl IndexKind {
    /// The kind as Appwrite writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Key => "key",
            Self::Unique => "unique",
            Self::Fulltext => "fulltext",
        }
    }
}

/// The sort order of one indexed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexOrder {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

impl IndexOrder {
    /// `ASC` or `DESC`, as the create bodies take it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "ASC",
            Self::Desc => "DESC",
        }
    }
}
