//! MariaDB's `utf8mb4_general_ci` for text columns: case-insensitive, and a Latin letter
//! with a diacritic weighs as its base letter (tour-queries.jsonl 1.8.1 seq 1447: `Ñame`
//! sorts between `Herbert` and `Simmons`).

use std::cmp::Ordering;

use rusqlite::Connection;

/// The SQLite collation name text columns are declared with.
pub const NAME: &str = "APPWRITE_CI";

/// The weight of one character: its base letter for Latin-1 letters with diacritics,
/// upper-cased.
fn weight(c: char) -> char {
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
    a.chars().map(weight).cmp(b.chars().map(weight))
}

/// Registers the [`NAME`] collation on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation(NAME, compare)
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
}
