//! A secret header value (API key, JWT, session) that never shows in `Debug`, `Display` or logs.

use reqwest::header::HeaderValue;

use crate::error::{Error, Result};

/// A credential kept as a ready, sensitive header value. Its `Debug` prints `<redacted>`.
#[derive(Clone)]
pub(crate) struct Secret {
    text: Box<str>,
    header: HeaderValue,
}

impl Secret {
    /// Checks that `text` can travel as a header value; `what` names it in the error,
    /// which never contains the value itself.
    pub(crate) fn new(text: &str, what: &str) -> Result<Self> {
        if text.is_empty() {
            return Err(Error::config(format!("{what} is empty")));
        }
        let mut header = HeaderValue::from_str(text).map_err(|_| {
            Error::config(format!(
                "{what} contains characters that cannot go in an HTTP header (a newline or a control character)"
            ))
        })?;
        header.set_sensitive(true);
        Ok(Self {
            text: text.into(),
            header,
        })
    }

    pub(crate) fn header(&self) -> &HeaderValue {
        &self.header
    }

    /// Replaces every occurrence of the secret in `message`.
    pub(crate) fn redact(&self, message: &str) -> String {
        if self.text.len() < 4 {
            // Too short to search for without mangling ordinary text; such keys are refused
            // by Appwrite anyway.
            return message.to_owned();
        }
        message.replace(&*self.text, "<redacted>")
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_newlines_without_echoing_the_value() {
        let err = Secret::new("abc\ndef-secret", "the API key").unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("def-secret"), "{text}");
    }

    #[test]
    fn debug_is_redacted_and_redact_replaces() {
        let s = Secret::new("super-secret-key", "key").unwrap();
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert!(s.header().is_sensitive());
        assert_eq!(s.redact("bad key super-secret-key!"), "bad key <redacted>!");
    }
}
