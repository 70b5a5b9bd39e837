//! Permission strings: `read("any")`, `write("team:t1/owner")`, … (TABLESDB.md §9).

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

/// Checks a permission list and returns it expanded (`write` replaced by its actions),
/// without duplicates, in the order given.
pub fn validate_and_expand(param: &str, list: &[String], level: Level) -> ApiResult<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    let allowed = level.allowed();
    for raw in list {
        if raw == "*" || raw.contains("(\"*\")") {
            return Err(ApiError::param_invalid(
                param,
                "Wildcard permission \"*\" has been replaced. Use \"any\" instead.",
            ));
        }
        let Some(permission) = Permission::parse(raw) else {
            return Err(ApiError::param_invalid(
                param,
                &format!(
                    "Permission \"{raw}\" is not allowed. Must be one of: {}.",
                    allowed.join(", ")
                ),
            ));
        };
        if !allowed.contains(&permission.action.as_str()) {
            return Err(ApiError::param_invalid(
                param,
                &format!(
                    "Permission \"{}\" is not allowed. Must be one of: {}.",
                    permission.action,
                    allowed.join(", ")
                ),
            ));
        }
        check_role(param, &permission.role)?;
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

fn check_role(param: &str, role: &str) -> ApiResult<()> {
    let invalid = |why: &str| {
        Err(ApiError::param_invalid(
            param,
            &format!("Role \"{role}\" is not allowed. {why}"),
        ))
    };
    if role.starts_with("role:") {
        return invalid(
            "Roles using the \"role:\" prefix have been removed. Use \"users\", \"guests\", or \"any\" instead.",
        );
    }
    let (name, rest) = match role.split_once(':') {
        Some((name, rest)) => (name, Some(rest)),
        None => (role, None),
    };
    let (identifier, dimension) =
        match rest.map(|r| r.split_once('/').map_or((r, None), |(i, d)| (i, Some(d)))) {
            Some((i, d)) => (Some(i), d),
            None => (None, None),
        };
    let id_ok = |id: &str| crate::validate::ids::is_valid_id(id);
    let ok = match name {
        "any" | "guests" => rest.is_none(),
        "users" => rest.is_none(),
        "users/verified" | "users/unverified" => rest.is_none(),
        "user" => {
            identifier.is_some_and(id_ok)
                && dimension.is_none_or(|d| d == "verified" || d == "unverified")
        }
        "team" => {
            identifier.is_some_and(id_ok)
                && dimension.is_none_or(|d| !d.is_empty() && d.len() <= 81)
        }
        "member" => identifier.is_some_and(id_ok) && dimension.is_none(),
        "label" => {
            identifier.is_some_and(|l| {
                !l.is_empty() && l.len() <= 36 && l.chars().all(|c| c.is_ascii_alphanumeric())
            }) && dimension.is_none()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        invalid("Must be one of: any, guests, users, user:ID, team:ID, member:ID, label:LABEL.")
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
