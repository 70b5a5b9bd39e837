//! The asynchronous column and index lifecycle: `processing` → `available`, and `deleting` →
//! gone. Uses a 300 ms processing delay; never asserts timings, only order.

use crate::common;

use std::time::Duration;

use common::{Api, q};
use serde_json::json;

const T: &str = "/tablesdb/db/tables/t";

async fn setup() -> Api {
    let api = Api::start_with_delay(Duration::from_millis(300)).await;
    api.table("db", "t").await;
    api
}

#[tokio::test]
async fn created_column_is_processing_then_available() {
    let api = setup().await;
    let r = api
        .post(
            &format!("{T}/columns/string"),
            json!({"key": "title", "size": 20, "required": false}),
        )
        .await;
    r.assert_status(202);
    assert_eq!(r.body["status"], "processing");
    let got = api.get(&format!("{T}/columns/title")).await;
    assert_eq!(got.body["status"], "processing");
    // Listed (and embedded in the table) while processing.
    assert_eq!(
        api.get(&format!("{T}/columns")).await.body["columns"][0]["status"],
        "processing"
    );
    assert_eq!(api.get(T).await.body["columns"][0]["status"], "processing");

    // Not usable yet: writing it is an unknown attribute, querying it an unknown attribute.
    api.row("db", "t", "r1", json!({"title": "x"}))
        .await
        .assert_error_msg(400, "row_invalid_structure", "Unknown attribute");
    api.rows("db", "t", &[q("equal", "title", json!(["x"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Attribute not found in schema",
        );
    api.rows(
        "db",
        "t",
        &[json!({"method": "orderAsc", "attribute": "title"})],
    )
    .await
    .assert_error(400, "general_query_invalid");
    // Rows written meanwhile do not show it.
    let r = api
        .row("db", "t", "r0", json!({"$permissions": ["read(\"any\")"]}))
        .await;
    r.assert_status(201);
    assert!(r.body.get("title").is_none(), "{r:?}");
    // Nor can it be indexed or updated.
    api.post(
        &format!("{T}/indexes"),
        json!({"key": "i", "type": "key", "columns": ["title"]}),
    )
    .await
    .assert_error(400, "column_not_available");
    api.patch(
        &format!("{T}/columns/string/title"),
        json!({"required": false, "default": null}),
    )
    .await
    .assert_error(400, "column_not_available");

    api.wait_column("db", "t", "title").await;
    api.row("db", "t", "r1", json!({"title": "x"}))
        .await
        .assert_status(201);
    let r = api
        .rows("db", "t", &[q("equal", "title", json!(["x"]))])
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["r1"]);
    // The row written before the column existed reads it as null.
    assert_eq!(
        api.get(&format!("{T}/rows/r0")).await.body["title"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn created_index_is_processing_then_available() {
    let api = setup().await;
    api.column(
        "db",
        "t",
        "string",
        json!({"key": "title", "size": 20, "required": false}),
    )
    .await;
    api.row("db", "t", "r1", json!({"title": "hello world"}))
        .await
        .assert_status(201);
    let r = api
        .post(
            &format!("{T}/indexes"),
            json!({"key": "ft", "type": "fulltext", "columns": ["title"]}),
        )
        .await;
    r.assert_status(202);
    assert_eq!(r.body["status"], "processing");
    assert_eq!(
        api.get(&format!("{T}/indexes/ft")).await.body["status"],
        "processing"
    );
    api.rows("db", "t", &[q("search", "title", json!(["hello"]))])
        .await
        .assert_error_msg(400, "general_query_invalid", "requires a fulltext index");
    api.wait_index("db", "t", "ft").await;
    let r = api
        .rows("db", "t", &[q("search", "title", json!(["hello"]))])
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["r1"]);
}

#[tokio::test]
async fn deleted_column_passes_through_deleting() {
    let api = setup().await;
    api.column("db", "t", "integer", json!({"key": "n", "required": false}))
        .await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    api.delete(&format!("{T}/columns/n"))
        .await
        .assert_status(204);
    let r = api.get(&format!("{T}/columns/n")).await;
    r.assert_status(200);
    assert_eq!(r.body["status"], "deleting");
    api.wait_gone(&format!("{T}/columns/n")).await;
    let row = api.get(&format!("{T}/rows/r1")).await.body;
    assert!(row.get("n").is_none(), "{row}");
    api.row("db", "t", "r2", json!({"n": 1}))
        .await
        .assert_error(400, "row_invalid_structure");
}

#[tokio::test]
async fn deleted_index_passes_through_deleting() {
    let api = setup().await;
    api.column("db", "t", "integer", json!({"key": "n", "required": false}))
        .await;
    api.index(
        "db",
        "t",
        json!({"key": "u", "type": "unique", "columns": ["n"]}),
    )
    .await;
    api.delete(&format!("{T}/indexes/u"))
        .await
        .assert_status(204);
    assert_eq!(
        api.get(&format!("{T}/indexes/u")).await.body["status"],
        "deleting"
    );
    api.wait_gone(&format!("{T}/indexes/u")).await;
}

#[tokio::test]
async fn inline_columns_skip_processing() {
    let api = Api::start_with_delay(Duration::from_millis(300)).await;
    let table = api
        .table_with(
            "db",
            "t",
            json!([{"key": "n", "type": "integer"}]),
            json!([]),
        )
        .await;
    // Real Appwrite 1.9.6: the create answer shows `columns: []`; a read shows the inline
    // column, already available.
    assert_eq!(table["columns"], json!([]));
    let table = api.get("/tablesdb/db/tables/t").await.body;
    assert_eq!(table["columns"][0]["status"], "available");
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
}

#[tokio::test]
async fn column_creation_answer_says_processing_even_without_delay() {
    // The column may turn `available` right after the answer, but the creation answer
    // itself says `processing`, as Appwrite's does.
    let api = Api::start().await;
    api.table("db", "t").await;
    let r = api
        .post(
            &format!("{T}/columns/integer"),
            json!({"key": "n", "required": false}),
        )
        .await;
    r.assert_status(202);
    assert_eq!(r.body["status"], "processing", "{r:?}");
}

#[tokio::test]
async fn index_creation_answer_says_processing_even_without_delay() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    let r = api
        .post(
            &format!("{T}/indexes"),
            json!({"key": "i", "type": "key", "columns": ["n"]}),
        )
        .await;
    r.assert_status(202);
    assert_eq!(r.body["status"], "processing", "{r:?}");
}
