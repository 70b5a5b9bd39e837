//! Tests of `value`.

use super::*;
use crate::error::ErrorType;
use rusqlite::types::{Value as SqlValue, ValueRef};

use crate::store::codec::{decode, encode, encode_query_value, sql_type};

fn col(key: &str, kind: ColumnKind) -> ColumnSpec {
    ColumnSpec::new(key, kind)
}

fn sized(key: &str, kind: ColumnKind, size: i64) -> ColumnSpec {
    let mut spec = col(key, kind);
    spec.size = Some(size);
    spec
}

fn int_col(key: &str, min: i64, max: i64) -> ColumnSpec {
    let mut spec = col(key, ColumnKind::Integer);
    spec.range = Range::Int { min, max };
    spec
}

fn float_col(key: &str, min: f64, max: f64) -> ColumnSpec {
    let mut spec = col(key, ColumnKind::Float);
    spec.range = Range::Float { min, max };
    spec
}

fn array(mut spec: ColumnSpec) -> ColumnSpec {
    spec.array = true;
    spec
}

fn enum_col(key: &str, elements: &[&str]) -> ColumnSpec {
    let mut spec = col(key, ColumnKind::Enum);
    spec.elements = elements.iter().map(|e| (*e).to_owned()).collect();
    spec
}

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}

fn err(spec: &ColumnSpec, value: Value) -> String {
    encode(spec, &value).unwrap_err()
}

// --- strings ---------------------------------------------------------------------------

#[test]
fn strings_accept_and_store_text() {
    let spec = sized("title", ColumnKind::String, 5);
    assert_eq!(encode(&spec, &json!("hello")).unwrap(), text("hello"));
    assert_eq!(encode(&spec, &json!("")).unwrap(), text(""));
    assert_eq!(encode(&spec, &Value::Null).unwrap(), SqlValue::Null);
}

#[test]
fn string_length_counts_characters() {
    let spec = sized("title", ColumnKind::String, 5);
    assert!(encode(&spec, &json!("héllö")).is_ok());
    assert!(encode(&spec, &json!("日本語テキ")).is_ok());
    assert!(encode(&spec, &json!("👍👍👍👍👍")).is_ok());
    assert!(encode(&spec, &json!("👍👍👍👍👍👍")).is_err());
    assert!(encode(&spec, &json!("abcdef")).is_err());
}

#[test]
fn string_messages() {
    let spec = sized("title", ColumnKind::String, 255);
    let expected = "Attribute \"title\" has invalid type. Value must be a valid string and no longer than 255 chars";
    assert_eq!(err(&spec, json!("x".repeat(256))), expected);
    assert_eq!(err(&spec, json!(5)), expected);
    assert_eq!(err(&spec, json!(true)), expected);
    assert_eq!(err(&spec, json!(["a"])), expected);
    assert_eq!(err(&spec, json!({"a": 1})), expected);
    for kind in [
        ColumnKind::Varchar,
        ColumnKind::Text,
        ColumnKind::Mediumtext,
        ColumnKind::Longtext,
    ] {
        let spec = col("body", kind);
        let size = kind.fixed_size().unwrap_or(100);
        let spec = if kind == ColumnKind::Varchar {
            sized("body", kind, 100)
        } else {
            spec
        };
        assert_eq!(
            err(&spec, json!(1)),
            format!(
                "Attribute \"body\" has invalid type. Value must be a valid string and no longer than {size} chars"
            )
        );
        assert!(encode(&spec, &json!("ok")).is_ok());
    }
}

// --- string formats --------------------------------------------------------------------

#[test]
fn email_column() {
    let spec = col("email", ColumnKind::Email);
    assert_eq!(encode(&spec, &json!("a@b.co")).unwrap(), text("a@b.co"));
    assert_eq!(
        err(&spec, json!("nope")),
        "Attribute \"email\" has invalid format. Value must be a valid email address"
    );
    assert_eq!(
        err(&spec, json!(5)),
        "Attribute \"email\" has invalid format. Value must be a valid string and no longer than 254 chars"
    );
}

#[test]
fn ip_and_url_columns() {
    let ip = col("ip", ColumnKind::Ip);
    assert!(encode(&ip, &json!("10.0.0.1")).is_ok());
    assert!(encode(&ip, &json!("2001:db8::1")).is_ok());
    assert_eq!(
        err(&ip, json!("10.0.0.256")),
        "Attribute \"ip\" has invalid format. Value must be a valid IP address"
    );
    let url = col("url", ColumnKind::Url);
    assert!(encode(&url, &json!("https://appwrite.io/docs")).is_ok());
    assert_eq!(
        err(&url, json!("appwrite.io")),
        "Attribute \"url\" has invalid format. Value must be a valid URL"
    );
}

#[test]
fn enum_column() {
    let spec = enum_col("status", &["draft", "published"]);
    assert_eq!(encode(&spec, &json!("draft")).unwrap(), text("draft"));
    assert_eq!(
        err(&spec, json!("Draft")),
        "Attribute \"status\" has invalid format. Value must be one of (draft, published)"
    );
    assert_eq!(
        err(&spec, json!("archived")),
        "Attribute \"status\" has invalid format. Value must be one of (draft, published)"
    );
}

// --- integers --------------------------------------------------------------------------

#[test]
fn integers_accept() {
    let spec = int_col("age", 0, 120);
    assert_eq!(encode(&spec, &json!(0)).unwrap(), SqlValue::Integer(0));
    assert_eq!(encode(&spec, &json!(120)).unwrap(), SqlValue::Integer(120));
    let big = col("n", ColumnKind::Integer);
    assert_eq!(
        encode(&big, &json!(i64::MAX)).unwrap(),
        SqlValue::Integer(i64::MAX)
    );
    assert_eq!(
        encode(&big, &json!(i64::MIN + 1)).unwrap(),
        SqlValue::Integer(i64::MIN + 1)
    );
}

#[test]
fn integer_range_message() {
    let spec = int_col("age", 0, 120);
    let expected =
        "Attribute \"age\" has invalid format. Value must be a valid range between 0 and 120";
    assert_eq!(err(&spec, json!(121)), expected);
    assert_eq!(err(&spec, json!(-1)), expected);
    let spec = int_col("n", -5000, 1_000_000);
    assert_eq!(
        err(&spec, json!(1_000_001)),
        "Attribute \"n\" has invalid format. Value must be a valid range between -5,000 and 1,000,000"
    );
    let spec = int_col("upperBound", i64::MIN, 10);
    assert_eq!(
        err(&spec, json!(11)),
        "Attribute \"upperBound\" has invalid format. Value must be a valid range between -9,223,372,036,854,775,808 and 10"
    );
    let spec = int_col("lowerBound", 5, i64::MAX);
    assert_eq!(
        err(&spec, json!(4)),
        "Attribute \"lowerBound\" has invalid format. Value must be a valid range between 5 and 9,223,372,036,854,775,808"
    );
}

#[test]
fn integer_type_messages() {
    let big = col("n", ColumnKind::Integer);
    let expected64 = "Attribute \"n\" has invalid format. Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808";
    for bad in [
        json!(5.0),
        json!(5.5),
        json!("5"),
        json!(true),
        json!([1]),
        json!(u64::MAX),
        json!(1e300),
    ] {
        assert_eq!(err(&big, bad.clone()), expected64, "{bad}");
    }
    // i64::MIN is outside ±PHP_INT_MAX, whose bounds PHP prints as floats (rows.jsonl
    // 1.9.6 seq 956).
    assert_eq!(
        err(&big, json!(i64::MIN)),
        "Attribute \"n\" has invalid format. Value must be a valid range between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808"
    );
    // Columns whose max fits in 32 bits are 4-byte columns.
    let small = int_col("age", i64::MIN, 100);
    assert_eq!(
        err(&small, json!(3_000_000_000_i64)),
        "Attribute \"age\" has invalid format. Value must be a valid signed 32-bit integer between -2,147,483,648 and 2,147,483,647"
    );
    assert_eq!(
        err(&small, json!(-2_147_483_648_i64)),
        "Attribute \"age\" has invalid format. Value must be a valid range between -2,147,483,647 and 2,147,483,647"
    );
    assert!(encode(&small, &json!(-2_147_483_647_i64)).is_ok());
}

// --- floats ----------------------------------------------------------------------------

#[test]
fn floats() {
    let spec = col("price", ColumnKind::Float);
    assert_eq!(encode(&spec, &json!(1.5)).unwrap(), SqlValue::Real(1.5));
    assert_eq!(encode(&spec, &json!(2)).unwrap(), SqlValue::Real(2.0));
    assert_eq!(
        encode(&spec, &json!(f64::MAX)).unwrap(),
        SqlValue::Real(f64::MAX)
    );
    assert_eq!(
        err(&spec, json!("1.5")),
        "Attribute \"price\" has invalid format. Value must be a valid float"
    );
    assert_eq!(
        err(&spec, json!(false)),
        "Attribute \"price\" has invalid format. Value must be a valid float"
    );
}

#[test]
fn float_range_messages() {
    let spec = float_col("probability", 0.0, 1.0);
    assert!(encode(&spec, &json!(0.99999)).is_ok());
    assert_eq!(
        err(&spec, json!(1.5)),
        "Attribute \"probability\" has invalid format. Value must be a valid range between 0 and 1"
    );
    let spec = float_col("floatRange", 1.1, 1.4);
    assert_eq!(
        err(&spec, json!(2.5)),
        "Attribute \"floatRange\" has invalid format. Value must be a valid range between 1 and 1"
    );
    let spec = float_col("r", -0.4, 2.5);
    assert_eq!(
        err(&spec, json!(3)),
        "Attribute \"r\" has invalid format. Value must be a valid range between 0 and 3"
    );
    let spec = float_col("r", 1500.5, 2_000_000.0);
    assert_eq!(
        err(&spec, json!(1)),
        "Attribute \"r\" has invalid format. Value must be a valid range between 1,501 and 2,000,000"
    );
}

#[test]
fn php_number_format() {
    assert_eq!(format_float(0.0), "0");
    assert_eq!(format_float(999.0), "999");
    assert_eq!(format_float(1000.0), "1,000");
    assert_eq!(format_float(-1_234_567.0), "-1,234,567");
    assert_eq!(format_float(i64::MAX as f64), "9,223,372,036,854,775,808");
    assert_eq!(format_float(0.5), "1");
    assert_eq!(format_float(-0.5), "-1");
    assert_eq!(format_float(-0.4), "0");
    assert_eq!(format_float(1234.49), "1,234");
    assert_eq!(format_float(1e20), "100,000,000,000,000,000,000");
    let max = format_float(f64::MAX);
    assert!(
        max.starts_with("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567"),
        "{max}"
    );
    assert!(max.ends_with(",858,368"), "{max}");
    assert_eq!(max.len(), 309 + 102);
    assert_eq!(format_float(-f64::MAX), format!("-{max}"));
}

// --- booleans and datetimes ------------------------------------------------------------

#[test]
fn booleans() {
    let spec = col("done", ColumnKind::Boolean);
    assert_eq!(encode(&spec, &json!(true)).unwrap(), SqlValue::Integer(1));
    assert_eq!(encode(&spec, &json!(false)).unwrap(), SqlValue::Integer(0));
    for bad in [json!(1), json!(0), json!("true"), json!("1"), json!([])] {
        assert_eq!(
            err(&spec, bad),
            "Attribute \"done\" has invalid type. Value must be a valid boolean"
        );
    }
}

#[test]
fn datetimes() {
    let spec = col("when", ColumnKind::Datetime);
    assert_eq!(
        encode(&spec, &json!("1975-06-12 14:12:55+02:00")).unwrap(),
        text("1975-06-12T12:12:55.000+00:00")
    );
    assert_eq!(
        encode(&spec, &json!("2020-01-15 10:00:00 America/New_York")).unwrap(),
        text("2020-01-15T15:00:00.000+00:00")
    );
    let expected = "Attribute \"when\" has invalid type. Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59.";
    for bad in [
        json!("2020-01-01 27:30:10"),
        json!("0999-01-01"),
        json!(""),
        json!(5),
        json!("yesterday"),
    ] {
        assert_eq!(err(&spec, bad), expected);
    }
}

// --- arrays ----------------------------------------------------------------------------

#[test]
fn arrays_store_json() {
    let spec = array(sized("tags", ColumnKind::String, 5));
    assert_eq!(
        encode(&spec, &json!(["a", "b"])).unwrap(),
        text(r#"["a","b"]"#)
    );
    assert_eq!(encode(&spec, &json!([])).unwrap(), text("[]"));
    assert_eq!(encode(&spec, &json!({})).unwrap(), text("[]"));
    assert_eq!(
        encode(&spec, &json!({"0": "a", "1": "b"})).unwrap(),
        text(r#"["a","b"]"#)
    );
    assert_eq!(
        err(&spec, json!({"1": "a"})),
        "Attribute \"tags\" must be an array"
    );
    assert_eq!(
        encode(&spec, &json!(["a", null])).unwrap(),
        text(r#"["a",null]"#)
    );
    assert_eq!(encode(&spec, &Value::Null).unwrap(), SqlValue::Null);
    let mut required = spec.clone();
    required.required = true;
    assert_eq!(encode(&required, &json!([])).unwrap(), text("[]"));
    assert_eq!(
        encode(&required, &json!(["a", null])).unwrap_err(),
        "Attribute \"tags['1']\" has invalid type. Value must be a valid string and no longer than 5 chars"
    );
}

#[test]
fn array_messages() {
    let spec = array(sized("tags", ColumnKind::String, 5));
    for bad in [json!("a"), json!(1), json!({"a": "b"}), json!(true)] {
        assert_eq!(err(&spec, bad), "Attribute \"tags\" must be an array");
    }
    assert_eq!(
        err(&spec, json!(["ok", "too long"])),
        "Attribute \"tags['1']\" has invalid type. Value must be a valid string and no longer than 5 chars"
    );
    let nums = array(int_col("nums", 0, 10));
    assert_eq!(
        err(&nums, json!([1, 2, 11])),
        "Attribute \"nums['2']\" has invalid format. Value must be a valid range between 0 and 10"
    );
    let states = array(enum_col("states", &["a", "b"]));
    assert_eq!(
        err(&states, json!(["a", "c"])),
        "Attribute \"states['1']\" has invalid format. Value must be one of (a, b)"
    );
}

#[test]
fn arrays_normalise_elements() {
    let dates = array(col("dates", ColumnKind::Datetime));
    assert_eq!(
        encode(&dates, &json!(["2020-01-01", "2020-01-01 02:00+02:00"])).unwrap(),
        text(r#"["2020-01-01T00:00:00.000+00:00","2020-01-01T00:00:00.000+00:00"]"#)
    );
    let floats = array(col("f", ColumnKind::Float));
    assert_eq!(
        encode(&floats, &json!([1.0, 2.5, 3])).unwrap(),
        text("[1,2.5,3]")
    );
    let bools = array(col("b", ColumnKind::Boolean));
    assert_eq!(
        encode(&bools, &json!([true, false])).unwrap(),
        text("[true,false]")
    );
}

// --- spatial ---------------------------------------------------------------------------

#[test]
fn points() {
    let spec = col("loc", ColumnKind::Point);
    assert_eq!(
        encode(&spec, &json!([10, 20.5])).unwrap(),
        text("[10,20.5]")
    );
    assert_eq!(
        encode(&spec, &json!(["10", "20"])).unwrap(),
        text("[10,20]")
    );
    assert_eq!(
        encode(&spec, &json!("POINT(10 20)")).unwrap(),
        text("[10,20]")
    );
    assert_eq!(
        encode(&spec, &json!(" point ( -1.5  2 ) ")).unwrap(),
        text("[-1.5,2]")
    );
    assert_eq!(
        err(&spec, json!([1])),
        "Attribute \"loc\" has invalid type. Value must be a valid point: Point must be an array of two numeric values [x, y]"
    );
    assert_eq!(
        err(&spec, json!(["a", 1])),
        "Attribute \"loc\" has invalid type. Value must be a valid point: Point coordinates must be numeric values"
    );
    assert_eq!(
        err(&spec, json!([200, 0])),
        "Attribute \"loc\" has invalid type. Value must be a valid point: Longitude (x) must be between -180 and 180, got 200"
    );
    assert_eq!(
        err(&spec, json!([0, -90.5])),
        "Attribute \"loc\" has invalid type. Value must be a valid point: Latitude (y) must be between -90 and 90, got -90.5"
    );
    assert_eq!(
        err(&spec, json!("hello")),
        "Attribute \"loc\" has invalid type. Value must be a valid point: "
    );
    assert_eq!(
        err(&spec, json!(5)),
        "Attribute \"loc\" has invalid type. Value must be a valid point: Spatial value must be array or WKT string"
    );
    assert!(encode(&spec, &json!("POINT(1 2")).is_err());
    assert!(encode(&spec, &json!("LINESTRING(1 2, 3 4)")).is_err());
}

#[test]
fn lines() {
    let spec = col("path", ColumnKind::Line);
    assert_eq!(
        encode(&spec, &json!([[0, 0], [1, 1]])).unwrap(),
        text("[[0,0],[1,1]]")
    );
    assert_eq!(
        encode(&spec, &json!("LINESTRING(0 0, 1 1.5)")).unwrap(),
        text("[[0,0],[1,1.5]]")
    );
    assert_eq!(
        err(&spec, json!([[0, 0]])),
        "Attribute \"path\" has invalid type. Value must be a valid linestring: LineString must contain at least two points"
    );
    assert_eq!(
        err(&spec, json!([[0, 0], [1]])),
        "Attribute \"path\" has invalid type. Value must be a valid linestring: Each point in LineString must be an array of two values [x, y]"
    );
    assert_eq!(
        err(&spec, json!([[0, 0], [1, "x"]])),
        "Attribute \"path\" has invalid type. Value must be a valid linestring: Each point in LineString must have numeric coordinates"
    );
    assert_eq!(
        err(&spec, json!([[0, 0], [1, 95]])),
        "Attribute \"path\" has invalid type. Value must be a valid linestring: Invalid coordinates at point #1: Latitude (y) must be between -90 and 90, got 95"
    );
}

#[test]
fn polygons() {
    let spec = col("area", ColumnKind::Polygon);
    let ring = json!([[0, 0], [1, 0], [1, 1], [0, 0]]);
    assert_eq!(
        encode(&spec, &json!([ring])).unwrap(),
        text("[[[0,0],[1,0],[1,1],[0,0]]]")
    );
    // A bare ring is wrapped.
    assert_eq!(
        encode(&spec, &ring).unwrap(),
        text("[[[0,0],[1,0],[1,1],[0,0]]]")
    );
    assert_eq!(
        encode(
            &spec,
            &json!("POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))")
        )
        .unwrap(),
        text("[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]")
    );
    let prefix = "Attribute \"area\" has invalid type. Value must be a valid polygon: ";
    assert_eq!(
        err(&spec, json!([])),
        format!("{prefix}Polygon must contain at least one ring")
    );
    assert_eq!(
        err(&spec, json!([[]])),
        format!("{prefix}Ring #0 must be an array of points")
    );
    assert_eq!(
        err(&spec, json!([[[0, 0], [1, 0], [0, 0]]])),
        format!("{prefix}Ring #0 must contain at least 4 points to form a closed polygon")
    );
    assert_eq!(
        err(&spec, json!([[[0, 0], [1, 0], [1, 1], [0, 1]]])),
        format!("{prefix}Ring #0 must be closed (first point must equal last point)")
    );
    assert_eq!(
        err(&spec, json!([ring, [[0, 0], [1, 0], [1], [0, 0]]])),
        format!("{prefix}Point #2 in ring #1 must be an array of two values [x, y]")
    );
    assert_eq!(
        err(&spec, json!([[[0, 0], [1, 0], [1, null], [0, 0]]])),
        format!("{prefix}Coordinates of point #2 in ring #0 must be numeric")
    );
    assert_eq!(
        err(&spec, json!([[[0, 0], [181, 0], [1, 1], [0, 0]]])),
        format!(
            "{prefix}Invalid coordinates at point #1 in ring #0: Longitude (x) must be between -180 and 180, got 181"
        )
    );
}

#[test]
fn php_float_strings_in_spatial_messages() {
    let spec = col("loc", ColumnKind::Point);
    assert!(err(&spec, json!([1e20, 0])).ends_with("got 1.0E+20"));
    assert!(err(&spec, json!([180.25, 0])).ends_with("got 180.25"));
}

// --- decode ----------------------------------------------------------------------------

#[test]
fn decode_round_trips() {
    let cases: Vec<(ColumnSpec, Value)> = vec![
        (sized("s", ColumnKind::String, 10), json!("héllo")),
        (col("e", ColumnKind::Email), json!("a@b.co")),
        (int_col("i", i64::MIN, i64::MAX), json!(i64::MAX)),
        (int_col("i", i64::MIN, i64::MAX), json!(i64::MIN + 1)),
        (col("f", ColumnKind::Float), json!(2.5)),
        (col("f", ColumnKind::Float), json!(5)),
        (col("b", ColumnKind::Boolean), json!(true)),
        (col("b", ColumnKind::Boolean), json!(false)),
        (
            col("d", ColumnKind::Datetime),
            json!("2020-10-15T06:38:00.000+00:00"),
        ),
        (
            array(sized("t", ColumnKind::String, 10)),
            json!(["a", null, "c"]),
        ),
        (array(col("n", ColumnKind::Integer)), json!([1, -2])),
        (array(col("f", ColumnKind::Float)), json!([1, 2.5])),
        (array(col("b", ColumnKind::Boolean)), json!([true, false])),
        (col("p", ColumnKind::Point), json!([1, 2.5])),
        (col("l", ColumnKind::Line), json!([[1, 2], [3, 4]])),
        (
            col("g", ColumnKind::Polygon),
            json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]),
        ),
    ];
    for (spec, value) in cases {
        let stored = encode(&spec, &value).unwrap();
        let back = decode(&spec, ValueRef::from(&stored));
        assert_eq!(back, value, "{:?}", spec.kind);
    }
}

#[test]
fn decode_formats_floats_and_nulls() {
    let f = col("f", ColumnKind::Float);
    assert_eq!(decode(&f, ValueRef::Real(5.0)), json!(5));
    assert_eq!(decode(&f, ValueRef::Real(-0.0)), json!(0));
    assert_eq!(decode(&f, ValueRef::Real(1.5)).to_string(), "1.5");
    assert_eq!(
        decode(&f, ValueRef::Real(f64::MAX)).to_string(),
        "1.7976931348623157e+308"
    );
    assert_eq!(decode(&f, ValueRef::Null), Value::Null);
    let floats = array(col("fs", ColumnKind::Float));
    assert_eq!(
        decode(&floats, ValueRef::Text(b"[1.0,2.5]")),
        json!([1, 2.5])
    );
}

#[test]
fn decode_never_panics_on_odd_storage() {
    let b = col("b", ColumnKind::Boolean);
    assert_eq!(decode(&b, ValueRef::Text(b"junk")), json!("junk"));
    assert_eq!(decode(&b, ValueRef::Real(1.0)), json!(true));
    let i = col("i", ColumnKind::Integer);
    assert_eq!(decode(&i, ValueRef::Text(b"42")), json!(42));
    assert_eq!(decode(&i, ValueRef::Text(b"x")), json!("x"));
    assert_eq!(decode(&i, ValueRef::Blob(&[0xff])), Value::Null);
    let s = col("s", ColumnKind::String);
    assert_eq!(decode(&s, ValueRef::Integer(7)), json!("7"));
    assert_eq!(decode(&s, ValueRef::Blob(&[0xff, 0xfe])), Value::Null);
    let tags = array(col("t", ColumnKind::String));
    assert_eq!(
        decode(&tags, ValueRef::Text(b"not json")),
        json!("not json")
    );
    assert_eq!(decode(&tags, ValueRef::Integer(3)), json!("3"));
    let p = col("p", ColumnKind::Point);
    assert_eq!(decode(&p, ValueRef::Text(b"[")), json!("["));
}

// --- query values ----------------------------------------------------------------------

#[test]
fn query_values() {
    let s = col("s", ColumnKind::String);
    assert_eq!(
        encode_query_value(&s, &json!("x".repeat(1000))),
        Some(text(&"x".repeat(1000)))
    );
    assert_eq!(encode_query_value(&s, &json!(1)), None);
    let e = col("e", ColumnKind::Email);
    assert_eq!(
        encode_query_value(&e, &json!("not-an-email")),
        Some(text("not-an-email"))
    );

    let big = col("n", ColumnKind::Integer);
    assert_eq!(
        encode_query_value(&big, &json!(i64::MAX)),
        Some(SqlValue::Integer(i64::MAX))
    );
    assert_eq!(
        encode_query_value(&big, &json!(i64::MIN)),
        Some(SqlValue::Integer(i64::MIN))
    );
    assert_eq!(encode_query_value(&big, &json!(5.0)), None);
    assert_eq!(encode_query_value(&big, &json!("5")), None);
    let small = int_col("age", 0, 100);
    assert_eq!(encode_query_value(&small, &json!(5_000_000_000_i64)), None);
    assert_eq!(
        encode_query_value(&small, &json!(-5)),
        Some(SqlValue::Integer(-5))
    );

    let f = col("f", ColumnKind::Float);
    assert_eq!(encode_query_value(&f, &json!(5)), Some(SqlValue::Real(5.0)));
    assert_eq!(
        encode_query_value(&f, &json!(2.5)),
        Some(SqlValue::Real(2.5))
    );
    assert_eq!(encode_query_value(&f, &json!("2.5")), None);

    let b = col("b", ColumnKind::Boolean);
    assert_eq!(
        encode_query_value(&b, &json!(true)),
        Some(SqlValue::Integer(1))
    );
    assert_eq!(
        encode_query_value(&b, &json!(false)),
        Some(SqlValue::Integer(0))
    );
    assert_eq!(encode_query_value(&b, &json!(1)), None);

    let d = col("d", ColumnKind::Datetime);
    assert_eq!(
        encode_query_value(&d, &json!("2020-01-01 02:00:00+02:00")),
        Some(text("2020-01-01T00:00:00.000+00:00"))
    );
    assert_eq!(encode_query_value(&d, &json!("garbage")), None);

    let tags = array(col("tags", ColumnKind::String));
    assert_eq!(encode_query_value(&tags, &json!("a")), Some(text("a")));

    let p = col("p", ColumnKind::Point);
    assert_eq!(encode_query_value(&p, &json!([1, 2])), Some(text("[1,2]")));
    assert_eq!(encode_query_value(&p, &json!("POINT(1 2)")), None);

    let r = col("r", ColumnKind::Relationship);
    assert_eq!(encode_query_value(&r, &json!("abc")), Some(text("abc")));
    assert_eq!(encode_query_value(&r, &json!("x".repeat(256))), None);
}

// --- sql types -------------------------------------------------------------------------

#[test]
fn sql_types() {
    assert_eq!(
        sql_type(&col("s", ColumnKind::String)),
        "TEXT COLLATE APPWRITE_CI"
    );
    assert_eq!(
        sql_type(&col("e", ColumnKind::Enum)),
        "TEXT COLLATE APPWRITE_CI"
    );
    assert_eq!(
        sql_type(&col("l", ColumnKind::Longtext)),
        "TEXT COLLATE APPWRITE_CI"
    );
    assert_eq!(sql_type(&array(col("s", ColumnKind::String))), "TEXT");
    assert_eq!(sql_type(&col("i", ColumnKind::Integer)), "INTEGER");
    assert_eq!(sql_type(&col("b", ColumnKind::Boolean)), "INTEGER");
    assert_eq!(sql_type(&array(col("i", ColumnKind::Integer))), "TEXT");
    assert_eq!(sql_type(&col("f", ColumnKind::Float)), "REAL");
    assert_eq!(sql_type(&col("d", ColumnKind::Datetime)), "TEXT");
    assert_eq!(sql_type(&col("p", ColumnKind::Polygon)), "TEXT");
    assert_eq!(sql_type(&col("r", ColumnKind::Relationship)), "TEXT");
}

// --- defaults --------------------------------------------------------------------------

fn default_err(spec: &ColumnSpec, value: Value) -> ApiError {
    check_default(spec, &value).unwrap_err()
}

fn param_err(message: &str) -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        format!("Invalid `default` param: {message}"),
    )
}

fn value_err(message: &str) -> ApiError {
    ApiError::new(ErrorType::ColumnValueInvalid, message)
}

#[test]
fn defaults_null_and_valid() {
    for kind in [
        ColumnKind::String,
        ColumnKind::Integer,
        ColumnKind::Point,
        ColumnKind::Relationship,
    ] {
        assert_eq!(
            check_default(&col("k", kind), &Value::Null).unwrap(),
            Value::Null
        );
    }
    assert_eq!(
        check_default(&sized("s", ColumnKind::String, 3), &json!("abc")).unwrap(),
        json!("abc")
    );
    assert_eq!(
        check_default(&int_col("i", 0, 10), &json!(10)).unwrap(),
        json!(10)
    );
    assert_eq!(
        check_default(&col("f", ColumnKind::Float), &json!(5.0)).unwrap(),
        json!(5)
    );
    assert_eq!(
        check_default(&col("b", ColumnKind::Boolean), &json!(false)).unwrap(),
        json!(false)
    );
    assert_eq!(
        check_default(
            &col("d", ColumnKind::Datetime),
            &json!("1975-06-12 14:12:55+02:00")
        )
        .unwrap(),
        // Kept as sent, as real Appwrite keeps a datetime default.
        json!("1975-06-12 14:12:55+02:00")
    );
    assert_eq!(
        check_default(&col("e", ColumnKind::Email), &json!("a@b.co")).unwrap(),
        json!("a@b.co")
    );
    assert_eq!(
        check_default(&col("ip", ColumnKind::Ip), &json!("::1")).unwrap(),
        json!("::1")
    );
    assert_eq!(
        check_default(&col("u", ColumnKind::Url), &json!("https://x.io")).unwrap(),
        json!("https://x.io")
    );
    assert_eq!(
        check_default(&enum_col("s", &["a", "b"]), &json!("b")).unwrap(),
        json!("b")
    );
    // Spatial defaults are kept as sent, a polygon given as one ring included.
    assert_eq!(
        check_default(&col("p", ColumnKind::Point), &json!([1.0, 2])).unwrap(),
        json!([1.0, 2])
    );
    let ring = json!([[0, 0], [0, 1], [1, 1], [0, 0]]);
    assert_eq!(
        check_default(&col("pg", ColumnKind::Polygon), &ring).unwrap(),
        ring
    );
    assert_eq!(
        check_default(&col("t", ColumnKind::Text), &json!("x".repeat(70_000))).unwrap(),
        json!("x".repeat(70_000))
    );
}

#[test]
fn default_string_errors() {
    let spec = sized("s", ColumnKind::String, 3);
    assert_eq!(
        default_err(&spec, json!("abcd")),
        value_err("Value must be a valid string and no longer than 3 chars")
    );
    assert_eq!(
        default_err(&spec, json!(1)),
        param_err("Value must be a valid string and exactly 0 chars or null")
    );
    assert!(check_default(&spec, &json!("日本語")).is_ok());
}

#[test]
fn default_numeric_errors() {
    let spec = int_col("i", 0, 10);
    assert_eq!(
        default_err(&spec, json!(11)),
        value_err("Value must be a valid range between 0 and 10")
    );
    assert_eq!(
        default_err(&spec, json!(1.5)),
        param_err(
            "Value must be a valid signed 64-bit integer between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,808 or null"
        )
    );
    assert_eq!(
        check_default(&col("i", ColumnKind::Integer), &json!(i64::MIN)).unwrap(),
        json!(i64::MIN)
    );
    let spec = float_col("f", 0.0, 1.0);
    assert_eq!(
        default_err(&spec, json!(1.5)),
        value_err("Value must be a valid range between 0 and 1")
    );
    assert_eq!(
        default_err(&spec, json!("1")),
        param_err("Value must be a valid float or null")
    );
}

#[test]
fn default_other_errors() {
    assert_eq!(
        default_err(&col("b", ColumnKind::Boolean), json!(1)),
        param_err("Value must be a valid boolean or null")
    );
    assert_eq!(
        default_err(&col("d", ColumnKind::Datetime), json!("2020-02-30")),
        param_err(
            "Value must be valid date between 1000-01-01 00:00:00 and 9999-12-31 23:59:59. or null"
        )
    );
    assert_eq!(
        default_err(&col("e", ColumnKind::Email), json!("x")),
        param_err("Value must be a valid email address or null")
    );
    assert_eq!(
        default_err(&col("ip", ColumnKind::Ip), json!("x")),
        param_err("Value must be a valid IP address or null")
    );
    assert_eq!(
        default_err(&col("u", ColumnKind::Url), json!("x")),
        param_err("Value must be a valid URL or null")
    );
    let spec = enum_col("s", &["a", "b"]);
    assert_eq!(
        default_err(&spec, json!("A")),
        value_err("Default value not found in elements")
    );
    assert_eq!(
        default_err(&spec, json!("")),
        param_err("Value must be a valid string and at least 1 chars or null")
    );
    assert_eq!(
        default_err(&col("p", ColumnKind::Point), json!([1])),
        param_err(
            "Value must be a valid point: Point must be an array of two numeric values [x, y] or null"
        )
    );
}

#[test]
fn encode_never_panics_on_odd_specs() {
    let mut spec = col("x", ColumnKind::Integer);
    spec.range = Range::Float {
        min: -1.0e300,
        max: 1.0e300,
    };
    let _ = encode(&spec, &json!(5));
    spec.range = Range::None;
    assert!(encode(&spec, &json!(5)).is_ok());
    let mut spec = col("x", ColumnKind::Float);
    spec.range = Range::Int { min: 0, max: 10 };
    assert_eq!(
        err(&spec, json!(11)),
        "Attribute \"x\" has invalid format. Value must be a valid range between 0 and 10"
    );
    let mut spec = col("x", ColumnKind::String);
    spec.size = None;
    assert!(encode(&spec, &json!("x".repeat(10_000))).is_ok());
    let deep = json!([[[[[[1]]]]]]);
    for kind in [ColumnKind::Point, ColumnKind::Line, ColumnKind::Polygon] {
        assert!(encode(&col("g", kind), &deep).is_err());
    }
    // PHP decodes {"0": 1, "1": 2} to the list [1, 2].
    assert_eq!(
        encode(&col("g", ColumnKind::Point), &json!({"0": 1, "1": 2})).unwrap(),
        text("[1,2]")
    );
}
