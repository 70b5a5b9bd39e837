//! Path parameters: each route checks its path IDs in Appwrite's declared order, after the
//! scope and before any body parameter, and names them as Appwrite's route does.

use crate::common;

use common::Api;
use serde_json::json;

const UID: &str = "UID must contain at most 36 chars";
const KEY: &str = "Parameter must contain at most 36 chars";

async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "title", "type": "string", "size": 100}, {"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api
}

#[tokio::test]
async fn path_ids_come_before_body_parameters() {
    let api = setup().await;
    // A create with a bad database ID and a bad `rowId`: the path's `databaseId` is
    // declared first.
    api.post(
        "/tablesdb/_db/tables/t/rows",
        json!({"rowId": "_bad", "data": {"title": "x"}}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Invalid `databaseId` param: UID",
    );
    // Then `tableId`, then `rowId`, each before the body's `transactionId`.
    api.patch(
        "/tablesdb/db/tables/-t/rows/_r",
        json!({"data": {"title": "x"}, "transactionId": "bad id"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `tableId` param");
    api.patch(
        "/tablesdb/db/tables/t/rows/_r",
        json!({"data": {"title": "x"}, "transactionId": "bad id"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `rowId` param");
    // An increment's `{column}` is a key, checked after the row ID.
    api.patch(
        "/tablesdb/db/tables/t/rows/r/bad%20key/increment",
        json!({"value": "abc"}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        &format!("Invalid `column` param: {KEY}"),
    );
    // A team's ID before its membership's.
    api.get("/teams/_team/memberships/_m")
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `teamId` param");
    // A user's ID before the listing's own parameters.
    api.list("/users/_u/sessions", &[], &[("total", "maybe")])
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            &format!("Invalid `userId` param: {UID}"),
        );
    api.assert_alive().await;
}

#[tokio::test]
async fn legacy_document_paths_use_appwrite_names() {
    let api = setup().await;
    api.get("/databases/db/collections/-t/documents")
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `collectionId` param: UID",
        );
    api.get("/databases/db/collections/t/documents/bad$id")
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `documentId` param: UID",
        );
    api.get("/databases/_db/collections/t/documents/r")
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `databaseId` param",
        );
    api.get("/databases/db/collections/t/documents")
        .await
        .assert_status(200);
}

#[tokio::test]
async fn column_routes_check_kind_then_key() {
    let api = setup().await;
    let cols = "/tablesdb/db/tables/t/columns";
    // A kind the release lacks is no route, before the key is looked at.
    api.patch(
        &format!("{cols}/nokind/bad%20key"),
        json!({"required": false}),
    )
    .await
    .assert_error(404, "general_route_not_found");
    api.patch(
        &format!("{cols}/string/bad%20key"),
        json!({"required": false}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        &format!("Invalid `key` param: {KEY}"),
    );
    // A column read names its segment `key`.
    api.get(&format!("{cols}/bad%20key"))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
    api.get(&format!("{cols}/title")).await.assert_status(200);
}

#[tokio::test]
async fn relationship_updates_by_either_path() {
    let api = setup().await;
    api.table("db", "u").await;
    api.post(
        "/tablesdb/db/tables/t/columns/relationship",
        json!({"relatedTableId": "u", "type": "oneToOne", "key": "other"}),
    )
    .await
    .assert_status(202);
    api.wait_column("db", "t", "other").await;
    let cols = "/tablesdb/db/tables/t/columns";
    let r = api
        .patch(
            &format!("{cols}/other/relationship"),
            json!({"onDelete": "cascade"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["onDelete"], "cascade");
    let r = api
        .patch(
            &format!("{cols}/relationship/other"),
            json!({"onDelete": "setNull"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["onDelete"], "setNull");
    api.patch(&format!("{cols}/bad%20key/relationship"), json!({}))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
    api.patch(&format!("{cols}/relationship/bad%20key"), json!({}))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
}

#[tokio::test]
async fn a_staged_increment_of_a_bad_column_key_fails_its_commit() {
    let api = setup().await;
    api.row("db", "t", "r", json!({"n": 1}))
        .await
        .assert_status(201);
    let txn = api.post("/tablesdb/transactions", json!({})).await;
    txn.assert_status(201);
    let txn = txn.body["$id"].as_str().unwrap_or_default().to_string();
    api.post(
        &format!("/tablesdb/transactions/{txn}/operations"),
        json!({"operations": [{
            "action": "increment", "databaseId": "db", "tableId": "t", "rowId": "r",
            "data": {"column": "bad key", "value": 1}
        }]}),
    )
    .await
    .assert_status(201);
    let r = api
        .patch(
            &format!("/tablesdb/transactions/{txn}"),
            json!({"commit": true}),
        )
        .await;
    // Checked as the increment route checks its path.
    r.assert_error_msg(400, "general_argument_invalid", "Invalid `column` param");
}

#[tokio::test]
async fn a_row_request_checks_its_transaction_id_after_its_path() {
    let api = setup().await;
    let bad_txn = "Invalid `transactionId` param: UID";
    // After the path's IDs …
    api.get("/tablesdb/db/tables/t/rows/_r?transactionId=bad%20id")
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `rowId` param");
    // … and before the endpoint's own parameters.
    api.post(
        "/tablesdb/db/tables/t/rows",
        json!({"rowId": "_bad", "data": 5, "transactionId": "bad id"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", bad_txn);
    api.patch(
        "/tablesdb/db/tables/t/rows/r/n/increment",
        json!({"value": "abc", "transactionId": 5}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", bad_txn);
    // An empty one names no transaction: the row is written at once.
    api.post(
        "/tablesdb/db/tables/t/rows",
        json!({"rowId": "r", "data": {"n": 1}, "transactionId": ""}),
    )
    .await
    .assert_status(201);
    api.get("/tablesdb/db/tables/t/rows/r")
        .await
        .assert_status(200);
}
