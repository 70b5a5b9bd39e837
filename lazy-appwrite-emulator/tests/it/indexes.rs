//! Indexes: key/unique/fulltext create/get/list/delete, their model and their errors.

use crate::common;

use common::{Api, is_server_datetime, q};
use serde_json::json;

const INDEXES: &str = "/tablesdb/db/tables/t/indexes";

/// A table with `title` string(100), `body` varchar(50), `count` integer, `price` float and
/// `tags` string[] (inline, so available at once).
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "title", "type": "string", "size": 100},
            {"key": "body", "type": "varchar", "size": 50},
            {"key": "count", "type": "integer"},
            {"key": "price", "type": "double"},
            {"key": "tags", "type": "string", "size": 10, "array": true},
            {"key": "big", "type": "string", "size": 1000}
        ]),
        json!([]),
    )
    .await;
    api
}

#[tokio::test]
async fn create_key_index_with_orders_and_lengths() {
    let api = setup().await;
    let r = api
        .post(INDEXES, json!({"key": "by_title", "type": "key", "columns": ["title", "count"], "orders": ["asc", "DESC"], "lengths": [50, null]}))
        .await;
    r.assert_status(202);
    assert_eq!(r.body["key"], "by_title");
    assert_eq!(r.body["type"], "key");
    assert_eq!(r.body["columns"], json!(["title", "count"]));
    api.wait_index("db", "t", "by_title").await;
    let r = api.get(&format!("{INDEXES}/by_title")).await;
    r.assert_status(200);
    let i = &r.body;
    assert_eq!(i["status"], "available");
    assert_eq!(i["error"], "");
    assert_eq!(i["columns"], json!(["title", "count"]));
    assert_eq!(i["orders"].as_array().unwrap().len(), 2);
    let orders: Vec<String> = i["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap().to_uppercase())
        .collect();
    assert_eq!(orders, ["ASC", "DESC"]);
    let lengths = i["lengths"].as_array().unwrap();
    assert_eq!(lengths[0], 50);
    assert!(
        lengths.iter().all(|l| l.is_i64()),
        "lengths hold integers only: {i}"
    );
    assert!(i["$id"].as_str().unwrap().ends_with("_by_title"), "{i}");
    assert!(is_server_datetime(i["$createdAt"].as_str().unwrap()));
}

#[tokio::test]
async fn create_unique_and_fulltext_indexes() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "u", "type": "unique", "columns": ["count"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "ft", "type": "fulltext", "columns": ["title"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "ft_body", "type": "fulltext", "columns": ["body"]}),
    )
    .await;
    let u = api.get(&format!("{INDEXES}/u")).await.body;
    assert_eq!(u["type"], "unique");
    assert_eq!(u["orders"], json!([]));
    let ft = api.get(&format!("{INDEXES}/ft")).await.body;
    assert_eq!(ft["type"], "fulltext");
    // The unique index is enforced, the fulltext one enables search.
    api.row("db", "t", "a", json!({"count": 1, "title": "hello world"}))
        .await
        .assert_status(201);
    api.row("db", "t", "b", json!({"count": 1}))
        .await
        .assert_error(409, "row_already_exists");
    let r = api
        .rows("db", "t", &[q("search", "title", json!(["world"]))])
        .await;
    assert_eq!(r.ids(), ["a"]);
}

#[tokio::test]
async fn indexes_over_system_attributes() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "by_created", "type": "key", "columns": ["$createdAt", "$id"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "by_updated", "type": "key", "columns": ["$updatedAt"]}),
    )
    .await;
}

#[tokio::test]
async fn identical_and_multiple_fulltext_indexes_are_allowed() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "a", "type": "key", "columns": ["count"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "b", "type": "key", "columns": ["count"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "f1", "type": "fulltext", "columns": ["title"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "f2", "type": "fulltext", "columns": ["title"]}),
    )
    .await;
}

#[tokio::test]
async fn list_and_get_indexes() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "a", "type": "key", "columns": ["count"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "b", "type": "unique", "columns": ["title"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "c", "type": "fulltext", "columns": ["title"]}),
    )
    .await;
    let r = api.get(INDEXES).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids_of("indexes"), ["a", "b", "c"]);
    let r = api
        .list(
            INDEXES,
            &[q("equal", "type", json!(["unique", "fulltext"]))],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("indexes"), ["b", "c"]);
    let r = api
        .list(
            INDEXES,
            &[json!({"method": "limit", "values": [1]})],
            // Real Appwrite ignores `total=false` (it still counts); `total=0` skips counting.
            &[("total", "0")],
        )
        .await;
    assert_eq!(r.ids_of("indexes"), ["a"]);
    assert_eq!(r.body["total"], 0);
    let r = api
        .list(
            INDEXES,
            &[json!({"method": "cursorAfter", "values": ["a"]})],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("indexes"), ["b", "c"]);
    api.get(&format!("{INDEXES}/nope"))
        .await
        .assert_error(404, "column_index_not_found");
    let table = api.get("/tablesdb/db/tables/t").await.body;
    assert_eq!(table["indexes"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn delete_index() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "u", "type": "unique", "columns": ["count"]}),
    )
    .await;
    api.row("db", "t", "a", json!({"count": 1}))
        .await
        .assert_status(201);
    let r = api.delete(&format!("{INDEXES}/u")).await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
    api.wait_gone(&format!("{INDEXES}/u")).await;
    assert_eq!(api.get(INDEXES).await.body["total"], 0);
    // No longer enforced.
    api.row("db", "t", "b", json!({"count": 1}))
        .await
        .assert_status(201);
    api.delete(&format!("{INDEXES}/u"))
        .await
        .assert_error(404, "column_index_not_found");
    // The key can be reused.
    api.index(
        "db",
        "t",
        json!({"key": "u", "type": "key", "columns": ["count"]}),
    )
    .await;
}

#[tokio::test]
async fn index_over_unknown_column_is_column_unknown() {
    let api = setup().await;
    api.post(
        INDEXES,
        json!({"key": "i", "type": "key", "columns": ["nope"]}),
    )
    .await
    .assert_error_msg(
        400,
        "column_unknown",
        "The column 'nope' required for the index could not be found.",
    );
    api.post(
        INDEXES,
        json!({"key": "i", "type": "key", "columns": ["count", "nope"]}),
    )
    .await
    .assert_error(400, "column_unknown");
}

#[tokio::test]
async fn index_over_array_column_is_index_invalid() {
    let api = setup().await;
    api.post(
        INDEXES,
        json!({"key": "i", "type": "key", "columns": ["tags"]}),
    )
    .await
    .assert_error_msg(
        400,
        "index_invalid",
        "Creating indexes on array attributes is not currently supported.",
    );
}

#[tokio::test]
async fn fulltext_on_non_string_is_column_index_invalid() {
    let api = setup().await;
    api.post(
        INDEXES,
        json!({"key": "i", "type": "fulltext", "columns": ["count"]}),
    )
    .await
    .assert_error_msg(
        400,
        "column_index_invalid",
        "Attribute \"count\" cannot be part of a fulltext index, must be of type string",
    );
}

#[tokio::test]
async fn index_validator_errors() {
    let api = setup().await;
    let cases = [
        (
            json!({"key": "i", "type": "key", "columns": ["count", "count"]}),
            "Duplicate attributes provided",
        ),
        (
            json!({"key": "i", "type": "key", "columns": ["title"], "lengths": [101]}),
            "Index length 101 is larger than the size for title",
        ),
        (
            json!({"key": "i", "type": "key", "columns": ["count"], "lengths": [4]}),
            "Cannot set a length on \"integer\" attributes",
        ),
        (
            json!({"key": "i", "type": "key", "columns": ["title"], "lengths": [10, 10]}),
            "Invalid index lengths.",
        ),
        (
            json!({"key": "i", "type": "key", "columns": ["big"]}),
            "Index length is longer than the maximum: 768",
        ),
        (
            json!({"key": "primary", "type": "key", "columns": ["count"]}),
            "Index key name is reserved",
        ),
    ];
    for (body, message) in cases {
        api.post(INDEXES, body)
            .await
            .assert_error_msg(400, "column_index_invalid", message);
    }
    // A length within the limit makes the long column indexable.
    api.index(
        "db",
        "t",
        json!({"key": "i", "type": "key", "columns": ["big"], "lengths": [700]}),
    )
    .await;
}

#[tokio::test]
async fn index_parameter_errors() {
    let api = setup().await;
    api.post(
        INDEXES,
        json!({"key": "i", "type": "btree", "columns": ["count"]}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `type` param");
    api.post(INDEXES, json!({"key": "i", "type": "key"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"columns\" is not optional.",
        );
    api.post(INDEXES, json!({"type": "key", "columns": ["count"]}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"key\" is not optional.",
        );
    api.post(
        INDEXES,
        json!({"key": "i", "type": "key", "columns": ["count"], "orders": ["UP"]}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `orders` param");
    api.post(
        INDEXES,
        json!({"key": "-i", "type": "key", "columns": ["count"]}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
    assert_eq!(api.get(INDEXES).await.body["total"], 0);
}

#[tokio::test]
async fn duplicate_index_key_conflicts() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "i", "type": "key", "columns": ["count"]}),
    )
    .await;
    api.post(
        INDEXES,
        json!({"key": "i", "type": "key", "columns": ["title"]}),
    )
    .await
    .assert_error(409, "column_index_already_exists");
}

#[tokio::test]
async fn deleting_a_column_removes_it_from_indexes() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "pair", "type": "key", "columns": ["title", "count"]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "solo", "type": "key", "columns": ["count"]}),
    )
    .await;
    api.delete("/tablesdb/db/tables/t/columns/count")
        .await
        .assert_status(204);
    api.wait_gone("/tablesdb/db/tables/t/columns/count").await;
    let pair = api.get(&format!("{INDEXES}/pair")).await;
    pair.assert_status(200);
    assert_eq!(pair.body["columns"], json!(["title"]));
    api.get(&format!("{INDEXES}/solo"))
        .await
        .assert_error(404, "column_index_not_found");
}

/// An index left with the columns and orders of another index once a column is deleted
/// goes too (lengths do not count), as Appwrite's worker drops such duplicates
/// (indexes.jsonl 1.8.1 seqs 913–917).
#[tokio::test]
async fn deleting_a_column_drops_an_index_it_leaves_duplicated() {
    let api = setup().await;
    api.index(
        "db",
        "t",
        json!({"key": "title_len", "type": "key", "columns": ["title"], "lengths": [64]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "title_price", "type": "key", "columns": ["title", "price"], "lengths": [32, null]}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "title_price_desc", "type": "key", "columns": ["title", "price"], "orders": ["DESC", "ASC"]}),
    )
    .await;
    api.delete("/tablesdb/db/tables/t/columns/price")
        .await
        .assert_status(204);
    api.wait_gone("/tablesdb/db/tables/t/columns/price").await;
    api.get(&format!("{INDEXES}/title_price"))
        .await
        .assert_error(404, "column_index_not_found");
    // Other orders: not a duplicate, kept without the column.
    let kept = api.get(&format!("{INDEXES}/title_price_desc")).await;
    kept.assert_status(200);
    assert_eq!(kept.body["columns"], json!(["title"]));
    assert_eq!(kept.body["orders"], json!(["DESC"]));
    api.get(&format!("{INDEXES}/title_len"))
        .await
        .assert_status(200);
}

/// 1.8.1 accepts a `key` index over one array column (length 255, no order, as Appwrite
/// sets them) and builds it; other kinds, or two array columns, are refused.
#[tokio::test]
async fn index_over_array_column_is_accepted_on_1_8_1() {
    let api =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    api.table("db", "t").await;
    for key in ["tags", "labels"] {
        api.column(
            "db",
            "t",
            "string",
            json!({"key": key, "size": 32, "required": false, "array": true}),
        )
        .await;
    }
    let r = api
        .post(
            INDEXES,
            json!({"key": "idx_tags", "type": "key", "columns": ["tags"]}),
        )
        .await;
    r.assert_status(202);
    assert_eq!(r.body["lengths"], json!([255]));
    assert_eq!(r.body["orders"], json!([null]));
    api.wait_index("db", "t", "idx_tags").await;
    let r = api.get(&format!("{INDEXES}/idx_tags")).await;
    assert_eq!(r.body["status"], "available");
    assert_eq!(r.body["orders"], json!([null]));
    api.row("db", "t", "r1", json!({"tags": ["a", "b"]}))
        .await
        .assert_status(201);

    api.post(
        INDEXES,
        json!({"key": "u", "type": "unique", "columns": ["tags"]}),
    )
    .await
    .assert_error_msg(
        400,
        "column_index_invalid",
        "\"Unique\" index is forbidden on array attributes",
    );
    api.post(
        INDEXES,
        json!({"key": "two", "type": "key", "columns": ["tags", "labels"]}),
    )
    .await
    .assert_error_msg(
        400,
        "column_index_invalid",
        "An index may only contain one array attribute",
    );
}
