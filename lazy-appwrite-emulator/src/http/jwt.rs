//! User JWTs as Appwrite issues them: HS256 tokens `header.payload.signature` whose payload
//! is `{"userId": …, "sessionId": …, "exp": …}` (the `adhocore/jwt` library Appwrite uses).
//!
//! The signing key is random per emulator, so tokens do not outlive it. SHA-256 and HMAC
//! are implemented here (FIPS 180-4, RFC 2104) to avoid a crypto dependency.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use crate::error::catalogue::jwt as refusal;

/// Default lifetime of a JWT made by `POST /v1/users/{userId}/jwts`, in seconds.
pub const DEFAULT_DURATION: i64 = 900;

/// Longest lifetime a JWT may be given, in seconds.
pub const MAX_DURATION: i64 = 3600;

/// How long after its `iat` (if present) Appwrite still accepts a token, in seconds.
const MAX_AGE: i64 = 3600;

/// The secret JWTs are signed with. Its `Debug` output never shows the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct JwtKey([u8; 32]);

impl JwtKey {
    /// A fresh random key (from the OS-seeded hasher keys of the standard library).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_usize(i);
            hasher.write_u128(
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            hasher.write_u64(fastrand::u64(..));
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
        Self(bytes)
    }
}

impl std::fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKey(<redacted>)")
    }
}

/// What a valid token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// `userId` (empty when absent).
    pub user_id: String,
    /// `sessionId` (empty when the token is not tied to a session).
    pub session_id: String,
}

/// The current unix time in seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Issues a token for `user_id` that expires `duration` seconds after `now`.
pub fn issue(key: &JwtKey, user_id: &str, session_id: &str, now: i64, duration: i64) -> String {
    // Key order as PHP's json_encode writes the arrays.
    let header = r#"{"typ":"JWT","alg":"HS256"}"#;
    let payload = format!(
        "{{\"userId\":{},\"sessionId\":{},\"exp\":{}}}",
        Value::String(user_id.into()),
        Value::String(session_id.into()),
        now.saturating_add(duration)
    );
    let signing_input = format!(
        "{}.{}",
        base64url(header.as_bytes()),
        base64url(payload.as_bytes())
    );
    let signature = base64url(&hmac_sha256(&key.0, signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

/// Checks a token as Appwrite's JWT library does; the error is the library's message
/// (Appwrite prefixes it with `Failed to verify JWT. `).
pub fn verify(key: &JwtKey, token: &str, now: i64) -> Result<Claims, String> {
    if token.matches('.').count() < 2 {
        return Err(refusal::incomplete_segments().into());
    }
    let mut parts = token.splitn(3, '.');
    let (header, payload, signature) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let header = decode_json(header)?;
    match header.get("alg") {
        None | Some(Value::Null) => return Err(refusal::missing_algorithm().into()),
        Some(Value::String(alg)) if alg.is_empty() => {
            return Err(refusal::missing_algorithm().into());
        }
        Some(Value::String(alg))
            if ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512"].contains(&alg.as_str()) => {}
        Some(_) => return Err(refusal::unsupported_algorithm().into()),
    }
    if header.get("kid").is_some_and(|k| !k.is_null()) {
        return Err(refusal::unknown_key_id().into());
    }
    let expected = base64url(&hmac_sha256(
        &key.0,
        format!("{}.{}", token_part(token, 0), token_part(token, 1)).as_bytes(),
    ));
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(refusal::signature_failed().into());
    }
    let payload = decode_json(payload)?;
    let number = |name: &str| payload.get(name).and_then(as_number);
    if number("exp").is_some_and(|exp| now as f64 >= exp) {
        return Err(refusal::expired().into());
    }
    if number("iat").is_some_and(|iat| now as f64 >= iat + MAX_AGE as f64) {
        return Err(refusal::expired().into());
    }
    if number("nbf").is_some_and(|nbf| now as f64 <= nbf) {
        return Err(refusal::not_yet_valid().into());
    }
    let text = |name: &str| match payload.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    Ok(Claims {
        user_id: text("userId"),
        session_id: text("sessionId"),
    })
}

fn token_part(token: &str, index: usize) -> &str {
    token.splitn(3, '.').nth(index).unwrap_or("")
}

/// PHP compares loosely: numeric strings count as numbers.
fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// A base64url segment decoded as JSON; anything but an object counts as an empty one.
fn decode_json(segment: &str) -> Result<Map<String, Value>, String> {
    let bytes = base64_decode_lenient(segment);
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Ok(Map::new()),
        Err(_) => Err(refusal::json_syntax().into()),
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
fn base64url(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for s in sextets.iter().take(chunk.len() + 1) {
            out.push(char::from(BASE64URL[*s as usize]));
        }
    }
    out
}

/// Decodes base64 or base64url like PHP's non-strict `base64_decode`: characters outside
/// the alphabet are skipped.
fn base64_decode_lenient(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    out
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// HMAC-SHA-256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&sha256(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Vec::with_capacity(64 + message.len());
    inner.extend(block.iter().map(|b| b ^ 0x36));
    inner.extend_from_slice(message);
    let inner_hash = sha256(&inner);
    let mut outer = Vec::with_capacity(64 + 32);
    outer.extend(block.iter().map(|b| b ^ 0x5c));
    outer.extend_from_slice(&inner_hash);
    sha256(&outer)
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 (FIPS 180-4).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_known_vectors() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha256(&million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn hmac_rfc4231_vectors() {
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn base64url_round_trips() {
        for data in [
            &b""[..],
            b"f",
            b"fo",
            b"foo",
            b"foob",
            b"fooba",
            b"foobar",
            &[0xfb, 0xff],
        ] {
            assert_eq!(base64_decode_lenient(&base64url(data)), data);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn issued_tokens_verify_and_expire() {
        let key = JwtKey::random();
        let token = issue(&key, "u1", "", 1_000, 900);
        assert_eq!(token.matches('.').count(), 2);
        let claims = verify(&key, &token, 1_000).unwrap();
        assert_eq!(claims.user_id, "u1");
        assert_eq!(claims.session_id, "");
        assert_eq!(verify(&key, &token, 1_899).unwrap().user_id, "u1");
        assert_eq!(
            verify(&key, &token, 1_900).unwrap_err(),
            "Invalid token: Expired"
        );
        let other = JwtKey::random();
        assert_eq!(
            verify(&other, &token, 1_000).unwrap_err(),
            "Invalid token: Signature failed"
        );
        assert_eq!(
            verify(&key, "abc", 1_000).unwrap_err(),
            "Invalid token: Incomplete segments"
        );
        assert_eq!(
            verify(&key, "!!.x.y", 1_000).unwrap_err(),
            "JSON failed: Syntax error"
        );
        let mut tampered = token.clone();
        tampered.push('x');
        assert!(verify(&key, &tampered, 1_000).is_err());
    }

    #[test]
    fn payload_is_what_appwrite_writes() {
        let key = JwtKey::random();
        let token = issue(&key, "u1", "", 1_000, 900);
        let payload = base64_decode_lenient(token.split('.').nth(1).unwrap());
        assert_eq!(
            String::from_utf8(payload).unwrap(),
            r#"{"userId":"u1","sessionId":"","exp":1900}"#
        );
        assert!(!format!("{key:?}").contains(&hex(&key.0)));
    }
}
