//! Turning a non-2xx answer into an [`Error`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use serde::Deserialize;

use super::Call;
use crate::WriteOutcome;
use crate::error::{Answer, AppwriteErrorType, Error};

/// Longest server message kept in an error, in bytes.
const MAX_MESSAGE: usize = 1024;

/// Appwrite's error body: `{"message","code","type","version"}`; only two matter.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// What a 429 says about when to come back.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RateHint {
    /// `X-RateLimit-Reset` (Unix seconds) or now + `Retry-After`.
    pub(crate) reset: Option<SystemTime>,
    /// How long to wait from now: `Retry-After` when present, else until the reset.
    pub(crate) wait: Option<Duration>,
}

impl RateHint {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let now = SystemTime::now();
        let retry_after = header_u64(headers, RETRY_AFTER.as_str()).map(Duration::from_secs);
        let reset = header_u64(headers, "x-ratelimit-reset")
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs));
        match (retry_after, reset) {
            (Some(wait), reset) => Self {
                reset: reset.or(Some(now + wait)),
                wait: Some(wait),
            },
            (None, Some(reset)) => Self {
                reset: Some(reset),
                wait: Some(reset.duration_since(now).unwrap_or(Duration::ZERO)),
            },
            (None, None) => Self::default(),
        }
    }
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// Builds the error for a non-2xx answer. `redact` scrubs credentials from server text;
/// `outcome` is what the failed write did (`None` for a read).
pub(crate) fn error_from_answer(
    call: &Call,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    redact: &dyn Fn(&str) -> String,
    outcome: Option<WriteOutcome>,
) -> Error {
    let operation = call.operation;
    let table = call.table_id();
    if (300..400).contains(&status) {
        let target = headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| format!(" to `{}`", redact(l)))
            .unwrap_or_default();
        let answer = Answer {
            kind: AppwriteErrorType::parse(""),
            message: format!(
                "redirect{target} not followed (credentials are never sent to another address); \
                 check the endpoint"
            ),
            operation,
            table,
            outcome,
            row: None,
        };
        return Error::Api {
            status,
            answer: Box::new(answer),
        };
    }
    if status == 429 {
        return Error::RateLimited {
            reset: RateHint::from_headers(headers).reset,
            operation,
            table,
            outcome,
            row: None,
        };
    }
    let (kind, message) = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(parsed) => (
            parsed.kind.unwrap_or_default(),
            parsed
                .message
                .unwrap_or_else(|| "(the server sent no message)".into()),
        ),
        Err(_) => (String::new(), text_of(body)),
    };
    let answer = Answer {
        kind: AppwriteErrorType::parse(&kind),
        message: redact(&message),
        operation,
        table,
        outcome,
        row: None,
    };
    Error::answered(status, answer)
}

/// A non-JSON body as text, cut to a sane length on a character boundary.
pub(crate) fn text_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return "(empty body)".into();
    }
    if text.len() <= MAX_MESSAGE {
        return text.to_owned();
    }
    let mut end = MAX_MESSAGE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::ApiPath;

    fn call() -> Call {
        Call::get("rows.get", ApiPath::tablesdb().fixed("x")).table("books")
    }

    fn none(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn maps_statuses_and_reads_type_and_message() {
        let h = HeaderMap::new();
        let body =
            br#"{"message":"Row missing","code":404,"type":"row_not_found","version":"1.8.1"}"#;
        match error_from_answer(&call(), 404, &h, body, &none, None) {
            Error::NotFound { answer } => {
                assert_eq!(answer.outcome, None);
                assert_eq!(
                    (answer.kind.as_str(), answer.message.as_str()),
                    ("row_not_found", "Row missing")
                );
                assert_eq!(
                    (answer.operation, answer.table.as_deref()),
                    ("rows.get", Some("books"))
                );
            }
            other => panic!("{other:?}"),
        }
        let e = error_from_answer(&call(), 500, &h, b"Internal boom (plain text)", &none, None);
        assert!(
            matches!(e, Error::Api { status: 500, ref answer } if answer.message == "Internal boom (plain text)")
        );
        let e = error_from_answer(&call(), 400, &h, br#"{"code":400}"#, &none, None);
        assert!(matches!(e, Error::Api { status: 400, .. }));
        let e = error_from_answer(
            &call(),
            409,
            &h,
            br#"{"message":"dup","type":"row_already_exists"}"#,
            &none,
            Some(WriteOutcome::Unknown),
        );
        assert_eq!(e.outcome(), Some(WriteOutcome::Unknown));
        assert_eq!(e.appwrite_type(), Some("row_already_exists"));
    }

    #[test]
    fn reads_rate_limit_headers() {
        let mut h = HeaderMap::new();
        let reset = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 3;
        h.insert("x-ratelimit-reset", reset.to_string().parse().unwrap());
        let hint = RateHint::from_headers(&h);
        assert!(hint.wait.unwrap() <= Duration::from_secs(3));
        h.insert("retry-after", "1".parse().unwrap());
        assert_eq!(
            RateHint::from_headers(&h).wait,
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let long = "é".repeat(2000);
        let text = text_of(long.as_bytes());
        assert!(text.len() <= MAX_MESSAGE + 3);
    }
}
