//! [`Plan`]: what a sync changes on the server (or, from [`crate::Client::plan`], would
//! change), and what it noticed but leaves alone.

use std::fmt;

/// One change the sync engine makes to the server.
///
/// ```
/// use lazy_appwrite::sync::Change;
/// let change = Change::UpdateColumn { column: "name".into(), what: vec!["size 32 → 64".into()] };
/// assert_eq!(change.to_string(), "update column `name`: size 32 → 64");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// Create the database.
    CreateDatabase {
        /// The database ID.
        database: String,
    },
    /// Create the table, with these columns and indexes in the same request.
    CreateTable {
        /// The table ID.
        table: String,
        /// The columns created inline.
        columns: Vec<String>,
        /// The indexes created inline.
        indexes: Vec<String>,
    },
    /// Set the table's settings (`PUT` with every field, since Appwrite resets the ones
    /// left out).
    UpdateTable {
        /// The settings that differ: `name`, `permissions`, `rowSecurity`, `enabled`.
        fields: Vec<String>,
    },
    /// Create a column (it starts `processing`; the sync waits until it is `available`).
    CreateColumn {
        /// The column key.
        column: String,
    },
    /// Change a column in place: grow its size, add enum elements, set `required`, the
    /// default, the range, or a relationship's `onDelete`.
    UpdateColumn {
        /// The column key.
        column: String,
        /// What changes, e.g. `size 32 → 64`.
        what: Vec<String>,
    },
    /// Create an index (the sync waits until it is `available`).
    CreateIndex {
        /// The index key.
        index: String,
    },
    /// Delete an index, wait until it is gone, and create it again as declared.
    RecreateIndex {
        /// The index key.
        index: String,
        /// Why: it differs, or it is `failed` or `stuck`.
        reason: String,
    },
    /// Delete a column the model does not declare (only [`crate::Client::sync_destructive`]).
    DropColumn {
        /// The column key.
        column: String,
    },
    /// Delete an index the model does not declare (only [`crate::Client::sync_destructive`]).
    DropIndex {
        /// The index key.
        index: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CreateDatabase { database } => write!(f, "create database `{database}`"),
            Change::CreateTable {
                table,
                columns,
                indexes,
            } => write!(
                f,
                "create table `{table}` with {} column(s) and {} index(es) inline",
                columns.len(),
                indexes.len()
            ),
            Change::UpdateTable { fields } => {
                write!(f, "update table settings: {}", fields.join(", "))
            }
            Change::CreateColumn { column } => write!(f, "create column `{column}`"),
            Change::UpdateColumn { column, what } => {
                write!(f, "update column `{column}`: {}", what.join(", "))
            }
            Change::CreateIndex { index } => write!(f, "create index `{index}`"),
            Change::RecreateIndex { index, reason } => {
                write!(f, "recreate index `{index}` ({reason})")
            }
            Change::DropColumn { column } => write!(f, "drop column `{column}`"),
            Change::DropIndex { index } => write!(f, "drop index `{index}`"),
        }
    }
}

/// Something a sync noticed on the server and left alone: the sync never destroys what
/// the model does not declare (only [`crate::Client::sync_destructive`] drops extra
/// columns and indexes).
///
/// ```
/// use lazy_appwrite::sync::Note;
/// let note = Note::ExtraColumn { column: "legacy".into(), required: true };
/// assert_eq!(note.to_string(),
///     "column `legacy` exists on the server but not in the model; it is required, so writes from the model will fail");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// A column the model does not declare.
    ExtraColumn {
        /// The column key.
        column: String,
        /// Whether it is required (then writes from the model fail).
        required: bool,
    },
    /// An index the model does not declare.
    ExtraIndex {
        /// The index key.
        index: String,
    },
    /// Enum elements the server allows and the model does not list (rows holding them
    /// will not decode).
    ExtraEnumElements {
        /// The column key.
        column: String,
        /// The elements.
        elements: Vec<String>,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::ExtraColumn { column, required } => {
                write!(
                    f,
                    "column `{column}` exists on the server but not in the model"
                )?;
                if *required {
                    f.write_str("; it is required, so writes from the model will fail")?;
                }
                Ok(())
            }
            Note::ExtraIndex { index } => {
                write!(
                    f,
                    "index `{index}` exists on the server but not in the model"
                )
            }
            Note::ExtraEnumElements { column, elements } => write!(
                f,
                "column `{column}` also allows {} on the server, which the model does not list",
                elements
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// What a sync of one table did ([`crate::Client::sync`]) or would do
/// ([`crate::Client::plan`]): the changes, in order, and the notes.
///
/// ```
/// use lazy_appwrite::sync::{Change, Plan};
/// let mut plan = Plan::new("main", "users");
/// assert!(plan.is_empty());
/// plan.changes.push(Change::CreateColumn { column: "age".into() });
/// assert_eq!(plan.to_string(), "table `users` in database `main`:\n  create column `age`\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Plan {
    /// The database ID.
    pub database: String,
    /// The table ID.
    pub table: String,
    /// The changes, in the order they are made.
    pub changes: Vec<Change>,
    /// What was noticed and left alone.
    pub notes: Vec<Note>,
    /// The plans of the other tables the same sync touches: those the model's
    /// relationships reach, related tables first (from [`crate::Client::plan`]; empty in
    /// the plan a sync returns, which is the model's own table).
    pub related: Vec<Plan>,
}

impl Plan {
    /// A plan without changes or notes.
    pub fn new(database: impl Into<String>, table: impl Into<String>) -> Self {
        Self {
            database: database.into(),
            table: table.into(),
            changes: Vec::new(),
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Whether the server already matches the model (notes aside), related tables
    /// included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.related.iter().all(Plan::is_empty)
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "table `{}` in database `{}`:", self.table, self.database)?;
        if self.changes.is_empty() && self.notes.is_empty() {
            writeln!(f, "  up to date")?;
        }
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        for related in &self.related {
            write!(f, "{related}")?;
        }
        Ok(())
    }
}
