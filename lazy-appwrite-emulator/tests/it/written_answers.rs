//! A row write's answer is built from what was written where that is exact, without
//! reading the row back: it must equal, byte for byte, what a read of the row returns.

use crate::common;

use common::Api;
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// A table with one column of each storage: text, 64-bit integer, float, boolean,
/// datetime, the string formats, arrays, spatial, and columns with defaults.
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "name", "type": "string", "size": 50},
            {"key": "n", "type": "integer", "min": i64::MIN, "max": i64::MAX},
            {"key": "f", "type": "double"},
            {"key": "flag", "type": "boolean"},
            {"key": "at", "type": "datetime"},
            {"key": "status", "type": "string", "format": "enum", "elements": ["draft", "published"]},
            {"key": "email", "type": "string", "format": "email"},
            {"key": "tags", "type": "string", "size": 10, "array": true},
            {"key": "nums", "type": "double", "array": true},
            {"key": "loc", "type": "point"},
            {"key": "area", "type": "polygon"},
            {"key": "dflt", "type": "integer", "default": 7},
            {"key": "ratio", "type": "double", "default": 0.5}
        ]),
        json!([]),
    )
    .await;
    api
}

/// Rows whose values SQLite might store differently from how they were sent: whole and
/// negative-zero floats, integers past 2^53, datetimes with offsets, unicode, nulls.
fn samples() -> Vec<Value> {
    vec![
        json!({"name": "plain", "n": 1, "f": 1.5, "flag": true}),
        json!({"f": 3, "n": 9_007_199_254_740_993_i64, "flag": false}),
        json!({"f": 3.0, "nums": [1, 2.5, -0.0, 1e300]}),
        json!({"f": -0.0, "ratio": 0}),
        json!({"f": 1e300, "n": -4_611_686_018_427_387_904_i64, "ratio": -2.25}),
        json!({"f": 0.1, "n": 4_611_686_018_427_387_905_i64}),
        json!({"f": 9_007_199_254_740_993_i64, "nums": [9_007_199_254_740_993_i64]}),
        json!({"at": "2024-02-29T23:59:59.999+05:30", "status": "draft"}),
        json!({"at": "2024-01-01", "email": "a@b.co", "tags": ["x", "ÿ", ""]}),
        json!({"name": "日本語 ✓ \u{0}", "tags": []}),
        json!({"loc": [40.7128, -74.006], "area": [[0, 0], [1, 0], [1, 1], [0, 0]]}),
        json!({"loc": [0, -0.0], "area": [[[0.5, 0.5], [2, 0.5], [2, 2], [0.5, 0.5]]]}),
        json!({"name": null, "n": null, "f": null, "flag": null, "tags": null, "dflt": null}),
    ]
}

async fn read(api: &Api, id: &str) -> String {
    let r = api.get(&format!("{ROWS}/{id}")).await;
    r.assert_status(200);
    r.raw
}

#[tokio::test]
async fn a_created_rows_answer_is_what_a_read_returns() {
    let api = setup().await;
    for (i, data) in samples().into_iter().enumerate() {
        let id = format!("c{i}");
        let r = api.row("db", "t", &id, data.clone()).await;
        r.assert_status(201);
        assert_eq!(r.raw, read(&api, &id).await, "create of {data}");
    }
}

#[tokio::test]
async fn an_upsert_that_creates_answers_what_a_read_returns() {
    let api = setup().await;
    for (i, data) in samples().into_iter().enumerate() {
        let id = format!("u{i}");
        let r = api
            .put(&format!("{ROWS}/{id}"), json!({"data": data}))
            .await;
        r.assert_status(200);
        assert_eq!(r.raw, read(&api, &id).await, "upsert of {data}");
    }
}

#[tokio::test]
async fn a_bulk_creates_answer_lists_what_reads_return() {
    let api = setup().await;
    let rows: Vec<Value> = samples()
        .into_iter()
        .enumerate()
        .map(|(i, mut data)| {
            data["$id"] = json!(format!("b{i}"));
            data
        })
        .collect();
    let count = rows.len();
    let r = api.post(ROWS, json!({"rows": rows})).await;
    r.assert_status(201);
    let listed = r.body["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), count);
    for (i, row) in listed.iter().enumerate() {
        let read = read(&api, &format!("b{i}")).await;
        let read: Value = serde_json::from_str(&read).expect("a row body");
        // Compared as JSON text, so that `3` and `3.0` differ.
        assert_eq!(row.to_string(), read.to_string(), "bulk row {i}");
    }
}
