//! [`Step`]: one thing a sync does to a table, in the order it is done. The diff makes an
//! ordered list of them; [`crate::Client::plan`] shows their changes, and the sync runs the
//! same list, so what is planned is what is done.

use super::plan::{Change, Note};
use crate::api::columns::ColumnSpec;
use crate::response::OnDelete;
use crate::schema::{ColumnSchema, IndexSchema};

/// A request a step sends.
pub(crate) enum Request {
    /// Set every table setting (a `PUT`: Appwrite resets the ones left out).
    UpdateTable,
    /// Delete an index.
    DeleteIndex(String),
    /// Delete a column.
    DeleteColumn(String),
    /// Change a column in place.
    UpdateColumn(Box<dyn ColumnSpec>),
    /// Change a relationship column's `onDelete`.
    UpdateRelationship(&'static str, OnDelete),
    /// Create a column.
    CreateColumn(&'static ColumnSchema),
    /// Create an index now: its columns are available.
    CreateIndex(&'static IndexSchema),
    /// Create an index once its columns are available and no index of its key is left.
    CreateIndexWhenReady(&'static IndexSchema),
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Request::UpdateTable => f.write_str("UpdateTable"),
            Request::DeleteIndex(key) => write!(f, "DeleteIndex({key})"),
            Request::DeleteColumn(key) => write!(f, "DeleteColumn({key})"),
            Request::UpdateColumn(spec) => {
                write!(f, "UpdateColumn({} {})", spec.kind(), spec.key())
            }
            Request::UpdateRelationship(key, on_delete) => {
                write!(f, "UpdateRelationship({key}, {on_delete:?})")
            }
            Request::CreateColumn(column) => write!(f, "CreateColumn({})", column.key),
            Request::CreateIndex(index) => write!(f, "CreateIndex({})", index.key),
            Request::CreateIndexWhenReady(index) => {
                write!(f, "CreateIndexWhenReady({})", index.key)
            }
        }
    }
}

/// What a step waits for once its request is sent (or, without a request, what the
/// server is already doing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Await {
    /// The column becomes `available`.
    Column(String),
    /// The column is gone.
    ColumnGone(String),
    /// The index becomes `available`.
    Index(String),
    /// The index is gone.
    IndexGone(String),
}

/// One thing a sync does: the request it sends, what it waits for, and the change it
/// reports. A step without a request waits for something the server is doing already; a
/// step without a change is part of another's (the delete of an index it recreates).
#[derive(Debug)]
pub(crate) struct Step {
    pub(crate) request: Option<Request>,
    pub(crate) waits: Option<Await>,
    pub(crate) change: Option<Change>,
}

impl Step {
    /// A step that sends `request` and reports `change`.
    pub(crate) fn new(request: Request, change: Change) -> Self {
        Self {
            request: Some(request),
            waits: None,
            change: Some(change),
        }
    }

    /// A step that only waits for `waits`.
    pub(crate) fn wait(waits: Await) -> Self {
        Self {
            request: None,
            waits: Some(waits),
            change: None,
        }
    }

    /// This step, waiting for `waits` after its request.
    pub(crate) fn then_wait(mut self, waits: Await) -> Self {
        self.waits = Some(waits);
        self
    }
}

/// The steps that make a table match its model, in the order they run, with what the
/// sync noticed and leaves alone.
#[derive(Debug, Default)]
pub(crate) struct Diff {
    /// Whether the server has descriptions (its answer reports them): then creates and
    /// updates carry the model's, and differing ones are healed.
    pub(crate) describe: bool,
    /// Whether a column to create was left out because the caller deferred it.
    pub(crate) deferred: bool,
    /// What to do, in order.
    pub(crate) steps: Vec<Step>,
    /// What is left alone.
    pub(crate) notes: Vec<Note>,
}

impl Diff {
    /// Whether nothing is to be done or waited for.
    pub(crate) fn is_settled(&self) -> bool {
        self.steps.is_empty()
    }

    /// The changes the steps make, in order: what a plan shows.
    pub(crate) fn changes(&self) -> impl Iterator<Item = &Change> {
        self.steps.iter().filter_map(|step| step.change.as_ref())
    }

    /// The columns the steps create.
    pub(crate) fn created_columns(&self) -> impl Iterator<Item = &'static ColumnSchema> + '_ {
        self.steps.iter().filter_map(|step| match step.request {
            Some(Request::CreateColumn(column)) => Some(column),
            _ => None,
        })
    }
}
