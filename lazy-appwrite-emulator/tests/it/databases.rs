//! Databases: create, get, list, update, delete.

use crate::common;

use common::{Api, is_generated_id, is_server_datetime, q};
use serde_json::json;

#[tokio::test]
async fn create_returns_the_database_model() {
    let api = Api::start().await;
    let r = api
        .post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await;
    r.assert_status(201);
    let db = &r.body;
    assert_eq!(db["$id"], "shop");
    assert_eq!(db["name"], "Shop");
    assert_eq!(db["enabled"], true);
    assert_eq!(db["type"], "tablesdb");
    // Real Appwrite (1.8.1 and 1.9.6) has no `description`, `policies` or `archives` here.
    assert!(
        db.get("policies").is_none() && db.get("archives").is_none(),
        "{db}"
    );
    assert!(
        is_server_datetime(db["$createdAt"].as_str().unwrap()),
        "{db}"
    );
    assert!(
        is_server_datetime(db["$updatedAt"].as_str().unwrap()),
        "{db}"
    );
}

#[tokio::test]
async fn create_disabled() {
    let api = Api::start().await;
    let r = api
        .post(
            "/tablesdb",
            json!({"databaseId": "shop", "name": "Shop", "enabled": false}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["enabled"], false);
}

#[tokio::test]
async fn unique_id_generates_20_hex_chars() {
    let api = Api::start().await;
    let a = api
        .post("/tablesdb", json!({"databaseId": "unique()", "name": "A"}))
        .await;
    let b = api
        .post("/tablesdb", json!({"databaseId": "unique()", "name": "B"}))
        .await;
    a.assert_status(201);
    b.assert_status(201);
    let (a, b) = (
        a.body["$id"].as_str().unwrap(),
        b.body["$id"].as_str().unwrap(),
    );
    assert!(is_generated_id(a), "{a}");
    assert!(is_generated_id(b), "{b}");
    assert_ne!(a, b);
    api.get(&format!("/tablesdb/{a}")).await.assert_status(200);
}

#[tokio::test]
async fn duplicate_id_conflicts() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await
        .assert_status(201);
    let r = api
        .post("/tablesdb", json!({"databaseId": "shop", "name": "Again"}))
        .await;
    r.assert_error(409, "database_already_exists");
    assert_eq!(api.get("/tablesdb/shop").await.body["name"], "Shop");
}

#[tokio::test]
async fn create_validates_its_parameters() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"name": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"databaseId\" is not optional.",
        );
    api.post("/tablesdb", json!({"databaseId": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"name\" is not optional.",
        );
    api.post("/tablesdb", json!({"databaseId": "x", "name": ""}))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `name` param");
    api.post(
        "/tablesdb",
        json!({"databaseId": "x", "name": "n".repeat(129)}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `name` param");
    api.post(
        "/tablesdb",
        json!({"databaseId": "x", "name": "n".repeat(128)}),
    )
    .await
    .assert_status(201);
    api.post("/tablesdb", json!({"databaseId": "_x", "name": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `databaseId` param",
        );
    api.post(
        "/tablesdb",
        json!({"databaseId": "a".repeat(37), "name": "x"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
    // `enabled` is a strict boolean.
    api.post(
        "/tablesdb",
        json!({"databaseId": "y", "name": "y", "enabled": "false"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `enabled` param");
    // A `null` optional parameter counts as not given.
    let r = api
        .post(
            "/tablesdb",
            json!({"databaseId": "z", "name": "z", "enabled": null}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["enabled"], true);
}

#[tokio::test]
async fn get_unknown_database_is_not_found() {
    let api = Api::start().await;
    api.get("/tablesdb/nope").await.assert_error_msg(
        404,
        "database_not_found",
        "Database with the requested ID 'nope' could not be found.",
    );
}

#[tokio::test]
async fn get_returns_what_create_returned() {
    let api = Api::start().await;
    let created = api
        .post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await
        .body;
    let got = api.get("/tablesdb/shop").await;
    got.assert_status(200);
    assert_eq!(got.body, created);
}

#[tokio::test]
async fn list_returns_total_and_databases_in_creation_order() {
    let api = Api::start().await;
    for (id, name) in [("b", "Beta"), ("a", "Alpha"), ("c", "Gamma")] {
        api.post("/tablesdb", json!({"databaseId": id, "name": name}))
            .await
            .assert_status(201);
    }
    let r = api.get("/tablesdb").await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids_of("databases"), ["b", "a", "c"]);
}

#[tokio::test]
async fn list_takes_queries_search_and_total() {
    let api = Api::start().await;
    for (id, name) in [("b", "Beta shop"), ("a", "Alpha"), ("c", "Gamma shop")] {
        api.post("/tablesdb", json!({"databaseId": id, "name": name}))
            .await
            .assert_status(201);
    }
    let r = api
        .list(
            "/tablesdb",
            &[q("equal", "name", json!(["Alpha", "Gamma shop"]))],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("databases"), ["a", "c"]);
    assert_eq!(r.body["total"], 2);

    let r = api
        .list(
            "/tablesdb",
            &[
                json!({"method": "orderDesc", "attribute": "$id"}),
                json!({"method": "limit", "values": [2]}),
            ],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("databases"), ["c", "b"]);
    assert_eq!(r.body["total"], 3, "total ignores the limit");

    let r = api
        .list(
            "/tablesdb",
            &[json!({"method": "offset", "values": [1]})],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("databases"), ["a", "c"]);

    let r = api
        .list(
            "/tablesdb",
            &[json!({"method": "cursorAfter", "values": ["b"]})],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("databases"), ["a", "c"]);

    let r = api.list("/tablesdb", &[], &[("search", "shop")]).await;
    r.assert_status(200);
    assert_eq!(r.ids_of("databases"), ["b", "c"]);

    // Real Appwrite ignores `total=false` (it still counts); `total=0` skips counting.
    let r = api.list("/tablesdb", &[], &[("total", "0")]).await;
    assert_eq!(r.body["total"], 0);
    assert_eq!(r.ids_of("databases").len(), 3);

    // The JS SDKs' indexed encoding.
    let r = api
        .list_indexed("/tablesdb", &[q("equal", "$id", json!(["a"]))], &[])
        .await;
    assert_eq!(r.ids_of("databases"), ["a"]);
}

#[tokio::test]
async fn list_with_invalid_query_is_argument_invalid() {
    let api = Api::start().await;
    api.list("/tablesdb", &[q("equal", "nope", json!(["x"]))], &[])
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `queries` param");
    api.list("/tablesdb", &[json!({"method": "foo"})], &[])
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `queries` param");
    api.list(
        "/tablesdb",
        &[json!({"method": "cursorAfter", "values": ["nope"]})],
        &[],
    )
    .await
    .assert_error_msg(
        400,
        "general_cursor_not_found",
        "Database 'nope' for the 'cursor' value not found.",
    );
}

#[tokio::test]
async fn update_changes_the_name_and_enabled() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await
        .assert_status(201);
    let r = api
        .put("/tablesdb/shop", json!({"name": "Store", "enabled": false}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["name"], "Store");
    assert_eq!(r.body["enabled"], false);
    assert_eq!(r.body["type"], "tablesdb");
    let got = api.get("/tablesdb/shop").await.body;
    assert_eq!(got["name"], "Store");
    assert_eq!(got["enabled"], false);
}

#[tokio::test]
async fn update_without_enabled_re_enables() {
    let api = Api::start().await;
    api.post(
        "/tablesdb",
        json!({"databaseId": "shop", "name": "Shop", "enabled": false}),
    )
    .await
    .assert_status(201);
    let r = api.put("/tablesdb/shop", json!({"name": "Shop"})).await;
    r.assert_status(200);
    assert_eq!(r.body["enabled"], true);
}

#[tokio::test]
async fn update_without_name_keeps_it() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await
        .assert_status(201);
    let r = api.put("/tablesdb/shop", json!({"enabled": false})).await;
    r.assert_status(200);
    assert_eq!(r.body["name"], "Shop");
    assert_eq!(r.body["enabled"], false);
}

/// 1.8.1 needs `name` on update, of databases and of tables (tour-databases.jsonl 1.8.1
/// seq 129, tour-tables.jsonl 1.8.1 seq 240).
#[tokio::test]
async fn update_without_name_is_refused_on_1_8_1() {
    let api =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    api.table("shop", "t").await;
    for path in ["/tablesdb/shop", "/tablesdb/shop/tables/t"] {
        api.put(path, json!({"enabled": false}))
            .await
            .assert_error_msg(
                400,
                "general_argument_invalid",
                "Param \"name\" is not optional.",
            );
    }
}

/// A `null` required parameter fails its validator instead of counting as missing, and
/// the list's `search` describes its minimum of 1 (tour-databases.jsonl 1.8.1 seqs 72,
/// 102); `enabled` is not queryable and a `search` query gets the generic message
/// (seqs 110, 122).
#[tokio::test]
async fn parameter_and_query_wording() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "x", "name": null}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `name` param: Value must be a valid string and at least 1 chars and no longer than 128 chars",
        );
    api.list("/tablesdb", &[], &[("search", "s".repeat(257).as_str())])
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `search` param: Value must be a valid string and at least 1 chars and no longer than 256 chars",
        );
    api.list("/tablesdb", &[], &[("search", "")])
        .await
        .assert_status(200);
    api.list("/tablesdb", &[q("equal", "enabled", json!([true]))], &[])
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `queries` param: Invalid query: Attribute not found in schema: enabled",
        );
    api.list("/tablesdb", &[q("search", "name", json!(["x"]))], &[])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "The query's syntax is invalid. Please check the query and try again.",
        );
}

#[tokio::test]
async fn update_unknown_database_is_not_found() {
    let api = Api::start().await;
    api.put("/tablesdb/nope", json!({"name": "x"}))
        .await
        .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn delete_answers_204_and_removes_tables() {
    let api = Api::start().await;
    api.table("shop", "orders").await;
    let r = api.delete("/tablesdb/shop").await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
    api.get("/tablesdb/shop")
        .await
        .assert_error(404, "database_not_found");
    api.delete("/tablesdb/shop")
        .await
        .assert_error(404, "database_not_found");
    // Re-creating the database gives an empty one.
    api.post("/tablesdb", json!({"databaseId": "shop", "name": "Shop"}))
        .await
        .assert_status(201);
    api.get("/tablesdb/shop/tables/orders")
        .await
        .assert_error(404, "table_not_found");
    assert_eq!(api.get("/tablesdb/shop/tables").await.body["total"], 0);
}
