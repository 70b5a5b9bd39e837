//! `PATCH …/rows/{rowId}/{column}/increment` and `…/decrement`: values,
//! bounds, parameter errors, the column/row lookups and their quirky errors, permissions and
//! atomicity.

use crate::common;

use common::{Api, is_server_datetime};
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// A table with `count` (integer), `small` (integer 0…100, 32-bit), `score` (float),
/// `title` (string) and `nums` (integer[]); row `r1` has count 5, small 50, score 1.5.
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "count", "type": "integer"},
            {"key": "small", "type": "integer", "min": 0, "max": 100},
            {"key": "score", "type": "double"},
            {"key": "title", "type": "string", "size": 20},
            {"key": "nums", "type": "integer", "array": true}
        ]),
        json!([]),
    )
    .await;
    api.row(
        "db",
        "t",
        "r1",
        json!({"count": 5, "small": 50, "score": 1.5, "title": "x", "nums": [1]}),
    )
    .await
    .assert_status(201);
    api
}

fn inc(row: &str, column: &str) -> String {
    format!("{ROWS}/{row}/{column}/increment")
}

fn dec(row: &str, column: &str) -> String {
    format!("{ROWS}/{row}/{column}/decrement")
}

#[tokio::test]
async fn increment_and_decrement_integers() {
    let api = setup().await;
    let r = api.patch(&inc("r1", "count"), json!({})).await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 6, "default value is 1");
    assert_eq!(r.body["$id"], "r1");
    assert_eq!(r.body["$tableId"], "t");
    assert_eq!(r.body["$databaseId"], "db");
    assert_eq!(r.body["$sequence"], 1);
    assert_eq!(r.body["title"], "x", "the whole row comes back");
    let r = api.patch(&inc("r1", "count"), json!({"value": 4})).await;
    assert_eq!(r.body["count"], 10);
    let r = api.patch(&dec("r1", "count"), json!({})).await;
    assert_eq!(r.body["count"], 9);
    let r = api.patch(&dec("r1", "count"), json!({"value": 20})).await;
    assert_eq!(r.body["count"], -11, "no min: may go negative");
    assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["count"], -11);
    // A `null` bound counts as not given; a `null` value is a bare 500 on real Appwrite
    // 1.9.6 (the default profile), and nothing changes.
    let r = api.patch(&inc("r1", "count"), json!({"max": null})).await;
    assert_eq!(r.body["count"], -10);
    api.patch(&inc("r1", "count"), json!({"value": null}))
        .await
        .assert_error(500, "general_unknown");
    assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["count"], -10);
}

#[tokio::test]
async fn floats_and_whole_float_values() {
    let api = setup().await;
    let r = api.patch(&inc("r1", "score"), json!({"value": 0.25})).await;
    r.assert_status(200);
    assert_eq!(r.body["score"], 1.75);
    let r = api.patch(&dec("r1", "score"), json!({"value": 0.75})).await;
    assert_eq!(
        r.body["score"], 1,
        "whole floats are written without a fraction"
    );
    // The Rust SDK sends `2.0` for an integer column.
    let r = api.patch(&inc("r1", "count"), json!({"value": 2.0})).await;
    r.assert_status(200);
    assert_eq!(r.body["count"], json!(7));
    assert!(r.body["count"].is_i64(), "{}", r.body["count"]);
    // A fractional step on an integer column rounds as MariaDB stores it (half to even).
    let r = api.patch(&inc("r1", "count"), json!({"value": 0.5})).await;
    assert_eq!(r.body["count"], json!(8));
    // Numeric strings pass PHP's Numeric validator.
    let r = api.patch(&inc("r1", "count"), json!({"value": "2"})).await;
    assert_eq!(r.body["count"], json!(10));
}

#[tokio::test]
async fn null_counts_as_zero() {
    let api = setup().await;
    api.row("db", "t", "empty", json!({"title": "empty"}))
        .await
        .assert_status(201);
    let r = api.patch(&inc("empty", "count"), json!({"value": 3})).await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 3);
    let r = api
        .patch(&dec("empty", "score"), json!({"value": 1.5}))
        .await;
    assert_eq!(r.body["score"], -1.5);
}

#[tokio::test]
async fn bounds() {
    let api = setup().await;
    // Reaching the bound exactly is fine.
    let r = api
        .patch(&inc("r1", "count"), json!({"value": 3, "max": 8}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 8);
    let r = api.patch(&inc("r1", "count"), json!({"max": 8})).await;
    r.assert_error(400, "column_limit_exceeded");
    assert_eq!(
        r.message(),
        "tablesDB \"count\" has reached the maximum value of 8"
    );
    let r = api
        .patch(&dec("r1", "count"), json!({"value": 9, "min": 0}))
        .await;
    r.assert_error(400, "column_limit_exceeded");
    assert_eq!(
        r.message(),
        "tablesDB \"count\" has reached the minimum value of 0"
    );
    let r = api
        .patch(&dec("r1", "count"), json!({"value": 8, "min": 0}))
        .await;
    assert_eq!(r.body["count"], 0);
    // Float bounds are written as PHP prints them.
    let r = api
        .patch(&inc("r1", "score"), json!({"value": 1, "max": 2.25}))
        .await;
    assert_eq!(
        r.message(),
        "tablesDB \"score\" has reached the maximum value of 2.25"
    );
    let r = api
        .patch(&inc("r1", "score"), json!({"value": 1, "max": 2.0}))
        .await;
    assert_eq!(
        r.message(),
        "tablesDB \"score\" has reached the maximum value of 2"
    );
    // Nothing changed by the refused calls.
    let row = api.get(&format!("{ROWS}/r1")).await.body;
    assert_eq!(
        (row["count"].clone(), row["score"].clone()),
        (json!(0), json!(1.5))
    );
}

#[tokio::test]
async fn column_range_is_not_enforced_but_storage_width_is() {
    let api = setup().await;
    // `small` allows 0…100; Appwrite writes the counter with plain SQL.
    let r = api.patch(&inc("r1", "small"), json!({"value": 60})).await;
    r.assert_status(200);
    assert_eq!(r.body["small"], 110);
    // Past the 32-bit column's storage: a database error.
    let r = api
        .patch(&inc("r1", "small"), json!({"value": 3_000_000_000i64}))
        .await;
    r.assert_error(500, "general_unknown");
    // Past 64 bits, real Appwrite (1.9.6) answers the sum as a float and changes nothing.
    let r = api
        .patch(&inc("r1", "count"), json!({"value": i64::MAX}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], json!(5.0 + i64::MAX as f64));
    assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["count"], 5);
}

#[tokio::test]
async fn the_stored_sum_is_a_double() {
    let api = setup().await;
    api.column(
        "db",
        "t",
        "integer",
        json!({"key": "wide", "required": false}),
    )
    .await;
    api.patch(&format!("{ROWS}/r1"), json!({"data": {"wide": 5}}))
        .await
        .assert_status(200);
    // MariaDB adds the step as a DOUBLE: the answer is the exact sum, the row keeps it
    // rounded to a double (tour-v19.jsonl 1.9.6 seq 2427, 2429).
    let r = api
        .patch(
            &inc("r1", "wide"),
            json!({"value": 9_223_372_036_854_775_000i64 - 5}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["wide"], json!(9_223_372_036_854_775_000i64));
    let row = api.get(&format!("{ROWS}/r1")).await;
    assert_eq!(row.body["wide"], json!(9_223_372_036_854_774_784i64));
    // Small sums are exact.
    let r = api.patch(&dec("r1", "small"), json!({"value": 7})).await;
    assert_eq!(r.body["small"], 43);
    assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["small"], 43);
}

#[tokio::test]
async fn value_must_be_positive_and_numeric() {
    let api = setup().await;
    for value in [json!(0), json!(-1), json!(-0.5)] {
        for path in [inc("r1", "count"), dec("r1", "count")] {
            let r = api.patch(&path, json!({ "value": value })).await;
            r.assert_error(400, "general_argument_invalid");
            assert_eq!(r.message(), "Value must be numeric and greater than 0");
        }
    }
    let r = api
        .patch(&inc("r1", "count"), json!({"value": "abc"}))
        .await;
    r.assert_error(400, "general_argument_invalid");
    assert_eq!(
        r.message(),
        "Invalid `value` param: Value must be a valid number"
    );
    let r = api.patch(&inc("r1", "count"), json!({"value": true})).await;
    r.assert_error(400, "general_argument_invalid");
    let r = api.patch(&inc("r1", "count"), json!({"max": "x"})).await;
    assert_eq!(
        r.message(),
        "Invalid `max` param: Value must be a valid number or null"
    );
    let r = api.patch(&dec("r1", "count"), json!({"min": [1]})).await;
    assert_eq!(
        r.message(),
        "Invalid `min` param: Value must be a valid number or null"
    );
    // A non-positive value is reported before an unknown column (Appwrite checks it first).
    let r = api.patch(&inc("r1", "nope"), json!({"value": 0})).await;
    r.assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn lookups_and_types() {
    let api = setup().await;
    // Unknown column, and (quirk) unknown row: both `column_not_found`, with Appwrite's
    // unformatted message.
    for path in [
        inc("r1", "nope"),
        inc("missing", "count"),
        dec("missing", "count"),
    ] {
        let r = api.patch(&path, json!({})).await;
        r.assert_error(404, "column_not_found");
        assert_eq!(
            r.message(),
            "Column with the requested key '%s' could not be found."
        );
    }
    // Column keys are exact.
    api.patch(&inc("r1", "COUNT"), json!({}))
        .await
        .assert_error(404, "column_not_found");
    for (column, label) in [("title", "title"), ("nums", "nums")] {
        let r = api.patch(&inc("r1", column), json!({})).await;
        r.assert_error(400, "attribute_type_invalid");
        assert_eq!(r.message(), format!("tablesDB \"{label}\" is not a number"));
    }
    api.patch(
        "/tablesdb/db/tables/nope/rows/r1/count/increment",
        json!({}),
    )
    .await
    .assert_error(404, "table_not_found");
    api.patch("/tablesdb/nope/tables/t/rows/r1/count/increment", json!({}))
        .await
        .assert_error(404, "database_not_found");
    let r = api.patch(&inc("r1", "$id"), json!({})).await;
    r.assert_error(400, "general_argument_invalid");
    assert!(r.message().starts_with("Invalid `column` param: "), "{r:?}");
    let r = api.patch(&inc("_bad", "count"), json!({})).await;
    r.assert_error(400, "general_argument_invalid");
    assert!(r.message().starts_with("Invalid `rowId` param: "), "{r:?}");
    // Other methods on the path are unknown routes.
    api.send(api.request(reqwest::Method::POST, &inc("r1", "count")))
        .await
        .assert_error(404, "general_route_not_found");
}

#[tokio::test]
async fn updated_at_moves_but_the_answer_shows_the_row_as_read() {
    let api = setup().await;
    let before = api.get(&format!("{ROWS}/r1")).await.body;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let r = api.patch(&inc("r1", "count"), json!({})).await;
    // As on Appwrite: the document read before the change, with the new counter.
    assert_eq!(r.body["$updatedAt"], before["$updatedAt"]);
    assert_eq!(r.body["$createdAt"], before["$createdAt"]);
    let after = api.get(&format!("{ROWS}/r1")).await.body;
    let updated = after["$updatedAt"].as_str().unwrap();
    assert!(is_server_datetime(updated));
    assert!(updated > before["$updatedAt"].as_str().unwrap());
    assert_eq!(after["count"], 6);
}

#[tokio::test]
async fn timestamp_header_is_not_consulted() {
    let api = setup().await;
    let r = api
        .send(
            api.request(reqwest::Method::PATCH, &inc("r1", "count"))
                .header("X-Appwrite-Timestamp", "2000-01-01T00:00:00.000+00:00")
                .json(&json!({})),
        )
        .await;
    r.assert_status(200);
}

/// Creates table `p` with these table permissions and row security, and row `r1` (count 1)
/// with these row permissions, using the key.
async fn permission_setup(
    table_permissions: Value,
    row_security: bool,
    row_permissions: Value,
) -> Api {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await
        .assert_status(201);
    api.post(
        "/tablesdb/db/tables",
        json!({
            "tableId": "p", "name": "p",
            "permissions": table_permissions, "rowSecurity": row_security,
            "columns": [{"key": "count", "type": "integer"}]
        }),
    )
    .await
    .assert_status(201);
    api.post(
        "/tablesdb/db/tables/p/rows",
        json!({"rowId": "r1", "data": {"count": 1}, "permissions": row_permissions}),
    )
    .await
    .assert_status(201);
    api
}

const P_INC: &str = "/tablesdb/db/tables/p/rows/r1/count/increment";

#[tokio::test]
async fn guests_need_update_permission() {
    let mut api = permission_setup(json!(["read(\"any\")"]), false, json!([])).await;
    api.with_key = false;
    api.patch(P_INC, json!({}))
        .await
        .assert_error(401, "user_unauthorized");
    api.with_key = true;
    assert_eq!(
        api.get("/tablesdb/db/tables/p/rows/r1").await.body["count"],
        1
    );

    let mut api = permission_setup(json!(["update(\"any\")"]), false, json!([])).await;
    api.with_key = false;
    let r = api.patch(P_INC, json!({})).await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 2, "no read permission is needed");

    // Row security: the row's own update permission.
    let mut api = permission_setup(json!([]), true, json!(["update(\"guests\")"])).await;
    api.with_key = false;
    assert_eq!(api.patch(P_INC, json!({})).await.body["count"], 2);
    // Without row security the row's permissions do not count.
    let mut api = permission_setup(json!([]), false, json!(["update(\"guests\")"])).await;
    api.with_key = false;
    api.patch(P_INC, json!({}))
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn disabled_tables_are_not_hidden_here() {
    // Appwrite's increment/decrement only check that the database and table exist.
    let mut api = permission_setup(json!(["update(\"any\")"]), false, json!([])).await;
    api.put(
        "/tablesdb/db/tables/p",
        json!({"name": "p", "enabled": false, "permissions": ["update(\"any\")"]}),
    )
    .await
    .assert_status(200);
    api.with_key = false;
    api.patch(P_INC, json!({})).await.assert_status(200);
    api.get("/tablesdb/db/tables/p/rows/r1")
        .await
        .assert_error(404, "table_not_found");
}

#[tokio::test]
async fn concurrent_increments_are_atomic() {
    let api = setup().await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let api = api.clone();
        let path = if i % 2 == 0 {
            inc("r1", "count")
        } else {
            inc("r1", "score")
        };
        let url = api.url(&path);
        tasks.spawn(async move {
            let request = api
                .http
                .patch(url)
                .header("X-Appwrite-Project", "test")
                .header("X-Appwrite-Key", "test-key")
                .json(&json!({"value": 1}));
            api.send(request).await.status
        });
    }
    while let Some(status) = tasks.join_next().await {
        assert_eq!(status.expect("task"), 200);
    }
    let row = api.get(&format!("{ROWS}/r1")).await.body;
    assert_eq!(row["count"], 25);
    assert_eq!(row["score"], 21.5);
}

#[tokio::test]
async fn sequence_is_a_string_for_1_9_clients() {
    let mut api = setup().await;
    api.format = "1.9.0".into();
    let r = api.patch(&inc("r1", "count"), json!({})).await;
    assert_eq!(r.body["$sequence"], "1");
}
