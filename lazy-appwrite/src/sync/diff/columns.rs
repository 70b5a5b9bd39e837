//! The columns: each declared one against the server's, and the steps that create,
//! update, wait for or (when asked) delete them.

use std::collections::BTreeSet;

use lazy_appwrite_core::encode::KindFields;
use serde_json::Value;

use super::super::plan::Change;
use super::super::step::{Await, Request, Step};
use super::table::differs;
use super::{Declared, Found, status_text};
use crate::api::columns::{ColumnSpec, SchemaUpdate};
use crate::error::{Error, Result};
use crate::response::{
    ColumnInfo, ColumnStatus, KindView, OnDelete, RelationSide, ReportedKind, TableInfo,
};
use crate::schema::{ColumnDifference, ColumnSchema, ColumnType, Options, TableSchema};

/// A declared column with what the server has of it.
pub(super) type DeclaredColumn<'t> = Declared<'t, ColumnSchema, ColumnInfo>;

/// An available column compared with its declaration.
pub(super) struct Compared<'t> {
    pub(super) column: &'static ColumnSchema,
    pub(super) remote: &'t ColumnInfo,
    /// What changes in place, e.g. `size 32 → 64` (not for a relationship).
    pub(super) what: Vec<String>,
    /// A relationship's new `onDelete`, with the change as shown.
    pub(super) on_delete: Option<(OnDelete, String)>,
    /// Why the server cannot be made to match, if it cannot.
    pub(super) drift: Vec<String>,
    /// Enum elements the server allows and the model does not list.
    pub(super) extra_elements: Vec<String>,
}

/// Fails on the first declared column that is neither `available`, `processing` nor
/// `deleting` (it `failed` or is `stuck`).
pub(super) fn refuse_unready(schema: &TableSchema, declared: &[DeclaredColumn<'_>]) -> Result<()> {
    for (column, found) in declared {
        if let Found::Exact(remote) = found
            && !matches!(
                remote.status,
                ColumnStatus::Available | ColumnStatus::Processing | ColumnStatus::Deleting
            )
        {
            return Err(Error::SchemaNotReady {
                table: schema.id.to_owned(),
                column: Some(column.key.to_owned()),
                status: status_text(&remote.status, &remote.error),
            });
        }
    }
    Ok(())
}

/// Each available declared column compared with the server's, in the model's order.
pub(super) fn compare_available<'t>(
    declared: &[DeclaredColumn<'t>],
    describe: bool,
) -> Vec<Compared<'t>> {
    declared
        .iter()
        .filter_map(|(column, found)| match found {
            Found::Exact(remote) if remote.status == ColumnStatus::Available => {
                Some(compare(column, remote, describe))
            }
            _ => None,
        })
        .collect()
}

/// One available column against its declaration.
fn compare<'t>(
    column: &'static ColumnSchema,
    remote: &'t ColumnInfo,
    describe: bool,
) -> Compared<'t> {
    let mut out = Compared {
        column,
        remote,
        what: Vec::new(),
        on_delete: None,
        drift: Vec::new(),
        extra_elements: Vec::new(),
    };
    for difference in crate::schema::differences(column, remote) {
        match difference {
            ColumnDifference::Kind { declared, actual } => out.drift.push(format!(
                "the model declares `{declared}` but the server has `{actual}`; Appwrite \
                 cannot change a column's kind (migrate the data to a new column)"
            )),
            ColumnDifference::Array { declared } => out.drift.push(format!(
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
                out.what
                    .push(format!("required {} → {declared}", !declared));
            }
            ColumnDifference::Default { declared, actual } => {
                out.what.push(format!("default {actual} → {declared}"));
            }
            ColumnDifference::Option { name: "size", .. } => {
                let (declared, actual) = sizes(column, remote);
                if declared > actual {
                    out.what.push(format!("size {actual} → {declared}"));
                } else {
                    out.drift.push(format!(
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
                    out.what.push(format!(
                        "add element(s) {}",
                        missing
                            .iter()
                            .map(|e| format!("`{e}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                out.extra_elements = extra;
            }
            ColumnDifference::Option {
                name: name @ ("min" | "max"),
                declared,
                actual,
            } => out.what.push(format!("{name} {actual} → {declared}")),
            ColumnDifference::Option {
                name: "onDelete",
                declared,
                actual,
            } => {
                if let ColumnType::Relationship(rel) = column.kind {
                    out.on_delete = Some((
                        rel.on_delete.into(),
                        format!("onDelete {actual} → {declared}"),
                    ));
                }
            }
            ColumnDifference::Option {
                name,
                declared,
                actual,
            } => out.drift.push(format!(
                "`{name}` is {actual} on the server and {declared} in the model; Appwrite \
                 cannot change it in place"
            )),
        }
    }
    // A relationship's description is left alone: its update takes `onDelete` only.
    if describe
        && !column.is_relationship()
        && differs(column.description, remote.description.as_deref())
    {
        out.what.push("description".to_owned());
    }
    if column.is_relationship() {
        out.what.clear();
    }
    out
}

/// The in-place updates, in the model's order: a relationship's `onDelete`, or the
/// declaration sent whole.
pub(super) fn updates(compared: &[Compared<'_>], describe: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    for c in compared {
        let key = c.column.key;
        if let Some((on_delete, shown)) = &c.on_delete {
            steps.push(Step::new(
                Request::UpdateRelationship(key, on_delete.clone()),
                Change::UpdateColumn {
                    column: key.to_owned(),
                    what: vec![shown.clone()],
                },
            ));
        }
        if !c.what.is_empty() {
            steps.push(Step::new(
                Request::UpdateColumn(update_spec(c.column, c.remote, describe)),
                Change::UpdateColumn {
                    column: key.to_owned(),
                    what: c.what.clone(),
                },
            ));
        }
    }
    steps
}

/// The creates of missing columns (but those `defer` names), and the waits for those the
/// server is making already, in the model's order; and whether a column was deferred.
pub(super) fn creates(declared: &[DeclaredColumn<'_>], defer: &[&str]) -> (Vec<Step>, bool) {
    let mut steps = Vec::new();
    let mut deferred = false;
    for (column, found) in declared {
        let key = column.key;
        match found {
            Found::Exact(remote) if remote.status == ColumnStatus::Processing => {
                steps.push(Step::wait(Await::Column(key.to_owned())));
            }
            Found::None if defer.contains(&key) => deferred = true,
            Found::None => steps.push(
                Step::new(
                    Request::CreateColumn(column),
                    Change::CreateColumn {
                        column: key.to_owned(),
                    },
                )
                .then_wait(Await::Column(key.to_owned())),
            ),
            _ => {}
        }
    }
    (steps, deferred)
}

/// The waits for declared columns someone is deleting: once they are gone, the next
/// round creates them.
pub(super) fn waits_for_deleting(declared: &[DeclaredColumn<'_>]) -> Vec<Step> {
    declared
        .iter()
        .filter_map(|(column, found)| match found {
            Found::Exact(remote) if remote.status == ColumnStatus::Deleting => {
                Some(Step::wait(Await::ColumnGone(column.key.to_owned())))
            }
            _ => None,
        })
        .collect()
}

/// The declared columns that will not be `available` before the first wait: created,
/// `processing` or `deleting`.
pub(super) fn pending(declared: &[DeclaredColumn<'_>], defer: &[&str]) -> BTreeSet<&'static str> {
    declared
        .iter()
        .filter(|(column, found)| match found {
            Found::Exact(remote) => matches!(
                remote.status,
                ColumnStatus::Processing | ColumnStatus::Deleting
            ),
            Found::None => !defer.contains(&column.key),
            Found::OtherCase(_) => false,
        })
        .map(|(column, _)| column.key)
        .collect()
}

/// The server's columns the model does not declare, but for a two-way relationship's
/// partner (it belongs to the table that declares the relationship: deleting it would
/// delete that table's column too) and those being deleted already.
pub(super) fn extras<'t>(
    schema: &TableSchema,
    table: &'t TableInfo,
) -> impl Iterator<Item = &'t ColumnInfo> {
    table.columns.iter().filter(|remote| {
        let declared = schema
            .columns
            .iter()
            .any(|c| c.key.eq_ignore_ascii_case(&remote.key));
        let partner = matches!(
            remote.kind,
            ReportedKind::Relationship {
                side: RelationSide::Child,
                ..
            }
        );
        !declared && !partner && remote.status != ColumnStatus::Deleting
    })
}

/// The deletes of the extra columns (destructive only), each waited for until gone.
pub(super) fn drop_extras(schema: &TableSchema, table: &TableInfo) -> Vec<Step> {
    extras(schema, table)
        .map(|remote| {
            Step::new(
                Request::DeleteColumn(remote.key.clone()),
                Change::DropColumn {
                    column: remote.key.clone(),
                },
            )
            .then_wait(Await::ColumnGone(remote.key.clone()))
        })
        .collect()
}

/// The declared and the server's size of a sized text column.
fn sizes(column: &ColumnSchema, remote: &ColumnInfo) -> (u64, u64) {
    let declared = column.kind.max_chars().unwrap_or(0);
    let actual = match remote.kind.view().0 {
        KindView::Sized { size, .. } => size,
        _ => 0,
    };
    (declared, actual)
}

/// The enum elements the server lacks, and those only the server has.
fn elements(column: &ColumnSchema, remote: &ColumnInfo) -> (Vec<String>, Vec<String>) {
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
fn update_spec(column: &ColumnSchema, remote: &ColumnInfo, describe: bool) -> Box<dyn ColumnSpec> {
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
