//! The official `appwrite` crate (0.22) against the emulator: relationship columns and rows
//! with related rows. Every call must decode into the crate's strict models (the
//! `ColumnRelationship` model requires `relatedTable`; a `Table` embeds its columns; rows carry
//! nested rows whose `$sequence` is a string in the 1.9 format), so each `ok(…)` is also a
//! decoding check.
//!
//! **Profile:** Appwrite 1.9.6 only (`AppwriteVersion::V1_9_6`, pinned in `start`). The
//! crate decodes 1.9 models only: its `Row.$sequence` is a `String`, and a 1.8.1 server
//! (and the emulator's 1.8.1 profile) always answers `$sequence` as an integer, which fails
//! every row call with a serialization error before any behaviour could be compared. The
//! assertions follow what real Appwrite 1.9.6 answered (the recordings of the real server).

use std::fmt::Debug;
use std::time::{Duration, Instant};

use appwrite::enums::{RelationMutate, RelationshipType};
use appwrite::models::Row;
use appwrite::query::Query;
use appwrite::services::TablesDB;
use appwrite::{AppwriteError, Client};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};
use serde_json::{Value, json};

async fn start() -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
        .appwrite_version(AppwriteVersion::V1_9_6)
        .project("rust-sdk-relationships")
        .key("rust-sdk-relationships-key")
        .processing_delay(Duration::from_millis(20))
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
fn expect_error<T: Debug>(result: Result<T, AppwriteError>, code: u16, error_type: &str) {
    match result {
        Ok(value) => panic!("expected {code} {error_type}, got Ok({value:?})"),
        Err(error) => assert_eq!(
            (error.code, error.error_type.as_deref()),
            (code, Some(error_type)),
            "unexpected error: {error:?}"
        ),
    }
}

/// Polls `get_column` until the column is available.
async fn wait_column(t: &TablesDB, table: &str, key: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let column = ok(t.get_column("db", table, key).await, "get_column");
        match column["status"].as_str() {
            Some("available") => return column,
            Some("processing") if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            status => panic!("column {key} is {status:?}: {column}"),
        }
    }
}

fn field(row: &Row, key: &str) -> Value {
    row.data.get(key).cloned().unwrap_or(Value::Null)
}

fn select(values: &[&str]) -> Option<Vec<String>> {
    Some(vec![Query::select(values.iter().copied()).to_string()])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relationship_columns_and_rows_decode() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    ok(
        t.create("db", "Db", None, None, None, None, None).await,
        "create",
    );
    for table in ["author", "book"] {
        let columns = vec![json!({"key": "name", "type": "string", "size": 64})];
        ok(
            t.create_table(
                "db",
                table,
                table,
                None,
                None,
                None,
                Some(columns),
                None,
                None,
            )
            .await,
            "create_table",
        );
    }
    let column = ok(
        t.create_relationship_column(
            "db",
            "book",
            "author",
            RelationshipType::ManyToOne,
            Some(true),
            Some("author"),
            Some("books"),
            Some(RelationMutate::Cascade),
            None,
        )
        .await,
        "create_relationship_column",
    );
    assert_eq!(column.key, "author");
    assert_eq!(column.related_table, "author");
    assert_eq!(column.relation_type, "manyToOne");
    assert!(column.two_way);
    assert_eq!(column.two_way_key, "books");
    assert_eq!(column.on_delete, "cascade");
    assert_eq!(column.side, "parent");
    wait_column(&t, "book", "author").await;
    let partner = wait_column(&t, "author", "books").await;
    assert_eq!(partner["side"], "child");

    // Tables and column lists embed relationship columns.
    let table = ok(t.get_table("db", "author").await, "get_table");
    assert_eq!(table.columns.len(), 2);
    let list = ok(
        t.list_columns("db", "book", None, None).await,
        "list_columns",
    );
    assert_eq!(list.total, 2);

    // Nested create; the answer carries the related row.
    let book = ok(
        t.create_row(
            "db",
            "book",
            "b1",
            json!({"name": "Dune", "author": {"$id": "herbert", "name": "Frank Herbert"}}),
            None,
            None,
        )
        .await,
        "create_row",
    );
    assert_eq!(field(&book, "author")["name"], "Frank Herbert");
    assert_eq!(field(&book, "author")["$tableId"], "author");
    assert!(field(&book, "author")["$sequence"].is_string());
    ok(
        t.create_row(
            "db",
            "book",
            "b2",
            json!({"name": "Children of Dune", "author": "herbert"}),
            None,
            None,
        )
        .await,
        "create_row by ID",
    );

    // Without select the stored side shows the ID; with select, nested rows.
    let plain = ok(t.get_row("db", "book", "b2", None, None).await, "get_row");
    assert_eq!(field(&plain, "author"), "herbert");
    let author = ok(
        t.get_row("db", "author", "herbert", select(&["*", "books.*"]), None)
            .await,
        "get_row with select",
    );
    let books = field(&author, "books");
    let titles: Vec<&str> = books
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Dune", "Children of Dune"]);
    assert!(books[0]["$sequence"].is_string());

    let found = ok(
        t.list_rows(
            "db",
            "book",
            Some(vec![
                Query::equal("author.name", "Frank Herbert").to_string(),
                Query::select(["name", "author.name"]).to_string(),
            ]),
            None,
            None,
            None,
        )
        .await,
        "list_rows through the relationship",
    );
    assert_eq!(found.total, 2);
    assert_eq!(field(&found.rows[0], "author")["name"], "Frank Herbert");

    // Update the relationship column (the crate's path is …/columns/relationship/{key}).
    let updated = ok(
        t.update_relationship_column(
            "db",
            "book",
            "author",
            Some(RelationMutate::Restrict),
            Some("writer"),
            None,
        )
        .await,
        "update_relationship_column",
    );
    assert_eq!(updated.key, "writer");
    assert_eq!(updated.on_delete, "restrict");
    let partner = ok(t.get_column("db", "author", "books").await, "get_column");
    assert_eq!(partner["twoWayKey"], "writer");
    assert_eq!(partner["onDelete"], "restrict");
    expect_error(
        t.delete_row("db", "author", "herbert", None).await,
        403,
        "row_delete_restricted",
    );
    expect_error(
        t.create_row(
            "db",
            "book",
            "b3",
            json!({"writer": ["herbert"]}),
            None,
            None,
        )
        .await,
        400,
        "relationship_value_invalid",
    );

    // Deleting the column removes its partner too.
    ok(
        t.delete_column("db", "book", "writer").await,
        "delete_column",
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while t.get_column("db", "author", "books").await.is_ok() {
        assert!(Instant::now() < deadline, "partner column never went away");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    ok(
        t.delete_row("db", "author", "herbert", None).await,
        "delete_row",
    );
}
