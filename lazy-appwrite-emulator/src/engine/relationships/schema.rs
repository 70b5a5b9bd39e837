//! Relationship columns: `POST …/columns/relationship`,
//! `PATCH …/columns/{key}/relationship`, and deleting one (with its partner).

use serde_json::Value;

use super::Side;
use crate::engine::definitions::column_def::check_against_table;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{BodyValues, Fallback, Param, Rule};
use crate::schema::{ColumnKind, ColumnMeta, ColumnSpec, RelationshipSpec, Status, TableMeta};
use crate::store::relations::{self, Layout, RelationType};
use crate::store::{Tx, catalog};
use crate::validate::datetime::now_ms;

/// The relation types `type` accepts, in the order its message lists them.
const TYPES: &[&str] = &["oneToOne", "manyToOne", "manyToMany", "oneToMany"];
/// The `onDelete` values, in the order its message lists them.
const ON_DELETE: &[&str] = &["cascade", "restrict", "setNull"];

/// `409 column_already_exists` for `key`.
fn exists(key: &str) -> ApiError {
    catalogue::column_exists(key)
}

/// `relatedTableId` of a new relationship: a UID.
pub const RELATED_TABLE_ID: Param = Param::required("relatedTableId", Rule::Uid);
/// `type` of a new relationship: one of `TYPES`.
pub const TYPE: Param = Param::required("type", Rule::OneOf(TYPES));
/// `twoWay`: a strict boolean, `false` by default.
pub const TWO_WAY: Param = Param::optional("twoWay", Rule::StrictBool).or(Fallback::Bool(false));
/// `key` of a new relationship: a key, the related table's ID by default.
pub const KEY: Param = Param::optional("key", Rule::Key);
/// `twoWayKey`: a key, the table's ID by default.
pub const TWO_WAY_KEY: Param = Param::optional("twoWayKey", Rule::Key);
/// `onDelete` of a new relationship: one of `ON_DELETE`, `restrict` by default.
pub const ON_DELETE_NEW: Param =
    Param::optional("onDelete", Rule::OneOf(ON_DELETE)).or(Fallback::Text("restrict"));
/// The body of `POST …/columns/relationship`.
pub const CREATE_BODY: &[Param] = &[
    RELATED_TABLE_ID,
    TYPE,
    TWO_WAY,
    KEY,
    TWO_WAY_KEY,
    ON_DELETE_NEW,
];
/// `onDelete` of an update: nullable; omitted keeps the stored one.
pub const ON_DELETE_UPDATED: Param = Param::optional("onDelete", Rule::OneOf(ON_DELETE)).nullable();
/// `newKey` of an update: a key; omitted keeps the column's.
pub const NEW_KEY: Param = Param::optional("newKey", Rule::Key);
/// The body of `PATCH …/columns/{key}/relationship`.
pub const UPDATE_BODY: &[Param] = &[ON_DELETE_UPDATED, NEW_KEY];

/// A relationship column's spec.
fn spec(key: &str, relationship: RelationshipSpec) -> ColumnSpec {
    let mut spec = ColumnSpec::new(key, ColumnKind::Relationship);
    spec.relationship = Some(relationship);
    spec
}

/// `POST …/columns/relationship` with its checked body ([`CREATE_BODY`]): creates the
/// column (`side: parent`) and, on the related table, its partner `twoWayKey`
/// (`side: child`; listed only when `twoWay`), both `processing`; answers `202`.
pub fn create(
    tx: &mut Tx<'_>,
    request: &CheckedRequest<'_>,
    body: &BodyValues,
) -> ApiResult<Reply> {
    let (db_id, table_id) = (request.database.as_str(), request.table.as_str());
    let related_id = body.text(&RELATED_TABLE_ID).unwrap_or_default().to_string();
    let kind = body
        .text(&TYPE)
        .and_then(RelationType::parse)
        .ok_or_else(|| ApiError::internal("relation type not checked"))?;
    let two_way = body.flag(&TWO_WAY);
    let two_way_key_given = body.text(&TWO_WAY_KEY).map(str::to_string);
    let on_delete = body.text(&ON_DELETE_NEW).unwrap_or("restrict").to_string();
    let key = body
        .text(&KEY)
        .map_or_else(|| related_id.clone(), str::to_string);
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

/// `PATCH …/columns/{key}/relationship` ([`UPDATE_BODY`]): renames the column (`newKey`) and/or changes
/// `onDelete`; the partner follows (its `twoWayKey`, the shared `onDelete`).
pub fn update(tx: &mut Tx<'_>, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db_id, table_id, key) = (
        request.database.as_str(),
        request.table.as_str(),
        request.key.as_str(),
    );
    let on_delete = request.body.text(&ON_DELETE_UPDATED).map(str::to_string);
    let new_key = request.body.text(&NEW_KEY).map(str::to_string);
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
