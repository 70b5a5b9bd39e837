//! Appwrite's rules for IDs, keys and roles, checked while the model compiles.

/// Why `id` is not a valid table/database ID or column/index key (1–36 of `a-z A-Z 0-9 .
/// - _`, not starting with `.`, `-` or `_`), or `None`.
pub fn key_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("cannot be empty".into());
    }
    if id.starts_with('$') {
        return None; // reported as reserved by the caller
    }
    let len = id.chars().count();
    if len > 36 {
        return Some(format!("is {len} characters long; the limit is 36"));
    }
    if id.starts_with(['.', '-', '_']) {
        return Some("cannot start with `.`, `-` or `_`".into());
    }
    id.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        .map(|c| {
            format!(
                "contains `{}`; only a-z, A-Z, 0-9, `.`, `-` and `_` are allowed",
                c.escape_debug()
            )
        })
}

/// Why `role` is not one of Appwrite's roles, or `None`.
pub fn role_problem(role: &str) -> Option<String> {
    let id_ok = |id: &str| key_problem(id).is_none() && !id.starts_with('$');
    let dimension_ok = |d: &str| matches!(d, "verified" | "unverified");
    let ok = match role {
        "any" | "guests" | "users" | "users/verified" | "users/unverified" => true,
        "*" => return Some("`*` was replaced by `any`".into()),
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
                    && label.len() <= 36
                    && label.chars().all(|c| c.is_ascii_alphanumeric())
            }
            _ => false,
        },
    };
    (!ok).then(|| {
        "is not a role: expected `any`, `guests`, `users[/verified|/unverified]`, `user:ID[/verified|/unverified]`, `team:ID[/ROLE]`, `member:ID` or `label:NAME`".into()
    })
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
