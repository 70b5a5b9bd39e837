//! The official `appwrite` crate (0.22) against the emulator: increment/decrement, update
//! operators and spatial columns and queries. Every call must decode into the crate's strict
//! models, so each `ok(…)` is also a decoding check.
//!
//! The crate sends `value`, `max` and `min` as `f64` (`2.0` for an integer column) and line
//! and polygon column defaults as strings; the emulator must accept both.
//!
//! **Profile:** Appwrite 1.9.6 only (`AppwriteVersion::V1_9_6`, pinned in `start`). The
//! crate decodes 1.9 models only: its `Row.$sequence` is a `String`, and a 1.8.1 server
//! (and the emulator's 1.8.1 profile) always answers `$sequence` as an integer, which fails
//! every row call with a serialization error before any behaviour could be compared. The
//! assertions follow what real Appwrite 1.9.6 answered (the recordings of the real server).

use std::fmt::Debug;
use std::time::{Duration, Instant};

use appwrite::models::Row;
use appwrite::operator;
use appwrite::query::Query;
use appwrite::services::TablesDB;
use appwrite::{AppwriteError, Client};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};
use serde_json::{Value, json};

async fn start() -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
        .appwrite_version(AppwriteVersion::V1_9_6)
        .project("rust-sdk-counters")
        .key("rust-sdk-counters-key")
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

/// Polls `get_column` until the column is available.
async fn wait_column(t: &TablesDB, db: &str, table: &str, key: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let column = ok(t.get_column(db, table, key).await, "get_column");
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

fn ids(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

/// Creates database `db` and table `t` with inline columns.
async fn table(t: &TablesDB, columns: Vec<Value>) {
    ok(
        t.create("db", "Db", None, None, None, None, None).await,
        "create",
    );
    ok(
        t.create_table("db", "t", "T", None, None, None, Some(columns), None, None)
            .await,
        "create_table",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn increment_and_decrement() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(
        &t,
        vec![
            json!({"key": "count", "type": "integer", "required": false}),
            json!({"key": "score", "type": "double", "required": false}),
            json!({"key": "title", "type": "string", "size": 32, "required": false}),
        ],
    )
    .await;
    ok(
        t.create_row(
            "db",
            "t",
            "r1",
            json!({"count": 5, "score": 1.5, "title": "x"}),
            None,
            None,
        )
        .await,
        "create_row",
    );

    // Default step, then whole-float steps as the crate sends them (`2.0`).
    let row = ok(
        t.increment_row_column("db", "t", "r1", "count", None, None, None)
            .await,
        "increment_row_column",
    );
    assert_eq!(field(&row, "count"), json!(6));
    assert_eq!(
        (row.table_id.as_str(), row.database_id.as_str()),
        ("t", "db")
    );
    assert_eq!(row.sequence, "1", "1.9 format: $sequence is a string");
    let row = ok(
        t.increment_row_column("db", "t", "r1", "count", Some(4.0), Some(10.0), None)
            .await,
        "increment_row_column with max",
    );
    assert_eq!(field(&row, "count"), json!(10));
    let error = expect_error(
        t.increment_row_column("db", "t", "r1", "count", Some(1.0), Some(10.0), None)
            .await,
        400,
        "column_limit_exceeded",
    );
    assert_eq!(
        error.message,
        "tablesDB \"count\" has reached the maximum value of 10"
    );
    let row = ok(
        t.decrement_row_column("db", "t", "r1", "count", Some(3.0), Some(0.0), None)
            .await,
        "decrement_row_column",
    );
    assert_eq!(field(&row, "count"), json!(7));
    expect_error(
        t.decrement_row_column("db", "t", "r1", "count", Some(8.0), Some(0.0), None)
            .await,
        400,
        "column_limit_exceeded",
    );
    let row = ok(
        t.decrement_row_column("db", "t", "r1", "count", None, None, None)
            .await,
        "decrement_row_column default",
    );
    assert_eq!(field(&row, "count"), json!(6));

    // Floats.
    let row = ok(
        t.increment_row_column("db", "t", "r1", "score", Some(0.25), None, None)
            .await,
        "increment float",
    );
    assert_eq!(field(&row, "score"), json!(1.75));

    // Errors.
    expect_error(
        t.increment_row_column("db", "t", "r1", "count", Some(0.0), None, None)
            .await,
        400,
        "general_argument_invalid",
    );
    expect_error(
        t.increment_row_column("db", "t", "r1", "nope", None, None, None)
            .await,
        404,
        "column_not_found",
    );
    expect_error(
        t.increment_row_column("db", "t", "missing", "count", None, None, None)
            .await,
        404,
        "column_not_found",
    );
    let error = expect_error(
        t.increment_row_column("db", "t", "r1", "title", None, None, None)
            .await,
        400,
        "attribute_type_invalid",
    );
    assert_eq!(error.message, "tablesDB \"title\" is not a number");

    let row = ok(t.get_row("db", "t", "r1", None, None).await, "get_row");
    assert_eq!(field(&row, "count"), json!(6));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_operators() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(
        &t,
        vec![
            json!({"key": "count", "type": "integer", "required": false}),
            json!({"key": "tags", "type": "string", "size": 16, "required": false, "array": true}),
            json!({"key": "title", "type": "string", "size": 32, "required": false}),
            json!({"key": "done", "type": "boolean", "required": false}),
            json!({"key": "due", "type": "datetime", "required": false}),
        ],
    )
    .await;
    ok(
        t.create_row(
            "db",
            "t",
            "r1",
            json!({"count": 1, "tags": ["a"], "title": "Hi", "done": false, "due": "2024-02-28T00:00:00.000+00:00"}),
            None,
            None,
        )
        .await,
        "create_row",
    );
    let row = ok(
        t.update_row(
            "db",
            "t",
            "r1",
            Some(json!({
                "count": operator::increment_by(5),
                "tags": operator::array_append(&["b", "c"]),
                "title": operator::string_concat("!"),
                "done": operator::toggle(),
                "due": operator::date_add_days(2),
            })),
            None,
            None,
        )
        .await,
        "update_row with operators",
    );
    assert_eq!(field(&row, "count"), json!(6));
    assert_eq!(field(&row, "tags"), json!(["a", "b", "c"]));
    assert_eq!(field(&row, "title"), json!("Hi!"));
    assert_eq!(field(&row, "done"), json!(true));
    assert_eq!(field(&row, "due"), json!("2024-03-01T00:00:00.000+00:00"));

    let row = ok(
        t.update_row(
            "db",
            "t",
            "r1",
            Some(json!({
                "count": operator::multiply_with_max(10, 50),
                "tags": operator::array_remove("b"),
            })),
            None,
            None,
        )
        .await,
        "update_row clamped",
    );
    assert_eq!(field(&row, "count"), json!(50));
    assert_eq!(field(&row, "tags"), json!(["a", "c"]));

    // Upsert and bulk update carry operators too.
    let row = ok(
        t.upsert_row(
            "db",
            "t",
            "r1",
            Some(json!({"count": operator::decrement_by(20)})),
            None,
            None,
        )
        .await,
        "upsert_row",
    );
    assert_eq!(field(&row, "count"), json!(30));
    let list = ok(
        t.update_rows(
            "db",
            "t",
            Some(json!({"count": operator::increment()})),
            Some(vec![Query::equal("$id", "r1").to_string()]),
            None,
        )
        .await,
        "update_rows",
    );
    assert_eq!(list.total, 1);
    assert_eq!(field(&list.rows[0], "count"), json!(31));

    expect_error(
        t.update_row(
            "db",
            "t",
            "r1",
            Some(json!({"title": operator::increment()})),
            None,
            None,
        )
        .await,
        400,
        "row_invalid_structure",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spatial_columns_and_queries() {
    let (_emulator, client) = start().await;
    let t = TablesDB::new(&client);
    table(
        &t,
        vec![json!({"key": "name", "type": "string", "size": 32, "required": true})],
    )
    .await;
    let point = ok(
        t.create_point_column("db", "t", "loc", false, Some(vec![0.5, 0.5]), None)
            .await,
        "create_point_column",
    );
    assert_eq!(point.r#type, "point");
    assert_eq!(point.default, Some(vec![0.5, 0.5]));
    // The crate sends line and polygon defaults as strings.
    let s = |x: &str| x.to_string();
    let line = ok(
        t.create_line_column(
            "db",
            "t",
            "route",
            false,
            Some(vec![vec![s("0"), s("0")], vec![s("1"), s("1.5")]]),
            None,
        )
        .await,
        "create_line_column",
    );
    assert_eq!(line.r#type, "linestring");
    assert_eq!(line.default, Some(vec![vec![0.0, 0.0], vec![1.0, 1.5]]));
    let polygon = ok(
        t.create_polygon_column("db", "t", "area", false, None, None)
            .await,
        "create_polygon_column",
    );
    assert_eq!(polygon.r#type, "polygon");
    assert_eq!(polygon.default, None);
    for key in ["loc", "route", "area"] {
        wait_column(&t, "db", "t", key).await;
    }
    let updated = ok(
        t.update_point_column("db", "t", "loc", false, Some(vec![1.0, 1.0]), None, None)
            .await,
        "update_point_column",
    );
    assert_eq!(updated.default, Some(vec![1.0, 1.0]));

    let square = |x0: f64, y0: f64, x1: f64, y1: f64| {
        json!([[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]])
    };
    for (id, loc, area) in [
        ("p0", json!([0.0, 0.0]), square(0.0, 0.0, 10.0, 10.0)),
        ("p1", json!([0.009, 0.0]), square(20.0, 20.0, 30.0, 30.0)),
    ] {
        ok(
            t.create_row(
                "db",
                "t",
                id,
                json!({"name": id, "loc": loc, "area": area}),
                None,
                None,
            )
            .await,
            "create_row",
        );
    }
    let list = |queries: Vec<Query>| {
        let t = &t;
        async move {
            ok(
                t.list_rows(
                    "db",
                    "t",
                    Some(queries.iter().map(Query::to_string).collect()),
                    None,
                    None,
                    None,
                )
                .await,
                "list_rows",
            )
        }
    };
    let rows = list(vec![Query::distance_less_than(
        "loc",
        json!([0.0, 0.0]),
        500,
        true,
    )])
    .await;
    assert_eq!(ids(&rows.rows), ["p0"]);
    let rows = list(vec![Query::distance_less_than(
        "loc",
        json!([0.0, 0.0]),
        1500,
        true,
    )])
    .await;
    assert_eq!(ids(&rows.rows), ["p0", "p1"]);
    let rows = list(vec![Query::intersects("area", json!([25.0, 25.0]))]).await;
    assert_eq!(ids(&rows.rows), ["p1"]);
    let rows = list(vec![Query::not_intersects("area", json!([25.0, 25.0]))]).await;
    assert_eq!(ids(&rows.rows), ["p0"]);
    let rows = list(vec![Query::crosses(
        "route",
        json!([[0.0, 1.0], [1.0, 0.0]]),
    )])
    .await;
    assert_eq!(
        ids(&rows.rows),
        ["p0", "p1"],
        "both rows hold the default route"
    );
    let rows = list(vec![Query::touches("area", square(10.0, 10.0, 20.0, 20.0))]).await;
    assert_eq!(ids(&rows.rows), ["p0", "p1"]);
    let rows = list(vec![Query::overlaps("area", square(5.0, 5.0, 15.0, 15.0))]).await;
    assert_eq!(ids(&rows.rows), ["p0"]);
    assert_eq!(
        field(&rows.rows[0], "area"),
        json!([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]),
        "spatial values come back as coordinates"
    );
    expect_error(
        t.list_rows(
            "db",
            "t",
            Some(vec![
                Query::distance_less_than("route", json!([0.0, 0.0]), 10, true).to_string(),
            ]),
            None,
            None,
            None,
        )
        .await,
        400,
        "general_query_invalid",
    );
}
