//! Retries against a fault-injecting server: resets, 5xx, 429 with a reset time, stalls
//! past the timeout. Only safe operations are repeated; no row is duplicated or lost;
//! attempts and time stay bounded. Timing assertions are generous upper bounds.

use crate::support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite::{Client, Error, ID, Query, RetryPolicy, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::fake_server::closed_port;
use support::warn_counter::WarnCounter;
use support::{FakeServer, Reply};

const ROW: &str =
    r#"{"$id":"r1","$sequence":1,"$tableId":"books","$databaseId":"shop","title":"t","count":1}"#;

fn client_with(endpoint: &str, policy: RetryPolicy, timeout: Duration) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .project("p")
        .api_key("standard_retry_key_0123")
        .request_timeout(timeout)
        .connect_timeout(Duration::from_secs(2))
        .retry(policy)
        .build()
        .unwrap()
}

fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(4)
        .with_base_delay(Duration::from_millis(10))
        .with_max_delay(Duration::from_millis(50))
        .with_budget(Duration::from_secs(10))
}

fn client(endpoint: &str) -> Client {
    client_with(endpoint, quick(), Duration::from_secs(5))
}

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq)]
struct Book {
    title: String,
    count: i64,
}

/// A server whose first answers are `script`, and `then` afterwards.
async fn scripted(script: Vec<Reply>, then: Reply) -> FakeServer {
    FakeServer::start(move |_, i| script.get(i).cloned().unwrap_or_else(|| then.clone())).await
}

#[tokio::test]
async fn reads_are_retried_after_5xx_with_one_warning_per_retry() {
    let warnings = WarnCounter::default();
    let server = scripted(
        vec![
            Reply::error(503, "", "busy"),
            Reply::error(502, "", "gateway"),
        ],
        Reply::json(200, ROW),
    )
    .await;
    let row = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap();
    assert_eq!(row.id, "r1");
    assert_eq!(server.count(), 3);
    assert_eq!(
        warnings.warnings(),
        2,
        "one warning per retry:\n{}",
        warnings.all_text()
    );
    assert!(
        !warnings.all_text().contains("standard_retry_key"),
        "no key in logs"
    );
}

#[tokio::test]
async fn reads_are_retried_after_connection_resets() {
    let server = scripted(vec![Reply::Reset, Reply::Reset], Reply::json(200, ROW)).await;
    let row = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap();
    assert_eq!(row.title, "t");
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn stalls_past_the_timeout_end_in_a_timeout_after_bounded_attempts() {
    let server = FakeServer::always(Reply::Stall(Duration::from_secs(5))).await;
    let started = Instant::now();
    let policy = quick().with_max_attempts(3);
    let err = client_with(&server.endpoint(), policy, Duration::from_millis(200))
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "rows.get",
                attempts: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(server.count(), 3);
    // The whole wait is reported, not only the last attempt's timeout.
    let Error::Timeout { after, elapsed, .. } = &err else {
        unreachable!()
    };
    assert!(
        *elapsed >= *after * 3,
        "{elapsed:?} for 3 attempts of {after:?}"
    );
    assert!(err.to_string().contains("(3 attempts in "), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_answer_whose_body_stalls_ends_in_a_timeout_too() {
    // The head arrives at once; the body never ends. One timer covers the whole attempt.
    let server = FakeServer::always(Reply::HeadThenStall(Duration::from_secs(5))).await;
    let started = Instant::now();
    let policy = quick().with_max_attempts(2);
    let err = client_with(&server.endpoint(), policy, Duration::from_millis(200))
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "rows.get",
                attempts: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.count(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_429_waits_for_retry_after_even_on_unsafe_operations() {
    let server = scripted(
        vec![
            Reply::error(429, "general_rate_limit_exceeded", "slow down")
                .header("retry-after", "1"),
        ],
        Reply::json(200, ROW),
    )
    .await;
    let started = Instant::now();
    let row = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .increment("r1", "count")
        .await
        .unwrap();
    assert_eq!(row.id, "r1");
    assert_eq!(
        server.count(),
        2,
        "a rate-limited request was not applied, so repeating it is safe"
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "waited for Retry-After: {waited:?}"
    );
    assert!(waited < Duration::from_secs(8), "{waited:?}");
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn a_429_waits_until_the_rate_limit_reset() {
    let reset = (unix_now() + 1).to_string();
    let server = scripted(
        vec![
            Reply::error(429, "general_rate_limit_exceeded", "slow down")
                .header("x-ratelimit-reset", reset),
        ],
        Reply::json(200, ROW),
    )
    .await;
    let started = Instant::now();
    client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap();
    assert_eq!(server.count(), 2);
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn a_429_whose_reset_is_beyond_the_budget_is_reported_at_once() {
    let reset = unix_now() + 120;
    let server = FakeServer::always(
        Reply::error(429, "general_rate_limit_exceeded", "slow down")
            .header("x-ratelimit-reset", reset.to_string()),
    )
    .await;
    let started = Instant::now();
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap_err();
    match &err {
        Error::RateLimited {
            reset: Some(at),
            operation,
            table,
            outcome: None,
            row: None,
        } => {
            assert_eq!(at.duration_since(UNIX_EPOCH).unwrap().as_secs(), reset);
            assert_eq!((*operation, table.as_deref()), ("rows.get", Some("books")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.status(), Some(429));
    assert_eq!(server.count(), 1);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn the_budget_bounds_a_call_that_keeps_failing() {
    let server = FakeServer::always(Reply::error(503, "", "down")).await;
    let policy = RetryPolicy::default()
        .with_max_attempts(10_000)
        .with_base_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(100))
        .with_budget(Duration::from_secs(1));
    let started = Instant::now();
    let err = client_with(&server.endpoint(), policy, Duration::from_secs(2))
        .databases()
        .get("shop")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    // Generous bounds: this machine is shared, and a loaded one may fit few attempts in
    // the budget. What matters is that the call ends, and with a bounded number of tries.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let attempts = server.count();
    assert!((1..200).contains(&attempts), "{attempts} attempts");
}

#[tokio::test]
async fn an_attempt_the_budget_cuts_short_reports_the_answer_before_it() {
    // The first answer is a quick 503; every later one takes longer than the budget
    // leaves. The call ends with the 503, not with a timeout of the budget's making.
    let server = FakeServer::start(|_, n| {
        let unavailable = Reply::error(503, "", "down");
        if n == 0 {
            unavailable
        } else {
            Reply::Delayed(Duration::from_secs(3), Box::new(unavailable))
        }
    })
    .await;
    let policy = RetryPolicy::default()
        .with_max_attempts(5)
        .with_base_delay(Duration::from_millis(10))
        .with_max_delay(Duration::from_millis(10))
        .with_budget(Duration::from_millis(400));
    let err = client_with(&server.endpoint(), policy, Duration::from_secs(2))
        .databases()
        .get("shop")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503), "{err}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn max_attempts_bounds_a_call_that_keeps_failing() {
    let server = FakeServer::always(Reply::error(503, "", "busy")).await;
    let err = client(&server.endpoint())
        .databases()
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn a_500_is_tried_once_more_and_then_reported() {
    // Appwrite answers 500 `general_unknown` every time to some requests (an overflowing
    // increment, `exists` on an array column), and now and then to a race.
    let server = FakeServer::always(Reply::error(500, "general_unknown", "Server Error")).await;
    let err = client(&server.endpoint())
        .databases()
        .list()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        server.count(),
        2,
        "a deliberate 500 costs two attempts, not four"
    );

    let server = scripted(
        vec![Reply::error(500, "general_unknown", "Server Error")],
        Reply::json(200, ROW),
    )
    .await;
    let row = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap();
    assert_eq!(row.id, "r1", "a passing 500 is retried");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    for status in [400, 401, 403, 404, 409, 501] {
        let server = FakeServer::always(Reply::error(status, "some_type", "no")).await;
        let err = client(&server.endpoint())
            .rows::<Book>("shop", "books")
            .get("r1")
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(server.count(), 1, "status {status}");
    }
}

#[tokio::test]
async fn unsafe_operations_are_sent_once_after_an_ambiguous_failure() {
    for fault in [
        Reply::error(503, "", "busy"),
        Reply::Reset,
        Reply::error(500, "", "boom"),
    ] {
        let server = FakeServer::always(fault.clone()).await;
        let c = client(&server.endpoint());
        let books = c.rows::<Book>("shop", "books");
        let book = Book {
            title: "t".into(),
            count: 1,
        };
        let operator = json!({"count": "{\"method\":\"increment\",\"values\":[1]}"});
        let attempts: Vec<(&str, lazy_appwrite::Result<()>)> = vec![
            ("increment", books.increment("r1", "count").await.map(drop)),
            (
                "decrement",
                books.decrement("r1", "count").by(2.0).await.map(drop),
            ),
            (
                "create with server id",
                books.create("unique()", &book).await.map(drop),
            ),
            (
                "create staged",
                books
                    .create(ID::unique(), &book)
                    .transaction("tx")
                    .await
                    .map(drop),
            ),
            (
                "update with operator",
                books.update("r1").data(&operator).await.map(drop),
            ),
            (
                "update staged",
                books
                    .update("r1")
                    .data(&book)
                    .transaction("tx")
                    .await
                    .map(drop),
            ),
            (
                "upsert with operator",
                books.upsert("r1", &operator).await.map(drop),
            ),
            (
                "create many",
                books
                    .create_many([RowInput::with_id("a", &book)])
                    .await
                    .map(drop),
            ),
            (
                "upsert many without ids",
                books.upsert_many([RowInput::new(&book)]).await.map(drop),
            ),
            (
                "update many",
                books
                    .update_many(&book)
                    .query(Query::equal("count", 1))
                    .await
                    .map(drop),
            ),
            ("delete many", books.delete_many().await.map(drop)),
            (
                "delete staged",
                books.delete("r1").transaction("tx").await.map(drop),
            ),
            (
                "delete guarded",
                books
                    .delete("r1")
                    .unless_modified_since(Timestamp::from_unix_millis(0))
                    .await
                    .map(drop),
            ),
            (
                "create transaction",
                c.transactions().create().await.map(drop),
            ),
            ("commit", c.transactions().commit("tx").await.map(drop)),
            ("rollback", c.transactions().rollback("tx").await.map(drop)),
            (
                "operations",
                c.transactions().create_operations("tx", []).await.map(drop),
            ),
        ];
        let n = attempts.len();
        for (name, result) in attempts {
            // Sent, and no usable answer: the write may or may not be stored.
            let err = result.expect_err(name);
            assert_eq!(
                err.outcome(),
                Some(lazy_appwrite::WriteOutcome::Unknown),
                "{name}: {err}"
            );
            assert!(
                err.to_string()
                    .ends_with("; the write may have been applied"),
                "{name}: {err}"
            );
        }
        // The commit's lost answer is then settled by reading the transaction (`GET`,
        // which fails here too): only the writes are counted.
        let writes = server
            .requests()
            .iter()
            .filter(|r| r.method != "GET")
            .count();
        assert_eq!(
            writes, n,
            "each unsafe operation was sent exactly once ({fault:?})"
        );
    }
}

#[tokio::test]
async fn unsafe_operations_are_retried_when_the_request_never_left() {
    let warnings = WarnCounter::default();
    let port = closed_port().await;
    let started = Instant::now();
    let err = client(&format!("http://127.0.0.1:{port}/v1"))
        .rows::<Book>("shop", "books")
        .increment("r1", "count")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        warnings.warnings(),
        3,
        "refused connections are retried: nothing was sent"
    );
    assert_eq!(err.outcome(), Some(lazy_appwrite::WriteOutcome::NotApplied));
    // The error says where it tried to go, and how often.
    let Error::Transport {
        message, attempts, ..
    } = &err
    else {
        unreachable!()
    };
    assert!(
        message.starts_with(&format!("http://127.0.0.1:{port}/v1: ")),
        "{message}"
    );
    assert_eq!(*attempts, 4);
    let text = err.to_string();
    assert!(
        text.contains(&format!("cannot talk to http://127.0.0.1:{port}/v1"))
            && text.contains("(4 attempts in "),
        "{text}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_retried_delete_that_meets_404_succeeded() {
    let server = scripted(
        vec![Reply::Reset],
        Reply::error(404, "row_not_found", "gone"),
    )
    .await;
    client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .delete("r1")
        .await
        .unwrap();
    assert_eq!(server.count(), 2);
    let server = FakeServer::always(Reply::error(404, "row_not_found", "gone")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .delete("r1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_404_after_a_retry_whose_first_attempt_was_not_processed_is_not_found() {
    // A 429 means the server did nothing: the row was never there.
    let server = scripted(
        vec![Reply::error(
            429,
            "general_rate_limit_exceeded",
            "slow down",
        )],
        Reply::error(404, "row_not_found", "gone"),
    )
    .await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .delete("r1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn upserts_with_ids_are_retried() {
    let server = scripted(
        vec![Reply::Reset, Reply::error(504, "", "gw")],
        Reply::json(200, ROW),
    )
    .await;
    let book = Book {
        title: "t".into(),
        count: 1,
    };
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    books.upsert("r1", &book).await.unwrap();
    assert_eq!(server.count(), 3);
    let server = scripted(
        vec![Reply::Reset],
        Reply::json(200, r#"{"total":1,"rows":[]}"#),
    )
    .await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    books
        .upsert_many([RowInput::with_id("r1", &book)])
        .await
        .unwrap();
    assert_eq!(server.count(), 2);
}

/// A row store that fails on purpose: per row, the first attempt of `i % 3 == 0` is stored
/// and then the connection is reset (the answer is lost), the first attempt of
/// `i % 3 == 1` fails with 503 before storing, the others succeed at once.
struct Store {
    rows: HashMap<String, Value>,
    attempts: HashMap<String, usize>,
    sequence: u64,
}

fn row_json(id: &str, seq: u64, data: &Value) -> String {
    let mut row = json!({"$id": id, "$sequence": seq, "$tableId": "books", "$databaseId": "shop",
        "$createdAt": "2026-01-01T00:00:00.000+00:00", "$updatedAt": "2026-01-01T00:00:00.000+00:00", "$permissions": []});
    if let (Some(row), Some(data)) = (row.as_object_mut(), data.as_object()) {
        row.extend(data.clone());
    }
    row.to_string()
}

async fn faulty_store(store: Arc<Mutex<Store>>) -> FakeServer {
    FakeServer::start(move |req, _| {
        let mut s = store.lock().unwrap();
        if req.method == "GET" {
            let id = req.path.rsplit('/').next().unwrap_or_default().to_owned();
            return match s.rows.get(&id) {
                Some(data) => Reply::json(200, row_json(&id, 1, data)),
                None => Reply::error(404, "row_not_found", "not found"),
            };
        }
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let id = body["rowId"].as_str().unwrap().to_owned();
        let data = body["data"].clone();
        let fault = data["count"].as_i64().unwrap() % 3;
        let attempt = {
            let a = s.attempts.entry(id.clone()).or_default();
            *a += 1;
            *a
        };
        if attempt == 1 && fault == 1 {
            return Reply::error(503, "", "try later");
        }
        if s.rows.contains_key(&id) {
            return Reply::error(
                409,
                "row_already_exists",
                "Row with the requested ID already exists.",
            );
        }
        s.sequence += 1;
        let seq = s.sequence;
        s.rows.insert(id.clone(), data.clone());
        if attempt == 1 && fault == 0 {
            return Reply::Reset;
        }
        Reply::json(201, row_json(&id, seq, &data))
    })
    .await
}

#[tokio::test]
async fn creates_with_client_ids_neither_duplicate_nor_lose_rows() {
    let store = Arc::new(Mutex::new(Store {
        rows: HashMap::new(),
        attempts: HashMap::new(),
        sequence: 0,
    }));
    let server = faulty_store(Arc::clone(&store)).await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    let mut tasks = tokio::task::JoinSet::new();
    const N: i64 = 30;
    for i in 0..N {
        let books = books.clone();
        tasks.spawn(async move {
            let book = Book {
                title: format!("book {i}"),
                count: i,
            };
            let id = ID::unique();
            let row = books.create(&id, &book).await;
            (id, book, row)
        });
    }
    let mut acknowledged = HashMap::new();
    while let Some(joined) = tasks.join_next().await {
        let (id, book, row) = joined.unwrap();
        let row = row.unwrap_or_else(|e| panic!("create {id} failed: {e}"));
        assert_eq!((row.id.as_str(), &row.data), (id.as_str(), &book));
        assert!(acknowledged.insert(id, book).is_none());
    }
    let s = store.lock().unwrap();
    assert_eq!(s.rows.len(), N as usize, "no duplicate, no lost row");
    for (id, book) in &acknowledged {
        let stored = &s.rows[id];
        assert_eq!(
            stored["title"],
            book.title.as_str(),
            "acknowledged row {id} is stored"
        );
    }
    // Per row: reset → retry 409 → read back (3 requests), 503 → retry (2), or 1.
    assert_eq!(server.count(), 2 * N as usize);
}

#[tokio::test]
async fn a_retried_create_that_meets_someone_elses_row_reports_the_conflict() {
    let store = Arc::new(Mutex::new(Store {
        rows: HashMap::new(),
        attempts: HashMap::new(),
        sequence: 0,
    }));
    store
        .lock()
        .unwrap()
        .rows
        .insert("taken".into(), json!({"title": "theirs", "count": 1}));
    let server = faulty_store(Arc::clone(&store)).await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    // count 1: the first attempt gets 503, the retry 409, then the row is read back.
    let err = books
        .create(
            "taken",
            &Book {
                title: "ours".into(),
                count: 1,
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { answer } if answer.kind == "row_already_exists"),
        "{err:?}"
    );
    assert_eq!(server.count(), 3);
    // A 409 on the first attempt is a plain conflict: no read-back.
    server.clear();
    let err = books
        .create(
            "taken",
            &Book {
                title: "ours".into(),
                count: 2,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_server_made_id_is_never_created_twice() {
    let server = FakeServer::always(Reply::Reset).await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    let err = books
        .create(
            "unique()",
            &Book {
                title: "t".into(),
                count: 1,
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        server.count(),
        1,
        "the outcome is unknown, so it is reported, not repeated"
    );
}

#[tokio::test]
async fn schema_creates_recognise_their_own_earlier_success() {
    let db = r#"{"$id":"shop","name":"Shop","enabled":true,"type":"tablesdb"}"#;
    let server = FakeServer::start(move |req, i| match (req.method.as_str(), i) {
        ("POST", 0) => Reply::Reset,
        ("POST", _) => Reply::error(409, "database_already_exists", "exists"),
        _ => Reply::json(200, db),
    })
    .await;
    let created = client(&server.endpoint())
        .databases()
        .create("shop", "Shop")
        .await
        .unwrap();
    assert_eq!(created.id, "shop");
    assert_eq!(server.count(), 3);
    server.clear();
    let err = client(&server.endpoint())
        .databases()
        .create("shop", "Other")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Conflict { .. }),
        "a 409 on the first attempt: {err:?}"
    );
}

#[tokio::test]
async fn every_write_error_says_what_the_write_did() {
    use lazy_appwrite::WriteOutcome;
    let book = Book {
        title: "t".into(),
        count: 1,
    };
    // Refused by the server on the only attempt: nothing was written, and the message
    // stays the server's.
    let server = FakeServer::always(Reply::error(400, "row_invalid_structure", "bad")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::NotApplied));
    assert!(err.to_string().ends_with(": bad"), "{err}");

    // A 2xx whose body cannot be read: the row was stored.
    let server = FakeServer::always(Reply::text(201, "text/html", "<html>ok</html>")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.outcome(), Some(WriteOutcome::Applied));
    assert!(
        err.to_string().ends_with("; the write was applied"),
        "{err}"
    );
    let server = FakeServer::always(Reply::json(201, r#"{"$id": 5}"#)).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::Applied), "{err}");

    // A retried write that ends on a 5xx: the attempts may have stored it.
    let server = FakeServer::always(Reply::error(503, "", "busy")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .upsert("r1", &book)
        .await
        .unwrap_err();
    assert!(server.count() > 1, "an upsert with its ID is retried");
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown));

    // A 4xx after an attempt that may have gone through is not a clean refusal either;
    // the settling read (the third request) cannot show the row, so it stays unknown.
    let server = scripted(vec![Reply::Reset], Reply::error(400, "x", "late refusal")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .upsert("r1", &book)
        .await
        .unwrap_err();
    assert_eq!(server.count(), 3, "two attempts and one settling read");
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown), "{err}");

    // Reads have no write to speak of.
    let server = FakeServer::always(Reply::error(404, "row_not_found", "gone")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), None);
}

#[tokio::test]
async fn a_create_with_its_own_id_settles_a_lost_answer_by_reading_the_row() {
    use lazy_appwrite::WriteOutcome;
    let book = Book {
        title: "t".into(),
        count: 1,
    };
    let busy = || Reply::error(503, "", "busy");
    // Every attempt answers 503, yet the row was stored: the read-back finds it, with our
    // data, and the create succeeds.
    let server = scripted(vec![busy(), busy(), busy(), busy()], Reply::json(200, ROW)).await;
    let row = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap();
    assert_eq!((row.id.as_str(), server.count()), ("r1", 5));

    // The read-back finds no row: the create was not applied, and says so.
    let server = scripted(
        vec![busy(), busy(), busy(), busy()],
        Reply::error(404, "row_not_found", "no row"),
    )
    .await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.outcome(), Some(WriteOutcome::NotApplied), "{err}");

    // Another row holds the ID: not ours, and the outcome stays unknown.
    let other = ROW.replace(r#""title":"t""#, r#""title":"someone else""#);
    let server = scripted(
        vec![busy(), busy(), busy(), busy()],
        Reply::json(200, &other),
    )
    .await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("r1", &book)
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown), "{err}");

    // A server-made ID cannot be read back: unknown, and sent once.
    let server = FakeServer::always(busy()).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create("unique()", &book)
        .await
        .unwrap_err();
    assert_eq!(server.count(), 1);
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown));
}

/// An update, an upsert and a delete whose every attempt lost its answer read the row back
/// once: the row shows the write in effect, so each succeeds; a row that shows nothing
/// leaves the error unknown.
#[tokio::test]
async fn a_lost_answer_is_settled_by_reading_the_row() {
    use lazy_appwrite::WriteOutcome;
    let book = Book {
        title: "t".into(),
        count: 1,
    };
    let lost = || vec![Reply::Reset; 4];

    // The row holds the values sent: the update and the upsert are in effect.
    let server = scripted(lost(), Reply::json(200, ROW)).await;
    let api = client(&server.endpoint());
    let updated = api
        .rows::<Book>("shop", "books")
        .update("r1")
        .data(&serde_json::json!({"count": 1}))
        .await
        .unwrap();
    assert_eq!((server.count(), updated.data.count), (5, 1));
    let server = scripted(lost(), Reply::json(200, ROW)).await;
    let upserted = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .upsert("r1", &book)
        .await
        .unwrap();
    assert_eq!((server.count(), upserted.id.as_str()), (5, "r1"));

    // The row holds other values: another writer may have changed it, so nothing is known.
    let server = scripted(lost(), Reply::json(200, ROW)).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .update("r1")
        .data(&serde_json::json!({"count": 2}))
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown), "{err}");

    // The row is gone: the delete is done; still there, it is unknown.
    let server = scripted(
        lost(),
        Reply::error(
            404,
            "row_not_found",
            "Row with the requested ID could not be found.",
        ),
    )
    .await;
    client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .delete("r1")
        .await
        .unwrap();
    assert_eq!(server.count(), 5);
    let server = scripted(lost(), Reply::json(200, ROW)).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .delete("r1")
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown), "{err}");
}

/// A create that fails with its outcome unknown names the ID it sent: repeating the
/// create with that ID cannot make a second row.
#[tokio::test]
async fn a_failed_create_names_the_id_it_sent() {
    use lazy_appwrite::WriteOutcome;
    let book = Book {
        title: "t".into(),
        count: 1,
    };
    let server = FakeServer::always(Reply::error(503, "", "busy")).await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create(ID::unique(), &book)
        .await
        .unwrap_err();
    assert_eq!(err.outcome(), Some(WriteOutcome::Unknown), "{err}");
    let sent = err
        .row_id()
        .expect("the create's error names its row ID")
        .to_owned();
    assert_eq!(sent.len(), 20, "a client-made ID: {sent}");
    // Every attempt (and the settling read) named that row.
    assert!(server.count() > 1);
    let retried = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .create(sent.clone(), &book)
        .await
        .unwrap_err();
    assert_eq!(retried.row_id(), Some(sent.as_str()));
    // Other operations name none.
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .get("r1")
        .await
        .unwrap_err();
    assert_eq!(err.row_id(), None);
}
