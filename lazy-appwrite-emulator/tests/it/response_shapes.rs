//! Response shapes and transport: `$sequence` by response format, model fields the SDKs
//! need, integer fields, empty 204 bodies, headers, and how request bodies are read.

use crate::common;

use common::{Api, is_server_datetime, q};
use reqwest::Method;
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

async fn with_row(format: &str) -> Api {
    let mut api = Api::start().await;
    api.format = format.into();
    api.table_with(
        "db",
        "t",
        // Inline numeric columns without bounds report `min`/`max` as null on real Appwrite
        // 1.9.6; these carry the full ranges a route-made column has.
        json!([
            {"key": "n", "type": "integer", "min": i64::MIN, "max": i64::MAX},
            {"key": "f", "type": "double", "min": -f64::MAX, "max": f64::MAX},
        ]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"n": 5, "f": 5.0}))
        .await
        .assert_status(201);
    api
}

#[tokio::test]
async fn sequence_is_an_integer_before_1_9() {
    for format in ["1.8.0", "1.7.4", "1.8.99"] {
        let api = with_row(format).await;
        assert_eq!(
            api.get(&format!("{ROWS}/r1")).await.body["$sequence"],
            json!(1),
            "{format}"
        );
        assert_eq!(
            api.rows("db", "t", &[]).await.body["rows"][0]["$sequence"],
            json!(1),
            "{format}"
        );
        let r = api.row("db", "t", "r2", json!({"n": 2})).await;
        assert_eq!(r.body["$sequence"], json!(2), "{format}");
    }
}

// Real Appwrite 1.9.6 (the default profile) answers `$sequence` as a string when no
// response format is asked for; 1.8.1 as an integer.
#[tokio::test]
async fn sequence_without_format_header_follows_the_release() {
    let api = with_row("1.8.0").await;
    let r = api
        .send(
            api.bare(Method::GET, &format!("{ROWS}/r1"))
                .header("X-Appwrite-Project", "test")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$sequence"], json!("1"));
}

#[tokio::test]
async fn sequence_is_a_string_from_1_9() {
    for format in ["1.9.0", "1.9.5", "2.6.2"] {
        let api = with_row(format).await;
        assert_eq!(
            api.get(&format!("{ROWS}/r1")).await.body["$sequence"],
            json!("1"),
            "{format}"
        );
        assert_eq!(
            api.rows("db", "t", &[]).await.body["rows"][0]["$sequence"],
            json!("1"),
            "{format}"
        );
        let r = api.row("db", "t", "r2", json!({"n": 2})).await;
        assert_eq!(r.body["$sequence"], json!("2"), "{format}");
        let r = api
            .patch(&format!("{ROWS}/r2"), json!({"data": {"n": 1}}))
            .await;
        assert_eq!(r.body["$sequence"], json!("2"), "{format}");
        let r = api
            .put(&format!("{ROWS}/r3"), json!({"data": {"n": 1}}))
            .await;
        assert_eq!(r.body["$sequence"], json!("3"), "{format}");
        // Other integers stay integers.
        assert_eq!(api.rows("db", "t", &[]).await.body["total"], json!(3));
        assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["n"], json!(5));
    }
}

#[tokio::test]
async fn database_model_has_no_policies_or_archives() {
    let api = Api::start().await;
    let created = api
        .post("/tablesdb", json!({"databaseId": "db", "name": "DB"}))
        .await
        .body;
    let updated = api.put("/tablesdb/db", json!({"name": "DB"})).await.body;
    let got = api.get("/tablesdb/db").await.body;
    let listed = api.get("/tablesdb").await.body["databases"][0].clone();
    for db in [created, updated, got, listed] {
        // Real Appwrite (1.8.1 and 1.9.6) sends neither `policies` nor `archives`.
        assert!(db.get("policies").is_none(), "{db}");
        assert!(db.get("archives").is_none(), "{db}");
        assert_eq!(db["type"], "tablesdb");
        assert!(db["enabled"].is_boolean());
        assert!(is_server_datetime(db["$createdAt"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn table_model_carries_byte_counts_as_integers() {
    let api = Api::start().await;
    let table = api
        .table_with(
            "db",
            "t",
            json!([{"key": "n", "type": "integer", "max": 100}]),
            json!([]),
        )
        .await;
    assert!(table["bytesMax"].is_i64(), "{table}");
    assert!(table["bytesUsed"].is_i64(), "{table}");
    assert_eq!(table["bytesMax"], 65535);
    // The create answer shows the empty table (real 1.9.6); a read counts the column:
    // 1067 + 4 for an integer that fits 32 bits.
    assert_eq!(table["bytesUsed"], 1067);
    let table = api.get("/tablesdb/db/tables/t").await.body;
    assert_eq!(table["bytesUsed"], 1071);
    let listed = api.get("/tablesdb/db/tables").await.body["tables"][0].clone();
    assert!(listed["bytesUsed"].is_i64());
    // Widening the range later keeps the 4 bytes the column was made with
    // (tour-v19.jsonl 1.9.6 seq 2430 then 2533).
    api.patch(
        "/tablesdb/db/tables/t/columns/integer/n",
        json!({"required": false, "default": null, "min": i64::MIN, "max": i64::MAX}),
    )
    .await
    .assert_status(200);
    let table = api.get("/tablesdb/db/tables/t").await.body;
    assert_eq!(table["bytesUsed"], 1071);
}

#[tokio::test]
async fn integer_fields_are_json_integers() {
    let api = with_row("1.8.0").await;
    let row = api.get(&format!("{ROWS}/r1")).await;
    assert!(row.raw.contains("\"n\":5"), "{}", row.raw);
    // Whole floats are written without a fraction, like PHP's json_encode.
    assert!(
        row.raw.contains("\"f\":5") && !row.raw.contains("\"f\":5.0"),
        "{}",
        row.raw
    );
    let list = api.rows("db", "t", &[]).await;
    assert!(list.raw.contains("\"total\":1"), "{}", list.raw);
    let column = api.get("/tablesdb/db/tables/t/columns/n").await;
    assert!(
        column.raw.contains("\"min\":-9223372036854775808"),
        "{}",
        column.raw
    );
    assert!(
        column.raw.contains("\"max\":9223372036854775807"),
        "{}",
        column.raw
    );
    let float = api.get("/tablesdb/db/tables/t/columns/f").await;
    assert_eq!(float.body["max"].as_f64(), Some(f64::MAX));
}

#[tokio::test]
async fn deletes_answer_204_with_an_empty_body() {
    let api = with_row("1.8.0").await;
    api.index(
        "db",
        "t",
        json!({"key": "i", "type": "key", "columns": ["n"]}),
    )
    .await;
    for path in [
        format!("{ROWS}/r1"),
        "/tablesdb/db/tables/t/indexes/i".to_string(),
        "/tablesdb/db/tables/t/columns/n".to_string(),
        "/tablesdb/db/tables/t".to_string(),
        "/tablesdb/db".to_string(),
    ] {
        let r = api.delete(&path).await;
        assert_eq!(r.status, 204, "{path}: {r:?}");
        assert_eq!(r.raw, "", "{path}");
    }
}

#[tokio::test]
async fn delete_without_a_body_works_too() {
    let api = with_row("1.8.0").await;
    let r = api
        .send(api.request(Method::DELETE, &format!("{ROWS}/r1")))
        .await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
}

#[tokio::test]
async fn json_and_error_headers() {
    let api = with_row("1.8.0").await;
    let ok = api.get(&format!("{ROWS}/r1")).await;
    assert!(
        ok.header("content-type")
            .unwrap()
            .starts_with("application/json"),
        "{ok:?}"
    );
    assert_eq!(ok.header("server"), Some("Appwrite"));
    assert_eq!(ok.header("x-content-type-options"), Some("nosniff"));
    let err = api.get(&format!("{ROWS}/nope")).await;
    assert!(
        err.header("content-type")
            .unwrap()
            .starts_with("application/json"),
        "{err:?}"
    );
    assert_eq!(
        err.header("cache-control"),
        Some("no-cache, no-store, must-revalidate")
    );
    assert_eq!(err.header("expires"), Some("0"));
    assert_eq!(err.header("pragma"), Some("no-cache"));
    assert_eq!(err.header("server"), Some("Appwrite"));
}

#[tokio::test]
async fn error_bodies_have_message_code_type_version() {
    let api = Api::start().await;
    let r = api.get("/tablesdb/nope").await;
    let body = r.body.as_object().unwrap();
    let mut keys: Vec<&str> = body.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "message", "type", "version"]);
    assert_eq!(body["code"], json!(404));
    assert!(body["code"].is_i64());
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn content_type_sent_twice_is_still_json() {
    // The Rust SDK sends `content-type: application/json` twice.
    let api = Api::start().await;
    let r = api
        .send(
            api.request(Method::POST, "/tablesdb")
                .header("content-type", "application/json")
                .header("content-type", "application/json")
                .body(r#"{"databaseId":"db","name":"DB"}"#),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$id"], "db");
}

#[tokio::test]
async fn json_with_charset_is_json() {
    let api = Api::start().await;
    let r = api
        .send(
            api.request(Method::POST, "/tablesdb")
                .header("content-type", "application/json; charset=utf-8")
                .body(r#"{"databaseId":"db","name":"DB"}"#),
        )
        .await;
    r.assert_status(201);
}

#[tokio::test]
async fn json_is_read_only_for_the_json_media_type() {
    let api = Api::start().await;
    let r = api
        .send(
            api.request(Method::POST, "/tablesdb")
                .header("content-type", "text/plain")
                .body(r#"{"databaseId":"db","name":"DB"}"#),
        )
        .await;
    r.assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"databaseId\" is not optional.",
    );
    let r = api
        .send(
            api.request(Method::POST, "/tablesdb")
                .body(r#"{"databaseId":"db","name":"DB"}"#),
        )
        .await;
    r.assert_error(400, "general_argument_invalid");
    api.get("/tablesdb/db")
        .await
        .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn form_encoded_bodies_are_read_as_fields() {
    let api = Api::start().await;
    let r = api
        .send(
            api.request(Method::POST, "/tablesdb")
                .header("content-type", "application/x-www-form-urlencoded")
                .body("databaseId=db&name=My+Shop%21"),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["name"], "My Shop!");
}

#[tokio::test]
async fn query_string_plus_is_a_space() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "title", "type": "string", "size": 20}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"title": "a b&c=d/e+f"}))
        .await
        .assert_status(201);
    // reqwest form-encodes the query string: spaces become `+`, `+` becomes `%2B`.
    let r = api
        .rows("db", "t", &[q("equal", "title", json!(["a b&c=d/e+f"]))])
        .await;
    assert_eq!(r.ids(), ["r1"]);
    let r = api.list("/tablesdb", &[], &[("search", "d b")]).await;
    r.assert_status(200);
}

#[tokio::test]
async fn get_with_a_trailing_question_mark() {
    // The Rust SDK sends `GET …/rows?` when there are no parameters.
    let api = with_row("1.8.0").await;
    let r = api
        .send(api.request(Method::GET, &format!("{ROWS}?")))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 1);
}

#[tokio::test]
async fn optional_null_parameters_count_as_absent() {
    let api = with_row("1.8.0").await;
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r2", "data": {"n": 1}, "permissions": null, "transactionId": null}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$permissions"], json!([]));
    let r = api
        .patch(
            &format!("{ROWS}/r2"),
            json!({"data": {"n": 2}, "permissions": null}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["n"], 2);
    let value: Value = r.body;
    assert!(value["$updatedAt"].is_string());
}
