//! Transactions and the staging of row writes through `transactionId`
//! (§4.5): the transaction endpoints, staged answers, read-your-writes, commit (all or
//! nothing, with conflicts), rollback, expiry, limits, who sees which transaction, and the
//! legacy error types.

use crate::common;

use std::time::Duration;

use common::{Api, Res, is_generated_id, is_server_datetime, q};
use reqwest::Method;
use serde_json::{Value, json};

const TX: &str = "/tablesdb/transactions";
const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// `db.t` with `title` (string) and `count` (integer 0…1000), open to everyone; rows
/// `r1` (title one, count 1) and `r2` (title two, count 2).
async fn setup() -> Api {
    setup_with(Api::start().await).await
}

async fn setup_with(api: Api) -> Api {
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await
        .assert_status(201);
    api.post(
        "/tablesdb/db/tables",
        json!({
            "tableId": "t",
            "name": "t",
            "columns": [
                {"key": "title", "type": "string", "size": 32},
                {"key": "count", "type": "integer", "min": 0, "max": 1000}
            ],
            "permissions": ["create(\"any\")", "read(\"any\")", "update(\"any\")", "delete(\"any\")"]
        }),
    )
    .await
    .assert_status(201);
    for (id, title, count) in [("r1", "one", 1), ("r2", "two", 2)] {
        api.row("db", "t", id, json!({"title": title, "count": count}))
            .await
            .assert_status(201);
    }
    api
}

/// Creates a transaction and returns its ID.
async fn begin(api: &Api) -> String {
    let r = api.post(TX, json!({})).await;
    r.assert_status(201);
    r.body["$id"].as_str().unwrap().to_string()
}

async fn commit(api: &Api, txn: &str) -> Res {
    api.patch(&format!("{TX}/{txn}"), json!({"commit": true}))
        .await
}

async fn rollback(api: &Api, txn: &str) -> Res {
    api.patch(&format!("{TX}/{txn}"), json!({"rollback": true}))
        .await
}

async fn status(api: &Api, txn: &str) -> Value {
    let r = api.get(&format!("{TX}/{txn}")).await;
    r.assert_status(200);
    r.body
}

async fn operations(api: &Api, txn: &str, ops: Value) -> Res {
    api.post(
        &format!("{TX}/{txn}/operations"),
        json!({"operations": ops}),
    )
    .await
}

/// GET with `transactionId` (and queries) in the query string.
async fn read_in(api: &Api, path: &str, txn: &str, queries: &[Value]) -> Res {
    api.list(path, queries, &[("transactionId", txn)]).await
}

/// The sorted `$id`s of the rows of `db.t`.
async fn ids(api: &Api) -> Vec<String> {
    let r = api.rows("db", "t", &[q("limit", "", json!([100]))]).await;
    r.assert_status(200);
    let mut ids = r.ids();
    ids.sort();
    ids
}

async fn row(api: &Api, id: &str) -> Res {
    api.get(&format!("{ROWS}/{id}")).await
}

#[tokio::test]
async fn create_get_list_and_delete() {
    let api = Api::start().await;
    let r = api.post(TX, json!({})).await;
    r.assert_status(201);
    let t = &r.body;
    let id = t["$id"].as_str().unwrap();
    assert!(is_generated_id(id), "{t}");
    assert_eq!(t["status"], "pending");
    assert_eq!(t["operations"], 0);
    for field in ["$createdAt", "$updatedAt", "expiresAt"] {
        assert!(
            is_server_datetime(t[field].as_str().unwrap()),
            "{field}: {t}"
        );
    }
    assert_eq!(
        t.as_object().unwrap().len(),
        6,
        "exactly the Transaction model: {t}"
    );
    // Default ttl: 300 seconds.
    let created = jiff_ms(t["$createdAt"].as_str().unwrap());
    let expires = jiff_ms(t["expiresAt"].as_str().unwrap());
    assert!((expires - created - 300_000).abs() < 1000, "{t}");

    let r = api.post(TX, json!({"ttl": 60})).await;
    r.assert_status(201);
    let short = r.body["$id"].as_str().unwrap().to_string();
    let expires = jiff_ms(r.body["expiresAt"].as_str().unwrap());
    let created = jiff_ms(r.body["$createdAt"].as_str().unwrap());
    assert!((expires - created - 60_000).abs() < 1000);
    api.post(TX, json!({"ttl": 3600})).await.assert_status(201);
    for bad in [
        json!(59),
        json!(3601),
        json!(1.5),
        json!("abc"),
        json!(true),
    ] {
        api.post(TX, json!({"ttl": bad})).await.assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `ttl` param: Value must be a valid range between 60 and 3,600",
        );
    }

    let r = api.get(&format!("{TX}/{id}")).await;
    r.assert_status(200);
    assert_eq!(r.body, *t);

    let r = api.get(TX).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids_of("transactions").len(), 3);
    let r = api
        .list(TX, &[q("equal", "$id", json!([short]))], &[])
        .await;
    assert_eq!(r.ids_of("transactions"), vec![short.clone()]);
    let r = api
        .list(TX, &[q("equal", "status", json!(["committed"]))], &[])
        .await;
    assert_eq!(r.body["total"], 0);
    let r = api
        .list(
            TX,
            &[
                q("orderAsc", "expiresAt", json!([])),
                q("limit", "", json!([1])),
            ],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("transactions"), vec![short.clone()]);
    assert_eq!(r.body["total"], 3);
    api.list(TX, &[q("equal", "operations", json!([0]))], &[])
        .await
        .assert_error(400, "general_argument_invalid");

    let r = api.delete(&format!("{TX}/{id}")).await;
    r.assert_status(204);
    assert!(r.raw.is_empty());
    api.get(&format!("{TX}/{id}")).await.assert_error_msg(
        404,
        "transaction_not_found",
        &format!("Transaction with the requested ID '{id}' could not be found."),
    );
    api.delete(&format!("{TX}/{id}"))
        .await
        .assert_error(404, "transaction_not_found");
    api.get(&format!("{TX}/bad!id"))
        .await
        .assert_error(400, "general_argument_invalid");
    assert_eq!(api.get(TX).await.body["total"], 2);
}

/// Unix milliseconds of a server datetime (`YYYY-MM-DDTHH:MM:SS.mmm+00:00`), without a
/// date library: days from the civil date.
fn jiff_ms(s: &str) -> i64 {
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + n(11, 13)) * 60 + n(14, 16)) * 60_000 + n(17, 19) * 1000 + n(20, 23)
}

#[tokio::test]
async fn the_transactions_route_wins_over_a_database_id() {
    let api = Api::start().await;
    api.post(
        "/tablesdb",
        json!({"databaseId": "transactions", "name": "x"}),
    )
    .await
    .assert_status(201);
    let r = api.get(TX).await;
    r.assert_status(200);
    assert!(r.body["transactions"].is_array(), "{r:?}");
    let r = api.post(TX, json!({"databaseId": "x", "name": "y"})).await;
    r.assert_status(201);
    assert_eq!(r.body["status"], "pending");
    // Other methods reach the `{databaseId}` route, as on real Appwrite (1.8.1 and 1.9.6):
    // this updates the database named `transactions`.
    let r = api.send(api.request(Method::PUT, TX)).await;
    r.assert_status(200);
    assert_eq!(r.body["$id"], "transactions");
}

#[tokio::test]
async fn staged_writes_answer_mocks_and_apply_on_commit() {
    let api = setup().await;
    let txn = begin(&api).await;

    // Single create: a mock echoing the data, 201.
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r3", "data": {"title": "three", "count": 3}, "transactionId": txn}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$id"], "r3");
    assert_eq!(r.body["$tableId"], "t");
    assert_eq!(r.body["$databaseId"], "db");
    assert_eq!(r.body["title"], "three");
    assert_eq!(r.body["$permissions"], json!([]));
    // Not created yet: real Appwrite answers an empty sequence (0 in the 1.8 format).
    assert_eq!(r.body["$sequence"], json!(0), "not created yet: {r:?}");
    // Update: the current row with the data on top.
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"data": {"title": "uno"}, "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["title"], "uno");
    assert_eq!(r.body["count"], 1);
    assert_eq!(r.body["$sequence"], 1);
    // Upsert: 201 (quirk of the staging branch).
    let r = api
        .put(
            &format!("{ROWS}/r4"),
            json!({"data": {"title": "four"}, "transactionId": txn}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$id"], "r4");
    // Increment: echoes the step, not the result.
    let r = api
        .patch(
            &format!("{ROWS}/r1/count/increment"),
            json!({"value": 5, "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 5);
    assert_eq!(r.body["$id"], "r1");
    // Delete: 204.
    let r = api
        .send(
            api.request(Method::DELETE, &format!("{ROWS}/r2"))
                .json(&json!({"transactionId": txn})),
        )
        .await;
    r.assert_status(204);
    // Bulk: 200 with `{total, rows: []}`.
    let r = api
        .post(
            ROWS,
            json!({"rows": [{"$id": "b1", "title": "bulk", "count": 10}, {"$id": "b2", "title": "bulk", "count": 20}], "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"total": 2, "rows": []}));
    let r = api
        .patch(
            ROWS,
            json!({"data": {"count": 7}, "queries": [q("equal", "title", json!(["bulk"])).to_string()], "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"total": 0, "rows": []}));
    let r = api
        .put(
            ROWS,
            json!({"rows": [{"$id": "b3", "title": "b3"}, {"$id": "r4", "count": 44}], "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"total": 2, "rows": []}));
    let r = api
        .send(api.request(Method::DELETE, ROWS).json(&json!({
            "queries": [q("equal", "$id", json!(["b2"])).to_string()],
            "transactionId": txn
        })))
        .await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"total": 0, "rows": []}));
    assert_eq!(status(&api, &txn).await["operations"], 9);

    // Nothing is applied yet.
    assert_eq!(ids(&api).await, vec!["r1", "r2"]);
    assert_eq!(row(&api, "r1").await.body["title"], "one");

    // Reads through the transaction see everything staged.
    // As real Appwrite lists them (1.8.1 and 1.9.6): the committed rows in the query's
    // order, then the staged creations in staging order, whatever the order asks.
    let r = read_in(&api, ROWS, &txn, &[q("orderAsc", "$id", json!([]))]).await;
    r.assert_status(200);
    assert_eq!(r.ids(), vec!["r1", "r3", "r4", "b1", "b3"]);
    assert_eq!(r.body["total"], 5);
    // Staged rows carry no timestamps and sequence 0; b1 got the staged bulk update.
    assert_eq!(r.body["rows"][0]["title"], "uno");
    assert!(r.body["rows"][0]["$createdAt"].is_string());
    assert!(r.body["rows"][1].get("$createdAt").is_none());
    assert_eq!(r.body["rows"][1]["$sequence"], 0);
    assert_eq!(r.body["rows"][3]["count"], 7);
    let r = read_in(&api, &format!("{ROWS}/r1"), &txn, &[]).await;
    assert_eq!(
        (r.body["title"].clone(), r.body["count"].clone()),
        // Real Appwrite (1.8.1 and 1.9.6): a read in the transaction does not see the
        // staged increment (count stays 1); the commit applies it.
        (json!("uno"), json!(1))
    );
    let r = read_in(&api, &format!("{ROWS}/r4"), &txn, &[]).await;
    assert_eq!(
        (r.body["title"].clone(), r.body["count"].clone()),
        (json!("four"), json!(44))
    );
    read_in(&api, &format!("{ROWS}/r2"), &txn, &[])
        .await
        .assert_error(404, "row_not_found");
    // Filters reach the committed rows only: every staged creation is appended, and
    // `total` counts the committed matches plus the staged rows whose data matches.
    let r = read_in(&api, ROWS, &txn, &[q("equal", "count", json!([7]))]).await;
    assert_eq!(r.ids(), vec!["r3", "r4", "b1", "b3"]);
    assert_eq!(r.body["total"], 1);
    // … and the view is gone afterwards.
    assert_eq!(ids(&api).await, vec!["r1", "r2"]);

    let r = commit(&api, &txn).await;
    r.assert_status(200);
    assert_eq!(r.body["status"], "committed");
    assert_eq!(r.body["operations"], 9);
    assert_eq!(ids(&api).await, vec!["b1", "b3", "r1", "r3", "r4"]);
    let r1 = row(&api, "r1").await;
    assert_eq!(
        (r1.body["title"].clone(), r1.body["count"].clone()),
        (json!("uno"), json!(6))
    );
    assert_eq!(row(&api, "b1").await.body["count"], 7);
    assert_eq!(row(&api, "r4").await.body["count"], 44);
    assert_eq!(row(&api, "r3").await.body["count"], 3);

    // A committed transaction is done: no second commit, rollback or staging.
    commit(&api, &txn)
        .await
        .assert_error(400, "transaction_not_ready");
    rollback(&api, &txn)
        .await
        .assert_error(400, "transaction_not_ready");
    api.post(
        ROWS,
        json!({"rowId": "r9", "data": {"title": "x"}, "transactionId": txn}),
    )
    .await
    .assert_error(400, "transaction_not_ready");
    // Reads through it show the committed rows.
    let r = read_in(&api, ROWS, &txn, &[]).await;
    assert_eq!(r.body["total"], 5);
}

/// A row only the transaction creates reads back as its staged data alone: no
/// `$createdAt`/`$updatedAt` and no `null` for the columns the data leaves out
/// (tour-transactions.jsonl 1.8.1 seq 1659); later staged updates show on top.
#[tokio::test]
async fn a_row_only_staged_reads_back_as_its_staged_data() {
    let api = setup().await;
    let txn = begin(&api).await;
    api.post(
        ROWS,
        json!({"rowId": "r3", "data": {"title": "three"}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    let path = format!("{ROWS}/r3");
    let r = read_in(&api, &path, &txn, &[]).await;
    r.assert_status(200);
    assert_eq!(
        r.body,
        json!({"$id": "r3", "title": "three", "$permissions": [], "$databaseId": "db", "$tableId": "t", "$sequence": 0})
    );
    api.patch(&path, json!({"data": {"count": 4}, "transactionId": txn}))
        .await
        .assert_status(200);
    let r = read_in(&api, &path, &txn, &[]).await;
    assert_eq!(r.body["title"], "three");
    assert_eq!(r.body["count"], 4);
    assert!(r.body.get("$createdAt").is_none(), "{r:?}");
    // A committed row still reads in full.
    let r = read_in(&api, &format!("{ROWS}/r1"), &txn, &[]).await;
    assert!(r.body["$createdAt"].is_string(), "{r:?}");
}

#[tokio::test]
async fn rollback_discards_everything() {
    let api = setup().await;
    let txn = begin(&api).await;
    api.post(
        ROWS,
        json!({"rowId": "r3", "data": {"title": "three"}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 99}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    let r = rollback(&api, &txn).await;
    r.assert_status(200);
    assert_eq!(r.body["status"], "failed", "rollback writes failed");
    assert_eq!(r.body["operations"], 2);
    assert_eq!(ids(&api).await, vec!["r1", "r2"]);
    assert_eq!(row(&api, "r1").await.body["count"], 1);
    let r = read_in(&api, &format!("{ROWS}/r1"), &txn, &[]).await;
    assert_eq!(r.body["count"], 1);
    commit(&api, &txn)
        .await
        .assert_error(400, "transaction_not_ready");
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 5}, "transactionId": txn}),
    )
    .await
    .assert_error(400, "transaction_not_ready");
    api.patch(
        &format!("{ROWS}/r1/count/increment"),
        json!({"transactionId": txn}),
    )
    .await
    .assert_error_msg(
        400,
        "general_bad_request",
        "Invalid or non\u{2011}pending transaction",
    );
    operations(
        &api,
        &txn,
        json!([{"action": "delete", "databaseId": "db", "tableId": "t", "rowId": "r1"}]),
    )
    .await
    .assert_error_msg(
        400,
        "general_bad_request",
        "Invalid or non\u{2011}pending transaction",
    );
    // It can still be deleted.
    api.delete(&format!("{TX}/{txn}")).await.assert_status(204);
}

#[tokio::test]
async fn update_needs_exactly_one_of_commit_and_rollback() {
    let api = Api::start().await;
    let txn = begin(&api).await;
    let path = format!("{TX}/{txn}");
    api.patch(&path, json!({})).await.assert_error_msg(
        400,
        "general_bad_request",
        "Either commit or rollback must be true",
    );
    api.patch(&path, json!({"commit": false, "rollback": false}))
        .await
        .assert_error(400, "general_bad_request");
    api.patch(&path, json!({"commit": true, "rollback": true}))
        .await
        .assert_error_msg(
            400,
            "general_bad_request",
            "Cannot commit and rollback at the same time",
        );
    api.patch(&path, json!({"commit": "yes"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `commit` param: Value must be a valid boolean",
        );
    api.patch(&format!("{TX}/nope"), json!({"commit": true}))
        .await
        .assert_error(404, "transaction_not_found");
    // An empty transaction commits.
    let r = commit(&api, &txn).await;
    r.assert_status(200);
    assert_eq!(r.body["status"], "committed");
}

#[tokio::test]
async fn a_failing_commit_applies_nothing_and_marks_the_transaction_failed() {
    let api = setup().await;

    // A duplicate ID: 409 transaction_conflict; the first create is undone.
    let txn = begin(&api).await;
    for id in ["a1", "r1"] {
        api.post(
            ROWS,
            json!({"rowId": id, "data": {"title": id}, "transactionId": txn}),
        )
        .await
        .assert_status(201);
    }
    commit(&api, &txn).await.assert_error_msg(
        409,
        "transaction_conflict",
        "The transaction has a conflict.",
    );
    assert_eq!(status(&api, &txn).await["status"], "failed");
    assert_eq!(ids(&api).await, vec!["r1", "r2"]);
    commit(&api, &txn)
        .await
        .assert_error(400, "transaction_not_ready");

    // The structure is only checked at commit: 400 document_invalid_structure.
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"title": "changed"}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    api.post(
        ROWS,
        json!({"rowId": "a2", "data": {"nope": 1}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    commit(&api, &txn).await.assert_error_msg(
        400,
        "document_invalid_structure",
        "Invalid document structure: Unknown attribute: \"nope\"",
    );
    assert_eq!(status(&api, &txn).await["status"], "failed");
    assert_eq!(row(&api, "r1").await.body["title"], "one");

    // A row that disappeared before the commit: 404 document_not_found.
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/r2"),
        json!({"data": {"title": "changed"}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    api.delete(&format!("{ROWS}/r2")).await.assert_status(204);
    commit(&api, &txn).await.assert_error_msg(
        404,
        "document_not_found",
        "Document with the requested ID 'r2' could not be found.",
    );
    assert_eq!(status(&api, &txn).await["status"], "failed");

    // A counter passing its bound: 400 attribute_limit_exceeded.
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/r1/count/increment"),
        json!({"value": 10, "max": 5, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    commit(&api, &txn).await.assert_error_msg(
        400,
        "attribute_limit_exceeded",
        "Attribute value exceeds maximum limit: 5",
    );
    assert_eq!(status(&api, &txn).await["status"], "failed");
    assert_eq!(row(&api, "r1").await.body["count"], 1);

    // An increment of a row that does not exist is only noticed at commit.
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/ghost/count/decrement"),
        json!({"transactionId": txn}),
    )
    .await
    .assert_status(200);
    commit(&api, &txn)
        .await
        .assert_error(404, "document_not_found");
}

#[tokio::test]
async fn rows_changed_after_staging_conflict_at_commit() {
    let api = setup().await;
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 50}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    tokio::time::sleep(Duration::from_millis(5)).await;
    api.patch(&format!("{ROWS}/r1"), json!({"data": {"title": "outside"}}))
        .await
        .assert_status(200);
    commit(&api, &txn)
        .await
        .assert_error(409, "transaction_conflict");
    assert_eq!(status(&api, &txn).await["status"], "failed");
    let r1 = row(&api, "r1").await;
    assert_eq!(
        (r1.body["title"].clone(), r1.body["count"].clone()),
        (json!("outside"), json!(1))
    );

    // Bulk operations check the rows they select the same way.
    let txn = begin(&api).await;
    api.send(api.request(Method::DELETE, ROWS).json(&json!({
        "queries": [q("equal", "$id", json!(["r2"])).to_string()],
        "transactionId": txn
    })))
    .await
    .assert_status(200);
    tokio::time::sleep(Duration::from_millis(5)).await;
    api.patch(&format!("{ROWS}/r2"), json!({"data": {"count": 3}}))
        .await
        .assert_status(200);
    commit(&api, &txn)
        .await
        .assert_error(409, "transaction_conflict");
    assert_eq!(ids(&api).await, vec!["r1", "r2"]);

    // Rows changed before staging, and rows the transaction itself wrote, do not conflict.
    let txn = begin(&api).await;
    for body in [
        json!({"rowId": "n1", "data": {"title": "new"}, "transactionId": txn}),
        json!({"rows": [{"$id": "n2", "title": "bulk"}], "transactionId": txn}),
    ] {
        api.post(ROWS, body).await;
    }
    tokio::time::sleep(Duration::from_millis(5)).await;
    for (id, count) in [("n1", 5), ("r1", 10), ("r1", 11), ("n2", 12)] {
        api.patch(
            &format!("{ROWS}/{id}"),
            json!({"data": {"count": count}, "transactionId": txn}),
        )
        .await
        .assert_status(200);
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    api.patch(
        ROWS,
        json!({"data": {"title": "all"}, "queries": [], "transactionId": txn}),
    )
    .await
    .assert_status(200);
    api.send(
        api.request(Method::DELETE, &format!("{ROWS}/n1"))
            .json(&json!({"transactionId": txn})),
    )
    .await
    .assert_status(204);
    let r = commit(&api, &txn).await;
    r.assert_status(200);
    assert_eq!(ids(&api).await, vec!["n2", "r1", "r2"]);
    let r1 = row(&api, "r1").await;
    assert_eq!(
        (r1.body["title"].clone(), r1.body["count"].clone()),
        (json!("all"), json!(11))
    );
    assert_eq!(row(&api, "n2").await.body["count"], 12);
}

#[tokio::test]
async fn create_operations() {
    let api = setup().await;
    let txn = begin(&api).await;
    let path = format!("{TX}/{txn}/operations");
    let op = |action: &str, row: Option<&str>, data: Value| {
        let mut o = json!({"action": action, "databaseId": "db", "tableId": "t", "data": data});
        if let Some(row) = row {
            o["rowId"] = json!(row);
        }
        o
    };

    api.post(&path, json!({"operations": []}))
        .await
        .assert_error_msg(
            400,
            "general_bad_request",
            "Operations array cannot be empty",
        );
    api.post(&path, json!({}))
        .await
        .assert_error(400, "general_bad_request");
    // Not a list (tour-transactions.jsonl 1.8.1 seq 1714).
    api.post(&path, json!({"operations": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `operations` param: Value must a valid array and Missing required key: tableId",
        );
    for (bad, message) in [
        (
            json!({"action": "create", "databaseId": "db", "rowId": "x", "data": {}}),
            "Value must a valid array and Missing required key: tableId",
        ),
        (
            json!({"action": "merge", "databaseId": "db", "tableId": "t", "data": {}}),
            "Key 'action' must be one of: create, update, upsert, delete, increment, decrement, bulkCreate, bulkUpdate, bulkUpsert, bulkDelete",
        ),
        (
            json!({"action": "delete", "databaseId": "db", "tableId": "t"}),
            "Key 'rowId' is required for action 'delete'",
        ),
        (
            json!({"action": "update", "databaseId": "db", "tableId": "t", "rowId": "r1", "data": 5}),
            "Key 'data' must be an array",
        ),
        (
            json!({"action": "increment", "databaseId": "db", "tableId": "t", "rowId": "r1", "data": {}}),
            "Key 'column' is required in data for increment",
        ),
    ] {
        api.post(&path, json!({"operations": [bad]}))
            .await
            .assert_error_msg(400, "general_argument_invalid", message);
    }
    // The legacy error types.
    let mut unknown_table = op("create", Some("x"), json!({}));
    unknown_table["tableId"] = json!("nope");
    api.post(&path, json!({"operations": [unknown_table]}))
        .await
        .assert_error_msg(
            404,
            "collection_not_found",
            "Collection with the requested ID 'nope' could not be found.",
        );
    let mut unknown_db = op("create", Some("x"), json!({}));
    unknown_db["databaseId"] = json!("nope");
    api.post(&path, json!({"operations": [unknown_db]}))
        .await
        .assert_error(404, "database_not_found");
    for action in ["update", "delete", "increment", "decrement"] {
        api.post(
            &path,
            json!({"operations": [op(action, Some("ghost"), json!({"column": "count"}))]}),
        )
        .await
        .assert_error_msg(
            404,
            "document_not_found",
            "Document with the requested ID 'ghost' could not be found.",
        );
    }
    assert_eq!(status(&api, &txn).await["operations"], 0, "nothing staged");

    // A row created earlier in the same batch may be updated; one created in an earlier
    // batch may be deleted.
    let r = api
        .post(
            &path,
            json!({"operations": [
                op("create", Some("o1"), json!({"title": "o1", "count": 1})),
                op("update", Some("o1"), json!({"count": 2})),
                op("increment", Some("o1"), json!({"column": "count", "value": 3})),
                op("create", Some("o2"), json!({"title": "o2"})),
                op("upsert", Some("o3"), json!({"title": "o3"})),
                op("bulkCreate", None, json!([{"$id": "o4", "title": "bulk"}, {"title": "bulk"}])),
                op("bulkUpdate", None, json!({"queries": [q("equal", "title", json!(["bulk"])).to_string()], "data": {"count": 9}})),
            ]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["operations"], 7);
    assert_eq!(r.body["status"], "pending");
    let r = api
        .post(
            &path,
            json!({"operations": [
                op("delete", Some("o2"), json!({})),
                op("decrement", Some("r2"), json!({"column": "count", "min": 0})),
                op("bulkDelete", None, json!({"queries": [q("equal", "$id", json!(["r1"])).to_string()]})),
            ]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["operations"], 10);

    // As on Appwrite: the committed page (a staged bulk delete only reaches rows staged
    // before it, so r1 still shows), then the staged rows in staging order; the staged
    // increment of o1 is not seen.
    let r = read_in(&api, ROWS, &txn, &[q("orderAsc", "title", json!([]))]).await;
    assert_eq!(r.body["total"], 6, "{r:?}");
    let ids = r.ids();
    assert_eq!(ids[..5], ["r1", "r2", "o1", "o3", "o4"], "{r:?}");
    assert_eq!(ids.len(), 6);
    assert_eq!(r.body["rows"][2]["count"], 2);
    assert_eq!(r.body["rows"][4]["count"], 9);
    commit(&api, &txn).await.assert_status(200);
    let r = api
        .rows("db", "t", &[q("equal", "title", json!(["bulk"]))])
        .await;
    assert_eq!(r.body["total"], 2);
    assert!(
        r.body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["count"] == 9)
    );
    let o1 = row(&api, "o1").await;
    assert_eq!(o1.body["count"], 5);
    assert_eq!(o1.body["$permissions"], json!([]), "no default permissions");
    row(&api, "o2").await.assert_error(404, "row_not_found");
    row(&api, "r1").await.assert_error(404, "row_not_found");
    assert_eq!(row(&api, "r2").await.body["count"], 1);
    // An `upsert` operation whose `data` has no `$id` ignores `rowId` at commit: the row
    // gets a new ID (tour-transactions.jsonl 1.8.1 seqs 1705 and 1709: `op-u1` never
    // appears).
    row(&api, "o3").await.assert_error(404, "row_not_found");
    let r = api
        .rows("db", "t", &[q("equal", "title", json!(["o3"]))])
        .await;
    assert_eq!(r.body["total"], 1);
    assert_ne!(r.body["rows"][0]["$id"], "o3");

    api.post(
        &format!("{TX}/nope/operations"),
        json!({"operations": [op("delete", Some("r2"), json!({}))]}),
    )
    .await
    .assert_error(404, "transaction_not_found");
}

#[tokio::test]
async fn at_most_100_operations() {
    let api = setup().await;
    let txn = begin(&api).await;
    let ops: Vec<Value> = (0..101)
        .map(|i| json!({"action": "create", "databaseId": "db", "tableId": "t", "rowId": format!("x{i}"), "data": {"count": i}}))
        .collect();
    operations(&api, &txn, json!(ops)).await.assert_error_msg(
        400,
        "transaction_limit_exceeded",
        "Transaction already has 0 operations, adding 101 would exceed the maximum of 100",
    );
    operations(&api, &txn, json!(ops[..99].to_vec()))
        .await
        .assert_status(201);
    api.post(
        ROWS,
        json!({"rowId": "last", "data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    assert_eq!(status(&api, &txn).await["operations"], 100);
    api.post(
        ROWS,
        json!({"rowId": "over", "data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_error_msg(
        400,
        "transaction_limit_exceeded",
        "Transaction already has 100 operations, adding 1 would exceed the maximum of 100",
    );
    api.patch(ROWS, json!({"data": {"count": 1}, "transactionId": txn}))
        .await
        .assert_error(400, "transaction_limit_exceeded");
    commit(&api, &txn).await.assert_status(200);
    let r = api.rows("db", "t", &[q("limit", "", json!([1]))]).await;
    assert_eq!(r.body["total"], 102);
}

#[tokio::test]
async fn staging_errors_differ_per_endpoint() {
    let api = setup().await;
    // Unknown transactions.
    api.post(
        ROWS,
        json!({"rowId": "x", "data": {"count": 1}, "transactionId": "nope"}),
    )
    .await
    .assert_error_msg(
        404,
        "transaction_not_found",
        "Transaction with the requested ID 'nope' could not be found.",
    );
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 1}, "transactionId": "nope"}),
    )
    .await
    .assert_error(404, "transaction_not_found");
    // The row is looked up first.
    api.patch(
        &format!("{ROWS}/ghost"),
        json!({"data": {"count": 1}, "transactionId": "nope"}),
    )
    .await
    .assert_error(404, "row_not_found");
    api.send(
        api.request(Method::DELETE, &format!("{ROWS}/ghost"))
            .json(&json!({"transactionId": "nope"})),
    )
    .await
    .assert_error(404, "row_not_found");
    api.patch(
        &format!("{ROWS}/r1/count/increment"),
        json!({"transactionId": "nope"}),
    )
    .await
    .assert_error_msg(
        400,
        "general_bad_request",
        "Invalid or non\u{2011}pending transaction",
    );
    api.patch(ROWS, json!({"data": {"count": 1}, "transactionId": "nope"}))
        .await
        .assert_error(400, "general_bad_request");
    api.post(
        ROWS,
        json!({"rowId": "x", "data": {"count": 1}, "transactionId": "bad id"}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Invalid `transactionId` param",
    );
    api.list(ROWS, &[], &[("transactionId", "bad id")])
        .await
        .assert_error(400, "general_argument_invalid");
    // An empty `transactionId` counts as absent.
    api.post(
        ROWS,
        json!({"rowId": "direct", "data": {"count": 1}, "transactionId": ""}),
    )
    .await
    .assert_status(201);
    // An unknown transaction on a read just reads the committed rows.
    let r = read_in(&api, ROWS, "nope", &[]).await;
    assert_eq!(r.body["total"], 3);

    // Parameter and table checks come before the transaction.
    let txn = begin(&api).await;
    api.patch(&format!("{ROWS}/r1"), json!({"transactionId": txn}))
        .await
        .assert_error(400, "row_missing_payload");
    api.post(
        "/tablesdb/db/tables/nope/rows",
        json!({"rowId": "x", "data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_error(404, "table_not_found");
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    // Deleting a row the transaction deletes, then updating it: not found through the view.
    api.send(
        api.request(Method::DELETE, &format!("{ROWS}/r2"))
            .json(&json!({"transactionId": txn})),
    )
    .await
    .assert_status(204);
    api.patch(
        &format!("{ROWS}/r2"),
        json!({"data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_error(404, "row_not_found");
    // Updating a row the transaction creates works.
    api.post(
        ROWS,
        json!({"rowId": "new", "data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_status(201);
    let r = api
        .patch(
            &format!("{ROWS}/new"),
            json!({"data": {"count": 2}, "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["count"], 2);
    assert_eq!(status(&api, &txn).await["operations"], 4);
}

#[tokio::test]
async fn expired_transactions() {
    let dir = std::env::temp_dir().join(format!(
        "lae-txn-expiry-{}-{}",
        std::process::id(),
        fastrand::u64(..)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("data.db");
    let api = setup_with(Api::start_custom(|b| b.data_file(&file)).await).await;
    let txn = begin(&api).await;
    api.patch(
        &format!("{ROWS}/r1"),
        json!({"data": {"count": 9}, "transactionId": txn}),
    )
    .await
    .assert_status(200);
    // Move `expiresAt` into the past behind the emulator's back.
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        let changed = conn
            .execute(
                "UPDATE _transactions SET expires = '2000-01-01T00:00:00.000+00:00' WHERE id = ?1",
                [&txn],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let r = status(&api, &txn).await;
    assert_eq!(r["status"], "pending");
    assert_eq!(r["expiresAt"], "2000-01-01T00:00:00.000+00:00");
    let message = "The transaction has expired. Please create a new transaction and try again.";
    api.post(
        ROWS,
        json!({"rowId": "x", "data": {"count": 1}, "transactionId": txn}),
    )
    .await
    .assert_error_msg(410, "transaction_expired", message);
    api.patch(
        &format!("{ROWS}/r1/count/increment"),
        json!({"transactionId": txn}),
    )
    .await
    .assert_error(410, "transaction_expired");
    operations(
        &api,
        &txn,
        json!([{"action": "delete", "databaseId": "db", "tableId": "t", "rowId": "r1"}]),
    )
    .await
    .assert_error(410, "transaction_expired");
    commit(&api, &txn)
        .await
        .assert_error(410, "transaction_expired");
    rollback(&api, &txn)
        .await
        .assert_error(410, "transaction_expired");
    // Quirk: the bulk update/upsert/delete staging branches do not check expiry.
    api.patch(ROWS, json!({"data": {"count": 1}, "transactionId": txn}))
        .await
        .assert_status(200);
    assert_eq!(row(&api, "r1").await.body["count"], 1);
    api.delete(&format!("{TX}/{txn}")).await.assert_status(204);
    drop(api);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A user and a JWT for it.
async fn user(api: &Api, id: &str) -> String {
    api.post("/users", json!({"userId": id}))
        .await
        .assert_status(201);
    let r = api.post(&format!("/users/{id}/jwts"), json!({})).await;
    r.assert_status(201);
    r.body["jwt"].as_str().unwrap().to_string()
}

/// A request as the user of `jwt` (`None`: a guest).
async fn as_user(
    api: &Api,
    jwt: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Res {
    let mut req = api
        .bare(method, path)
        .header("X-Appwrite-Project", "test")
        .header("X-Appwrite-Response-Format", "1.8.0");
    if let Some(jwt) = jwt {
        req = req.header("X-Appwrite-JWT", jwt);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    api.send(req).await
}

#[tokio::test]
async fn users_see_only_their_own_transactions() {
    let api = setup().await;
    let alice = user(&api, "alice").await;
    let bob = user(&api, "bob").await;
    let r = as_user(&api, Some(&alice), Method::POST, TX, Some(json!({}))).await;
    r.assert_status(201);
    let txn = r.body["$id"].as_str().unwrap().to_string();
    let one = format!("{TX}/{txn}");

    as_user(&api, Some(&alice), Method::GET, &one, None)
        .await
        .assert_status(200);
    as_user(&api, Some(&bob), Method::GET, &one, None)
        .await
        .assert_error(404, "transaction_not_found");
    as_user(&api, None, Method::GET, &one, None)
        .await
        .assert_error(404, "transaction_not_found");
    api.get(&one).await.assert_status(200);
    let key_txn = begin(&api).await;
    let r = as_user(&api, Some(&alice), Method::GET, TX, None).await;
    assert_eq!(r.ids_of("transactions"), vec![txn.clone()]);
    let r = as_user(&api, Some(&bob), Method::GET, TX, None).await;
    assert_eq!(r.body["total"], 0);
    assert_eq!(api.get(TX).await.body["total"], 2);
    as_user(
        &api,
        Some(&alice),
        Method::GET,
        &format!("{TX}/{key_txn}"),
        None,
    )
    .await
    .assert_error(404, "transaction_not_found");
    // A guest may create one but never see it again.
    let r = as_user(&api, None, Method::POST, TX, Some(json!({}))).await;
    r.assert_status(201);
    let guest_txn = r.body["$id"].as_str().unwrap().to_string();
    as_user(&api, None, Method::GET, &format!("{TX}/{guest_txn}"), None)
        .await
        .assert_error(404, "transaction_not_found");

    // Bob can neither stage into, commit nor delete Alice's transaction.
    as_user(
        &api,
        Some(&bob),
        Method::POST,
        ROWS,
        Some(json!({"rowId": "b", "data": {"count": 1}, "transactionId": txn})),
    )
    .await
    .assert_error(404, "transaction_not_found");
    as_user(
        &api,
        Some(&bob),
        Method::PATCH,
        &one,
        Some(json!({"commit": true})),
    )
    .await
    .assert_error(404, "transaction_not_found");
    as_user(&api, Some(&bob), Method::DELETE, &one, Some(json!({})))
        .await
        .assert_error(404, "transaction_not_found");

    // Alice stages and commits; her rows get her default permissions.
    as_user(
        &api,
        Some(&alice),
        Method::POST,
        ROWS,
        Some(json!({"rowId": "a", "data": {"count": 1}, "transactionId": txn})),
    )
    .await
    .assert_status(201);
    // Users may not stage bulk operations.
    as_user(
        &api,
        Some(&alice),
        Method::POST,
        &format!("{one}/operations"),
        Some(json!({"operations": [{"action": "bulkDelete", "databaseId": "db", "tableId": "t", "data": {"queries": []}}]})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // …nor grant roles they do not have.
    as_user(
        &api,
        Some(&alice),
        Method::POST,
        &format!("{one}/operations"),
        Some(json!({"operations": [{"action": "create", "databaseId": "db", "tableId": "t", "rowId": "a2",
            "data": {"count": 1, "$permissions": ["read(\"user:bob\")"]}}]})),
    )
    .await
    .assert_error_msg(401, "user_unauthorized", "Permissions must be one of:");
    let r = as_user(
        &api,
        Some(&alice),
        Method::PATCH,
        &one,
        Some(json!({"commit": true})),
    )
    .await;
    r.assert_status(200);
    assert_eq!(r.body["status"], "committed");
    let a = row(&api, "a").await;
    assert_eq!(
        a.body["$permissions"],
        json!([
            "read(\"user:alice\")",
            "update(\"user:alice\")",
            "delete(\"user:alice\")"
        ])
    );
}

#[tokio::test]
async fn permission_errors_at_commit_leave_the_transaction_pending() {
    let api = setup().await;
    // A table users may create in and read, but not update.
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "ro", "name": "ro", "columns": [{"key": "n", "type": "integer"}],
               "permissions": ["create(\"any\")", "read(\"any\")"]}),
    )
    .await
    .assert_status(201);
    api.row("db", "ro", "k", json!({"n": 1}))
        .await
        .assert_status(201);
    let alice = user(&api, "alice").await;
    let r = as_user(&api, Some(&alice), Method::POST, TX, Some(json!({}))).await;
    let txn = r.body["$id"].as_str().unwrap().to_string();
    // Staging an update does not check the update permission…
    as_user(
        &api,
        Some(&alice),
        Method::PATCH,
        "/tablesdb/db/tables/ro/rows/k",
        Some(json!({"data": {"n": 2}, "transactionId": txn})),
    )
    .await
    .assert_status(200);
    // …the commit does, and the transaction stays pending (Appwrite's commit rolls its
    // status change back with everything else).
    as_user(
        &api,
        Some(&alice),
        Method::PATCH,
        &format!("{TX}/{txn}"),
        Some(json!({"commit": true})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    assert_eq!(status(&api, &txn).await["status"], "pending");
    let r = api.get("/tablesdb/db/tables/ro/rows/k").await;
    assert_eq!(r.body["n"], 1);
    // Through createOperations the permission is checked when staging.
    as_user(
        &api,
        Some(&alice),
        Method::POST,
        &format!("{TX}/{txn}/operations"),
        Some(json!({"operations": [{"action": "update", "databaseId": "db", "tableId": "ro", "rowId": "k", "data": {"n": 3}}]})),
    )
    .await
    .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn one_point_nine_clients_get_string_sequences_in_staged_answers() {
    let mut api = setup().await;
    api.format = "1.9.0".into();
    let txn = begin(&api).await;
    let r = api
        .patch(
            &format!("{ROWS}/r1"),
            json!({"data": {"count": 3}, "transactionId": txn}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$sequence"], "1");
    let r = read_in(&api, &format!("{ROWS}/r1"), &txn, &[]).await;
    assert_eq!(r.body["$sequence"], "1");
    assert_eq!(r.body["count"], 3);
}

#[tokio::test]
async fn staging_looks_rows_up_with_the_read_permission() {
    let api = setup().await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "sec", "name": "sec", "rowSecurity": true,
               "columns": [{"key": "n", "type": "integer"}]}),
    )
    .await
    .assert_status(201);
    let alice = user(&api, "alice").await;
    api.post(
        "/tablesdb/db/tables/sec/rows",
        json!({"rowId": "k", "data": {"n": 1}, "permissions": ["update(\"user:alice\")"]}),
    )
    .await
    .assert_status(201);
    let r = as_user(&api, Some(&alice), Method::POST, TX, Some(json!({}))).await;
    let txn = r.body["$id"].as_str().unwrap().to_string();
    // Alice may update the row but not read it: staging does not find it (Appwrite's
    // transaction-aware lookup keeps the read permission on)…
    as_user(
        &api,
        Some(&alice),
        Method::PATCH,
        "/tablesdb/db/tables/sec/rows/k",
        Some(json!({"data": {"n": 2}, "transactionId": txn})),
    )
    .await
    .assert_error(404, "row_not_found");
    as_user(
        &api,
        Some(&alice),
        Method::POST,
        &format!("{TX}/{txn}/operations"),
        Some(json!({"operations": [{"action": "update", "databaseId": "db", "tableId": "sec", "rowId": "k", "data": {"n": 3}}]})),
    )
    .await
    .assert_error(404, "document_not_found");
    // …while the direct update does not need it.
    as_user(
        &api,
        Some(&alice),
        Method::PATCH,
        "/tablesdb/db/tables/sec/rows/k",
        Some(json!({"data": {"n": 2}})),
    )
    .await
    .assert_status(200);
}
