//! `$createdAt` and `$updatedAt` of written rows: one instant per request, as Appwrite
//! stamps a batch (it takes the time once per bulk call), so a bulk write's rows share
//! their stamps (stamped one by one, 100,000 rows pushed the stamps ~100 s ahead of the
//! clock).

use crate::common;

use common::Api;
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api
}

/// The distinct values of `field` over the rows of a bulk answer.
fn stamps(answer: &Value, field: &str) -> Vec<String> {
    let mut seen: Vec<String> = answer["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row[field].as_str().expect("a stamp").to_owned())
        .collect();
    seen.sort();
    seen.dedup();
    seen
}

fn batch(first: usize, count: usize) -> Value {
    let rows: Vec<Value> = (first..first + count)
        .map(|i| json!({"$id": format!("r{i}"), "n": i}))
        .collect();
    json!({ "rows": rows })
}

#[tokio::test]
async fn a_bulk_create_stamps_every_row_alike() {
    let api = setup().await;
    let r = api.post(ROWS, batch(0, 100)).await;
    r.assert_status(201);
    let created = stamps(&r.body, "$createdAt");
    assert_eq!(
        created.len(),
        1,
        "one $createdAt for the batch: {created:?}"
    );
    assert_eq!(stamps(&r.body, "$updatedAt"), created);
}

#[tokio::test]
async fn a_bulk_update_and_a_bulk_upsert_stamp_their_rows_alike() {
    let api = setup().await;
    api.post(ROWS, batch(0, 50)).await.assert_status(201);

    let r = api.patch(ROWS, json!({"data": {"n": -1}})).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 50);
    assert_eq!(stamps(&r.body, "$updatedAt").len(), 1, "{}", r.raw);

    // 25 rows that exist and change, 25 new ones.
    let r = api.put(ROWS, batch(25, 50)).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 50);
    assert_eq!(stamps(&r.body, "$updatedAt").len(), 1, "{}", r.raw);
}
