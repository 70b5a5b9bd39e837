//! Decoding a body straight into the caller's type, with the failing field's path.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Decodes a JSON body into `T`. A failure names the operation, the table and the field
/// path (`rows[2].count`); a success never pays for the path tracking.
pub(crate) fn decode_slice<T: DeserializeOwned>(
    body: &[u8],
    operation: &'static str,
    table: Option<&str>,
) -> Result<T> {
    let fail = |path: String, reason: String| Error::Decode {
        operation,
        table: table.map(str::to_owned),
        path,
        reason,
        outcome: None,
        row: None,
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(fail(".".into(), "the server sent an empty body".into()));
    }
    // The fast path: a plain decode. Only a body that fails is decoded again, with the
    // path tracking that names the failing field (it costs about half as much again).
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        fail(path, e.into_inner().to_string())
    })?;
    de.end().map_err(|e| fail(".".into(), e.to_string()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Book {
        title: String,
        count: i64,
    }

    #[test]
    fn names_the_field_path() {
        let body = br#"{"total":2,"rows":[{"title":"a","count":1},{"title":"b","count":"x"}]}"#;
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct List {
            rows: Vec<Book>,
        }
        match decode_slice::<List>(body, "rows.list", Some("books")) {
            Err(Error::Decode { path, table, .. }) => {
                assert_eq!(path, "rows[1].count");
                assert_eq!(table.as_deref(), Some("books"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_good_body_decodes_on_the_fast_path() {
        let book: Book = decode_slice(br#"{"title":"a","count":1}"#, "x", None).unwrap();
        assert_eq!((book.title.as_str(), book.count), ("a", 1));
    }

    #[test]
    fn empty_and_trailing_garbage_fail() {
        assert!(decode_slice::<Book>(b"", "x", None).is_err());
        assert!(decode_slice::<Book>(br#"{"title":"a","count":1} x"#, "x", None).is_err());
    }
}
