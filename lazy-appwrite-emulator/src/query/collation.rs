//! MariaDB's `utf8mb4_general_ci` for text columns: case-insensitive, and a Latin letter
//! with a diacritic weighs as its base letter (tour-queries.jsonl 1.8.1 seq 1447: `Ñame`
//! sorts between `Herbert` and `Simmons`).
//!
//! Array columns are JSON text that MariaDB compares byte by byte as PHP's `json_encode`
//! wrote it: non-ASCII characters as `\uXXXX` and `/` as `\/` (tour-queries.jsonl 1.8.1
//! seq 1457: `["\u00fcn\u00ef"]` sorts between `["%","_"]` and `["classic",…]`).

use std::cmp::Ordering;

use rusqlite::Connection;

/// The SQLite collation name text columns are declared with.
pub const NAME: &str = "APPWRITE_CI";

/// The weight of one character: its base letter for Latin-1 letters with diacritics,
/// upper-cased.
fn weight(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' => 'A',
        'Ç' | 'ç' => 'C',
        'È'..='Ë' | 'è'..='ë' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' => 'I',
        'Ð' | 'ð' => 'D',
        'Ñ' | 'ñ' => 'N',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' => 'U',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        'ß' => 'S',
        other => other,
    };
    base.to_uppercase().next().unwrap_or(base)
}

/// Compares two texts as `utf8mb4_general_ci` does (character by character).
pub fn compare(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        // The common case, byte by byte: an ASCII character weighs as its upper case.
        return a
            .bytes()
            .map(|b| b.to_ascii_uppercase())
            .cmp(b.bytes().map(|b| b.to_ascii_uppercase()));
    }
    a.chars().map(weight).cmp(b.chars().map(weight))
}

/// The SQLite collation ORDER BY applies to array columns.
pub const JSON_NAME: &str = "APPWRITE_JSON";

/// The bytes of `text` (compact JSON) as PHP's `json_encode` writes them.
fn php_json_bytes(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.chars().flat_map(|c| {
        let mut out = Vec::new();
        if c == '/' {
            out.extend_from_slice(b"\\/");
        } else if c.is_ascii() {
            out.push(c as u8);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
            }
        }
        out
    })
}

/// Compares two JSON texts as MariaDB compares their `json_encode` forms (binary).
pub fn compare_json(a: &str, b: &str) -> Ordering {
    php_json_bytes(a).cmp(php_json_bytes(b))
}

/// Registers the [`NAME`] and [`JSON_NAME`] collations on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation(NAME, compare)?;
    conn.create_collation(JSON_NAME, compare_json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_weigh_alike() {
        assert_eq!(compare("Ñame", "name"), Ordering::Equal);
        assert_eq!(compare("Ñame", "Simmons"), Ordering::Less);
        assert_eq!(compare("Ñame", "Herbert"), Ordering::Greater);
        assert_eq!(compare("tolkien", "Tolkien"), Ordering::Equal);
        assert_eq!(compare("Émile", "emile"), Ordering::Equal);
        assert_eq!(compare("a", "ab"), Ordering::Less);
    }

    #[test]
    fn the_ascii_shortcut_orders_as_unicode_upper_case_does() {
        let texts: Vec<String> = (0u8..128)
            .map(|b| char::from(b).to_string())
            .chain(["ab", "aB", "Ab", "a_", "A^", "z", "Z[", "", "abc", "ABD"].map(String::from))
            .collect();
        for a in &texts {
            for b in &texts {
                // Unicode's upper case, which the shortcut must agree with on ASCII.
                let upper = |c: char| c.to_uppercase().next().unwrap_or(c);
                let by_chars = a.chars().map(upper).cmp(b.chars().map(upper));
                assert_eq!(compare(a, b), by_chars, "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn json_compares_as_php_encodes() {
        assert_eq!(compare_json(r#"["%","_"]"#, r#"["ünï"]"#), Ordering::Less);
        assert_eq!(compare_json(r#"["ünï"]"#, r#"["classic"]"#), Ordering::Less);
        assert_eq!(compare_json(r#"["scifi"]"#, "[]"), Ordering::Less);
        // `/` is written `\/`, and `\` sorts after `[`.
        assert_eq!(compare_json(r#"["a/b"]"#, r#"["a[b"]"#), Ordering::Greater);
        assert_eq!(compare_json(r#"["Z"]"#, r#"["a"]"#), Ordering::Less);
        // Astral characters are two UTF-16 escapes.
        assert_eq!(
            compare_json(r#"["😀"]"#, r#"["\\ud83d\\ude00"]"#),
            Ordering::Greater
        );
    }
}
