//! The inline `columns` and `indexes` of create-table (1.9, see
//! [`AppwriteVersion::inline_columns_on_create_table`](crate::profile::AppwriteVersion)):
//! only the legacy kinds (`string` with its `email`/`enum`/`ip`/`url` formats, `integer`,
//! `bigint`, `double`, `boolean`, `datetime` and the spatial kinds); every fault is
//! `400 general_argument_invalid` with the message Appwrite 1.9.6 sends.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::column_def;
use super::index_def;
use crate::error::catalogue;
use crate::error::catalogue::definitions;
use crate::error::{ApiError, ApiResult};
use crate::schema::{ColumnKind, ColumnSpec, IndexKind, IndexSpec};
use crate::validate::ids::{KEY_DESCRIPTION, is_valid_id};

const STRING_MAX: i64 = 1_073_741_824;

fn invalid(message: String) -> ApiError {
    catalogue::argument_invalid(message)
}

/// Parses every inline column, in order.
pub fn columns(definitions: &[Map<String, Value>]) -> ApiResult<Vec<ColumnSpec>> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(definitions.len());
    for (i, definition) in definitions.iter().enumerate() {
        let spec = column(i, definition)?;
        if !seen.insert(spec.key.to_lowercase()) {
            return Err(invalid(definitions::duplicate_attribute(&spec.key)));
        }
        out.push(spec);
    }
    Ok(out)
}

fn column(i: usize, definition: &Map<String, Value>) -> ApiResult<ColumnSpec> {
    let Some(key) = definition.get("key") else {
        return Err(invalid(definitions::attribute_field_missing(i, "key")));
    };
    let Some(type_value) = definition.get("type") else {
        return Err(invalid(definitions::attribute_field_missing(i, "type")));
    };
    let key = match key {
        Value::String(k) if is_valid_id(k) => k.clone(),
        _ => {
            return Err(invalid(definitions::attribute_key_invalid(
                i,
                KEY_DESCRIPTION,
            )));
        }
    };
    let type_name = type_value.as_str().unwrap_or_default();
    let format = definition
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or("");
    let base = match type_name {
        "string" => ColumnKind::String,
        "integer" | "bigint" => ColumnKind::Integer,
        "double" => ColumnKind::Float,
        "boolean" => ColumnKind::Boolean,
        "datetime" => ColumnKind::Datetime,
        "point" => ColumnKind::Point,
        "linestring" => ColumnKind::Line,
        "polygon" => ColumnKind::Polygon,
        other => {
            return Err(invalid(definitions::attribute_type_invalid(&key, other)));
        }
    };
    let kind = match (base, format) {
        (_, "") => base,
        (ColumnKind::String, "email") => ColumnKind::Email,
        (ColumnKind::String, "enum") => ColumnKind::Enum,
        (ColumnKind::String, "ip") => ColumnKind::Ip,
        (ColumnKind::String, "url") => ColumnKind::Url,
        (ColumnKind::String, other) => {
            return Err(invalid(definitions::attribute_format_invalid(&key, other)));
        }
        _ => {
            return Err(invalid(definitions::format_on_non_string(&key)));
        }
    };
    if let Some(required) = definition.get("required")
        && !required.is_boolean()
    {
        return Err(invalid(definitions::required_not_boolean(&key)));
    }
    if kind == ColumnKind::String {
        let size = definition.get("size").and_then(Value::as_i64);
        if !size.is_some_and(|s| (1..=STRING_MAX).contains(&s)) {
            return Err(invalid(definitions::string_size_invalid(&key, STRING_MAX)));
        }
    }
    let required = definition.get("required").and_then(Value::as_bool) == Some(true);
    let has_default = definition.get("default").is_some_and(|d| !d.is_null());
    if required && has_default {
        return Err(invalid(definitions::default_on_required(&key)));
    }
    let mut normalized = definition.clone();
    normalized.insert(
        "type".into(),
        Value::String(kind_type_name(kind, type_name)),
    );
    normalized.remove("format");
    if kind != base {
        normalized.insert("format".into(), Value::String(format.to_string()));
    }
    column_def::parse_inline(&normalized)
}

/// The `type`/`format` spelling [`column_def::parse_inline`] reads.
fn kind_type_name(kind: ColumnKind, type_name: &str) -> String {
    match kind {
        ColumnKind::Float => "double".into(),
        ColumnKind::Email | ColumnKind::Enum | ColumnKind::Ip | ColumnKind::Url => "string".into(),
        _ => type_name.into(),
    }
}

/// Parses every inline index, in order (their columns are checked against the table later).
pub fn indexes(definitions: &[Map<String, Value>]) -> ApiResult<Vec<IndexSpec>> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(definitions.len());
    for (i, definition) in definitions.iter().enumerate() {
        let Some(key) = definition.get("key").and_then(Value::as_str) else {
            return Err(invalid(definitions::index_key_missing(i)));
        };
        let type_name = definition.get("type").and_then(Value::as_str).unwrap_or("");
        if IndexKind::parse(type_name).is_none() {
            return Err(invalid(definitions::index_type_invalid(key, type_name)));
        }
        match definition.get("attributes") {
            Some(Value::Array(items)) if items.is_empty() => {
                return Err(invalid(definitions::index_without_attributes(key)));
            }
            Some(Value::Array(_)) => {}
            _ => {
                return Err(invalid(definitions::index_attributes_missing(i)));
            }
        }
        if !seen.insert(key.to_lowercase()) {
            return Err(invalid(definitions::duplicate_index(key)));
        }
        out.push(index_def::parse_inline(definition)?);
    }
    Ok(out)
}
