//! JSON request bodies, written straight into bytes with keys in a fixed order.

use bytes::Bytes;
use serde::Serialize;

use crate::error::{Error, Result};

/// A JSON object being written. Optional parameters that are `None` are left out, never
/// sent as `null`; the first serialization failure is kept and reported by
/// [`JsonObject::finish`].
#[derive(Debug)]
pub(crate) struct JsonObject {
    buf: Vec<u8>,
    empty: bool,
    error: Option<serde_json::Error>,
}

impl JsonObject {
    pub(crate) fn new() -> Self {
        let mut buf = Vec::with_capacity(128);
        buf.push(b'{');
        Self {
            buf,
            empty: true,
            error: None,
        }
    }

    fn key(&mut self, name: &str) {
        if !self.empty {
            self.buf.push(b',');
        }
        self.empty = false;
        // Names are our own ASCII identifiers; serializing keeps this honest anyway.
        if let Err(e) = serde_json::to_writer(&mut self.buf, name) {
            self.error.get_or_insert(e);
        }
        self.buf.push(b':');
    }

    /// Writes `"name": value`.
    pub(crate) fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        if self.error.is_some() {
            return self;
        }
        self.key(name);
        if let Err(e) = serde_json::to_writer(&mut self.buf, value) {
            self.error = Some(e);
        }
        self
    }

    /// Writes `"name": value` when `value` is set.
    pub(crate) fn opt<T: Serialize>(&mut self, name: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.field(name, &v);
        }
        self
    }

    /// Writes `"name": <json>` with `json` already serialized.
    pub(crate) fn raw(&mut self, name: &str, json: &[u8]) -> &mut Self {
        if self.error.is_some() {
            return self;
        }
        self.key(name);
        self.buf.extend_from_slice(json);
        self
    }

    /// The finished object, or the serialization error (a [`Error::Validation`] naming `table`).
    pub(crate) fn finish(&mut self, table: Option<&str>) -> Result<Bytes> {
        if let Some(e) = self.error.take() {
            return Err(Error::Validation {
                table: table.map(str::to_owned),
                column: None,
                reason: format!("cannot serialize the request: {e}"),
            });
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.push(b'}');
        Ok(Bytes::from(buf))
    }
}

/// Serializes row data, which must come out as a JSON object.
pub(crate) fn object_bytes<T: Serialize + ?Sized>(data: &T, table: &str) -> Result<Vec<u8>> {
    let bytes = serde_json::to_vec(data).map_err(|e| Error::Validation {
        table: Some(table.to_owned()),
        column: None,
        reason: format!("cannot serialize the row data: {e}"),
    })?;
    if bytes.first() != Some(&b'{') {
        return Err(Error::Validation {
            table: Some(table.to_owned()),
            column: None,
            reason: "row data must serialize to a JSON object (a struct or a map)".into(),
        });
    }
    Ok(bytes)
}

/// Inserts system fields (`"$id":…,"$permissions":…`) at the front of a serialized object.
/// `prefix` holds complete `"key":value` pairs separated by commas, without braces.
pub(crate) fn with_prefix(object: &[u8], prefix: &[u8]) -> Vec<u8> {
    let Some(rest) = object.strip_prefix(b"{") else {
        return object.to_vec();
    };
    if prefix.is_empty() {
        return object.to_vec();
    }
    let mut out = Vec::with_capacity(object.len() + prefix.len() + 1);
    out.push(b'{');
    out.extend_from_slice(prefix);
    if rest.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'}') {
        out.push(b',');
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_in_order_and_skips_none() {
        let mut o = JsonObject::new();
        o.field("databaseId", "db")
            .opt("enabled", None::<bool>)
            .field("name", "N");
        assert_eq!(
            &o.finish(None).unwrap()[..],
            br#"{"databaseId":"db","name":"N"}"#
        );
        assert_eq!(&JsonObject::new().finish(None).unwrap()[..], b"{}");
    }

    #[test]
    fn prefixes_system_fields() {
        assert_eq!(
            with_prefix(br#"{"a":1}"#, br#""$id":"x""#),
            br#"{"$id":"x","a":1}"#
        );
        assert_eq!(with_prefix(b"{}", br#""$id":"x""#), br#"{"$id":"x"}"#);
        assert_eq!(with_prefix(br#"{"a":1}"#, b""), br#"{"a":1}"#);
    }

    #[test]
    fn data_must_be_an_object() {
        assert!(matches!(
            object_bytes(&5, "t"),
            Err(Error::Validation { .. })
        ));
        assert!(object_bytes(&std::collections::BTreeMap::<String, i32>::new(), "t").is_ok());
    }
}
