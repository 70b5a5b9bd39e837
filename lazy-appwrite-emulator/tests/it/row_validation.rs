//! Row validation: IDs, sizes, numbers, booleans, required/default, arrays, enums, formats,
//! datetimes, unknown attributes and uniqueness.

use crate::common;

use common::Api;
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "name", "type": "string", "size": 5},
            // Inline integers without bounds are 32-bit on real Appwrite: give 64-bit bounds.
            {"key": "n", "type": "integer", "min": i64::MIN, "max": i64::MAX},
            {"key": "small", "type": "integer", "min": 0, "max": 10},
            {"key": "int32", "type": "integer", "min": -2147483647, "max": 2147483647},
            {"key": "f", "type": "double"},
            {"key": "prob", "type": "double", "min": 0, "max": 1},
            {"key": "flag", "type": "boolean"},
            {"key": "at", "type": "datetime"},
            {"key": "status", "type": "string", "format": "enum", "elements": ["draft", "published"]},
            {"key": "email", "type": "string", "format": "email"},
            {"key": "url", "type": "string", "format": "url"},
            {"key": "ip", "type": "string", "format": "ip"},
            {"key": "tags", "type": "string", "size": 3, "array": true},
            {"key": "nums", "type": "integer", "array": true},
            {"key": "must", "type": "string", "size": 10, "required": true},
            {"key": "dflt", "type": "integer", "default": 7}
        ]),
        json!([]),
    )
    .await;
    api
}

/// Writes `data` (plus the required column) to a fresh row.
async fn write(api: &Api, id: &str, mut data: Value) -> common::Res {
    data.as_object_mut()
        .unwrap()
        .entry("must")
        .or_insert(json!("m"));
    api.row("db", "t", id, data).await
}

#[track_caller]
fn invalid(r: &common::Res, part: &str) {
    r.assert_error_msg(400, "row_invalid_structure", part);
    assert!(
        r.message().starts_with("Invalid document structure: "),
        "{r:?}"
    );
}

#[tokio::test]
async fn row_id_rules() {
    let api = setup().await;
    write(&api, &"a".repeat(36), json!({}))
        .await
        .assert_status(201);
    write(&api, "A.b-c_9", json!({})).await.assert_status(201);
    for bad in [
        "a".repeat(37),
        "_a".into(),
        ".a".into(),
        "-a".into(),
        "$a".into(),
        "a b".into(),
        "a/b".into(),
        "é".into(),
        String::new(),
    ] {
        let r = write(&api, &bad, json!({})).await;
        r.assert_error_msg(400, "general_argument_invalid", "Invalid `rowId` param");
    }
    api.get(&format!("{ROWS}/{}", "b".repeat(37)))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `rowId` param");
    assert_eq!(api.rows("db", "t", &[]).await.body["total"], 2);
}

#[tokio::test]
async fn string_size_counts_characters() {
    let api = setup().await;
    for (i, ok) in ["héllo", "日本語日本", "😀😀😀😀😀", "", "abcde"]
        .iter()
        .enumerate()
    {
        let r = write(&api, &format!("ok{i}"), json!({"name": ok})).await;
        r.assert_status(201);
        assert_eq!(r.body["name"], *ok);
    }
    let r = write(&api, "bad", json!({"name": "héllo!"})).await;
    invalid(
        &r,
        "Attribute \"name\" has invalid type. Value must be a valid string and no longer than 5 chars",
    );
    invalid(
        &write(&api, "bad", json!({"name": 12345})).await,
        "Attribute \"name\" has invalid type.",
    );
}

#[tokio::test]
async fn integers_must_be_json_integers_in_range() {
    let api = setup().await;
    let r = write(
        &api,
        "a",
        json!({"n": i64::MAX, "small": 10, "int32": 2147483647}),
    )
    .await;
    r.assert_status(201);
    assert_eq!(r.body["n"], json!(i64::MAX));
    let r = write(
        &api,
        "b",
        json!({"n": i64::MIN + 1, "small": 0, "int32": -2147483647}),
    )
    .await;
    r.assert_status(201);
    assert_eq!(r.body["n"], json!(i64::MIN + 1));
    invalid(
        &write(&api, "c", json!({"n": 5.0})).await,
        "Attribute \"n\" has invalid format.",
    );
    invalid(
        &write(&api, "c", json!({"n": 5.5})).await,
        "Attribute \"n\" has invalid format.",
    );
    invalid(
        &write(&api, "c", json!({"n": "5"})).await,
        "Attribute \"n\" has invalid format.",
    );
    invalid(
        &write(&api, "c", json!({"n": true})).await,
        "Attribute \"n\" has invalid format.",
    );
    let r = write(&api, "c", json!({"small": 11})).await;
    invalid(
        &r,
        "Attribute \"small\" has invalid format. Value must be a valid range between 0 and 10",
    );
    invalid(
        &write(&api, "c", json!({"small": -1})).await,
        "Value must be a valid range between 0 and 10",
    );
    invalid(
        &write(&api, "c", json!({"int32": 2147483648i64})).await,
        "Attribute \"int32\" has invalid format.",
    );
    // Beyond 64 bits.
    let r = api
        .send(
            api.request(reqwest::Method::POST, ROWS)
                .header("content-type", "application/json")
                .body(r#"{"rowId":"c","data":{"must":"m","n":9223372036854775808}}"#),
        )
        .await;
    invalid(&r, "Attribute \"n\" has invalid format.");
    api.get(&format!("{ROWS}/c"))
        .await
        .assert_error(404, "row_not_found");
}

#[tokio::test]
async fn floats_accept_any_number_in_range() {
    let api = setup().await;
    let r = write(&api, "a", json!({"f": 3, "prob": 0.5})).await;
    r.assert_status(201);
    assert_eq!(r.body["f"].as_f64(), Some(3.0));
    assert_eq!(r.body["prob"], 0.5);
    let r = write(&api, "b", json!({"f": -1.25e10, "prob": 1})).await;
    r.assert_status(201);
    assert_eq!(r.body["f"].as_f64(), Some(-1.25e10));
    // `f` is inline without bounds: no range format, so a type error (see
    // `unbounded_inline_numbers_report_a_type_error`).
    invalid(
        &write(&api, "c", json!({"f": "1.5"})).await,
        "Attribute \"f\" has invalid type.",
    );
    invalid(
        &write(&api, "c", json!({"prob": 1.01})).await,
        "Attribute \"prob\" has invalid format.",
    );
}

#[tokio::test]
async fn booleans_are_strict() {
    let api = setup().await;
    let r = write(&api, "a", json!({"flag": false})).await;
    r.assert_status(201);
    assert_eq!(r.body["flag"], false);
    for bad in [json!("true"), json!(1), json!(0), json!("false")] {
        invalid(
            &write(&api, "b", json!({"flag": bad})).await,
            "Attribute \"flag\" has invalid type. Value must be a valid boolean",
        );
    }
}

#[tokio::test]
async fn required_and_defaults() {
    let api = setup().await;
    let r = api.row("db", "t", "a", json!({"n": 1})).await;
    invalid(&r, "Missing required attribute \"must\"");
    let r = api.row("db", "t", "a", json!({"must": null})).await;
    invalid(&r, "Missing required attribute \"must\"");
    let r = write(&api, "a", json!({})).await;
    r.assert_status(201);
    assert_eq!(r.body["dflt"], 7);
    let r = write(&api, "b", json!({"dflt": null})).await;
    assert_eq!(r.body["dflt"], 7, "null takes the default");
    let r = write(&api, "c", json!({"dflt": 8})).await;
    assert_eq!(r.body["dflt"], 8);
}

#[tokio::test]
async fn array_rules() {
    let api = setup().await;
    let r = write(&api, "a", json!({"tags": ["ab", "c"], "nums": [1, 2, 3]})).await;
    r.assert_status(201);
    assert_eq!(r.body["tags"], json!(["ab", "c"]));
    assert_eq!(r.body["nums"], json!([1, 2, 3]));
    let r = write(&api, "b", json!({"tags": [], "nums": null})).await;
    r.assert_status(201);
    assert_eq!(r.body["tags"], json!([]));
    // Real Appwrite reads an unset array column as `[]`.
    assert_eq!(r.body["nums"], json!([]));
    let r = write(&api, "c", json!({"nums": [1, null]})).await;
    r.assert_status(201);
    assert_eq!(r.body["nums"], json!([1, null]));
    invalid(
        &write(&api, "d", json!({"tags": "ab"})).await,
        "Attribute \"tags\" must be an array",
    );
    invalid(
        &write(&api, "d", json!({"tags": ["ok", "long"]})).await,
        "Attribute \"tags['1']\" has invalid type.",
    );
    invalid(
        &write(&api, "d", json!({"nums": [1, "2"]})).await,
        "Attribute \"nums['1']\" has invalid",
    );
    invalid(
        &write(&api, "d", json!({"name": ["a"]})).await,
        "Attribute \"name\" has invalid type.",
    );
}

#[tokio::test]
async fn enum_membership_is_exact() {
    let api = setup().await;
    write(&api, "a", json!({"status": "draft"}))
        .await
        .assert_status(201);
    let r = write(&api, "b", json!({"status": "Draft"})).await;
    invalid(
        &r,
        "Attribute \"status\" has invalid format. Value must be one of (draft, published)",
    );
    invalid(
        &write(&api, "b", json!({"status": ""})).await,
        "Attribute \"status\" has invalid format.",
    );
}

#[tokio::test]
async fn email_url_ip_formats() {
    let api = setup().await;
    let r = write(&api, "a", json!({"email": "joe@example.com", "url": "https://example.com/a?b=c", "ip": "2001:db8::1"})).await;
    r.assert_status(201);
    assert_eq!(r.body["url"], "https://example.com/a?b=c");
    write(&api, "b", json!({"ip": "10.0.0.1"}))
        .await
        .assert_status(201);
    invalid(
        &write(&api, "c", json!({"email": "joe@"})).await,
        "Attribute \"email\" has invalid format. Value must be a valid email address",
    );
    invalid(
        &write(&api, "c", json!({"url": "example.com"})).await,
        "Attribute \"url\" has invalid format. Value must be a valid URL",
    );
    invalid(
        &write(&api, "c", json!({"ip": "256.1.1.1"})).await,
        "Attribute \"ip\" has invalid format. Value must be a valid IP address",
    );
}

#[tokio::test]
async fn datetimes_are_normalised_to_utc() {
    let api = setup().await;
    let cases = [
        ("2024-05-01", "2024-05-01T00:00:00.000+00:00"),
        ("2024-05-01 12:30", "2024-05-01T12:30:00.000+00:00"),
        ("2024-05-01T12:30:45Z", "2024-05-01T12:30:45.000+00:00"),
        (
            "2024-05-01T12:30:45.123456Z",
            "2024-05-01T12:30:45.123+00:00",
        ),
        ("1975-06-12 14:12:55+02:00", "1975-06-12T12:12:55.000+00:00"),
        ("2024-01-01T00:30:00-05:30", "2024-01-01T06:00:00.000+00:00"),
        // A trailing IANA zone name is honoured (New York is UTC-5 in January).
        (
            "2024-01-15 10:00:00 America/New_York",
            "2024-01-15T15:00:00.000+00:00",
        ),
        (
            "2024-05-01T12:00:00.000+00:00",
            "2024-05-01T12:00:00.000+00:00",
        ),
    ];
    for (i, (input, expected)) in cases.iter().enumerate() {
        let r = write(&api, &format!("d{i}"), json!({"at": input})).await;
        r.assert_status(201);
        assert_eq!(r.body["at"], *expected, "{input}");
        assert_eq!(api.get(&format!("{ROWS}/d{i}")).await.body["at"], *expected);
    }
    for bad in [
        "2024-01-01T27:30:10",
        "not a date",
        "12:00",
        "2024-13-01",
        "",
    ] {
        invalid(
            &write(&api, "bad", json!({"at": bad})).await,
            "Attribute \"at\" has invalid",
        );
    }
    invalid(
        &write(&api, "bad", json!({"at": 1_700_000_000})).await,
        "Attribute \"at\" has invalid",
    );
}

#[tokio::test]
async fn unknown_attribute() {
    let api = setup().await;
    invalid(
        &write(&api, "a", json!({"nope": 1})).await,
        "Unknown attribute: \"nope\"",
    );
    // Keys are exact: a differently-cased key is unknown.
    invalid(
        &write(&api, "a", json!({"Name": "x"})).await,
        "Unknown attribute: \"Name\"",
    );
    // Of several unknown keys, the first in the request is named, not the first
    // alphabetically (node-edge-cases.jsonl 1.8.1 seq 2262).
    invalid(
        &write(&api, "a", json!({"zeta": 1, "alpha": 2})).await,
        "Unknown attribute: \"zeta\"",
    );
}

#[tokio::test]
async fn unique_index_clash_is_row_already_exists() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "u", "type": "unique", "columns": ["name"]}),
    )
    .await;
    write(&api, "a", json!({"name": "x"}))
        .await
        .assert_status(201);
    write(&api, "b", json!({"name": "y"}))
        .await
        .assert_status(201);
    write(&api, "c", json!({"name": "x"}))
        .await
        .assert_error(409, "row_already_exists");
    api.patch(&format!("{ROWS}/b"), json!({"data": {"name": "x"}}))
        .await
        .assert_error(409, "row_already_exists");
    // An upsert must carry the required columns itself (as on real Appwrite).
    api.put(
        &format!("{ROWS}/b"),
        json!({"data": {"name": "x", "must": "m"}}),
    )
    .await
    .assert_error(409, "row_already_exists");
    assert_eq!(api.get(&format!("{ROWS}/b")).await.body["name"], "y");
    // NULLs do not clash.
    write(&api, "d", json!({})).await.assert_status(201);
    write(&api, "e", json!({})).await.assert_status(201);
}

/// An inline integer or float given neither bound has no range format, so its errors read
/// `has invalid type` (node-edge-cases.jsonl 1.9.6 seq 2875); one with bounds `has invalid
/// format`.
#[tokio::test]
async fn unbounded_inline_numbers_report_a_type_error() {
    let api = setup().await;
    invalid(
        &write(&api, "a", json!({"f": "x"})).await,
        "Attribute \"f\" has invalid type.",
    );
    invalid(
        &write(&api, "a", json!({"small": 11})).await,
        "Attribute \"small\" has invalid format.",
    );
}
