//! Index definitions from request parameters and their validation.

use serde_json::{Map, Value};

use crate::error::catalogue;
use crate::error::catalogue::{definitions, validators};
use crate::error::{ApiError, ApiResult};
use crate::http::params::Params;
use crate::http::spec::{BodyValues, Param, Rule};
use crate::profile::AppwriteVersion;
use crate::schema::{ColumnKind, IndexKind, IndexSpec, TableMeta};
use crate::validate::ids::check_key;

/// Most indexes a table may have.
pub const MAX_INDEXES: usize = 58;
/// Largest total index length, in characters.
const MAX_INDEX_LENGTH: i64 = 768;
/// The length Appwrite gives an array column in an index (`Database::ARRAY_INDEX_LENGTH`).
const ARRAY_INDEX_LENGTH: i64 = 255;
const SYSTEM_ATTRIBUTES: &[&str] = &["$id", "$createdAt", "$updatedAt"];

/// The index kinds `type` accepts, in the order its message lists them.
const KINDS: &[&str] = &["key", "fulltext", "unique", "spatial"];

/// `key`: a `Text` of 1–255 characters that is a valid key.
pub const KEY: Param = Param::required("key", Rule::Custom(index_key));
/// `type`: a `Text` of 1–64 characters naming one of `KINDS`.
pub const TYPE: Param = Param::required("type", Rule::Custom(index_type));
/// `columns` of `POST …/indexes`: up to 100 keys.
pub const COLUMNS: Param = Param::required("columns", Rule::Custom(index_columns));
/// `attributes` of an inline index of create-table, as [`COLUMNS`].
pub const ATTRIBUTES: Param = Param::required("attributes", Rule::Custom(index_columns));
/// `orders`: up to 100 of `asc`/`desc` (any case).
pub const ORDERS: Param = Param::optional("orders", Rule::Custom(index_orders));
/// `lengths`: up to 100 integers or `null`s.
pub const LENGTHS: Param = Param::optional("lengths", Rule::Custom(index_lengths));
/// The body of `POST …/indexes`.
pub const CREATE_BODY: &[Param] = &[KEY, TYPE, COLUMNS, ORDERS, LENGTHS];
/// An inline index of create-table.
const INLINE_BODY: &[Param] = &[KEY, TYPE, ATTRIBUTES, ORDERS, LENGTHS];

fn index_key(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let key = params.required_text(name, 1, 255)?;
    check_key(name, &key)?;
    Ok(Some(Value::String(key)))
}

fn index_type(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let kind = params.required_text(name, 1, 64)?;
    if IndexKind::parse(&kind).is_none() {
        return Err(catalogue::not_one_of(name, KINDS));
    }
    Ok(Some(Value::String(kind)))
}

fn index_columns(
    params: &Params,
    name: &'static str,
    _: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    let columns = params.string_list(name, 100, 255).map_err(|_| {
        ApiError::param_invalid(
            name,
            &validators::array_of(100, validators::KEY_DESCRIPTION),
        )
    })?;
    Ok(columns.map(Value::from))
}

fn index_orders(
    params: &Params,
    name: &'static str,
    _: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    let Some(orders) = params.string_list(name, 100, 4)? else {
        return Ok(None);
    };
    for order in &orders {
        if !matches!(order.to_ascii_uppercase().as_str(), "ASC" | "DESC") {
            return Err(ApiError::param_invalid(
                name,
                &validators::array_of(100, &validators::one_of(&["asc", "desc"])),
            ));
        }
    }
    Ok(Some(Value::from(orders)))
}

fn index_lengths(
    params: &Params,
    name: &'static str,
    _: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    let invalid =
        || ApiError::param_invalid(name, &validators::array_of(100, validators::integer()));
    match params.get(name) {
        None => Ok(None),
        Some(Value::Array(items)) if items.len() <= 100 => {
            let valid = items.iter().all(|v| v.is_null() || v.as_i64().is_some());
            if valid {
                Ok(Some(Value::Array(items.clone())))
            } else {
                Err(invalid())
            }
        }
        Some(_) => Err(invalid()),
    }
}

/// The index a checked body describes, its key list read from `columns` ([`COLUMNS`] or
/// [`ATTRIBUTES`]).
pub fn from_body(body: &BodyValues, columns: &Param) -> ApiResult<IndexSpec> {
    let kind = body
        .text(&TYPE)
        .and_then(IndexKind::parse)
        .ok_or_else(|| ApiError::internal("index type not checked"))?;
    let lengths = match body.get(&LENGTHS) {
        Some(Value::Array(items)) => items.iter().map(Value::as_i64).collect(),
        _ => Vec::new(),
    };
    Ok(IndexSpec {
        key: body.text(&KEY).unwrap_or_default().to_string(),
        kind,
        columns: body.strings(columns).unwrap_or_default(),
        orders: body
            .strings(&ORDERS)
            .unwrap_or_default()
            .into_iter()
            .map(Some)
            .collect(),
        lengths,
    })
}

/// Parses an inline index of create-table. Structural faults (missing fields, no
/// attributes, more orders or lengths than attributes) are `general_argument_invalid`;
/// the checks against the table come later, in [`validate`].
pub fn parse_inline(definition: &Map<String, Value>) -> ApiResult<IndexSpec> {
    // No index parameter differs between releases.
    let params = Params::from_map(definition.clone());
    let spec = BodyValues::check(INLINE_BODY, &params, AppwriteVersion::default())
        .and_then(|body| from_body(&body, &ATTRIBUTES))
        .map_err(|e| ApiError::param_invalid("indexes", &e.message))?;
    let structural = if spec.columns.is_empty() {
        Some(definitions::NO_INDEX_COLUMNS)
    } else if spec.orders.len() > spec.columns.len() {
        Some(definitions::TOO_MANY_ORDERS)
    } else if spec.lengths.len() > spec.columns.len() {
        Some(definitions::TOO_MANY_LENGTHS)
    } else {
        None
    };
    match structural {
        Some(message) => Err(ApiError::param_invalid("indexes", message)),
        None => Ok(spec),
    }
}

/// Checks an index against its table, in Appwrite's order: count, unknown column,
/// relationship, availability, array, the index validator, duplicate key. Where the
/// profile indexes array columns (1.8.1), an array column gets length 255 and no order,
/// as Appwrite sets them, and only a `key` index over one array column passes.
pub fn validate(
    spec: &mut IndexSpec,
    table: &TableMeta,
    profile: AppwriteVersion,
) -> ApiResult<()> {
    if table.indexes.len() >= MAX_INDEXES {
        return Err(catalogue::index_limit(&table.id));
    }
    let mut kinds = Vec::with_capacity(spec.columns.len());
    for key in &spec.columns {
        if SYSTEM_ATTRIBUTES.contains(&key.as_str()) {
            kinds.push((key.as_str(), None));
            continue;
        }
        let Some(column) = table.column(key) else {
            return Err(catalogue::index_column_unknown(key));
        };
        if column.spec.kind == ColumnKind::Relationship {
            return Err(catalogue::index_on_relationship(key));
        }
        if !column.is_available() {
            return Err(ApiError::column_not_available(key));
        }
        if column.spec.array && !profile.indexes_array_columns() {
            return Err(catalogue::index_on_array());
        }
        kinds.push((key.as_str(), Some(&column.spec)));
    }
    let arrays: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| c.is_some_and(|c| c.array))
        .map(|(i, _)| i)
        .collect();
    for &i in &arrays {
        if spec.lengths.len() <= i {
            spec.lengths.resize(i + 1, None);
        }
        spec.lengths[i] = Some(ARRAY_INDEX_LENGTH);
        if spec.orders.len() <= i {
            spec.orders.resize(i + 1, None);
        }
        spec.orders[i] = None;
    }
    let spec = &*spec;
    if spec.columns.is_empty() {
        return Err(catalogue::index_invalid(definitions::NO_INDEX_COLUMNS));
    }
    let mut seen: Vec<String> = Vec::new();
    for key in &spec.columns {
        let lower = key.to_ascii_lowercase();
        if seen.contains(&lower) {
            return Err(catalogue::index_invalid(
                definitions::DUPLICATE_INDEX_COLUMNS,
            ));
        }
        seen.push(lower);
    }
    if spec.key.eq_ignore_ascii_case("primary") {
        return Err(catalogue::index_invalid(definitions::RESERVED_INDEX_KEY));
    }
    if spec.lengths.len() > spec.columns.len() {
        return Err(catalogue::index_invalid(definitions::TOO_MANY_LENGTHS));
    }
    // More orders than columns are accepted (the extra ones are ignored), as on Appwrite.
    if !arrays.is_empty() {
        if spec.kind != IndexKind::Key {
            let name = spec.kind.as_str();
            let titled = name[..1].to_ascii_uppercase() + &name[1..];
            return Err(catalogue::index_invalid(
                definitions::array_index_forbidden(&titled),
            ));
        }
        if arrays.len() > 1 {
            return Err(catalogue::index_invalid(definitions::ONE_ARRAY_COLUMN));
        }
    }
    match spec.kind {
        IndexKind::Fulltext => {
            for (key, column) in &kinds {
                if !column.is_some_and(|c| c.kind.is_fulltext_capable()) {
                    return Err(catalogue::index_invalid(
                        definitions::fulltext_needs_string(key),
                    ));
                }
            }
        }
        IndexKind::Spatial => {
            if kinds.len() != 1 {
                return Err(catalogue::index_invalid(definitions::SPATIAL_ONE_COLUMN));
            }
            let (key, column) = kinds[0];
            match column {
                Some(c) if c.kind.is_spatial() => {
                    if !c.required {
                        return Err(catalogue::index_invalid(
                            definitions::spatial_index_nullable(key),
                        ));
                    }
                }
                _ => {
                    let type_name = column.map_or("string", |c| c.kind.type_name());
                    return Err(catalogue::index_invalid(
                        definitions::spatial_index_on_non_spatial(key, type_name),
                    ));
                }
            }
        }
        IndexKind::Key | IndexKind::Unique => {
            for (key, column) in &kinds {
                if column.is_some_and(|c| c.kind.is_spatial()) {
                    return Err(catalogue::index_invalid(
                        definitions::non_spatial_index_on_spatial(spec.kind.as_str(), key),
                    ));
                }
            }
        }
    }
    let mut total = 0i64;
    for (i, (key, column)) in kinds.iter().enumerate() {
        if column.is_some_and(|c| c.array) {
            if spec.kind != IndexKind::Fulltext {
                total += ARRAY_INDEX_LENGTH;
            }
            continue;
        }
        let length = spec.lengths.get(i).copied().flatten();
        let textual = column.is_some_and(|c| c.kind.is_textual()) || *key == "$id";
        if let Some(length) = length {
            if length < 0 {
                return Err(catalogue::index_invalid(
                    definitions::negative_index_length(key),
                ));
            }
            if !textual {
                let type_name = column.map_or("datetime", |c| c.kind.type_name());
                return Err(catalogue::index_invalid(definitions::length_on_non_text(
                    type_name,
                )));
            }
        }
        let size = match column {
            Some(c) if c.kind.is_textual() => c.size.unwrap_or(0),
            None if *key == "$id" => 36,
            Some(c) if c.kind == ColumnKind::Float => 2,
            _ => 1,
        };
        if let Some(length) = length
            && textual
            && length > size
        {
            return Err(catalogue::index_invalid(
                definitions::index_length_over_size(length, key, size),
            ));
        }
        if spec.kind != IndexKind::Fulltext {
            total += length.unwrap_or(size);
        }
    }
    if total > MAX_INDEX_LENGTH && spec.kind != IndexKind::Fulltext {
        return Err(catalogue::index_invalid(definitions::index_too_long(
            MAX_INDEX_LENGTH,
        )));
    }
    if table.index(&spec.key).is_some() {
        return Err(catalogue::index_exists(&spec.key));
    }
    Ok(())
}
