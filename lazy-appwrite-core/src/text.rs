//! Text helpers that work in `const` code (the generated checks run at compile time).

/// Whether `a` and `b` are the same text.
///
/// ```
/// assert!(lazy_appwrite_core::text::eq_str("a", "a"));
/// ```
pub const fn eq_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The length of `s` in characters (Unicode scalar values, as Appwrite counts them).
///
/// ```
/// assert_eq!(lazy_appwrite_core::text::char_count("héllo"), 5);
/// ```
pub const fn char_count(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// `text` as an error message shows it: escaped, and cut after 40 characters with `…`, so
/// that a message never carries a whole oversized input.
///
/// ```
/// use lazy_appwrite_core::text::shown;
/// assert_eq!(shown("a\tb"), "a\\tb");
/// assert_eq!(shown(&"x".repeat(70_000)), format!("{}…", "x".repeat(40)));
/// ```
pub fn shown(text: &str) -> String {
    const MAX: usize = 40;
    let mut chars = text.chars();
    let mut s: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        s.push('…');
    }
    s.escape_debug().to_string()
}
