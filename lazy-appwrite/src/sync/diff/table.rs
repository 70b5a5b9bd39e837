//! The table itself: creating a missing one (which columns and indexes its create request
//! carries) and healing its settings.

use std::collections::BTreeSet;

use super::super::plan::Change;
use super::super::step::{Request, Step};
use crate::response::TableInfo;
use crate::schema::{ColumnSchema, IndexSchema, TableSchema};

/// How many columns, and indexes, one create-table request may carry (Appwrite's limit
/// on array parameters).
const INLINE_LIMIT: usize = 100;

/// The changes that create a missing table: the table with its inline columns and
/// indexes (none when the server does not take them inline), then the others.
pub(crate) fn missing_table(schema: &TableSchema, inline: bool) -> Vec<Change> {
    let columns = inline_columns(schema, inline);
    let indexes = inline_indexes(schema, &columns);
    let mut changes = vec![Change::CreateTable {
        table: schema.id.to_owned(),
        columns: columns.iter().map(|c| c.key.to_owned()).collect(),
        indexes: indexes.iter().map(|i| i.key.to_owned()).collect(),
    }];
    changes.extend(
        schema
            .columns
            .iter()
            .filter(|c| !columns.iter().any(|i| i.key == c.key))
            .map(|c| Change::CreateColumn {
                column: c.key.to_owned(),
            }),
    );
    changes.extend(
        schema
            .indexes
            .iter()
            .filter(|x| !indexes.iter().any(|i| i.key == x.key))
            .map(|x| Change::CreateIndex {
                index: x.key.to_owned(),
            }),
    );
    changes
}

/// The columns a create-table request carries: the kinds Appwrite takes inline, up to
/// its limit; none when the server does not take columns inline.
pub(crate) fn inline_columns(schema: &TableSchema, inline: bool) -> Vec<&'static ColumnSchema> {
    schema
        .columns
        .iter()
        .filter(|c| inline && c.inline_body().is_some())
        .take(INLINE_LIMIT)
        .collect()
}

/// Whether a create-table request on a server that takes columns inline carries every
/// column and index of `schema`.
pub(crate) fn all_inline(schema: &TableSchema) -> bool {
    let columns = inline_columns(schema, true);
    columns.len() == schema.columns.len()
        && inline_indexes(schema, &columns).len() == schema.indexes.len()
}

/// The indexes a create-table request carries: those over inline columns (or system
/// fields) only.
pub(crate) fn inline_indexes(
    schema: &TableSchema,
    columns: &[&ColumnSchema],
) -> Vec<&'static IndexSchema> {
    schema
        .indexes
        .iter()
        .filter(|i| {
            i.columns
                .iter()
                .all(|k| k.starts_with('$') || columns.iter().any(|c| c.key == *k))
        })
        .take(INLINE_LIMIT)
        .collect()
}

/// The step that sets the table's settings, if one differs: name, permissions (as sets,
/// `write` expanded), row security, enabled, and the description when the server has
/// descriptions (`describe`).
pub(super) fn settings(schema: &TableSchema, table: &TableInfo, describe: bool) -> Option<Step> {
    let mut fields: Vec<String> = Vec::new();
    if schema.name != table.name {
        fields.push("name".into());
    }
    let declared = normalized(schema.permissions.iter().copied());
    let actual = normalized(table.permissions.iter().map(|p| p.as_str()));
    if declared != actual {
        fields.push("permissions".into());
    }
    if schema.row_security != table.row_security {
        fields.push("rowSecurity".into());
    }
    if schema.enabled != table.enabled {
        fields.push("enabled".into());
    }
    if describe && differs(schema.description, table.description.as_deref()) {
        fields.push("description".into());
    }
    (!fields.is_empty()).then(|| Step::new(Request::UpdateTable, Change::UpdateTable { fields }))
}

/// Whether the server has descriptions: Appwrite 2.6.0 and later report a `description`
/// on every table and column, older servers on none (so no extra request asks the
/// version of a server whose table is already there).
pub(super) fn reports_descriptions(table: &TableInfo) -> bool {
    table.description.is_some() || table.columns.iter().any(|c| c.description.is_some())
}

/// Whether a declared description differs from the server's. A model without one leaves
/// the server's alone.
pub(super) fn differs(declared: Option<&str>, actual: Option<&str>) -> bool {
    declared.is_some_and(|declared| Some(declared) != actual)
}

/// Permission strings as a set, `write("r")` expanded into `create`, `update`, `delete`.
fn normalized<'a>(permissions: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in permissions {
        let p = p.trim();
        let parts = p
            .split_once("(\"")
            .and_then(|(action, rest)| Some((action.trim(), rest.strip_suffix("\")")?)));
        match parts {
            Some(("write", role)) => {
                for action in ["create", "update", "delete"] {
                    out.insert(format!("{action}(\"{role}\")"));
                }
            }
            Some((action, role)) => {
                out.insert(format!("{action}(\"{role}\")"));
            }
            None => {
                out.insert(p.to_owned());
            }
        }
    }
    out
}
