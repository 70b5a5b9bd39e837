//! Request parameters: PHP-style query strings for GET, JSON (or form) bodies otherwise,
//! and the typed getters the endpoints use, with Appwrite's validator messages.

use serde_json::{Map, Value};

use super::body::{self, BodyKind};
use crate::error::{ApiError, ApiResult, catalogue};
use crate::validate::ids::{KEY_DESCRIPTION, resolve_custom_id};

/// Most queries a list accepts.
pub const MAX_QUERIES: usize = 100;
/// Longest query string accepted.
pub const MAX_QUERY_LENGTH: usize = 4096;

/// The parameters of one request, by name.
#[derive(Default, Clone)]
pub struct Params {
    values: Map<String, Value>,
    /// Query-string values are all strings, so booleans and numbers are parsed from text.
    from_query: bool,
    /// The body could not be read ([`Params::body_is_unreadable`]).
    unreadable: bool,
}

// By hand: a value may be a secret (a user's password), so only the names are shown.
impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Params")
            .field("names", &self.values.keys().collect::<Vec<_>>())
            .field("from_query", &self.from_query)
            .field("unreadable", &self.unreadable)
            .finish()
    }
}

impl Params {
    /// Parameters from a query string, accepting `x[]=`, `x[0]=` and bare `x=` forms.
    pub fn from_query(query: &str) -> Self {
        Self::from_pairs(
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())),
        )
    }

    /// Parameters from form fields (`x[]`, `x[0]` and `x[key]` names as PHP reads them).
    fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut values = Map::new();
        // Indexed arrays keep their index order; collect them first.
        let mut indexed: Vec<(String, u64, String)> = Vec::new();
        for (raw_key, value) in pairs {
            match raw_key.find('[') {
                Some(open) if raw_key.ends_with(']') => {
                    let name = raw_key[..open].to_string();
                    let inner = &raw_key[open + 1..raw_key.len() - 1];
                    if inner.is_empty() {
                        push_array(&mut values, name, value);
                    } else if let Ok(i) = inner.parse::<u64>() {
                        indexed.push((name, i, value));
                    } else {
                        // `x[key]=v`: an object entry, which no TablesDB parameter uses.
                        let entry = values
                            .entry(name)
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(map) = entry {
                            map.insert(inner.to_string(), Value::String(value));
                        }
                    }
                }
                _ => {
                    values.insert(raw_key, Value::String(value));
                }
            }
        }
        indexed.sort_by_key(|(_, i, _)| *i);
        for (name, _, value) in indexed {
            push_array(&mut values, name, value);
        }
        Self {
            values,
            from_query: true,
            unreadable: false,
        }
    }

    /// Parameters from a request body, read as [`body::kind`] says: a JSON object, form
    /// fields (urlencoded or multipart). A JSON body that is not an object gives no
    /// parameters, as Appwrite's request parser does; a bare JSON string makes the body
    /// unreadable ([`Params::body_is_unreadable`]).
    pub fn from_body(content_type: Option<&str>, body: &[u8]) -> Self {
        match body::kind(content_type) {
            BodyKind::Json => {
                let (values, unreadable) =
                    match serde_json::from_slice::<Value>(&body::php_negative_zero(body)) {
                        Ok(Value::Object(map)) => (map, false),
                        Ok(Value::String(_)) => (Map::new(), true),
                        _ => (Map::new(), false),
                    };
                Self {
                    values,
                    from_query: false,
                    unreadable,
                }
            }
            BodyKind::Form => Self::from_query(&String::from_utf8_lossy(body)),
            BodyKind::Multipart => Self::from_pairs(body::multipart_fields(
                content_type.unwrap_or_default(),
                body,
            )),
            BodyKind::Other => Self::default(),
        }
    }

    /// Whether the body could not be read at all (a bare JSON string): Appwrite fails such
    /// a request with an untyped `500` (tour-content.jsonl 1.8.1 seq 2087).
    pub fn body_is_unreadable(&self) -> bool {
        self.unreadable
    }

    /// Builds parameters from a JSON object (used for nested definitions such as inline columns).
    pub fn from_map(values: Map<String, Value>) -> Self {
        Self {
            values,
            from_query: false,
            unreadable: false,
        }
    }

    /// The raw value of `name`; `null` counts as not given.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name).filter(|v| !v.is_null())
    }

    /// Whether `name` is present at all, even as `null`.
    pub fn has_key(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// The raw value of `name`, or the "not optional" error.
    pub fn required(&self, name: &str) -> ApiResult<&Value> {
        self.get(name).ok_or_else(|| ApiError::param_missing(name))
    }

    /// An optional text parameter of `min..=max` characters.
    pub fn text(&self, name: &str, min: usize, max: usize) -> ApiResult<Option<String>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let description = catalogue::validators::text(min, max);
        let Value::String(s) = value else {
            return Err(ApiError::param_invalid(name, &description));
        };
        let len = s.chars().count();
        if len < min || len > max {
            return Err(ApiError::param_invalid(name, &description));
        }
        Ok(Some(s.clone()))
    }

    /// A required text parameter of `min..=max` characters. Sent as `null`, it fails the
    /// validator rather than counting as missing (Appwrite validates every parameter that
    /// is present; tour-databases.jsonl 1.8.1 seq 72).
    pub fn required_text(&self, name: &str, min: usize, max: usize) -> ApiResult<String> {
        if self.values.get(name).is_some_and(Value::is_null) {
            let mut probe = Map::new();
            probe.insert(name.to_string(), Value::Bool(false));
            return Self::from_map(probe)
                .text(name, min, max)
                .and_then(|_| Err(ApiError::param_missing(name)));
        }
        self.text(name, min, max)?
            .ok_or_else(|| ApiError::param_missing(name))
    }

    /// An optional strict boolean (JSON `true`/`false`; `"true"`/`"false"` from a query string).
    pub fn bool_strict(&self, name: &str) -> ApiResult<Option<bool>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value {
            Value::Bool(b) => Ok(Some(*b)),
            Value::String(s) if self.from_query && s == "true" => Ok(Some(true)),
            Value::String(s) if self.from_query && s == "false" => Ok(Some(false)),
            _ => Err(ApiError::param_invalid(
                name,
                catalogue::validators::boolean(),
            )),
        }
    }

    /// An optional loose boolean: `true`, `false`, `"true"`, `"false"`, `"1"`, `"0"`, `1`, `0`.
    pub fn bool_loose(&self, name: &str) -> ApiResult<Option<bool>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let parsed = match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            Value::Number(n) => match n.as_i64() {
                Some(1) => Some(true),
                Some(0) => Some(false),
                _ => None,
            },
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| ApiError::param_invalid(name, catalogue::validators::boolean()))
    }

    /// An optional 64-bit integer (a JSON integer, or digits from a query string).
    pub fn int(&self, name: &str) -> ApiResult<Option<i64>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let parsed = match value {
            Value::Number(n) => n.as_i64().or_else(|| {
                // Whole floats such as `2.0` (the Rust SDK sends those) count as integers.
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18)
                    .map(|f| f as i64)
            }),
            Value::String(s) if self.from_query => s.parse().ok(),
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| ApiError::param_invalid(name, catalogue::validators::integer()))
    }

    /// An optional integer that may also come as a numeric string in a JSON body (Appwrite's
    /// `Range` validator casts numeric strings, as for a column's `size`).
    pub fn int_loose(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.get(name) {
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| ApiError::param_invalid(name, catalogue::validators::integer())),
            _ => self.int(name),
        }
    }

    /// An optional number (integer or float).
    pub fn number(&self, name: &str) -> ApiResult<Option<f64>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let parsed = match value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if self.from_query => s.parse().ok(),
            _ => None,
        };
        parsed
            .filter(|f| f.is_finite())
            .map(Some)
            .ok_or_else(|| ApiError::param_invalid(name, catalogue::validators::float()))
    }

    /// An optional list of strings, at most `max_items` long, each of `1..=max_len` characters.
    pub fn string_list(
        &self,
        name: &str,
        max_items: usize,
        max_len: usize,
    ) -> ApiResult<Option<Vec<String>>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let description =
            catalogue::validators::array_of(max_items, &catalogue::validators::text(1, max_len));
        // A JSON object (or `x[key]=` form fields) is a PHP array too: its values count, in
        // order (tour-queries.jsonl 1.8.1 seq 1543: `queries[a]=…`).
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(map) => map.values().collect(),
            _ => return Err(ApiError::param_invalid(name, &description)),
        };
        if items.len() > max_items {
            return Err(ApiError::param_invalid(name, &description));
        }
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) if !s.is_empty() && s.chars().count() <= max_len => {
                    out.push(s.clone())
                }
                _ => return Err(ApiError::param_invalid(name, &description)),
            }
        }
        Ok(Some(out))
    }

    /// The `queries` parameter: up to 100 strings of 1–4096 characters each.
    pub fn queries(&self) -> ApiResult<Vec<String>> {
        Ok(self
            .string_list("queries", MAX_QUERIES, MAX_QUERY_LENGTH)?
            .unwrap_or_default())
    }

    /// An optional list of objects (bulk rows: utopia's `ArrayList(JSON)`, hence the JSON
    /// validator's description).
    pub fn object_list(
        &self,
        name: &str,
        max_items: usize,
    ) -> ApiResult<Option<Vec<Map<String, Value>>>> {
        Ok(self
            .object_refs(name, max_items)?
            .map(|list| list.into_iter().cloned().collect()))
    }

    /// [`Params::object_list`], borrowed: the objects as the request sent them.
    pub fn object_refs(
        &self,
        name: &str,
        max_items: usize,
    ) -> ApiResult<Option<Vec<&Map<String, Value>>>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let description = catalogue::validators::array_of(max_items, catalogue::validators::json());
        let Value::Array(items) = value else {
            return Err(ApiError::param_invalid(name, &description));
        };
        if items.len() > max_items {
            return Err(ApiError::param_invalid(name, &description));
        }
        items
            .iter()
            .map(|item| match item {
                Value::Object(map) => Ok(map),
                _ => Err(ApiError::param_invalid(name, &description)),
            })
            .collect::<ApiResult<Vec<_>>>()
            .map(Some)
    }

    /// A required key-value object (utopia's `Assoc` validator: an object, or an empty
    /// list, which PHP cannot tell from an empty object), such as `prefs`.
    pub fn assoc(&self, name: &str) -> ApiResult<Map<String, Value>> {
        match self.required(name)? {
            Value::Object(map) => Ok(map.clone()),
            Value::Array(items) if items.is_empty() => Ok(Map::new()),
            _ => Err(ApiError::param_invalid(
                name,
                catalogue::validators::object(),
            )),
        }
    }

    /// An optional JSON object, also accepted as a JSON-encoded string (the `data` parameter).
    pub fn object(&self, name: &str) -> ApiResult<Option<Map<String, Value>>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value {
            Value::Object(map) => Ok(Some(map.clone())),
            Value::Array(items) if items.is_empty() => Ok(Some(Map::new())),
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(Value::Object(map)) => Ok(Some(map)),
                Ok(Value::Array(items)) if items.is_empty() => Ok(Some(Map::new())),
                _ => Err(ApiError::param_invalid(name, catalogue::validators::json())),
            },
            _ => Err(ApiError::param_invalid(name, catalogue::validators::json())),
        }
    }
}

fn push_array(values: &mut Map<String, Value>, name: String, value: String) {
    let entry = values
        .entry(name)
        .or_insert_with(|| Value::Array(Vec::new()));
    match entry {
        Value::Array(items) => items.push(Value::String(value)),
        other => *other = Value::Array(vec![Value::String(value)]),
    }
}

/// A required ID parameter given as a string (`unique()` allowed).
pub fn custom_id(params: &Params, name: &str) -> ApiResult<String> {
    match params.required(name)? {
        Value::String(s) => resolve_custom_id(name, s),
        _ => Err(ApiError::param_invalid(name, KEY_DESCRIPTION)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_names_not_values() {
        let params = Params::from_body(
            Some("application/json"),
            br#"{"email":"ada@example.com","password":"hunter2-secret"}"#,
        );
        let shown = format!("{params:?}");
        assert!(shown.contains("password"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn query_string_arrays_in_both_encodings() {
        let node = Params::from_query("queries%5B1%5D=b&queries%5B0%5D=a&total=false");
        assert_eq!(node.queries().unwrap(), vec!["a", "b"]);
        assert_eq!(node.bool_loose("total").unwrap(), Some(false));
        let rust = Params::from_query("total=false&queries%5B%5D=a&queries%5B%5D=b");
        assert_eq!(rust.queries().unwrap(), vec!["a", "b"]);
        let plus = Params::from_query("search=dune+desert");
        assert_eq!(
            plus.text("search", 0, 256).unwrap().as_deref(),
            Some("dune desert")
        );
    }

    #[test]
    fn bare_queries_is_not_an_array() {
        let p = Params::from_query("queries=x");
        assert!(p.queries().is_err());
    }

    #[test]
    fn json_only_for_the_json_media_type() {
        let body = br#"{"name":"x"}"#;
        assert!(
            Params::from_body(Some("application/json; charset=utf-8"), body)
                .get("name")
                .is_some()
        );
        assert!(
            Params::from_body(Some("text/plain"), body)
                .get("name")
                .is_none()
        );
        assert!(
            Params::from_body(Some("application/json"), b"{not json")
                .get("name")
                .is_none()
        );
    }

    #[test]
    fn typed_getters_report_appwrite_messages() {
        let p = Params::from_body(
            Some("application/json"),
            br#"{"enabled":"yes","n":2.0,"m":2.5}"#,
        );
        let e = p.bool_strict("enabled").unwrap_err();
        assert_eq!(
            e.message,
            "Invalid `enabled` param: Value must be a valid boolean"
        );
        assert_eq!(p.int("n").unwrap(), Some(2));
        assert!(p.int("m").is_err());
        assert_eq!(
            p.required("nope").unwrap_err().message,
            "Param \"nope\" is not optional."
        );
    }
}
