//! The official Node SDK (`node-appwrite` 22.1.3, which targets Appwrite 1.8) against the
//! emulator: runs the `node:test` files in `tests/node/` once per emulator profile.
//!
//! **Profiles:** every entry of [`AppwriteVersion::ALL`] (today 1.8.1 and 1.9.6), one
//! in-process emulator each, one after the other. The tests learn which release they face
//! from `APPWRITE_VERSION` (`support.mjs` exposes it as `APPWRITE_VERSION`/`isV19`), and
//! assert what that real release answered: the recordings of real, unmodified Appwrite
//! 1.8.1 and 1.9.6 (`node-<file>.jsonl` holds this suite's own traffic against each), cited
//! by file and `seq` next to each assertion where the releases differ or the suite used to
//! expect something else. Both runs must pass.
//!
//! Needs Node.js (≥ 20) on `PATH` (or in `$NODE`) and the SDK installed with
//! `npm ci --prefix peers/tests/node`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use lazy_appwrite_emulator::{AppwriteVersion, Emulator};

/// How long the whole Node run may take before it is killed.
const NODE_TIMEOUT: Duration = Duration::from_secs(300);

fn node_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("node")
}

fn node_binary() -> String {
    std::env::var("NODE").unwrap_or_else(|_| "node".to_string())
}

/// Panics with instructions when Node.js or the installed SDK is missing.
fn check_prerequisites(dir: &Path, node: &str) {
    let version = std::process::Command::new(node).arg("--version").output();
    match version {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout);
            println!("node_sdk: using {node} {}", version.trim());
        }
        Ok(out) => panic!(
            "`{node} --version` failed ({}): {}\nInstall Node.js 20 or newer (or point $NODE at it).",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!(
            "Node.js is required for this test but `{node}` could not be run: {e}\n\
             Install Node.js 20 or newer (or point $NODE at it), then run \
             `npm ci --prefix peers/tests/node`."
        ),
    }
    let sdk = dir
        .join("node_modules")
        .join("node-appwrite")
        .join("package.json");
    assert!(
        sdk.is_file(),
        "{} is missing: the Node SDK is not installed.\n\
         Run `npm ci --prefix peers/tests/node` from the repository root first.",
        sdk.display()
    );
}

/// The test files, sorted (`*.test.mjs`).
fn test_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("read tests/node")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no *.test.mjs files in {}",
        dir.display()
    );
    files
}

/// Forwards a child's output line by line (through `println!`, so the test harness
/// captures it unless `--nocapture` is given) and collects it.
fn forward(stream: impl Read, prefix: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        println!("{prefix}{line}");
        seen.push(line);
    }
    seen
}

/// Runs `node --test` on `files` against the emulator; returns its stdout lines and exit
/// status, or `None` for the status when it had to be killed after [`NODE_TIMEOUT`].
fn run_node(
    node: &str,
    dir: &Path,
    files: &[String],
    env: [(&str, &str); 4],
) -> (Vec<String>, Option<ExitStatus>) {
    let mut child = Command::new(node)
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(files)
        .current_dir(dir)
        .envs(env)
        .env("NO_COLOR", "1")
        .env_remove("NODE_OPTIONS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn `{node} --test`: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let deadline = Instant::now() + NODE_TIMEOUT;
    // Scoped threads inherit this thread's output capture.
    std::thread::scope(|scope| {
        let out = scope.spawn(|| forward(stdout, ""));
        let err = scope.spawn(|| forward(stderr, "[stderr] "));
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for node") {
                break Some(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let _ = err.join();
        (out.join().unwrap_or_default(), status)
    })
}

/// The number after `label` in the spec reporter's summary (`ℹ pass 42`).
fn summary_count(lines: &[String], label: &str) -> Option<u64> {
    lines.iter().rev().find_map(|line| {
        let rest = line.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
        rest.strip_prefix(label)?.trim().parse().ok()
    })
}

/// What one profile's run reported.
struct ProfileRun {
    version: AppwriteVersion,
    pass: Option<u64>,
    fail: Option<u64>,
    skipped: Option<u64>,
    status: ExitStatus,
    requests: u64,
}

/// Starts an emulator that answers as `version` and runs every test file against it.
async fn run_profile(
    node: &str,
    dir: &Path,
    files: &[String],
    version: AppwriteVersion,
) -> ProfileRun {
    let emulator = Emulator::builder()
        .project("node-sdk")
        .key("node-sdk-secret-key")
        .processing_delay(Duration::from_millis(20))
        .appwrite_version(version)
        .start()
        .await
        .expect("start the emulator");
    println!("node_sdk[{version}]: emulator at {}", emulator.endpoint());

    let started = Instant::now();
    let env = [
        ("APPWRITE_ENDPOINT", emulator.endpoint()),
        ("APPWRITE_PROJECT", emulator.project()),
        ("APPWRITE_KEY", emulator.key()),
        ("APPWRITE_VERSION", version.as_str()),
    ];
    // Block this thread (the test's, so the output is captured) while the emulator keeps
    // serving on the runtime's worker threads.
    let (out, status) = tokio::task::block_in_place(|| run_node(node, dir, files, env));
    let Some(status) = status else {
        panic!(
            "node_sdk[{version}]: the Node tests did not finish within {NODE_TIMEOUT:?} and were killed"
        );
    };
    let elapsed = started.elapsed();

    let requests = emulator.request_count();
    emulator.shutdown().await;

    let run = ProfileRun {
        version,
        pass: summary_count(&out, "pass"),
        fail: summary_count(&out, "fail"),
        skipped: summary_count(&out, "skipped"),
        status,
        requests,
    };
    println!(
        "node_sdk[{version}]: {} file(s), pass {:?}, fail {:?}, skipped {:?}, \
         {requests} request(s) to the emulator, {:.2}s",
        files.len(),
        run.pass,
        run.fail,
        run.skipped,
        elapsed.as_secs_f64()
    );
    run
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn node_appwrite_sdk_conformance() {
    let dir = node_dir();
    let node = node_binary();
    check_prerequisites(&dir, &node);
    let files = test_files(&dir);

    // One emulator per profile, one after the other (the machine is small, and each run
    // starts its own `node --test`).
    let mut runs = Vec::new();
    for &version in AppwriteVersion::ALL {
        runs.push(run_profile(&node, &dir, &files, version).await);
    }

    for run in &runs {
        println!(
            "node_sdk summary [{}]: pass {:?}, fail {:?}, skipped {:?}, exit {}",
            run.version, run.pass, run.fail, run.skipped, run.status
        );
    }
    for run in &runs {
        let version = run.version;
        assert!(
            run.status.success(),
            "node --test failed against the {version} profile ({}); see the output above",
            run.status
        );
        assert!(
            run.pass.unwrap_or(0) > 0,
            "node --test reported no passing tests against the {version} profile"
        );
        assert!(
            run.requests > 0,
            "the Node tests never reached the {version} emulator"
        );
    }
}
