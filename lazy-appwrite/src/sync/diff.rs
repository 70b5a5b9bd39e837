//! The diff: a declared table against the server's, as the steps that make them match.
//!
//! Kinds are compared the way the server reports them (`string` + format, `double`,
//! `linestring`, see [`ColumnSchema::differences`]); permissions as sets, with `write`
//! expanded. What the server can change in place is healed; what it cannot (a kind or
//! array change, a shrink, encryption, a relationship's target) is a
//! [`Error::SchemaDrift`] naming the column.

use std::collections::BTreeSet;

use super::plan::{Change, Note};
use lazy_appwrite_core::encode::KindFields;
use serde_json::Value;

use crate::api::columns::{ColumnSpec, SchemaUpdate};
use crate::error::{Error, Result};
use crate::models::{
    Column, ColumnIndex, ColumnKind, ColumnStatus, KindView, OnDelete, RelationSide, Table,
};
use crate::schema::{
    ColumnDifference, ColumnSchema, ColumnType, IndexSchema, Options, TableSchema,
};

/// Whether the sync may delete what the model does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Add and heal; report extras.
    Additive,
    /// Also drop extra columns and indexes.
    Destructive,
}

/// A column changed in place.
pub(crate) struct ColumnUpdate {
    pub(crate) spec: Box<dyn ColumnSpec>,
}

impl std::fmt::Debug for ColumnUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ColumnUpdate({} {})", self.spec.kind(), self.spec.key())
    }
}

/// The steps that make a table match its model, in the order they run, with what they
/// wait for.
#[derive(Debug, Default)]
pub(crate) struct Diff {
    /// Whether the server has descriptions (its answer reports them): then creates and
    /// updates carry the model's, and differing ones are healed.
    pub(crate) describe: bool,
    /// Whether a column to create was left out because the caller deferred it.
    pub(crate) deferred: bool,
    /// Table settings that differ (the update sends all of them).
    pub(crate) table_fields: Vec<&'static str>,
    /// Extra indexes to delete (destructive).
    pub(crate) drop_indexes: Vec<String>,
    /// Extra columns to delete (destructive).
    pub(crate) drop_columns: Vec<String>,
    /// Columns changed in place.
    pub(crate) update_columns: Vec<ColumnUpdate>,
    /// Relationship columns whose `onDelete` changes.
    pub(crate) update_relationships: Vec<(&'static str, OnDelete)>,
    /// Declared indexes deleted before they are created again.
    pub(crate) delete_indexes: Vec<&'static str>,
    /// Columns to create.
    pub(crate) create_columns: Vec<&'static ColumnSchema>,
    /// Indexes to create now (their columns are available).
    pub(crate) create_indexes: Vec<&'static IndexSchema>,
    /// Indexes to create after the first wait (a column or the old index is pending).
    pub(crate) later_indexes: Vec<&'static IndexSchema>,
    /// Columns that must become `available`.
    pub(crate) await_columns: Vec<String>,
    /// Columns that must disappear.
    pub(crate) await_columns_gone: Vec<String>,
    /// Indexes that must become `available` in the first wait.
    pub(crate) await_indexes: Vec<String>,
    /// Indexes that must disappear.
    pub(crate) await_indexes_gone: Vec<String>,
    /// The changes, described.
    pub(crate) changes: Vec<Change>,
    /// What is left alone.
    pub(crate) notes: Vec<Note>,
}

impl Diff {
    /// Whether nothing is to be done or waited for.
    pub(crate) fn is_settled(&self) -> bool {
        self.table_fields.is_empty()
            && self.drop_indexes.is_empty()
            && self.drop_columns.is_empty()
            && self.update_columns.is_empty()
            && self.update_relationships.is_empty()
            && self.delete_indexes.is_empty()
            && self.create_columns.is_empty()
            && self.create_indexes.is_empty()
            && self.later_indexes.is_empty()
            && self.await_columns.is_empty()
            && self.await_columns_gone.is_empty()
            && self.await_indexes.is_empty()
            && self.await_indexes_gone.is_empty()
    }
}

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

/// What must change on `table` for it to match `schema`.
pub(crate) fn diff(schema: &'static TableSchema, table: &Table, mode: Mode) -> Result<Diff> {
    diff_deferring(schema, table, mode, &[])
}

/// [`diff`], leaving out the creation of the columns `defer` names (relationships whose
/// related table does not exist yet; a later sync creates them).
pub(crate) fn diff_deferring(
    schema: &'static TableSchema,
    table: &Table,
    mode: Mode,
    defer: &[&str],
) -> Result<Diff> {
    let mut d = Diff::default();
    let mut drift: Vec<(String, String)> = Vec::new();
    d.describe = reports_descriptions(table);
    settings(schema, table, &mut d);

    // Declared columns that will not be `available` before the first wait.
    let mut pending: BTreeSet<&str> = BTreeSet::new();
    for column in schema.columns {
        let key = column.key;
        match find(&table.columns, key, |c| &c.key) {
            Found::Exact(remote) => match &remote.status {
                ColumnStatus::Available => columns(column, remote, &mut d, &mut drift),
                ColumnStatus::Processing => {
                    pending.insert(key);
                    d.await_columns.push(key.to_owned());
                }
                ColumnStatus::Deleting => {
                    // Someone is removing it: wait until it is gone, the next round creates it.
                    pending.insert(key);
                    d.await_columns_gone.push(key.to_owned());
                }
                other => {
                    return Err(Error::SchemaNotReady {
                        table: schema.id.to_owned(),
                        column: Some(key.to_owned()),
                        status: status_text(other, &remote.error),
                    });
                }
            },
            Found::OtherCase(remote) => drift.push((
                key.to_owned(),
                format!(
                    "the server has a column `{}`, whose key differs only in case (Appwrite \
                     compares keys case-insensitively)",
                    remote.key
                ),
            )),
            Found::None if defer.contains(&key) => d.deferred = true,
            Found::None => {
                pending.insert(key);
                d.create_columns.push(column);
                d.await_columns.push(key.to_owned());
                d.changes.push(Change::CreateColumn {
                    column: key.to_owned(),
                });
            }
        }
    }
    for remote in &table.columns {
        let declared = schema
            .columns
            .iter()
            .any(|c| c.key.eq_ignore_ascii_case(&remote.key));
        // A two-way relationship's partner belongs to the table that declares the
        // relationship (deleting it would delete that table's column too).
        let partner = matches!(
            remote.kind,
            ColumnKind::Relationship {
                side: RelationSide::Child,
                ..
            }
        );
        if declared || partner || remote.status == ColumnStatus::Deleting {
            continue;
        }
        match mode {
            Mode::Destructive => {
                d.drop_columns.push(remote.key.clone());
                d.await_columns_gone.push(remote.key.clone());
                d.changes.push(Change::DropColumn {
                    column: remote.key.clone(),
                });
            }
            Mode::Additive => d.notes.push(Note::ExtraColumn {
                column: remote.key.clone(),
                required: remote.required,
            }),
        }
    }

    for index in schema.indexes {
        let waits = index.columns.iter().any(|c| pending.contains(c));
        match find(&table.indexes, index.key, |i| &i.key) {
            Found::None => {
                create_index(index, waits, &mut d);
                d.changes.push(Change::CreateIndex {
                    index: index.key.to_owned(),
                });
            }
            Found::OtherCase(remote) => drift.push((
                index.key.to_owned(),
                format!(
                    "the server has an index `{}`, whose key differs only in case",
                    remote.key
                ),
            )),
            Found::Exact(remote) => {
                match (&remote.status, crate::schema::index_matches(index, remote)) {
                    (ColumnStatus::Available, true) => {}
                    (ColumnStatus::Processing, true) => d.await_indexes.push(index.key.to_owned()),
                    (ColumnStatus::Deleting, _) => {
                        d.await_indexes_gone.push(index.key.to_owned());
                        d.later_indexes.push(index);
                        d.changes.push(Change::CreateIndex {
                            index: index.key.to_owned(),
                        });
                    }
                    (status, matches) => {
                        let reason = if matches {
                            format!("it is {}", status_text(status, &remote.error))
                        } else {
                            format!(
                                "the model declares {}, the server has {}",
                                describe_declared(index),
                                describe_remote(remote)
                            )
                        };
                        d.delete_indexes.push(index.key);
                        d.await_indexes_gone.push(index.key.to_owned());
                        d.later_indexes.push(index);
                        d.changes.push(Change::RecreateIndex {
                            index: index.key.to_owned(),
                            reason,
                        });
                    }
                }
            }
        }
    }
    for remote in &table.indexes {
        let declared = schema
            .indexes
            .iter()
            .any(|i| i.key.eq_ignore_ascii_case(&remote.key));
        if declared || remote.status == ColumnStatus::Deleting {
            continue;
        }
        match mode {
            Mode::Destructive => {
                d.drop_indexes.push(remote.key.clone());
                d.await_indexes_gone.push(remote.key.clone());
                d.changes.push(Change::DropIndex {
                    index: remote.key.clone(),
                });
            }
            Mode::Additive => d.notes.push(Note::ExtraIndex {
                index: remote.key.clone(),
            }),
        }
    }

    // In the order `apply` makes them.
    d.changes.sort_by_key(|c| match c {
        Change::CreateDatabase { .. } | Change::CreateTable { .. } => 0,
        Change::UpdateTable { .. } => 1,
        Change::DropIndex { .. } => 2,
        Change::DropColumn { .. } => 3,
        Change::UpdateColumn { .. } => 4,
        Change::CreateColumn { .. } => 5,
        Change::CreateIndex { .. } => 6,
        Change::RecreateIndex { .. } => 7,
    });
    if let Some((column, _)) = drift.first() {
        let reason = drift
            .iter()
            .map(|(c, why)| format!("`{c}`: {why}"))
            .collect::<Vec<_>>()
            .join("; ");
        return Err(Error::SchemaDrift {
            table: schema.id.to_owned(),
            column: Some(column.clone()),
            reason,
        });
    }
    Ok(d)
}

fn create_index(index: &'static IndexSchema, waits: bool, d: &mut Diff) {
    if waits {
        d.later_indexes.push(index);
    } else {
        d.create_indexes.push(index);
        d.await_indexes.push(index.key.to_owned());
    }
}

enum Found<'a, T> {
    Exact(&'a T),
    OtherCase(&'a T),
    None,
}

fn find<'a, T>(items: &'a [T], key: &str, key_of: impl Fn(&T) -> &String) -> Found<'a, T> {
    if let Some(item) = items.iter().find(|i| key_of(i) == key) {
        return Found::Exact(item);
    }
    match items.iter().find(|i| key_of(i).eq_ignore_ascii_case(key)) {
        Some(item) => Found::OtherCase(item),
        None => Found::None,
    }
}

pub(crate) fn status_text(status: &ColumnStatus, error: &str) -> String {
    if error.is_empty() {
        status.to_string()
    } else {
        format!("{status}: {error}")
    }
}

/// The table settings: name, permissions (as sets, `write` expanded), row security,
/// enabled.
fn settings(schema: &TableSchema, table: &Table, d: &mut Diff) {
    if schema.name != table.name {
        d.table_fields.push("name");
    }
    let declared = normalized(schema.permissions.iter().copied());
    let actual = normalized(table.permissions.iter().map(|p| p.as_str()));
    if declared != actual {
        d.table_fields.push("permissions");
    }
    if schema.row_security != table.row_security {
        d.table_fields.push("rowSecurity");
    }
    if schema.enabled != table.enabled {
        d.table_fields.push("enabled");
    }
    if d.describe && differs(schema.description, table.description.as_deref()) {
        d.table_fields.push("description");
    }
    if !d.table_fields.is_empty() {
        d.changes.push(Change::UpdateTable {
            fields: d.table_fields.iter().map(|f| (*f).to_owned()).collect(),
        });
    }
}

/// Whether the server has descriptions: Appwrite 2.6.0 and later report a `description`
/// on every table and column, older servers on none (so no extra request asks the
/// version of a server whose table is already there).
fn reports_descriptions(table: &Table) -> bool {
    table.description.is_some() || table.columns.iter().any(|c| c.description.is_some())
}

/// Whether a declared description differs from the server's. A model without one leaves
/// the server's alone.
fn differs(declared: Option<&str>, actual: Option<&str>) -> bool {
    declared.is_some_and(|declared| Some(declared) != actual)
}

/// Permission strings as a set, `write("r")` expanded into `create`, `update`, `delete`.
pub(crate) fn normalized<'a>(permissions: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
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

/// One available column against its declaration.
fn columns(
    column: &'static ColumnSchema,
    remote: &Column,
    d: &mut Diff,
    drift: &mut Vec<(String, String)>,
) {
    let key = column.key;
    let mut what = Vec::new();
    let mut cannot = |why: String| drift.push((key.to_owned(), why));
    for difference in crate::schema::differences(column, remote) {
        match difference {
            ColumnDifference::Kind { declared, actual } => cannot(format!(
                "the model declares `{declared}` but the server has `{actual}`; Appwrite \
                 cannot change a column's kind (migrate the data to a new column)"
            )),
            ColumnDifference::Array { declared } => cannot(format!(
                "the model declares {} but the server's column {}; Appwrite cannot change that",
                if declared {
                    "an array"
                } else {
                    "a single value"
                },
                if declared {
                    "holds one value"
                } else {
                    "is an array"
                },
            )),
            ColumnDifference::Required { declared } => {
                what.push(format!("required {} → {declared}", !declared));
            }
            ColumnDifference::Default { declared, actual } => {
                what.push(format!("default {actual} → {declared}"));
            }
            ColumnDifference::Option { name: "size", .. } => {
                let (declared, actual) = sizes(column, remote);
                if declared > actual {
                    what.push(format!("size {actual} → {declared}"));
                } else {
                    cannot(format!(
                        "the model's size {declared} is smaller than the server's {actual}; \
                         the sync never shrinks a column (rows may hold longer values)"
                    ));
                }
            }
            ColumnDifference::Option {
                name: "elements", ..
            } => {
                let (missing, extra) = elements(column, remote);
                if !missing.is_empty() {
                    what.push(format!(
                        "add element(s) {}",
                        missing
                            .iter()
                            .map(|e| format!("`{e}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !extra.is_empty() {
                    d.notes.push(Note::ExtraEnumElements {
                        column: key.to_owned(),
                        elements: extra,
                    });
                }
            }
            ColumnDifference::Option {
                name: name @ ("min" | "max"),
                declared,
                actual,
            } => what.push(format!("{name} {actual} → {declared}")),
            ColumnDifference::Option {
                name: "onDelete",
                declared,
                actual,
            } => {
                if let ColumnType::Relationship(rel) = column.kind {
                    d.update_relationships.push((key, rel.on_delete.into()));
                    d.changes.push(Change::UpdateColumn {
                        column: key.to_owned(),
                        what: vec![format!("onDelete {actual} → {declared}")],
                    });
                }
            }
            ColumnDifference::Option {
                name,
                declared,
                actual,
            } => cannot(format!(
                "`{name}` is {actual} on the server and {declared} in the model; Appwrite \
                 cannot change it in place"
            )),
        }
    }
    // A relationship's description is left alone: its update takes `onDelete` only.
    if d.describe
        && !column.is_relationship()
        && differs(column.description, remote.description.as_deref())
    {
        what.push("description".to_owned());
    }
    if !what.is_empty() && !column.is_relationship() {
        d.update_columns.push(ColumnUpdate {
            spec: update_spec(column, remote, d.describe),
        });
        d.changes.push(Change::UpdateColumn {
            column: key.to_owned(),
            what,
        });
    }
}

/// The declared and the server's size of a sized text column.
fn sizes(column: &ColumnSchema, remote: &Column) -> (u64, u64) {
    let declared = column.kind.max_chars().unwrap_or(0);
    let actual = match remote.kind.view().0 {
        KindView::Sized { size, .. } => size,
        _ => 0,
    };
    (declared, actual)
}

/// The enum elements the server lacks, and those only the server has.
fn elements(column: &ColumnSchema, remote: &Column) -> (Vec<String>, Vec<String>) {
    let (Options::Elements(elements), (KindView::Elements(actual), _)) =
        (column.kind.options(), remote.kind.view())
    else {
        return (Vec::new(), Vec::new());
    };
    let missing = elements
        .iter()
        .filter(|e| !actual.iter().any(|a| a == *e))
        .map(|e| (*e).to_owned())
        .collect();
    let extra = actual
        .iter()
        .filter(|a| !elements.contains(&a.as_str()))
        .cloned()
        .collect();
    (missing, extra)
}

/// The update body's builder: the declaration, with the server's enum elements kept
/// (elements are only ever added) and numeric bounds sent explicitly (Appwrite keeps a
/// bound that is left out, so an open bound is sent as the type's extreme), with the
/// description when the server has descriptions.
fn update_spec(column: &ColumnSchema, remote: &Column, describe: bool) -> Box<dyn ColumnSpec> {
    let description = column.description.filter(|_| describe);
    let mut update = SchemaUpdate::new(column, column.fields()).with_description(description);
    match update.kind_fields() {
        KindFields::Elements(elements) => {
            let mut all: Vec<Value> = match remote.kind.view().0 {
                KindView::Elements(remote) => {
                    remote.iter().map(|e| Value::from(e.as_str())).collect()
                }
                _ => Vec::new(),
            };
            for e in elements.drain(..) {
                if !all.contains(&e) {
                    all.push(e);
                }
            }
            *elements = all;
        }
        KindFields::Range { min, max } => match column.kind.options() {
            Options::Int { .. } => {
                min.get_or_insert(Value::from(i64::MIN));
                max.get_or_insert(Value::from(i64::MAX));
            }
            _ => {
                min.get_or_insert(Value::from(f64::MIN));
                max.get_or_insert(Value::from(f64::MAX));
            }
        },
        _ => {}
    }
    Box::new(update)
}

fn describe_declared(index: &IndexSchema) -> String {
    format!(
        "{} on ({}){}",
        index.kind.as_str(),
        index.columns.join(", "),
        if index.orders.is_empty() {
            String::new()
        } else {
            format!(
                " ordered {}",
                index
                    .orders
                    .iter()
                    .map(|o| o.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    )
}

fn describe_remote(index: &ColumnIndex) -> String {
    format!(
        "{} on ({}){}",
        index.kind.as_str(),
        index.columns.join(", "),
        if index.orders.is_empty() {
            String::new()
        } else {
            format!(" ordered {}", index.orders.join(", "))
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{DefaultValue, IndexKind, IndexOrder};

    fn table(json: serde_json::Value) -> Table {
        serde_json::from_value(json).unwrap()
    }

    const COLUMNS: &[ColumnSchema] = &[
        ColumnSchema::new(
            "name",
            ColumnType::String {
                size: 64,
                encrypt: false,
            },
        )
        .required(true),
        ColumnSchema::new(
            "role",
            ColumnType::Enum {
                elements: &["reader", "editor"],
            },
        )
        .default_value(DefaultValue::String("reader")),
        ColumnSchema::new(
            "score",
            ColumnType::Float {
                min: None,
                max: None,
            },
        ),
    ];
    const INDEXES: &[IndexSchema] =
        &[IndexSchema::new("by_name", IndexKind::Key, &["name"]).orders(&[IndexOrder::Asc])];
    static SCHEMA: TableSchema = TableSchema::new("users", "Users")
        .permissions(&[
            r#"read("any")"#,
            r#"create("users")"#,
            r#"update("users")"#,
            r#"delete("users")"#,
        ])
        .columns(COLUMNS)
        .indexes(INDEXES);

    fn server() -> serde_json::Value {
        serde_json::json!({
            "$id": "users", "name": "Users", "enabled": true, "rowSecurity": false,
            "$permissions": [r#"write("users")"#, r#"read("any")"#],
            "columns": [
                {"key": "name", "type": "string", "status": "available", "required": true,
                 "array": false, "size": 64, "default": null},
                {"key": "role", "type": "string", "format": "enum", "status": "available",
                 "required": false, "array": false, "elements": ["reader", "editor"],
                 "default": "reader", "size": 255},
                {"key": "score", "type": "double", "status": "available", "required": false,
                 "array": false, "min": -1.7976931348623157e308, "max": 1.7976931348623157e308,
                 "default": null},
            ],
            "indexes": [{"key": "by_name", "type": "key", "status": "available",
                         "columns": ["name"], "orders": ["ASC"], "lengths": [null]}],
        })
    }

    #[test]
    fn a_create_request_carries_at_most_100_columns() {
        let columns: Vec<ColumnSchema> = (0..105)
            .map(|i| {
                let key: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                ColumnSchema::new(key, ColumnType::Boolean)
            })
            .collect();
        let columns: &'static [ColumnSchema] = Box::leak(columns.into_boxed_slice());
        const INDEXES: &[IndexSchema] = &[
            IndexSchema::new("first", IndexKind::Key, &["c0", "$createdAt"]),
            IndexSchema::new("last", IndexKind::Key, &["c104"]),
        ];
        let schema = TableSchema::new("wide", "wide")
            .columns(columns)
            .indexes(INDEXES);
        let changes = missing_table(&schema, true);
        let Change::CreateTable {
            columns, indexes, ..
        } = &changes[0]
        else {
            panic!("{changes:?}")
        };
        assert_eq!(
            (columns.len(), indexes.as_slice()),
            (100, &["first".to_owned()][..])
        );
        assert_eq!(changes.len(), 1 + 5 + 1);
        assert_eq!(
            changes[6],
            Change::CreateIndex {
                index: "last".into()
            }
        );
    }

    #[test]
    fn a_matching_table_needs_nothing() {
        let d = diff(&SCHEMA, &table(server()), Mode::Additive).unwrap();
        assert!(d.is_settled(), "{:?}", d.changes);
        assert!(d.notes.is_empty());
    }

    #[test]
    fn permissions_compare_as_expanded_sets() {
        let mut s = server();
        s["$permissions"] = serde_json::json!([
            r#"delete("users")"#,
            r#"read("any")"#,
            r#"update("users")"#,
            r#"create("users")"#
        ]);
        assert!(
            diff(&SCHEMA, &table(s.clone()), Mode::Additive)
                .unwrap()
                .is_settled()
        );
        s["$permissions"] = serde_json::json!([r#"read("any")"#]);
        s["rowSecurity"] = true.into();
        let d = diff(&SCHEMA, &table(s), Mode::Additive).unwrap();
        assert_eq!(d.table_fields, ["permissions", "rowSecurity"]);
    }

    #[test]
    fn growth_heals_and_shrink_is_drift() {
        let mut s = server();
        s["columns"][0]["size"] = 32.into();
        s["columns"][1]["elements"] = serde_json::json!(["reader", "admin"]);
        let d = diff(&SCHEMA, &table(s.clone()), Mode::Additive).unwrap();
        let shown: Vec<String> = d.changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "update column `name`: size 32 → 64",
                "update column `role`: add element(s) `editor`"
            ]
        );
        assert_eq!(
            d.notes,
            [Note::ExtraEnumElements {
                column: "role".into(),
                elements: vec!["admin".into()]
            }]
        );
        s["columns"][0]["size"] = 128.into();
        let err = diff(&SCHEMA, &table(s), Mode::Additive).unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(c), .. } if c == "name"),
            "{err}"
        );
    }

    #[test]
    fn kinds_compare_as_the_server_reports_them() {
        let mut s = server();
        s["columns"][1]["format"] = "".into();
        let err = diff(&SCHEMA, &table(s), Mode::Additive).unwrap_err();
        assert!(err.to_string().contains("`string/enum`"), "{err}");
    }

    #[test]
    fn a_changed_index_is_recreated_after_the_old_one_is_gone() {
        let mut s = server();
        s["indexes"][0]["type"] = "unique".into();
        let d = diff(&SCHEMA, &table(s), Mode::Additive).unwrap();
        assert_eq!(d.delete_indexes, ["by_name"]);
        assert_eq!(d.await_indexes_gone, ["by_name"]);
        assert_eq!(d.later_indexes.len(), 1);
        assert!(d.create_indexes.is_empty());
    }

    #[test]
    fn extras_are_reported_or_dropped_when_asked() {
        let mut s = server();
        s["columns"].as_array_mut().unwrap().push(serde_json::json!(
            {"key": "legacy", "type": "boolean", "status": "available", "required": true, "array": false}));
        let d = diff(&SCHEMA, &table(s.clone()), Mode::Additive).unwrap();
        assert!(d.is_settled());
        assert_eq!(
            d.notes,
            [Note::ExtraColumn {
                column: "legacy".into(),
                required: true
            }]
        );
        let d = diff(&SCHEMA, &table(s), Mode::Destructive).unwrap();
        assert_eq!(d.drop_columns, ["legacy"]);
    }
}
