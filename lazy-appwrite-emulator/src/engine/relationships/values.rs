//! The relationship values of a row write, as the request gives them: taken out of the
//! data, checked and normalised (nested row objects get their `$id`), before
//! [`super::write`] links them.

use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value};

use super::relationship_columns;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::php;
use crate::schema::{ColumnMeta, TableMeta};
use crate::store::relations::{self, Holding};
use crate::validate::ids::{KEY_DESCRIPTION, UNIQUE_LITERAL, is_valid_id, unique_id};

pub(super) use crate::error::catalogue::relationships::{
    ARRAY_GIVEN, NOT_A_RELATION, NOT_AN_ITEM, ONE_WAY_CHILD,
};

/// `400 relationship_value_invalid`.
pub(super) fn invalid(message: impl Into<String>) -> ApiError {
    catalogue::relationship_value_invalid(message)
}

/// The relationship values of a write, taken out of its `data` by [`take`].
#[derive(Debug, Default)]
pub struct Links(pub(super) Vec<(ColumnMeta, Value)>);

/// PHP's `null == $value` (an unset to-one side compared with the new value).
pub(super) fn equals_null(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        other => php::empty(other),
    }
}

/// PHP's `[] == $value` (an empty to-many side compared with the new value).
pub(super) fn equals_empty_list(value: &Value) -> bool {
    matches!(value, Value::Null | Value::Bool(false))
        || matches!(value, Value::Array(a) if a.is_empty())
}

/// Takes the values of `table`'s available relationship columns out of `data`, checked
/// as Appwrite's row endpoints check them first: nested row objects get an `$id` when they
/// have none (or `unique()`), and every ID must be valid.
pub fn take(table: &TableMeta, data: &mut Map<String, Value>) -> ApiResult<Links> {
    let mut links = Vec::new();
    for column in relationship_columns(table) {
        let Some(mut value) = data.remove(&column.spec.key) else {
            continue;
        };
        normalize(&mut value)?;
        links.push((column, value));
    }
    Ok(Links(links))
}

/// Appwrite's pre-check of one relationship value (skipped for PHP-empty values; an empty
/// object is an empty list to PHP).
pub(super) fn normalize(value: &mut Value) -> ApiResult<()> {
    if php::empty(value) {
        if matches!(value, Value::Object(_)) {
            *value = Value::Array(Vec::new());
        }
        return Ok(());
    }
    match value {
        Value::Array(items) => items.iter_mut().try_for_each(normalize_one),
        other => normalize_one(other),
    }
}

/// `validateRelationship` on one related row (ID or object), assigning missing IDs.
pub(super) fn normalize_one(value: &mut Value) -> ApiResult<()> {
    match value {
        Value::Object(map) if !map.is_empty() => match map.get("$id") {
            None | Some(Value::Null) => {
                map.insert("$id".into(), Value::String(unique_id()));
                Ok(())
            }
            Some(Value::String(id)) if id == UNIQUE_LITERAL => {
                map.insert("$id".into(), Value::String(unique_id()));
                Ok(())
            }
            Some(Value::String(id)) if is_valid_id(id) => Ok(()),
            Some(Value::String(_)) => Err(invalid(KEY_DESCRIPTION)),
            Some(_) => Err(invalid(catalogue::relationships::ID_NOT_A_STRING)),
        },
        Value::String(id) if id == UNIQUE_LITERAL || is_valid_id(id) => Ok(()),
        Value::String(_) => Err(invalid(KEY_DESCRIPTION)),
        _ => Err(invalid(catalogue::relationships::NOT_AN_OBJECT_OR_ID)),
    }
}

/// The `$id` of a nested row object (always set by [`normalize`]).
pub(super) fn object_id(object: &Map<String, Value>) -> String {
    match object.get("$id") {
        Some(Value::String(id)) => id.clone(),
        _ => unique_id(),
    }
}

/// A stored ID column's value.
pub(super) fn id_value(value: &Value) -> SqlValue {
    match value {
        Value::String(id) => SqlValue::Text(id.clone()),
        Value::Object(object) => SqlValue::Text(object_id(object)),
        _ => SqlValue::Null,
    }
}

/// Whether `column`'s side stores the related row's ID.
pub(super) fn stores(column: &ColumnMeta) -> bool {
    relations::spec_of(column).is_some_and(|s| s.holding() == Holding::Stored)
}

/// The IDs of a list of related rows (IDs or objects).
pub(super) fn item_ids(items: &[Value]) -> ApiResult<Vec<String>> {
    items
        .iter()
        .map(|item| match item {
            Value::String(id) => Ok(id.clone()),
            Value::Object(object) => Ok(object_id(object)),
            _ => Err(invalid(NOT_AN_ITEM)),
        })
        .collect()
}
