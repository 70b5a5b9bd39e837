//! The workloads, the interface each Rust client implements for them, and the loop that
//! runs one workload in a worker process and measures it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::common::mixed_writes;
use crate::measure::{cpu_time, peak_rss_kib, quantile};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = BoxError> = std::result::Result<T, E>;

/// Rows per bulk request (Appwrite's maximum).
pub const BULK_BATCH: usize = 100;
/// Bulk requests in flight at once.
pub const BULK_IN_FLIGHT: usize = 4;

/// One workload, as named on the command line and in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Create one row of the 10-column model.
    Create,
    /// Get a seeded row by ID.
    Get,
    /// List 100 rows: two `equal` filters, `orderDesc`, `limit(100)`.
    List,
    /// Update two columns of a seeded row.
    Update,
    /// 80 % get, 20 % update, at the worker's concurrency.
    Mixed,
    /// Create rows 100 a request, [`BULK_IN_FLIGHT`] requests in flight.
    Bulk,
}

impl Workload {
    pub const ALL: [Workload; 6] = [
        Workload::Create,
        Workload::Get,
        Workload::List,
        Workload::Update,
        Workload::Mixed,
        Workload::Bulk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Workload::Create => "create",
            Workload::Get => "get",
            Workload::List => "list",
            Workload::Update => "update",
            Workload::Mixed => "mixed",
            Workload::Bulk => "bulk",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.name() == name)
    }
}

/// What a worker is told to do (command-line arguments; the Node script takes the same).
#[derive(Debug, Clone)]
pub struct WorkerArgs {
    pub client: String,
    pub workload: Workload,
    /// Operations to measure (for bulk: rows).
    pub ops: usize,
    /// Operations before measuring (for bulk: rows).
    pub warmup: usize,
    pub concurrency: usize,
    pub endpoint: String,
    pub project: String,
    pub key: String,
    pub database: String,
    /// Makes the IDs of created rows unique across rounds.
    pub tag: String,
}

impl WorkerArgs {
    pub fn to_args(&self) -> Vec<String> {
        [
            ("--workload", self.workload.name().to_owned()),
            ("--ops", self.ops.to_string()),
            ("--warmup", self.warmup.to_string()),
            ("--concurrency", self.concurrency.to_string()),
            ("--endpoint", self.endpoint.clone()),
            ("--project", self.project.clone()),
            ("--key", self.key.clone()),
            ("--database", self.database.clone()),
            ("--tag", self.tag.clone()),
        ]
        .into_iter()
        .flat_map(|(flag, value)| [flag.to_owned(), value])
        .collect()
    }

    pub fn parse(client: String, args: &[String]) -> Result<Self> {
        let get = |flag: &str| -> Result<String> {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1))
                .cloned()
                .ok_or_else(|| format!("the worker needs {flag}").into())
        };
        let number = |flag: &str| -> Result<usize> { Ok(get(flag)?.parse()?) };
        let workload = get("--workload")?;
        Ok(Self {
            client,
            workload: Workload::parse(&workload)
                .ok_or_else(|| format!("unknown workload {workload}"))?,
            ops: number("--ops")?,
            warmup: number("--warmup")?,
            concurrency: number("--concurrency")?.max(1),
            endpoint: get("--endpoint")?,
            project: get("--project")?,
            key: get("--key")?,
            database: get("--database")?,
            tag: get("--tag")?,
        })
    }
}

/// What a worker prints (one JSON line on stdout); the Node script prints the same shape.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerReport {
    pub client: String,
    pub workload: String,
    pub concurrency: usize,
    /// Operations measured (for bulk: rows).
    pub ops: usize,
    /// Operations before measuring, including the warm-up (for bulk: rows).
    pub ops_total: usize,
    /// Requests measured (for bulk: batches).
    pub requests: usize,
    pub wall_s: f64,
    /// Latency of one request (for bulk: of one batch), µs.
    pub median_us: f64,
    pub p99_us: f64,
    /// CPU time of the whole worker process during the measured phase.
    pub cpu_s: f64,
    /// Peak resident memory of the worker process over its life, KiB.
    pub peak_rss_kib: u64,
}

/// One Rust client, able to do each operation of the workloads. Operation `k` is the
/// same request in every client (see `common`).
pub trait Driver: Clone + Send + Sync + 'static {
    /// Creates the `k`-th new row (pre-built by [`Driver::prepare`]).
    fn create(&self, k: usize) -> impl Future<Output = Result<()>> + Send;
    /// Gets seeded row `target_of(k)`.
    fn get(&self, k: usize) -> impl Future<Output = Result<()>> + Send;
    /// Lists 100 rows of category `c1` that are active, by rank, descending.
    fn list(&self) -> impl Future<Output = Result<()>> + Send;
    /// Sets `visits` and `score` of seeded row `target_of(k)`.
    fn update(&self, k: usize) -> impl Future<Output = Result<()>> + Send;
    /// Creates rows `first..first + count` in one request.
    fn bulk(&self, first: usize, count: usize) -> impl Future<Output = Result<()>> + Send;
}

/// Runs operation `k` of `workload`.
async fn one<D: Driver>(driver: &D, workload: Workload, k: usize) -> Result<()> {
    match workload {
        Workload::Create => driver.create(k).await,
        Workload::Get => driver.get(k).await,
        Workload::List => driver.list().await,
        Workload::Update => driver.update(k).await,
        Workload::Mixed if mixed_writes(k) => driver.update(k).await,
        Workload::Mixed => driver.get(k).await,
        Workload::Bulk => {
            let first = k * BULK_BATCH;
            driver.bulk(first, BULK_BATCH).await
        }
    }
}

/// Runs operations `from..to` with `concurrency` tasks; returns each one's latency (ns).
async fn run_range<D: Driver>(
    driver: &D,
    workload: Workload,
    from: usize,
    to: usize,
    concurrency: usize,
) -> Result<Vec<u64>> {
    let next = Arc::new(AtomicUsize::new(from));
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (driver, next) = (driver.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity((to - from) / concurrency + 1);
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= to {
                    break;
                }
                let started = Instant::now();
                one(&driver, workload, k).await?;
                latencies.push(started.elapsed().as_nanos() as u64);
            }
            Ok::<_, BoxError>(latencies)
        }));
    }
    let mut all = Vec::with_capacity(to - from);
    for task in tasks {
        all.extend(task.await??);
    }
    Ok(all)
}

/// Warms up, then measures `args.ops` operations of `args.workload`.
pub async fn measure<D: Driver>(driver: D, args: &WorkerArgs) -> Result<WorkerReport> {
    let per_op = if args.workload == Workload::Bulk {
        BULK_BATCH
    } else {
        1
    };
    let (warmup, ops) = (args.warmup / per_op, args.ops / per_op);
    let concurrency = if args.workload == Workload::Bulk {
        BULK_IN_FLIGHT
    } else {
        args.concurrency
    };
    run_range(&driver, args.workload, 0, warmup, concurrency).await?;
    let cpu_before = cpu_time();
    let started = Instant::now();
    let mut latencies =
        run_range(&driver, args.workload, warmup, warmup + ops, concurrency).await?;
    let wall = started.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_before);
    latencies.sort_unstable();
    Ok(WorkerReport {
        client: args.client.clone(),
        workload: args.workload.name().to_owned(),
        concurrency,
        ops: ops * per_op,
        ops_total: (warmup + ops) * per_op,
        requests: ops,
        wall_s: wall.as_secs_f64(),
        median_us: quantile(&latencies, 0.5) as f64 / 1e3,
        p99_us: quantile(&latencies, 0.99) as f64 / 1e3,
        cpu_s: cpu.as_secs_f64(),
        peak_rss_kib: peak_rss_kib(),
    })
}

/// Checks a condition every client checks the same way.
pub fn check(ok: bool, what: impl FnOnce() -> String) -> Result<()> {
    if ok { Ok(()) } else { Err(what().into()) }
}

/// A bound on how long one worker may take, so a stuck client cannot hang the run.
pub const WORKER_TIMEOUT: Duration = Duration::from_secs(600);
