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

/// The `$`-keys a row write's `data` may carry, in the order [`take_system_fields`] takes
/// them out. The order shows: each removal moves `data`'s last key into the removed key's
/// place, and the key order left decides which unknown column an error names.
const SYSTEM_KEYS: [&str; 7] = [
    "$id",
    "$sequence",
    "$tableId",
    "$databaseId",
    "$permissions",
    "$createdAt",
    "$updatedAt",
];

/// Splits `$`-keys out of `data`: `$id`, `$sequence`, `$tableId`, `$databaseId` are dropped;
/// `$permissions`, `$createdAt` and `$updatedAt` are returned (the dates only for the key).
/// `$collectionId` is not a TablesDB key: it stays and fails as an unknown attribute.
pub fn take_system_fields(data: &mut Map<String, Value>, ctx: &Context) -> ApiResult<SystemFields> {
    let fields = read_system_fields(data, ctx)?;
    for key in SYSTEM_KEYS {
        data.remove(key);
    }
    Ok(fields)
}

/// [`take_system_fields`] without taking the keys out: what `data`'s `$`-keys set.
pub fn read_system_fields(data: &Map<String, Value>, ctx: &Context) -> ApiResult<SystemFields> {
    let mut fields = SystemFields::default();
    if let Some(value) = data.get("$permissions") {
        fields.permissions = Some(permission_list(value)?);
    }
    for (key, slot) in [
        ("$createdAt", &mut fields.created_at),
        ("$updatedAt", &mut fields.updated_at),
    ] {
        let Some(value) = data.get(key) else {
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

/// A row write's column values: its `data`, read in place. [`ColumnValues::sent`] reads
/// `data` as [`take_system_fields`] would leave it, without copying it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnValues<'a> {
    data: &'a Map<String, Value>,
    /// Whether the `$`-keys of [`SYSTEM_KEYS`] are still in `data` (and to be skipped).
    with_system_keys: bool,
}

impl<'a> ColumnValues<'a> {
    /// `data` with no `$`-keys left to skip.
    pub fn taken(data: &'a Map<String, Value>) -> Self {
        Self {
            data,
            with_system_keys: false,
        }
    }

    /// `data` as sent, its `$`-keys still in it.
    pub fn sent(data: &'a Map<String, Value>) -> Self {
        Self {
            data,
            with_system_keys: true,
        }
    }

    fn skips(&self, key: &str) -> bool {
        self.with_system_keys && SYSTEM_KEYS.contains(&key)
    }

    /// The value of column `key`, if given.
    fn get(&self, key: &str) -> Option<&'a Value> {
        if self.skips(key) {
            return None;
        }
        self.data.get(key)
    }

    /// The first key, in the order [`take_system_fields`] would leave them, for which
    /// `unknown` holds.
    fn first_key(&self, unknown: impl Fn(&str) -> bool) -> Option<&'a String> {
        if !self.with_system_keys {
            return self.data.keys().find(|key| unknown(key));
        }
        // Rarely needed: only when some key is unknown is the order worked out.
        if !self.data.keys().any(|key| !self.skips(key) && unknown(key)) {
            return None;
        }
        let mut keys: Vec<&'a String> = self.data.keys().collect();
        for system in SYSTEM_KEYS {
            if let Some(at) = keys.iter().position(|key| *key == system) {
                // What `Map::remove` does with `preserve_order`.
                keys.swap_remove(at);
            }
        }
        keys.into_iter().find(|key| unknown(key))
    }
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
    encode_values(table, ColumnValues::taken(data), unbounded)
}

/// [`encode_row_unbounded`] over `data` as [`ColumnValues`] reads it.
pub fn encode_values(
    table: &TableMeta,
    data: ColumnValues<'_>,
    unbounded: &[String],
) -> ApiResult<Vec<(String, SqlValue)>> {
    for column in data_columns(table) {
        if column.spec.required && data.get(&column.spec.key).is_none_or(Value::is_null) {
            return Err(ApiError::structure(
                crate::error::catalogue::validators::missing_attribute(&column.spec.key),
            ));
        }
    }
    if let Some(key) = data.first_key(|key| !data_columns(table).any(|c| c.spec.key == key)) {
        return Err(ApiError::structure(
            crate::error::catalogue::validators::unknown_attribute(key),
        ));
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

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use super::{ColumnValues, encode_row, encode_values, read_system_fields, take_system_fields};
    use crate::http::auth::{Caller, Context};
    use crate::http::jwt::JwtKey;
    use crate::profile::AppwriteVersion;
    use crate::query::plan::tests::table;

    fn key_context() -> Context {
        Context {
            caller: Caller::Key,
            format_1_9: false,
            timestamp: None,
            jwt_key: JwtKey::random(),
            profile: AppwriteVersion::default(),
        }
    }

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("the fixtures are objects"),
        }
    }

    /// Reading a row in place gives what taking its system fields out and encoding the
    /// rest gives, errors included: which unknown column an error names depends on where
    /// each removal moved the last key.
    #[test]
    fn reading_in_place_matches_taking_the_system_fields_out() {
        let table = table();
        let ctx = key_context();
        let rows = [
            json!({"$id": "a", "title": "t", "count": 1}),
            json!({"$id": "a", "title": "t", "zz": 1, "yy": 2}),
            json!({"zz": 1, "$id": "a", "title": "t", "yy": 2}),
            json!({"$permissions": [], "zz": 1, "$sequence": 3, "yy": 2, "$id": "x", "xx": 0}),
            json!({"$createdAt": "2024-01-01T00:00:00.000+00:00", "ww": 1, "$updatedAt": null, "vv": 2}),
            json!({"$collectionId": "c", "title": "t"}),
            json!({"$tableId": "t", "$databaseId": "d", "uu": 1, "tt": 2, "ss": 3}),
            json!({"$createdAt": "not a date", "title": "t"}),
            json!({"$permissions": "nope"}),
            json!({"count": "not a number", "$id": "a"}),
            json!({}),
        ];
        let mut unknown_named = Vec::new();
        for row in rows {
            let sent = object(row);
            let mut taken = sent.clone();
            let expected = take_system_fields(&mut taken, &ctx)
                .and_then(|system| Ok((system, encode_row(&table, &taken)?)));
            let read = read_system_fields(&sent, &ctx).and_then(|system| {
                Ok((
                    system,
                    encode_values(&table, ColumnValues::sent(&sent), &[])?,
                ))
            });
            assert_eq!(
                format!("{read:?}"),
                format!("{expected:?}"),
                "{}",
                Value::Object(sent)
            );
            if let Err(error) = expected
                && let Some(name) = error
                    .message
                    .strip_prefix("Invalid document structure: Unknown attribute: ")
            {
                unknown_named.push(name.to_string());
            }
        }
        // Not vacuous: the removals do reorder the keys an error sees.
        assert_eq!(
            unknown_named,
            [
                "\"yy\"",
                "\"zz\"",
                "\"yy\"",
                "\"vv\"",
                "\"$collectionId\"",
                "\"ss\""
            ]
        );
    }
}
