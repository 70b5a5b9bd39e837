//! Parsing one query string (`{"method":…,"attribute":…,"values":[…]}`) the way
//! utopia-php/database 5.2 (`Query::parse` / `Query::parseQuery`) does, with its messages.

use serde_json::Value;

use crate::error::catalogue::queries;
use crate::php;
use crate::profile::AppwriteVersion;

/// How deeply `and`/`or`/`elemMatch` queries may nest. JSON input cannot get near this
/// (the JSON parser stops at 128 levels, two per query level); it guards recursion anyway.
pub const MAX_NESTING: usize = 100;

macro_rules! methods {
    ($($variant:ident => $name:literal,)*) => {
        /// Every query method the Appwrite 1.8 server (utopia-php/database 5.2.0) parses.
        ///
        /// `regex`, `containsAny` and `containsAll` are not among them: they fail to parse
        /// with `Invalid query method: …`. The vector methods, `exists`, `notExists` and
        /// `elemMatch` parse but never pass validation (see `plan`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Method { $($variant,)* }

        impl Method {
            /// The method with wire name `name` (case-sensitive), if the server knows it.
            pub fn parse(name: &str) -> Option<Method> {
                match name {
                    $($name => Some(Method::$variant),)*
                    _ => None,
                }
            }

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self { $(Method::$variant => $name,)* }
            }
        }
    };
}

methods! {
    Equal => "equal",
    NotEqual => "notEqual",
    LessThan => "lessThan",
    LessThanEqual => "lessThanEqual",
    GreaterThan => "greaterThan",
    GreaterThanEqual => "greaterThanEqual",
    Contains => "contains",
    NotContains => "notContains",
    ContainsAny => "containsAny",
    ContainsAll => "containsAll",
    Search => "search",
    NotSearch => "notSearch",
    IsNull => "isNull",
    IsNotNull => "isNotNull",
    Between => "between",
    NotBetween => "notBetween",
    StartsWith => "startsWith",
    NotStartsWith => "notStartsWith",
    EndsWith => "endsWith",
    NotEndsWith => "notEndsWith",
    Crosses => "crosses",
    NotCrosses => "notCrosses",
    DistanceEqual => "distanceEqual",
    DistanceNotEqual => "distanceNotEqual",
    DistanceGreaterThan => "distanceGreaterThan",
    DistanceLessThan => "distanceLessThan",
    Intersects => "intersects",
    NotIntersects => "notIntersects",
    Overlaps => "overlaps",
    NotOverlaps => "notOverlaps",
    Touches => "touches",
    NotTouches => "notTouches",
    VectorDot => "vectorDot",
    VectorCosine => "vectorCosine",
    VectorEuclidean => "vectorEuclidean",
    Exists => "exists",
    NotExists => "notExists",
    Select => "select",
    OrderAsc => "orderAsc",
    OrderDesc => "orderDesc",
    OrderRandom => "orderRandom",
    Limit => "limit",
    Offset => "offset",
    CursorAfter => "cursorAfter",
    CursorBefore => "cursorBefore",
    And => "and",
    Or => "or",
    ElemMatch => "elemMatch",
}

/// Which validator of utopia's `Queries` handles a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodType {
    /// `select`.
    Select,
    /// `limit`.
    Limit,
    /// `offset`.
    Offset,
    /// `cursorAfter`, `cursorBefore`.
    Cursor,
    /// `orderAsc`, `orderDesc`, `orderRandom`.
    Order,
    /// Everything else: comparisons, logical, spatial, vector, exists.
    Filter,
}

impl Method {
    /// The validator family of this method.
    pub fn method_type(self) -> MethodType {
        match self {
            Method::Select => MethodType::Select,
            Method::Limit => MethodType::Limit,
            Method::Offset => MethodType::Offset,
            Method::CursorAfter | Method::CursorBefore => MethodType::Cursor,
            Method::OrderAsc | Method::OrderDesc | Method::OrderRandom => MethodType::Order,
            _ => MethodType::Filter,
        }
    }

    /// True for `and`, `or` and `elemMatch`, whose values are nested queries.
    pub fn is_logical(self) -> bool {
        matches!(self, Method::And | Method::Or | Method::ElemMatch)
    }

    /// True for the spatial-only predicates (`crosses`, `distanceEqual`, …).
    pub fn is_spatial(self) -> bool {
        matches!(
            self,
            Method::Crosses
                | Method::NotCrosses
                | Method::DistanceEqual
                | Method::DistanceNotEqual
                | Method::DistanceGreaterThan
                | Method::DistanceLessThan
                | Method::Intersects
                | Method::NotIntersects
                | Method::Overlaps
                | Method::NotOverlaps
                | Method::Touches
                | Method::NotTouches
        )
    }

    /// True for the vector similarity methods.
    pub fn is_vector(self) -> bool {
        matches!(
            self,
            Method::VectorDot | Method::VectorCosine | Method::VectorEuclidean
        )
    }

    /// The name with its first letter upper-cased, as PHP's `ucfirst` writes it in messages
    /// (`Equal queries require at least one value.`).
    pub fn ucfirst(self) -> String {
        let name = self.as_str();
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
            None => String::new(),
        }
    }
}

/// One parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The method.
    pub method: Method,
    /// The attribute (`""` when absent; `$sequence` for an `orderAsc`/`orderDesc` without one).
    pub attribute: String,
    /// The operands (empty for logical methods, whose operands are in `nested`).
    pub values: Vec<Value>,
    /// The nested queries of `and`, `or` and `elemMatch`.
    pub nested: Vec<Query>,
}

/// Parses one query string. Errors are Appwrite's messages, e.g. `Invalid query: Syntax error`,
/// `Invalid query. Must be an array, got string`, `Invalid query method: foo`.
/// Checking the string's length (1–4096) is the caller's job.
#[cfg(test)]
pub fn parse_query(raw: &str) -> Result<Query, String> {
    parse_query_in(raw, AppwriteVersion::default()).map_err(|e| e.message)
}

/// Why a query string failed to parse.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// Appwrite's message.
    pub message: String,
    /// A nested query that is not a query object (`and(["text"])`): Appwrite's parser
    /// takes it as an array only, and fails with a bare `500` (reproduced bug, both
    /// releases; tour-queries.jsonl 1.8.1 seq 1497).
    pub uncaught: bool,
}

impl From<String> for ParseError {
    fn from(message: String) -> Self {
        Self {
            message,
            uncaught: false,
        }
    }
}

/// [`parse_query`] by the parser of release `profile`, which may not know every method
/// (`exists`, `notExists` and `elemMatch` arrived in 1.9).
pub fn parse_query_in(raw: &str, profile: AppwriteVersion) -> Result<Query, ParseError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| json_error(&e))?;
    match value {
        Value::Object(_) | Value::Array(_) => parse_value(&value, 0, profile),
        other => Err(queries::not_an_array(php::gettype(&other)).into()),
    }
}

/// PHP `json_decode` error text for a serde_json error.
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let reason = if text.starts_with("recursion limit exceeded") {
        queries::stack_depth()
    } else if text.starts_with("control character") {
        queries::control_character()
    } else if text.contains("surrogate") {
        queries::unpaired_surrogate()
    } else {
        queries::syntax_error()
    };
    queries::invalid_query(reason)
}

/// `Query::parseQuery` on a decoded PHP array (a JSON object, or a JSON list, which has no
/// `method` key and so fails as `Invalid query method: `).
fn parse_value(value: &Value, depth: usize, profile: AppwriteVersion) -> Result<Query, ParseError> {
    if depth > MAX_NESTING {
        return Err(queries::invalid_query(queries::stack_depth()).into());
    }
    let Value::Object(map) = value else {
        if let Value::Array(_) = value {
            return Err(queries::unknown_method("").into());
        }
        // A nested value that is not a query object: PHP raises a TypeError here.
        return Err(ParseError {
            message: queries::not_an_array(php::gettype(value)),
            uncaught: true,
        });
    };

    let method_name = match map.get("method") {
        None | Some(Value::Null) => "",
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(queries::method_not_string(php::gettype(other)).into());
        }
    };
    let known = Method::parse(method_name).filter(|m| {
        profile.has_exists_and_elem_match()
            || !matches!(m, Method::Exists | Method::NotExists | Method::ElemMatch)
    });
    let Some(method) = known else {
        return Err(queries::unknown_method(method_name).into());
    };

    let mut attribute = match map.get("attribute") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(queries::attribute_not_string(php::gettype(other)).into());
        }
    };

    let values: Vec<Value> = match map.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.clone(),
        // A JSON object decodes to a PHP (associative) array too.
        Some(Value::Object(obj)) => obj.values().cloned().collect(),
        Some(other) => {
            return Err(queries::values_not_array(php::gettype(other)).into());
        }
    };

    if attribute.is_empty() && matches!(method, Method::OrderAsc | Method::OrderDesc) {
        attribute = "$sequence".into();
    }

    if method.is_logical() {
        let nested = values
            .iter()
            .map(|v| parse_value(v, depth + 1, profile))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Query {
            method,
            attribute,
            values: Vec::new(),
            nested,
        });
    }

    Ok(Query {
        method,
        attribute,
        values,
        nested: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ALL: &[&str] = &[
        "equal",
        "notEqual",
        "lessThan",
        "lessThanEqual",
        "greaterThan",
        "greaterThanEqual",
        "contains",
        "notContains",
        "search",
        "notSearch",
        "isNull",
        "isNotNull",
        "between",
        "notBetween",
        "startsWith",
        "notStartsWith",
        "endsWith",
        "notEndsWith",
        "crosses",
        "notCrosses",
        "distanceEqual",
        "distanceNotEqual",
        "distanceGreaterThan",
        "distanceLessThan",
        "intersects",
        "notIntersects",
        "overlaps",
        "notOverlaps",
        "touches",
        "notTouches",
        "vectorDot",
        "vectorCosine",
        "vectorEuclidean",
        "exists",
        "notExists",
        "select",
        "orderAsc",
        "orderDesc",
        "orderRandom",
        "limit",
        "offset",
        "cursorAfter",
        "cursorBefore",
        "and",
        "or",
        "elemMatch",
    ];

    #[test]
    fn every_method_round_trips() {
        for name in ALL {
            let m = Method::parse(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(m.as_str(), *name);
            let raw = if m.is_logical() {
                format!(
                    r#"{{"method":"{name}","values":[{{"method":"equal","attribute":"a","values":[1]}}]}}"#
                )
            } else {
                format!(r#"{{"method":"{name}","attribute":"a","values":[1]}}"#)
            };
            let q = parse_query(&raw).unwrap();
            assert_eq!(q.method, m);
        }
    }

    #[test]
    fn parses_fields_and_defaults() {
        let q =
            parse_query(r#"{"method":"equal","attribute":"genre","values":["a","b"]}"#).unwrap();
        assert_eq!(q.method, Method::Equal);
        assert_eq!(q.attribute, "genre");
        assert_eq!(q.values, vec![json!("a"), json!("b")]);
        assert!(q.nested.is_empty());

        let q = parse_query(r#"{"method":"isNull","attribute":"x"}"#).unwrap();
        assert!(q.values.is_empty());
        let q = parse_query(r#"{"method":"limit","values":[5],"extra":true}"#).unwrap();
        assert_eq!(q.attribute, "");
        let q = parse_query(r#"{"method":"orderAsc"}"#).unwrap();
        assert_eq!(q.attribute, "$sequence");
        let q = parse_query(r#"{"method":"orderDesc","attribute":""}"#).unwrap();
        assert_eq!(q.attribute, "$sequence");
        let q = parse_query(r#"{"method":"equal","attribute":null,"values":null}"#).unwrap();
        assert_eq!(q.attribute, "");
        assert!(q.values.is_empty());
    }

    #[test]
    fn parses_nested_objects() {
        let raw = r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"and","values":[{"method":"greaterThan","attribute":"price","values":[5]},{"method":"lessThan","attribute":"price","values":[10]}]}]}"#;
        let q = parse_query(raw).unwrap();
        assert_eq!(q.method, Method::Or);
        assert!(q.values.is_empty());
        assert_eq!(q.nested.len(), 2);
        assert_eq!(q.nested[1].method, Method::And);
        assert_eq!(q.nested[1].nested[1].method, Method::LessThan);
        // Sorted keys, as the Rust SDK re-serialises them.
        let q = parse_query(
            r#"{"method":"and","values":[{"attribute":"a","method":"equal","values":[1]}]}"#,
        )
        .unwrap();
        assert_eq!(q.nested[0].attribute, "a");
    }

    #[test]
    fn error_messages() {
        let err = |raw: &str| parse_query(raw).unwrap_err();
        assert_eq!(
            err(r#"{"method":"contains","attribute":"title","values":[bad]}"#),
            "Invalid query: Syntax error"
        );
        assert_eq!(err(""), "Invalid query: Syntax error");
        assert_eq!(err("{"), "Invalid query: Syntax error");
        assert_eq!(
            err("\"equal\""),
            "Invalid query. Must be an array, got string"
        );
        assert_eq!(err("5"), "Invalid query. Must be an array, got integer");
        assert_eq!(err("5.5"), "Invalid query. Must be an array, got double");
        assert_eq!(err("null"), "Invalid query. Must be an array, got NULL");
        assert_eq!(err("true"), "Invalid query. Must be an array, got boolean");
        assert_eq!(err("[1,2]"), "Invalid query method: ");
        assert_eq!(err("{}"), "Invalid query method: ");
        assert_eq!(err(r#"{"method":"foo"}"#), "Invalid query method: foo");
        assert_eq!(err(r#"{"method":"Equal"}"#), "Invalid query method: Equal");
        assert_eq!(
            err(r#"{"method":5}"#),
            "Invalid query method. Must be a string, got integer"
        );
        assert_eq!(
            err(r#"{"method":["equal"]}"#),
            "Invalid query method. Must be a string, got array"
        );
        assert_eq!(
            err(r#"{"method":"equal","attribute":1}"#),
            "Invalid query attribute. Must be a string, got integer"
        );
        assert_eq!(
            err(r#"{"method":"equal","attribute":"a","values":"x"}"#),
            "Invalid query values. Must be an array, got string"
        );
        assert_eq!(
            err(r#"{"method":"or","values":[{"method":"nope"}]}"#),
            "Invalid query method: nope"
        );
        assert_eq!(
            err(r#"{"method":"or","values":["x"]}"#),
            "Invalid query. Must be an array, got string"
        );
        assert_eq!(
            err("{\"method\":\"equal\",\"attribute\":\"a\u{1}\"}"),
            "Invalid query: Control character error, possibly incorrectly encoded"
        );
    }

    #[test]
    fn not_1_8_methods() {
        // `containsAny`/`containsAll` parse (1.9); routes refuse them on 1.8.1 profiles.
        for name in ["regex", "notRegex"] {
            assert_eq!(
                parse_query(&format!(
                    r#"{{"method":"{name}","attribute":"a","values":["x"]}}"#
                ))
                .unwrap_err(),
                format!("Invalid query method: {name}")
            );
        }
        // These parse in 5.2.0 and fail later, in validation.
        for name in ["exists", "notExists", "vectorDot", "elemMatch"] {
            assert!(parse_query(&format!(r#"{{"method":"{name}","values":[]}}"#)).is_ok());
        }
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let mut raw = String::from(r#"{"method":"equal","attribute":"a","values":[1]}"#);
        for _ in 0..2000 {
            raw = format!(r#"{{"method":"and","values":[{raw}]}}"#);
        }
        assert_eq!(
            parse_query(&raw).unwrap_err(),
            "Invalid query: Maximum stack depth exceeded"
        );
        let deep = "[".repeat(100_000);
        assert!(parse_query(&deep).is_err());
    }

    #[test]
    fn ucfirst() {
        assert_eq!(Method::NotEqual.ucfirst(), "NotEqual");
        assert_eq!(Method::Or.ucfirst(), "Or");
    }
}
