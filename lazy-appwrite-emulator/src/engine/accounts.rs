//! Users as the Users and Teams services share them: creating one, its contact
//! parameters (`email`, `phone`), the fields of membership lists and the `user_not_found` answer.

use serde_json::{Map, Value, json};

use crate::error::catalogue;
pub use crate::error::catalogue::user_not_found;
use crate::error::{ApiError, ApiResult};
use crate::http::params::Params;
use crate::http::spec::{Param, Rule};
use crate::profile::AppwriteVersion;
use crate::query::memory::{MemoryField, MemoryKind};
use crate::store::Tx;
use crate::store::accounts::{self, UserRecord};
use crate::validate::datetime::now;
use crate::validate::formats::is_email;
use crate::validate::ids::unique_id;

/// The fields of `Membership` lists (`/users/{userId}/memberships`, `/teams/{teamId}/memberships`).
pub const MEMBERSHIP_FIELDS: &[MemoryField] = &[
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
        name: "userId",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "teamId",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "invited",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "joined",
        kind: MemoryKind::Datetime,
    },
    MemoryField {
        name: "confirm",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "roles",
        kind: MemoryKind::StringArray,
    },
];

const PHONE_DESCRIPTION: &str =
    "Phone number must start with a '+' can have a maximum of fifteen digits.";

/// `email` (`Appwrite\Network\Validator\Email`), optional, lower-cased.
pub const EMAIL: Param = Param::optional("email", Rule::Custom(email));
/// `phone`: `+` and 7–15 digits, not starting with 0; optional.
pub const PHONE: Param = Param::optional("phone", Rule::Custom(phone));

fn email(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    match params.get(name) {
        None => Ok(None),
        Some(Value::String(s)) if is_email(s) => Ok(Some(Value::String(s.to_lowercase()))),
        Some(_) => Err(ApiError::param_invalid(
            name,
            catalogue::validators::email(),
        )),
    }
}

fn phone(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    let valid = |s: &str| {
        s.strip_prefix('+').is_some_and(|digits| {
            (7..=15).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
        })
    };
    match params.get(name) {
        None => Ok(None),
        Some(Value::String(s)) if valid(s) => Ok(Some(Value::String(s.clone()))),
        Some(_) => Err(ApiError::param_invalid(name, PHONE_DESCRIPTION)),
    }
}

/// The message targets Appwrite creates with a user: one per email and phone.
fn targets(user_id: &str, email: Option<&str>, phone: Option<&str>, at: &str) -> Vec<Value> {
    [("email", email), ("sms", phone)]
        .into_iter()
        .filter_map(|(kind, identifier)| {
            identifier.map(|identifier| {
                json!({
                    "$id": unique_id(),
                    "$createdAt": at,
                    "$updatedAt": at,
                    "name": "",
                    "userId": user_id,
                    "providerId": null,
                    "providerType": kind,
                    "identifier": identifier,
                    "expired": false,
                })
            })
        })
        .collect()
}

/// Creates a user (also used by team invitations for an unknown email).
pub fn new_user(
    tx: &Tx<'_>,
    id: &str,
    email: Option<String>,
    phone: Option<String>,
    with_password: bool,
    name: String,
) -> ApiResult<UserRecord> {
    if accounts::find_user(tx, id)?.is_some()
        || accounts::contact_taken(tx, email.as_deref(), phone.as_deref(), id)?
    {
        return Err(catalogue::user_exists());
    }
    let at = now();
    let user = UserRecord {
        id: id.to_string(),
        name,
        targets: targets(id, email.as_deref(), phone.as_deref(), &at),
        email,
        phone,
        password_update: with_password.then(|| at.clone()),
        email_verification: false,
        phone_verification: false,
        status: true,
        labels: Vec::new(),
        prefs: Map::new(),
        registration: at.clone(),
        created_at: at.clone(),
        updated_at: at,
        accessed_at: None,
    };
    accounts::insert_user(tx, &user)?;
    Ok(user)
}
