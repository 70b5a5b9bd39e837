//! Who is calling: the project check, the API key, user JWTs, and the caller's roles and
//! scopes (Appwrite's `app/init/resources.php`,
//! `app/controllers/shared/api.php` and `User::getRoles`).

use http::HeaderMap;

use crate::config::Config;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::jwt::{self, JwtKey};
use crate::profile::AppwriteVersion;
use crate::store::{Tx, accounts};

/// The caller of a request, which decides what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The project's API key: every check is off.
    Key,
    /// No credentials (or a JWT whose user no longer exists): role `guests`.
    Guest,
    /// A user, through `X-Appwrite-JWT`: role `users` plus the user's own roles.
    User(Box<Identity>),
}

/// A user as the permission checks see it, resolved when the request starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The user ID.
    pub id: String,
    /// The user's email, if any (used in scope errors).
    pub email: Option<String>,
    /// Whether the email or the phone is verified.
    pub verified: bool,
    /// `false` when the user is blocked.
    pub status: bool,
    /// The user's labels.
    pub labels: Vec<String>,
    /// The user's confirmed team memberships.
    pub memberships: Vec<TeamRole>,
}

/// One confirmed membership: the team, the membership ID and the roles in the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRole {
    /// The membership ID (role `member:ID`).
    pub membership_id: String,
    /// The team ID (role `team:ID`).
    pub team_id: String,
    /// The roles inside the team (roles `team:ID/ROLE`).
    pub roles: Vec<String>,
}

impl Identity {
    /// Loads user `id` and its confirmed memberships; `None` when the user does not exist.
    pub fn load(tx: &Tx<'_>, id: &str) -> ApiResult<Option<Self>> {
        let Some(user) = accounts::find_user(tx, id)? else {
            return Ok(None);
        };
        let memberships = accounts::memberships_of_user(tx, &user.id)?
            .into_iter()
            .filter(|m| m.confirm)
            .map(|m| TeamRole {
                membership_id: m.id,
                team_id: m.team_id,
                roles: m.roles,
            })
            .collect();
        Ok(Some(Self {
            verified: user.email_verification || user.phone_verification,
            id: user.id,
            email: user.email,
            status: user.status,
            labels: user.labels,
            memberships,
        }))
    }
}

/// Scopes of the `guests` role (Appwrite's `app/config/roles.php`).
const GUEST_SCOPES: &[&str] = &[
    "global",
    "public",
    "home",
    "console",
    "graphql",
    "sessions.write",
    "documents.read",
    "documents.write",
    "rows.read",
    "rows.write",
    "files.read",
    "files.write",
    "locale.read",
    "avatars.read",
    "execution.write",
];

/// Scopes of the `users` role (Appwrite's `$member` list).
const USER_SCOPES: &[&str] = &[
    "global",
    "public",
    "home",
    "console",
    "graphql",
    "sessions.write",
    "account",
    "teams.read",
    "teams.write",
    "documents.read",
    "documents.write",
    "rows.read",
    "rows.write",
    "files.read",
    "files.write",
    "projects.read",
    "locale.read",
    "avatars.read",
    "execution.read",
    "execution.write",
    "targets.read",
    "targets.write",
    "subscribers.write",
    "subscribers.read",
    "assistant.read",
    "rules.read",
];

impl Caller {
    /// True for callers that bypass permissions and may use the schema endpoints.
    pub fn is_privileged(&self) -> bool {
        matches!(self, Caller::Key)
    }

    /// The user behind the request, if it is a user.
    pub fn user(&self) -> Option<&Identity> {
        match self {
            Caller::User(identity) => Some(identity),
            _ => None,
        }
    }

    /// The user ID (empty for the key and guests).
    pub fn user_id(&self) -> &str {
        self.user().map(|u| u.id.as_str()).unwrap_or("")
    }

    /// The roles the caller holds, as they appear inside permission strings, in the order
    /// Appwrite lists them in its messages.
    pub fn roles(&self) -> Vec<String> {
        match self {
            Caller::Key => vec!["any".into()],
            Caller::Guest => vec!["any".into(), "guests".into()],
            Caller::User(user) => {
                let dimension = if user.verified {
                    "verified"
                } else {
                    "unverified"
                };
                let mut roles = vec![
                    "any".to_string(),
                    "users".to_string(),
                    format!("user:{}", user.id),
                    format!("user:{}/{dimension}", user.id),
                    format!("users/{dimension}"),
                ];
                for membership in &user.memberships {
                    roles.push(format!("team:{}", membership.team_id));
                    roles.push(format!("member:{}", membership.membership_id));
                    for role in &membership.roles {
                        roles.push(format!("team:{}/{role}", membership.team_id));
                    }
                }
                for label in &user.labels {
                    roles.push(format!("label:{label}"));
                }
                let mut seen = std::collections::HashSet::new();
                roles.retain(|r| seen.insert(r.clone()));
                roles
            }
        }
    }

    /// Whether the caller holds `role` (e.g. `team:t1/owner`).
    pub fn has_role(&self, role: &str) -> bool {
        self.roles().iter().any(|r| r == role)
    }

    /// The permissions a row gets on create when `permissions` is omitted: the user's own
    /// `read`, `update` and `delete`; nothing for the key and guests.
    pub fn default_row_permissions(&self) -> Vec<String> {
        match self.user() {
            Some(user) => ["read", "update", "delete"]
                .iter()
                .map(|action| format!("{action}(\"user:{}\")", user.id))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The role name Appwrite uses in scope errors.
    pub fn role_name(&self) -> &'static str {
        match self {
            Caller::Key => "applications",
            Caller::Guest => "guests",
            Caller::User(_) => "users",
        }
    }

    /// Whether the caller's role carries `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        match self {
            // Keys carry every scope but `account`, which is for users only.
            Caller::Key => scope != "account",
            Caller::Guest => GUEST_SCOPES.contains(&scope),
            Caller::User(_) => USER_SCOPES.contains(&scope),
        }
    }

    /// Fails with `401 general_unauthorized_scope` unless the caller has `scope`.
    pub fn require_scope(&self, scope: &str) -> ApiResult<()> {
        self.require_scopes(&[scope])
    }

    /// Fails with `401 general_unauthorized_scope` unless the caller has one of `scopes`
    /// (an endpoint's scope label); the message lists them all, as Appwrite's does.
    pub fn require_scopes(&self, scopes: &[&str]) -> ApiResult<()> {
        if scopes.iter().any(|scope| self.has_scope(scope)) {
            return Ok(());
        }
        let who = self
            .user()
            .and_then(|u| u.email.as_deref())
            .unwrap_or("User");
        let listed: Vec<String> = scopes.iter().map(|s| format!("\"{s}\"")).collect();
        Err(catalogue::missing_scopes_of(
            who,
            self.role_name(),
            &listed.join(","),
        ))
    }

    /// Whether the caller is a blocked user.
    pub fn is_blocked(&self) -> bool {
        self.user().is_some_and(|u| !u.status)
    }
}

/// What every endpoint needs to know about the request besides its parameters.
#[derive(Debug, Clone)]
pub struct Context {
    /// Who is calling.
    pub caller: Caller,
    /// Whether the client wants 1.9-format responses (`$sequence` as a string).
    pub format_1_9: bool,
    /// The `X-Appwrite-Timestamp` header, if sent.
    pub timestamp: Option<String>,
    /// The key user JWTs are signed with.
    pub jwt_key: JwtKey,
    /// The Appwrite release the emulator imitates.
    pub profile: AppwriteVersion,
}

/// A request whose project and credentials were checked; a JWT's user is looked up by
/// [`Authenticated::resolve`] inside the request's storage transaction.
#[derive(Debug, Clone)]
pub struct Authenticated {
    /// The context, with `Caller::Guest` (or `Caller::Key`) until the JWT's user is resolved.
    pub context: Context,
    /// The user ID of a valid JWT sent without the key (or with it, on a release that
    /// refuses the pair once the user is found).
    pub jwt_user: Option<String>,
    /// No project and no key: Appwrite falls back to its console project, whose caller is a
    /// guest (tour-meta.jsonl 1.8.1 seq 8). Only the scope check then separates requests.
    pub console: bool,
}

impl Authenticated {
    /// Looks the JWT's user up: a user that exists makes the caller that user, or, next to
    /// the key, is `403 user_key_and_session_set`; one that does not leaves the caller as it
    /// was (as Appwrite does).
    pub fn resolve(self, tx: &Tx<'_>) -> ApiResult<Context> {
        let mut context = self.context;
        if let Some(id) = self.jwt_user
            && let Some(identity) = Identity::load(tx, &id)?
        {
            if context.caller == Caller::Key {
                // Only releases that refuse the pair keep the JWT next to the key.
                return Err(catalogue::key_and_session());
            }
            accounts::touch_user(tx, &identity.id)?;
            context.caller = Caller::User(Box::new(identity));
        }
        Ok(context)
    }
}

/// Checks the project and the credentials of a request. Order as in Appwrite: the project,
/// then the JWT (`401 user_jwt_invalid`), then the key (`401 user_unauthorized`).
pub fn authenticate(config: &Config, headers: &HeaderMap) -> ApiResult<Authenticated> {
    let project = header(headers, "x-appwrite-project").unwrap_or("");
    if project.is_empty() {
        let has_key = header(headers, "x-appwrite-key").is_some_and(|k| !k.is_empty());
        if !has_key {
            return Ok(console_guest(config, headers));
        }
        return Err(if config.appwrite.project_id_missing_error() {
            catalogue::project_id_missing()
        } else {
            ApiError::unauthorized()
        });
    }
    if project == "console" {
        return Err(catalogue::console_project());
    }
    if project != config.project {
        return Err(catalogue::project_not_found());
    }
    // Users only exist through JWTs here (no sessions), so a session header or cookie never
    // names a user and the JWT-with-cookie conflict cannot arise.
    let jwt_user = match header(headers, "x-appwrite-jwt") {
        None | Some("") => None,
        Some(token) => {
            let claims = jwt::verify(&config.jwt_key, token, jwt::unix_now())
                .map_err(|reason| catalogue::jwt_invalid(&reason))?;
            // A token tied to a session needs that session, and there are none.
            (!claims.user_id.is_empty() && claims.session_id.is_empty()).then_some(claims.user_id)
        }
    };
    let caller = match header(headers, "x-appwrite-key") {
        None | Some("") => Caller::Guest,
        Some(key) if constant_time_eq(key.as_bytes(), config.key.as_bytes()) => Caller::Key,
        Some(_) => {
            return Err(ApiError::unauthorized());
        }
    };
    let format_1_9 = format_1_9(config, headers);
    let timestamp = header(headers, "x-appwrite-timestamp").map(str::to_string);
    let jwt_user = if caller == Caller::Key && !config.appwrite.refuses_key_with_jwt() {
        // The key wins: Appwrite switches authorization off and acts as the app.
        None
    } else {
        jwt_user
    };
    Ok(Authenticated {
        context: Context {
            caller,
            format_1_9,
            timestamp,
            jwt_key: config.jwt_key.clone(),
            profile: config.appwrite,
        },
        jwt_user,
        console: false,
    })
}

/// Whether the client wants 1.9-format responses.
fn format_1_9(config: &Config, headers: &HeaderMap) -> bool {
    header(headers, "x-appwrite-response-format")
        .map(|v| version_at_least(v, (1, 9, 0)))
        .unwrap_or(true)
        // A release without 1.9 models ignores the header.
        && config.appwrite.sequence_is_string_by_default()
}

/// A request with neither project nor key: a guest of Appwrite's console project.
fn console_guest(config: &Config, headers: &HeaderMap) -> Authenticated {
    Authenticated {
        context: Context {
            caller: Caller::Guest,
            format_1_9: format_1_9(config, headers),
            timestamp: header(headers, "x-appwrite-timestamp").map(str::to_string),
            jwt_key: config.jwt_key.clone(),
            profile: config.appwrite,
        },
        jwt_user: None,
        console: true,
    }
}

/// The first value of a header, as text.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Whether a dotted version such as `1.9.5` or `2.6.2` is at least `min`.
pub fn version_at_least(version: &str, min: (u64, u64, u64)) -> bool {
    let mut parts = version
        .trim()
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let v = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    v >= min
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_at_least("1.9.0", (1, 9, 0)));
        assert!(version_at_least("2.6.2", (1, 9, 0)));
        assert!(!version_at_least("1.8.0", (1, 9, 0)));
        assert!(!version_at_least("1.10", (1, 11, 0)));
        assert!(version_at_least("1.10", (1, 9, 0)));
    }

    fn user(verified: bool) -> Caller {
        Caller::User(Box::new(Identity {
            id: "u1".into(),
            email: Some("a@b.co".into()),
            verified,
            status: true,
            labels: vec!["vip".into()],
            memberships: vec![TeamRole {
                membership_id: "m1".into(),
                team_id: "t1".into(),
                roles: vec!["owner".into(), "editor".into()],
            }],
        }))
    }

    #[test]
    fn user_roles_in_appwrite_order() {
        assert_eq!(
            user(false).roles(),
            vec![
                "any",
                "users",
                "user:u1",
                "user:u1/unverified",
                "users/unverified",
                "team:t1",
                "member:m1",
                "team:t1/owner",
                "team:t1/editor",
                "label:vip",
            ]
        );
        assert!(user(true).has_role("users/verified"));
        assert!(!user(true).has_role("guests"));
        assert_eq!(Caller::Guest.roles(), vec!["any", "guests"]);
    }

    #[test]
    fn scopes_by_role() {
        assert!(user(false).has_scope("teams.write"));
        assert!(!user(false).has_scope("users.read"));
        assert!(!Caller::Guest.has_scope("teams.read"));
        assert!(Caller::Guest.has_scope("rows.write"));
        let e = user(false).require_scope("databases.read").unwrap_err();
        assert_eq!(
            e.message,
            "a@b.co (role: users) missing scopes ([\"databases.read\"])"
        );
        let e = Caller::Guest.require_scope("users.read").unwrap_err();
        assert_eq!(
            e.message,
            "User (role: guests) missing scopes ([\"users.read\"])"
        );
    }

    #[test]
    fn default_permissions_only_for_users() {
        assert_eq!(
            user(false).default_row_permissions(),
            vec![
                "read(\"user:u1\")",
                "update(\"user:u1\")",
                "delete(\"user:u1\")"
            ]
        );
        assert!(Caller::Guest.default_row_permissions().is_empty());
        assert!(Caller::Key.default_row_permissions().is_empty());
    }
}
