//! Relationships: relationship columns, linking rows on writes (IDs and
//! nested rows), loading related rows on reads, and what deleting a row does to its
//! related rows.
//!
//! The behaviour follows Appwrite 1.8 (the row endpoints' relationship pre-checks) and
//! utopia-php/database 5.2.0 (`createDocumentRelationships`, `updateDocumentRelationships`,
//! `populateDocumentsRelationships`, `deleteRestrict`/`deleteSetNull`/`deleteCascade`); the
//! storage is in [`crate::store::relations`].
//!
//! * [`schema`]: `POST …/columns/relationship`, `PATCH …/columns/{key}/relationship`, and
//!   deleting a relationship column.
//! * [`write`]: the relationship values of a row write.
//! * [`load`]: rendering rows with their related rows (`select(["*", "rel.*"])`, and every
//!   relationship on create/update answers), at most three levels deep.
//! * [`delete`]: `onDelete` (`restrict`, `cascade`, `setNull`) when a row is deleted.

mod delete;
mod load;
pub mod schema;
mod values;
mod write;

use std::collections::HashMap;
use std::sync::Arc;

pub use delete::before_delete;
pub use load::{Load, render};
pub use values::take;
pub use write::{Nest, Owner, check_create, link_existing, link_new};

use crate::engine::access::{grants, may};
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::query::parse::{MethodType, Query};
use crate::query::plan::{Access, Relations};
use crate::schema::{ColumnMeta, RelationshipSpec, TableMeta};
use crate::store::relations::{self, End, Junction, Layout};
use crate::store::rows::StoredRow;
use crate::store::{Tx, catalog};

/// Nesting limit of relationship loading and writing (`Database::RELATION_MAX_DEPTH`).
const MAX_DEPTH: usize = 3;

/// One side of a relationship, with its related table and the other side.
#[derive(Debug, Clone)]
struct Side {
    /// This side's column.
    column: ColumnMeta,
    /// This side's relationship options.
    spec: RelationshipSpec,
    /// The related table.
    related: Arc<TableMeta>,
    /// The other side's column (on `related`).
    partner: ColumnMeta,
    /// The physical layout.
    layout: Layout,
}

impl Side {
    /// The relationship of `column` (of `table`); `None` when its related table or other
    /// side no longer exists.
    fn resolve(tx: &mut Tx<'_>, table: &TableMeta, column: &ColumnMeta) -> ApiResult<Option<Side>> {
        let Some(spec) = relations::spec_of(column) else {
            return Ok(None);
        };
        let related = match catalog::table(tx, &table.database.id, &spec.related_table) {
            Ok(related) => related,
            Err(e) if e.kind.code() == 404 => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(partner) = relations::partner(table, column, &related).cloned() else {
            return Ok(None);
        };
        let Some(layout) = Layout::of(table, column, &related, &partner) else {
            return Ok(None);
        };
        Ok(Some(Side {
            column: column.clone(),
            spec: spec.clone(),
            related,
            partner,
            layout,
        }))
    }

    /// The junction of a `manyToMany` side and the end this side's rows are stored at.
    fn junction(&self) -> Option<(Junction, End)> {
        self.layout.junction().map(|j| (j, End::of(&self.spec)))
    }
}

/// The available relationship columns of `table`, in creation order.
fn relationship_columns(table: &TableMeta) -> Vec<ColumnMeta> {
    table
        .columns
        .iter()
        .filter(|c| c.is_available() && relations::spec_of(c).is_some())
        .cloned()
        .collect()
}

/// Which rows of `table` the caller may read.
fn access(table: &TableMeta, ctx: &Context) -> Access {
    if grants(&table.permissions, "read", ctx) {
        Access::All
    } else if table.row_security {
        Access::Rows(
            ctx.caller
                .roles()
                .iter()
                .map(|r| format!("read(\"{r}\")"))
                .collect(),
        )
    } else {
        Access::Denied
    }
}

/// Whether the caller may read `row` of `table`.
fn readable(table: &TableMeta, row: &StoredRow, ctx: &Context) -> bool {
    may(table, Some(row), "read", ctx)
}

/// The other tables of a database, for filters through relationships.
pub struct Resolver<'c> {
    tables: HashMap<String, Arc<TableMeta>>,
    ctx: &'c Context,
}

impl<'c> Resolver<'c> {
    /// Loads the tables of `table`'s database when `queries` filter through a
    /// relationship (a dotted attribute), else nothing.
    pub(super) fn new(
        tx: &mut Tx<'_>,
        table: &TableMeta,
        queries: &[Query],
        ctx: &'c Context,
    ) -> ApiResult<Self> {
        let mut tables = HashMap::new();
        if queries.iter().any(has_path) {
            for t in catalog::tables(tx, &table.database)? {
                tables.insert(t.id.to_ascii_lowercase(), t);
            }
        }
        Ok(Self { tables, ctx })
    }
}

/// Whether a filter (or one nested in it) names a dotted attribute.
fn has_path(query: &Query) -> bool {
    query.method.method_type() == MethodType::Filter
        && (query.attribute.contains('.') || query.nested.iter().any(has_path))
}

impl Relations for Resolver<'_> {
    fn table(&self, id: &str) -> Option<Arc<TableMeta>> {
        self.tables.get(&id.to_ascii_lowercase()).cloned()
    }

    fn access(&self, table: &TableMeta) -> Access {
        access(table, self.ctx)
    }
}
