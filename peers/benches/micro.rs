//! Micro-benchmarks of the client's own work, with no network: `cargo bench --bench micro`.
//!
//! - validating a 10-column row (`Table::validate`) and coercing a dynamic payload
//!   (`Table::coerce`);
//! - building and serialising a list query (two filters, an order, a limit) with the typed
//!   API, against the same queries with the official `appwrite` crate's `Query`;
//! - decoding a 100-row list: lazy-appwrite's one-pass decoder into `RowList<Item>`,
//!   against parsing into `serde_json::Value` first and converting, and against what the
//!   official crate does (its `RowList` of `HashMap<String, Value>` rows, then
//!   `from_value` per row to get the struct), and against the floor: `serde_json` into one
//!   plain struct per row (what the raw reqwest peer does).
//!
//! Options after `--` are criterion's (`cargo bench --bench micro -- decode`).

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{Item, LIST_CATEGORY, LIST_LIMIT, RawList, item, seed_id};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lazy_appwrite::schema::CoerceMode;
use lazy_appwrite::{Query, RowList, Table};
use serde_json::{Value, json};

fn validation(c: &mut Criterion) {
    let row = item(42, None);
    let mut group = c.benchmark_group("validate");
    group.bench_function("Table::validate (10 columns)", |b| {
        b.iter(|| black_box(&row).validate())
    });
    group.finish();

    let payload = json!({
        "name": "item 42", "email": "user42@example.com", "category": "c2",
        "rank": "42", "score": "4.2", "active": "true",
        "homepage": "https://example.com/items/42", "last_ip": "10.0.0.42",
        "note": "a short note about item number 42", "unknown": 1
    });
    let mut group = c.benchmark_group("coerce");
    group.bench_function("Table::coerce (10 columns, 3 strings to numbers)", |b| {
        b.iter_batched(
            || payload.clone(),
            |value| Item::coerce(value, CoerceMode::Create),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn query_serialisation(c: &mut Criterion) {
    let mut group = c.benchmark_group("list query: 2 filters, order, limit");
    group.bench_function("lazy-appwrite typed (build + to_json)", |b| {
        b.iter(|| {
            let cols = Item::columns();
            let query = Item::query()
                .filter(cols.category.equal(black_box(LIST_CATEGORY)))
                .filter(cols.active.equal(black_box(true)))
                .order(cols.rank.desc())
                .limit(black_box(LIST_LIMIT));
            query
                .into_queries()
                .iter()
                .map(Query::to_json)
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("lazy-appwrite untyped Query (build + to_json)", |b| {
        b.iter(|| {
            [
                Query::equal("category", black_box(LIST_CATEGORY)),
                Query::equal("active", black_box(true)),
                Query::order_desc("rank"),
                Query::limit(black_box(LIST_LIMIT)),
            ]
            .iter()
            .map(Query::to_json)
            .collect::<Vec<_>>()
        })
    });
    group.bench_function("appwrite 0.22 Query (build + to_string)", |b| {
        use appwrite::query::Query as Q;
        b.iter(|| {
            vec![
                Q::equal("category", json!(black_box(LIST_CATEGORY))).to_string(),
                Q::equal("active", json!(black_box(true))).to_string(),
                Q::order_desc("rank").to_string(),
                Q::limit(black_box(LIST_LIMIT as u32)).to_string(),
            ]
        })
    });
    group.finish();
}

/// A 100-row list as the emulator sends it (1.8 format: `$sequence` an integer).
fn list_body(sequence_as_string: bool) -> Vec<u8> {
    let rows: Vec<Value> = (0..100)
        .map(|i| {
            let mut row = serde_json::to_value(item(i, None)).expect("an item is JSON");
            let object = row.as_object_mut().expect("an item is an object");
            let sequence = if sequence_as_string {
                json!((i + 1).to_string())
            } else {
                json!(i + 1)
            };
            for (key, value) in [
                ("$id", json!(seed_id(i))),
                ("$sequence", sequence),
                ("$tableId", json!("items")),
                ("$databaseId", json!("bench")),
                ("$createdAt", json!("2026-01-02T03:04:05.678+00:00")),
                ("$updatedAt", json!("2026-01-02T03:04:05.678+00:00")),
                ("$permissions", json!(["read(\"any\")"])),
            ] {
                object.insert(key.to_owned(), value);
            }
            row
        })
        .collect();
    serde_json::to_vec(&json!({ "total": 375, "rows": rows })).expect("JSON")
}

fn decoding(c: &mut Criterion) {
    let body = list_body(false);
    let body_19 = list_body(true);
    let mut group = c.benchmark_group("decode 100-row list");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(
        "lazy-appwrite: bytes -> RowList<Item> (the client's decoder)",
        |b| {
            b.iter(|| {
                let list: RowList<Item> =
                    lazy_appwrite::response::__decode(black_box(&body)).expect("decodes");
                list
            })
        },
    );
    group.bench_function(
        "serde_json::from_slice -> RowList<Item> (no error paths)",
        |b| {
            b.iter(|| {
                let list: RowList<Item> =
                    serde_json::from_slice(black_box(&body)).expect("decodes");
                list
            })
        },
    );
    group.bench_function(
        "serde_json::from_slice -> plain struct (the raw reqwest floor)",
        |b| {
            b.iter(|| {
                let list: RawList = serde_json::from_slice(black_box(&body)).expect("decodes");
                list
            })
        },
    );
    group.bench_function("bytes -> Value -> RowList<Item>", |b| {
        b.iter(|| {
            let value: Value = serde_json::from_slice(black_box(&body)).expect("parses");
            let list: RowList<Item> = serde_json::from_value(value).expect("decodes");
            list
        })
    });
    group.bench_function(
        "appwrite 0.22: bytes -> models::RowList, then from_value per row -> Item",
        |b| {
            b.iter(|| {
                let list: appwrite::models::RowList =
                    serde_json::from_slice(black_box(&body_19)).expect("decodes");
                list.rows
                    .into_iter()
                    .map(|row| {
                        let data = Value::Object(row.data.into_iter().collect());
                        serde_json::from_value::<Item>(data).expect("an item")
                    })
                    .collect::<Vec<_>>()
            })
        },
    );
    group.bench_function(
        "appwrite 0.22: bytes -> models::RowList only (untyped)",
        |b| {
            b.iter(|| {
                let list: appwrite::models::RowList =
                    serde_json::from_slice(black_box(&body_19)).expect("decodes");
                list
            })
        },
    );
    group.finish();
}

fn config() -> Criterion {
    // A shared 2-core machine: short, repeated measurements; compare within a run.
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = micro;
    config = config();
    targets = validation, query_serialisation, decoding
}
criterion_main!(micro);
