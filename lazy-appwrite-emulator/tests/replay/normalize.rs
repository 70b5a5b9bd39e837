//! The corpus README's normalization rules, applied to both the expected and the actual
//! body before they are compared.

use std::collections::HashSet;

use serde_json::{Map, Value};

/// Keys whose values the server sets from its clock.
const SERVER_TIMES: &[&str] = &[
    "$createdAt",
    "$updatedAt",
    "expiresAt",
    "registration",
    "passwordUpdate",
    "accessedAt",
    "joined",
    "invited",
];

/// What a normalization needs to know about the exchange.
pub struct Scope<'a> {
    /// The request path (`date` is a server time only in usage series).
    pub path: &'a str,
    /// Whether the exchange is a project-wide list read.
    pub project_wide: bool,
    /// For a read that shows other runs' resources (`foreign-state`), the IDs the recorded
    /// page holds: the actual page is cut down to those.
    pub only: Option<&'a HashSet<String>>,
    /// The IDs the replay created (project-wide lists keep only these items).
    pub created: &'a HashSet<String>,
    /// Keys of columns and indexes whose existence a racy exchange decided: list items
    /// with these keys are left out on both sides.
    pub racy_keys: &'a HashSet<String>,
}

/// Normalizes `value` in place.
pub fn normalize(value: &mut Value, scope: &Scope<'_>) {
    if scope.project_wide {
        keep_listed(value, scope.only.unwrap_or(scope.created));
    }
    drop_racy(value, scope.racy_keys);
    walk(value, scope, false);
}

fn walk(value: &mut Value, scope: &Scope<'_>, parent_is_usage: bool) {
    match value {
        Value::Object(map) => {
            normalize_object(map, scope, parent_is_usage);
            for (_, child) in map.iter_mut() {
                walk(child, scope, parent_is_usage);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, scope, parent_is_usage);
            }
        }
        Value::String(text) => *text = mask_ids(text),
        _ => {}
    }
}

fn normalize_object(map: &mut Map<String, Value>, scope: &Scope<'_>, _usage: bool) {
    for key in SERVER_TIMES {
        if let Some(v @ Value::String(_)) = map.get_mut(*key)
            && v.as_str().is_some_and(|s| !s.is_empty())
        {
            *v = Value::String("<time>".into());
        }
    }
    if scope.path.contains("/usage")
        && let Some(v @ Value::String(_)) = map.get_mut("date")
    {
        *v = Value::String("<time>".into());
    }
    if let Some(seq) = map.get_mut("$sequence") {
        *seq = Value::String(
            match seq {
                Value::String(_) => "<sequence:string>",
                Value::Number(_) => "<sequence:number>",
                Value::Null => "<sequence:null>",
                _ => "<sequence:other>",
            }
            .into(),
        );
    }
    if map.contains_key("key")
        && (map.contains_key("orders") || map.contains_key("lengths"))
        && let Some(Value::String(id)) = map.get_mut("$id")
    {
        *id = index_key(id);
    }
    if let Some(v @ Value::String(_)) = map.get_mut("jwt") {
        *v = Value::String("<jwt>".into());
    }
    if map.contains_key("hash")
        && let Some(v @ Value::String(_)) = map.get_mut("password")
    {
        *v = Value::String("<password>".into());
    }
}

/// `546_1_idx_n` → `idx_n`.
fn index_key(id: &str) -> String {
    let mut parts = id.splitn(3, '_');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(rest))
            if a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => id.to_string(),
    }
}

/// Replaces 20-character lowercase hex IDs (made by `ID.unique()`) and JWTs.
fn mask_ids(text: &str) -> String {
    if text.starts_with("eyJ") && text.matches('.').count() == 2 {
        return "<jwt>".into();
    }
    let bytes = text.as_bytes();
    if bytes.len() < 20 {
        return text.to_string();
    }
    let hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    let word = |c: u8| c.is_ascii_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        let boundary_before = i == 0 || !word(bytes[i - 1]);
        if boundary_before && i + 20 <= bytes.len() && bytes[i..i + 20].iter().all(|&c| hex(c)) {
            let boundary_after = i + 20 == bytes.len() || !word(bytes[i + 20]);
            if boundary_after && bytes[i..i + 20].iter().any(|c| c.is_ascii_alphabetic()) {
                out.push_str(&text[start..i]);
                out.push_str("<id>");
                i += 20;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[start..]);
    out
}

/// The `$id`s of the items of a list answer.
pub fn listed_ids(value: &Value) -> HashSet<String> {
    let mut ids = HashSet::new();
    if let Value::Object(map) = value {
        for field in map.values() {
            if let Value::Array(items) = field {
                ids.extend(
                    items
                        .iter()
                        .filter_map(|i| i.get("$id").and_then(Value::as_str))
                        .map(str::to_string),
                );
            }
        }
    }
    ids
}

/// In a project-wide list, keeps only the items whose `$id` is in `created` and drops
/// `total`.
fn keep_listed(value: &mut Value, created: &HashSet<String>) {
    let Value::Object(map) = value else { return };
    if map.remove("total").is_none() {
        return;
    }
    for (_, field) in map.iter_mut() {
        if let Value::Array(items) = field {
            items.retain(|item| {
                item.get("$id")
                    .and_then(Value::as_str)
                    .is_none_or(|id| created.contains(id))
            });
        }
    }
}

/// Leaves out of a list (or a table's `columns`/`indexes`) the items whose key is in
/// `racy_keys`, and takes them off the list's `total`.
fn drop_racy(value: &mut Value, racy_keys: &HashSet<String>) {
    let Value::Object(map) = value else { return };
    let mut dropped = 0;
    for field in map.values_mut() {
        if let Value::Array(items) = field {
            let before = items.len();
            items.retain(|item| {
                item.get("key")
                    .and_then(Value::as_str)
                    .is_none_or(|key| !racy_keys.contains(key))
            });
            dropped += before - items.len();
        }
    }
    if let Some(total) = map.get_mut("total")
        && let Some(n) = total.as_u64()
    {
        *total = Value::from(n.saturating_sub(dropped as u64));
    }
}

/// Blanks every `status` field, to tell a worker-timing difference from a real one.
pub fn without_status(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    if k == "status" && v.is_string() {
                        (k.clone(), Value::Null)
                    } else {
                        (k.clone(), without_status(v))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_status).collect()),
        other => other.clone(),
    }
}

/// `value` without the list items whose `status` is `deleting` (a column or index the
/// real worker had not removed yet when it was read), and whether any was left out.
pub fn without_deleting(value: &Value) -> (Value, bool) {
    let mut forgot = false;
    let mut kept = keep_not_deleting(value, &mut forgot);
    if forgot {
        without_sizes(&mut kept);
    }
    (kept, forgot)
}

fn keep_not_deleting(value: &Value, forgot: &mut bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), keep_not_deleting(v, forgot)))
                .collect(),
        ),
        Value::Array(items) => {
            let mut kept = Vec::with_capacity(items.len());
            for item in items {
                if item.get("status").and_then(Value::as_str) == Some("deleting") {
                    *forgot = true;
                } else {
                    kept.push(keep_not_deleting(item, forgot));
                }
            }
            Value::Array(kept)
        }
        other => other.clone(),
    }
}

/// Blanks a table's `bytesUsed`, which counts a column until the worker has removed it.
pub fn without_sizes(value: &mut Value) {
    if let Some(bytes) = value.get_mut("bytesUsed") {
        *bytes = Value::Null;
    }
}

/// Replaces every list of a list answer by its length (`orderRandom` reads).
pub fn count_rows(value: &mut Value) {
    if let Value::Object(map) = value {
        for field in map.values_mut() {
            if let Value::Array(items) = field {
                *field = Value::from(items.len());
            }
        }
    }
}
