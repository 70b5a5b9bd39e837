//! PHP's conversions of JSON-decoded values, as Appwrite's messages and checks apply them:
//! string conversion, numeric strings, `gettype`, `empty` and number formatting. Each rule
//! has exactly one copy here.

use serde_json::Value;

/// The whitespace PHP 8's `is_numeric` allows around a numeric string.
const NUMERIC_WHITESPACE: [char; 6] = [' ', '\t', '\n', '\r', '\u{0b}', '\u{0c}'];

/// PHP's `(string)` cast: `null` and `false` are `""`, `true` is `"1"`, numbers are written
/// as PHP writes them ([`float_string`] for floats), arrays and objects are `"Array"`.
pub fn string_cast(value: &Value) -> String {
    match value {
        Value::Null | Value::Bool(false) => String::new(),
        Value::Bool(true) => "1".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => float_string(f),
            _ => n.to_string(),
        },
        Value::Array(_) | Value::Object(_) => "Array".into(),
    }
}

/// Whether `s` is a numeric string for PHP 8's `is_numeric`: optional surrounding
/// whitespace, a sign, digits with an optional fraction, and an optional exponent.
pub fn is_numeric_str(s: &str) -> bool {
    let t = s.trim_matches(NUMERIC_WHITESPACE);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(e) => (&body[..e], Some(&body[e + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(int_part) && digits(frac_part) && !(int_part.is_empty() && frac_part.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// PHP's `is_numeric` then `(float)`: numbers, and numeric strings whose value is finite.
pub fn numeric(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if is_numeric_str(s) => s
            .trim_matches(NUMERIC_WHITESPACE)
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite()),
        _ => None,
    }
}

/// `$s + 0` of a numeric string: `None` if `s` is not numeric, `Some(Some(n))` if the sum is
/// the integer `n`, `Some(None)` if it is a float (a fraction, an exponent, or an integer
/// too large for 64 bits).
pub fn numeric_string_sum(s: &str) -> Option<Option<i64>> {
    if !is_numeric_str(s) {
        return None;
    }
    let t = s.trim_matches(NUMERIC_WHITESPACE);
    if t.contains(['.', 'e', 'E']) {
        return Some(None);
    }
    Some(t.parse::<i64>().ok())
}

/// PHP's `gettype` of a JSON-decoded value, objects decoded as associative arrays (as
/// Appwrite decodes request parameters): `"NULL"`, `"boolean"`, `"integer"`, `"double"`,
/// `"string"` or `"array"`.
pub fn gettype(value: &Value) -> &'static str {
    match value {
        Value::Null => "NULL",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() => "integer",
        Value::Number(_) => "double",
        Value::String(_) => "string",
        Value::Array(_) | Value::Object(_) => "array",
    }
}

/// PHP's `gettype` where a JSON object stands for an object (a nested row, which Appwrite
/// holds as a `Document`): `"object"`; anything else as [`gettype`].
pub fn gettype_keeping_objects(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "object",
        other => gettype(other),
    }
}

/// PHP's `empty()`: `null`, `false`, `0`, `0.0`, `""`, `"0"` and empty arrays.
pub fn empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty() || s == "0",
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// A float as PHP writes it into a string: integral values below 10¹⁵ without a fraction
/// (`200`), exponents from 10¹⁵ up and below 10⁻⁴ (`1.0E+20`, `1.0E-5`), the shortest
/// round-trip digits otherwise (`200.5`).
pub fn float_string(f: f64) -> String {
    let abs = f.abs();
    if f.fract() == 0.0 && abs < 1e15 {
        return format!("{}", f as i64);
    }
    if abs >= 1e15 || (abs != 0.0 && abs < 1e-4) {
        let s = format!("{f:e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') {
            mantissa.to_owned()
        } else {
            format!("{mantissa}.0")
        };
        let exponent = match exponent.strip_prefix('-') {
            Some(e) => format!("-{e}"),
            None => format!("+{exponent}"),
        };
        return format!("{mantissa}E{exponent}");
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn string_cast_follows_php() {
        assert_eq!(string_cast(&json!(null)), "");
        assert_eq!(string_cast(&json!(false)), "");
        assert_eq!(string_cast(&json!(true)), "1");
        assert_eq!(string_cast(&json!("a b")), "a b");
        assert_eq!(string_cast(&json!(-3)), "-3");
        assert_eq!(string_cast(&json!(8.0)), "8");
        assert_eq!(string_cast(&json!(8.5)), "8.5");
        assert_eq!(string_cast(&json!(1e20)), "1.0E+20");
        assert_eq!(string_cast(&json!([1, 2])), "Array");
        assert_eq!(string_cast(&json!({"a": 1})), "Array");
    }

    #[test]
    fn numeric_strings_follow_php_8() {
        for yes in ["1", " 1", "1 ", "+1.5", "-.5", "5.", "1e3", "1E-3", "\t2\n"] {
            assert!(is_numeric_str(yes), "{yes:?}");
        }
        for no in [
            "", " ", ".", "e3", "1e", "1e+", "0x1A", "1_000", "abc", "1.2.3", "--1",
        ] {
            assert!(!is_numeric_str(no), "{no:?}");
        }
        assert_eq!(numeric(&json!(" 2.5 ")), Some(2.5));
        assert_eq!(numeric(&json!(7)), Some(7.0));
        assert_eq!(numeric(&json!("1e999")), None);
        assert_eq!(numeric(&json!(true)), None);
        assert_eq!(numeric_string_sum("12"), Some(Some(12)));
        assert_eq!(numeric_string_sum(" -12 "), Some(Some(-12)));
        assert_eq!(numeric_string_sum("1.0"), Some(None));
        assert_eq!(numeric_string_sum("1e2"), Some(None));
        assert_eq!(numeric_string_sum("99999999999999999999"), Some(None));
        assert_eq!(numeric_string_sum("x"), None);
    }

    #[test]
    fn gettype_names() {
        assert_eq!(gettype(&json!(null)), "NULL");
        assert_eq!(gettype(&json!(true)), "boolean");
        assert_eq!(gettype(&json!(3)), "integer");
        assert_eq!(gettype(&json!(3.5)), "double");
        assert_eq!(gettype(&json!(u64::MAX)), "double");
        assert_eq!(gettype(&json!("s")), "string");
        assert_eq!(gettype(&json!([])), "array");
        assert_eq!(gettype(&json!({})), "array");
        assert_eq!(gettype_keeping_objects(&json!({})), "object");
        assert_eq!(gettype_keeping_objects(&json!([])), "array");
        assert_eq!(gettype_keeping_objects(&json!(1)), "integer");
    }

    #[test]
    fn empty_follows_php() {
        for yes in [
            json!(null),
            json!(false),
            json!(0),
            json!(0.0),
            json!(""),
            json!("0"),
        ] {
            assert!(empty(&yes), "{yes}");
        }
        assert!(empty(&json!([])) && empty(&json!({})));
        for no in [
            json!(true),
            json!(1),
            json!("a"),
            json!("0.0"),
            json!([0]),
            json!({"a": 0}),
        ] {
            assert!(!empty(&no), "{no}");
        }
    }

    #[test]
    fn float_strings_follow_php() {
        assert_eq!(float_string(200.0), "200");
        assert_eq!(float_string(-3.0), "-3");
        assert_eq!(float_string(200.5), "200.5");
        assert_eq!(float_string(1e20), "1.0E+20");
        assert_eq!(float_string(1.5e15), "1.5E+15");
        assert_eq!(float_string(0.00001), "1.0E-5");
        assert_eq!(float_string(0.0001), "0.0001");
        assert_eq!(float_string(0.0), "0");
    }
}
