//! Backup and restore throughput (rows/s) and the command's peak memory.
//!
//! `cargo bench -p lazy-appwrite-cli` starts an emulator in-process, creates a table of
//! six columns (text, integer, float, boolean, datetime, enum) with row permissions,
//! seeds it with `CLI_BENCH_ROWS` rows (default 100 000) through bulk creates, then runs
//! the real `lazy-appwrite` binary: `backup` of the table, then `restore` into a fresh
//! database. Each is timed, and its peak resident memory is read with `/usr/bin/time`
//! where the machine has it. Arguments cargo passes (`--bench`, filters) are ignored.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `CLI_BENCH_ROWS` | 100000 | rows to back up and restore |
//! | `CLI_BENCH_PAGE` | 1000 | rows per backup request |

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite::{Client, Permission, Role};
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};
use serde_json::{Value, json};

const SCHEMA: &str = r#"{
  "tablesDB": [{"$id": "bench", "name": "Bench", "enabled": true}],
  "tables": [{
    "$id": "events", "databaseId": "bench", "name": "Events", "$permissions": [],
    "enabled": true, "rowSecurity": true, "indexes": [],
    "columns": [
      {"key": "title", "type": "string", "size": 64, "required": true, "array": false},
      {"key": "count", "type": "integer", "required": false, "array": false},
      {"key": "score", "type": "double", "required": false, "array": false},
      {"key": "done", "type": "boolean", "required": false, "array": false},
      {"key": "at", "type": "datetime", "required": false, "array": false},
      {"key": "level", "type": "string", "format": "enum", "elements": ["low", "mid", "high"],
       "required": false, "array": false}
    ]
  }]
}"#;

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the binary with `args` against the emulator: its output, time and peak memory
/// in KiB (when `/usr/bin/time` is there).
fn run_cli(emulator: &EmulatorHandle, args: &[&str]) -> (String, Duration, Option<u64>) {
    let binary = env!("CARGO_BIN_EXE_lazy-appwrite");
    let timed = Path::new("/usr/bin/time").is_file();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "peak-kib %M", binary]);
        c
    } else {
        Command::new(binary)
    };
    command
        .args(args)
        .env("APPWRITE_ENDPOINT", emulator.endpoint())
        .env("APPWRITE_PROJECT", emulator.project())
        .env("APPWRITE_API_KEY", emulator.key());
    let started = Instant::now();
    let output = command.output().expect("the binary runs");
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-kib "))
        .and_then(|v| v.trim().parse().ok());
    (stdout, elapsed, peak)
}

async fn seed(client: &Client, rows: u64) {
    let api = client.rows::<Value>("bench", "events");
    let levels = ["low", "mid", "high"];
    let mut next = 0;
    while next < rows {
        let batch: Vec<RowInput> = (next..rows.min(next + 100))
            .map(|i| {
                let data = json!({
                    "title": format!("event {i}"),
                    "count": i,
                    "score": i as f64 / 7.0,
                    "done": i % 2 == 0,
                    "at": "2025-06-01T12:00:00.000+00:00",
                    "level": levels[(i % 3) as usize],
                });
                RowInput::with_id(format!("e{i:07}"), &data)
                    .permissions([Permission::read(Role::user(format!("u{}", i % 10)))])
            })
            .collect();
        next += batch.len() as u64;
        api.create_many(batch).await.expect("seeding");
    }
}

fn report(what: &str, rows: u64, elapsed: Duration, peak: Option<u64>) {
    let rate = rows as f64 / elapsed.as_secs_f64();
    let peak = peak.map_or_else(
        || "unknown".to_owned(),
        |k| format!("{:.1} MiB", k as f64 / 1024.0),
    );
    println!(
        "{what:>8}: {rows} rows in {:.2} s = {rate:.0} rows/s, peak memory {peak}",
        elapsed.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let rows = knob("CLI_BENCH_ROWS", 100_000);
    let page = knob("CLI_BENCH_PAGE", 1000).to_string();
    let emulator = Emulator::builder()
        .processing_delay(Duration::ZERO)
        .start()
        .await
        .expect("the emulator starts");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory");
    let schema = dir.join("appwrite.json");
    std::fs::write(&schema, SCHEMA).expect("the schema file");
    let schema = schema.to_str().expect("UTF-8").to_owned();
    let backup = dir.join("backup");
    let backup = backup.to_str().expect("UTF-8").to_owned();

    let client = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .build()
        .expect("a client");

    let emulator = std::sync::Arc::new(emulator);
    let e = emulator.clone();
    tokio::task::spawn_blocking(move || run_cli(&e, &["sync", &schema]))
        .await
        .expect("sync");
    let started = Instant::now();
    seed(&client, rows).await;
    println!(
        "seeded {rows} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let e = emulator.clone();
    let (out, elapsed, peak) = tokio::task::spawn_blocking(move || {
        run_cli(
            &e,
            &[
                "backup",
                "--database",
                "bench",
                "--dir",
                &backup,
                "--page-size",
                &page,
            ],
        )
    })
    .await
    .expect("backup");
    print!("{out}");
    report("backup", rows, elapsed, peak);

    let backup = dir.join("backup");
    let e = emulator.clone();
    let (out, elapsed, peak) = tokio::task::spawn_blocking(move || {
        run_cli(
            &e,
            &[
                "restore",
                "--dir",
                backup.to_str().expect("UTF-8"),
                "--into",
                "copy",
            ],
        )
    })
    .await
    .expect("restore");
    print!("{out}");
    report("restore", rows, elapsed, peak);
}
