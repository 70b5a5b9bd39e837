//! Permission strings: `read("any")`, `write("team:t1/owner")`, ….

use crate::error::catalogue::{permissions, validators};
use crate::error::{ApiError, ApiResult};

/// Where a permission list is set, which decides the allowed types and what `write` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Table permissions: create, read, update, delete, write (= create + update + delete).
    Table,
    /// Row permissions: read, update, delete, write (= update + delete).
    Row,
}

impl Level {
    fn allowed(self) -> &'static [&'static str] {
        match self {
            Level::Table => &["create", "read", "update", "delete", "write"],
            Level::Row => &["read", "update", "delete", "write"],
        }
    }
}

/// One permission: an action and a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permission {
    /// `create`, `read`, `update`, `delete` or `write`.
    pub action: String,
    /// The role, e.g. `any`, `user:u1/verified`, `team:t1/owner`.
    pub role: String,
}

impl Permission {
    /// Parses `action("role")`.
    pub fn parse(s: &str) -> Option<Self> {
        let open = s.find("(\"")?;
        let rest = s.strip_suffix("\")")?;
        let action = &s[..open];
        let role = rest.get(open + 2..)?;
        if action.is_empty() || role.is_empty() || role.contains('"') {
            return None;
        }
        Some(Self {
            action: action.to_string(),
            role: role.to_string(),
        })
    }

    /// The string form, `action("role")`.
    pub fn render(&self) -> String {
        format!("{}(\"{}\")", self.action, self.role)
    }
}

/// The JSON `permissions` parameter as a list of strings, checked as Appwrite's
/// `Permissions` validator does (the `or null` is its nullable wrapper's).
pub fn permission_strings(param: &str, value: &serde_json::Value) -> ApiResult<Vec<String>> {
    let fail = |why: &str| Err(ApiError::param_invalid(param, &validators::or_null(why)));
    let serde_json::Value::Array(items) = value else {
        return fail(permissions::NOT_A_LIST);
    };
    if items.len() > 100 {
        return fail(permissions::TOO_MANY);
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.as_str() {
            Some(text) => out.push(text.to_string()),
            None => return fail(permissions::NOT_A_STRING),
        }
    }
    Ok(out)
}

/// Checks a permission list and returns it expanded (`write` replaced by its actions),
/// without duplicates, in the order given. Messages are Appwrite's (1.8.1 and 1.9.6).
pub fn validate_and_expand(param: &str, list: &[String], level: Level) -> ApiResult<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    let allowed = level.allowed();
    let fail = |why: String| Err(ApiError::param_invalid(param, &validators::or_null(&why)));
    for raw in list {
        if raw == "*" || raw.contains("(\"*\")") {
            return Err(ApiError::param_invalid(param, permissions::WILDCARD));
        }
        let action = raw.split('(').next().unwrap_or_default();
        if !raw.contains('(') || !allowed.contains(&action) {
            return fail(permissions::action_not_allowed(raw, &allowed.join(", ")));
        }
        // `action("role")`: the role is what lies between `("` and `")`.
        let inner = &raw[action.len() + 1..];
        let Some(inner) = inner.strip_prefix('"') else {
            return fail(permissions::malformed(raw));
        };
        let role = inner.strip_suffix("\")").unwrap_or(inner);
        if let Err(why) = check_role(role) {
            return fail(why);
        }
        let permission = Permission {
            action: action.to_string(),
            role: role.to_string(),
        };
        let actions: &[&str] = match (permission.action.as_str(), level) {
            ("write", Level::Table) => &["create", "update", "delete"],
            ("write", Level::Row) => &["update", "delete"],
            _ => &[],
        };
        let expanded: Vec<String> = if actions.is_empty() {
            vec![permission.render()]
        } else {
            actions
                .iter()
                .map(|a| {
                    Permission {
                        action: (*a).to_string(),
                        role: permission.role.clone(),
                    }
                    .render()
                })
                .collect()
        };
        for p in expanded {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    Ok(out)
}

/// Checks a role (`any`, `user:ID/verified`, `team:ID/role`, …); the error is Appwrite's
/// description of the fault.
fn check_role(role: &str) -> Result<(), String> {
    const ROLES: &str = "any, guests, users, user, team, member, label";
    if role.starts_with("role:") {
        return Err(permissions::role_prefix_removed(role));
    }
    let (head, dimension) = match role.split_once('/') {
        Some((h, d)) => (h, Some(d)),
        None => (role, None),
    };
    let (name, identifier) = match head.split_once(':') {
        Some((n, i)) => (n, Some(i)),
        None => (head, None),
    };
    let needs_id = matches!(name, "user" | "team" | "member" | "label");
    if !matches!(name, "any" | "guests" | "users") && !needs_id {
        return Err(permissions::role_not_allowed(name, ROLES));
    }
    if needs_id {
        let id = identifier.unwrap_or_default();
        if id.is_empty() {
            return Err(permissions::role_needs_id(name));
        }
        let valid = if name == "label" {
            id.len() <= 36 && id.chars().all(|c| c.is_ascii_alphanumeric())
        } else {
            crate::validate::ids::is_valid_id(id)
        };
        if !valid {
            return Err(permissions::role_id_invalid(
                name,
                crate::validate::ids::KEY_DESCRIPTION,
            ));
        }
    } else if identifier.is_some() {
        return Err(permissions::role_takes_no_id(name));
    }
    match (name, dimension) {
        (_, None) => Ok(()),
        ("users" | "user", Some("verified" | "unverified")) => Ok(()),
        ("users" | "user", Some(_)) => Err(permissions::role_dimension_invalid(name)),
        ("team", Some(d)) if !d.is_empty() && d.len() <= 81 => Ok(()),
        (_, Some(_)) => Err(permissions::role_takes_no_dimension(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(list: &[&str]) -> Vec<String> {
        list.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn write_expands_by_level() {
        let table = validate_and_expand(
            "permissions",
            &s(&["read(\"any\")", "write(\"users\")"]),
            Level::Table,
        )
        .unwrap();
        assert_eq!(
            table,
            s(&[
                "read(\"any\")",
                "create(\"users\")",
                "update(\"users\")",
                "delete(\"users\")"
            ])
        );
        let row =
            validate_and_expand("permissions", &s(&["write(\"user:u1\")"]), Level::Row).unwrap();
        assert_eq!(row, s(&["update(\"user:u1\")", "delete(\"user:u1\")"]));
    }

    #[test]
    fn create_is_not_a_row_permission() {
        let e =
            validate_and_expand("permissions", &s(&["create(\"any\")"]), Level::Row).unwrap_err();
        assert!(
            e.message
                .contains("Must be one of: read, update, delete, write"),
            "{}",
            e.message
        );
    }

    #[test]
    fn roles_are_checked() {
        for good in [
            "any",
            "guests",
            "users",
            "users/verified",
            "user:u1",
            "user:u1/unverified",
            "team:t1",
            "team:t1/owner",
            "member:m1",
            "label:vip",
        ] {
            let p = format!("read(\"{good}\")");
            assert!(validate_and_expand("p", &[p], Level::Row).is_ok(), "{good}");
        }
        for bad in [
            "*",
            "role:all",
            "user:",
            "user:u1/admin",
            "label:v-ip",
            "nobody",
            "team:_x",
        ] {
            let p = format!("read(\"{bad}\")");
            assert!(validate_and_expand("p", &[p], Level::Row).is_err(), "{bad}");
        }
        assert!(validate_and_expand("p", &s(&["read(any)"]), Level::Row).is_err());
    }
}
