//! The runtime's side of the table schema the core crate defines.

use crate::permission::Permission;
use crate::response::IndexType;
pub use lazy_appwrite_core::{IndexKind, IndexOrder, IndexSchema, TableSchema};

/// The table's permissions as [`Permission`] values.
pub(crate) fn permission_list(schema: &TableSchema) -> Vec<Permission> {
    schema
        .permissions
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect()
}

impl From<IndexKind> for IndexType {
    fn from(kind: IndexKind) -> Self {
        IndexType::from_wire(kind.as_str())
    }
}
