//! Appwrite's rules for IDs, keys and roles: one rule for database, table, row and
//! transaction IDs and for column and index keys; one for permission roles.

use std::fmt;

/// The longest ID Appwrite accepts.
pub const MAX_ID_LEN: usize = 36;

/// Why Appwrite would refuse a text as an ID or key: 1 to 36 of `a-z A-Z 0-9 . - _`, not
/// starting with `.`, `-` or `_`. Real servers answer `400 general_argument_invalid`
/// otherwise. Its `Display` is the predicate ("cannot be empty"), for the caller to name
/// the ID.
///
/// ```
/// use lazy_appwrite_core::ids::{IdProblem, id_problem};
/// assert_eq!(id_problem("books"), None);
/// assert_eq!(id_problem(""), Some(IdProblem::Empty));
/// assert_eq!(id_problem("has space").map(|p| p.to_string()).as_deref(),
///     Some("contains ` `; only a-z, A-Z, 0-9, `.`, `-` and `_` are allowed"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdProblem {
    /// Nothing at all.
    Empty,
    /// More than [`MAX_ID_LEN`] characters.
    TooLong,
    /// Starts with `.`, `-` or `_`.
    BadStart,
    /// Holds a character that is not allowed.
    BadChar(char),
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Empty => f.write_str("cannot be empty"),
            IdProblem::TooLong => write!(f, "is longer than {MAX_ID_LEN} characters"),
            IdProblem::BadStart => f.write_str("cannot start with `.`, `-` or `_`"),
            IdProblem::BadChar(c) => write!(
                f,
                "contains `{}`; only a-z, A-Z, 0-9, `.`, `-` and `_` are allowed",
                c.escape_debug()
            ),
        }
    }
}

/// Why Appwrite would refuse `id` as an ID or key, or `None` when it takes it.
///
/// ```
/// use lazy_appwrite_core::ids::{IdProblem, id_problem};
/// assert_eq!(id_problem("_x"), Some(IdProblem::BadStart));
/// assert_eq!(id_problem(&"x".repeat(37)), Some(IdProblem::TooLong));
/// ```
pub fn id_problem(id: &str) -> Option<IdProblem> {
    let Some(&first) = id.as_bytes().first() else {
        return Some(IdProblem::Empty);
    };
    if id.len() > MAX_ID_LEN {
        return Some(IdProblem::TooLong);
    }
    if matches!(first, b'.' | b'-' | b'_') {
        return Some(IdProblem::BadStart);
    }
    // Byte by byte first: an ID that passes (nearly all) needs no UTF-8 decoding.
    if id.bytes().all(|b| ID_BYTES[usize::from(b)]) {
        return None;
    }
    id.chars()
        .find(|&c| !c.is_ascii() || !ID_BYTES[usize::from(c as u8)])
        .map(IdProblem::BadChar)
}

/// The bytes an ID or key may hold: `a-z A-Z 0-9 . - _`.
const ID_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'.' | b'-' | b'_');
        b += 1;
    }
    table
};

/// Why `role` is not one of Appwrite's roles (`any`, `guests`, `users[/verified|/unverified]`,
/// `user:ID[/verified|/unverified]`, `team:ID[/ROLE]`, `member:ID`, `label:NAME`), or `None`.
///
/// ```
/// use lazy_appwrite_core::ids::role_problem;
/// assert_eq!(role_problem("team:t1/owner"), None);
/// assert_eq!(role_problem("*"), Some("`*` was replaced by `any`"));
/// assert!(role_problem("role:x").is_some());
/// ```
pub fn role_problem(role: &str) -> Option<&'static str> {
    let id_ok = |id: &str| id_problem(id).is_none();
    let dimension_ok = |d: &str| matches!(d, "verified" | "unverified");
    let ok = match role {
        "any" | "guests" | "users" | "users/verified" | "users/unverified" => true,
        "*" => return Some("`*` was replaced by `any`"),
        _ => match role.split_once(':') {
            Some(("user", rest)) => match rest.split_once('/') {
                Some((id, dim)) => id_ok(id) && dimension_ok(dim),
                None => id_ok(rest),
            },
            Some(("team", rest)) => match rest.split_once('/') {
                Some((id, team_role)) => id_ok(id) && id_ok(team_role),
                None => id_ok(rest),
            },
            Some(("member", id)) => id_ok(id),
            Some(("label", label)) => {
                !label.is_empty()
                    && label.len() <= MAX_ID_LEN
                    && label.chars().all(|c| c.is_ascii_alphanumeric())
            }
            _ => false,
        },
    };
    (!ok).then_some(
        "is not a role: expected `any`, `guests`, `users[/verified|/unverified]`, `user:ID[/verified|/unverified]`, `team:ID[/ROLE]`, `member:ID` or `label:NAME`",
    )
}
