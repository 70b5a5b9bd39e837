// Over 600 lines: every value rule with its one message, kept together as one set.
//! Appwrite's value rules, checked before anything is sent: sizes in characters, integer
//! and float ranges, email/url/ip/datetime formats, enum membership, spatial shapes.
//!
//! Each check returns a [`Violation`] naming the rule, with the one message the derive
//! (for defaults) and the runtime (for values) both show; the runtime turns it into its
//! validation error naming the table and column too.

use std::fmt;
use std::net::IpAddr;

use serde_json::Value;

use crate::column::{ColumnSchema, ColumnType, Options};
use crate::datetime::{format_millis, parse_millis};
use crate::text::shown;

/// The rule a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A required column has no value.
    Required,
    /// The value has the wrong JSON type for the column.
    Type,
    /// Text longer than the column's size.
    Size,
    /// A number below the column's minimum.
    Min,
    /// A number above the column's maximum.
    Max,
    /// A float that is NaN or infinite.
    Finite,
    /// Not an email address.
    Email,
    /// Not an absolute URL.
    Url,
    /// Not an IPv4 or IPv6 address.
    Ip,
    /// Not a datetime Appwrite accepts.
    Datetime,
    /// Not one of the enum's elements.
    Enum,
    /// An array column got something else than a list.
    Array,
    /// A point, line or polygon of the wrong shape or out of range.
    Geometry,
    /// A relationship's value: an invalid related ID, or a new related row that breaks
    /// its own table's rules.
    Relationship,
}

impl Rule {
    /// The rule's name, as errors print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Size => "size",
            Rule::Min => "min",
            Rule::Max => "max",
            Rule::Finite => "finite",
            Rule::Email => "email",
            Rule::Url => "url",
            Rule::Ip => "ip",
            Rule::Datetime => "datetime",
            Rule::Enum => "enum",
            Rule::Array => "array",
            Rule::Geometry => "geometry",
            Rule::Relationship => "relationship",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value refused by a [`Rule`].
///
/// ```
/// use lazy_appwrite_core::{Rule, rules};
/// let v = rules::check_email("not-an-email").unwrap_err();
/// assert_eq!(v.rule, Rule::Email);
/// assert_eq!(v.to_string(), "rule `email`: `not-an-email` is not an email address");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// The rule.
    pub rule: Rule,
    /// What is wrong with the value.
    pub message: String,
}

impl Violation {
    /// A violation of `rule`.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
        }
    }

    /// The same violation, about element `index` of an array.
    pub fn in_element(mut self, index: usize) -> Self {
        self.message = format!("element {index}: {}", self.message);
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule `{}`: {}", self.rule, self.message)
    }
}

/// Text no longer than `max` characters (counted as Unicode scalar values, like Appwrite).
///
/// ```
/// use lazy_appwrite_core::rules::check_size;
/// assert!(check_size("héllo", 5).is_ok());
/// assert!(check_size("héllo!", 5).is_err());
/// ```
pub fn check_size(text: &str, max: u64) -> Result<(), Violation> {
    // No more bytes than the size: no more characters either, without counting them.
    if text.len() as u64 <= max {
        return Ok(());
    }
    let len = text.chars().count() as u64;
    if len > max {
        return Err(Violation::new(
            Rule::Size,
            format!("{len} characters is longer than the column's size of {max}"),
        ));
    }
    Ok(())
}

/// An email address: `local@domain`, a local part of 1–64 allowed characters without
/// leading, trailing or double dots, a domain of two or more dot-separated labels of
/// letters, digits and hyphens (not at either end), the last of two or more letters.
///
/// ```
/// use lazy_appwrite_core::rules::check_email;
/// assert!(check_email("ada.lovelace+tag@example.co.uk").is_ok());
/// for bad in ["", "ada", "ada@", "@example.com", "ada@localhost", "a..b@x.io", "ada@-x.io", "a b@x.io"] {
///     assert!(check_email(bad).is_err(), "{bad}");
/// }
/// ```
pub fn check_email(text: &str) -> Result<(), Violation> {
    if is_email(text) {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::Email,
            format!("`{}` is not an email address", shown(text)),
        ))
    }
}

fn is_email(text: &str) -> bool {
    // A byte search: `@` is ASCII, so its byte is never inside another character.
    let Some(at) = text.bytes().rposition(|b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.as_bytes().windows(2).any(|w| w == b"..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b));
    local_ok && is_domain(domain, true)
}

fn is_domain(domain: &str, need_dot: bool) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.as_bytes().split(|&b| b == b'.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    // With two labels or more, the last (the top-level domain) is letters only.
    match labels {
        0 | 1 => !need_dot,
        _ => last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic),
    }
}

/// An absolute URL: a scheme (`https`, `ftp`, …), `://`, a host (a domain, `localhost`, an
/// IPv4 address or a bracketed IPv6 address), an optional port, path, query and fragment,
/// in ASCII letters, digits and URL punctuation only (no whitespace, nothing encoded).
///
/// ```
/// use lazy_appwrite_core::rules::check_url;
/// assert!(check_url("https://appwrite.io/docs?x=1#top").is_ok());
/// assert!(check_url("http://localhost:8080").is_ok());
/// assert!(check_url("http://[::1]/x").is_ok());
/// for bad in ["", "appwrite.io", "https://", "https://exa mple.com", "https://x.io:99999", "1http://x.io", "https://x.io/ü"] {
///     assert!(check_url(bad).is_err(), "{bad}");
/// }
/// ```
pub fn check_url(text: &str) -> Result<(), Violation> {
    if is_url(text) {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::Url,
            format!("`{}` is not an absolute URL", shown(text)),
        ))
    }
}

/// The bytes Appwrite's URL rule takes: ASCII letters, digits and URL punctuation.
const URL_CHARS: [bool; 256] = {
    let punctuation = b"$-_.+!*'(),{}|\\^~[]`<>#%\";/?:@&=";
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_url(text: &str) -> bool {
    // Appwrite's URL rule takes only these ASCII characters: no whitespace, no control
    // characters, nothing outside ASCII (an international domain or path must be encoded).
    if !text.bytes().all(|b| URL_CHARS[usize::from(b)]) {
        return false;
    }
    // From here on every byte is ASCII: byte searches find the same places as character
    // searches, and cost less on text this short.
    let bytes = text.as_bytes();
    let Some(colon) = bytes.windows(3).position(|w| w == b"://") else {
        return false;
    };
    let (scheme, rest) = (&bytes[..colon], &text[colon + 3..]);
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        match inner.split_once(']') {
            Some((v6, after)) => {
                if v6.parse::<std::net::Ipv6Addr>().is_err() {
                    return false;
                }
                (v6, after.strip_prefix(':'))
            }
            None => return false,
        }
    } else {
        match host_port.bytes().rposition(|b| b == b':') {
            Some(colon) => (&host_port[..colon], Some(&host_port[colon + 1..])),
            None => (host_port, None),
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok());
    let host_ok = host_port.starts_with('[') || (!host.is_empty() && is_domain(host, false));
    scheme_ok && port_ok && host_ok
}

/// An IPv4 or IPv6 address.
///
/// ```
/// use lazy_appwrite_core::rules::check_ip;
/// assert!(check_ip("192.168.0.1").is_ok());
/// assert!(check_ip("2001:db8::1").is_ok());
/// assert!(check_ip("256.0.0.1").is_err());
/// ```
pub fn check_ip(text: &str) -> Result<(), Violation> {
    if text.parse::<IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::Ip,
            format!("`{}` is not an IPv4 or IPv6 address", shown(text)),
        ))
    }
}

/// A datetime Appwrite accepts: what [`parse_millis`] reads, in years 1000 to 9999.
///
/// ```
/// use lazy_appwrite_core::rules::check_datetime;
/// assert!(check_datetime("2024-05-01T12:00:00.000+00:00").is_ok());
/// assert!(check_datetime("2024-05-01").is_ok());
/// assert!(check_datetime("0999-01-01").is_err());
/// assert!(check_datetime("27:30:10").is_err());
/// ```
pub fn check_datetime(text: &str) -> Result<(), Violation> {
    // 1000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z in Unix milliseconds.
    const FIRST: i64 = -30_610_224_000_000;
    const LAST: i64 = 253_402_300_799_999;
    // Read back from the server's format, as a value sent is: a time that leaves the
    // four-digit years through its offset is not a datetime.
    match parse_millis(text).and_then(|ms| parse_millis(&format_millis(ms))) {
        Some(ms) if (FIRST..=LAST).contains(&ms) => Ok(()),
        Some(_) => Err(Violation::new(
            Rule::Datetime,
            format!("`{}` is outside the years 1000 to 9999", shown(text)),
        )),
        None => Err(Violation::new(
            Rule::Datetime,
            format!(
                "`{}` is not a datetime like `2024-01-31` or `2024-01-31T12:00:00+00:00`",
                shown(text)
            ),
        )),
    }
}

/// One of `elements`, exactly (case-sensitive).
///
/// ```
/// use lazy_appwrite_core::rules::check_enum;
/// assert!(check_enum("yes", &["yes", "no"]).is_ok());
/// assert!(check_enum("Yes", &["yes", "no"]).is_err());
/// ```
pub fn check_enum(text: &str, elements: &[&str]) -> Result<(), Violation> {
    if elements.contains(&text) {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::Enum,
            format!("`{}` is not one of ({})", shown(text), elements.join(", ")),
        ))
    }
}

/// Text for a column of kind `kind`: its size, then its format.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, Rule, rules::check_text};
/// let kind = ColumnType::String { size: 3, encrypt: false };
/// assert_eq!(check_text(&kind, "abcd").unwrap_err().rule, Rule::Size);
/// assert!(check_text(&ColumnType::Ip, "::1").is_ok());
/// ```
pub fn check_text(kind: &ColumnType, text: &str) -> Result<(), Violation> {
    match kind.options() {
        Options::Formatted => match kind.endpoint() {
            "email" => check_email(text),
            "url" => check_url(text),
            "ip" => check_ip(text),
            _ => kind.max_chars().map_or(Ok(()), |max| check_size(text, max)),
        },
        Options::Elements(elements) => check_enum(text, elements),
        Options::Time => check_datetime(text),
        Options::Int { .. } | Options::Float { .. } | Options::Flag => Err(Violation::new(
            Rule::Type,
            format!("text given to a `{}` column", kind.endpoint()),
        )),
        _ => kind.max_chars().map_or(Ok(()), |max| check_size(text, max)),
    }
}

/// The smallest value Appwrite stores in a column of kind `kind` whose largest is `max`:
/// an `integer` column is 4 bytes when its range fits 32 bits, 8 bytes otherwise, other
/// integer kinds always 8 (4-byte columns reject −2³¹, 8-byte columns reject −2⁶³).
fn integer_floor(kind: &ColumnType, max: Option<i64>) -> i64 {
    if kind.endpoint() == "integer" && max.is_some_and(|m| m <= i64::from(i32::MAX)) {
        -i64::from(i32::MAX)
    } else {
        -i64::MAX
    }
}

/// An integer for a column of kind `kind` (integer or float): its range.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, Rule, rules::check_integer};
/// let age = ColumnType::Integer { min: Some(0), max: Some(150) };
/// assert!(check_integer(&age, 42).is_ok());
/// assert_eq!(check_integer(&age, 151).unwrap_err().rule, Rule::Max);
/// assert_eq!(check_integer(&age, -1).unwrap_err().rule, Rule::Min);
/// ```
pub fn check_integer(kind: &ColumnType, value: i64) -> Result<(), Violation> {
    match kind.options() {
        Options::Int { min, max } => {
            let floor = integer_floor(kind, max);
            if let Some(min) = min.filter(|m| value < *m) {
                return Err(Violation::new(
                    Rule::Min,
                    format!("{value} is less than the minimum {min}"),
                ));
            }
            if let Some(max) = max.filter(|m| value > *m) {
                return Err(Violation::new(
                    Rule::Max,
                    format!("{value} is more than the maximum {max}"),
                ));
            }
            if value < floor {
                return Err(Violation::new(
                    Rule::Min,
                    format!("{value} is less than Appwrite's smallest integer {floor}"),
                ));
            }
            Ok(())
        }
        #[allow(clippy::cast_precision_loss)]
        Options::Float { .. } => check_float(kind, value as f64),
        _ => Err(Violation::new(
            Rule::Type,
            format!("a number given to a `{}` column", kind.endpoint()),
        )),
    }
}

/// A float for a float column: finite, then its range.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, Rule, rules::check_float};
/// let score = ColumnType::Float { min: Some(0.0), max: Some(1.0) };
/// assert!(check_float(&score, 0.5).is_ok());
/// assert_eq!(check_float(&score, f64::NAN).unwrap_err().rule, Rule::Finite);
/// assert_eq!(check_float(&score, 1.5).unwrap_err().rule, Rule::Max);
/// ```
pub fn check_float(kind: &ColumnType, value: f64) -> Result<(), Violation> {
    let Options::Float { min, max } = kind.options() else {
        return Err(Violation::new(
            Rule::Type,
            format!("a float given to a `{}` column", kind.endpoint()),
        ));
    };
    if !value.is_finite() {
        return Err(Violation::new(
            Rule::Finite,
            format!("{value} is not a finite number"),
        ));
    }
    if let Some(min) = min.filter(|m| value < *m) {
        return Err(Violation::new(
            Rule::Min,
            format!("{value} is less than the minimum {min}"),
        ));
    }
    if let Some(max) = max.filter(|m| value > *m) {
        return Err(Violation::new(
            Rule::Max,
            format!("{value} is more than the maximum {max}"),
        ));
    }
    Ok(())
}

fn point_of(value: &Value) -> Option<(f64, f64)> {
    match value.as_array().map(Vec::as_slice) {
        Some([lon, lat]) => {
            let (lon, lat) = (lon.as_f64()?, lat.as_f64()?);
            (lon.abs() <= 180.0 && lat.abs() <= 90.0).then_some((lon, lat))
        }
        _ => None,
    }
}

fn points_of(value: &Value) -> Option<Vec<(f64, f64)>> {
    value.as_array()?.iter().map(point_of).collect()
}

/// A polygon as a list of rings. Appwrite also takes a polygon written as its one ring,
/// without the outer list, and reports a column default given that way back as it was
/// given (1.8.1 and 1.9.6): such a value is read as one ring.
///
/// ```
/// use lazy_appwrite_core::rules::polygon_rings;
/// use serde_json::json;
/// let ring = json!([[0, 0], [0, 1], [1, 1], [0, 0]]);
/// assert_eq!(*polygon_rings(&ring), json!([[[0, 0], [0, 1], [1, 1], [0, 0]]]));
/// let rings = json!([[[0, 0], [0, 1], [1, 1], [0, 0]]]);
/// assert_eq!(*polygon_rings(&rings), rings);
/// ```
pub fn polygon_rings(value: &Value) -> std::borrow::Cow<'_, Value> {
    let first_point = value
        .as_array()
        .and_then(|points| points.first())
        .and_then(Value::as_array)
        .and_then(|point| point.first());
    if first_point.is_some_and(Value::is_number) {
        std::borrow::Cow::Owned(Value::Array(vec![value.clone()]))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// A spatial value as JSON: a point `[lon, lat]`, a line of two or more points, a polygon
/// of closed rings of four or more points.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, rules::check_geometry};
/// use serde_json::json;
/// assert!(check_geometry(&ColumnType::Point, &json!([2.35, 48.85])).is_ok());
/// assert!(check_geometry(&ColumnType::Point, &json!([200, 0])).is_err());
/// assert!(check_geometry(&ColumnType::Line, &json!([[0, 0]])).is_err());
/// assert!(check_geometry(&ColumnType::Polygon, &json!([[[0,0],[1,0],[1,1],[0,0]]])).is_ok());
/// ```
pub fn check_geometry(kind: &ColumnType, value: &Value) -> Result<(), Violation> {
    let ok = match (kind.options(), kind.endpoint()) {
        (Options::Spatial, "point") => point_of(value).is_some(),
        (Options::Spatial, "line") => points_of(value).is_some_and(|p| p.len() >= 2),
        (Options::Spatial, "polygon") => value.as_array().is_some_and(|rings| {
            !rings.is_empty()
                && rings.iter().all(|ring| {
                    points_of(ring).is_some_and(|p| p.len() >= 4 && p.first() == p.last())
                })
        }),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::Geometry,
            format!(
                "{} is not a valid {} (longitude −180…180, latitude −90…90)",
                shown(&value.to_string()),
                kind.endpoint()
            ),
        ))
    }
}

/// One JSON value (an element, for arrays) for a column of kind `kind`.
///
/// ```
/// use lazy_appwrite_core::{ColumnType, Rule, rules::check_json_value};
/// use serde_json::json;
/// assert!(check_json_value(&ColumnType::Boolean, &json!(true)).is_ok());
/// assert_eq!(check_json_value(&ColumnType::Boolean, &json!("true")).unwrap_err().rule, Rule::Type);
/// assert_eq!(check_json_value(&ColumnType::Integer { min: None, max: None }, &json!(5.5)).unwrap_err().rule, Rule::Type);
/// ```
pub fn check_json_value(kind: &ColumnType, value: &Value) -> Result<(), Violation> {
    let wrong = |what: &str| {
        Err(Violation::new(
            Rule::Type,
            format!("a `{}` column cannot hold {what}", kind.endpoint()),
        ))
    };
    match (kind.options(), value) {
        (Options::Link(_), _) => Ok(()),
        (Options::Spatial, v) => check_geometry(kind, v),
        (_, Value::Null) => Ok(()),
        (Options::Int { .. }, Value::Number(n)) => match n.as_i64() {
            Some(i) => check_integer(kind, i),
            None if n.is_u64() => Err(Violation::new(
                Rule::Max,
                format!("{n} is more than the largest integer"),
            )),
            None => wrong("a fraction"),
        },
        (Options::Float { .. }, Value::Number(n)) => {
            check_float(kind, n.as_f64().unwrap_or(f64::NAN))
        }
        (Options::Flag, Value::Bool(_)) => Ok(()),
        (Options::Int { .. } | Options::Float { .. } | Options::Flag, _) => wrong(json_type(value)),
        (_, Value::String(s)) => check_text(kind, s),
        _ => wrong(json_type(value)),
    }
}

/// The JSON type of a value, in words.
///
/// ```
/// assert_eq!(lazy_appwrite_core::rules::json_type(&serde_json::json!([1])), "a list");
/// ```
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fraction",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A whole JSON value for `column`: `null` only if the column is optional, a list for
/// arrays (each element checked), one value otherwise.
///
/// ```
/// use lazy_appwrite_core::{ColumnSchema, ColumnType, Rule, rules::check_json};
/// use serde_json::json;
/// let tags = ColumnSchema::new("tags", ColumnType::String { size: 3, encrypt: false }).array(true);
/// assert!(check_json(&tags, &json!(["a", "b"])).is_ok());
/// assert_eq!(check_json(&tags, &json!(["a", "long"])).unwrap_err().message,
///     "element 1: 4 characters is longer than the column's size of 3");
/// assert_eq!(check_json(&tags, &json!("a")).unwrap_err().rule, Rule::Array);
/// ```
pub fn check_json(column: &ColumnSchema, value: &Value) -> Result<(), Violation> {
    if value.is_null() {
        return check_present(column, false);
    }
    if column.array && !column.is_relationship() {
        let Value::Array(items) = value else {
            return Err(Violation::new(
                Rule::Array,
                format!("an array column cannot hold {}", json_type(value)),
            ));
        };
        for (i, item) in items.iter().enumerate() {
            if item.is_array() {
                return Err(
                    Violation::new(Rule::Type, "a list inside an array column").in_element(i)
                );
            }
            check_json_value(&column.kind, item).map_err(|v| v.in_element(i))?;
        }
        return Ok(());
    }
    check_json_value(&column.kind, value)
}

/// `present`: whether a value is there; a required column refuses a missing one.
///
/// ```
/// use lazy_appwrite_core::{ColumnSchema, ColumnType, rules::check_present};
/// let name = ColumnSchema::new("name", ColumnType::Boolean).required(true);
/// assert!(check_present(&name, false).is_err());
/// ```
pub fn check_present(column: &ColumnSchema, present: bool) -> Result<(), Violation> {
    if column.required && !present {
        Err(Violation::new(
            Rule::Required,
            "a required column has no value",
        ))
    } else {
        Ok(())
    }
}
