//! Relationship columns: `POST …/columns/relationship`,
//! `PATCH …/columns/{key}/relationship`, and deleting one (with its partner).

use serde_json::Value;

use super::Side;
use crate::engine::definitions::column_def::check_against_table;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::schema::{ColumnKind, ColumnMeta, ColumnSpec, RelationshipSpec, Status, TableMeta};
use crate::store::relations::{self, Layout, RelationType};
use crate::store::{Tx, catalog};
use crate::validate::datetime::now_ms;
use crate::validate::ids::{KEY_DESCRIPTION, UID_DESCRIPTION, check_key, is_valid_id};

const TYPES: &str = "Value must be one of (oneToOne, manyToOne, manyToMany, oneToMany)";
const ON_DELETE: &str = "Value must be one of (cascade, restrict, setNull)";
const ON_DELETE_VALUES: &[&str] = &["cascade", "restrict", "setNull"];

/// `409 column_already_exists` for `key`.
fn exists(key: &str) -> ApiError {
    catalogue::column_exists(key)
}

/// An optional, nullable key parameter.
fn key_param(params: &Params, name: &str) -> ApiResult<Option<String>> {
    match params.get(name) {
        None => Ok(None),
        Some(Value::String(key)) => {
            check_key(name, key)?;
            Ok(Some(key.clone()))
        }
        Some(_) => Err(ApiError::param_invalid(name, KEY_DESCRIPTION)),
    }
}

/// An optional `onDelete` parameter (`nullable` on update, whose description then ends
/// "or null").
fn on_delete_param(params: &Params, nullable: bool) -> ApiResult<Option<String>> {
    match params.get("onDelete") {
        None => Ok(None),
        Some(Value::String(s)) if ON_DELETE_VALUES.contains(&s.as_str()) => Ok(Some(s.clone())),
        Some(_) if nullable => Err(ApiError::param_invalid(
            "onDelete",
            &format!("{ON_DELETE} or null"),
        )),
        Some(_) => Err(ApiError::param_invalid("onDelete", ON_DELETE)),
    }
}

/// A relationship column's spec.
fn spec(key: &str, relationship: RelationshipSpec) -> ColumnSpec {
    let mut spec = ColumnSpec::new(key, ColumnKind::Relationship);
    spec.relationship = Some(relationship);
    spec
}

/// `POST …/columns/relationship`: creates the column (`side: parent`) and, on the related
/// table, its partner `twoWayKey` (`side: child`; listed only when `twoWay`), both
/// `processing`; answers `202`.
pub fn create(tx: &mut Tx<'_>, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let (db_id, table_id) = (request.database.as_str(), request.table.as_str());
    let related_id = match params.get("relatedTableId") {
        None => return Err(ApiError::param_missing("relatedTableId")),
        Some(Value::String(id)) if is_valid_id(id) => id.clone(),
        Some(_) => return Err(ApiError::param_invalid("relatedTableId", UID_DESCRIPTION)),
    };
    let kind = match params.get("type") {
        None => return Err(ApiError::param_missing("type")),
        Some(Value::String(t)) => {
            RelationType::parse(t).ok_or_else(|| ApiError::param_invalid("type", TYPES))?
        }
        Some(_) => return Err(ApiError::param_invalid("type", TYPES)),
    };
    let two_way = params.bool_strict("twoWay")?.unwrap_or(false);
    let key = key_param(params, "key")?;
    let two_way_key_given = key_param(params, "twoWayKey")?;
    let on_delete = on_delete_param(params, false)?.unwrap_or_else(|| "restrict".into());
    let key = key.unwrap_or_else(|| related_id.clone());
    let two_way_key = two_way_key_given
        .clone()
        .unwrap_or_else(|| table_id.to_string());

    let table = catalog::table(tx, db_id, table_id)?;
    let related = catalog::table(tx, db_id, &related_id)?;
    // Appwrite's checks against the relationship columns it lists.
    for column in table.columns.iter().filter(|c| !relations::is_hidden(c)) {
        let Some(existing) = relations::spec_of(column) else {
            continue;
        };
        if column.spec.key.eq_ignore_ascii_case(&key) {
            return Err(exists(&key));
        }
        if existing.two_way_key.eq_ignore_ascii_case(&two_way_key)
            && existing.related_table == related.id
        {
            return Err(exists(two_way_key_given.as_deref().unwrap_or(&key)));
        }
        if kind == RelationType::ManyToMany
            && existing.relation() == RelationType::ManyToMany
            && existing.related_table == related.id
        {
            return Err(catalogue::second_many_to_many());
        }
    }
    let parent = spec(
        &key,
        RelationshipSpec {
            related_table: related.id.clone(),
            relation_type: kind.as_str().into(),
            two_way,
            two_way_key: two_way_key.clone(),
            on_delete: on_delete.clone(),
            side: "parent".into(),
        },
    );
    let child = spec(
        &two_way_key,
        RelationshipSpec {
            related_table: table.id.clone(),
            relation_type: kind.as_str().into(),
            two_way,
            two_way_key: key.clone(),
            on_delete,
            side: "child".into(),
        },
    );
    check_against_table(&parent, &table, None)?;
    if table.seq == related.seq && key.eq_ignore_ascii_case(&two_way_key) {
        return Err(exists(&two_way_key));
    }
    if two_way {
        check_against_table(&child, &related, None)?;
    } else if related.column(&two_way_key).is_some() {
        // Appwrite accepts this and its worker then fails the column; refusing at once
        // keeps the catalogue consistent.
        return Err(exists(&two_way_key));
    }
    let parent_seq = catalog::insert_column(tx, &table, &parent, Status::Processing)?;
    let child_seq = catalog::insert_column(tx, &related, &child, Status::Processing)?;
    relations::create(
        tx,
        &Layout {
            kind,
            two_way,
            parent_table: table.seq,
            parent_column: parent_seq,
            child_table: related.seq,
            child_column: child_seq,
        },
    )?;
    let column = catalog::column_as_created(tx, parent_seq)?;
    Ok(Reply::accepted(column.to_json()))
}

/// `PATCH …/columns/{key}/relationship`: renames the column (`newKey`) and/or changes
/// `onDelete`; the partner follows (its `twoWayKey`, the shared `onDelete`).
pub fn update(tx: &mut Tx<'_>, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let (db_id, table_id, key) = (
        request.database.as_str(),
        request.table.as_str(),
        request.key.as_str(),
    );
    let on_delete = on_delete_param(params, true)?;
    let new_key = key_param(params, "newKey")?;
    let table = catalog::table(tx, db_id, table_id)?;
    let column = listed_column(&table, key)?.clone();
    if !column.is_available() {
        return Err(ApiError::column_not_available(key));
    }
    // Appwrite fails with a bare 500 on a column that is not a relationship and on a
    // `newKey` that another column has (reproduced bugs, both releases).
    if relations::spec_of(&column).is_none() {
        return Err(catalogue::server_error());
    }
    if let Some(new_key) = &new_key {
        let clash = table
            .columns
            .iter()
            .any(|c| c.seq != column.seq && c.spec.key.eq_ignore_ascii_case(new_key));
        if clash {
            return Err(catalogue::server_error());
        }
    }
    let side = Side::resolve(tx, &table, &column)?
        .ok_or_else(|| relations::inconsistent("partner column missing"))?;
    let new_key = new_key.unwrap_or_else(|| column.spec.key.clone());
    // An omitted `onDelete` keeps the stored one, but the answer shows the parameter's
    // default, `restrict` (a reproduced quirk, both releases).
    let shown_default = on_delete.is_none();
    let current_on_delete = relations::spec_of(&column)
        .map(|r| r.on_delete.clone())
        .unwrap_or_default();
    let on_delete = on_delete.unwrap_or(current_on_delete);

    let mut own = column.spec.clone();
    own.key = new_key.clone();
    if let Some(r) = own.relationship.as_mut() {
        r.on_delete = on_delete.clone();
    }
    let mut partner = side.partner.spec.clone();
    if let Some(r) = partner.relationship.as_mut() {
        r.two_way_key = new_key;
        r.on_delete = on_delete;
    }
    catalog::update_column(tx, &column, &own)?;
    catalog::update_column(tx, &side.partner, &partner)?;
    let table = catalog::table(tx, db_id, table_id)?;
    let updated = table
        .columns
        .iter()
        .find(|c| c.seq == column.seq)
        .ok_or_else(|| ApiError::internal("column vanished"))?;
    let mut answer = updated.to_json();
    if shown_default {
        answer["onDelete"] = Value::String("restrict".into());
    }
    Ok(Reply::ok(answer))
}

/// The column `key` as the API lists it (the hidden side of a one-way relationship is not).
pub fn listed_column<'a>(table: &'a TableMeta, key: &str) -> ApiResult<&'a ColumnMeta> {
    table
        .column(key)
        .filter(|c| !relations::is_hidden(c))
        .ok_or_else(|| ApiError::column_not_found(key))
}

/// `DELETE …/columns/{key}` of a relationship column: it and its partner go `deleting`
/// (then disappear), and the relationship's stored links are dropped at once.
pub fn delete(tx: &mut Tx<'_>, table: &TableMeta, column: &ColumnMeta) -> ApiResult<Reply> {
    let ready_at = Some(now_ms() + tx.delay_ms);
    if let Some(side) = Side::resolve(tx, table, column)? {
        relations::drop(tx, &side.layout)?;
        catalog::mark_column(tx, side.partner.seq, Status::Deleting, "", ready_at)?;
    }
    catalog::mark_column(tx, column.seq, Status::Deleting, "", ready_at)?;
    Ok(Reply::NoContent)
}
