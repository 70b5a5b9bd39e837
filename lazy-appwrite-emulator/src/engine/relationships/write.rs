//! The relationship values of a row write.
//!
//! A value is a related row's ID, a nested row object (created when its `$id` is new,
//! updated otherwise), a list of those for a to-many side, or `null`. Creating a row links
//! with utopia's `createDocumentRelationships` semantics ([`link_new`]); updating one with
//! `updateDocumentRelationships` ([`link_existing`]): a to-one value replaces the link, a
//! list replaces the set. Nested writes go at most three rows deep: below that only the link
//! back to the row above is kept.

use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value};

use super::values::{
    ARRAY_GIVEN, Links, NOT_A_RELATION, NOT_AN_ITEM, ONE_WAY_CHILD, equals_empty_list, equals_null,
    id_value, invalid, item_ids, normalize_one, object_id, stores, take,
};
use super::{MAX_DEPTH, Side, readable, relationship_columns};
use crate::engine::access::{create_denied, denied, grants, may};
use crate::engine::row_data::{encode_row, take_system_fields};
use crate::error::catalogue;
use crate::error::catalogue::relationships;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::php;
use crate::schema::TableMeta;
use crate::store::Tx;
use crate::store::relations::{self, Holding, RelationType};
use crate::store::rows::{self as stored, RowWrite, StoredRow};
use crate::validate::datetime::now;

/// The row a write links from.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    /// Its table.
    pub table: &'a TableMeta,
    /// Its ID.
    pub id: &'a str,
    /// Its permissions (new rows created through it inherit them).
    pub permissions: &'a [String],
}

/// Where a write is in a chain of nested writes.
#[derive(Debug, Clone, Default)]
pub struct Nest {
    /// The tables of the rows above, outermost first.
    stack: Vec<i64>,
    /// The column holding the link back to the row above, which that row has set already.
    backref: Option<i64>,
}

impl Nest {
    /// utopia's write-depth rule: two rows down, only relationships back to the table
    /// above are followed; the others are dropped.
    fn skips(&self, related: &TableMeta) -> bool {
        self.stack.len() >= MAX_DEPTH - 1 && self.stack.last() != Some(&related.seq)
    }

    fn below(&self, table: &TableMeta, backref: Option<i64>) -> Nest {
        let mut stack = self.stack.clone();
        stack.push(table.seq);
        Nest { stack, backref }
    }
}

/// Links the new row `owner` (create and upsert semantics) and returns the values of its
/// ID columns. Runs before the row is inserted, as utopia does.
pub fn link_new(
    tx: &mut Tx<'_>,
    ctx: &Context,
    owner: &Owner<'_>,
    links: Links,
    nest: &Nest,
) -> ApiResult<Vec<(String, SqlValue)>> {
    let mut ids = Vec::new();
    for (column, value) in links.0 {
        if nest.backref == Some(column.seq) {
            if stores(&column) {
                ids.push((column.physical(), id_value(&value)));
            }
            continue;
        }
        let Some(side) = Side::resolve(tx, owner.table, &column)? else {
            continue;
        };
        if nest.skips(&side.related) {
            continue;
        }
        let holding = side.spec.holding();
        match value {
            Value::Null => {
                if holding == Holding::Stored {
                    ids.push((column.physical(), SqlValue::Null));
                }
            }
            Value::Array(items) => {
                if !side.spec.is_to_many() {
                    return Err(invalid(ARRAY_GIVEN));
                }
                for item in items {
                    match item {
                        Value::Object(object) => {
                            relate_object(tx, ctx, owner, &side, object, nest, true)?;
                        }
                        Value::String(id) => relate_id(tx, ctx, owner, &side, &id)?,
                        _ => return Err(invalid(NOT_A_RELATION)),
                    }
                }
            }
            Value::Object(object) => {
                if holding == Holding::Nothing {
                    return Err(invalid(ONE_WAY_CHILD));
                }
                if side.spec.is_to_many() {
                    return Err(invalid(relationships::DOCUMENT_GIVEN_TO_MANY));
                }
                let id = relate_object(tx, ctx, owner, &side, object, nest, true)?;
                ids.push((column.physical(), SqlValue::Text(id)));
            }
            Value::String(id) => {
                if holding == Holding::Nothing {
                    return Err(invalid(ONE_WAY_CHILD));
                }
                if side.spec.is_to_many() {
                    return Err(invalid(relationships::ID_GIVEN_TO_MANY));
                }
                relate_id(tx, ctx, owner, &side, &id)?;
                ids.push((column.physical(), SqlValue::Text(id)));
            }
            _ => return Err(invalid(NOT_A_RELATION)),
        }
    }
    Ok(ids)
}

/// Updates the links of the existing row `row` (update semantics: each given value
/// replaces the link or the set). Returns the values of its ID columns to write and whether
/// any link of the row changed.
pub fn link_existing(
    tx: &mut Tx<'_>,
    ctx: &Context,
    owner: &Owner<'_>,
    row: &StoredRow,
    links: Links,
    nest: &Nest,
) -> ApiResult<(Vec<(String, SqlValue)>, bool)> {
    let mut ids = Vec::new();
    let mut changed = false;
    for (column, value) in links.0 {
        let old_id = row
            .links
            .get(&column.spec.key)
            .and_then(Value::as_str)
            .map(str::to_string);
        if nest.backref == Some(column.seq) {
            if stores(&column) {
                let new = id_value(&value);
                changed |= new != old_id.clone().map_or(SqlValue::Null, SqlValue::Text);
                ids.push((column.physical(), new));
            }
            continue;
        }
        let Some(side) = Side::resolve(tx, owner.table, &column)? else {
            continue;
        };
        match side.spec.holding() {
            Holding::Nothing => {
                if !equals_null(&value) {
                    return Err(invalid(ONE_WAY_CHILD));
                }
            }
            Holding::Stored => {
                if old_id.is_none() && equals_null(&value) || nest.skips(&side.related) {
                    continue;
                }
                let new_id = replace_stored(tx, ctx, owner, &side, old_id.as_deref(), value, nest)?;
                changed |= new_id != old_id;
                ids.push((
                    column.physical(),
                    new_id.map_or(SqlValue::Null, SqlValue::Text),
                ));
            }
            Holding::Referenced => {
                let old_rows: Vec<StoredRow> =
                    relations::referencing(tx, &side.related, &side.partner, owner.id)?
                        .into_iter()
                        .map(|seq| stored::find_by_seq(tx, &side.related, seq))
                        .collect::<ApiResult<Vec<_>>>()?
                        .into_iter()
                        .flatten()
                        .collect();
                let old_ids: Vec<String> = old_rows.iter().map(|r| r.id.clone()).collect();
                if old_ids.is_empty() && equals_empty_list(&value) || nest.skips(&side.related) {
                    continue;
                }
                let Value::Array(items) = value else {
                    return Err(invalid(relationships::to_many_given(
                        php::gettype_keeping_objects(&value),
                    )));
                };
                let new_ids = item_ids(&items)?;
                for old in old_rows.iter().filter(|r| !new_ids.contains(&r.id)) {
                    set_partner(tx, ctx, &side, old, None, false)?;
                }
                for item in items {
                    match item {
                        Value::String(id) => relate_id(tx, ctx, owner, &side, &id)?,
                        Value::Object(object) => {
                            relate_object(tx, ctx, owner, &side, object, nest, false)?;
                        }
                        _ => return Err(invalid(relationships::INVALID)),
                    }
                }
                changed |= old_ids != new_ids;
            }
            Holding::Junction => {
                let Some((junction, end)) = side.junction() else {
                    continue;
                };
                if value.is_null() {
                    continue;
                }
                let mut old_ids: Vec<String> = Vec::new();
                for id in relations::linked(tx, junction, end, owner.id)? {
                    if stored::find(tx, &side.related, &id)?.is_some() {
                        old_ids.push(id);
                    }
                }
                if old_ids.is_empty() && equals_empty_list(&value) || nest.skips(&side.related) {
                    continue;
                }
                let Value::Array(items) = value else {
                    return Err(invalid(relationships::NOT_A_LIST));
                };
                let new_ids = item_ids(&items)?;
                for old in old_ids.iter().filter(|id| !new_ids.contains(id)) {
                    relations::unlink(tx, junction, end, owner.id, Some(old))?;
                }
                for item in items {
                    let id = match item {
                        Value::String(id) => {
                            if old_ids.contains(&id) || !exists_readable(tx, ctx, &side, &id)? {
                                continue;
                            }
                            id
                        }
                        Value::Object(object) => {
                            let id = relate_object(tx, ctx, owner, &side, object, nest, false)?;
                            if old_ids.contains(&id) {
                                continue;
                            }
                            id
                        }
                        _ => return Err(invalid(NOT_AN_ITEM)),
                    };
                    relations::link(tx, junction, end, owner.id, &id)?;
                }
                changed |= old_ids != new_ids;
            }
        }
    }
    Ok((ids, changed))
}

/// The new value of a to-one side on update; `None` unlinks.
fn replace_stored(
    tx: &mut Tx<'_>,
    ctx: &Context,
    owner: &Owner<'_>,
    side: &Side,
    old_id: Option<&str>,
    value: Value,
    nest: &Nest,
) -> ApiResult<Option<String>> {
    let one_to_one = side.spec.relation() == RelationType::OneToOne;
    let two_way_one = one_to_one && side.spec.two_way;
    match value {
        Value::String(id) => {
            // A row that does not exist (or cannot be read) unlinks.
            let Some(related) = find_readable(tx, ctx, side, &id)? else {
                return Ok(None);
            };
            if two_way_one {
                set_partner(tx, ctx, side, &related, Some(owner.id), true)?;
            }
            Ok(Some(id))
        }
        Value::Object(object) => relate_object(tx, ctx, owner, side, object, nest, false).map(Some),
        Value::Null => {
            if two_way_one
                && let Some(old) = old_id
                && let Some(related) = stored::find(tx, &side.related, old)?
            {
                set_partner(tx, ctx, side, &related, None, true)?;
            }
            Ok(None)
        }
        other => Err(invalid(if one_to_one {
            if !side.spec.two_way && other.is_array() {
                relationships::ONE_TO_ONE_ARRAY_GIVEN
            } else {
                relationships::ONE_TO_ONE_INVALID
            }
        } else if other.is_array() {
            ARRAY_GIVEN
        } else if php::empty(&other) {
            relationships::EMPTY_GIVEN
        } else {
            relationships::INVALID
        })),
    }
}

/// The related row `id`, if it exists and the caller may read it (utopia looks related rows
/// up with authorization on).
fn find_readable(
    tx: &Tx<'_>,
    ctx: &Context,
    side: &Side,
    id: &str,
) -> ApiResult<Option<StoredRow>> {
    Ok(stored::find(tx, &side.related, id)?.filter(|r| readable(&side.related, r, ctx)))
}

fn exists_readable(tx: &Tx<'_>, ctx: &Context, side: &Side, id: &str) -> ApiResult<bool> {
    Ok(find_readable(tx, ctx, side, id)?.is_some())
}

/// Links `owner` to the existing related row `id` (utopia's `relateDocumentsById`): a row
/// that does not exist or cannot be read is ignored; otherwise the related row records the
/// link when it holds it (its ID column, or a junction row).
fn relate_id(
    tx: &mut Tx<'_>,
    ctx: &Context,
    owner: &Owner<'_>,
    side: &Side,
    id: &str,
) -> ApiResult<()> {
    let Some(related) = find_readable(tx, ctx, side, id)? else {
        return Ok(());
    };
    match side.spec.holding() {
        Holding::Stored if side.spec.relation() == RelationType::OneToOne && side.spec.two_way => {
            set_partner(tx, ctx, side, &related, Some(owner.id), true)
        }
        Holding::Referenced => set_partner(tx, ctx, side, &related, Some(owner.id), true),
        Holding::Junction => match side.junction() {
            Some((junction, end)) => relations::link(tx, junction, end, owner.id, id),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Sets the partner's ID column on the related row `related` (bumping its `$updatedAt`);
/// with `check`, a change needs `update` permission on it.
fn set_partner(
    tx: &Tx<'_>,
    ctx: &Context,
    side: &Side,
    related: &StoredRow,
    value: Option<&str>,
    check: bool,
) -> ApiResult<()> {
    let current = related
        .links
        .get(&side.partner.spec.key)
        .and_then(Value::as_str);
    if related.links.contains_key(&side.partner.spec.key) && current == value {
        return Ok(());
    }
    if check && !may(&side.related, Some(related), "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    relations::set_id(
        tx,
        &side.related,
        related.seq,
        &related.id,
        &side.partner,
        value,
        &now(),
    )
}

/// Writes a nested row object (utopia's `relateDocuments`): creates the related row when
/// its `$id` is new (inheriting the owner's permissions unless it brings `$permissions`),
/// updates it otherwise; the related row records the link back when it holds it. With
/// `link`, a `manyToMany` junction row is added. Returns the related row's ID.
fn relate_object(
    tx: &mut Tx<'_>,
    ctx: &Context,
    owner: &Owner<'_>,
    side: &Side,
    mut object: Map<String, Value>,
    nest: &Nest,
    link: bool,
) -> ApiResult<String> {
    let id = object_id(&object);
    let backref = side.spec.holding() == Holding::Referenced
        || side.spec.relation() == RelationType::OneToOne && side.spec.two_way;
    if backref {
        object.insert(
            side.partner.spec.key.clone(),
            Value::String(owner.id.to_string()),
        );
    }
    let below = nest.below(owner.table, backref.then_some(side.partner.seq));
    match stored::find(tx, &side.related, &id)? {
        None => create_nested(
            tx,
            ctx,
            &side.related,
            &id,
            object,
            owner.permissions,
            &below,
        )?,
        Some(existing) => update_nested(tx, ctx, &side.related, &existing, object, &below)?,
    }
    if link && let Some((junction, end)) = side.junction() {
        relations::link(tx, junction, end, owner.id, &id)?;
    }
    Ok(id)
}

/// Creates a related row from a nested object; needs `create` permission on its table.
fn create_nested(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    id: &str,
    mut object: Map<String, Value>,
    inherited: &[String],
    nest: &Nest,
) -> ApiResult<()> {
    if !grants(&table.permissions, "create", ctx) {
        return Err(create_denied(&table.permissions, ctx));
    }
    object.remove("$id");
    if object.get("$permissions").is_some_and(Value::is_null) {
        object.remove("$permissions");
    }
    let system = take_system_fields(&mut object, ctx)?;
    let permissions = system.permissions.unwrap_or_else(|| inherited.to_vec());
    let links = take(table, &mut object)?;
    let mut values = encode_row(table, &object)?;
    let owner = Owner {
        table,
        id,
        permissions: &permissions,
    };
    values.extend(link_new(tx, ctx, &owner, links, nest)?);
    let at = now();
    let created_at = system.created_at.unwrap_or_else(|| at.clone());
    let updated_at = system.updated_at.unwrap_or(at);
    stored::insert(
        tx,
        table,
        &RowWrite {
            id,
            created_at: &created_at,
            updated_at: &updated_at,
            permissions: &permissions,
            values,
        },
    )?;
    Ok(())
}

/// Merges a nested object into the existing related row `existing`; needs `update`
/// permission when something changes (`read` otherwise), as a row update does.
fn update_nested(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    existing: &StoredRow,
    mut object: Map<String, Value>,
    nest: &Nest,
) -> ApiResult<()> {
    object.remove("$id");
    if object.get("$permissions").is_some_and(Value::is_null) {
        object.remove("$permissions");
    }
    let system = take_system_fields(&mut object, ctx)?;
    let permissions = system
        .permissions
        .unwrap_or_else(|| existing.permissions.clone());
    let links = take(table, &mut object)?;
    let mut merged = existing.values.clone();
    merged.extend(object);
    let mut values = encode_row(table, &merged)?;
    let owner = Owner {
        table,
        id: &existing.id,
        permissions: &permissions,
    };
    let (ids, links_changed) = link_existing(tx, ctx, &owner, existing, links, nest)?;
    let changed = links_changed
        || permissions != existing.permissions
        || encode_row(table, &existing.values).ok().as_ref() != Some(&values);
    let action = if changed { "update" } else { "read" };
    if !may(table, Some(existing), action, ctx) {
        return Err(ApiError::unauthorized());
    }
    values.extend(ids);
    let updated_at = match (system.updated_at, changed) {
        (Some(at), _) => at,
        (None, true) => now(),
        (None, false) => existing.updated_at.clone(),
    };
    let created_at = system
        .created_at
        .unwrap_or_else(|| existing.created_at.clone());
    stored::update(
        tx,
        table,
        existing.seq,
        &RowWrite {
            id: &existing.id,
            created_at: &created_at,
            updated_at: &updated_at,
            permissions: &permissions,
            values,
        },
    )
}

/// The create endpoint's permission pre-check of nested row objects, before anything is
/// written: a new related row needs `create` on its table; an existing one needs `update`
/// on its table **and** row security on it (quirk: Appwrite refuses nested updates of rows
/// in tables without row security, even for the API key). Nested objects are checked
/// recursively.
pub fn check_create(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &TableMeta,
    data: &Map<String, Value>,
) -> ApiResult<()> {
    for column in relationship_columns(table) {
        if relations::is_hidden(&column) {
            continue;
        }
        let Some(value) = data.get(&column.spec.key) else {
            continue;
        };
        if php::empty(value) {
            continue;
        }
        let items = match value {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        let Some(side) = Side::resolve(tx, table, &column)? else {
            continue;
        };
        for mut item in items {
            normalize_one(&mut item)?;
            let Value::Object(object) = item else {
                continue;
            };
            let id = object_id(&object);
            let exists = stored::find(tx, &side.related, &id)?.is_some();
            let related = &side.related;
            if !exists && !grants(&related.permissions, "create", ctx) {
                return Err(create_denied(&related.permissions, ctx));
            }
            if exists && !grants(&related.permissions, "update", ctx) {
                return Err(denied("update", &related.permissions, ctx));
            }
            if exists && !related.row_security {
                // The table grants `update`, but rows of a table without row security may
                // not be updated through a relationship: Appwrite's validator passed, so
                // its message is the validator's initial one.
                return Err(authorization_error(ctx));
            }
            check_create(tx, ctx, related, &object)?;
        }
    }
    Ok(())
}

/// `401 user_unauthorized` when the authorization validator passed but the write is still
/// refused: 1.9 sends the validator's initial description, "Authorization Error".
fn authorization_error(ctx: &Context) -> ApiError {
    if ctx.profile.explains_authorization_errors() {
        catalogue::authorization_error()
    } else {
        ApiError::unauthorized()
    }
}
