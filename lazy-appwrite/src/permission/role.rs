//! [`Role`]: who a permission is granted to, in Appwrite's role syntax.

use std::fmt;

/// Who a permission is granted to.
///
/// ```
/// use lazy_appwrite::Role;
///
/// assert_eq!(Role::any().as_str(), "any");
/// assert_eq!(Role::verified_users().as_str(), "users/verified");
/// assert_eq!(Role::user("u1").as_str(), "user:u1");
/// assert_eq!(Role::unverified_user("u1").as_str(), "user:u1/unverified");
/// assert_eq!(Role::team_role("t1", "owner").as_str(), "team:t1/owner");
/// assert_eq!(Role::member("m1").as_str(), "member:m1");
/// assert_eq!(Role::label("vip").as_str(), "label:vip");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Role(String);

impl Role {
    /// Everyone: guests, users and API keys.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::any().to_string(), "any");
    /// ```
    pub fn any() -> Self {
        Self("any".into())
    }

    /// Callers who are not logged in.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::guests().to_string(), "guests");
    /// ```
    pub fn guests() -> Self {
        Self("guests".into())
    }

    /// Every logged-in user.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::users().to_string(), "users");
    /// ```
    pub fn users() -> Self {
        Self("users".into())
    }

    /// Logged-in users with a verified email or phone.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::verified_users().to_string(), "users/verified");
    /// ```
    pub fn verified_users() -> Self {
        Self("users/verified".into())
    }

    /// Logged-in users without a verified email or phone.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::unverified_users().to_string(), "users/unverified");
    /// ```
    pub fn unverified_users() -> Self {
        Self("users/unverified".into())
    }

    /// One user.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::user("u1").to_string(), "user:u1");
    /// ```
    pub fn user(id: impl AsRef<str>) -> Self {
        Self(format!("user:{}", id.as_ref()))
    }

    /// One user, once verified.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::verified_user("u1").to_string(), "user:u1/verified");
    /// ```
    pub fn verified_user(id: impl AsRef<str>) -> Self {
        Self(format!("user:{}/verified", id.as_ref()))
    }

    /// One user, while unverified.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::unverified_user("u1").to_string(), "user:u1/unverified");
    /// ```
    pub fn unverified_user(id: impl AsRef<str>) -> Self {
        Self(format!("user:{}/unverified", id.as_ref()))
    }

    /// The confirmed members of a team.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::team("t1").to_string(), "team:t1");
    /// ```
    pub fn team(id: impl AsRef<str>) -> Self {
        Self(format!("team:{}", id.as_ref()))
    }

    /// The members of a team who hold a team role.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::team_role("t1", "owner").to_string(), "team:t1/owner");
    /// ```
    pub fn team_role(id: impl AsRef<str>, role: impl AsRef<str>) -> Self {
        Self(format!("team:{}/{}", id.as_ref(), role.as_ref()))
    }

    /// One team membership.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::member("m1").to_string(), "member:m1");
    /// ```
    pub fn member(id: impl AsRef<str>) -> Self {
        Self(format!("member:{}", id.as_ref()))
    }

    /// Users carrying a label.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::label("vip").to_string(), "label:vip");
    /// ```
    pub fn label(name: impl AsRef<str>) -> Self {
        Self(format!("label:{}", name.as_ref()))
    }

    /// The role string, e.g. `user:u1`.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Role::guests().as_str(), "guests");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
