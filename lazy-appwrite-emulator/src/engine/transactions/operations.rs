//! The `operations` of `createOperations`: Appwrite's operation validator (type
//! `tablesdb`), and the checks of each operation against the rows as the transaction sees
//! them.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::engine::access::{check_grantable, grants, may};
use crate::error::catalogue;
use crate::error::catalogue::validators;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::php;
use crate::schema::{ColumnKind, TableMeta};
use crate::store::rows::{self as stored, StoredRow};
use crate::store::transactions::{Action, NewOp};
use crate::store::{Tx, catalog};
use crate::validate::ids::{UNIQUE_LITERAL, unique_id};

/// The objects of the `operations` parameter `name`, each checked like Appwrite's
/// validator does; an invalid one is `400 general_argument_invalid` with the validator's
/// description.
pub fn operations_param(params: &Params, name: &str) -> ApiResult<Vec<Map<String, Value>>> {
    let invalid = |detail: &str| ApiError::param_invalid(name, &validators::array_items(detail));
    let Some(value) = params.get(name) else {
        return Ok(Vec::new());
    };
    // A value that is no list reads, on both recorded versions, as a list whose object
    // lacks the table key (tour-transactions.jsonl 1.8.1 seq 1714, 1.9.6 seq 1712).
    let Value::Array(items) = value else {
        return Err(invalid(&validators::missing_key("tableId")));
    };
    items
        .iter()
        .map(|item| validate_operation(item).map_err(|detail| invalid(&detail)))
        .collect()
}

/// PHP's `is_array`: a JSON object or array.
pub fn is_php_array(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

pub fn has_key(value: &Value, key: &str) -> bool {
    value.as_object().is_some_and(|m| m.contains_key(key))
}

pub fn validate_operation(item: &Value) -> Result<Map<String, Value>, String> {
    let Value::Object(op) = item else {
        return Err(validators::not_a_list().into());
    };
    const REQUIRED: [&str; 3] = ["databaseId", "action", "tableId"];
    for key in REQUIRED {
        if !op.contains_key(key) {
            return Err(validators::missing_key(key));
        }
    }
    for key in REQUIRED {
        if op[key].as_str().is_none_or(|s| s.trim().is_empty()) {
            return Err(format!("Key '{key}' must be a non\u{2011}empty string"));
        }
    }
    let name = op["action"].as_str().unwrap_or("");
    let Some(action) = Action::parse(name) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        return Err(format!("Key 'action' must be one of: {}", names.join(", ")));
    };
    if action.is_single() && !op.contains_key("rowId") {
        return Err(format!("Key 'rowId' is required for action '{name}'"));
    }
    if let Some(id) = op.get("rowId")
        && id.as_str().is_none_or(|s| s.trim().is_empty())
    {
        return Err("Key 'rowId' must be a non-empty string".into());
    }
    match op.get("data") {
        None if action != Action::Delete => return Err(validators::missing_key("data")),
        Some(data) if !is_php_array(data) => return Err("Key 'data' must be an array".into()),
        _ => {}
    }
    let data = op.get("data").cloned().unwrap_or(Value::Null);
    if matches!(action, Action::BulkUpdate | Action::BulkDelete) {
        if !has_key(&data, "queries") {
            return Err(format!("Key 'queries' is required in data for {name}"));
        }
        if !is_php_array(&data["queries"]) {
            return Err(format!("Key 'queries' must be an array for {name}"));
        }
    }
    if action == Action::BulkUpdate {
        if !has_key(&data, "data") {
            return Err(format!("Key 'data' is required in data for {name}"));
        }
        if !is_php_array(&data["data"]) {
            return Err(format!("Key 'data.data' must be an array for {name}"));
        }
    }
    if matches!(action, Action::Increment | Action::Decrement) {
        if !has_key(&data, "column") {
            return Err(format!("Key 'column' is required in data for {name}"));
        }
        if has_key(&data, "value") && php::numeric(&data["value"]).is_none() {
            return Err(format!("Key 'value' must be a numeric value for {name}"));
        }
    }
    Ok(op.clone())
}

/// Checks each operation of a `createOperations` batch against the database as the
/// transaction sees it (run inside [`in_view`]) and returns what to stage.
pub fn check_operations(
    tx: &mut Tx<'_>,
    ctx: &Context,
    operations: &[Map<String, Value>],
) -> ApiResult<Vec<NewOp>> {
    let privileged = ctx.caller.is_privileged();
    // Rows created earlier in this batch, by (table sequence, row ID).
    let mut dependants: HashSet<(i64, String)> = HashSet::new();
    let mut staged = Vec::with_capacity(operations.len());
    for op in operations {
        let text = |key: &str| op.get(key).and_then(Value::as_str).unwrap_or("");
        let action = Action::parse(text("action")).unwrap_or(Action::Create);
        if action.is_bulk() && !privileged {
            return Err(ApiError::unauthorized());
        }
        let database = catalog::database(tx, text("databaseId"))?;
        if !database.enabled && !privileged {
            return Err(ApiError::database_not_found(text("databaseId")));
        }
        let table = match catalog::table(tx, &database.id, text("tableId")) {
            Ok(table) if table.enabled || privileged => table,
            Ok(_) => return Err(catalogue::collection_not_found(text("tableId"))),
            Err(e) if e.kind == ErrorType::TableNotFound => {
                return Err(catalogue::collection_not_found(text("tableId")));
            }
            Err(e) => return Err(e),
        };
        if action.is_bulk() && has_relationships(&table) {
            return Err(catalogue::operations_with_relationships());
        }
        let mut row_id = op.get("rowId").and_then(Value::as_str).map(str::to_string);
        let mut existing = None;
        if action.is_single() && action != Action::Create {
            let id = row_id.clone().unwrap_or_default();
            // Looked up with the caller's read permission, as Appwrite's transaction
            // state does.
            existing = stored::find(tx, &table, &id)?.filter(|r| may(&table, Some(r), "read", ctx));
            let dependant = dependants.contains(&(table.seq, id.clone()));
            if existing.is_none() && !dependant && action != Action::Upsert {
                return Err(catalogue::document_not_found(&id));
            }
        }
        if action.is_single() && !privileged {
            check_operation_permissions(&table, action, existing.as_ref(), op, ctx)?;
        }
        let mut data = op.get("data").cloned().unwrap_or_else(|| json!({}));
        match action {
            Action::Create => {
                let id = match row_id.as_deref() {
                    Some(UNIQUE_LITERAL) | None => unique_id(),
                    Some(id) => id.to_string(),
                };
                // A document without `$permissions` is created with none (the replay
                // supplies them: reads through the transaction show none).
                dependants.insert((table.seq, id.clone()));
                row_id = Some(id);
            }
            Action::BulkCreate | Action::BulkUpsert => assign_bulk_ids(&mut data),
            _ => {}
        }
        staged.push(NewOp {
            action,
            database_id: database.id.clone(),
            table_id: table.id.clone(),
            table_seq: table.seq,
            row_id: if action.is_single() { row_id } else { None },
            data,
        });
    }
    Ok(staged)
}

/// The permission checks of `createOperations` for callers other than the key: the table's
/// permission for the action, or (with row security, for updates and deletes) the row's;
/// and only roles the caller holds in `data.$permissions`.
pub fn check_operation_permissions(
    table: &TableMeta,
    action: Action,
    existing: Option<&StoredRow>,
    op: &Map<String, Value>,
    ctx: &Context,
) -> ApiResult<()> {
    let kind = match action {
        Action::Create => "create",
        Action::Delete => "delete",
        Action::Upsert if existing.is_none() => "create",
        _ => "update",
    };
    let by_table = grants(&table.permissions, kind, ctx);
    let by_row = kind != "create"
        && table.row_security
        && existing.is_some_and(|row| grants(&row.permissions, kind, ctx));
    let allowed = if kind == "create" || !table.row_security {
        by_table
    } else {
        by_table || by_row
    };
    if !allowed {
        return Err(ApiError::unauthorized());
    }
    if let Some(Value::Array(list)) = op.get("data").and_then(|d| d.get("$permissions")) {
        let permissions: Vec<String> = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        check_grantable(&permissions, ctx)?;
    }
    Ok(())
}

/// Gives every row of a bulk create/upsert its `$id` now (generated when missing or
/// `unique()`), so reads through the transaction and the commit see the same rows.
pub fn assign_bulk_ids(data: &mut Value) {
    let Value::Array(rows) = data else {
        return;
    };
    for row in rows {
        if let Value::Object(map) = row {
            match map.get("$id") {
                None | Some(Value::Null) => {
                    map.insert("$id".into(), Value::String(unique_id()));
                }
                Some(Value::String(s)) if s == UNIQUE_LITERAL => {
                    map.insert("$id".into(), Value::String(unique_id()));
                }
                _ => {}
            }
        }
    }
}

pub fn has_relationships(table: &TableMeta) -> bool {
    table
        .columns
        .iter()
        .any(|c| c.spec.kind == ColumnKind::Relationship)
}

#[cfg(test)]
mod tests {
    use super::super::commit::bulk_ids;
    use super::*;

    fn description(op: Value) -> String {
        validate_operation(&op).unwrap_err()
    }

    #[test]
    fn operation_validator_messages() {
        assert_eq!(description(json!([1])), "Value must be an array");
        assert_eq!(
            description(json!({"action": "create", "tableId": "t"})),
            "Missing required key: databaseId"
        );
        assert_eq!(
            description(json!({"databaseId": "db", "action": "create", "tableId": " "})),
            "Key 'tableId' must be a non\u{2011}empty string"
        );
        assert!(
            description(json!({"databaseId": "db", "action": "nope", "tableId": "t"}))
                .starts_with("Key 'action' must be one of: create, update, upsert, delete,")
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "update", "tableId": "t", "data": {}})
            ),
            "Key 'rowId' is required for action 'update'"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "create", "tableId": "t", "rowId": "r"})
            ),
            "Missing required key: data"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "bulkDelete", "tableId": "t", "data": {}})
            ),
            "Key 'queries' is required in data for bulkDelete"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "bulkUpdate", "tableId": "t", "data": {"queries": []}})
            ),
            "Key 'data' is required in data for bulkUpdate"
        );
        assert_eq!(
            description(
                json!({"databaseId": "db", "action": "increment", "tableId": "t", "rowId": "r", "data": {"column": "n", "value": "x"}})
            ),
            "Key 'value' must be a numeric value for increment"
        );
        assert!(
            validate_operation(
                &json!({"databaseId": "db", "action": "delete", "tableId": "t", "rowId": "r"})
            )
            .is_ok()
        );
    }

    #[test]
    fn bulk_ids_are_assigned_once() {
        let mut data = json!([{"$id": "a"}, {"$id": "unique()"}, {"n": 1}]);
        assign_bulk_ids(&mut data);
        let ids = bulk_ids(&data);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], "a");
        assert!(ids[1..].iter().all(|id| id.len() == 20 && id != "unique()"));
    }
}
