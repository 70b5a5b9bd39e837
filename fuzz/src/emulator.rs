//! Generated requests against the emulator, through its router without a socket: row
//! lists with generated queries (the query parser, planner and SQL), row writes with
//! generated bodies (JSON parsing and value validation), and column creation with
//! generated parameters. Every answer must be a success or an Appwrite-shaped error, and no
//! request may panic.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use bytes::Bytes;
use lazy_appwrite_emulator::{AppwriteVersion, Emulator, InProcessEmulator};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use crate::input::Gen;
use crate::report::Tally;

const TABLE: &str = "/v1/tablesdb/db/tables/t";

/// The longest URI sent: the `http` crate refuses longer ones, as servers refuse request
/// lines of that size.
const MAX_URI: usize = 60_000;

/// The columns of the table the requests run against: one of every kind the profile has.
const COLUMNS: &[(&str, &str)] = &[
    ("title", "string"),
    ("n", "integer"),
    ("f", "float"),
    ("b", "boolean"),
    ("at", "datetime"),
    ("mail", "email"),
    ("site", "url"),
    ("addr", "ip"),
    ("kind", "enum"),
    ("tags", "string"),
    ("nums", "integer"),
    ("place", "point"),
    ("path", "line"),
    ("area", "polygon"),
    ("owner", "relationship"),
];

/// The column keys, for generated queries and bodies.
pub fn column_keys() -> Vec<&'static str> {
    COLUMNS.iter().map(|(key, _)| *key).collect()
}

/// An emulator with the fuzzed table, and a runtime to drive it.
pub struct Target {
    emulator: InProcessEmulator,
    runtime: tokio::runtime::Runtime,
    /// The slowest answer seen.
    pub slowest: Duration,
}

/// One answer.
struct Answer {
    status: u16,
    body: Bytes,
}

impl Target {
    /// An emulator of `version` holding table `t` (every kind) in database `db`, its
    /// related table `u`, and a few rows.
    pub fn new(version: AppwriteVersion) -> std::io::Result<Self> {
        let emulator = Emulator::builder()
            .appwrite_version(version)
            .processing_delay(Duration::ZERO)
            .in_process()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let mut target = Self {
            emulator,
            runtime,
            slowest: Duration::ZERO,
        };
        target.setup()?;
        Ok(target)
    }

    fn setup(&mut self) -> std::io::Result<()> {
        let steps = [
            ("/v1/tablesdb", json!({"databaseId": "db", "name": "db"})),
            (
                "/v1/tablesdb/db/tables",
                json!({"tableId": "u", "name": "u"}),
            ),
            (
                "/v1/tablesdb/db/tables",
                json!({"tableId": "t", "name": "t"}),
            ),
        ];
        for (path, body) in steps {
            self.expect_created("POST", path, &body)?;
        }
        for (key, kind) in COLUMNS {
            let mut body = json!({"key": key, "required": false});
            match *key {
                "title" => body["size"] = json!(64),
                "tags" => {
                    body["size"] = json!(16);
                    body["array"] = json!(true);
                }
                "nums" => body["array"] = json!(true),
                "n" => {
                    body["min"] = json!(-100);
                    body["max"] = json!(1000);
                }
                "kind" => body["elements"] = json!(["a", "b", "c"]),
                "owner" => {
                    body = json!({"relatedTableId": "u", "type": "manyToOne", "key": "owner"});
                }
                _ => {}
            }
            self.expect_created("POST", &format!("{TABLE}/columns/{kind}"), &body)?;
        }
        self.expect_created(
            "POST",
            &format!("{TABLE}/indexes"),
            &json!({"key": "ft", "type": "fulltext", "columns": ["title"]}),
        )?;
        for i in 0..5 {
            let row = json!({"rowId": format!("r{i}"), "data": {
                "title": format!("row {i}"), "n": i, "f": i as f64 / 2.0, "b": i % 2 == 0,
                "at": "2024-01-01T00:00:00.000+00:00", "tags": ["x", "y"], "nums": [i],
                "kind": "a", "place": [i, i],
            }});
            self.expect_created("POST", &format!("{TABLE}/rows"), &row)?;
        }
        Ok(())
    }

    fn expect_created(&mut self, method: &str, path: &str, body: &Value) -> std::io::Result<()> {
        let answer = self
            .call(method, path, Some(body.to_string().into_bytes()))
            .map_err(std::io::Error::other)?;
        if answer.status == 201 || answer.status == 202 {
            Ok(())
        } else {
            Err(std::io::Error::other(format!(
                "setup {method} {path}: {} {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            )))
        }
    }

    /// Sends one request; `Err` if it panicked or failed below HTTP.
    fn call(&mut self, method: &str, path: &str, body: Option<Vec<u8>>) -> Result<Answer, String> {
        let mut request = http::Request::builder()
            .method(method)
            .uri(path)
            .header("x-appwrite-project", self.emulator.project())
            .header("x-appwrite-key", self.emulator.key());
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(Bytes::from(body.unwrap_or_default()))
            .map_err(|e| format!("request not built: {e}"))?;
        let started = Instant::now();
        let emulator = &self.emulator;
        let runtime = &self.runtime;
        let result = catch_unwind(AssertUnwindSafe(|| {
            runtime.block_on(emulator.call(request))
        }));
        self.slowest = self.slowest.max(started.elapsed());
        match result {
            Ok(Ok(response)) => Ok(Answer {
                status: response.status().as_u16(),
                body: response.into_body(),
            }),
            Ok(Err(e)) => Err(format!("transport error: {e}")),
            Err(_) => Err("panicked".into()),
        }
    }

    /// Runs one request and records its answer in `tally` under `input` (kept for the
    /// first failures, to reproduce them).
    fn check(&mut self, tally: &mut Tally, method: &str, path: &str, body: Option<Vec<u8>>) {
        let input = || {
            format!(
                "{method} {path} {}",
                body.as_deref()
                    .map(String::from_utf8_lossy)
                    .unwrap_or_default()
            )
        };
        match self.call(method, path, body.clone()) {
            Err(e) => tally.fail(&e, input()),
            Ok(answer) => match problem(&answer) {
                Some(p) => tally.fail(&p, input()),
                None => tally.pass(answer.status, server_error_type(&answer), input),
            },
        }
    }
}

/// What is wrong with an answer, if anything: an error must carry Appwrite's
/// `{message, code, type, version}` with `code` equal to the status.
fn problem(answer: &Answer) -> Option<String> {
    if answer.status == 204 {
        return (!answer.body.is_empty()).then(|| "a 204 answer with a body".to_owned());
    }
    if answer.status < 400 {
        return serde_json::from_slice::<Value>(&answer.body)
            .err()
            .map(|e| format!("a {} answer that is not JSON: {e}", answer.status));
    }
    // Appwrite 1.9 answers an unknown route with its HTML "Page not found" page.
    if answer.status == 404 && contains(&answer.body, b"general_route_not_found") {
        return None;
    }
    let body: Value = match serde_json::from_slice(&answer.body) {
        Ok(body) => body,
        Err(_) => return Some(format!("a {} answer that is not JSON", answer.status)),
    };
    // A body that is a JSON string gets a bare `500` with no `type`, as the real server
    // answers it (recorded on 1.8.1 and 1.9.6).
    if answer.status == 500
        && body["message"] == json!("Error: Server Error")
        && body.get("type").is_none()
    {
        return None;
    }
    let shaped = body["message"].is_string()
        && body["type"].is_string()
        && body["version"].is_string()
        && body["code"] == json!(answer.status);
    (!shaped).then(|| {
        format!(
            "a {} answer not shaped like Appwrite's errors",
            answer.status
        )
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The error type of a 5xx answer, to count the server errors by kind.
fn server_error_type(answer: &Answer) -> Option<String> {
    if answer.status < 500 {
        return None;
    }
    let body: Value = serde_json::from_slice(&answer.body).ok()?;
    Some(format!(
        "{} {}",
        body["type"].as_str().unwrap_or("?"),
        body["message"].as_str().unwrap_or("?")
    ))
}

/// Sends one request with `body` and records its answer in `tally`.
pub fn send(target: &mut Target, tally: &mut Tally, method: &str, path: &str, body: &[u8]) {
    target.check(tally, method, path, Some(body.to_vec()));
}

/// `cases` row lists, each with one to four generated queries.
pub fn queries(target: &mut Target, g: &mut Gen, cases: u64, tally: &mut Tally) {
    let keys = column_keys();
    for _ in 0..cases {
        let mut path = format!("{TABLE}/rows?");
        for i in 0..g.below(4) + 1 {
            let query = g.query(&keys, 3).to_string();
            let query = if g.one_in(5) { g.mutate(&query) } else { query };
            let encoded: String = utf8_percent_encode(&query, NON_ALPHANUMERIC).collect();
            // A request line past 64 KiB is refused by the HTTP layer before any route.
            if path.len() + encoded.len() > MAX_URI {
                break;
            }
            if i > 0 {
                path.push('&');
            }
            path.push_str("queries%5B%5D=");
            path.push_str(&encoded);
        }
        target.check(tally, "GET", &path, None);
    }
}

/// `cases` row writes (create, update, upsert) with generated bodies.
pub fn row_bodies(target: &mut Target, g: &mut Gen, cases: u64, tally: &mut Tally) {
    for i in 0..cases {
        let mut data = serde_json::Map::new();
        for _ in 0..g.below(4) + 1 {
            let (key, kind) = *g.pick(COLUMNS);
            let (key, value) = match g.below(8) {
                0 => (g.string(), g.value(2)),
                1..=3 => (key.to_owned(), g.value(2)),
                _ if matches!(key, "tags" | "nums") => {
                    let items = (0..g.below(3)).map(|_| g.plausible(kind)).collect();
                    (key.to_owned(), Value::Array(items))
                }
                _ => (key.to_owned(), g.plausible(kind)),
            };
            data.insert(key, value);
        }
        let row_id = if g.one_in(10) {
            g.string()
        } else {
            format!("g{i}")
        };
        let body = match g.below(6) {
            0 => json!({"rowId": row_id, "data": g.value(2)}),
            1 => json!({"rowId": row_id, "data": data, "permissions": [g.string()]}),
            _ => json!({"rowId": row_id, "data": data}),
        };
        let text = body.to_string();
        let text = if g.one_in(6) { g.mutate(&text) } else { text };
        let (method, path) = match g.below(4) {
            0 => ("PATCH", format!("{TABLE}/rows/r{}", g.below(5))),
            1 => ("PUT", format!("{TABLE}/rows/u{}", g.below(50))),
            _ => ("POST", format!("{TABLE}/rows")),
        };
        let text = if method == "POST" {
            text
        } else {
            serde_json::from_str::<Value>(&text)
                .ok()
                .map(|mut v| {
                    if let Some(map) = v.as_object_mut() {
                        map.remove("rowId");
                    }
                    v.to_string()
                })
                .unwrap_or(text)
        };
        target.check(tally, method, &path, Some(text.into_bytes()));
        // Keep the table small: created rows are removed now and then.
        if i % 5000 == 4999 {
            target.check(
                tally,
                "DELETE",
                &format!("{TABLE}/rows?queries%5B%5D=%7B%22method%22%3A%22startsWith%22%2C%22attribute%22%3A%22%24id%22%2C%22values%22%3A%5B%22g%22%5D%7D"),
                Some(b"{}".to_vec()),
            );
        }
    }
}

/// `cases` column creations with generated parameters, on a scratch table that is
/// recreated every 200 cases so that it never fills.
pub fn column_bodies(target: &mut Target, g: &mut Gen, cases: u64, tally: &mut Tally) {
    const KINDS: &[&str] = &[
        "string",
        "integer",
        "float",
        "boolean",
        "datetime",
        "email",
        "url",
        "ip",
        "enum",
        "point",
        "line",
        "polygon",
        "relationship",
        "varchar",
        "text",
        "mediumtext",
        "longtext",
        "bigint",
        "nope",
    ];
    const PARAMS: &[&str] = &[
        "key",
        "required",
        "size",
        "min",
        "max",
        "default",
        "array",
        "elements",
        "encrypt",
        "format",
        "relatedTableId",
        "type",
        "twoWay",
        "twoWayKey",
        "onDelete",
        "xdefault",
    ];
    let scratch = "/v1/tablesdb/db/tables/s";
    for i in 0..cases {
        if i % 200 == 0 {
            target.check(tally, "DELETE", scratch, None);
            target.check(
                tally,
                "POST",
                "/v1/tablesdb/db/tables",
                Some(br#"{"tableId":"s","name":"s"}"#.to_vec()),
            );
        }
        let mut body = serde_json::Map::new();
        body.insert("key".into(), json!(format!("c{i}")));
        for _ in 0..g.below(5) {
            let param = (*g.pick(PARAMS)).to_owned();
            body.insert(param, g.value(1));
        }
        let text = Value::Object(body).to_string();
        let text = if g.one_in(6) { g.mutate(&text) } else { text };
        let kind = g.pick(KINDS);
        target.check(
            tally,
            "POST",
            &format!("{scratch}/columns/{kind}"),
            Some(text.into_bytes()),
        );
    }
}
