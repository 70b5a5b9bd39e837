//! Appwrite's rules for IDs, keys and roles (the core crate's), checked while the model
//! compiles, and suggestions for misspelt words.

use lazy_appwrite_core::ids::id_problem;

/// Why `id` is not a valid table/database ID or column/index key, or `None` (a `$` key is
/// reported as reserved by the caller).
pub fn key_problem(id: &str) -> Option<String> {
    if id.starts_with('$') {
        return None;
    }
    id_problem(id).map(|p| p.to_string())
}

/// Why `role` is not one of Appwrite's roles, or `None`.
pub fn role_problem(role: &str) -> Option<String> {
    lazy_appwrite_core::ids::role_problem(role).map(str::to_owned)
}

/// The closest of `candidates` to `word`, if close enough to suggest.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance.
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(key_problem("firstName").is_none());
        assert!(key_problem("a.b-c_d").is_none());
        assert!(key_problem("").is_some());
        assert!(key_problem("_x").is_some());
        assert!(key_problem("has space").is_some());
        assert!(key_problem(&"x".repeat(37)).is_some());
    }

    #[test]
    fn roles() {
        for ok in [
            "any",
            "users/verified",
            "user:u1",
            "user:u1/unverified",
            "team:t1",
            "team:t1/owner",
            "member:m1",
            "label:vip",
        ] {
            assert!(role_problem(ok).is_none(), "{ok}");
        }
        for bad in [
            "*",
            "user",
            "user:",
            "user:u1/sometimes",
            "label:v-i-p",
            "role:x",
            "team:/x",
        ] {
            assert!(role_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("reed", &["read", "create"]), Some("read"));
        assert_eq!(closest("zzz", &["read", "create"]), None);
    }
}
