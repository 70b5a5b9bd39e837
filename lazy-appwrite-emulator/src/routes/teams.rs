//! `/v1/teams`: teams and memberships (Appwrite's `app/controllers/api/teams.php`).
//!
//! Users (scopes `teams.read` / `teams.write`) and the key may call them; guests may not.
//! Team and membership documents carry Appwrite's permissions: a team is readable by its
//! members (`read("team:ID")`) and changed by its owners (`team:ID/owner`). A user who
//! creates a team becomes its owner. Memberships made with the key are confirmed at once;
//! users' invitations need email delivery, which the emulator does not have, so they end in
//! `503 general_smtp_disabled` as on a server without SMTP.

use serde_json::{Map, Value, json};

use crate::engine::access::grants;
use crate::engine::accounts::{EMAIL, MEMBERSHIP_FIELDS, PHONE, new_user, user_not_found};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{Param, Rule};
use crate::profile::AppwriteVersion;
use crate::query::memory::{MemoryField, MemoryKind, apply_memory};
use crate::store::Tx;
use crate::store::accounts::{self, MembershipRecord, TeamRecord};
use crate::validate::datetime::now;
use crate::validate::ids::{MAX_ID_LENGTH, is_valid_key_of, unique_id};

use super::declared::NAME;

/// `teamId` of a new team (`unique()` allowed).
pub const NEW_ID: Param = Param::required("teamId", Rule::CustomId);
/// `roles` of a team's creator: keys of at most 36 characters, `["owner"]` by default.
pub const CREATOR_ROLES: Param = Param::optional("roles", Rule::Custom(creator_roles));
/// The body of `POST /teams`.
pub const CREATE_BODY: &[Param] = &[NEW_ID, NAME, CREATOR_ROLES];
/// The body of `PUT /teams/{teamId}`.
pub const UPDATE_BODY: &[Param] = &[NAME];
/// `prefs`: a key-value object.
pub const PREFS: Param = Param::required("prefs", Rule::Assoc);
/// The body of `PUT /teams/{teamId}/prefs`.
pub const PREFS_BODY: &[Param] = &[PREFS];
/// `userId` of an invitee: a UID, optional.
pub const INVITEE_ID: Param = Param::optional("userId", Rule::Uid);
/// `roles` of a member: keys of at most
/// [`AppwriteVersion::membership_role_max_length`] characters.
pub const MEMBER_ROLES: Param = Param::required("roles", Rule::Custom(member_roles));
/// `url` of an invitation: a `Text` of at most 2048 characters.
pub const URL: Param = Param::optional("url", Rule::Text { min: 0, max: 2048 });
/// `name` of an invitee: a `Text` of 1–128 characters.
pub const INVITEE_NAME: Param = Param::optional("name", Rule::Text { min: 1, max: 128 });
/// The body of `POST /teams/{teamId}/memberships`.
pub const INVITE_BODY: &[Param] = &[EMAIL, INVITEE_ID, PHONE, MEMBER_ROLES, URL, INVITEE_NAME];
/// The body of `PATCH /teams/{teamId}/memberships/{membershipId}`.
pub const MEMBERSHIP_BODY: &[Param] = &[MEMBER_ROLES];

const FIELDS: &[MemoryField] = &[
    MemoryField {
        name: "$id",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "$createdAt",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "$updatedAt",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "name",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "total",
        kind: MemoryKind::Integer,
    },
];

/// Whether the caller may read a document with these permissions (the key always may).
fn readable(permissions: &[String], ctx: &Context) -> bool {
    grants(permissions, "read", ctx)
}

/// A `roles` list: team roles, each a key of at most `max_len` characters (≤ 100).
fn roles(params: &Params, name: &'static str, max_len: usize) -> ApiResult<Option<Value>> {
    let description = catalogue::validators::array_of(100, &catalogue::validators::key(max_len));
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    let Value::Array(items) = value else {
        return Err(ApiError::param_invalid(name, &description));
    };
    if items.len() > 100 {
        return Err(ApiError::param_invalid(name, &description));
    }
    for item in items {
        match item {
            Value::String(s) if is_valid_key_of(s, max_len) => {}
            _ => return Err(ApiError::param_invalid(name, &description)),
        }
    }
    Ok(Some(value.clone()))
}

/// [`CREATOR_ROLES`]' validator.
fn creator_roles(
    params: &Params,
    name: &'static str,
    _: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    roles(params, name, MAX_ID_LENGTH)
}

/// [`MEMBER_ROLES`]' validator.
fn member_roles(
    params: &Params,
    name: &'static str,
    profile: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    roles(params, name, profile.membership_role_max_length())
}

/// The team of the `teamId` path parameter, if the caller may read it; else
/// `404 catalogue::team_not_found`.
fn path_team(tx: &Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<TeamRecord> {
    let id = request.team.as_str();
    accounts::find_team(tx, id)?
        .filter(|team| readable(&team.permissions, ctx))
        .ok_or_else(catalogue::team_not_found)
}

/// The `Membership` model of `m` in `team`.
fn membership_json(
    tx: &Tx<'_>,
    m: &MembershipRecord,
    team_name: &str,
    ctx: &Context,
) -> ApiResult<Value> {
    let user = accounts::find_user(tx, &m.user_id)?;
    Ok(m.to_json(team_name, user.as_ref(), ctx.profile, ctx.format_1_9))
}

/// `POST /teams`: `teamId`, `name`, `roles` (the creator's roles, default `["owner"]`). A
/// user becomes a confirmed member with those roles plus `owner`; with the key the team
/// starts empty.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let body = &request.body;
    let id = body.text(&NEW_ID).unwrap_or_default().to_string();
    let name = body.text(&NAME).unwrap_or_default().to_string();
    let mut roles = body
        .strings(&CREATOR_ROLES)
        .unwrap_or_else(|| vec!["owner".into()]);
    if accounts::find_team(tx, &id)?.is_some() {
        return Err(catalogue::team_exists());
    }
    let at = now();
    let user = ctx.caller.user().cloned();
    let team = TeamRecord {
        id: id.clone(),
        name,
        total: i64::from(user.is_some()),
        prefs: Map::new(),
        permissions: vec![
            format!("read(\"team:{id}\")"),
            format!("update(\"team:{id}/owner\")"),
            format!("delete(\"team:{id}/owner\")"),
        ],
        created_at: at.clone(),
        updated_at: at.clone(),
    };
    accounts::insert_team(tx, &team)?;
    if let Some(user) = user {
        if !roles.iter().any(|r| r == "owner") {
            roles.push("owner".into());
        }
        let u = &user.id;
        accounts::insert_membership(
            tx,
            &MembershipRecord {
                id: unique_id(),
                team_id: id.clone(),
                user_id: u.clone(),
                roles,
                invited: at.clone(),
                joined: Some(at.clone()),
                confirm: true,
                permissions: vec![
                    format!("read(\"user:{u}\")"),
                    format!("read(\"team:{id}\")"),
                    format!("update(\"user:{u}\")"),
                    format!("update(\"team:{id}/owner\")"),
                    format!("delete(\"user:{u}\")"),
                    format!("delete(\"team:{id}/owner\")"),
                ],
                created_at: at.clone(),
                updated_at: at,
            },
        )?;
    }
    Ok(Reply::created(team.to_json()))
}

/// `GET /teams`: the teams the caller may read (all of them for the key).
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let items = accounts::teams(tx)?
        .iter()
        .filter(|team| readable(&team.permissions, ctx))
        .map(TeamRecord::to_json)
        .collect();
    let (teams, total) = apply_memory(
        items,
        &request.reads.queries,
        FIELDS,
        "$id",
        "Team",
        request.reads.search.as_deref(),
        &["$id", "name"],
        request.reads.count_total,
    )?;
    Ok(Reply::ok(json!({ "total": total, "teams": teams })))
}

/// `GET /teams/{teamId}`: `404` for a team the caller may not read.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    Ok(Reply::ok(path_team(tx, ctx, request)?.to_json()))
}

/// `PUT /teams/{teamId}`: the name; owners and the key only.
pub fn update_name(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let name = request.body.text(&NAME).unwrap_or_default().to_string();
    let mut team = path_team(tx, ctx, request)?;
    if !grants(&team.permissions, "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    if team.name != name {
        team.name = name;
        team.updated_at = now();
        accounts::update_team(tx, &team)?;
    }
    Ok(Reply::ok(team.to_json()))
}

/// `GET /teams/{teamId}/prefs`: the team's preferences object (members and the key).
pub fn get_prefs(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    Ok(Reply::ok(Value::Object(path_team(tx, ctx, request)?.prefs)))
}

/// `PUT /teams/{teamId}/prefs`: replaces the preferences with `prefs` (an object); owners
/// and the key may.
pub fn update_prefs(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let prefs = request.body.object(&PREFS).cloned().unwrap_or_default();
    let mut team = path_team(tx, ctx, request)?;
    if !grants(&team.permissions, "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    team.prefs = prefs.clone();
    team.updated_at = now();
    accounts::update_team(tx, &team)?;
    Ok(Reply::ok(Value::Object(prefs)))
}

/// `DELETE /teams/{teamId}`: the team and its memberships; owners and the key only.
pub fn delete(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let team = path_team(tx, ctx, request)?;
    if !grants(&team.permissions, "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    accounts::delete_team(tx, &team.id)?;
    Ok(Reply::NoContent)
}

/// `POST /teams/{teamId}/memberships`: `roles` and one of `userId`, `email`, `phone`
/// (`name`, `url` optional). With the key the member is added and confirmed at once (an
/// unknown email or phone creates the user); other callers would need an invitation email.
pub fn create_membership(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let body = &request.body;
    let email = body.text(&EMAIL).map(str::to_string);
    let user_id = body.text(&INVITEE_ID).map(str::to_string);
    let phone = body.text(&PHONE).map(str::to_string);
    let roles = body.strings(&MEMBER_ROLES).unwrap_or_default();
    let url = body.text(&URL).unwrap_or_default();
    let name = body.text(&INVITEE_NAME).map(str::to_string);
    let privileged = ctx.caller.is_privileged();
    if url.is_empty() && !privileged {
        return Err(catalogue::invitation_url_missing());
    }
    if user_id.is_none() && email.is_none() && phone.is_none() {
        return Err(catalogue::invitation_invitee_missing());
    }
    if !privileged {
        return Err(catalogue::smtp_disabled());
    }
    let team = path_team(tx, ctx, request)?;
    let mismatch = catalogue::invitee_mismatch;
    let existing = if let Some(id) = &user_id {
        let invitee = accounts::find_user(tx, id)?.ok_or_else(catalogue::invitee_not_found)?;
        if email
            .as_ref()
            .is_some_and(|e| invitee.email.as_ref() != Some(e))
        {
            return Err(mismatch("userId and email"));
        }
        if phone
            .as_ref()
            .is_some_and(|p| invitee.phone.as_ref() != Some(p))
        {
            return Err(mismatch("userId and phone"));
        }
        Some(invitee)
    } else if let Some(email) = &email {
        let invitee = accounts::find_user_by_email(tx, email)?;
        if let (Some(invitee), Some(phone)) = (&invitee, &phone)
            && invitee.phone.as_ref() != Some(phone)
        {
            return Err(mismatch("email and phone"));
        }
        invitee
    } else if let Some(phone) = &phone {
        accounts::find_user_by_phone(tx, phone)?
    } else {
        None
    };
    let invitee = match existing {
        Some(user) => user,
        None => {
            let name = name.or_else(|| email.clone()).unwrap_or_default();
            new_user(tx, &unique_id(), email, phone, false, name)?
        }
    };
    let at = now();
    let current = accounts::memberships_of_team(tx, &team.id)?
        .into_iter()
        .find(|m| m.user_id.eq_ignore_ascii_case(&invitee.id));
    let membership = match current {
        Some(m) if m.confirm => {
            return Err(catalogue::membership_already_confirmed());
        }
        Some(mut m) => {
            // A pending invitation: the key confirms it (the roles stay as invited).
            m.invited = at.clone();
            m.joined = Some(at.clone());
            m.confirm = true;
            m.updated_at = at;
            accounts::update_membership(tx, &m)?;
            m
        }
        None => {
            let (u, t) = (&invitee.id, &team.id);
            let m = MembershipRecord {
                id: unique_id(),
                team_id: t.clone(),
                user_id: u.clone(),
                roles,
                invited: at.clone(),
                joined: Some(at.clone()),
                confirm: true,
                permissions: vec![
                    "read(\"any\")".into(),
                    format!("update(\"user:{u}\")"),
                    format!("update(\"team:{t}/owner\")"),
                    format!("delete(\"user:{u}\")"),
                    format!("delete(\"team:{t}/owner\")"),
                ],
                created_at: at.clone(),
                updated_at: at,
            };
            accounts::insert_membership(tx, &m)?;
            m
        }
    };
    accounts::add_to_team_total(tx, &team.id, 1)?;
    Ok(Reply::created(membership.to_json(
        &team.name,
        Some(&invitee),
        ctx.profile,
        ctx.format_1_9,
    )))
}

/// `GET /teams/{teamId}/memberships`: `queries`, `search` and `total`; needs a team the
/// caller may read.
pub fn list_memberships(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let team = path_team(tx, ctx, request)?;
    let mut items = Vec::new();
    for m in accounts::memberships_of_team(tx, &team.id)? {
        if readable(&m.permissions, ctx) {
            items.push(membership_json(tx, &m, &team.name, ctx)?);
        }
    }
    let (memberships, total) = apply_memory(
        items,
        &request.reads.queries,
        MEMBERSHIP_FIELDS,
        "$id",
        "Membership",
        request.reads.search.as_deref(),
        &["$id", "userId"],
        request.reads.count_total,
    )?;
    Ok(Reply::ok(
        json!({ "total": total, "memberships": memberships }),
    ))
}

/// The membership of the path, if the caller may read it; else `404 catalogue::membership_not_found`.
fn path_membership(
    tx: &Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<MembershipRecord> {
    let id = request.membership.as_str();
    accounts::find_membership(tx, id)?
        .filter(|m| readable(&m.permissions, ctx))
        .ok_or_else(catalogue::membership_not_found)
}

/// `GET /teams/{teamId}/memberships/{membershipId}`.
pub fn get_membership(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let team = path_team(tx, ctx, request)?;
    let membership = path_membership(tx, ctx, request)?;
    Ok(Reply::ok(membership_json(
        tx,
        &membership,
        &team.name,
        ctx,
    )?))
}

/// `PATCH /teams/{teamId}/memberships/{membershipId}`: replaces the member's `roles`; the
/// team's owners and the key only.
pub fn update_membership(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let roles = request.body.strings(&MEMBER_ROLES).unwrap_or_default();
    let team = path_team(tx, ctx, request)?;
    let mut membership = path_membership(tx, ctx, request)?;
    let profile = accounts::find_user(tx, &membership.user_id)?.ok_or_else(user_not_found)?;
    let is_owner = ctx.caller.has_role(&format!("team:{}/owner", team.id));
    if !is_owner && !ctx.caller.is_privileged() {
        return Err(catalogue::roles_not_modifiable());
    }
    if !grants(&membership.permissions, "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    if membership.roles != roles {
        membership.roles = roles;
        membership.updated_at = now();
        accounts::update_membership(tx, &membership)?;
    }
    Ok(Reply::ok(membership.to_json(
        &team.name,
        Some(&profile),
        ctx.profile,
        ctx.format_1_9,
    )))
}

/// `DELETE /teams/{teamId}/memberships/{membershipId}`: the member themself, the team's
/// owners and the key.
pub fn delete_membership(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let id = request.membership.as_str();
    let membership = accounts::find_membership(tx, id)?
        .filter(|m| readable(&m.permissions, ctx))
        .ok_or_else(catalogue::team_invite_not_found)?;
    accounts::find_user(tx, &membership.user_id)?.ok_or_else(user_not_found)?;
    let team = path_team(tx, ctx, request)?;
    if !membership.team_id.eq_ignore_ascii_case(&team.id) {
        return Err(catalogue::team_membership_mismatch());
    }
    if !grants(&membership.permissions, "delete", ctx) {
        return Err(ApiError::unauthorized());
    }
    accounts::delete_membership(tx, &membership.id)?;
    if membership.confirm {
        accounts::add_to_team_total(tx, &team.id, -1)?;
    }
    Ok(Reply::NoContent)
}
