//! Request paths, with every segment percent-encoded like `encodeURIComponent`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What `encodeURIComponent` escapes: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Joins segments into `/a/b/c`, each encoded so that no `/`, `?`, `#` or `%` in an ID can
/// change the route. A `.` or `..` segment is encoded too, so it is never collapsed.
pub(crate) fn path(segments: &[&str]) -> String {
    let mut out = String::with_capacity(segments.iter().map(|s| s.len() + 1).sum());
    for segment in segments {
        out.push('/');
        match *segment {
            "." => out.push_str("%2E"),
            ".." => out.push_str("%2E%2E"),
            s => out.extend(utf8_percent_encode(s, COMPONENT)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            path(&["tablesdb", "shop", "tables"]),
            "/tablesdb/shop/tables"
        );
        assert_eq!(path(&["a b", "c/d", "e?f#g%"]), "/a%20b/c%2Fd/e%3Ff%23g%25");
        assert_eq!(path(&["ok-._~!*'()"]), "/ok-._~!*'()");
        assert_eq!(path(&["é"]), "/%C3%A9");
        assert_eq!(path(&["..", "."]), "/%2E%2E/%2E");
    }
}
