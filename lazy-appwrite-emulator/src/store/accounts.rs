//! Users, teams and memberships: the records behind `/v1/users` and `/v1/teams`, and the
//! JSON models the official SDKs read (`User`, `Team`, `Membership`).

use rusqlite::{OptionalExtension, Row, params};
use serde_json::{Map, Value, json};

use super::Tx;
use crate::error::{ApiError, ApiResult};
use crate::profile::AppwriteVersion;

/// A user.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    /// `$id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `email`, lower-cased.
    pub email: Option<String>,
    /// `phone`.
    pub phone: Option<String>,
    /// When a password was set (`passwordUpdate`); the emulator keeps no password.
    pub password_update: Option<String>,
    /// `emailVerification`.
    pub email_verification: bool,
    /// `phoneVerification`.
    pub phone_verification: bool,
    /// `status`: `false` when blocked.
    pub status: bool,
    /// `labels`.
    pub labels: Vec<String>,
    /// `prefs`.
    pub prefs: Map<String, Value>,
    /// `registration`.
    pub registration: String,
    /// `targets`: the email and phone message targets, as models.
    pub targets: Vec<Value>,
    /// `$createdAt`.
    pub created_at: String,
    /// `$updatedAt`.
    pub updated_at: String,
    /// `accessedAt`: when the user last acted through a JWT (refreshed at most daily).
    pub accessed_at: Option<String>,
}

impl UserRecord {
    /// The `User` model as release `profile` answers it. The emulator keeps no password:
    /// `password` is a fixed marker (not a hash) once one was set, `null` before.
    /// `impersonator` fields come only with 1.9-format answers (`format_1_9`).
    pub fn to_json(&self, profile: AppwriteVersion, format_1_9: bool) -> Value {
        let mut model = json!({
            "$id": self.id,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "name": self.name,
            "registration": self.registration,
            "status": self.status,
            "labels": self.labels,
            "passwordUpdate": self.password_update.clone().unwrap_or_default(),
            "email": self.email.clone().unwrap_or_default(),
            "phone": self.phone.clone().unwrap_or_default(),
            "emailVerification": self.email_verification,
            "phoneVerification": self.phone_verification,
            "mfa": false,
            "prefs": Value::Object(self.prefs.clone()),
            "targets": self.targets,
            "accessedAt": self.accessed_at.clone().unwrap_or_default(),
            "password": self.password_update.as_ref().map(|_| PASSWORD_MARKER),
            "hash": "argon2",
            "hashOptions": {"type": "argon2", "memory_cost": 65536, "time_cost": 4, "threads": 3},
        });
        if profile.has_email_insights() {
            let insights = self.email.as_deref().map(email_insights);
            let field = |f: fn(&EmailInsights) -> Value| insights.as_ref().map_or(Value::Null, f);
            model["emailCanonical"] = field(|i| json!(i.canonical));
            model["emailIsFree"] = field(|i| json!(i.free));
            model["emailIsDisposable"] = field(|i| json!(i.disposable));
            model["emailIsCorporate"] = field(|i| json!(i.corporate));
            model["emailIsCanonical"] = field(|i| json!(i.is_canonical));
            if format_1_9 {
                model["impersonator"] = json!(false);
                model["impersonatorUserId"] = Value::Null;
            }
        }
        model
    }
}

/// What the emulator shows as `password` once a password was set: it stores none.
const PASSWORD_MARKER: &str = "$argon2id$v=19$m=65536,t=4,p=3$not-stored$not-stored";

/// What 1.9 tells about an email address.
struct EmailInsights {
    canonical: String,
    free: bool,
    disposable: bool,
    corporate: bool,
    is_canonical: bool,
}

/// Free-mail providers and throwaway domains the emulator knows (a small subset of the
/// lists Appwrite ships; the reserved `example.*` domains count as disposable there).
const FREE_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
];
const DISPOSABLE_DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];

fn email_insights(email: &str) -> EmailInsights {
    let canonical = email.to_lowercase();
    let domain = canonical.rsplit('@').next().unwrap_or("");
    let free = FREE_DOMAINS.contains(&domain);
    let disposable = DISPOSABLE_DOMAINS.contains(&domain);
    EmailInsights {
        is_canonical: canonical == email,
        canonical,
        free,
        disposable,
        corporate: !free && !disposable,
    }
}

const USER_COLUMNS: &str = "id, name, email, phone, password_update, email_verification, phone_verification, status, labels, prefs, registration, targets, created, updated";

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<UserRecord> {
    let labels: String = row.get(8)?;
    let prefs: String = row.get(9)?;
    let targets: String = row.get(11)?;
    Ok(UserRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        phone: row.get(3)?,
        password_update: row.get(4)?,
        email_verification: row.get(5)?,
        phone_verification: row.get(6)?,
        status: row.get(7)?,
        labels: serde_json::from_str(&labels).unwrap_or_default(),
        prefs: serde_json::from_str(&prefs).unwrap_or_default(),
        registration: row.get(10)?,
        targets: serde_json::from_str(&targets).unwrap_or_default(),
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        accessed_at: row.get(14)?,
    })
}

/// The columns a user is read with: the stored ones and the last access.
const USER_SELECT: &str = "id, name, email, phone, password_update, email_verification, phone_verification, status, labels, prefs, registration, targets, created, updated, (SELECT accessed FROM _user_access a WHERE a.id = _users.id)";

/// Records that user `id` acted now (Appwrite refreshes `accessedAt` at most once a day).
pub fn touch_user(tx: &Tx<'_>, id: &str) -> ApiResult<()> {
    let now = crate::validate::datetime::now_ms();
    let day_ago = crate::validate::datetime::format_unix_ms(now - 86_400_000);
    tx.sql
        .prepare_cached(
            "INSERT INTO _user_access (id, accessed) VALUES (?1, ?2) \
             ON CONFLICT(id) DO UPDATE SET accessed = excluded.accessed WHERE accessed < ?3",
        )?
        .execute(params![
            id,
            crate::validate::datetime::format_unix_ms(now),
            day_ago
        ])?;
    Ok(())
}

fn to_text(value: &impl serde::Serialize) -> ApiResult<String> {
    serde_json::to_string(value).map_err(ApiError::internal)
}

/// User `id` (IDs compare case-insensitively, like the other catalogues).
pub fn find_user(tx: &Tx<'_>, id: &str) -> ApiResult<Option<UserRecord>> {
    Ok(tx
        .sql
        .query_row(
            &format!("SELECT {USER_SELECT} FROM _users WHERE id = ?1"),
            [id],
            user_from_row,
        )
        .optional()?)
}

/// Whether some user other than `except` has this email or phone.
pub fn contact_taken(
    tx: &Tx<'_>,
    email: Option<&str>,
    phone: Option<&str>,
    except: &str,
) -> ApiResult<bool> {
    let taken: i64 = tx.sql.query_row(
        "SELECT COUNT(*) FROM _users WHERE id <> ?3 AND ((?1 IS NOT NULL AND email = ?1) OR (?2 IS NOT NULL AND phone = ?2))",
        params![email, phone, except],
        |r| r.get(0),
    )?;
    Ok(taken > 0)
}

/// The user with this (lower-cased) email.
pub fn find_user_by_email(tx: &Tx<'_>, email: &str) -> ApiResult<Option<UserRecord>> {
    Ok(tx
        .sql
        .query_row(
            &format!("SELECT {USER_SELECT} FROM _users WHERE email = ?1"),
            [email],
            user_from_row,
        )
        .optional()?)
}

/// The user with this phone number.
pub fn find_user_by_phone(tx: &Tx<'_>, phone: &str) -> ApiResult<Option<UserRecord>> {
    Ok(tx
        .sql
        .query_row(
            &format!("SELECT {USER_SELECT} FROM _users WHERE phone = ?1"),
            [phone],
            user_from_row,
        )
        .optional()?)
}

/// Every user, oldest first.
pub fn users(tx: &Tx<'_>) -> ApiResult<Vec<UserRecord>> {
    let mut stmt = tx
        .sql
        .prepare(&format!("SELECT {USER_SELECT} FROM _users ORDER BY seq"))?;
    let rows = stmt.query_map([], user_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Stores a new user (the caller has checked that the ID, email and phone are free).
pub fn insert_user(tx: &Tx<'_>, user: &UserRecord) -> ApiResult<()> {
    tx.sql.execute(
        &format!("INSERT INTO _users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        params![
            user.id,
            user.name,
            user.email,
            user.phone,
            user.password_update,
            user.email_verification,
            user.phone_verification,
            user.status,
            to_text(&user.labels)?,
            to_text(&user.prefs)?,
            user.registration,
            to_text(&user.targets)?,
            user.created_at,
            user.updated_at,
        ],
    )?;
    Ok(())
}

/// Writes back every field of an existing user.
pub fn update_user(tx: &Tx<'_>, user: &UserRecord) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _users SET name = ?2, email = ?3, phone = ?4, password_update = ?5, email_verification = ?6, phone_verification = ?7, status = ?8, labels = ?9, prefs = ?10, targets = ?11, updated = ?12 WHERE id = ?1",
        params![
            user.id,
            user.name,
            user.email,
            user.phone,
            user.password_update,
            user.email_verification,
            user.phone_verification,
            user.status,
            to_text(&user.labels)?,
            to_text(&user.prefs)?,
            to_text(&user.targets)?,
            user.updated_at,
        ],
    )?;
    Ok(())
}

/// Deletes a user.
pub fn delete_user(tx: &Tx<'_>, id: &str) -> ApiResult<()> {
    tx.sql.execute("DELETE FROM _users WHERE id = ?1", [id])?;
    tx.sql
        .execute("DELETE FROM _user_access WHERE id = ?1", [id])?;
    Ok(())
}

/// A team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRecord {
    /// `$id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `total`: confirmed members.
    pub total: i64,
    /// `prefs`.
    pub prefs: Map<String, Value>,
    /// The team document's permissions (`read("team:ID")`, owner update/delete).
    pub permissions: Vec<String>,
    /// `$createdAt`.
    pub created_at: String,
    /// `$updatedAt`.
    pub updated_at: String,
}

impl TeamRecord {
    /// The `Team` model.
    pub fn to_json(&self) -> Value {
        json!({
            "$id": self.id,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "name": self.name,
            "total": self.total,
            "prefs": Value::Object(self.prefs.clone()),
        })
    }
}

const TEAM_COLUMNS: &str = "id, name, total, prefs, permissions, created, updated";

fn team_from_row(row: &Row<'_>) -> rusqlite::Result<TeamRecord> {
    let prefs: String = row.get(3)?;
    let permissions: String = row.get(4)?;
    Ok(TeamRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        total: row.get(2)?,
        prefs: serde_json::from_str(&prefs).unwrap_or_default(),
        permissions: serde_json::from_str(&permissions).unwrap_or_default(),
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
    })
}

/// Team `id`.
pub fn find_team(tx: &Tx<'_>, id: &str) -> ApiResult<Option<TeamRecord>> {
    Ok(tx
        .sql
        .query_row(
            &format!("SELECT {TEAM_COLUMNS} FROM _teams WHERE id = ?1"),
            [id],
            team_from_row,
        )
        .optional()?)
}

/// Every team, oldest first.
pub fn teams(tx: &Tx<'_>) -> ApiResult<Vec<TeamRecord>> {
    let mut stmt = tx
        .sql
        .prepare(&format!("SELECT {TEAM_COLUMNS} FROM _teams ORDER BY seq"))?;
    let rows = stmt.query_map([], team_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Stores a new team.
pub fn insert_team(tx: &Tx<'_>, team: &TeamRecord) -> ApiResult<()> {
    tx.sql.execute(
        &format!("INSERT INTO _teams ({TEAM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            team.id,
            team.name,
            team.total,
            to_text(&team.prefs)?,
            to_text(&team.permissions)?,
            team.created_at,
            team.updated_at,
        ],
    )?;
    Ok(())
}

/// Writes back a team's name, total, prefs and `$updatedAt`.
pub fn update_team(tx: &Tx<'_>, team: &TeamRecord) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _teams SET name = ?2, total = ?3, prefs = ?4, updated = ?5 WHERE id = ?1",
        params![
            team.id,
            team.name,
            team.total,
            to_text(&team.prefs)?,
            team.updated_at
        ],
    )?;
    Ok(())
}

/// Moves a team's member count by `delta` (never below 0); `$updatedAt` is kept, as
/// Appwrite's counter updates do.
pub fn add_to_team_total(tx: &Tx<'_>, team_id: &str, delta: i64) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _teams SET total = MAX(0, total + ?2) WHERE id = ?1",
        params![team_id, delta],
    )?;
    Ok(())
}

/// Deletes a team and its memberships.
pub fn delete_team(tx: &Tx<'_>, id: &str) -> ApiResult<()> {
    tx.sql
        .execute("DELETE FROM _memberships WHERE team_id = ?1", [id])?;
    tx.sql.execute("DELETE FROM _teams WHERE id = ?1", [id])?;
    Ok(())
}

/// A membership of a user in a team.
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipRecord {
    /// `$id`.
    pub id: String,
    /// `teamId`.
    pub team_id: String,
    /// `userId`.
    pub user_id: String,
    /// `roles`.
    pub roles: Vec<String>,
    /// `invited`.
    pub invited: String,
    /// `joined` (`None` until confirmed).
    pub joined: Option<String>,
    /// `confirm`.
    pub confirm: bool,
    /// The membership document's permissions.
    pub permissions: Vec<String>,
    /// `$createdAt`.
    pub created_at: String,
    /// `$updatedAt`.
    pub updated_at: String,
}

impl MembershipRecord {
    /// The `Membership` model, with the team's name and the user's name and email, in the
    /// 1.9 response format when `format_1_9`.
    pub fn to_json(
        &self,
        team_name: &str,
        user: Option<&UserRecord>,
        profile: AppwriteVersion,
        format_1_9: bool,
    ) -> Value {
        let mut model = json!({
            "$id": self.id,
            "$createdAt": self.created_at,
            "$updatedAt": self.updated_at,
            "userId": self.user_id,
            "userName": user.map(|u| u.name.clone()).unwrap_or_default(),
            "userEmail": user.and_then(|u| u.email.clone()).unwrap_or_default(),
            "teamId": self.team_id,
            "teamName": team_name,
            "invited": self.invited,
            "joined": self.joined.clone().unwrap_or_default(),
            "confirm": self.confirm,
            "mfa": false,
            "roles": self.roles,
        });
        if profile.has_email_insights() {
            // An older response format drops `userPhone` but keeps `userAccessedAt`
            // (node-users.jsonl 1.9.6 seq 3271).
            if format_1_9 {
                model["userPhone"] = json!(user.and_then(|u| u.phone.clone()).unwrap_or_default());
            }
            model["userAccessedAt"] = json!("");
        }
        model
    }
}

const MEMBERSHIP_COLUMNS: &str =
    "id, team_id, user_id, roles, invited, joined, confirm, permissions, created, updated";

fn membership_from_row(row: &Row<'_>) -> rusqlite::Result<MembershipRecord> {
    let roles: String = row.get(3)?;
    let permissions: String = row.get(7)?;
    Ok(MembershipRecord {
        id: row.get(0)?,
        team_id: row.get(1)?,
        user_id: row.get(2)?,
        roles: serde_json::from_str(&roles).unwrap_or_default(),
        invited: row.get(4)?,
        joined: row.get(5)?,
        confirm: row.get(6)?,
        permissions: serde_json::from_str(&permissions).unwrap_or_default(),
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

fn memberships_where(tx: &Tx<'_>, condition: &str, arg: &str) -> ApiResult<Vec<MembershipRecord>> {
    let mut stmt = tx.sql.prepare(&format!(
        "SELECT {MEMBERSHIP_COLUMNS} FROM _memberships WHERE {condition} ORDER BY seq"
    ))?;
    let rows = stmt.query_map([arg], membership_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Membership `id`.
pub fn find_membership(tx: &Tx<'_>, id: &str) -> ApiResult<Option<MembershipRecord>> {
    Ok(memberships_where(tx, "id = ?1", id)?.into_iter().next())
}

/// The memberships of a team, oldest first.
pub fn memberships_of_team(tx: &Tx<'_>, team_id: &str) -> ApiResult<Vec<MembershipRecord>> {
    memberships_where(tx, "team_id = ?1", team_id)
}

/// The memberships of a user, oldest first.
pub fn memberships_of_user(tx: &Tx<'_>, user_id: &str) -> ApiResult<Vec<MembershipRecord>> {
    memberships_where(tx, "user_id = ?1", user_id)
}

/// Stores a new membership.
pub fn insert_membership(tx: &Tx<'_>, m: &MembershipRecord) -> ApiResult<()> {
    tx.sql.execute(
        &format!("INSERT INTO _memberships ({MEMBERSHIP_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            m.id,
            m.team_id,
            m.user_id,
            to_text(&m.roles)?,
            m.invited,
            m.joined,
            m.confirm,
            to_text(&m.permissions)?,
            m.created_at,
            m.updated_at,
        ],
    )?;
    Ok(())
}

/// Writes back a membership's roles, dates, confirmation and `$updatedAt`.
pub fn update_membership(tx: &Tx<'_>, m: &MembershipRecord) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _memberships SET roles = ?2, invited = ?3, joined = ?4, confirm = ?5, updated = ?6 WHERE id = ?1",
        params![
            m.id,
            to_text(&m.roles)?,
            m.invited,
            m.joined,
            m.confirm,
            m.updated_at
        ],
    )?;
    Ok(())
}

/// Deletes a membership.
pub fn delete_membership(tx: &Tx<'_>, id: &str) -> ApiResult<()> {
    tx.sql
        .execute("DELETE FROM _memberships WHERE id = ?1", [id])?;
    Ok(())
}
