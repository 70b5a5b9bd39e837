//! The indexes: each declared one against the server's, and the steps that create,
//! recreate, wait for or (when asked) delete them.

use std::collections::BTreeSet;

use super::super::plan::Change;
use super::super::step::{Await, Request, Step};
use super::{Declared, Found, status_text};
use crate::response::{ColumnIndex, ColumnStatus, TableInfo};
use crate::schema::{IndexSchema, TableSchema};

/// A declared index with what the server has of it.
pub(super) type DeclaredIndex<'t> = Declared<'t, IndexSchema, ColumnIndex>;

/// Why a declared index the server has must be deleted and created again (it differs,
/// or it `failed` or is `stuck`); `None` when it can stay.
fn recreate_reason(index: &IndexSchema, remote: &ColumnIndex) -> Option<String> {
    match (&remote.status, crate::schema::index_matches(index, remote)) {
        (ColumnStatus::Available | ColumnStatus::Processing, true)
        | (ColumnStatus::Deleting, _) => None,
        (status, true) => Some(format!("it is {}", status_text(status, &remote.error))),
        (_, false) => Some(format!(
            "the model declares {}, the server has {}",
            describe_declared(index),
            describe_remote(remote)
        )),
    }
}

/// The deletes of the declared indexes to recreate, each waited for until gone. Their
/// creation comes last ([`recreates`]), and reports the change.
pub(super) fn deletes_to_recreate(declared: &[DeclaredIndex<'_>]) -> Vec<Step> {
    declared
        .iter()
        .filter_map(|(index, found)| match found {
            Found::Exact(remote) => recreate_reason(index, remote).map(|_| Step {
                request: Some(Request::DeleteIndex(index.key.to_owned())),
                waits: Some(Await::IndexGone(index.key.to_owned())),
                change: None,
            }),
            _ => None,
        })
        .collect()
}

/// The creates of missing indexes, and the waits for those the server is making or
/// deleting, in the model's order. An index over a `pending` column, or whose old
/// version is being deleted, is created once that is done.
pub(super) fn creates(declared: &[DeclaredIndex<'_>], pending: &BTreeSet<&str>) -> Vec<Step> {
    let mut steps = Vec::new();
    for (index, found) in declared {
        let key = index.key.to_owned();
        let change = || Change::CreateIndex { index: key.clone() };
        match found {
            Found::None if index.columns.iter().any(|c| pending.contains(c)) => {
                steps.push(Step::new(Request::CreateIndexWhenReady(index), change()));
            }
            Found::None => steps.push(
                Step::new(Request::CreateIndex(index), change())
                    .then_wait(Await::Index(key.clone())),
            ),
            Found::Exact(remote) => match remote.status {
                ColumnStatus::Processing if crate::schema::index_matches(index, remote) => {
                    steps.push(Step::wait(Await::Index(key.clone())));
                }
                ColumnStatus::Deleting => steps.push(
                    Step::new(Request::CreateIndexWhenReady(index), change())
                        .then_wait(Await::IndexGone(key.clone())),
                ),
                _ => {}
            },
            Found::OtherCase(_) => {}
        }
    }
    steps
}

/// The creations of the indexes [`deletes_to_recreate`] deletes, once the old one is gone.
pub(super) fn recreates(declared: &[DeclaredIndex<'_>]) -> Vec<Step> {
    declared
        .iter()
        .filter_map(|(index, found)| match found {
            Found::Exact(remote) => recreate_reason(index, remote).map(|reason| {
                Step::new(
                    Request::CreateIndexWhenReady(index),
                    Change::RecreateIndex {
                        index: index.key.to_owned(),
                        reason,
                    },
                )
            }),
            _ => None,
        })
        .collect()
}

/// The server's indexes the model does not declare, but those being deleted already.
pub(super) fn extras<'t>(
    schema: &TableSchema,
    table: &'t TableInfo,
) -> impl Iterator<Item = &'t ColumnIndex> {
    table.indexes.iter().filter(|remote| {
        let declared = schema
            .indexes
            .iter()
            .any(|i| i.key.eq_ignore_ascii_case(&remote.key));
        !declared && remote.status != ColumnStatus::Deleting
    })
}

/// The deletes of the extra indexes (destructive only), each waited for until gone.
pub(super) fn drop_extras(schema: &TableSchema, table: &TableInfo) -> Vec<Step> {
    extras(schema, table)
        .map(|remote| {
            Step::new(
                Request::DeleteIndex(remote.key.clone()),
                Change::DropIndex {
                    index: remote.key.clone(),
                },
            )
            .then_wait(Await::IndexGone(remote.key.clone()))
        })
        .collect()
}

fn describe_declared(index: &IndexSchema) -> String {
    let orders: Vec<&str> = index.orders.iter().map(|o| o.as_str()).collect();
    describe(index.kind.as_str(), index.columns, &orders)
}

fn describe_remote(index: &ColumnIndex) -> String {
    let orders: Vec<&str> = index.orders.iter().map(String::as_str).collect();
    describe(index.kind.as_str(), &index.columns, &orders)
}

/// An index as an error shows it: `unique on (email) ordered ASC`.
fn describe<C: AsRef<str>>(kind: &str, columns: &[C], orders: &[&str]) -> String {
    let columns: Vec<&str> = columns.iter().map(AsRef::as_ref).collect();
    let ordered = if orders.is_empty() {
        String::new()
    } else {
        format!(" ordered {}", orders.join(", "))
    };
    format!("{kind} on ({}){ordered}", columns.join(", "))
}
