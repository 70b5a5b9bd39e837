//! A scan over every text rule of the client with whitespace around otherwise valid values.
//!
//! Appwrite ignores surrounding ASCII whitespace in a datetime and a numeric string, and
//! refuses every other kind of whitespace there; addresses (email, URL, IP) take none at all.
//! The client must refuse locally what the server would refuse, so that nothing is sent
//! that only the server would catch.

use serde_json::{Value, json};

use super::coerce::coerce_scalar;
use super::column::ColumnType;
use super::rules::check_json_value;

/// Whitespace the server does not ignore: no-break space, ideographic space, vertical tab,
/// next line, line and paragraph separators, byte-order mark, ogham and em space.
const FOREIGN: [char; 9] = [
    '\u{a0}', '\u{3000}', '\u{b}', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{1680}',
    '\u{2003}',
];
/// ASCII whitespace that a datetime and a number may carry around them.
const ASCII: [char; 5] = [' ', '\t', '\n', '\u{c}', '\r'];

fn kinds() -> Vec<(ColumnType, &'static str)> {
    vec![
        (ColumnType::Datetime, "2024-05-01T12:00:00.000+00:00"),
        (ColumnType::Datetime, "2024-05-01"),
        (ColumnType::Email, "ada@example.com"),
        (ColumnType::Url, "https://appwrite.io/docs"),
        (ColumnType::Ip, "192.168.0.1"),
        (ColumnType::Ip, "2001:db8::1"),
        (
            ColumnType::Enum {
                elements: &["yes", "no"],
            },
            "yes",
        ),
        (
            ColumnType::Integer {
                min: None,
                max: None,
            },
            "42",
        ),
        (
            ColumnType::Float {
                min: None,
                max: None,
            },
            "1.5",
        ),
    ]
}

/// The value as the client sends it: coerced, then checked.
fn check(kind: &ColumnType, text: String) -> Result<Value, String> {
    let value = coerce_scalar(kind, json!(text));
    check_json_value(kind, &value)
        .map(|()| value)
        .map_err(|v| v.message)
}

#[test]
fn foreign_whitespace_around_a_valid_value_is_refused_by_every_rule() {
    for (kind, valid) in kinds() {
        assert!(check(&kind, valid.to_owned()).is_ok(), "{valid} is valid");
        for c in FOREIGN {
            for text in [format!("{valid}{c}"), format!("{c}{valid}")] {
                assert!(
                    check(&kind, text.clone()).is_err(),
                    "{:?} was accepted for a {} column",
                    text,
                    kind.endpoint()
                );
            }
        }
    }
}

#[test]
fn ascii_whitespace_is_ignored_only_where_the_server_ignores_it() {
    for (kind, valid) in kinds() {
        let ignored = matches!(
            kind,
            ColumnType::Datetime | ColumnType::Integer { .. } | ColumnType::Float { .. }
        );
        for c in ASCII {
            let text = format!("{c}{valid}{c}");
            assert_eq!(
                check(&kind, text.clone()).is_ok(),
                ignored,
                "{:?} for a {} column",
                text,
                kind.endpoint()
            );
        }
    }
}
