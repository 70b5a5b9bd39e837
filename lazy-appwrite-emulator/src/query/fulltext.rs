//! MariaDB (InnoDB) full-text rules, as Appwrite's storage applies them to `search`:
//! only words of at least 3 characters that are not stopwords are indexed, so shorter
//! words and stopwords never match (`search=rt-db-2` finds nothing, tour-databases.jsonl
//! 1.8.1 seq 100; `search("title", ["the"])` finds nothing, tour-queries.jsonl 1.8.1
//! seq 1429).

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// InnoDB's `innodb_ft_min_token_size` default.
const MIN_TOKEN_CHARS: usize = 3;

/// InnoDB's default stopword list.
const STOPWORDS: &[&str] = &[
    "a", "about", "an", "are", "as", "at", "be", "by", "com", "de", "en", "for", "from", "how",
    "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to", "was", "what",
    "when", "where", "who", "will", "with", "und", "www",
];

/// The SQL function that reduces a text to its indexed words (used by the FTS5 tables).
pub const SQL_FUNCTION: &str = "appwrite_ft";

/// The lower-cased words of `text` (runs of letters and digits).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether InnoDB indexes `word` (already lower-cased).
pub fn is_indexed(word: &str) -> bool {
    word.chars().count() >= MIN_TOKEN_CHARS && !STOPWORDS.contains(&word)
}

/// The words of `text` InnoDB indexes, in order.
pub fn indexed_words(text: &str) -> Vec<String> {
    words(text).filter(|w| is_indexed(w)).collect()
}

/// `text` reduced to its indexed words, space-separated (what the FTS5 tables hold).
pub fn index_text(text: &str) -> String {
    indexed_words(text).join(" ")
}

/// Whether the `search` string (as Appwrite prepares it) matches a document whose
/// searchable text is `text`: any of the words matches a word exactly, the last one as a
/// prefix; a fully quoted search is a phrase of consecutive indexed words.
pub fn matches(search: &str, text: &str) -> bool {
    let Some(prepared) = fulltext_value(search) else {
        return false;
    };
    let document = indexed_words(text);
    let terms: Vec<String> = words(&prepared).collect();
    if prepared.starts_with('"') {
        let phrase: Vec<&String> = terms.iter().filter(|t| is_indexed(t)).collect();
        return !phrase.is_empty()
            && document
                .windows(phrase.len())
                .any(|w| w.iter().zip(&phrase).all(|(a, b)| a == *b));
    }
    terms.iter().enumerate().any(|(i, term)| {
        if i + 1 == terms.len() {
            document.iter().any(|w| w.starts_with(term.as_str()))
        } else {
            document.contains(term)
        }
    })
}

/// Registers [`SQL_FUNCTION`] on `conn`: `appwrite_ft(text)` is [`index_text`], `NULL`
/// stays `NULL`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        SQL_FUNCTION,
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(ctx
                .get_raw(0)
                .as_str_or_null()
                .ok()
                .flatten()
                .map(index_text))
        },
    )
}

/// utopia's `SQL::getFulltextValue`: operator characters become spaces, whitespace collapses,
/// and the result is either a quoted phrase (when the whole input was quoted) or the words
/// with `*` appended to the last one. `None` when nothing is left.
pub fn fulltext_value(value: &str) -> Option<String> {
    let exact = value.starts_with('"') && value.ends_with('"');
    let replaced: String = value
        .chars()
        .map(|c| {
            if matches!(c, '@' | '+' | '-' | '*' | ')' | '(' | '<' | '>' | '~' | '"') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    Some(if exact {
        format!("\"{collapsed}\"")
    } else {
        format!("{collapsed}*")
    })
}

/// The FTS5 MATCH expression equivalent to MariaDB's boolean-mode search with Appwrite's
/// prepared value: words (runs of letters and digits, as FTS5's unicode61 tokenizer splits
/// them) are OR'ed, the last one as a prefix; a fully quoted input is one phrase. Every
/// word is quoted, so no FTS5 operator can come from user input. `None` when there are no
/// words (nothing matches).
pub fn fts5_expression(search: &str) -> Option<String> {
    let prepared = fulltext_value(search)?;
    let phrase = prepared.starts_with('"');
    let words: Vec<&str> = prepared
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    if phrase {
        // Words InnoDB does not index (short ones, stopwords) drop out of a phrase.
        let kept: Vec<String> = words
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| is_indexed(w))
            .collect();
        if kept.is_empty() {
            return None;
        }
        return Some(format!("\"{}\"", kept.join(" ")));
    }
    let mut terms: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    if let Some(last) = terms.last_mut() {
        last.push('*');
    }
    Some(terms.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_and_stopwords_are_not_indexed() {
        assert_eq!(index_text("rt-db-2 Second"), "second");
        assert_eq!(index_text("The Lord of the Rings"), "lord rings");
        assert!(!matches("rt-db-2", "rt-db-2 Second"));
        assert!(matches("rt-dave", "rt-dave dave@example.com Dave"));
        assert!(!matches("the", "The Hobbit"));
        assert!(matches("hob", "The Hobbit"));
        assert!(matches("ring lord", "The Lord of the Rings"));
        assert!(
            matches("ring", "The Lord of the Rings"),
            "the last word is a prefix"
        );
        assert!(
            !matches("ring x", "The Lord of the Rings"),
            "the others are exact"
        );
        assert!(matches("\"lord of the rings\"", "The Lord of the Rings"));
        assert!(!matches("\"rings lord\"", "The Lord of the Rings"));
    }

    #[test]
    fn fulltext_values() {
        assert_eq!(
            fulltext_value("dune desert").as_deref(),
            Some("dune desert*")
        );
        assert_eq!(fulltext_value("  a   b ").as_deref(), Some("a b*"));
        assert_eq!(fulltext_value("\"a b\"").as_deref(), Some("\"a b\""));
        assert_eq!(fulltext_value("@+-*()<>~\"").as_deref(), None);
        assert_eq!(
            fts5_expression("spider-man").as_deref(),
            Some("\"spider\" OR \"man\"*")
        );
        // Stopwords and short words drop out of a phrase.
        assert_eq!(fts5_expression("\"far from\"").as_deref(), Some("\"far\""));
        assert_eq!(
            fts5_expression("\"The Hobbit\"").as_deref(),
            Some("\"hobbit\"")
        );
        assert_eq!(fts5_expression("...").as_deref(), None);
    }
}
