//! The official `appwrite` crate (0.22) against the emulator: bulk rows, increment and
//! decrement, and transactions (create, stage through `transaction_id`, read through it,
//! `create_operations`, commit, rollback, delete, list, and their errors). Every call must
//! decode into the crate's strict models (staged answers are mocks without `$sequence`,
//! `delete_transaction` needs an empty body), so each `ok(…)` is also a decoding check.
//!
//! **Profile:** Appwrite 1.9.6 only (`AppwriteVersion::V1_9_6`, pinned in `start`). The
//! crate decodes 1.9 models only: its `Row.$sequence` is a `String`, and a 1.8.1 server
//! (and the emulator's 1.8.1 profile) always answers `$sequence` as an integer, which fails
//! every row call with a serialization error before any behaviour could be compared. The
//! assertions follow what real Appwrite 1.9.6 answered (the recordings of the real server).

use std::fmt::Debug;
use std::time::Duration;

use appwrite::models::Row;
use appwrite::query::Query;
use appwrite::services::TablesDB;
use appwrite::{AppwriteError, Client};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};
use serde_json::{Value, json};

async fn start() -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
        .appwrite_version(AppwriteVersion::V1_9_6)
        .project("rust-sdk-transactions")
        .key("rust-sdk-transactions-key")
        .processing_delay(Duration::ZERO)
        .start()
        .await
        .expect("start the emulator");
    let client = Client::new()
        .set_endpoint(emulator.endpoint())
        .set_project(emulator.project())
        .set_key(emulator.key());
    (emulator, client)
}

/// Unwraps a call that must succeed (and decode).
fn ok<T>(result: Result<T, AppwriteError>, what: &str) -> T {
    result.unwrap_or_else(|e| {
        panic!(
            "{what} failed: code {} type {:?}: {}",
            e.code, e.error_type, e.message
        )
    })
}

/// Unwraps a call that must fail with this HTTP code and Appwrite error type.
fn expect_error<T: Debug>(
    result: Result<T, AppwriteError>,
    code: u16,
    error_type: &str,
) -> AppwriteError {
    let error = match result {
        Ok(value) => panic!("expected {code} {error_type}, got Ok({value:?})"),
        Err(error) => error,
    };
    assert_eq!(
        (error.code, error.error_type.as_deref()),
        (code, Some(error_type)),
        "unexpected error: {error:?}"
    );
    assert!(!error.message.is_empty(), "empty error message: {error:?}");
    error
}

fn field(row: &Row, key: &str) -> Value {
    row.data.get(key).cloned().unwrap_or(Value::Null)
}

fn ids(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

/// Database `db`, table `t` (`title` string, `count` integer 0…1000), open to everyone.
async fn table(t: &TablesDB) {
    ok(
        t.create("db", "Db", None, None, None, None, None).await,
        "create",
    );
    ok(
        t.create_table(
            "db",
            "t",
            "T",
            Some(vec![
                "create(\"any\")".into(),
                "read(\"any\")".into(),
                "update(\"any\")".into(),
                "delete(\"any\")".into(),
            ]),
            None,
            None,
            Some(vec![
                json!({"key": "title", "type": "string", "size": 32, "required": false}),
                json!({"key": "count", "type": "integer", "required": false, "min": 0, "max": 1000}),
            ]),
            None,
            None,
        )
        .await,
        "create_table",
    );
}

async fn all_ids(t: &TablesDB) -> Vec<String> {
    let list = ok(
        t.list_rows(
            "db",
            "t",
            Some(vec![
                Query::order_asc("$id").to_string(),
                Query::limit(100).to_string(),
            ]),
            None,
            None,
            None,
        )
        .await,
        "list_rows",
    );
    list.rows.iter().map(|r| r.id.clone()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_rows_and_counters() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(&t).await;

    let created = ok(
        t.create_rows(
            "db",
            "t",
            vec![
                json!({"$id": "a", "title": "x", "count": 1}),
                json!({"$id": "b", "title": "x", "count": 2}),
                json!({"title": "y", "count": 3}),
            ],
            None,
        )
        .await,
        "create_rows",
    );
    assert_eq!(created.total, 3);
    assert_eq!(ids(&created.rows[..2]), vec!["a", "b"]);
    assert!(
        created
            .rows
            .iter()
            .all(|r| r.sequence.parse::<u64>().is_ok())
    );
    assert_eq!(created.rows[0].table_id, "t");

    let upserted = ok(
        t.upsert_rows(
            "db",
            "t",
            vec![
                json!({"$id": "a", "count": 10}),
                json!({"$id": "c", "title": "z"}),
            ],
            None,
        )
        .await,
        "upsert_rows",
    );
    assert_eq!(upserted.total, 2);
    assert_eq!(field(&upserted.rows[0], "count"), json!(10));
    assert_eq!(field(&upserted.rows[0], "title"), json!("x"), "merged");

    let updated = ok(
        t.update_rows(
            "db",
            "t",
            Some(json!({"title": "xx"})),
            Some(vec![Query::equal("title", "x").to_string()]),
            None,
        )
        .await,
        "update_rows",
    );
    assert_eq!(updated.total, 2);
    assert!(
        updated
            .rows
            .iter()
            .all(|r| field(r, "title") == json!("xx"))
    );

    let deleted = ok(
        t.delete_rows(
            "db",
            "t",
            Some(vec![Query::equal("title", "xx").to_string()]),
            None,
        )
        .await,
        "delete_rows",
    );
    assert_eq!(deleted.total, 2);
    assert_eq!(all_ids(&t).await.len(), 2);

    // Counters on a bulk-created row whose `count` is null: the increment answers the
    // step as the new value, but the stored value stays null (tour-counters.jsonl 1.9.6
    // seq 1132: `big` null + 3 answers `big: 3`; seq 1133 and the final read, seq 1169,
    // show `big: null`).
    let row = ok(
        t.increment_row_column("db", "t", "c", "count", Some(5.0), Some(100.0), None)
            .await,
        "increment_row_column on null",
    );
    assert_eq!(field(&row, "count"), json!(5));
    let stored = ok(t.get_row("db", "t", "c", None, None).await, "get_row");
    assert_eq!(
        field(&stored, "count"),
        Value::Null,
        "null + 5 is stored as null"
    );

    // Counters on a row with a value.
    ok(
        t.update_row("db", "t", "c", Some(json!({"count": 0})), None, None)
            .await,
        "update_row",
    );
    let row = ok(
        t.increment_row_column("db", "t", "c", "count", Some(5.0), Some(100.0), None)
            .await,
        "increment_row_column",
    );
    assert_eq!(field(&row, "count"), json!(5));
    let row = ok(
        t.decrement_row_column("db", "t", "c", "count", Some(2.0), Some(0.0), None)
            .await,
        "decrement_row_column",
    );
    assert_eq!(field(&row, "count"), json!(3));
    expect_error(
        t.decrement_row_column("db", "t", "c", "count", Some(4.0), Some(0.0), None)
            .await,
        400,
        "column_limit_exceeded",
    );

    // Bulk errors decode too.
    expect_error(
        t.create_rows("db", "t", vec![json!({"$id": "c", "title": "dup"})], None)
            .await,
        409,
        "row_already_exists",
    );
    expect_error(
        t.create_rows("db", "t", vec![json!({"nope": 1})], None)
            .await,
        400,
        "row_invalid_structure",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transactions_stage_read_and_commit() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(&t).await;
    ok(
        t.create_row(
            "db",
            "t",
            "r1",
            json!({"title": "one", "count": 1}),
            None,
            None,
        )
        .await,
        "create_row",
    );
    ok(
        t.create_row(
            "db",
            "t",
            "r2",
            json!({"title": "two", "count": 2}),
            None,
            None,
        )
        .await,
        "create_row",
    );

    let txn = ok(t.create_transaction(Some(120)).await, "create_transaction");
    assert_eq!((txn.status.as_str(), txn.operations), ("pending", 0));
    assert_eq!(txn.id.len(), 20);
    assert!(txn.expires_at > txn.created_at);
    let id = txn.id.as_str();

    // Staged writes answer mocks that still decode.
    let staged = ok(
        t.create_row(
            "db",
            "t",
            "r3",
            json!({"title": "three", "count": 3}),
            None,
            Some(id),
        )
        .await,
        "create_row staged",
    );
    assert_eq!((staged.id.as_str(), staged.table_id.as_str()), ("r3", "t"));
    assert_eq!(field(&staged, "title"), json!("three"));
    let staged = ok(
        t.update_row(
            "db",
            "t",
            "r1",
            Some(json!({"title": "uno"})),
            None,
            Some(id),
        )
        .await,
        "update_row staged",
    );
    assert_eq!(field(&staged, "title"), json!("uno"));
    assert_eq!(staged.sequence, "1");
    ok(
        t.upsert_row(
            "db",
            "t",
            "r4",
            Some(json!({"title": "four"})),
            None,
            Some(id),
        )
        .await,
        "upsert_row staged",
    );
    let staged = ok(
        t.increment_row_column("db", "t", "r1", "count", Some(4.0), None, Some(id))
            .await,
        "increment_row_column staged",
    );
    assert_eq!(
        field(&staged, "count"),
        json!(4),
        "the step, not the result"
    );
    ok(
        t.delete_row("db", "t", "r2", Some(id)).await,
        "delete_row staged",
    );
    let list = ok(
        t.create_rows(
            "db",
            "t",
            vec![
                json!({"$id": "b1", "title": "bulk"}),
                json!({"$id": "b2", "title": "bulk"}),
            ],
            Some(id),
        )
        .await,
        "create_rows staged",
    );
    assert_eq!((list.total, list.rows.len()), (2, 0));
    let list = ok(
        t.update_rows(
            "db",
            "t",
            Some(json!({"count": 7})),
            Some(vec![Query::equal("title", "bulk").to_string()]),
            Some(id),
        )
        .await,
        "update_rows staged",
    );
    assert_eq!((list.total, list.rows.len()), (0, 0));
    ok(
        t.upsert_rows(
            "db",
            "t",
            vec![json!({"$id": "b3", "title": "b3"})],
            Some(id),
        )
        .await,
        "upsert_rows staged",
    );
    ok(
        t.delete_rows(
            "db",
            "t",
            Some(vec![Query::equal("$id", "b2").to_string()]),
            Some(id),
        )
        .await,
        "delete_rows staged",
    );
    let txn = ok(
        t.create_operations(
            id,
            Some(vec![
                json!({"action": "create", "databaseId": "db", "tableId": "t", "rowId": "o1", "data": {"title": "op", "count": 1}}),
                json!({"action": "increment", "databaseId": "db", "tableId": "t", "rowId": "o1", "data": {"column": "count", "value": 2}}),
            ]),
        )
        .await,
        "create_operations",
    );
    assert_eq!(txn.operations, 11);

    // Nothing applied yet. Reads through the transaction see the staged writes except the
    // increment, and list the stored rows first, then the staged creations in staging
    // order, whatever the `orderAsc('$id')` (node-transactions.jsonl 1.9.6 seq 3214: r1
    // with `title: "uno"` and its stored `count`, then r3, r4, b1, b3, o1).
    assert_eq!(all_ids(&t).await, vec!["r1", "r2"]);
    let seen = ok(
        t.list_rows(
            "db",
            "t",
            Some(vec![Query::order_asc("$id").to_string()]),
            Some(id),
            None,
            None,
        )
        .await,
        "list_rows in transaction",
    );
    // Checked at the end of the test, so that a wrong order does not hide the rest.
    let seen_ids: Vec<String> = ids(&seen.rows).into_iter().map(str::to_owned).collect();
    let r1 = ok(
        t.get_row("db", "t", "r1", None, Some(id)).await,
        "get_row in transaction",
    );
    assert_eq!(
        (field(&r1, "title"), field(&r1, "count")),
        (json!("uno"), json!(1)),
        "a read inside the transaction misses the staged increment"
    );
    expect_error(
        t.get_row("db", "t", "r2", None, Some(id)).await,
        404,
        "row_not_found",
    );

    let listed = ok(t.list_transactions(None, None).await, "list_transactions");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.transactions[0].id, id);

    let done = ok(
        t.update_transaction(id, Some(true), None).await,
        "update_transaction commit",
    );
    assert_eq!((done.status.as_str(), done.operations), ("committed", 11));
    assert_eq!(all_ids(&t).await, vec!["b1", "b3", "o1", "r1", "r3", "r4"]);
    let o1 = ok(t.get_row("db", "t", "o1", None, None).await, "get_row");
    assert_eq!(field(&o1, "count"), json!(3));
    let b1 = ok(t.get_row("db", "t", "b1", None, None).await, "get_row");
    assert_eq!(field(&b1, "count"), json!(7));

    expect_error(
        t.update_transaction(id, Some(true), None).await,
        400,
        "transaction_not_ready",
    );
    ok(t.delete_transaction(id).await, "delete_transaction");
    expect_error(t.get_transaction(id).await, 404, "transaction_not_found");

    assert_eq!(
        seen_ids,
        ["r1", "r3", "r4", "b1", "b3", "o1"],
        "the list inside the transaction: stored rows, then staged creations in staging order"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transaction_rollback_and_errors() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(&t).await;
    ok(
        t.create_row(
            "db",
            "t",
            "r1",
            json!({"title": "one", "count": 1}),
            None,
            None,
        )
        .await,
        "create_row",
    );

    // Rollback: status `failed`, nothing applied.
    let txn = ok(t.create_transaction(None).await, "create_transaction");
    ok(
        t.create_row("db", "t", "x", json!({"title": "x"}), None, Some(&txn.id))
            .await,
        "create_row staged",
    );
    let rolled = ok(
        t.update_transaction(&txn.id, None, Some(true)).await,
        "update_transaction rollback",
    );
    assert_eq!(rolled.status, "failed");
    assert_eq!(all_ids(&t).await, vec!["r1"]);
    let got = ok(t.get_transaction(&txn.id).await, "get_transaction");
    assert_eq!(got.status, "failed");
    expect_error(
        t.update_row(
            "db",
            "t",
            "r1",
            Some(json!({"count": 2})),
            None,
            Some(&txn.id),
        )
        .await,
        400,
        "transaction_not_ready",
    );

    // A conflict at commit: a duplicate row ID.
    let txn = ok(t.create_transaction(None).await, "create_transaction");
    ok(
        t.create_row(
            "db",
            "t",
            "r1",
            json!({"title": "dup"}),
            None,
            Some(&txn.id),
        )
        .await,
        "create_row staged",
    );
    expect_error(
        t.update_transaction(&txn.id, Some(true), None).await,
        409,
        "transaction_conflict",
    );
    assert_eq!(ok(t.get_transaction(&txn.id).await, "get").status, "failed");

    // The legacy error types of createOperations and of a failing commit.
    let txn = ok(t.create_transaction(None).await, "create_transaction");
    expect_error(
        t.create_operations(
            &txn.id,
            Some(vec![json!({"action": "update", "databaseId": "db", "tableId": "t", "rowId": "ghost", "data": {"count": 1}})]),
        )
        .await,
        404,
        "document_not_found",
    );
    expect_error(
        t.create_operations(
            &txn.id,
            Some(vec![json!({"action": "create", "databaseId": "db", "tableId": "nope", "rowId": "x", "data": {}})]),
        )
        .await,
        404,
        "collection_not_found",
    );
    expect_error(
        t.create_operations(&txn.id, Some(vec![])).await,
        400,
        "general_bad_request",
    );
    ok(
        t.create_row("db", "t", "bad", json!({"nope": true}), None, Some(&txn.id))
            .await,
        "create_row staged with an unknown column",
    );
    expect_error(
        t.update_transaction(&txn.id, Some(true), None).await,
        400,
        "document_invalid_structure",
    );

    // Limits and parameters.
    let txn = ok(t.create_transaction(Some(60)).await, "create_transaction");
    let ops: Vec<Value> = (0..100)
        .map(|i| json!({"action": "create", "databaseId": "db", "tableId": "t", "rowId": format!("n{i}"), "data": {"count": i}}))
        .collect();
    let full = ok(
        t.create_operations(&txn.id, Some(ops)).await,
        "create_operations (100)",
    );
    assert_eq!(full.operations, 100);
    expect_error(
        t.increment_row_column("db", "t", "r1", "count", None, None, Some(&txn.id))
            .await,
        400,
        "transaction_limit_exceeded",
    );
    ok(
        t.update_transaction(&txn.id, Some(true), None).await,
        "commit 100 operations",
    );
    let total = ok(
        t.list_rows("db", "t", None, None, None, None).await,
        "list_rows",
    )
    .total;
    assert_eq!(total, 101);
    expect_error(
        t.create_transaction(Some(30)).await,
        400,
        "general_argument_invalid",
    );
    expect_error(
        t.update_transaction(&txn.id, None, None).await,
        400,
        "general_bad_request",
    );
    expect_error(
        t.get_transaction("missing").await,
        404,
        "transaction_not_found",
    );
}
