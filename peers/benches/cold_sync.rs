//! The cold sync of a new table on a server that does not take columns inline (the
//! emulator's Appwrite 1.8.1 profile, with a realistic processing delay): a 10-column,
//! 3-index table, created with its columns one at a time (`with_parallel_creates(1)`, how
//! the sync worked before) and a few at a time (the default), interleaved round by round.
//!
//! ```text
//! cargo bench -p lazy-appwrite-peers --bench cold_sync
//! COLD_SYNC_ROUNDS=9 COLD_SYNC_DELAY_MS=300 cargo bench -p lazy-appwrite-peers --bench cold_sync
//! ```
//!
//! It prints, for each setting, the median wall time and request count of the sync, and the
//! ratio of the medians. The emulator makes every column available `delay` after its
//! creation, each on its own clock; a real 1.8.1 worker takes them one after another, so
//! there the gain of parallel creates is the round trips, not the processing.

use std::time::{Duration, Instant};

use lazy_appwrite::{Client, SyncSettings, Table};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
use serde::{Deserialize, Serialize};

/// 10 columns and 3 indexes.
#[derive(Table, Serialize, Deserialize)]
#[table(
    id = "orders",
    index(key = "by_customer", columns(customer)),
    index(key = "by_status", columns(status, placed)),
    index(key = "by_total", columns(total))
)]
struct Order {
    #[column(size = 64)]
    customer: String,
    #[column(email)]
    email: String,
    #[column(size = 16)]
    status: String,
    total: f64,
    items: i64,
    paid: bool,
    placed: Option<lazy_appwrite::Timestamp>,
    #[column(url)]
    receipt: Option<String>,
    #[column(ip)]
    origin: Option<String>,
    #[column(size = 256)]
    note: Option<String>,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One cold sync on a fresh emulator: its wall time and the requests it made.
async fn cold_sync(delay: Duration, parallel: usize) -> (Duration, u64) {
    let emulator = Emulator::builder()
        .appwrite_version(AppwriteVersion::V1_8_1)
        .processing_delay(delay)
        .start()
        .await
        .expect("the emulator starts");
    let client = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database("shop")
        .sync(SyncSettings::default().with_parallel_creates(parallel))
        .build()
        .expect("a client");
    let started = Instant::now();
    let plan = client.sync::<Order>().await.expect("the sync");
    let elapsed = started.elapsed();
    assert_eq!(plan.changes.len(), 2 + 10 + 3, "{plan}");
    let requests = emulator.request_count();
    emulator.shutdown().await;
    (elapsed, requests)
}

fn median<T: Copy + Ord>(values: &mut [T]) -> T {
    values.sort_unstable();
    values[values.len() / 2]
}

fn main() {
    let rounds = env_number("COLD_SYNC_ROUNDS", 7).max(1);
    let delay = Duration::from_millis(env_number("COLD_SYNC_DELAY_MS", 300));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let settings = [1usize, SyncSettings::default().parallel_creates()];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); settings.len()];
    let mut counts: Vec<Vec<u64>> = vec![Vec::new(); settings.len()];
    for _ in 0..rounds {
        for (i, parallel) in settings.iter().enumerate() {
            let (elapsed, requests) = runtime.block_on(cold_sync(delay, *parallel));
            times[i].push(elapsed);
            counts[i].push(requests);
        }
    }
    println!(
        "cold sync of a 10-column, 3-index table on the emulator's 1.8.1 profile, \
         processing delay {delay:?}, {rounds} rounds (median)"
    );
    println!("| creates in flight | wall time | requests |");
    println!("|---:|---:|---:|");
    let mut medians = Vec::new();
    for (i, parallel) in settings.iter().enumerate() {
        let time = median(&mut times[i]);
        let count = median(&mut counts[i]);
        medians.push(time);
        println!(
            "| {parallel} | {:.0} ms | {count} |",
            time.as_secs_f64() * 1000.0
        );
    }
    println!(
        "ratio (default ÷ one at a time): wall time ×{:.2}",
        medians[1].as_secs_f64() / medians[0].as_secs_f64()
    );
}
