//! Whether the caller may act on a table or row, and the errors when not.

use serde_json::{Map, Value};

use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::schema::TableMeta;
use crate::store::rows::StoredRow;

/// Whether `permissions` grant `action` to any of the caller's roles.
pub fn grants(permissions: &[String], action: &str, ctx: &Context) -> bool {
    ctx.caller.is_privileged()
        || ctx.caller.roles().iter().any(|role| {
            permissions
                .iter()
                .any(|p| *p == format!("{action}(\"{role}\")"))
        })
}

/// Whether the caller may `action` on `row`: by table permission, or by row permission
/// when row security is on.
pub fn may(table: &TableMeta, row: Option<&StoredRow>, action: &str, ctx: &Context) -> bool {
    grants(&table.permissions, action, ctx)
        || (table.row_security && row.is_some_and(|r| grants(&r.permissions, action, ctx)))
}

/// Non-key callers may only grant roles they hold.
pub fn check_grantable(permissions: &[String], ctx: &Context) -> ApiResult<()> {
    if ctx.caller.is_privileged() {
        return Ok(());
    }
    let roles = ctx.caller.roles();
    for p in permissions {
        let held = roles.iter().any(|r| p.ends_with(&format!("(\"{r}\")")));
        if !held {
            let list = roles.join(", ");
            return Err(catalogue::permissions_must_be_one_of(&list));
        }
    }
    Ok(())
}

/// Whether the caller may update `row` with `data`/`permissions`: `update` permission, or
/// only `read` when the write would change nothing (Appwrite compares before it checks).
pub fn may_update(
    table: &TableMeta,
    row: &StoredRow,
    data: &Map<String, Value>,
    permissions: Option<&[String]>,
    ctx: &Context,
) -> bool {
    if may(table, Some(row), "update", ctx) {
        return true;
    }
    let changes = data.iter().any(|(key, value)| {
        key == "$permissions"
            || (!key.starts_with('$')
                && row.values.get(key).or_else(|| row.links.get(key)) != Some(value))
    }) || permissions.is_some_and(|p| p != row.permissions.as_slice());
    !changes && may(table, Some(row), "read", ctx)
}

/// `401 user_unauthorized` for a create the table does not allow, with the message of
/// Appwrite's authorization validator (1.8.1 sends the generic message).
pub fn create_denied(permissions: &[String], ctx: &Context) -> ApiError {
    denied("create", permissions, ctx)
}

/// `401 user_unauthorized` for an `action` the `permissions` do not grant the caller: 1.9
/// names the missing permission, 1.8.1 sends the generic message.
pub fn denied(action: &str, permissions: &[String], ctx: &Context) -> ApiError {
    if !ctx.profile.explains_authorization_errors() {
        return ApiError::unauthorized();
    }
    let prefix = format!("{action}(\"");
    let roles: Vec<&str> = permissions
        .iter()
        .filter_map(|p| p.strip_prefix(prefix.as_str())?.strip_suffix("\")"))
        .collect();
    let Some(last) = roles.last() else {
        return catalogue::no_permissions_for(action);
    };
    // PHP's json_encode escapes `/`.
    let php_json = |v: Value| v.to_string().replace('/', "\\/");
    catalogue::missing_permission(
        action,
        last,
        &php_json(Value::from(ctx.caller.roles())),
        &php_json(Value::from(roles.clone())),
    )
}
