//! IDs and keys: generation of `unique()` IDs and the UID / CustomId / Key validators.
//!
//! All three validators share one rule set (utopia-php/database `Key`): 1–36 characters of
//! `[A-Za-z0-9._-]`, the first not `.`, `-` or `_`. They differ only in their messages and in
//! CustomId's acceptance of the literal `unique()`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{ApiError, ApiResult};

/// Maximum length of IDs and keys.
pub const MAX_ID_LENGTH: usize = 36;

pub use crate::error::catalogue::validators::{KEY_DESCRIPTION, UID_DESCRIPTION};

/// The literal a create endpoint accepts in place of an ID to ask for a generated one.
pub const UNIQUE_LITERAL: &str = "unique()";

/// The last microsecond timestamp handed out, so IDs of this process are strictly time-ordered.
static LAST_MICROS: AtomicU64 = AtomicU64::new(0);

/// A fresh Appwrite-style ID: 20 lowercase hex characters, time-ordered.
///
/// Like PHP's `uniqid()` plus 7 random hex characters: 8 hex digits of unix seconds, 5 hex digits
/// of the microseconds within the second (`00000..=f423f`), then 7 random hex digits.
pub fn unique_id() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
        .unwrap_or(0);
    // Never hand out the same or an earlier microsecond twice within this process.
    let mut last = LAST_MICROS.load(Ordering::Relaxed);
    let micros = loop {
        let next = now.max(last.saturating_add(1));
        match LAST_MICROS.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => break next,
            Err(seen) => last = seen,
        }
    };
    let seconds = (micros / 1_000_000) & 0xffff_ffff;
    let sub = micros % 1_000_000;
    let random = fastrand::u32(..) & 0x0fff_ffff;
    format!("{seconds:08x}{sub:05x}{random:07x}")
}

/// True when `value` satisfies the shared ID/key rules (1–36 chars of `[A-Za-z0-9._-]`, not
/// starting with `.`, `-` or `_`).
pub fn is_valid_id(value: &str) -> bool {
    let bytes = value.as_bytes();
    match bytes.first() {
        None | Some(b'.' | b'-' | b'_') => false,
        Some(_) => {
            bytes.len() <= MAX_ID_LENGTH
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        }
    }
}

/// The `Key` validator with a longer limit (`Key(maxLength: n)`): its rule for `max`
/// characters, and its description.
pub fn is_valid_key_of(value: &str, max: usize) -> bool {
    let bytes = value.as_bytes();
    bytes.len() <= max
        && match bytes.first() {
            None | Some(b'.' | b'-' | b'_') => false,
            Some(_) => bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')),
        }
}

/// Validates an existing ID (path parameter, cursor, related table ID) with the `UID` validator.
///
/// Fails with `400 general_argument_invalid`: ``Invalid `{param}` param: UID must contain …``.
pub fn check_uid(param: &str, value: &str) -> ApiResult<()> {
    if is_valid_id(value) {
        Ok(())
    } else {
        Err(ApiError::param_invalid(param, UID_DESCRIPTION))
    }
}

/// Validates the ID given to a create endpoint (`CustomId`) and returns the ID to use:
/// a fresh [`unique_id`] for the literal `unique()`, else the value itself.
///
/// Appwrite's `CustomId` inherits the `Key` validator's description, so a bad ID fails with
/// ``Invalid `{param}` param: Parameter must contain at most 36 chars. …``.
pub fn resolve_custom_id(param: &str, value: &str) -> ApiResult<String> {
    if value == UNIQUE_LITERAL {
        Ok(unique_id())
    } else if is_valid_id(value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::param_invalid(param, KEY_DESCRIPTION))
    }
}

/// Validates a column or index key with the `Key` validator.
///
/// Fails with `400 general_argument_invalid`: ``Invalid `{param}` param: Parameter must contain …``.
pub fn check_key(param: &str, value: &str) -> ApiResult<()> {
    if is_valid_id(value) {
        Ok(())
    } else {
        Err(ApiError::param_invalid(param, KEY_DESCRIPTION))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorType;

    #[test]
    fn unique_id_shape() {
        for _ in 0..1000 {
            let id = unique_id();
            assert_eq!(id.len(), 20, "{id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{id}"
            );
            let sub = u32::from_str_radix(&id[8..13], 16).unwrap();
            assert!(sub <= 0xf423f, "{id}");
            assert!(is_valid_id(&id));
        }
    }

    #[test]
    fn unique_id_seconds_are_now() {
        let id = unique_id();
        let secs = u64::from_str_radix(&id[..8], 16).unwrap();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            & 0xffff_ffff;
        assert!(now.abs_diff(secs) <= 2, "{secs} vs {now}");
    }

    #[test]
    fn unique_id_is_time_ordered_and_unique() {
        let ids: Vec<String> = (0..5000).map(|_| unique_id()).collect();
        for pair in ids.windows(2) {
            assert!(
                pair[0][..13] < pair[1][..13],
                "{} then {}",
                pair[0],
                pair[1]
            );
            assert!(pair[0] < pair[1]);
        }
    }

    #[test]
    fn valid_ids() {
        for ok in [
            "a",
            "A",
            "0",
            "abc-DEF_123.x",
            "row.1",
            "x-",
            "x_",
            "x.",
            &"a".repeat(36),
        ] {
            assert!(is_valid_id(ok), "{ok}");
            assert!(check_uid("rowId", ok).is_ok());
            assert!(check_key("key", ok).is_ok());
            assert_eq!(resolve_custom_id("rowId", ok).unwrap(), ok);
        }
    }

    #[test]
    fn invalid_ids() {
        let long = "a".repeat(37);
        for bad in [
            "", "_a", ".a", "-a", "$id", "a b", "a/b", "é", "a$", "a@b", "ab\u{0}", "a,b", &long,
        ] {
            assert!(!is_valid_id(bad), "{bad:?}");
            assert!(check_uid("rowId", bad).is_err());
            assert!(check_key("key", bad).is_err());
            assert!(resolve_custom_id("rowId", bad).is_err());
        }
    }

    #[test]
    fn uid_message() {
        let err = check_uid("databaseId", "_x").unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert_eq!(
            err.message,
            "Invalid `databaseId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore"
        );
    }

    #[test]
    fn key_and_custom_id_messages() {
        let expected = "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char";
        let err = check_key("key", "$x").unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert_eq!(err.message, format!("Invalid `key` param: {expected}"));
        let err = resolve_custom_id("rowId", "-x").unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert_eq!(err.message, format!("Invalid `rowId` param: {expected}"));
    }

    #[test]
    fn custom_id_unique_literal() {
        let a = resolve_custom_id("rowId", "unique()").unwrap();
        let b = resolve_custom_id("rowId", "unique()").unwrap();
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
        // Only the exact literal.
        assert!(resolve_custom_id("rowId", "UNIQUE()").is_err());
        assert!(resolve_custom_id("rowId", "unique() ").is_err());
        // UID and Key do not accept it.
        assert!(check_uid("rowId", "unique()").is_err());
        assert!(check_key("key", "unique()").is_err());
    }
}
