//! The parent process: the emulator, the table and its seed rows, the rounds of worker
//! processes, and the report.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lazy_appwrite::Client;
use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

use crate::common::{Item, SEED_ROWS, TABLE, item, seed_id};
use crate::measure::{cpu_model, loadavg, mem_total_gib};
use crate::report::{Machine, Run};
use crate::workload::{Result, WORKER_TIMEOUT, WorkerArgs, WorkerReport, Workload};

const PROJECT: &str = "bench";
const KEY: &str = "bench-key";
/// The database of the single-row workloads.
const DATABASE: &str = "bench";
/// Every client, in the order of the first round.
pub const CLIENTS: [&str; 5] = ["lazy", "reqwest", "appwrite", "node", "node-ka"];

fn is_node(client: &str) -> bool {
    client.starts_with("node")
}

/// One measured configuration: a workload at a concurrency.
#[derive(Debug, Clone)]
pub struct Case {
    pub label: String,
    pub workload: Workload,
    pub concurrency: usize,
    /// Operations measured (bulk: rows).
    pub ops: usize,
    /// Operations before measuring (bulk: rows).
    pub warmup: usize,
}

/// The run's settings, from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    pub quick: bool,
    pub rounds: usize,
    pub bulk_rounds: usize,
    pub scale: f64,
    pub bulk_rows: usize,
    pub clients: Vec<String>,
    pub workloads: Option<Vec<String>>,
    pub node: String,
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> Result<T> {
    match std::env::var(name) {
        Ok(raw) => {
            let cleaned: String = raw.chars().filter(|c| *c != '_' && *c != ',').collect();
            cleaned
                .trim()
                .parse()
                .map_err(|_| format!("{name}={raw:?} is not a number").into())
        }
        Err(_) => Ok(default),
    }
}

fn env_list(name: &str) -> Option<Vec<String>> {
    std::env::var(name).ok().map(|v| {
        v.split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
}

impl Settings {
    fn from_env() -> Result<Self> {
        let quick = std::env::var("PEERS_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        let clients = env_list("PEERS_CLIENTS")
            .unwrap_or_else(|| CLIENTS.iter().map(|c| (*c).to_owned()).collect());
        if let Some(bad) = clients.iter().find(|c| !CLIENTS.contains(&c.as_str())) {
            return Err(format!("PEERS_CLIENTS: unknown client {bad}").into());
        }
        Ok(Self {
            quick,
            rounds: env_number("PEERS_ROUNDS", if quick { 2 } else { 5 })?.max(1),
            bulk_rounds: env_number("PEERS_BULK_ROUNDS", if quick { 1 } else { 3 })?,
            scale: env_number("PEERS_SCALE", if quick { 0.2 } else { 1.0 })?,
            bulk_rows: env_number("PEERS_BULK_ROWS", if quick { 10_000 } else { 100_000 })?,
            clients,
            workloads: env_list("PEERS_WORKLOADS"),
            node: std::env::var("NODE").unwrap_or_else(|_| "node".into()),
        })
    }

    /// The single-row cases, then bulk, as the workload filter allows.
    fn cases(&self) -> Vec<Case> {
        let scaled = |n: usize| ((n as f64 * self.scale).round() as usize).max(10);
        let case = |label: &str, workload, concurrency, ops, warmup| Case {
            label: label.to_owned(),
            workload,
            concurrency,
            ops: scaled(ops),
            warmup: scaled(warmup),
        };
        let bulk_rows = (self.bulk_rows / 100).max(1) * 100;
        let all = vec![
            case("create", Workload::Create, 1, 3_000, 200),
            case("get", Workload::Get, 1, 5_000, 300),
            case("list", Workload::List, 1, 1_000, 50),
            case("update", Workload::Update, 1, 3_000, 200),
            case("mixed-c1", Workload::Mixed, 1, 5_000, 300),
            case("mixed-c32", Workload::Mixed, 32, 10_000, 1_000),
            Case {
                label: "bulk".into(),
                workload: Workload::Bulk,
                concurrency: crate::workload::BULK_IN_FLIGHT,
                ops: bulk_rows,
                warmup: 1_000,
            },
        ];
        all.into_iter()
            .filter(|c| {
                self.workloads
                    .as_ref()
                    .is_none_or(|names| names.contains(&c.label))
            })
            .collect()
    }
}

fn package_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn node_script() -> PathBuf {
    package_dir().join("benches").join("node").join("peers.mjs")
}

/// The Node version, or why the Node peer cannot run.
fn node_check(node: &str) -> std::result::Result<String, String> {
    let sdk = package_dir().join("tests/node/node_modules/node-appwrite/package.json");
    if !sdk.is_file() {
        return Err(
            "node-appwrite is not installed: run `npm ci --prefix peers/tests/node`".into(),
        );
    }
    match Command::new(node).arg("--version").output() {
        Ok(out) if out.status.success() => {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        }
        Ok(out) => Err(format!("`{node} --version` failed: {}", out.status)),
        Err(e) => Err(format!("cannot run `{node}`: {e}")),
    }
}

/// Runs one worker process to the end; its report, or what went wrong.
fn spawn_worker(settings: &Settings, client: &str, args: &WorkerArgs) -> Result<WorkerReport> {
    let mut command = if is_node(client) {
        let mut c = Command::new(&settings.node);
        c.arg(node_script()).env_remove("NODE_OPTIONS");
        c.args(["--keepalive", if client == "node-ka" { "1" } else { "0" }]);
        c
    } else {
        let mut c = Command::new(std::env::current_exe()?);
        c.arg("--worker").arg(client);
        c
    };
    let mut child = command
        .args(args.to_args())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let (mut stdout, mut stderr) = (
        child.stdout.take().ok_or("no stdout")?,
        child.stderr.take().ok_or("no stderr")?,
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut out, mut err) = (String::new(), String::new());
        let _ = stdout.read_to_string(&mut out);
        let _ = stderr.read_to_string(&mut err);
        let status = child.wait();
        let _ = tx.send((status, out, err));
    });
    let (status, out, err) = match rx.recv_timeout(WORKER_TIMEOUT) {
        Ok(done) => done,
        Err(_) => {
            // Ours to end: the worker this function started, by its id.
            let _ = Command::new("kill").arg(pid.to_string()).status();
            return Err(format!("{client} {} timed out", args.workload.name()).into());
        }
    };
    let status = status?;
    if !status.success() {
        return Err(format!(
            "{client} {} failed ({status}):\n{err}",
            args.workload.name()
        )
        .into());
    }
    let line = out
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("{client} printed no report:\n{out}\n{err}"))?;
    Ok(serde_json::from_str(line)?)
}

/// The client the parent uses for setup, on database `database`.
fn setup_client(emulator: &EmulatorHandle, database: &str) -> Result<Client> {
    Ok(Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database(database)
        .build()?)
}

/// Creates the table and its [`SEED_ROWS`] rows.
async fn seed(emulator: &EmulatorHandle) -> Result<()> {
    let client = setup_client(emulator, DATABASE)?;
    client.sync::<Item>().await?;
    let rows = client.rows::<Item>(DATABASE, TABLE);
    for batch in (0..SEED_ROWS).collect::<Vec<_>>().chunks(100) {
        let inputs = batch
            .iter()
            .map(|&i| RowInput::with_id(seed_id(i), &item(i, None)));
        rows.create_many(inputs).await?;
    }
    Ok(())
}

/// Requests the emulator counted since the last reset: (`…/rows` requests, the others).
fn counted(emulator: &EmulatorHandle) -> (u64, u64) {
    let total = emulator.request_count();
    let other = emulator
        .requests()
        .iter()
        .filter(|r| !r.path.contains("/rows"))
        .count() as u64;
    (total - other, other)
}

fn machine(settings: &Settings, node: &std::result::Result<String, String>) -> Machine {
    let rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    Machine {
        nproc: std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu: cpu_model(),
        mem_gib: mem_total_gib(),
        load_start: loadavg(),
        load_end: String::new(),
        node: node.clone().unwrap_or_else(|e| format!("not run: {e}")),
        rustc,
        optimised: !cfg!(debug_assertions),
        quick: settings.quick,
    }
}

/// The whole benchmark (or only the request economy).
pub fn run(economy_only: bool) -> Result<()> {
    let settings = Settings::from_env()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let economy = runtime.block_on(crate::economy::run())?;
    if economy_only {
        print!("{}", crate::report::economy_table(&economy));
        return Ok(());
    }

    let node = node_check(&settings.node);
    let mut clients = settings.clients.clone();
    if let Err(why) = &node
        && clients.iter().any(|c| is_node(c))
    {
        eprintln!("warning: skipping the node-appwrite peer: {why}");
        clients.retain(|c| !is_node(c));
    }
    let mut machine = machine(&settings, &node);
    let started = Instant::now();

    let emulator = runtime.block_on(
        Emulator::builder()
            .project(PROJECT)
            .key(KEY)
            .processing_delay(Duration::ZERO)
            .rate_limits(false)
            .start(),
    )?;
    runtime.block_on(seed(&emulator))?;
    eprintln!(
        "peers: emulator at {}, {SEED_ROWS} rows seeded; clients {clients:?}; {settings:?}",
        emulator.endpoint()
    );

    let cases = settings.cases();
    let mut runs: Vec<Run> = Vec::new();
    let max_rounds = settings.rounds.max(settings.bulk_rounds);
    for round in 0..max_rounds {
        for (case_index, case) in cases.iter().enumerate() {
            let rounds = if case.workload == Workload::Bulk {
                settings.bulk_rounds
            } else {
                settings.rounds
            };
            if round >= rounds {
                continue;
            }
            // A B C D, then B C D A, …: no client always runs first or last.
            let mut order = clients.clone();
            let shift = round % order.len().max(1);
            order.rotate_left(shift);
            for client in &order {
                let database = if case.workload == Workload::Bulk {
                    format!("bulk-{round}-{client}")
                } else {
                    DATABASE.to_owned()
                };
                let setup = setup_client(&emulator, &database)?;
                if case.workload == Workload::Bulk {
                    runtime.block_on(setup.sync::<Item>())?;
                }
                let args = WorkerArgs {
                    client: client.clone(),
                    workload: case.workload,
                    ops: case.ops,
                    warmup: case.warmup,
                    concurrency: case.concurrency,
                    endpoint: emulator.endpoint().to_owned(),
                    project: PROJECT.to_owned(),
                    key: KEY.to_owned(),
                    database: database.clone(),
                    tag: format!("r{round}{}", client.replace('-', "")),
                };
                emulator.reset_requests();
                let report = spawn_worker(&settings, client, &args)?;
                let (row_requests, other_requests) = counted(&emulator);
                if case.workload == Workload::Bulk {
                    runtime.block_on(setup.databases().delete(&database))?;
                }
                let run = Run {
                    case: case_index,
                    round,
                    report,
                    row_requests,
                    other_requests,
                };
                eprintln!(
                    "  round {}/{rounds} {:<9} {:<8} {:>9.0} ops/s  median {:>8.1} µs  p99 {:>8.1} µs  cpu/op {:>7.1} µs  rss {:>6} KiB  {:.2} req/op",
                    round + 1,
                    case.label,
                    client,
                    run.ops_per_s(),
                    run.report.median_us,
                    run.report.p99_us,
                    run.cpu_per_op_us(),
                    run.report.peak_rss_kib,
                    run.requests_per_op(),
                );
                runs.push(run);
            }
        }
    }
    machine.load_end = loadavg();
    let elapsed = started.elapsed();
    runtime.block_on(emulator.shutdown());

    let out = crate::report::render(
        &machine, &settings, &cases, &clients, &runs, &economy, elapsed,
    )?;
    print!("{out}");
    // The workspace's target directory, one above this package.
    let raw = package_dir()
        .join("..")
        .join("target")
        .join("peers-runs.json");
    if let Ok(json) = serde_json::to_string_pretty(&runs) {
        let _ = std::fs::write(&raw, json);
        eprintln!("peers: every run's report is in {}", raw.display());
    }
    Ok(())
}

/// Serves the seeded emulator for `duration`, for profiling a worker by hand.
pub fn serve(duration: Duration) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let emulator = runtime.block_on(
        Emulator::builder()
            .project(PROJECT)
            .key(KEY)
            .processing_delay(Duration::ZERO)
            .rate_limits(false)
            .start(),
    )?;
    runtime.block_on(seed(&emulator))?;
    let args = WorkerArgs {
        client: "lazy".into(),
        workload: Workload::Create,
        ops: 20_000,
        warmup: 500,
        concurrency: 1,
        endpoint: emulator.endpoint().to_owned(),
        project: PROJECT.to_owned(),
        key: KEY.to_owned(),
        database: DATABASE.to_owned(),
        tag: "serve".into(),
    };
    println!(
        "serving for {} s; a worker: --worker lazy {}",
        duration.as_secs(),
        args.to_args().join(" ")
    );
    std::thread::sleep(duration);
    runtime.block_on(emulator.shutdown());
    Ok(())
}
