//! Throughput and query-latency benchmark of the emulator over keep-alive HTTP.
//!
//! `cargo bench -p lazy-appwrite-emulator` starts an emulator in-process (in-memory SQLite)
//! and measures, against it, through one keep-alive `reqwest` client:
//!
//! 1. `createRow` and `getRow` throughput and latency at concurrency 1 and 16 (plus
//!    `GET /v1/ping` as the HTTP floor). The concurrency levels run in alternating blocks
//!    (c1, c16, c1, c16, …) so that machine noise hits both alike.
//! 2. Seeding a table of `EMULATOR_BENCH_ROWS` rows (default 1 000 000) through the bulk
//!    endpoint, 100 rows a request: the seeding rate.
//! 3. The latency of an `equal` query on an indexed string column against the same query on
//!    an identical, unindexed column, interleaved A B B A … with random values, with
//!    `total=false` and with `total=true` (every recorded release ignores `total=false` and
//!    counts anyway, so the two should match): medians, p99 and ratios.
//! 4. `createRow` and `getRow` again, on the seeded table: what the database size costs.
//!
//! The machine this runs on may be small and shared, so read the ratios and medians, not
//! single absolute times. Environment knobs (all optional):
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `EMULATOR_BENCH_ROWS` | 1000000 | rows of the query table |
//! | `EMULATOR_BENCH_OPS` | 50000 | createRow / getRow / ping requests per concurrency level |
//! | `EMULATOR_BENCH_BIG_OPS` | ops / 5 | the same, on the seeded table after the queries |
//! | `EMULATOR_BENCH_BLOCKS` | 5 | alternating blocks the ops of one level are split into |
//! | `EMULATOR_BENCH_QUERY_ROUNDS` | 300 | query rounds (each: 2 × `total=false`, 2 × `total=true`) |
//! | `EMULATOR_BENCH_DISTINCT` | rows / 100 | distinct `tag` values (≈ 100 matches each) |
//! | `EMULATOR_BENCH_SEED_CONCURRENCY` | 4 | bulk requests in flight while seeding |
//! | `EMULATOR_BENCH_SEED` | 42 | seed of the random choices |
//!
//! Arguments cargo passes (`--bench`, filters) are ignored.

use std::env;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use lazy_appwrite_emulator::{Emulator, EmulatorHandle};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde_json::{Value, json};

const PROJECT: &str = "bench";
const KEY: &str = "k";
const DATABASE: &str = "bench";
/// Table of the createRow / getRow phases.
const OPS_TABLE: &str = "ops";
/// Table of the seeding and query phases.
const BIG_TABLE: &str = "big";
/// Rows per bulk request (the API's maximum).
const BULK: usize = 100;
/// Concurrency levels of the throughput phases.
const LEVELS: [usize; 2] = [1, 16];
/// Rows a list answers without a `limit` query.
const PAGE: usize = 25;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Result<T, E = BoxError> = std::result::Result<T, E>;

// --- configuration --------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Settings {
    rows: usize,
    ops: usize,
    big_ops: usize,
    blocks: usize,
    query_rounds: usize,
    distinct: usize,
    seed_concurrency: usize,
    seed: u64,
}

fn env_usize(name: &str, default: usize) -> usize {
    match env::var(name) {
        Ok(raw) => {
            let cleaned: String = raw.chars().filter(|c| *c != '_' && *c != ',').collect();
            cleaned
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name}={raw:?} is not a whole number"))
        }
        Err(_) => default,
    }
}

impl Settings {
    fn from_env() -> Self {
        let rows = env_usize("EMULATOR_BENCH_ROWS", 1_000_000).max(1);
        let ops = env_usize("EMULATOR_BENCH_OPS", 50_000).max(1);
        Self {
            rows,
            ops,
            big_ops: env_usize("EMULATOR_BENCH_BIG_OPS", (ops / 5).max(1)).max(1),
            blocks: env_usize("EMULATOR_BENCH_BLOCKS", 5).max(1),
            query_rounds: env_usize("EMULATOR_BENCH_QUERY_ROUNDS", 300).max(1),
            distinct: env_usize("EMULATOR_BENCH_DISTINCT", (rows / 100).max(1)).max(1),
            seed_concurrency: env_usize("EMULATOR_BENCH_SEED_CONCURRENCY", 4).max(1),
            seed: env_usize("EMULATOR_BENCH_SEED", 42) as u64,
        }
    }
}

// --- statistics -----------------------------------------------------------------------------

/// Latency samples of one measured series.
#[derive(Debug, Default, Clone)]
struct Samples(Vec<Duration>);

impl Samples {
    fn sorted(&self) -> Vec<Duration> {
        let mut v = self.0.clone();
        v.sort_unstable();
        v
    }

    /// The `q` quantile (nearest rank), `q` in (0, 1].
    fn quantile(&self, q: f64) -> Duration {
        let v = self.sorted();
        if v.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
        v[rank - 1]
    }

    fn median(&self) -> Duration {
        self.quantile(0.5)
    }

    fn p99(&self) -> Duration {
        self.quantile(0.99)
    }
}

fn median_f64(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A duration in the unit that suits it.
fn fmt_dur(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// A count with thousands separators.
fn fmt_count(n: f64) -> String {
    let n = n.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// --- the client -----------------------------------------------------------------------------

/// The keep-alive client and the URLs of the emulator under test.
#[derive(Clone)]
struct Api {
    client: reqwest::Client,
    endpoint: Arc<str>,
}

impl Api {
    fn new(endpoint: &str) -> Result<Self> {
        let mut headers = HeaderMap::new();
        headers.insert("x-appwrite-project", HeaderValue::from_static(PROJECT));
        headers.insert("x-appwrite-key", HeaderValue::from_static(KEY));
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .http1_only()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(256)
            .pool_idle_timeout(None)
            .build()?;
        Ok(Self {
            client,
            endpoint: endpoint.into(),
        })
    }

    fn rows_url(&self, table: &str) -> String {
        format!("{}/tablesdb/{DATABASE}/tables/{table}/rows", self.endpoint)
    }

    /// POSTs a JSON body; fails unless the answer has status `want`. Returns the body.
    async fn post(&self, url: &str, body: String, want: u16) -> Result<bytes::Bytes> {
        let response = self
            .client
            .post(url)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await?;
        expect(response, want).await
    }

    /// GETs `url`; fails unless the answer has status `want`. Returns the body.
    async fn get(&self, url: &str, want: u16) -> Result<bytes::Bytes> {
        let response = self.client.get(url).send().await?;
        expect(response, want).await
    }
}

async fn expect(response: reqwest::Response, want: u16) -> Result<bytes::Bytes> {
    let status = response.status().as_u16();
    let url = response.url().path().to_string();
    // Always read the whole body, so the connection goes back to the pool.
    let body = response.bytes().await?;
    if status != want {
        return Err(format!(
            "{url}: expected {want}, got {status}: {}",
            String::from_utf8_lossy(&body)
        )
        .into());
    }
    Ok(body)
}

// --- schema and data ------------------------------------------------------------------------

/// A mixing function, so `tag` values do not follow `$sequence` order.
fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `tag` (and `tag2`) value index of row `i`.
fn tag_of(i: usize, distinct: usize, seed: u64) -> usize {
    (splitmix64(i as u64 ^ seed.rotate_left(32)) % distinct as u64) as usize
}

fn tag_value(t: usize) -> String {
    format!("v{t}")
}

/// The data of row `i`: `tag` and `tag2` always equal.
fn row_data(i: usize, distinct: usize, seed: u64) -> Value {
    let tag = tag_value(tag_of(i, distinct, seed));
    json!({
        "name": format!("row number {i}"),
        "score": i as i64,
        "tag": tag,
        "tag2": tag,
    })
}

async fn create_schema(api: &Api) -> Result<()> {
    api.post(
        &format!("{}/tablesdb", api.endpoint),
        json!({ "databaseId": DATABASE, "name": "Benchmark" }).to_string(),
        201,
    )
    .await?;
    for table in [OPS_TABLE, BIG_TABLE] {
        let body = json!({
            "tableId": table,
            "name": table,
            "columns": [
                { "key": "name", "type": "string", "size": 64, "required": true },
                { "key": "score", "type": "integer", "required": false },
                { "key": "tag", "type": "string", "size": 32, "required": false },
                { "key": "tag2", "type": "string", "size": 32, "required": false },
            ],
            "indexes": [
                { "key": "by_tag", "type": "key", "attributes": ["tag"] },
            ],
        });
        api.post(
            &format!("{}/tablesdb/{DATABASE}/tables", api.endpoint),
            body.to_string(),
            201,
        )
        .await?;
    }
    Ok(())
}

// --- throughput phases ----------------------------------------------------------------------

/// What one request of a throughput phase does.
#[derive(Clone)]
enum Op {
    /// `GET /v1/ping`: routing, auth and HTTP, no storage.
    Ping,
    /// `POST …/rows` of `table` with `rowId` `{prefix}{i}`.
    Create {
        table: &'static str,
        prefix: Arc<str>,
    },
    /// `GET …/rows/{ids[i % len]}` of `table`.
    Get {
        table: &'static str,
        ids: Arc<Vec<String>>,
    },
}

/// How many requests each of `blocks` blocks of `ops` requests gets.
fn block_sizes(ops: usize, blocks: usize) -> Vec<usize> {
    let blocks = blocks.clamp(1, ops.max(1));
    (0..blocks)
        .map(|b| ops / blocks + usize::from(b < ops % blocks))
        .collect()
}

/// Runs `n` requests of `op` with `concurrency` tasks sharing `api`'s client. Returns the
/// wall time and every request's latency.
async fn run_block(
    api: &Api,
    op: &Op,
    n: usize,
    concurrency: usize,
    distinct: usize,
    seed: u64,
) -> Result<(Duration, Samples)> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let (api, op, next) = (api.clone(), op.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let rows_url = match &op {
                Op::Ping => String::new(),
                Op::Create { table, .. } | Op::Get { table, .. } => api.rows_url(table),
            };
            let ping_url = format!("{}/ping", api.endpoint);
            let mut lat = Vec::with_capacity(n / concurrency + 1);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                match &op {
                    Op::Ping => {
                        let t = Instant::now();
                        api.get(&ping_url, 200).await?;
                        lat.push(t.elapsed());
                    }
                    Op::Create { prefix, .. } => {
                        let body = json!({
                            "rowId": format!("{prefix}{i}"),
                            "data": row_data(i, distinct, seed),
                        })
                        .to_string();
                        let t = Instant::now();
                        api.post(&rows_url, body, 201).await?;
                        lat.push(t.elapsed());
                    }
                    Op::Get { ids, .. } => {
                        let url = format!("{rows_url}/{}", ids[i % ids.len()]);
                        let t = Instant::now();
                        api.get(&url, 200).await?;
                        lat.push(t.elapsed());
                    }
                }
            }
            Ok::<_, BoxError>(lat)
        }));
    }
    let mut all = Vec::with_capacity(n);
    for task in tasks {
        all.extend(task.await??);
    }
    Ok((started.elapsed(), Samples(all)))
}

/// The result of one (operation, concurrency) series.
#[derive(Debug, Default, Clone)]
struct Series {
    wall: Duration,
    samples: Samples,
    /// ops/s of each block.
    block_rates: Vec<f64>,
}

impl Series {
    fn ops(&self) -> usize {
        self.samples.0.len()
    }

    fn rate(&self) -> f64 {
        self.ops() as f64 / self.wall.as_secs_f64()
    }
}

/// Runs `ops` requests per concurrency level, in `settings.blocks` alternating blocks per
/// level. `make_op(block, level)` gives the operation of a block.
async fn alternate(
    api: &Api,
    settings: &Settings,
    label: &str,
    ops: usize,
    make_op: impl Fn(usize, usize) -> Op,
) -> Result<Vec<Series>> {
    let mut series = vec![Series::default(); LEVELS.len()];
    let sizes = block_sizes(ops, settings.blocks);
    for (block, &n) in sizes.iter().enumerate() {
        // Alternate which level goes first, so neither always follows the other.
        let mut order: Vec<usize> = (0..LEVELS.len()).collect();
        if block % 2 == 1 {
            order.reverse();
        }
        for li in order {
            let level = LEVELS[li];
            let op = make_op(block, level);
            let (wall, samples) =
                run_block(api, &op, n, level, settings.distinct, settings.seed).await?;
            let s = &mut series[li];
            s.wall += wall;
            s.block_rates.push(n as f64 / wall.as_secs_f64());
            s.samples.0.extend(samples.0);
        }
        let rates: Vec<String> = LEVELS
            .iter()
            .zip(&series)
            .map(|(level, s)| format!("c{level} {} ops/s", fmt_count(s.block_rates[block])))
            .collect();
        eprintln!(
            "  {label}: block {}/{}: {}",
            block + 1,
            sizes.len(),
            rates.join(", ")
        );
    }
    Ok(series)
}

// --- seeding --------------------------------------------------------------------------------

struct Seeded {
    wall: Duration,
    batch_latency: Samples,
}

async fn seed_big_table(api: &Api, settings: &Settings) -> Result<Seeded> {
    let batches = settings.rows.div_ceil(BULK);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let report_every = (batches / 10).max(1);
    let mut tasks = Vec::new();
    for _ in 0..settings.seed_concurrency {
        let (api, next, settings) = (api.clone(), next.clone(), settings.clone());
        tasks.push(tokio::spawn(async move {
            let url = api.rows_url(BIG_TABLE);
            let mut lat = Vec::new();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= batches {
                    break;
                }
                let rows: Vec<Value> = (b * BULK..((b + 1) * BULK).min(settings.rows))
                    .map(|i| {
                        let mut row = row_data(i, settings.distinct, settings.seed);
                        row["$id"] = Value::String(format!("r{i}"));
                        row
                    })
                    .collect();
                let body = json!({ "rows": rows }).to_string();
                let t = Instant::now();
                api.post(&url, body, 201).await?;
                lat.push(t.elapsed());
                if (b + 1) % report_every == 0 {
                    let done = ((b + 1) * BULK).min(settings.rows);
                    let secs = started.elapsed().as_secs_f64();
                    eprintln!(
                        "  seeding: ~{} rows in {secs:.1} s ({} rows/s)",
                        fmt_count(done as f64),
                        fmt_count(done as f64 / secs)
                    );
                }
            }
            Ok::<_, BoxError>(lat)
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await??);
    }
    Ok(Seeded {
        wall: started.elapsed(),
        batch_latency: Samples(all),
    })
}

// --- queries --------------------------------------------------------------------------------

/// One query kind: column and `total`.
#[derive(Debug, Clone, Copy)]
struct QueryKind {
    column: &'static str,
    indexed: bool,
    total: bool,
}

const QUERY_KINDS: [QueryKind; 4] = [
    QueryKind {
        column: "tag",
        indexed: true,
        total: false,
    },
    QueryKind {
        column: "tag2",
        indexed: false,
        total: false,
    },
    QueryKind {
        column: "tag",
        indexed: true,
        total: true,
    },
    QueryKind {
        column: "tag2",
        indexed: false,
        total: true,
    },
];

fn query_url(api: &Api, kind: QueryKind, value: &str) -> String {
    let query = json!({ "method": "equal", "attribute": kind.column, "values": [value] });
    let encoded: String = form_urlencoded::byte_serialize(query.to_string().as_bytes()).collect();
    format!(
        "{}?queries%5B%5D={encoded}&total={}",
        api.rows_url(BIG_TABLE),
        kind.total
    )
}

/// What a list answer says: its total and its row IDs.
fn list_summary(body: &[u8]) -> Result<(u64, Vec<String>)> {
    let v: Value = serde_json::from_slice(body)?;
    let total = v["total"].as_u64().ok_or("list without total")?;
    let ids = v["rows"]
        .as_array()
        .ok_or("list without rows")?
        .iter()
        .map(|r| r["$id"].as_str().unwrap_or_default().to_string())
        .collect();
    Ok((total, ids))
}

struct QueryResults {
    samples: [Samples; 4],
    /// Per round: unindexed / indexed latency, for total=false and total=true.
    ratios: [Vec<f64>; 2],
}

async fn run_queries(api: &Api, settings: &Settings, counts: &[usize]) -> Result<QueryResults> {
    let mut rng = fastrand::Rng::with_seed(settings.seed ^ 0x5eed);
    let mut samples: [Samples; 4] = Default::default();
    let mut ratios: [Vec<f64>; 2] = Default::default();
    // Warm-up: a few of each kind, unmeasured.
    for kind in QUERY_KINDS {
        for _ in 0..3 {
            let v = tag_value(rng.usize(..settings.distinct));
            api.get(&query_url(api, kind, &v), 200).await?;
        }
    }
    let report_every = (settings.query_rounds / 5).max(1);
    let started = Instant::now();
    for round in 0..settings.query_rounds {
        let t = rng.usize(..settings.distinct);
        let value = tag_value(t);
        // A B B A: alternate which of the pair runs first.
        let mut order = [0usize, 1, 2, 3];
        if round % 2 == 1 {
            order = [1, 0, 3, 2];
        }
        let mut lat = [Duration::ZERO; 4];
        let mut answers: [Option<(u64, Vec<String>)>; 4] = Default::default();
        for k in order {
            let url = query_url(api, QUERY_KINDS[k], &value);
            let start = Instant::now();
            let body = api.get(&url, 200).await?;
            lat[k] = start.elapsed();
            answers[k] = Some(list_summary(&body)?);
        }
        // The indexed and unindexed answers must agree, and the totals must be right.
        let expected = counts[t];
        for (k, answer) in answers.iter().enumerate() {
            let (total, ids) = answer.as_ref().ok_or("missing answer")?;
            if ids.len() != expected.min(PAGE) {
                return Err(format!(
                    "{value}: {} rows from {:?}, expected {}",
                    ids.len(),
                    QUERY_KINDS[k],
                    expected.min(PAGE)
                )
                .into());
            }
            // Every recorded release ignores `total=false` and counts anyway.
            if *total as usize != expected.min(5000) {
                return Err(format!("{value}: total {total}, expected {expected}").into());
            }
        }
        if answers[0].as_ref().map(|a| &a.1) != answers[1].as_ref().map(|a| &a.1) {
            return Err(format!("{value}: indexed and unindexed rows differ").into());
        }
        for k in 0..4 {
            samples[k].0.push(lat[k]);
        }
        ratios[0].push(lat[1].as_secs_f64() / lat[0].as_secs_f64());
        ratios[1].push(lat[3].as_secs_f64() / lat[2].as_secs_f64());
        if (round + 1) % report_every == 0 {
            eprintln!(
                "  queries: {}/{} rounds in {:.1} s",
                round + 1,
                settings.query_rounds,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(QueryResults { samples, ratios })
}

// --- machine facts --------------------------------------------------------------------------

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug (debug_assertions on) — numbers are not representative"
    } else {
        "optimised (bench/release profile, debug_assertions off)"
    }
}

/// One line per (operation, concurrency level).
fn series_table(out: &mut String, rows: &[(&str, &Vec<Series>)]) -> std::fmt::Result {
    writeln!(
        out,
        "   {:<22} {:>5} {:>8} {:>10} {:>14} {:>10} {:>10}",
        "operation", "conc", "ops", "ops/s", "block ops/s", "median", "p99"
    )?;
    for (name, series) in rows {
        for (li, s) in series.iter().enumerate() {
            let rates = &s.block_rates;
            let lo = rates.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = rates.iter().copied().fold(0.0, f64::max);
            writeln!(
                out,
                "   {:<22} {:>5} {:>8} {:>10} {:>14} {:>10} {:>10}",
                name,
                LEVELS[li],
                fmt_count(s.ops() as f64),
                fmt_count(s.rate()),
                format!("{}–{}", fmt_count(lo), fmt_count(hi)),
                fmt_dur(s.samples.median()),
                fmt_dur(s.samples.p99()),
            )?;
        }
    }
    Ok(())
}

// --- main -----------------------------------------------------------------------------------

fn main() -> Result<()> {
    // cargo passes `--bench` (and any filter); this benchmark takes none, so args are ignored.
    let settings = Settings::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(bench(settings))
}

async fn bench(settings: Settings) -> Result<()> {
    let run_started = Instant::now();
    let load_start = loadavg();
    let emulator: EmulatorHandle = Emulator::builder()
        .project(PROJECT)
        .key(KEY)
        .processing_delay(Duration::ZERO)
        .start()
        .await?;
    let api = Api::new(emulator.endpoint())?;
    create_schema(&api).await?;
    eprintln!(
        "lazy-appwrite-emulator benchmark at {} ({settings:?})",
        emulator.endpoint()
    );

    // Warm-up: open the connections of the widest level and touch every route once.
    run_block(&api, &Op::Ping, 256, 16, settings.distinct, settings.seed).await?;
    run_block(
        &api,
        &Op::Create {
            table: OPS_TABLE,
            prefix: "warm".into(),
        },
        256,
        16,
        settings.distinct,
        settings.seed,
    )
    .await?;
    emulator.reset_requests();

    // 1. Ping, createRow, getRow at concurrency 1 and 16.
    let ops = settings.ops;
    let ping = alternate(&api, &settings, "ping", ops, |_, _| Op::Ping).await?;
    emulator.reset_requests();
    let create = alternate(&api, &settings, "createRow", ops, |block, level| {
        Op::Create {
            table: OPS_TABLE,
            prefix: format!("b{block}c{level}n").into(),
        }
    })
    .await?;
    emulator.reset_requests();
    // Read back the rows just created, in random order.
    let mut ids: Vec<String> = block_sizes(ops, settings.blocks)
        .into_iter()
        .enumerate()
        .flat_map(|(block, n)| {
            LEVELS
                .iter()
                .flat_map(move |level| (0..n).map(move |i| format!("b{block}c{level}n{i}")))
        })
        .collect();
    fastrand::Rng::with_seed(settings.seed).shuffle(&mut ids);
    let ids = Arc::new(ids);
    let get = alternate(&api, &settings, "getRow", ops, |_, _| Op::Get {
        table: OPS_TABLE,
        ids: ids.clone(),
    })
    .await?;
    emulator.reset_requests();

    // 2. Seed the query table.
    let seeded = seed_big_table(&api, &settings).await?;
    emulator.reset_requests();
    let mut counts = vec![0usize; settings.distinct];
    for i in 0..settings.rows {
        counts[tag_of(i, settings.distinct, settings.seed)] += 1;
    }

    // 3. Indexed against unindexed equal queries.
    let queries = run_queries(&api, &settings, &counts).await?;
    emulator.reset_requests();

    // 4. createRow and getRow again, now on the big table (after the queries, which count
    //    on the seeded rows alone).
    let big_ops = settings.big_ops;
    let big_create = alternate(
        &api,
        &settings,
        "createRow (big)",
        big_ops,
        |block, level| Op::Create {
            table: BIG_TABLE,
            prefix: format!("x{block}c{level}n").into(),
        },
    )
    .await?;
    emulator.reset_requests();
    let mut rng = fastrand::Rng::with_seed(settings.seed ^ 0xb16);
    let big_ids: Vec<String> = (0..big_ops.max(1) * 2)
        .map(|_| format!("r{}", rng.usize(..settings.rows)))
        .collect();
    let big_ids = Arc::new(big_ids);
    let big_get = alternate(&api, &settings, "getRow (big)", big_ops, |_, _| Op::Get {
        table: BIG_TABLE,
        ids: big_ids.clone(),
    })
    .await?;
    emulator.reset_requests();
    emulator.shutdown().await;
    let elapsed = run_started.elapsed();

    // --- report ---
    let mut out = String::new();
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    writeln!(out)?;
    writeln!(out, "lazy-appwrite-emulator throughput benchmark")?;
    writeln!(out, "===========================================")?;
    writeln!(out, "machine   nproc={nproc}, cpu: {}", cpu_model())?;
    writeln!(
        out,
        "          loadavg at start {load_start}, at end {}",
        loadavg()
    )?;
    writeln!(out, "build     {}", build_profile())?;
    writeln!(
        out,
        "emulator  in-process, in-memory SQLite, one keep-alive reqwest client (HTTP/1.1)"
    )?;
    writeln!(
        out,
        "settings  rows={}, ops/level={} (big table: {}) in {} alternating blocks, query rounds={}, distinct tags={}, seed concurrency={}",
        fmt_count(settings.rows as f64),
        fmt_count(settings.ops as f64),
        fmt_count(settings.big_ops as f64),
        settings.blocks,
        settings.query_rounds,
        fmt_count(settings.distinct as f64),
        settings.seed_concurrency
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "1. Single requests (latency = request sent → body read)"
    )?;
    series_table(
        &mut out,
        &[
            ("GET /ping (HTTP floor)", &ping),
            ("createRow", &create),
            ("getRow", &get),
        ],
    )?;
    for (name, series) in [("ping", &ping), ("createRow", &create), ("getRow", &get)] {
        writeln!(
            out,
            "   {name}: c16/c1 throughput ×{:.2}",
            series[1].rate() / series[0].rate()
        )?;
    }
    writeln!(
        out,
        "   c1 median vs ping floor: createRow ×{:.2}, getRow ×{:.2}",
        create[0].samples.median().as_secs_f64() / ping[0].samples.median().as_secs_f64(),
        get[0].samples.median().as_secs_f64() / ping[0].samples.median().as_secs_f64(),
    )?;
    writeln!(out)?;
    writeln!(out, "2. Seeding (bulk POST …/rows, {BULK} rows a request)")?;
    writeln!(
        out,
        "   {} rows in {:.1} s = {} rows/s at concurrency {}; request median {}, p99 {}",
        fmt_count(settings.rows as f64),
        seeded.wall.as_secs_f64(),
        fmt_count(settings.rows as f64 / seeded.wall.as_secs_f64()),
        settings.seed_concurrency,
        fmt_dur(seeded.batch_latency.median()),
        fmt_dur(seeded.batch_latency.p99()),
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "3. equal query on {} rows, ~{:.0} matches per value, default page of {PAGE}, {} interleaved rounds",
        fmt_count(settings.rows as f64),
        settings.rows as f64 / settings.distinct as f64,
        settings.query_rounds
    )?;
    writeln!(out, "   {:<30} {:>10} {:>10}", "query", "median", "p99")?;
    for (k, kind) in QUERY_KINDS.iter().enumerate() {
        let label = format!(
            "{} ({}), total={}",
            kind.column,
            if kind.indexed { "indexed" } else { "unindexed" },
            kind.total
        );
        writeln!(
            out,
            "   {:<30} {:>10} {:>10}",
            label,
            fmt_dur(queries.samples[k].median()),
            fmt_dur(queries.samples[k].p99()),
        )?;
    }
    let med = |k: usize| queries.samples[k].median().as_secs_f64();
    for (i, total) in [false, true].iter().enumerate() {
        let (a, b) = (2 * i, 2 * i + 1);
        writeln!(
            out,
            "   unindexed/indexed, total={total}: ×{:.1} (median of per-round ratios), ×{:.1} (ratio of medians)",
            median_f64(&queries.ratios[i]),
            med(b) / med(a),
        )?;
    }
    writeln!(
        out,
        "   cost of total=true (median): indexed +{} (×{:.2}), unindexed +{} (×{:.2})",
        fmt_dur(Duration::from_secs_f64((med(2) - med(0)).max(0.0))),
        med(2) / med(0),
        fmt_dur(Duration::from_secs_f64((med(3) - med(1)).max(0.0))),
        med(3) / med(1),
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "4. Single requests on the {}-row table (after the queries)",
        fmt_count(settings.rows as f64)
    )?;
    series_table(
        &mut out,
        &[("createRow", &big_create), ("getRow", &big_get)],
    )?;
    for (name, small, big) in [
        ("createRow", &create, &big_create),
        ("getRow", &get, &big_get),
    ] {
        writeln!(
            out,
            "   {name} big/small table: ops/s ×{:.2} at c1, ×{:.2} at c16; median ×{:.2} at c1, ×{:.2} at c16",
            big[0].rate() / small[0].rate(),
            big[1].rate() / small[1].rate(),
            big[0].samples.median().as_secs_f64() / small[0].samples.median().as_secs_f64(),
            big[1].samples.median().as_secs_f64() / small[1].samples.median().as_secs_f64(),
        )?;
    }
    writeln!(out)?;
    writeln!(out, "total run time {:.1} s", elapsed.as_secs_f64())?;
    print!("{out}");
    Ok(())
}
