//! Bulk writes through the model API: batches of at most 100 rows with exact request
//! counts, validation of every row before anything is sent, typed filters for bulk
//! updates and deletes, a stream of 10 000 rows written with bounded memory, what a failed
//! batch reports, the refusal of tables with relationships, and the safe retry of a batch
//! with client-made IDs. Runs against the emulator, and a real Appwrite when configured
//! (request counts are checked on the emulator only).

use crate::support;

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use lazy_appwrite::model::{FromIter, MAX_BATCH_ROWS};
use lazy_appwrite::{Client, Error, Model, RetryPolicy, SyncSettings, Table};
use lazy_appwrite_emulator::EmulatorHandle;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::{Backend, FakeServer, Reply, on_each_backend};

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "items", index(key = "by_name", unique, columns(name)))]
struct Item {
    #[column(size = 32)]
    name: String,
    n: i64,
    #[column(default = false)]
    done: bool,
}

fn item(n: i64) -> Item {
    Item {
        name: format!("item-{n}"),
        n,
        done: false,
    }
}

/// Syncs the table (the first operation does), then forgets the requests so far.
async fn synced(b: &Backend, c: &Client) -> lazy_appwrite::Result<()> {
    Item::count(c, Item::query()).await?;
    b.reset();
    Ok(())
}

fn rows_path(db: &str) -> String {
    format!("/v1/tablesdb/{db}/tables/items/rows")
}

#[tokio::test]
async fn create_many_sends_batches_of_at_most_100_rows() {
    on_each_backend(async |b| {
        let db = b.fresh_id("bulk-create");
        let c = b.client_in(&db);
        synced(b, &c).await?;
        let path = rows_path(&db);

        // 250 rows: 100 + 100 + 50, typed rows back in input order, each with its own ID.
        let items: Vec<Item> = (0..250).map(item).collect();
        let rows = Item::create_many(&c, &items).await?;
        assert_eq!(rows.len(), 250);
        assert!(rows.iter().zip(&items).all(|(row, item)| row.data == *item));
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 250, "every row has its own client-made ID");
        b.expect(&[("POST", &path), ("POST", &path), ("POST", &path)]);

        // 1 000 rows, counted only: ten requests.
        let written = Item::create_many(&c, (250..1250).map(item))
            .count_only()
            .await?;
        assert_eq!(written, 1000);
        b.expect(&[("POST", path.as_str()); 10]);

        // A smaller batch size: 25 rows in batches of 10.
        let written = Item::create_many(&c, (1250..1275).map(item))
            .batch_size(10)
            .count_only()
            .await?;
        assert_eq!(written, 25);
        b.expect(&[("POST", path.as_str()); 3]);

        assert_eq!(Item::count(&c, Item::query()).await?, 1275);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_bad_row_at_index_150_sends_nothing() {
    on_each_backend(async |b| {
        let db = b.fresh_id("bulk-invalid");
        let c = b.client_in(&db);
        synced(b, &c).await?;

        let mut items: Vec<Item> = (0..250).map(item).collect();
        items[150].name = "x".repeat(33);
        let err = Item::create_many(&c, &items).await.unwrap_err();
        assert_eq!(err.written(), 0);
        assert_eq!(err.failed_rows(), None);
        assert!(
            matches!(err.error(), Error::Validation { table: Some(t), column: Some(col), reason }
                if t == "items" && col == "name" && reason.starts_with("row 150: ")),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "invalid input for table `items`, column `name`: row 150: rule `size`: 33 characters is longer than the column's size of 32"
        );
        // The same for upserts.
        let pairs = items.iter().map(|i| (format!("id-{}", i.n), i));
        let err = Item::upsert_many(&c, pairs).await.unwrap_err();
        assert!(err.to_string().contains("row 150: "), "{err}");

        // IDs are checked too: invalid, or the same twice (case aside).
        let err = Item::create_many(&c, &items[..10])
            .id_with(|i, _| if i == 7 { "not valid!".into() } else { format!("i{i}") })
            .await
            .unwrap_err();
        assert!(err.to_string().contains("row 7: ID `not valid!`"), "{err}");
        let err = Item::create_many(&c, &items[..10])
            .id_with(|i, _| if i == 9 { "I1".into() } else { format!("i{i}") })
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("row 9: ID `I1` is used by an earlier row"),
            "{err}"
        );
        let err = Item::upsert_many(&c, [("a", &items[0]), ("a", &items[1])])
            .await
            .unwrap_err();
        assert!(err.to_string().contains("row 1: ID `a`"), "{err}");

        // Batch sizes outside 1..=100 are refused.
        for size in [0, MAX_BATCH_ROWS + 1] {
            let err = Item::create_many(&c, &items[..3])
                .batch_size(size)
                .await
                .unwrap_err();
            assert!(err.to_string().contains("a batch holds 1 to 100 rows"), "{err}");
        }
        let err = Item::create_iter(&c, items.iter().take(3))
            .concurrency(0)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("concurrency"), "{err}");

        b.expect(&[]);
        assert_eq!(Item::count(&c, Item::query()).await?, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn upsert_many_creates_then_replaces_and_returns_what_changed() {
    on_each_backend(async |b| {
        let db = b.fresh_id("bulk-upsert");
        let c = b.client_in(&db);
        synced(b, &c).await?;
        let path = rows_path(&db);

        let items: Vec<Item> = (0..150).map(item).collect();
        let pairs = || items.iter().map(|i| (format!("u{}", i.n), i));
        let rows = Item::upsert_many(&c, pairs()).await?;
        assert_eq!(rows.len(), 150);
        assert_eq!((rows[149].id.as_str(), rows[149].n), ("u149", 149));
        b.expect(&[("PUT", &path), ("PUT", &path)]);

        // Again, with ten rows changed: only those come back.
        let mut changed = items.clone();
        for i in changed.iter_mut().step_by(15) {
            i.done = true;
        }
        let rows = Item::upsert_many(&c, changed.iter().map(|i| (format!("u{}", i.n), i))).await?;
        assert_eq!(rows.len(), 10);
        assert!(rows.iter().all(|r| r.done && r.n % 15 == 0));
        b.expect(&[("PUT", &path), ("PUT", &path)]);

        let count = Item::upsert_many(&c, pairs()).count_only().await?;
        assert_eq!(count, 10, "the ten rows go back to `done = false`");
        assert_eq!(Item::count(&c, Item::query()).await?, 150);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn update_many_and_delete_many_take_typed_filters() {
    on_each_backend(async |b| {
        let db = b.fresh_id("bulk-filter");
        let c = b.client_in(&db);
        Item::create_many(&c, (0..300).map(item))
            .count_only()
            .await?;
        b.reset();
        let path = rows_path(&db);
        let col = Item::columns();

        let changed = Item::update_many(&c, col.n.lt(100), Item::patch().done(true)).await?;
        assert_eq!(changed, 100);
        b.expect(&[("PATCH", &path)]);
        assert_eq!(Item::count(&c, col.done.equal(true)).await?, 100);

        // With operators, and a query with a limit.
        let changed = Item::update_many(
            &c,
            Item::query()
                .filter(col.n.gte(200))
                .order(col.n.asc())
                .limit(10),
            Item::patch(),
        )
        .op(col.n.increment(1000))
        .op(col.name.concat("!"))
        .await?;
        assert_eq!(changed, 10);
        let first = Item::find_first(&c, col.n.gte(1000)).await?;
        let first = first.expect("a row was incremented");
        assert_eq!((first.n, first.name.as_str()), (1200, "item-200!"));
        assert_eq!(Item::count(&c, col.n.gte(1000)).await?, 10);
        b.reset();

        // Nothing to change is refused before sending.
        let err = Item::update_many(&c, col.n.lt(5), Item::patch())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { reason, .. } if reason.contains("sets no column")),
            "{err}"
        );
        b.expect(&[]);

        let deleted = Item::delete_many(&c, col.done.equal(true) | col.n.gte(1000)).await?;
        assert_eq!(deleted, 110);
        b.expect(&[("DELETE", &path)]);
        assert_eq!(Item::count(&c, Item::query()).await?, 190);
        assert_eq!(Item::delete_many(&c, Item::query()).await?, 190);
        assert_eq!(Item::count(&c, Item::query()).await?, 0);
        Ok(())
    })
    .await;
}

/// Rows alive at once (made by the stream, not dropped yet), and the most seen.
static LIVE: AtomicI64 = AtomicI64::new(0);
static MOST_LIVE: AtomicI64 = AtomicI64::new(0);

/// A row that counts how many of its kind are alive.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "readings")]
struct Reading {
    #[column(size = 16)]
    sensor: String,
    value: i64,
    /// Made by the counting stream (rows decoded from answers are not counted).
    #[column(skip)]
    #[serde(skip)]
    counted: bool,
}

impl Reading {
    fn counted(value: i64) -> Self {
        let live = LIVE.fetch_add(1, Ordering::SeqCst) + 1;
        MOST_LIVE.fetch_max(live, Ordering::SeqCst);
        Reading {
            sensor: "s1".into(),
            value,
            counted: true,
        }
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        if self.counted {
            LIVE.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A stream of `total` readings that records, each time a row is asked for, how far it
/// runs ahead of the rows the server has stored: rows handed out minus rows in the bulk
/// requests the emulator has answered (every request counted is a full batch but maybe
/// the last).
struct CountingStream<'e> {
    emulator: &'e EmulatorHandle,
    batch: u64,
    next: u64,
    total: u64,
    most_ahead: Arc<AtomicU64>,
}

impl futures_core::Stream for CountingStream<'_> {
    type Item = Reading;

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Reading>> {
        let this = self.get_mut();
        if this.next == this.total {
            return Poll::Ready(None);
        }
        let stored = this.emulator.request_count() * this.batch;
        let ahead = (this.next + 1).saturating_sub(stored);
        this.most_ahead.fetch_max(ahead, Ordering::SeqCst);
        this.next += 1;
        Poll::Ready(Some(Reading::counted(this.next as i64)))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_of_10_000_rows_is_written_with_bounded_memory() {
    let b = Backend::emulator().await;
    let Backend::Emulator(emulator) = &b else {
        unreachable!("an emulator backend")
    };
    let c = b.client_in("bulk-stream");
    Reading::count(&c, Reading::query()).await.unwrap();

    for (batch, concurrency) in [(100, 1), (100, 4), (40, 3)] {
        Reading::delete_many(&c, Reading::query()).await.unwrap();
        b.reset();
        let most_ahead = Arc::new(AtomicU64::new(0));
        let stream = CountingStream {
            emulator,
            batch,
            next: 0,
            total: 10_000,
            most_ahead: Arc::clone(&most_ahead),
        };
        let written = Reading::create_stream(&c, stream)
            .batch_size(batch as usize)
            .concurrency(concurrency)
            .await
            .unwrap();
        assert_eq!(written, 10_000);
        assert_eq!(emulator.request_count(), 10_000_u64.div_ceil(batch));
        let most_ahead = most_ahead.load(Ordering::SeqCst);
        assert!(
            most_ahead <= batch * concurrency as u64,
            "batch {batch} × {concurrency} in flight: the stream ran {most_ahead} rows ahead"
        );
        assert!(most_ahead >= batch, "the stream fills whole batches");
        let c2 = Reading::columns();
        assert_eq!(Reading::count(&c, c2.value.gt(9990)).await.unwrap(), 10);
    }
    // Each row is turned into its batch's JSON as it is taken, and dropped.
    assert!(MOST_LIVE.load(Ordering::SeqCst) <= 1);
    assert_eq!(LIVE.load(Ordering::SeqCst), 0);
    b.shutdown().await;
}

#[tokio::test]
async fn a_failed_batch_reports_the_rows_written_before_it() {
    on_each_backend(async |b| {
        let db = b.fresh_id("bulk-fail");
        let c = b.client_in(&db);
        synced(b, &c).await?;
        let path = rows_path(&db);

        // Row 250 repeats row 10's unique name: the server refuses the third batch whole.
        let rows = (0..350).map(|n| if n == 250 { item(10) } else { item(n) });
        let err = Item::create_iter(&c, rows).await.unwrap_err();
        assert_eq!(err.written(), 200);
        assert_eq!(err.failed_rows(), Some(200..300));
        assert!(
            matches!(err.error(), Error::Conflict { answer } if answer.kind == "row_already_exists"),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .ends_with("(bulk write: 200 row(s) stored before it; rows 200..300 not written)"),
            "{err}"
        );
        b.expect(&[("POST", path.as_str()); 3]);
        assert_eq!(Item::count(&c, Item::query()).await?, 200);

        // An invalid row of a stream stops it before its batch is sent.
        Item::delete_many(&c, Item::query()).await?;
        b.reset();
        let rows = (0..350).map(|n| {
            let mut i = item(n);
            if n == 250 {
                i.name = "y".repeat(40);
            }
            i
        });
        let err = Item::create_stream(&c, FromIter::new(rows))
            .await
            .unwrap_err();
        assert_eq!((err.written(), err.failed_rows()), (200, Some(200..251)));
        assert!(
            matches!(err.error(), Error::Validation { column: Some(col), reason, .. }
                if col == "name" && reason.starts_with("row 250: ")),
            "{err:?}"
        );
        b.expect(&[("POST", path.as_str()); 2]);
        assert_eq!(Item::count(&c, Item::query()).await?, 200);

        // `?` in a function returning `lazy_appwrite::Result` keeps the error itself.
        let plain: Error = err.into();
        assert!(matches!(plain, Error::Validation { .. }));
        Ok(())
    })
    .await;
}

mod linked {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    #[derive(Table, Serialize, Deserialize, Debug, Clone)]
    #[table(id = "authors")]
    pub struct Author {
        #[column(size = 64)]
        pub name: String,
    }

    #[derive(Table, Serialize, Deserialize, Debug, Clone)]
    #[table(id = "books")]
    pub struct Book {
        #[column(size = 64)]
        pub title: String,
        #[column(relationship(related = Author, kind = many_to_one))]
        pub author: Option<String>,
    }
}

#[tokio::test]
async fn tables_with_relationships_are_refused_before_sending() {
    on_each_backend(async |b| {
        use linked::Book;
        let db = b.fresh_id("bulk-linked");
        let c = b.client_in(&db);
        b.reset();
        let book = Book {
            title: "Dune".into(),
            author: None,
        };
        let check = |err: Error, what: &str| {
            assert!(
                matches!(&err, Error::Validation { table: Some(t), column: Some(col), reason }
                    if t == "books" && col == "author"
                        && reason.contains(&format!("Appwrite refuses bulk {what} on a table with relationship columns (`author`)"))),
                "{err}"
            );
        };
        check(
            Book::create_many(&c, [&book]).await.unwrap_err().into(),
            "create",
        );
        check(
            Book::upsert_many(&c, [("b1", &book)])
                .await
                .unwrap_err()
                .into(),
            "upsert",
        );
        check(
            Book::create_iter(&c, [&book]).await.unwrap_err().into(),
            "create",
        );
        let c2 = Book::columns();
        check(
            Book::update_many(&c, c2.title.equal("Dune"), Book::patch().title("Emma"))
                .await
                .unwrap_err(),
            "update",
        );
        check(
            Book::delete_many(&c, Book::query()).await.unwrap_err(),
            "delete",
        );
        b.expect(&[]);
        Ok(())
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// A retried batch, against a scripted server (sync off: only the bulk requests are made).

fn scripted_client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .project("p")
        .api_key("standard_bulk_key_0123")
        .default_database("shop")
        .sync(SyncSettings::disabled())
        .retry(
            RetryPolicy::default()
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(20)),
        )
        .build()
        .expect("a valid client configuration")
}

/// The stored form of a bulk row.
fn stored(row: &Value, seq: usize) -> Value {
    let mut row = row.clone();
    row["$sequence"] = json!(seq);
    row["$tableId"] = json!("items");
    row["$databaseId"] = json!("shop");
    row["$createdAt"] = json!("2026-01-01T00:00:00.000+00:00");
    row["$updatedAt"] = json!("2026-01-01T00:00:00.000+00:00");
    row["$permissions"] = json!([]);
    if row.get("done").is_none() {
        row["done"] = json!(false);
    }
    row
}

#[tokio::test]
async fn a_retried_batch_that_meets_its_own_rows_succeeds() {
    let kept = Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let server = {
        let kept = Arc::clone(&kept);
        FakeServer::start(move |req, i| match (req.method.as_str(), i) {
            // The batch is stored, but the answer is lost.
            ("POST", 0) => {
                let body: Value = serde_json::from_slice(&req.body).unwrap();
                let rows = body["rows"].as_array().unwrap();
                *kept.lock().unwrap() =
                    rows.iter().enumerate().map(|(s, r)| stored(r, s)).collect();
                Reply::Reset
            }
            ("POST", _) => Reply::error(
                409,
                "row_already_exists",
                "Document with the requested ID already exists.",
            ),
            ("GET", _) => {
                let rows = kept.lock().unwrap().clone();
                Reply::json(200, json!({"total": 0, "rows": rows}).to_string())
            }
            _ => Reply::error(500, "", "unexpected"),
        })
        .await
    };
    let c = scripted_client(&server.endpoint());
    let rows = Item::create_many(&c, (0..3).map(item)).await.unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].data, item(2));
    let requests = server.requests();
    let methods: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["POST", "POST", "GET"], "sent, retried, read back");
    assert_eq!(
        requests[0].body, requests[1].body,
        "the retry sends the same IDs"
    );
    assert!(requests[2].query.contains("%24id"), "{}", requests[2].query);
}

#[tokio::test]
async fn a_retried_batch_that_meets_someone_elses_row_fails() {
    let server = FakeServer::start(move |req, i| match (req.method.as_str(), i) {
        ("POST", 0) => Reply::error(503, "", "busy"),
        ("POST", _) => Reply::error(
            409,
            "row_already_exists",
            "Document with the requested ID already exists.",
        ),
        ("GET", _) => {
            let theirs = stored(&json!({"$id": "taken", "name": "theirs", "n": 1}), 1);
            Reply::json(200, json!({"total": 0, "rows": [theirs]}).to_string())
        }
        _ => Reply::error(500, "", "unexpected"),
    })
    .await;
    let c = scripted_client(&server.endpoint());
    let err = Item::create_many(&c, (0..3).map(item))
        .id_with(|i, _| {
            if i == 1 {
                "taken".into()
            } else {
                format!("mine-{i}")
            }
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err.error(), Error::Conflict { answer } if answer.kind == "row_already_exists"),
        "{err:?}"
    );
    assert_eq!((err.written(), err.failed_rows()), (0, Some(0..3)));
    assert_eq!(server.count(), 3);
}
