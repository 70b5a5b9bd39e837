//! What deleting a row does to its related rows (`onDelete`), as utopia's
//! `deleteRestrict`, `deleteSetNull` and `deleteCascade` do it:
//!
//! * `restrict`: a parent (`oneToOne`, `oneToMany`, `manyToMany`) with related rows, or the
//!   "one" side of a `manyToOne` that rows point at, is `403 row_delete_restricted`;
//! * `setNull`: the references to the deleted row are cleared (junction rows removed);
//! * `cascade`: the related rows are deleted too (each needing `delete` permission), and
//!   so on down, never back through the relationship that led there.

use std::collections::HashSet;

use serde_json::Value;

use super::{Side, relationship_columns};
use crate::engine::access::may;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::schema::TableMeta;
use crate::store::Tx;
use crate::store::relations::{self, Holding, RelationType};
use crate::store::rows::{self as stored, StoredRow};
use crate::validate::datetime::now;

/// The cascade in progress.
#[derive(Debug, Default)]
struct State {
    /// The relationship columns being cascaded through (and their partners).
    through: Vec<(i64, i64)>,
    /// The rows being deleted, by table and lower-cased ID.
    deleting: HashSet<(i64, String)>,
}

/// `403 row_delete_restricted`.
fn restricted() -> ApiError {
    catalogue::row_delete_restricted()
}

/// Applies the `onDelete` of every relationship of `table` for the row about to be deleted.
/// The caller deletes the row itself afterwards.
pub fn before_delete(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    row: &StoredRow,
) -> ApiResult<()> {
    let mut state = State::default();
    state
        .deleting
        .insert((table.seq, row.id.to_ascii_lowercase()));
    apply(tx, ctx, table, row, &mut state)
}

fn apply(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    row: &StoredRow,
    state: &mut State,
) -> ApiResult<()> {
    for column in relationship_columns(table) {
        let Some(side) = Side::resolve(tx, table, &column)? else {
            continue;
        };
        match side.spec.on_delete.as_str() {
            "cascade" => {
                let back = state
                    .through
                    .iter()
                    .any(|(c, p)| *p == column.seq || *c == side.partner.seq);
                if back {
                    continue;
                }
                state.through.push((column.seq, side.partner.seq));
                let result = cascade(tx, ctx, row, &side, state);
                state.through.pop();
                result?;
            }
            "setNull" => set_null(tx, row, &side)?,
            _ => restrict(tx, row, &side)?,
        }
    }
    Ok(())
}

/// The row this side's ID column points at, if it exists.
fn stored_related(tx: &Tx<'_>, row: &StoredRow, side: &Side) -> ApiResult<Option<StoredRow>> {
    if side.spec.holding() != Holding::Stored {
        return Ok(None);
    }
    match row.links.get(&side.column.spec.key).and_then(Value::as_str) {
        Some(id) => stored::find(tx, &side.related, id),
        None => Ok(None),
    }
}

/// The related rows whose ID column (the partner) points at `row`.
fn referencing(tx: &Tx<'_>, row: &StoredRow, side: &Side) -> ApiResult<Vec<StoredRow>> {
    let mut out = Vec::new();
    for seq in relations::referencing(tx, &side.related, &side.partner, &row.id)? {
        out.extend(stored::find_by_seq(tx, &side.related, seq)?);
    }
    Ok(out)
}

/// The related rows linked to `row` through the junction (those that still exist).
fn linked(
    tx: &Tx<'_>,
    row: &StoredRow,
    side: &Side,
) -> ApiResult<Vec<(String, Option<StoredRow>)>> {
    let Some((junction, end)) = side.junction() else {
        return Ok(Vec::new());
    };
    relations::linked(tx, junction, end, &row.id)?
        .into_iter()
        .map(|id| {
            let related = stored::find(tx, &side.related, &id)?;
            Ok((id, related))
        })
        .collect()
}

/// Clears the partner's ID column on `related` (no permission needed).
fn clear_partner(tx: &Tx<'_>, related: &StoredRow, side: &Side) -> ApiResult<()> {
    relations::set_id(
        tx,
        &side.related,
        related.seq,
        &related.id,
        &side.partner,
        None,
        &now(),
    )
}

fn restrict(tx: &Tx<'_>, row: &StoredRow, side: &Side) -> ApiResult<()> {
    let spec = &side.spec;
    let relation = spec.relation();
    if spec.is_parent() && relation != RelationType::ManyToOne {
        let has_related = match spec.holding() {
            Holding::Stored => stored_related(tx, row, side)?.is_some(),
            Holding::Referenced => !referencing(tx, row, side)?.is_empty(),
            Holding::Junction => linked(tx, row, side)?.iter().any(|(_, r)| r.is_some()),
            Holding::Nothing => false,
        };
        if has_related {
            return Err(restricted());
        }
    }
    match (relation, spec.is_parent()) {
        (RelationType::OneToOne, false) if !spec.two_way => {
            // The child of a one-way oneToOne: the parent pointing at it is cleared.
            if let Some(parent) = referencing(tx, row, side)?.first() {
                clear_partner(tx, parent, side)?;
            }
        }
        (RelationType::ManyToOne, false) if !referencing(tx, row, side)?.is_empty() => {
            return Err(restricted());
        }
        _ => {}
    }
    Ok(())
}

fn set_null(tx: &Tx<'_>, row: &StoredRow, side: &Side) -> ApiResult<()> {
    let spec = &side.spec;
    match (spec.relation(), spec.is_parent()) {
        (RelationType::OneToOne, true) if !spec.two_way => {}
        (RelationType::OneToOne, false) if !spec.two_way => {
            if let Some(parent) = referencing(tx, row, side)?.first() {
                clear_partner(tx, parent, side)?;
            }
        }
        (RelationType::OneToOne, _) => {
            if let Some(related) = stored_related(tx, row, side)? {
                clear_partner(tx, &related, side)?;
            }
        }
        (RelationType::OneToMany, false) | (RelationType::ManyToOne, true) => {}
        (RelationType::OneToMany, true) | (RelationType::ManyToOne, false) => {
            for related in referencing(tx, row, side)? {
                clear_partner(tx, &related, side)?;
            }
        }
        (RelationType::ManyToMany, _) => {
            if let Some((junction, end)) = side.junction() {
                relations::unlink(tx, junction, end, &row.id, None)?;
            }
        }
    }
    Ok(())
}

fn cascade(
    tx: &mut Tx<'_>,
    ctx: &Context,
    row: &StoredRow,
    side: &Side,
    state: &mut State,
) -> ApiResult<()> {
    let spec = &side.spec;
    match (spec.relation(), spec.is_parent()) {
        (RelationType::OneToOne, _) => {
            if let Some(related) = stored_related(tx, row, side)? {
                delete_related(tx, ctx, &side.related, &related, state)?;
            }
        }
        (RelationType::OneToMany, false) | (RelationType::ManyToOne, true) => {}
        (RelationType::OneToMany, true) | (RelationType::ManyToOne, false) => {
            for related in referencing(tx, row, side)? {
                delete_related(tx, ctx, &side.related, &related, state)?;
            }
        }
        (RelationType::ManyToMany, parent) => {
            let Some((junction, end)) = side.junction() else {
                return Ok(());
            };
            for (id, related) in linked(tx, row, side)? {
                if parent && let Some(related) = related {
                    delete_related(tx, ctx, &side.related, &related, state)?;
                }
                relations::unlink(tx, junction, end, &row.id, Some(&id))?;
            }
        }
    }
    Ok(())
}

/// Deletes a related row as part of a cascade: its own relationships first, then the row.
/// Needs `delete` permission on it.
fn delete_related(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    row: &StoredRow,
    state: &mut State,
) -> ApiResult<()> {
    if !state
        .deleting
        .insert((table.seq, row.id.to_ascii_lowercase()))
    {
        return Ok(());
    }
    // It may have changed since it was read (an ID cleared, say).
    let Some(current) = stored::find(tx, table, &row.id)? else {
        return Ok(());
    };
    if !may(table, Some(&current), "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    apply(tx, ctx, table, &current, state)?;
    stored::delete(tx, table, current.seq)
}
