//! The JWT library's refusals, as Appwrite reports them after "Failed to verify JWT. "
//! (see [`super::jwt_invalid`]). Each is the library's message for one check of a token.

/// A token of fewer than three dot-separated segments.
pub fn incomplete_segments() -> &'static str {
    "Invalid token: Incomplete segments"
}

/// A header without an `alg`, or with an empty one.
pub fn missing_algorithm() -> &'static str {
    "Invalid token: Missing header algo"
}

/// A header whose `alg` is not one the library knows.
pub fn unsupported_algorithm() -> &'static str {
    "Invalid token: Unsupported header algo"
}

/// A header naming a key ID (`kid`), which Appwrite's single key cannot answer.
pub fn unknown_key_id() -> &'static str {
    "Invalid token: Unknown key ID"
}

/// A signature that does not match the key's.
pub fn signature_failed() -> &'static str {
    "Invalid token: Signature failed"
}

/// A token past its `exp`, or issued longer ago than the maximum age.
pub fn expired() -> &'static str {
    "Invalid token: Expired"
}

/// A token used before its `nbf`.
pub fn not_yet_valid() -> &'static str {
    "Invalid token: Not now"
}

/// A segment whose base64 decodes to something that is not JSON.
pub fn json_syntax() -> &'static str {
    "JSON failed: Syntax error"
}
