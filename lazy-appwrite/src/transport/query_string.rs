//! GET parameters, encoded the way the SDKs do: `application/x-www-form-urlencoded`, arrays
//! as repeated `name[]=` pairs.

use crate::query::Query;

/// A query string being built (without the leading `?`).
#[derive(Debug, Default)]
pub(crate) struct QueryString {
    out: String,
}

impl QueryString {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub(crate) fn push(&mut self, name: &str, value: &str) -> &mut Self {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        form_encode(name, &mut self.out);
        self.out.push('=');
        form_encode(value, &mut self.out);
        self
    }

    /// Adds `queries[]=<json>` for each query, in order.
    pub(crate) fn queries(&mut self, queries: &[Query]) -> &mut Self {
        for query in queries {
            self.push("queries[]", &query.to_json());
        }
        self
    }

    /// Adds `name=true|false` when `value` is set.
    pub(crate) fn flag(&mut self, name: &str, value: Option<bool>) -> &mut Self {
        if let Some(v) = value {
            self.push(name, if v { "true" } else { "false" });
        }
        self
    }

    /// Adds `name=value` when `value` is set.
    pub(crate) fn opt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.push(name, v);
        }
        self
    }

    pub(crate) fn finish(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

/// Form encoding: `A-Z a-z 0-9 * - . _` stay, space becomes `+`, every other byte `%XX`.
fn form_encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_sdks() {
        let mut qs = QueryString::new();
        qs.queries(&[Query::limit(1)])
            .flag("total", Some(false))
            .push("search", "a b&c=d/e+f");
        assert_eq!(
            qs.finish(),
            "queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D\
             &total=false&search=a+b%26c%3Dd%2Fe%2Bf"
        );
    }

    #[test]
    fn search_with_space_uses_plus() {
        let mut qs = QueryString::new();
        qs.queries(&[Query::search("title", "dune desert")]);
        assert!(qs.finish().contains("%22dune+desert%22"));
    }
}
