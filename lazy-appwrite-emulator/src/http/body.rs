//! Request bodies as Appwrite's PHP stack reads them: which media types are read, the
//! multipart form fields, and PHP's JSON number quirks.

use std::borrow::Cow;

/// How a request body is read, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/json`, matched case-sensitively (`APPLICATION/JSON` is not read:
    /// tour-content.jsonl 1.8.1 seq 2075); parameters such as `; charset=utf-8` allowed.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` with its boundary (tour-content.jsonl 1.8.1 seq 2081).
    Multipart,
    /// Anything else: no parameters.
    Other,
}

/// The kind of body `content_type` announces.
pub fn kind(content_type: Option<&str>) -> BodyKind {
    let media = content_type
        .and_then(|ct| ct.split(';').next())
        .map(str::trim)
        .unwrap_or_default();
    if media == "application/json" {
        BodyKind::Json
    } else if media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        BodyKind::Form
    } else if media.eq_ignore_ascii_case("multipart/form-data") {
        BodyKind::Multipart
    } else {
        BodyKind::Other
    }
}

/// The text fields of a `multipart/form-data` body (file parts are skipped), in order.
pub fn multipart_fields(content_type: &str, body: &[u8]) -> Vec<(String, String)> {
    let Some(boundary) = content_type.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_string())
    }) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{boundary}");
    let mut fields = Vec::new();
    for part in text.split(delimiter.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let part = part.strip_prefix("\r\n").unwrap_or(part);
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"));
        let Some(disposition) = disposition else {
            continue;
        };
        if disposition.contains("filename=") {
            continue;
        }
        let Some(name) = disposition
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("name="))
            .next()
            .map(|n| n.trim_matches('"').to_string())
        else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        fields.push((name, value.to_string()));
    }
    fields
}

/// The JSON text with every bare `-0` number made `0`: PHP decodes `-0` as the integer
/// 0 (`-0.0` stays a float), while serde reads it as a float (tour-content.jsonl 1.8.1
/// seq 2112: `{"n": -0}` is accepted by an integer column and stored as `0`).
pub fn php_negative_zero(json: &[u8]) -> Cow<'_, [u8]> {
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        match b {
            // A string is skipped to its closing quote in one search (most of a body is
            // strings); an escape skips the byte after the backslash.
            b'"' => {
                i += 1;
                loop {
                    let Some(offset) = json
                        .get(i..)
                        .and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\'))
                    else {
                        i = json.len();
                        break;
                    };
                    i += offset;
                    if json.get(i) == Some(&b'"') {
                        break;
                    }
                    i += 2;
                }
            }
            b'-' if json.get(i + 1) == Some(&b'0')
                && !matches!(json.get(i + 2), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) =>
            {
                spans.push(i)
            }
            _ => {}
        }
        i += 1;
    }
    if spans.is_empty() {
        return Cow::Borrowed(json);
    }
    let mut out = json.to_vec();
    for i in spans.into_iter().rev() {
        out.remove(i);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types() {
        assert_eq!(
            kind(Some("application/json; charset=utf-8")),
            BodyKind::Json
        );
        assert_eq!(kind(Some("APPLICATION/JSON")), BodyKind::Other);
        assert_eq!(
            kind(Some("multipart/form-data; boundary=x")),
            BodyKind::Multipart
        );
        assert_eq!(kind(None), BodyKind::Other);
    }

    #[test]
    fn multipart_text_fields() {
        let body = "------b\r\nContent-Disposition: form-data; name=\"rowId\"\r\n\r\nct6\r\n------b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nfile\r\n------b\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{\"s\":\"x\"}\r\n------b--\r\n";
        assert_eq!(
            multipart_fields("multipart/form-data; boundary=----b", body.as_bytes()),
            vec![
                ("rowId".to_string(), "ct6".to_string()),
                ("data".to_string(), "{\"s\":\"x\"}".to_string())
            ]
        );
    }

    #[test]
    fn negative_zero_is_an_integer() {
        assert_eq!(&*php_negative_zero(br#"{"n":-0}"#), br#"{"n":0}"#);
        assert_eq!(
            &*php_negative_zero(br#"[-0, -0.0, -0e1, -01]"#),
            br#"[0, -0.0, -0e1, -01]"#
        );
        assert_eq!(&*php_negative_zero(br#"{"s":"-0"}"#), br#"{"s":"-0"}"#);
    }

    /// The scan as first written, byte by byte: the string-skipping one must find the
    /// same spans, escapes and unterminated strings included.
    fn negative_zero_byte_by_byte(json: &[u8]) -> Vec<u8> {
        let mut spans = Vec::new();
        let (mut in_string, mut escaped) = (false, false);
        for (i, &b) in json.iter().enumerate() {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'-' if json.get(i + 1) == Some(&b'0')
                    && !matches!(json.get(i + 2), Some(b'.' | b'e' | b'E' | b'0'..=b'9')) =>
                {
                    spans.push(i)
                }
                _ => {}
            }
        }
        let mut out = json.to_vec();
        for i in spans.into_iter().rev() {
            out.remove(i);
        }
        out
    }

    #[test]
    fn skipping_strings_finds_what_the_byte_scan_finds() {
        let cases: [&[u8]; 14] = [
            br#"{"n":-0}"#,
            br#"{"s":"a\"-0","n":-0}"#,
            br#"{"s":"\\","n":-0}"#,
            br#"{"s":"\\\"-0"}-0"#,
            br#"{"s":"-0"#,
            br#"{"s":"ab\"#,
            br#"{"s":"ab\""#,
            br#""\"#,
            br#"-0"#,
            br#"-"#,
            br#""#,
            br#"[-0,"x",-0,"-0",-0.5,"\u0022",-0]"#,
            br#"{"k\"":-0,"d":"2024-01-01","m":[-0, -01, -0e1]}"#,
            "{\"é\":\"ü-0\",\"n\":-0}".as_bytes(),
        ];
        for case in cases {
            assert_eq!(
                &*php_negative_zero(case),
                negative_zero_byte_by_byte(case).as_slice(),
                "{}",
                String::from_utf8_lossy(case)
            );
        }
    }
}
