//! Rows with their related rows, as utopia's
//! `populateDocumentsRelationships` loads them:
//!
//! * explicit selections (`select(["*", "author.*"])`, `author.name`, `author.books.*`) load
//!   only the relationships they name, level by level;
//! * create/update answers load every relationship;
//! * rows three levels down lose their relationship attributes, the related rows of a
//!   two-way relationship lose the attribute pointing back, and a one-way relationship's
//!   child side is never loaded.
//!
//! Related rows the caller cannot read are left out; loading from a table the caller may
//! not read at all (no table `read`, no row security) is `401` for explicit selections.

use serde_json::{Map, Value};

use super::{MAX_DEPTH, Side, access, readable, relationship_columns};
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::profile::AppwriteVersion;
use crate::query::parse::{Method, Query};
use crate::query::plan::{Access, plan_rows};
use crate::schema::TableMeta;
use crate::store::Tx;
use crate::store::relations::{self, Holding, RelationType};
use crate::store::rows::{self as stored, StoredRow};

/// How much of their relationships rows are rendered with.
#[derive(Debug, Clone, Copy)]
pub enum Load<'a> {
    /// None: relationship columns that store an ID show it (reads without `select`).
    Plain,
    /// What a `select` names (`*`, columns, `rel.*`, `rel.field`).
    Select(&'a [String]),
    /// Every relationship (create/update answers).
    All,
}

impl<'a> Load<'a> {
    /// [`Load::Select`] for a `select`, [`Load::Plain`] without.
    pub fn select(select: Option<&'a [String]>) -> Self {
        select.map_or(Load::Plain, Load::Select)
    }
}

/// A row being rendered.
struct Node {
    row: StoredRow,
    out: Map<String, Value>,
}

/// What to load at one level.
enum Mode {
    /// Every relationship.
    All,
    /// Only these relationships, each with the selections for its rows.
    Explicit(Vec<(String, Vec<String>)>),
}

/// Renders `rows` of `table` with their related rows as `load` says.
pub fn render(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    rows: Vec<StoredRow>,
    load: Load<'_>,
) -> ApiResult<Vec<Value>> {
    let format = ctx.format_1_9;
    let (projection, mode, strict) = match load {
        Load::Plain => {
            return Ok(rows
                .into_iter()
                .map(|r| r.into_rendered(table, format, None))
                .collect());
        }
        Load::Select(select) => (
            Some(stored::projection(table, select)),
            Mode::Explicit(nested_selections(table, select)),
            true,
        ),
        Load::All => (None, Mode::All, false),
    };
    let mut nodes = nodes(rows, table, format, projection.as_deref());
    let loads = match &mode {
        Mode::All => !relationship_columns(table).is_empty(),
        Mode::Explicit(list) => !list.is_empty(),
    };
    if loads {
        attach(tx, ctx, table, &mut nodes, 0, &mode, None, strict)?;
    }
    Ok(nodes.into_iter().map(|n| Value::Object(n.out)).collect())
}

fn nodes(
    rows: Vec<StoredRow>,
    table: &TableMeta,
    format: bool,
    projection: Option<&[String]>,
) -> Vec<Node> {
    rows.into_iter()
        .map(|row| {
            let out = match row.render_projected(table, format, projection) {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            Node { row, out }
        })
        .collect()
}

/// utopia's `processRelationshipQueries`: the selections through each relationship of
/// `table` (`author.name` → `author`: [`name`]; `author.*` and `author.` → [`*`]).
fn nested_selections(table: &TableMeta, select: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for value in select {
        let Some((first, rest)) = value.split_once('.') else {
            continue;
        };
        let is_relationship = table
            .columns
            .iter()
            .any(|c| c.is_available() && c.spec.key == first && relations::spec_of(c).is_some());
        if !is_relationship {
            continue;
        }
        let rest = if rest.is_empty() { "*" } else { rest }.to_string();
        match out.iter_mut().find(|(k, _)| k == first) {
            Some((_, list)) => list.push(rest),
            None => out.push((first.to_string(), vec![rest])),
        }
    }
    out
}

/// Checks selections for the related table as utopia's `find` does (each one was a
/// `select` query of its own).
fn check_selections(related: &TableMeta, select: &[String]) -> ApiResult<()> {
    for value in select {
        let query = Query {
            method: Method::Select,
            attribute: String::new(),
            values: vec![Value::String(value.clone())],
            nested: Vec::new(),
        };
        plan_rows(&[query], related, AppwriteVersion::default())?;
    }
    Ok(())
}

/// Loads the relationships of `nodes` (rows of `table` at `depth`) that `mode` asks for,
/// skipping `skip` (the attribute pointing back to the level above).
#[allow(clippy::too_many_arguments)]
fn attach(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    nodes: &mut [Node],
    depth: usize,
    mode: &Mode,
    skip: Option<&str>,
    strict: bool,
) -> ApiResult<()> {
    if nodes.is_empty() {
        return Ok(());
    }
    for column in relationship_columns(table) {
        let key = column.spec.key.clone();
        if skip == Some(key.as_str()) {
            continue;
        }
        let select = match mode {
            Mode::All => None,
            Mode::Explicit(list) => match list.iter().find(|(k, _)| *k == key) {
                Some((_, select)) => Some(select.clone()),
                None => continue,
            },
        };
        if depth + 1 >= MAX_DEPTH {
            for node in nodes.iter_mut() {
                node.out.remove(&key);
            }
            continue;
        }
        let Some(spec) = relations::spec_of(&column).cloned() else {
            continue;
        };
        if spec.is_hidden() {
            if matches!(
                spec.relation(),
                RelationType::OneToMany | RelationType::ManyToOne
            ) {
                for node in nodes.iter_mut() {
                    node.out.remove(&key);
                }
            }
            continue;
        }
        let Some(side) = Side::resolve(tx, table, &column)? else {
            continue;
        };
        let related = side.related.clone();
        let holding = spec.holding();
        let can_read = access(&related, ctx) != Access::Denied;

        // The related rows of each node; `None` leaves the node's attribute as it is.
        let junction = side.junction();
        let mut found: Vec<Option<Vec<StoredRow>>> = Vec::with_capacity(nodes.len());
        let mut looked_up = false;
        for node in nodes.iter() {
            let ids: Vec<String> = match holding {
                Holding::Nothing => {
                    found.push(None);
                    continue;
                }
                Holding::Referenced => {
                    looked_up = true;
                    let mut rows = Vec::new();
                    for seq in relations::referencing(tx, &related, &side.partner, &node.row.id)? {
                        rows.extend(stored::find_by_seq(tx, &related, seq)?);
                    }
                    found.push(Some(rows));
                    continue;
                }
                Holding::Stored => match node.row.links.get(&key).and_then(Value::as_str) {
                    Some(id) => vec![id.to_string()],
                    None => {
                        found.push(None);
                        continue;
                    }
                },
                Holding::Junction => match junction {
                    Some((junction, end)) => relations::linked(tx, junction, end, &node.row.id)?,
                    None => Vec::new(),
                },
            };
            if !ids.is_empty() {
                if !looked_up && let Some(select) = &select {
                    check_selections(&related, select)?;
                }
                looked_up = true;
            }
            let mut rows = Vec::new();
            for id in ids {
                rows.extend(stored::find(tx, &related, &id)?);
            }
            found.push(Some(rows));
        }
        if looked_up && !can_read && strict {
            return Err(ApiError::unauthorized());
        }
        for rows in found.iter_mut().flatten() {
            rows.retain(|row| can_read && readable(&related, row, ctx));
        }
        // A stored ID whose row is missing (or hidden) loads as an empty row, which Appwrite
        // shows as a stub (tour-relationships.jsonl 1.8.1 seq 735).
        let stubs: Vec<bool> = found
            .iter()
            .map(|rows| holding == Holding::Stored && rows.as_ref().is_some_and(Vec::is_empty))
            .collect();

        // Render the related rows and load their own relationships (one level down).
        let (projection, child_mode) = match &select {
            None => (None, Mode::All),
            Some(select) => {
                // The rows of a to-many side found through their own ID column are read
                // whole, then cut down to the selection as given.
                let projection = if holding == Holding::Referenced {
                    select.clone()
                } else {
                    stored::projection(&related, select)
                };
                (
                    Some(projection),
                    Mode::Explicit(nested_selections(&related, select)),
                )
            }
        };
        let counts: Vec<Option<usize>> = found
            .iter()
            .map(|rows| rows.as_ref().map(Vec::len))
            .collect();
        let mut children = nodes_of(found, &related, ctx.format_1_9, projection.as_deref());
        let back = spec.two_way.then(|| side.partner.spec.key.clone());
        attach(
            tx,
            ctx,
            &related,
            &mut children,
            depth + 1,
            &child_mode,
            back.as_deref(),
            strict,
        )?;
        if let Some(back) = &back {
            for child in &mut children {
                child.out.remove(back);
            }
        }
        let mut children = children.into_iter();
        for ((node, count), stub) in nodes.iter_mut().zip(counts).zip(stubs) {
            let Some(count) = count else {
                continue;
            };
            if stub {
                node.out.insert(key.clone(), empty_row(&related, ctx));
                continue;
            }
            let rows: Vec<Value> = children
                .by_ref()
                .take(count)
                .map(|c| Value::Object(c.out))
                .collect();
            let value = if spec.is_to_many() {
                Value::Array(rows)
            } else {
                rows.into_iter().next().unwrap_or(Value::Null)
            };
            node.out.insert(key.clone(), value);
        }
    }
    Ok(())
}

fn nodes_of(
    found: Vec<Option<Vec<StoredRow>>>,
    table: &TableMeta,
    format: bool,
    projection: Option<&[String]>,
) -> Vec<Node> {
    nodes(
        found.into_iter().flatten().flatten().collect(),
        table,
        format,
        projection,
    )
}

/// How Appwrite shows an empty related row: its table, database and an empty `$sequence`
/// (`""`, or `0` for 1.8 models).
fn empty_row(table: &TableMeta, ctx: &Context) -> Value {
    let sequence = if ctx.format_1_9 {
        Value::String(String::new())
    } else {
        Value::from(0)
    };
    serde_json::json!({
        "$databaseId": table.database.id,
        "$tableId": table.id,
        "$sequence": sequence,
    })
}
