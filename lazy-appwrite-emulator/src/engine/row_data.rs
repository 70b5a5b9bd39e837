//! Turning a row write's `data` into stored values: system keys, unknown and required
//! columns, defaults, and per-column validation.

use rusqlite::types::Value as SqlValue;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::writes::permission_list;
use crate::schema::TableMeta;
use crate::store::codec::encode;
use crate::store::layout::data_columns;
use crate::validate::datetime::parse_datetime;

/// The system keys a caller may put in `data`, taken out of the column values.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SystemFields {
    /// `$permissions` from `data`, when the `permissions` parameter is absent.
    pub permissions: Option<Vec<String>>,
    /// `$createdAt`, honoured for the API key only.
    pub created_at: Option<String>,
    /// `$updatedAt`, honoured for the API key only.
    pub updated_at: Option<String>,
}

/// Splits `$`-keys out of `data`: `$id`, `$sequence`, `$tableId`, `$databaseId` are dropped;
/// `$permissions`, `$createdAt` and `$updatedAt` are returned (the dates only for the key).
/// `$collectionId` is not a TablesDB key: it stays and fails as an unknown attribute.
pub fn take_system_fields(data: &mut Map<String, Value>, ctx: &Context) -> ApiResult<SystemFields> {
    let mut fields = SystemFields::default();
    for key in ["$id", "$sequence", "$tableId", "$databaseId"] {
        data.remove(key);
    }
    if let Some(value) = data.remove("$permissions") {
        fields.permissions = Some(permission_list(&value)?);
    }
    for (key, slot) in [
        ("$createdAt", &mut fields.created_at),
        ("$updatedAt", &mut fields.updated_at),
    ] {
        let Some(value) = data.remove(key) else {
            continue;
        };
        if !ctx.caller.is_privileged() || value.is_null() {
            continue;
        }
        let parsed = value.as_str().and_then(parse_datetime).ok_or_else(|| {
            ApiError::structure(format!("Attribute \"{key}\" has invalid format. Value must be valid date between 0000-01-01 00:00:00 and 9999-12-31 23:59:59."))
        })?;
        *slot = Some(parsed);
    }
    Ok(fields)
}

/// Validates a whole row document (column key → value) against the table and returns
/// `(physical column, stored value)` for every available column. Missing or `null`
/// optional columns take their default.
pub fn encode_row(
    table: &TableMeta,
    data: &Map<String, Value>,
) -> ApiResult<Vec<(String, SqlValue)>> {
    encode_row_unbounded(table, data, &[])
}

/// [`encode_row`], except that the columns in `unbounded` (values computed by update
/// operators) skip their `min`/`max` check, and array results every element check, as
/// Appwrite writes those with SQL.
pub fn encode_row_unbounded(
    table: &TableMeta,
    data: &Map<String, Value>,
    unbounded: &[String],
) -> ApiResult<Vec<(String, SqlValue)>> {
    for column in data_columns(table) {
        if column.spec.required && data.get(&column.spec.key).is_none_or(Value::is_null) {
            return Err(ApiError::structure(
                crate::error::catalogue::validators::missing_attribute(&column.spec.key),
            ));
        }
    }
    for key in data.keys() {
        if !data_columns(table).any(|c| c.spec.key == *key) {
            return Err(ApiError::structure(
                crate::error::catalogue::validators::unknown_attribute(key),
            ));
        }
    }
    let mut out = Vec::new();
    for column in data_columns(table) {
        let value = match data.get(&column.spec.key) {
            Some(v) if !v.is_null() => v,
            _ => column.spec.row_default(),
        };
        let computed = unbounded.contains(&column.spec.key);
        if computed && column.spec.array && value.is_array() {
            // An array operator's result is written with SQL, unchecked: `arrayAppend` can
            // add an integer or an oversized string to a string array (a reproduced bug,
            // both releases; later plain writes of the row then fail validation).
            out.push((column.physical(), SqlValue::Text(value.to_string())));
            continue;
        }
        let stored = if computed {
            encode(&crate::engine::operators::unbounded(&column.spec), value)
        } else {
            encode(&column.spec, value)
        }
        .map_err(ApiError::structure)?;
        out.push((column.physical(), stored));
    }
    Ok(out)
}

/// An upsert of an existing row validates the given document before merging it: every
/// required column must be in `data` itself, though the stored row has them (`400 Missing
/// required attribute`).
pub fn check_upsert_carries_required(
    table: &TableMeta,
    data: &Map<String, Value>,
) -> ApiResult<()> {
    match table.columns.iter().find(|c| {
        c.is_available()
            && c.spec.required
            && c.spec.relationship.is_none()
            && !data.contains_key(&c.spec.key)
    }) {
        Some(missing) => Err(ApiError::structure(
            crate::error::catalogue::validators::missing_attribute(&missing.spec.key),
        )),
        None => Ok(()),
    }
}
