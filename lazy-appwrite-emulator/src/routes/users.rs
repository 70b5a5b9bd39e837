//! `/v1/users`: the server-side Users service, enough for callers other than the key to
//! exist — create, list, get and delete users, their labels, status and verification, their
//! memberships, and JWTs that act as them (Appwrite's `app/controllers/api/users.php`).
//! Every endpoint needs the key (scopes `users.read` / `users.write`).

use serde_json::{Value, json};

use crate::engine::accounts::{EMAIL, MEMBERSHIP_FIELDS, PHONE, new_user, user_not_found};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::jwt;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{Fallback, Param, Rule};
use crate::profile::AppwriteVersion;
use crate::query::memory::{MemoryField, MemoryKind, apply_memory};
use crate::store::Tx;
use crate::store::accounts::{self, UserRecord};
use crate::validate::datetime::now;

/// `userId` of a new user (`unique()` allowed).
pub const NEW_ID: Param = Param::required("userId", Rule::CustomId);
/// `password` of a new user: 8–256 bytes; only whether one was given is kept (the
/// emulator signs no one in, and a password never reaches a log).
pub const PASSWORD: Param = Param::optional("password", Rule::Custom(password));
/// `name` of a new user: a `Text` of 1–128 characters, empty by default.
pub const NEW_NAME: Param = Param::optional("name", Rule::Text { min: 1, max: 128 });
/// The body of `POST /users`: 1.9 declares `email` and `phone` nullable (their messages
/// end "or null").
pub const CREATE_BODY: &[Param] = &[
    NEW_ID,
    EMAIL.nullable_where(AppwriteVersion::user_contacts_are_nullable),
    PHONE.nullable_where(AppwriteVersion::user_contacts_are_nullable),
    PASSWORD,
    NEW_NAME,
];
/// `labels`: up to 1000 labels of 1–36 ASCII letters and digits, duplicates dropped.
pub const LABELS: Param = Param::required("labels", Rule::Custom(labels));
/// The body of `PUT /users/{userId}/labels`.
pub const LABELS_BODY: &[Param] = &[LABELS];
/// `status`: a loose boolean; `false` blocks the user.
pub const STATUS: Param = Param::required("status", Rule::LooseBool);
/// The body of `PATCH /users/{userId}/status`.
pub const STATUS_BODY: &[Param] = &[STATUS];
/// `emailVerification`: a strict boolean.
pub const EMAIL_VERIFICATION: Param = Param::required("emailVerification", Rule::StrictBool);
/// The body of `PATCH /users/{userId}/verification`.
pub const EMAIL_VERIFICATION_BODY: &[Param] = &[EMAIL_VERIFICATION];
/// `phoneVerification`: a strict boolean.
pub const PHONE_VERIFICATION: Param = Param::required("phoneVerification", Rule::StrictBool);
/// The body of `PATCH /users/{userId}/verification/phone`.
pub const PHONE_VERIFICATION_BODY: &[Param] = &[PHONE_VERIFICATION];
/// `name` of a rename: a `Text` of at most 128 characters (empty allowed); `null` counts
/// as not given.
pub const NAME: Param = Param::required("name", Rule::Custom(rename));
/// The body of `PATCH /users/{userId}/name`.
pub const NAME_BODY: &[Param] = &[NAME];
/// `prefs`: a key-value object.
pub const PREFS: Param = Param::required("prefs", Rule::Assoc);
/// The body of `PATCH /users/{userId}/prefs`.
pub const PREFS_BODY: &[Param] = &[PREFS];
/// `sessionId` of a JWT: a UID, optional (users have no sessions here).
pub const SESSION_ID: Param = Param::optional("sessionId", Rule::Uid);
/// `duration` of a JWT, in seconds: a JSON integer from 0 to 3600.
pub const DURATION: Param =
    Param::optional("duration", Rule::Custom(duration)).or(Fallback::Int(jwt::DEFAULT_DURATION));
/// The body of `POST /users/{userId}/jwts`.
pub const JWT_BODY: &[Param] = &[SESSION_ID, DURATION];

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
        name: "email",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "phone",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "status",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "passwordUpdate",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "registration",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "emailVerification",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "phoneVerification",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "labels",
        kind: MemoryKind::StringArray,
    },
];

/// The user of the `userId` path parameter, or `404 user_not_found`.
fn path_user(tx: &Tx<'_>, request: &CheckedRequest<'_>) -> ApiResult<UserRecord> {
    let id = request.user.as_str();
    accounts::find_user(tx, id)?.ok_or_else(user_not_found)
}

/// `POST /users`: `userId` (`unique()` allowed), optional `email`, `phone`, `password`
/// (8–256 characters; only its presence is kept) and `name`.
pub fn create(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let body = &request.body;
    let id = body.text(&NEW_ID).unwrap_or_default();
    let email = body.text(&EMAIL).map(str::to_string);
    let phone = body.text(&PHONE).map(str::to_string);
    let name = body.text(&NEW_NAME).unwrap_or_default().to_string();
    let user = new_user(tx, id, email, phone, body.flag(&PASSWORD), name)?;
    Ok(Reply::created(user.to_json(ctx.profile, ctx.format_1_9)))
}

/// `GET /users`: `queries`, `search` (ID, email, phone, name) and `total`.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let items = accounts::users(tx)?
        .iter()
        .map(|u| u.to_json(ctx.profile, ctx.format_1_9))
        .collect();
    let (users, total) = apply_memory(
        items,
        &request.reads.queries,
        FIELDS,
        "$id",
        "User",
        request.reads.search.as_deref(),
        &["$id", "email", "phone", "name"],
        request.reads.count_total,
    )?;
    Ok(Reply::ok(json!({ "total": total, "users": users })))
}

/// `GET /users/{userId}`.
pub fn get(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    Ok(Reply::ok(
        path_user(tx, request)?.to_json(ctx.profile, ctx.format_1_9),
    ))
}

/// `GET /account`: the JWT's user as the `Account` model (the `User` model without
/// `password`, `hash` and `hashOptions`, tour-v19.jsonl 1.9.6 seq 2671). Guests and API
/// keys lack the `account` scope.
pub fn account(tx: &mut Tx<'_>, ctx: &Context, _: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = ctx
        .caller
        .user()
        .map(|u| u.id.clone())
        .ok_or_else(user_not_found)?;
    let user = accounts::find_user(tx, &id)?.ok_or_else(user_not_found)?;
    let mut model = user.to_json(ctx.profile, ctx.format_1_9);
    if let Some(fields) = model.as_object_mut() {
        for secret in ["password", "hash", "hashOptions"] {
            fields.remove(secret);
        }
    }
    Ok(Reply::ok(model))
}

/// `DELETE /users/{userId}`: also removes the user's memberships (and counts them out of
/// their teams), so the user's JWTs stop working.
pub fn delete(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let user = path_user(tx, request)?;
    for membership in accounts::memberships_of_user(tx, &user.id)? {
        if membership.confirm {
            accounts::add_to_team_total(tx, &membership.team_id, -1)?;
        }
        accounts::delete_membership(tx, &membership.id)?;
    }
    accounts::delete_user(tx, &user.id)?;
    Ok(Reply::NoContent)
}

/// Applies `change` to the path's user, bumps `$updatedAt` and answers the `User` model.
fn update_user(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    change: impl FnOnce(&mut UserRecord),
) -> ApiResult<Reply> {
    let mut user = path_user(tx, request)?;
    change(&mut user);
    user.updated_at = now();
    accounts::update_user(tx, &user)?;
    Ok(Reply::ok(user.to_json(ctx.profile, ctx.format_1_9)))
}

/// `PUT /users/{userId}/labels`: replaces the labels (≤ 1000, each 1–36 alphanumerics),
/// duplicates dropped.
pub fn update_labels(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let labels = request.body.strings(&LABELS).unwrap_or_default();
    update_user(tx, ctx, request, |user| user.labels = labels)
}

/// `PATCH /users/{userId}/status`: `status` `false` blocks the user (its JWTs then get
/// `401 user_blocked`).
pub fn update_status(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let status = request.body.flag(&STATUS);
    update_user(tx, ctx, request, |user| user.status = status)
}

/// `PATCH /users/{userId}/verification`: the email verification (role `users/verified`).
pub fn update_email_verification(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let verified = request.body.flag(&EMAIL_VERIFICATION);
    update_user(tx, ctx, request, |user| user.email_verification = verified)
}

/// `PATCH /users/{userId}/verification/phone`: the phone verification.
pub fn update_phone_verification(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let verified = request.body.flag(&PHONE_VERIFICATION);
    update_user(tx, ctx, request, |user| user.phone_verification = verified)
}

/// `PATCH /users/{userId}/name`.
pub fn update_name(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let name = request.body.text(&NAME).unwrap_or_default().to_string();
    update_user(tx, ctx, request, |user| user.name = name)
}

/// `GET /users/{userId}/memberships`: `queries`, `search` and `total`.
pub fn memberships(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let user = path_user(tx, request)?;
    let mut items = Vec::new();
    for membership in accounts::memberships_of_user(tx, &user.id)? {
        let team_name = accounts::find_team(tx, &membership.team_id)?
            .map(|t| t.name)
            .unwrap_or_default();
        items.push(membership.to_json(&team_name, Some(&user), ctx.profile, ctx.format_1_9));
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

/// `GET /users/{userId}/prefs`: the user's preferences object.
pub fn get_prefs(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    Ok(Reply::ok(Value::Object(path_user(tx, request)?.prefs)))
}

/// `PATCH /users/{userId}/prefs`: replaces the preferences with `prefs` (an object) and
/// answers them.
pub fn update_prefs(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let prefs = request.body.object(&PREFS).cloned().unwrap_or_default();
    update_user(tx, ctx, request, |user| user.prefs = prefs.clone())?;
    Ok(Reply::ok(Value::Object(prefs)))
}

/// `GET /users/{userId}/sessions`: users here never sign in, so the list is empty.
pub fn sessions(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    path_user(tx, request)?;
    Ok(Reply::ok(json!({ "total": 0, "sessions": [] })))
}

/// `GET /users/{userId}/logs`: `queries` (only `limit` and `offset`); the emulator keeps
/// no audit log, so the list is empty.
pub fn logs(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    path_user(tx, request)?;
    apply_memory(
        Vec::new(),
        &request.reads.queries,
        &[],
        "$id",
        "Log",
        None,
        &[],
        true,
    )?;
    Ok(Reply::ok(json!({ "total": 0, "logs": [] })))
}

/// `POST /users/{userId}/jwts`: a JWT acting as the user; `duration` 0–3600 seconds
/// (default 900). `sessionId` is accepted, but users have no sessions here, so the token
/// is never tied to one (as Appwrite does for a user without sessions).
pub fn create_jwt(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    let duration = request.body.int(&DURATION).unwrap_or(jwt::DEFAULT_DURATION);
    let user = path_user(tx, request)?;
    if duration == 0 {
        // Appwrite's JWT library refuses a zero max age with an uncaught error.
        return Err(catalogue::server_error());
    }
    let token = jwt::issue(&ctx.jwt_key, &user.id, "", jwt::unix_now(), duration);
    Ok(Reply::created(json!({ "jwt": token })))
}

/// `password`'s validator: `true` for a valid one (the text itself is not kept).
fn password(
    params: &Params,
    name: &'static str,
    profile: AppwriteVersion,
) -> ApiResult<Option<Value>> {
    match params.get(name) {
        None => Ok(None),
        Some(Value::String(s)) if (8..=256).contains(&s.len()) => Ok(Some(Value::Bool(true))),
        Some(_) => Err(ApiError::param_invalid(
            name,
            profile.password_description(),
        )),
    }
}

/// `labels`' validator.
fn labels(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let alphanumerics = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .map(String::from)
        .collect::<Vec<_>>()
        .join(", ");
    let description = catalogue::validators::array_of(
        1000,
        &catalogue::validators::text_allowing(1, 36, &alphanumerics),
    );
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    let Value::Array(items) = value else {
        return Err(ApiError::param_invalid(name, &description));
    };
    if items.len() > 1000 {
        return Err(ApiError::param_invalid(name, &description));
    }
    let mut labels: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::String(s)
                if !s.is_empty()
                    && s.len() <= 36
                    && s.bytes().all(|b| b.is_ascii_alphanumeric()) =>
            {
                if !labels.contains(s) {
                    labels.push(s.clone());
                }
            }
            _ => return Err(ApiError::param_invalid(name, &description)),
        }
    }
    Ok(Some(Value::from(labels)))
}

/// A rename's `name` validator (see [`NAME`]).
fn rename(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    Ok(params.text(name, 0, 128)?.map(Value::String))
}

/// `duration`'s validator: only a JSON integer passes.
fn duration(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    match params.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(d) if (0..=jwt::MAX_DURATION).contains(&d) => Ok(Some(Value::from(d))),
            _ => Err(duration_invalid(name)),
        },
        Some(_) => Err(duration_invalid(name)),
    }
}

fn duration_invalid(name: &str) -> ApiError {
    ApiError::param_invalid(name, &catalogue::validators::range(0, "3,600"))
}
