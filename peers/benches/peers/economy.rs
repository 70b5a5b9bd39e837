//! Request economy of the lazy sync, counted by an in-process emulator (with its default
//! 50 ms processing delay, so any column or index that had to be waited for would show up
//! as polls).

use lazy_appwrite::{Client, Model, Table};
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

use crate::common::{FRESH_CATEGORY, Item, item};
use crate::workload::{Result, check};

/// Concurrent first calls in the single-flight scenario.
pub const CONCURRENT: usize = 1_000;

/// One counted scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// Operations the scenario ran (each is one request once the table is known).
    pub operations: u64,
    /// Every request the emulator counted.
    pub total: u64,
    /// Requests that were not the operations themselves: the sync.
    pub sync_requests: u64,
    /// How many syncs ran (each reads the table first).
    pub syncs: u64,
    /// The sync's requests, `METHOD path` (the first few).
    pub sync_trace: Vec<String>,
    /// What the JS lazy-appwrite design needs for the same, as the issue states it.
    pub js_design: &'static str,
    /// The target this scenario is measured against.
    pub target: &'static str,
    pub target_met: bool,
}

fn client(emulator: &EmulatorHandle, database: &str) -> Result<Client> {
    Ok(Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database(database)
        .build()?)
}

/// Counts what happened since the last reset, given `operations` row requests.
fn count(emulator: &EmulatorHandle, name: &str, operations: u64) -> Scenario {
    let total = emulator.request_count();
    let log = emulator.requests();
    let sync: Vec<String> = log
        .iter()
        .filter(|r| !r.path.contains("/rows"))
        .map(|r| format!("{} {} → {}", r.method, r.path, r.status))
        .collect();
    let syncs = log
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/tables/items"))
        .count() as u64;
    Scenario {
        name: name.to_owned(),
        operations,
        total,
        sync_requests: total.saturating_sub(operations),
        syncs,
        sync_trace: sync.into_iter().take(8).collect(),
        js_design: "",
        target: "",
        target_met: false,
    }
}

/// `n` concurrent first `Item::create` calls on a client that has not synced yet.
async fn first_calls(client: &Client, n: usize) -> Result<()> {
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            Item::create(&client, &item(i, Some(FRESH_CATEGORY)))
                .await
                .map(|_| ())
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok(())
}

/// Runs every scenario on a fresh emulator.
pub async fn run() -> Result<Vec<Scenario>> {
    let emulator = Emulator::builder()
        .project("economy")
        .key("economy-key")
        .rate_limits(false)
        .start()
        .await?;
    let mut out = Vec::new();
    let row = item(1, Some(FRESH_CATEGORY));

    // 1. A new table (10 columns, 3 indexes) in a database that does not exist yet.
    let c = client(&emulator, "econ-new-db")?;
    emulator.reset_requests();
    Item::create(&c, &row).await?;
    let mut s = count(
        &emulator,
        "cold start, new table (10 columns, 3 indexes), new database",
        1,
    );
    s.js_design = "16 (N + 6, N = 10 columns)";
    // The read, the version question (once per client: the answer decides whether the
    // columns go inline), the database, the table with everything inline.
    s.target = "1 create request (+ the version question once per client, + polls)";
    s.target_met = s.sync_requests <= 4;
    out.push(s);

    // 2. A new table in an existing database.
    let c = client(&emulator, "econ-db")?;
    c.databases().create("econ-db", "econ-db").await?;
    emulator.reset_requests();
    Item::create(&c, &row).await?;
    let mut s = count(
        &emulator,
        "cold start, new table (10 columns, 3 indexes)",
        1,
    );
    s.js_design = "16 (N + 6, N = 10 columns)";
    s.target = "1 create request (+ the version question once per client, + polls)";
    s.target_met = s.sync_requests <= 3;
    out.push(s);

    // 3. A matching table, seen by a new client (a new process).
    let c = client(&emulator, "econ-db")?;
    emulator.reset_requests();
    Item::create(&c, &row).await?;
    let mut s = count(&emulator, "cold start, matching table", 1);
    s.js_design = "5–6";
    s.target = "≤ 1 request";
    s.target_met = s.sync_requests <= 1;
    out.push(s);

    // 4. 1 000 concurrent first calls on a new table (new database).
    let c = client(&emulator, "econ-burst")?;
    emulator.reset_requests();
    first_calls(&c, CONCURRENT).await?;
    let mut s = count(
        &emulator,
        "1,000 concurrent first calls, new table, new database",
        CONCURRENT as u64,
    );
    s.js_design = "not stated";
    s.target = "1 sync";
    s.target_met = s.syncs == 1;
    out.push(s);

    // 5. 1 000 concurrent first calls from a new client on the matching table.
    let c = client(&emulator, "econ-burst")?;
    emulator.reset_requests();
    first_calls(&c, CONCURRENT).await?;
    let mut s = count(
        &emulator,
        "1,000 concurrent first calls, matching table",
        CONCURRENT as u64,
    );
    s.js_design = "not stated";
    s.target = "1 sync";
    s.target_met = s.syncs == 1;
    out.push(s);

    // 6. Warm: 100 operations of each kind after the sync.
    let c = client(&emulator, "econ-db")?;
    c.sync::<Item>().await?;
    let created = Item::create(&c, &row).await?;
    emulator.reset_requests();
    let cols = Item::columns();
    for k in 0..100 {
        Item::get(&c, &created.id).await?;
        Item::list(&c, Item::query().filter(cols.category.equal("c1")).limit(5)).await?;
        Item::update(&c, &created.id, Item::patch().visits(k)).await?;
    }
    let mut s = count(&emulator, "warm: 100 × (get, list, update)", 300);
    s.js_design = "1 per operation";
    s.target = "1 request per warm operation";
    s.target_met = s.total == 300;
    out.push(s);
    check(out.iter().all(|s| s.total > 0), || {
        "nothing was counted".into()
    })?;

    emulator.shutdown().await;
    Ok(out)
}
