//! Crash safety in file mode: the emulator binary is killed (SIGKILL, no shutdown) in the
//! middle of a stream of bulk writes and restarted on the same file, several times. Every
//! write it acknowledged must be there after the restart, each bulk write must be all or
//! nothing, and the file must open and pass SQLite's integrity check.
//!
//! The store runs SQLite in WAL mode with `synchronous=NORMAL`: a commit is appended to the
//! WAL before the request is answered but not fsynced, so acknowledged writes survive the
//! death of the process (the data is in the OS page cache) though not necessarily a power
//! cut or an OS crash, which this test cannot simulate.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const PROJECT: &str = "crash";
const KEY: &str = "crash-key";
/// Rows per bulk write.
const BATCH: usize = 50;
/// Concurrent writers, so requests are in flight when the process dies.
const WRITERS: usize = 4;
/// Kill/restart rounds.
const ROUNDS: usize = 5;

/// A running emulator process and its endpoint.
struct Server {
    child: Child,
    endpoint: String,
}

impl Server {
    /// Starts the binary on `file` with a free port and reads the endpoint it prints.
    fn start(file: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lazy-appwrite-emulator"))
            .args(["--port", "0", "--project", PROJECT, "--key", KEY])
            .args(["--delay-ms", "0", "--no-rate-limits", "--data"])
            .arg(file)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the emulator binary");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let endpoint = loop {
            let line = lines
                .next()
                .expect("the emulator exited before printing its endpoint")
                .expect("read the emulator's output");
            if let Some(rest) = line.trim().strip_prefix("endpoint:") {
                break rest.trim().to_string();
            }
        };
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, endpoint }
    }

    /// SIGKILL: no graceful shutdown, no checkpoint.
    fn kill(self) {
        // `Drop` does it.
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Also when a failed assertion unwinds, so no emulator outlives the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

async fn call(
    http: &reqwest::Client,
    server: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Result<(u16, Value)> {
    let mut req = http
        .request(method, format!("{server}{path}"))
        .header("X-Appwrite-Project", PROJECT)
        .header("X-Appwrite-Key", KEY);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let response = req.send().await?;
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    Ok((status, body))
}

/// The number of rows of bulk write `batch`.
async fn batch_rows(http: &reqwest::Client, server: &str, batch: u64) -> u64 {
    let query = json!({"method": "equal", "attribute": "batch", "values": [batch]}).to_string();
    let limit = json!({"method": "limit", "values": [1]}).to_string();
    let response = http
        .get(format!("{server}/tablesdb/db/tables/t/rows"))
        .header("X-Appwrite-Project", PROJECT)
        .header("X-Appwrite-Key", KEY)
        .query(&[("queries[]", query), ("queries[]", limit)])
        .send()
        .await
        .expect("list rows");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["total"].as_u64().unwrap()
}

/// Every batch number present in the table, from its rows.
async fn present_batches(http: &reqwest::Client, server: &str, upto: u64) -> BTreeSet<u64> {
    let mut present = BTreeSet::new();
    for batch in 0..upto {
        let n = batch_rows(http, server, batch).await;
        assert!(
            n == 0 || n == BATCH as u64,
            "bulk write {batch} is half there: {n} of {BATCH} rows"
        );
        if n > 0 {
            present.insert(batch);
        }
    }
    present
}

/// Streams bulk creates from `WRITERS` tasks until a request fails (the process is gone),
/// recording the batches that were acknowledged with `201`.
fn stream(
    server: String,
    next: Arc<Mutex<u64>>,
    acknowledged: Arc<Mutex<BTreeSet<u64>>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..WRITERS)
        .map(|_| {
            let server = server.clone();
            let next = next.clone();
            let acknowledged = acknowledged.clone();
            tokio::spawn(async move {
                let http = client();
                loop {
                    let batch = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let rows: Vec<Value> = (0..BATCH)
                        .map(|i| json!({"$id": format!("b{batch}-{i}"), "batch": batch, "text": format!("row {i} of batch {batch}")}))
                        .collect();
                    let result = call(
                        &http,
                        &server,
                        reqwest::Method::POST,
                        "/tablesdb/db/tables/t/rows",
                        Some(json!({"rows": rows})),
                    )
                    .await;
                    match result {
                        Ok((201, _)) => {
                            acknowledged.lock().unwrap().insert(batch);
                        }
                        Ok((status, body)) => panic!("bulk write {batch}: {status} {body}"),
                        Err(_) => return, // the server died
                    }
                }
            })
        })
        .collect()
}

fn data_file() -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "lae-crash-{}-{}",
        std::process::id(),
        fastrand::u64(..)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("emulator.db");
    (dir, file)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill() {
    let (dir, file) = data_file();
    let http = client();

    let server = Server::start(&file);
    let (status, body) = call(
        &http,
        &server.endpoint,
        reqwest::Method::POST,
        "/tablesdb",
        Some(json!({"databaseId": "db", "name": "db"})),
    )
    .await
    .unwrap();
    assert_eq!(status, 201, "{body}");
    let (status, body) = call(
        &http,
        &server.endpoint,
        reqwest::Method::POST,
        "/tablesdb/db/tables",
        Some(json!({"tableId": "t", "name": "t", "columns": [
            {"key": "batch", "type": "integer", "required": true},
            {"key": "text", "type": "string", "size": 64}
        ], "indexes": [{"key": "by_batch", "type": "key", "attributes": ["batch"]}]})),
    )
    .await
    .unwrap();
    assert_eq!(status, 201, "{body}");

    let next = Arc::new(Mutex::new(0u64));
    let acknowledged = Arc::new(Mutex::new(BTreeSet::new()));
    let mut server = server;
    let mut earlier_extra: BTreeSet<u64> = BTreeSet::new();
    for round in 0..ROUNDS {
        let before = acknowledged.lock().unwrap().len();
        let writers = stream(server.endpoint.clone(), next.clone(), acknowledged.clone());
        // Let a good number of writes through, then kill the process mid-stream.
        let deadline = Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < before + 30 {
            assert!(Instant::now() < deadline, "the writes are too slow");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.kill();
        for writer in writers {
            writer.await.expect("writer task");
        }

        // Restart on the same file: every acknowledged batch is there, whole.
        server = Server::start(&file);
        let attempted = *next.lock().unwrap();
        let present = present_batches(&http, &server.endpoint, attempted).await;
        let acked = acknowledged.lock().unwrap().clone();
        let lost: Vec<u64> = acked.difference(&present).copied().collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged bulk writes lost after SIGKILL: {lost:?}"
        );
        // At most the writes in flight when the process died (one per writer) were applied
        // without an acknowledgement; earlier rounds' such writes are counted there.
        let unacknowledged: BTreeSet<u64> = present.difference(&acked).copied().collect();
        let new_extra = unacknowledged.difference(&earlier_extra).count();
        assert!(
            new_extra <= WRITERS,
            "round {round}: {new_extra} unacknowledged writes applied (at most {WRITERS} were in flight)"
        );
        earlier_extra = unacknowledged;
        println!(
            "round {round}: {} acknowledged, {} present, {attempted} attempted",
            acked.len(),
            present.len()
        );
    }
    let (status, body) = call(
        &http,
        &server.endpoint,
        reqwest::Method::GET,
        "/tablesdb/db/tables/t",
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        (status, body["columns"][0]["status"].clone()),
        (200, json!("available"))
    );
    server.kill();

    // The file itself opens and is consistent (the WAL is replayed on open).
    let conn = rusqlite::Connection::open(&file).expect("open the data file");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    let _ = std::fs::remove_dir_all(&dir);
}
