//! [`Permissions`]: a set of permissions, with the common patterns of Appwrite's
//! permission docs as one call each.

use super::{Action, Permission, Role};

/// A set of permissions for a row (or a table), in the order added, without duplicates.
///
/// The constructors are the patterns Appwrite's docs describe; the builder methods add
/// to them. A set goes wherever permissions are taken (`.permissions(…)` on a model's
/// create, update and upsert, on a transaction's, and on the low-level row requests),
/// since it iterates over [`Permission`]s.
///
/// Row permissions only apply when the table has row security
/// (`#[table(row_security)]`); the table's own permissions apply to every row. A user
/// (not the API key) may only grant roles they hold themselves (Appwrite answers 401
/// otherwise): their own `user:ID`, `users`, `any`, their teams, their labels.
///
/// | constructor | read | update, delete |
/// | --- | --- | --- |
/// | [`private_to(user)`](Permissions::private_to) | the user | the user |
/// | [`full_access(role)`](Permissions::full_access) | the role | the role |
/// | [`team_only(team)`](Permissions::team_only) | the team's members | the team's members |
/// | [`team_role_only(team, role)`](Permissions::team_role_only) | members with that team role | likewise |
/// | [`readable_by_anyone()`](Permissions::readable_by_anyone) | anyone, guests included | nobody (the API key only) |
/// | [`readable_by_users()`](Permissions::readable_by_users) | logged-in users | nobody |
/// | [`public_read_owner_write(user)`](Permissions::public_read_owner_write) | anyone | the user |
/// | [`public_read_team_write(team)`](Permissions::public_read_team_write) | anyone | the team's members |
///
/// ```
/// use lazy_appwrite::{Permission, Permissions, Role};
///
/// let p = Permissions::private_to("u1");
/// let shown: Vec<&str> = p.iter().map(Permission::as_str).collect();
/// assert_eq!(shown, [r#"read("user:u1")"#, r#"update("user:u1")"#, r#"delete("user:u1")"#]);
///
/// // Add to a pattern; duplicates are dropped.
/// let p = Permissions::public_read_team_write("editors")
///     .update(Role::user("u1"))
///     .read(Role::any());
/// assert_eq!(p.len(), 4);
/// assert!(p.contains(&Permission::update(Role::team("editors"))));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Permissions(Vec<Permission>);

impl Permissions {
    /// An empty set: on an update, it clears the row's permissions.
    ///
    /// ```
    /// assert!(lazy_appwrite::Permissions::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Read, update and delete for `role`.
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// let p = Permissions::full_access(Role::label("admin"));
    /// assert_eq!(p.to_strings(), [r#"read("label:admin")"#, r#"update("label:admin")"#, r#"delete("label:admin")"#]);
    /// ```
    pub fn full_access(role: Role) -> Self {
        Self::new()
            .read(role.clone())
            .update(role.clone())
            .delete(role)
    }

    /// Only this user may read, update and delete the row: what Appwrite gives a row a
    /// user creates without permissions, made explicit (so an API-key write can do it for
    /// a user too).
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::private_to("u1");
    /// assert_eq!(p.to_strings(), [r#"read("user:u1")"#, r#"update("user:u1")"#, r#"delete("user:u1")"#]);
    /// ```
    pub fn private_to(user_id: impl AsRef<str>) -> Self {
        Self::full_access(Role::user(user_id))
    }

    /// Only the confirmed members of a team may read, update and delete the row.
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::team_only("t1");
    /// assert_eq!(p.to_strings(), [r#"read("team:t1")"#, r#"update("team:t1")"#, r#"delete("team:t1")"#]);
    /// ```
    pub fn team_only(team_id: impl AsRef<str>) -> Self {
        Self::full_access(Role::team(team_id))
    }

    /// Only the members of a team holding a team role (such as `owner`) may read, update
    /// and delete the row.
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::team_role_only("t1", "owner");
    /// assert_eq!(p.to_strings()[0], r#"read("team:t1/owner")"#);
    /// ```
    pub fn team_role_only(team_id: impl AsRef<str>, role: impl AsRef<str>) -> Self {
        Self::full_access(Role::team_role(team_id, role))
    }

    /// Anyone may read, guests included; nobody may change it (but the API key).
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::readable_by_anyone();
    /// assert_eq!(p.to_strings(), [r#"read("any")"#]);
    /// ```
    pub fn readable_by_anyone() -> Self {
        Self::new().read(Role::any())
    }

    /// Every logged-in user may read; nobody may change it (but the API key).
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::readable_by_users();
    /// assert_eq!(p.to_strings(), [r#"read("users")"#]);
    /// ```
    pub fn readable_by_users() -> Self {
        Self::new().read(Role::users())
    }

    /// Anyone may read; only this user may update and delete (a public profile or post).
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::public_read_owner_write("u1");
    /// assert_eq!(p.to_strings(), [r#"read("any")"#, r#"update("user:u1")"#, r#"delete("user:u1")"#]);
    /// ```
    pub fn public_read_owner_write(user_id: impl AsRef<str>) -> Self {
        Self::readable_by_anyone().write(Role::user(user_id))
    }

    /// Anyone may read; the confirmed members of a team may update and delete (a team's
    /// public page).
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::public_read_team_write("t1");
    /// assert_eq!(p.to_strings(), [r#"read("any")"#, r#"update("team:t1")"#, r#"delete("team:t1")"#]);
    /// ```
    pub fn public_read_team_write(team_id: impl AsRef<str>) -> Self {
        Self::readable_by_anyone().write(Role::team(team_id))
    }

    /// Adds `read(role)`.
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// assert_eq!(Permissions::new().read(Role::guests()).to_strings(), [r#"read("guests")"#]);
    /// ```
    pub fn read(self, role: Role) -> Self {
        self.with(Permission::read(role))
    }

    /// Adds `create(role)`: for table permissions only (Appwrite refuses it on rows).
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// assert_eq!(Permissions::new().create(Role::users()).to_strings(), [r#"create("users")"#]);
    /// ```
    pub fn create(self, role: Role) -> Self {
        self.with(Permission::create(role))
    }

    /// Adds `update(role)`.
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// assert_eq!(Permissions::new().update(Role::member("m1")).to_strings(), [r#"update("member:m1")"#]);
    /// ```
    pub fn update(self, role: Role) -> Self {
        self.with(Permission::update(role))
    }

    /// Adds `delete(role)`.
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// assert_eq!(Permissions::new().delete(Role::label("vip")).to_strings(), [r#"delete("label:vip")"#]);
    /// ```
    pub fn delete(self, role: Role) -> Self {
        self.with(Permission::delete(role))
    }

    /// Adds `update(role)` and `delete(role)`: what `write` means on a row, written the
    /// way the server stores it (so a set read back compares equal). For a table, add
    /// [`Permissions::create`] too.
    ///
    /// ```
    /// use lazy_appwrite::{Permissions, Role};
    /// assert_eq!(Permissions::new().write(Role::users()).to_strings(), [r#"update("users")"#, r#"delete("users")"#]);
    /// ```
    pub fn write(self, role: Role) -> Self {
        self.update(role.clone()).delete(role)
    }

    /// Adds one permission (if not there yet).
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Permissions, Role};
    /// let p = Permissions::new().with(Permission::read(Role::any())).with(Permission::read(Role::any()));
    /// assert_eq!(p.len(), 1);
    /// ```
    pub fn with(mut self, permission: Permission) -> Self {
        self.insert(permission);
        self
    }

    /// Adds every permission of `other` (a set, a list, an array…) not there yet.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Permissions, Role};
    /// let p = Permissions::private_to("u1").and(Permissions::readable_by_users());
    /// assert_eq!(p.len(), 4);
    /// let p = Permissions::new().and([Permission::read(Role::any())]);
    /// assert_eq!(p.len(), 1);
    /// ```
    pub fn and(mut self, other: impl IntoIterator<Item = Permission>) -> Self {
        self.extend(other);
        self
    }

    /// Adds a permission in place; `false` if it was there already.
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Permissions, Role};
    /// let mut p = Permissions::new();
    /// assert!(p.insert(Permission::read(Role::any())));
    /// assert!(!p.insert(Permission::read(Role::any())));
    /// ```
    pub fn insert(&mut self, permission: Permission) -> bool {
        if self.0.contains(&permission) {
            return false;
        }
        self.0.push(permission);
        true
    }

    /// Whether the set holds this permission (as written: `write` is not expanded).
    ///
    /// ```
    /// use lazy_appwrite::{Permission, Permissions, Role};
    /// assert!(Permissions::team_only("t1").contains(&Permission::delete(Role::team("t1"))));
    /// ```
    pub fn contains(&self, permission: &Permission) -> bool {
        self.0.contains(permission)
    }

    /// Whether the set grants `action` to `role` (a `write` counts for update and
    /// delete, and for create).
    ///
    /// ```
    /// use lazy_appwrite::{Action, Permission, Permissions, Role};
    /// let p = Permissions::new().with(Permission::write(Role::users()));
    /// assert!(p.grants(Action::Update, &Role::users()));
    /// assert!(!p.grants(Action::Read, &Role::users()));
    /// ```
    pub fn grants(&self, action: Action, role: &Role) -> bool {
        self.0.iter().any(|p| {
            p.role() == Some(role.as_str())
                && match p.action() {
                    Some(Action::Write) => action != Action::Read,
                    Some(a) => a == action,
                    None => false,
                }
        })
    }

    /// How many permissions the set holds.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Permissions::private_to("u1").len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(!lazy_appwrite::Permissions::readable_by_anyone().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The permissions, in the order added.
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::readable_by_users();
    /// assert_eq!(p.iter().count(), 1);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Permission> {
        self.0.iter()
    }

    /// The permissions as a slice.
    ///
    /// ```
    /// let p = lazy_appwrite::Permissions::readable_by_users();
    /// assert_eq!(p.as_slice()[0].as_str(), r#"read("users")"#);
    /// ```
    pub fn as_slice(&self) -> &[Permission] {
        &self.0
    }

    /// The permission strings, as Appwrite writes them.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Permissions::readable_by_anyone().to_strings(), [r#"read("any")"#]);
    /// ```
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(|p| p.as_str().to_owned()).collect()
    }
}

impl IntoIterator for Permissions {
    type Item = Permission;
    type IntoIter = std::vec::IntoIter<Permission>;

    /// The permissions, in the order added.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Permissions {
    type Item = &'a Permission;
    type IntoIter = std::slice::Iter<'a, Permission>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Extend<Permission> for Permissions {
    /// Adds each permission not there yet.
    fn extend<I: IntoIterator<Item = Permission>>(&mut self, iter: I) {
        for permission in iter {
            self.insert(permission);
        }
    }
}

impl FromIterator<Permission> for Permissions {
    /// A set of these permissions, duplicates dropped.
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}

impl From<Permissions> for Vec<Permission> {
    fn from(set: Permissions) -> Self {
        set.0
    }
}

impl serde::Serialize for Permissions {
    /// A JSON array of permission strings.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_make_the_documented_strings() {
        let cases: [(Permissions, &[&str]); 4] = [
            (
                Permissions::team_role_only("t1", "admin"),
                &[
                    r#"read("team:t1/admin")"#,
                    r#"update("team:t1/admin")"#,
                    r#"delete("team:t1/admin")"#,
                ],
            ),
            (
                Permissions::public_read_team_write("t1"),
                &[
                    r#"read("any")"#,
                    r#"update("team:t1")"#,
                    r#"delete("team:t1")"#,
                ],
            ),
            (
                Permissions::public_read_owner_write("u1").and(Permissions::private_to("u1")),
                &[
                    r#"read("any")"#,
                    r#"update("user:u1")"#,
                    r#"delete("user:u1")"#,
                    r#"read("user:u1")"#,
                ],
            ),
            (
                Permissions::new().create(Role::users()).read(Role::any()),
                &[r#"create("users")"#, r#"read("any")"#],
            ),
        ];
        for (set, want) in cases {
            assert_eq!(set.to_strings(), want);
            let collected: Permissions = set.clone().into_iter().collect();
            assert_eq!(collected, set);
        }
        assert_eq!(
            serde_json::to_string(&Permissions::readable_by_anyone()).unwrap(),
            r#"["read(\"any\")"]"#
        );
    }

    #[test]
    fn grants_reads_write_as_every_write() {
        let p = Permissions::new().with(Permission::write(Role::team("t1")));
        for action in [Action::Create, Action::Update, Action::Delete] {
            assert!(p.grants(action, &Role::team("t1")));
        }
        assert!(!p.grants(Action::Read, &Role::team("t1")));
        assert!(!p.grants(Action::Update, &Role::team("t2")));
    }
}
