//! Permissions and roles, producing exactly Appwrite's strings (`read("user:u1")`).

use std::fmt;
use std::str::FromStr;

use lazy_appwrite_core::text::shown;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

mod role;
mod set;

pub use role::Role;
pub use set::Permissions;

/// What a permission allows.
///
/// ```
/// use lazy_appwrite::{Action, Permission, Role};
/// assert_eq!(Permission::update(Role::any()).action(), Some(Action::Update));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Create rows (table level only).
    Create,
    /// Read.
    Read,
    /// Update.
    Update,
    /// Delete.
    Delete,
    /// Create, update and delete at table level; update and delete at row level.
    Write,
}

impl Action {
    /// The action's name on the wire.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Action::Write.as_str(), "write");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Write => "write",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "create" => Action::Create,
            "read" => Action::Read,
            "update" => Action::Update,
            "delete" => Action::Delete,
            "write" => Action::Write,
            _ => return None,
        })
    }
}

/// One permission: an action granted to a role, as Appwrite writes it: `read("any")`.
///
/// Tables use `create`, `read`, `update`, `delete` (and `write` for all three writes);
/// rows use `read`, `update`, `delete` and `write` (Appwrite refuses `create` on rows).
/// A permission read back from the server keeps the server's exact text.
///
/// ```
/// use lazy_appwrite::{Permission, Role};
///
/// let p = Permission::read(Role::any());
/// assert_eq!(p.to_string(), r#"read("any")"#);
/// assert_eq!(serde_json::to_string(&p).unwrap(), r#""read(\"any\")""#);
/// assert_eq!(Permission::write(Role::team_role("t1", "owner")).as_str(), r#"write("team:t1/owner")"#);
///
/// let parsed: Permission = r#"delete("user:u1")"#.parse()?;
/// assert_eq!(parsed.role(), Some("user:u1"));
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission(String);

impl Permission {
    fn new(action: Action, role: Role) -> Self {
        Self(format!("{}(\"{}\")", action.as_str(), role.as_str()))
    }

    /// Keeps a permission string from the server as it is.
    pub(crate) fn from_server(text: String) -> Self {
        Self(text)
    }

    /// `create("<role>")` (tables only).
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::create(Role::users()).as_str(), r#"create("users")"#);
    /// ```
    pub fn create(role: Role) -> Self {
        Self::new(Action::Create, role)
    }

    /// `read("<role>")`.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::read(Role::guests()).as_str(), r#"read("guests")"#);
    /// ```
    pub fn read(role: Role) -> Self {
        Self::new(Action::Read, role)
    }

    /// `update("<role>")`.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::update(Role::user("u1")).as_str(), r#"update("user:u1")"#);
    /// ```
    pub fn update(role: Role) -> Self {
        Self::new(Action::Update, role)
    }

    /// `delete("<role>")`.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::delete(Role::team("t1")).as_str(), r#"delete("team:t1")"#);
    /// ```
    pub fn delete(role: Role) -> Self {
        Self::new(Action::Delete, role)
    }

    /// `write("<role>")`: create, update and delete (update and delete on rows).
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::write(Role::label("vip")).as_str(), r#"write("label:vip")"#);
    /// ```
    pub fn write(role: Role) -> Self {
        Self::new(Action::Write, role)
    }

    /// The permission string.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::read(Role::any()).as_str(), r#"read("any")"#);
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The action, if the string has the usual `action("role")` shape.
    ///
    /// ```
    /// use lazy_appwrite::{Action, Permission, Role};
    /// assert_eq!(Permission::delete(Role::any()).action(), Some(Action::Delete));
    /// ```
    pub fn action(&self) -> Option<Action> {
        split(&self.0).and_then(|(action, _)| Action::parse(action))
    }

    /// The role, if the string has the usual `action("role")` shape.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Role};
    /// assert_eq!(Permission::read(Role::member("m1")).role(), Some("member:m1"));
    /// ```
    pub fn role(&self) -> Option<&str> {
        split(&self.0).map(|(_, role)| role)
    }
}

fn split(text: &str) -> Option<(&str, &str)> {
    let (action, rest) = text.split_once("(\"")?;
    let role = rest.strip_suffix("\")")?;
    Some((action, role))
}

impl FromStr for Permission {
    type Err = Error;

    /// Parses `action("role")`, checking the action and that the role is not empty.
    fn from_str(text: &str) -> Result<Self> {
        match split(text) {
            Some((action, role))
                if Action::parse(action).is_some() && !role.is_empty() && !role.contains('"') =>
            {
                Ok(Self(text.to_owned()))
            }
            _ => Err(Error::invalid(format!(
                "`{}` is not a permission like read(\"any\")",
                shown(text)
            ))),
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Permission {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Permission {
    /// Accepts any string: what the server stores is kept as is.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_the_sdks() {
        let cases = [
            (Permission::read(Role::any()), r#"read("any")"#),
            (Permission::create(Role::users()), r#"create("users")"#),
            (
                Permission::read(Role::unverified_users()),
                r#"read("users/unverified")"#,
            ),
            (Permission::read(Role::guests()), r#"read("guests")"#),
            (Permission::update(Role::user("u1")), r#"update("user:u1")"#),
            (
                Permission::update(Role::verified_user("u1")),
                r#"update("user:u1/verified")"#,
            ),
            (Permission::delete(Role::team("t1")), r#"delete("team:t1")"#),
            (
                Permission::write(Role::team_role("t1", "owner")),
                r#"write("team:t1/owner")"#,
            ),
            (Permission::read(Role::member("m1")), r#"read("member:m1")"#),
            (Permission::read(Role::label("vip")), r#"read("label:vip")"#),
        ];
        for (p, s) in cases {
            assert_eq!(p.as_str(), s);
            assert_eq!(s.parse::<Permission>().unwrap(), p);
        }
    }

    #[test]
    fn bad_strings_are_refused() {
        for bad in ["", "read", r#"read("")"#, r#"fly("any")"#, r#"read("a"b")"#] {
            assert!(bad.parse::<Permission>().is_err(), "{bad}");
        }
    }
}
