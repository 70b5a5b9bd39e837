//! Single-row CRUD: create, get (with `select`), list, update (merge), upsert, delete.

use crate::common;

use common::{Api, is_generated_id, is_server_datetime, q};
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// A table with `title` (string 50, required), `count` (integer, default 0), `price`
/// (float), `tags` (string[]) and `note` (string, default "none").
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "title", "type": "string", "size": 50, "required": true},
            {"key": "count", "type": "integer", "default": 0},
            {"key": "price", "type": "double"},
            {"key": "tags", "type": "string", "size": 20, "array": true},
            {"key": "note", "type": "string", "size": 20, "default": "none"}
        ]),
        json!([]),
    )
    .await;
    api
}

#[tokio::test]
async fn create_returns_the_row_model() {
    let api = setup().await;
    let r = api
        .row(
            "db",
            "t",
            "r1",
            json!({"title": "Dune", "count": 3, "price": 9.99, "tags": ["a", "b"]}),
        )
        .await;
    r.assert_status(201);
    let row = &r.body;
    assert_eq!(row["$id"], "r1");
    assert_eq!(row["$sequence"], 1);
    assert_eq!(row["$tableId"], "t");
    assert_eq!(row["$databaseId"], "db");
    assert_eq!(row["$permissions"], json!([]));
    assert!(is_server_datetime(row["$createdAt"].as_str().unwrap()));
    assert_eq!(row["$createdAt"], row["$updatedAt"]);
    assert_eq!(row["title"], "Dune");
    assert_eq!(row["count"], 3);
    assert_eq!(row["price"], 9.99);
    assert_eq!(row["tags"], json!(["a", "b"]));
    assert_eq!(
        row["note"], "none",
        "missing optional column takes its default"
    );
    for internal in [
        "$collection",
        "$table",
        "$tenant",
        "$internalId",
        "$collectionId",
    ] {
        assert!(row.get(internal).is_none(), "{internal} leaked: {row}");
    }
    // Every column is present, null when unset (`[]` for an array, as on real Appwrite).
    let r = api.row("db", "t", "r2", json!({"title": "Emma"})).await;
    r.assert_status(201);
    assert_eq!(r.body["$sequence"], 2);
    assert_eq!(r.body["price"], Value::Null);
    assert_eq!(r.body["tags"], json!([]));
    assert_eq!(r.body["count"], 0);
}

#[tokio::test]
async fn create_with_unique_id() {
    let api = setup().await;
    let r = api.row("db", "t", "unique()", json!({"title": "x"})).await;
    r.assert_status(201);
    let id = r.body["$id"].as_str().unwrap();
    assert!(is_generated_id(id), "{id}");
    api.get(&format!("{ROWS}/{id}")).await.assert_status(200);
}

#[tokio::test]
async fn create_requires_row_id_and_data() {
    let api = setup().await;
    api.post(ROWS, json!({"data": {"title": "x"}}))
        .await
        .assert_error_msg(400, "row_missing_data", "Row ID is required");
    api.post(ROWS, json!({"rowId": "r1"}))
        .await
        .assert_error(400, "row_missing_data");
    // Empty data is no data (Appwrite: `empty($data)`).
    api.post(ROWS, json!({"rowId": "r1", "data": {}}))
        .await
        .assert_error(400, "row_missing_data");
    api.post(ROWS, json!({"rowId": "r1", "data": "not json"}))
        .await
        .assert_error(400, "general_argument_invalid");
    assert_eq!(api.rows("db", "t", &[]).await.body["total"], 0);
}

#[tokio::test]
async fn data_may_be_a_json_string() {
    let api = setup().await;
    let r = api
        .post(ROWS, json!({"rowId": "r1", "data": "{\"title\":\"Dune\"}"}))
        .await;
    r.assert_status(201);
    assert_eq!(r.body["title"], "Dune");
}

#[tokio::test]
async fn system_keys_in_data_are_dropped_or_honoured() {
    let api = setup().await;
    let r = api
        .row(
            "db",
            "t",
            "r1",
            json!({"title": "x", "$id": "other", "$sequence": 99, "$tableId": "zz", "$databaseId": "zz",
                   "$createdAt": "2020-01-02T03:04:05.678+00:00", "$updatedAt": "2021-01-01 00:00:00"}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$id"], "r1");
    assert_eq!(r.body["$sequence"], 1);
    assert_eq!(r.body["$tableId"], "t");
    assert_eq!(r.body["$databaseId"], "db");
    // The API key may set the timestamps.
    assert_eq!(r.body["$createdAt"], "2020-01-02T03:04:05.678+00:00");
    assert_eq!(r.body["$updatedAt"], "2021-01-01T00:00:00.000+00:00");
}

#[tokio::test]
async fn permissions_are_validated_and_expanded() {
    let api = setup().await;
    let r = api
        .post(ROWS, json!({"rowId": "r1", "data": {"title": "x"}, "permissions": ["read(\"any\")", "write(\"user:u1\")"]}))
        .await;
    r.assert_status(201);
    assert_eq!(
        r.body["$permissions"],
        json!([
            "read(\"any\")",
            "update(\"user:u1\")",
            "delete(\"user:u1\")"
        ])
    );
    // `create` is not a row permission.
    api.post(
        ROWS,
        json!({"rowId": "r2", "data": {"title": "x"}, "permissions": ["create(\"any\")"]}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Invalid `permissions` param",
    );
    api.post(
        ROWS,
        json!({"rowId": "r2", "data": {"title": "x"}, "permissions": "read(\"any\")"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
    api.get(&format!("{ROWS}/r2"))
        .await
        .assert_error(404, "row_not_found");
}

#[tokio::test]
async fn get_row_and_select() {
    let api = setup().await;
    api.row(
        "db",
        "t",
        "r1",
        json!({"title": "Dune", "count": 3, "tags": ["a"]}),
    )
    .await
    .assert_status(201);
    let r = api.get(&format!("{ROWS}/r1")).await;
    r.assert_status(200);
    assert_eq!(r.body["title"], "Dune");
    let r = api
        .list(
            &format!("{ROWS}/r1"),
            &[json!({"method": "select", "values": ["title", "tags"]})],
            &[],
        )
        .await;
    r.assert_status(200);
    let row = r.body.as_object().unwrap();
    assert_eq!(row["title"], "Dune");
    assert_eq!(row["tags"], json!(["a"]));
    assert!(!row.contains_key("count"), "{row:?}");
    assert!(!row.contains_key("note"), "{row:?}");
    for system in [
        "$id",
        "$sequence",
        "$createdAt",
        "$updatedAt",
        "$permissions",
        "$tableId",
        "$databaseId",
    ] {
        assert!(row.contains_key(system), "select keeps {system}: {row:?}");
    }
    let r = api
        .list(
            &format!("{ROWS}/r1"),
            &[json!({"method": "select", "values": ["*"]})],
            &[],
        )
        .await;
    assert_eq!(r.body["count"], 3);
    assert_eq!(r.body["note"], "none");
    // Only `select` is allowed on a single-row GET.
    api.list(
        &format!("{ROWS}/r1"),
        &[q("equal", "title", json!(["Dune"]))],
        &[],
    )
    .await
    .assert_error_msg(400, "general_query_invalid", "Invalid query method: equal");
    api.list(
        &format!("{ROWS}/r1"),
        &[json!({"method": "select", "values": ["nope"]})],
        &[],
    )
    .await
    .assert_error(400, "general_query_invalid");
}

#[tokio::test]
async fn get_unknown_row_is_not_found() {
    let api = setup().await;
    api.get(&format!("{ROWS}/nope")).await.assert_error_msg(
        404,
        "row_not_found",
        "Row with the requested ID 'nope' could not be found.",
    );
    api.get("/tablesdb/db/tables/nope/rows/x")
        .await
        .assert_error(404, "table_not_found");
    api.get("/tablesdb/nope/tables/t/rows/x")
        .await
        .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn list_rows_in_insertion_order() {
    let api = setup().await;
    for id in ["c", "a", "b"] {
        api.row("db", "t", id, json!({"title": id}))
            .await
            .assert_status(201);
    }
    let r = api.rows("db", "t", &[]).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids(), ["c", "a", "b"]);
    let seqs: Vec<i64> = r.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["$sequence"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    let r = api
        .rows(
            "db",
            "t",
            &[json!({"method": "select", "values": ["title"]})],
        )
        .await;
    assert!(r.body["rows"][0].get("count").is_none());
    assert_eq!(r.body["rows"][0]["title"], "c");
}

#[tokio::test]
async fn update_merges() {
    let api = setup().await;
    api.row(
        "db",
        "t",
        "r1",
        json!({"title": "Dune", "count": 3, "tags": ["a"]}),
    )
    .await
    .assert_status(201);
    let r = api
        .patch(&format!("{ROWS}/r1"), json!({"data": {"count": 4}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 4);
    assert_eq!(r.body["title"], "Dune");
    assert_eq!(r.body["tags"], json!(["a"]));
    assert_eq!(r.body["$sequence"], 1);
    let got = api.get(&format!("{ROWS}/r1")).await.body;
    assert_eq!(got["count"], 4);
    // Setting null re-applies the default; clearing a column without default leaves null.
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"data": {"note": "x", "price": 1.5}}),
        )
        .await;
    assert_eq!(r.body["note"], "x");
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"data": {"note": null, "price": null}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["note"], "none");
    assert_eq!(r.body["price"], Value::Null);
    // A required column cannot be cleared.
    api.patch(&format!("{ROWS}/r1"), json!({"data": {"title": null}}))
        .await
        .assert_error_msg(
            400,
            "row_invalid_structure",
            "Missing required attribute \"title\"",
        );
}

#[tokio::test]
async fn update_without_changes_keeps_updated_at() {
    let api = setup().await;
    let created = api
        .row("db", "t", "r1", json!({"title": "Dune", "count": 3}))
        .await
        .body;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"data": {"count": 3, "title": "Dune"}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$updatedAt"], created["$updatedAt"]);
    assert_eq!(r.body["$createdAt"], created["$createdAt"]);
}

#[tokio::test]
async fn update_with_empty_payload_is_row_missing_payload() {
    let api = setup().await;
    api.row("db", "t", "r1", json!({"title": "Dune"}))
        .await
        .assert_status(201);
    api.patch(&format!("{ROWS}/r1"), json!({}))
        .await
        .assert_error(400, "row_missing_payload");
    api.patch(&format!("{ROWS}/r1"), json!({"data": {}}))
        .await
        .assert_error(400, "row_missing_payload");
    // Permissions alone are a payload; `[]` clears them.
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"permissions": ["read(\"any\")"]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$permissions"], json!(["read(\"any\")"]));
    assert_eq!(r.body["title"], "Dune");
    let r = api
        .patch(&format!("{ROWS}/r1"), json!({"data": {"count": 1}}))
        .await;
    assert_eq!(
        r.body["$permissions"],
        json!(["read(\"any\")"]),
        "omitted permissions are kept"
    );
    let r = api
        .patch(&format!("{ROWS}/r1"), json!({"permissions": []}))
        .await;
    assert_eq!(r.body["$permissions"], json!([]));
}

#[tokio::test]
async fn update_unknown_row_is_not_found() {
    let api = setup().await;
    api.patch(&format!("{ROWS}/nope"), json!({"data": {"count": 1}}))
        .await
        .assert_error(404, "row_not_found");
}

#[tokio::test]
async fn update_validates_data() {
    let api = setup().await;
    api.row("db", "t", "r1", json!({"title": "Dune"}))
        .await
        .assert_status(201);
    api.patch(&format!("{ROWS}/r1"), json!({"data": {"count": "many"}}))
        .await
        .assert_error(400, "row_invalid_structure");
    api.patch(&format!("{ROWS}/r1"), json!({"data": {"nope": 1}}))
        .await
        .assert_error_msg(400, "row_invalid_structure", "Unknown attribute: \"nope\"");
    assert_eq!(api.get(&format!("{ROWS}/r1")).await.body["count"], 0);
}

#[tokio::test]
async fn upsert_creates_then_updates_with_200() {
    let api = setup().await;
    let r = api
        .put(
            &format!("{ROWS}/r1"),
            json!({"data": {"title": "Dune", "count": 1}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$id"], "r1");
    assert_eq!(r.body["count"], 1);
    assert_eq!(r.body["$sequence"], 1);
    // Real Appwrite refuses an upsert whose data lacks a required column, even when the
    // stored row has it; the other columns are merged.
    api.put(&format!("{ROWS}/r1"), json!({"data": {"count": 2}}))
        .await
        .assert_error(400, "row_invalid_structure");
    let r = api
        .put(
            &format!("{ROWS}/r1"),
            json!({"data": {"title": "Dune", "count": 2}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 2);
    assert_eq!(r.body["title"], "Dune");
    assert_eq!(r.body["$sequence"], 1);
    let r = api.rows("db", "t", &[]).await;
    assert_eq!(r.body["total"], 1);
    // Creating through upsert still needs the required columns.
    api.put(&format!("{ROWS}/r2"), json!({"data": {"count": 2}}))
        .await
        .assert_error_msg(
            400,
            "row_invalid_structure",
            "Missing required attribute \"title\"",
        );
    let r = api
        .put(
            &format!("{ROWS}/r3"),
            json!({"data": {"title": "x"}, "permissions": ["read(\"any\")"]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$permissions"], json!(["read(\"any\")"]));
    api.put(&format!("{ROWS}/r1"), json!({"data": {}}))
        .await
        .assert_error(400, "row_missing_payload");
}

#[tokio::test]
async fn upsert_of_a_new_row_with_empty_payload_is_row_missing_payload() {
    // Upsert.php checks `empty($data) && is_null($permissions)` before looking the row up.
    let api = setup().await;
    api.put(&format!("{ROWS}/fresh"), json!({}))
        .await
        .assert_error(400, "row_missing_payload");
    api.put(&format!("{ROWS}/fresh"), json!({"data": {}}))
        .await
        .assert_error(400, "row_missing_payload");
    api.get(&format!("{ROWS}/fresh"))
        .await
        .assert_error(404, "row_not_found");
}

#[tokio::test]
async fn upsert_data_must_be_a_single_object() {
    // Upsert.php: a list of more than one object is refused with row_missing_payload.
    let api = setup().await;
    api.put(
        &format!("{ROWS}/r1"),
        json!({"data": [{"title": "a"}, {"title": "b"}]}),
    )
    .await
    .assert_error(400, "row_missing_payload");
}

#[tokio::test]
async fn delete_row() {
    let api = setup().await;
    api.row("db", "t", "r1", json!({"title": "Dune"}))
        .await
        .assert_status(201);
    let r = api.delete(&format!("{ROWS}/r1")).await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
    api.get(&format!("{ROWS}/r1"))
        .await
        .assert_error(404, "row_not_found");
    api.delete(&format!("{ROWS}/r1"))
        .await
        .assert_error(404, "row_not_found");
    assert_eq!(api.rows("db", "t", &[]).await.body["total"], 0);
    // The ID is free again; the sequence keeps counting.
    let r = api.row("db", "t", "r1", json!({"title": "Again"})).await;
    r.assert_status(201);
    assert_eq!(r.body["$sequence"], 2);
}

#[tokio::test]
async fn duplicate_row_id_conflicts_case_insensitively() {
    let api = setup().await;
    api.row("db", "t", "abc", json!({"title": "x"}))
        .await
        .assert_status(201);
    api.row("db", "t", "abc", json!({"title": "y"}))
        .await
        .assert_error(409, "row_already_exists");
    api.row("db", "t", "ABC", json!({"title": "y"}))
        .await
        .assert_error(409, "row_already_exists");
    let r = api.rows("db", "t", &[]).await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["rows"][0]["title"], "x");
}

#[tokio::test]
async fn sequences_are_per_table() {
    let api = setup().await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "u", "name": "u", "columns": [{"key": "n", "type": "integer"}]}),
    )
    .await
    .assert_status(201);
    api.row("db", "t", "a", json!({"title": "x"}))
        .await
        .assert_status(201);
    api.row("db", "t", "b", json!({"title": "x"}))
        .await
        .assert_status(201);
    let r = api.row("db", "u", "a", json!({"n": 1})).await;
    r.assert_status(201);
    assert_eq!(r.body["$sequence"], 1);
}

#[tokio::test]
async fn a_single_create_takes_permissions_from_the_parameter_only() {
    let api = setup().await;
    // `$permissions` inside `data` is dropped (tour-rows.jsonl 1.8.1 seq 972, 1.9.6 seq
    // 970): the key's row gets none.
    let r = api
        .row(
            "db",
            "t",
            "r1",
            json!({"title": "x", "$permissions": ["read(\"any\")"]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$permissions"], json!([]));
    // `$collectionId` is no TablesDB key: an unknown attribute (seq 975 / 973).
    let r = api
        .row("db", "t", "r3", json!({"title": "x", "$collectionId": "t"}))
        .await;
    r.assert_error_msg(
        400,
        "row_invalid_structure",
        "Invalid document structure: Unknown attribute: \"$collectionId\"",
    );
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r2", "data": {"title": "x", "$permissions": ["read(\"any\")"]}, "permissions": ["read(\"users\")"]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$permissions"], json!(["read(\"users\")"]));
}

#[tokio::test]
async fn timestamp_header_guards_writes() {
    let api = setup().await;
    api.row("db", "t", "r1", json!({"title": "x"}))
        .await
        .assert_status(201);
    let with_ts = |method: reqwest::Method, ts: &str| {
        api.request(method, &format!("{ROWS}/r1"))
            .header("X-Appwrite-Timestamp", ts)
    };
    let old = "2000-01-01T00:00:00.000+00:00";
    let r = api
        .send(with_ts(reqwest::Method::PATCH, old).json(&json!({"data": {"count": 1}})))
        .await;
    r.assert_error_msg(
        409,
        "row_update_conflict",
        "Remote row is newer than local.",
    );
    let r = api
        .send(with_ts(reqwest::Method::DELETE, old).json(&json!({})))
        .await;
    r.assert_error(409, "row_update_conflict");
    let r = api
        .send(with_ts(reqwest::Method::PATCH, "not a date").json(&json!({"data": {"count": 1}})))
        .await;
    r.assert_error_msg(
        400,
        "general_argument_invalid",
        "Invalid X-Appwrite-Timestamp header value",
    );
    let future = "2999-01-01T00:00:00.000+00:00";
    let r = api
        .send(with_ts(reqwest::Method::PATCH, future).json(&json!({"data": {"count": 1}})))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 1);
}

#[tokio::test]
async fn ttl_lists_are_cached_per_query_until_purged() {
    let api = setup().await;
    api.row("db", "t", "a", json!({"title": "A"}))
        .await
        .assert_status(201);
    let order = [q("orderAsc", "$id", json!([]))];
    let cached = |ttl: &'static str| {
        let api = &api;
        let order = &order;
        async move { api.list(ROWS, order, &[("ttl", ttl)]).await }
    };
    // As real Appwrite 1.9.6 answers (tour-v19.jsonl 1.9.6 seq 2537–2562): the first read
    // with `ttl` fills the cache; the same query with any `ttl` reads it back, also after a
    // row write; `ttl=0` and no `ttl` read fresh rows.
    let r = cached("60").await;
    assert_eq!(r.header("x-appwrite-cache"), Some("miss"));
    assert_eq!(r.body["total"], 1);
    api.row("db", "t", "b", json!({"title": "B"}))
        .await
        .assert_status(201);
    for ttl in ["60", "30"] {
        let r = cached(ttl).await;
        assert_eq!(r.header("x-appwrite-cache"), Some("hit"));
        assert_eq!(
            (r.ids(), &r.body["total"]),
            (vec!["a".to_string()], &json!(1))
        );
    }
    let r = cached("0").await;
    assert_eq!(r.header("x-appwrite-cache"), None);
    assert_eq!(r.ids(), ["a", "b"]);
    assert_eq!(api.rows("db", "t", &order).await.ids(), ["a", "b"]);
    // Another query is another entry.
    let r = api.list(ROWS, &[], &[("ttl", "60")]).await;
    assert_eq!(r.header("x-appwrite-cache"), Some("miss"));
    assert_eq!(r.ids(), ["a", "b"]);
    // `purge` on the table update empties the cache; it is a loose boolean.
    let table = "/tablesdb/db/tables/t";
    api.put(table, json!({"name": "T", "purge": "yes"}))
        .await
        .assert_error(400, "general_argument_invalid");
    api.put(table, json!({"name": "T", "purge": false}))
        .await
        .assert_status(200);
    assert_eq!(cached("60").await.ids(), ["a"]);
    api.put(table, json!({"name": "T", "purge": 1}))
        .await
        .assert_status(200);
    let r = cached("60").await;
    assert_eq!(r.header("x-appwrite-cache"), Some("miss"));
    assert_eq!(r.ids(), ["a", "b"]);
}

#[tokio::test]
async fn the_legacy_documents_routes_read_rows() {
    let api = setup().await;
    api.row("db", "t", "a", json!({"title": "A"}))
        .await
        .assert_status(201);
    // As real Appwrite 1.9.6 answers (tour-v19.jsonl 1.9.6 seq 2536, 2570, 2576).
    let docs = "/databases/db/collections/t/documents";
    let r = api.get(docs).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 1);
    let doc = &r.body["documents"][0];
    assert_eq!(
        (&doc["$id"], &doc["$collectionId"]),
        (&json!("a"), &json!("t"))
    );
    assert!(doc.get("$tableId").is_none(), "{doc}");
    let r = api.get(&format!("{docs}/a")).await;
    r.assert_status(200);
    assert_eq!(r.body["$collectionId"], "t");
    api.get(&format!("{docs}/nope")).await.assert_error_msg(
        404,
        "document_not_found",
        "Document with the requested ID 'nope' could not be found.",
    );
    api.get("/databases/db/collections/nope/documents")
        .await
        .assert_error(404, "collection_not_found");
}

/// 1.8.1 reads a column whose key has a dot back under its storage name too (the dot
/// dropped), with `null` under its key; the write's own answer and 1.9.6 show the key only
/// (columns.jsonl 1.8.1 seqs 572 and 573).
#[tokio::test]
async fn dotted_keys_read_back_under_their_storage_name_on_1_8_1() {
    for (version, storage_name) in [
        (lazy_appwrite_emulator::AppwriteVersion::V1_8_1, true),
        (lazy_appwrite_emulator::AppwriteVersion::V1_9_6, false),
    ] {
        let api = Api::start_custom(|b| b.appwrite_version(version)).await;
        api.table("db", "t").await;
        api.column(
            "db",
            "t",
            "string",
            json!({"key": "dot.key", "size": 10, "required": false}),
        )
        .await;
        let created = api.row("db", "t", "r1", json!({"dot.key": "v"})).await;
        created.assert_status(201);
        assert_eq!(created.body["dot.key"], "v");
        assert!(created.body.get("dotkey").is_none());
        let read = api.get(&format!("{ROWS}/r1")).await;
        let listed = api.get(ROWS).await;
        for row in [&read.body, &listed.body["rows"][0]] {
            if storage_name {
                assert_eq!(row["dot.key"], Value::Null, "{row}");
                assert_eq!(row["dotkey"], "v", "{row}");
            } else {
                assert_eq!(row["dot.key"], "v", "{row}");
                assert!(row.get("dotkey").is_none(), "{row}");
            }
        }
    }
}
