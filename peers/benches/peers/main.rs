//! lazy-appwrite against its peers, end to end: `cargo bench --bench peers`.
//!
//! The parent process starts the emulator in-process once (in-memory SQLite, no processing
//! delay, no rate limits), creates and seeds the table, then for every round spawns one
//! worker process per client and workload, in rotating order (A B C D, B C D A, …):
//!
//! - `lazy`: lazy-appwrite's typed model API, warm (the table is synced before measuring);
//! - `reqwest`: raw reqwest sending the same HTTP requests (the floor for a client);
//! - `appwrite`: the official `appwrite` crate 0.22 doing the same operations;
//! - `node`: node-appwrite 22 (`benches/node/peers.mjs`), same operations, same concurrency,
//!   as shipped (it opens a new connection for every request);
//! - `node-ka`: the same with one method patched to share a keep-alive agent.
//!
//! Each worker measures its own CPU time and peak memory and prints one JSON line; the
//! emulator counts the requests each worker sent. The report gives medians across rounds
//! and the median of the per-round ratios. Then the request economy of the lazy sync is
//! counted (`--economy` runs only that part).
//!
//! To profile one client by hand, `--serve [SECONDS]` starts the seeded emulator and prints
//! the arguments of a worker (`--worker lazy --workload create …`) to run under `perf`.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `PEERS_QUICK` | unset | `1`: a short run (fewer rounds and operations), for development |
//! | `PEERS_ROUNDS` | 5 (quick: 2) | rounds of the single-row workloads |
//! | `PEERS_BULK_ROUNDS` | 3 (quick: 1) | rounds of the bulk insert |
//! | `PEERS_SCALE` | 1 (quick: 0.2) | multiplies every workload's operation count |
//! | `PEERS_BULK_ROWS` | 100000 (quick: 10000) | rows of one bulk insert |
//! | `PEERS_CLIENTS` | `lazy,reqwest,appwrite,node,node-ka` | the clients to run |
//! | `PEERS_WORKLOADS` | all | e.g. `get,list,mixed-c32,bulk` |
//! | `NODE` | `node` | the Node.js binary |
//!
//! Needs `npm ci --prefix peers/tests/node` for the Node peer (skipped with a warning otherwise).

#[path = "../common/mod.rs"]
mod common;
mod economy;
mod lazy;
mod measure;
mod official;
mod orchestrate;
mod raw;
mod report;
mod workload;

use std::sync::Arc;

use common::{FRESH_CATEGORY, item};
use workload::{Result, WorkerArgs, Workload};

fn main() -> Result<()> {
    // cargo passes `--bench` (and any filter); the parent ignores what it does not know.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--worker") {
        let client = args
            .get(i + 1)
            .cloned()
            .ok_or("--worker needs a client name")?;
        return worker(WorkerArgs::parse(client, &args)?);
    }
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        let seconds = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(600);
        return orchestrate::serve(std::time::Duration::from_secs(seconds));
    }
    let economy_only = args.iter().any(|a| a == "--economy");
    orchestrate::run(economy_only)
}

/// A worker: runs one workload with one Rust client and prints its report.
fn worker(args: WorkerArgs) -> Result<()> {
    // What `#[tokio::main]` gives an application: a worker thread per core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(async {
        let fresh = Arc::new(if args.workload == Workload::Create {
            (0..args.warmup + args.ops)
                .map(|i| item(i, Some(FRESH_CATEGORY)))
                .collect()
        } else {
            Vec::new()
        });
        match args.client.as_str() {
            "lazy" => workload::measure(lazy::Lazy::connect(&args, fresh).await?, &args).await,
            "reqwest" => workload::measure(raw::Raw::connect(&args, fresh)?, &args).await,
            "appwrite" => workload::measure(official::Official::connect(&args, fresh), &args).await,
            other => Err(format!("unknown client {other}").into()),
        }
    })?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
