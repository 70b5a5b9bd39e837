//! Replaying one version's corpus against a fresh in-process emulator (README steps 1–5)
//! and comparing every answer after normalization.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};
use serde_json::Value;

use crate::corpus::{CorpusFile, Exchange};
use crate::diff::{self, Difference};
use crate::mapping::{self, Mapping};
use crate::normalize::{self, Scope};

/// How long a poll run may wait for the recorded final state (README step 5).
const POLL_WAIT: Duration = Duration::from_secs(2);
/// How long a status read is retried while only `status` fields or the code differ.
const STATUS_WAIT: Duration = Duration::from_millis(600);
/// How long columns and indexes stay `processing` in the replayed emulator.
const PROCESSING_DELAY: Duration = Duration::from_millis(0);

/// The verdict on one compared exchange (a poll run counts once, as its last poll).
pub struct Compared {
    pub seq: u64,
    pub case: String,
    pub method: String,
    pub target: String,
    pub racy: bool,
    pub difference: Option<Difference>,
}

/// An answer from the emulator.
struct Answer {
    status: u16,
    content_type: String,
    rate_limit: Option<String>,
    text: String,
    json: Option<Value>,
}

/// Replays every file of one version, in order, against one fresh emulator.
pub async fn version(version: AppwriteVersion, files: &[CorpusFile]) -> Vec<Compared> {
    let emulator = Emulator::builder()
        .project("test")
        .key("replay-key")
        .processing_delay(PROCESSING_DELAY)
        .rate_limits(false)
        .appwrite_version(version)
        .start()
        .await
        .expect("the emulator starts");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        // Redirects are answers to compare, not to follow.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    let mut replay = Replay {
        base: emulator.endpoint().trim_end_matches("/v1").to_string(),
        http,
        mapping: Mapping::new(emulator.key()),
        version,
    };
    let mut out = Vec::new();
    for file in files {
        let mut i = 0;
        while i < file.exchanges.len() {
            let exchange = &file.exchanges[i];
            let mut last = i;
            if exchange.has_tag("poll") {
                while last + 1 < file.exchanges.len()
                    && file.exchanges[last + 1].has_tag("poll")
                    && file.exchanges[last + 1].request.path == exchange.request.path
                {
                    last += 1;
                }
            }
            out.push(
                replay
                    .one(&file.exchanges[last], last != i || exchange.has_tag("poll"))
                    .await,
            );
            i = last + 1;
        }
    }
    shutdown(emulator).await;
    out
}

async fn shutdown(emulator: EmulatorHandle) {
    emulator.shutdown().await;
}

struct Replay {
    base: String,
    http: reqwest::Client,
    mapping: Mapping,
    version: AppwriteVersion,
}

impl Replay {
    async fn one(&mut self, exchange: &Exchange, poll: bool) -> Compared {
        let started = Instant::now();
        let mut answer = self.send(exchange).await;
        if poll {
            let want_status = exchange.response.body.get("status").cloned();
            while (answer.status != exchange.response.status
                || answer.json.as_ref().and_then(|b| b.get("status")).cloned() != want_status)
                && started.elapsed() < POLL_WAIT
            {
                tokio::time::sleep(Duration::from_millis(15)).await;
                answer = self.send(exchange).await;
            }
        }
        let actual_json = answer.json.clone().unwrap_or(Value::Null);
        let note = exchange
            .note
            .clone()
            .or_else(|| date_set_now_note(exchange));
        self.mapping.learn(
            note.as_deref(),
            &exchange.server_ids,
            &exchange.request.method,
            answer.status,
            &exchange.response.body,
            &actual_json,
        );
        self.note_racy_outcome(exchange, &answer);
        let mut difference = self.compare(exchange, &answer);
        if exchange.has_tag("status-read") {
            while let Some(d) = &difference {
                let timing = d.path == "status" || self.only_status_differs(exchange, &answer);
                if !timing || started.elapsed() > STATUS_WAIT {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(15)).await;
                answer = self.send(exchange).await;
                difference = self.compare(exchange, &answer);
            }
        }
        let worker_state = exchange.has_tag("status-read")
            && difference.is_some()
            && self.only_worker_state_differs(exchange, &answer);
        Compared {
            seq: exchange.seq,
            case: exchange.case.clone(),
            method: exchange.request.method.clone(),
            target: exchange.request.target.clone(),
            racy: crate::lists::RACY_CLASSES
                .iter()
                .any(|t| exchange.has_tag(t))
                || self.shows_foreign_state(exchange)
                || exchange
                    .note
                    .as_deref()
                    .is_some_and(|n| n.contains("racy") || n.contains("cache"))
                || exchange.random_order()
                || worker_state,
            difference,
        }
    }

    async fn send(&self, exchange: &Exchange) -> Answer {
        let request = &exchange.request;
        let url = format!("{}{}", self.base, self.mapping.apply(&request.target));
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        let mut builder = self.http.request(method, url);
        for (name, value) in &request.headers {
            let value = if name == "x-appwrite-timestamp" {
                self.mapping.timestamp(value)
            } else if name == "x-appwrite-jwt" && exchange.signature_refused() {
                mapping::tampered(&self.mapping.apply(value))
            } else {
                self.mapping.apply(value)
            };
            builder = builder.header(name, value);
        }
        let body = exchange.body_bytes();
        let body = match String::from_utf8(body) {
            Ok(text) => self.mapping.apply(&text).into_bytes(),
            Err(bytes) => bytes.into_bytes(),
        };
        if !body.is_empty() {
            builder = builder.body(body);
        }
        match builder.send().await {
            Ok(response) => {
                let header = |n: &str| {
                    response
                        .headers()
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                let status = response.status().as_u16();
                let content_type = header("content-type").unwrap_or_default();
                let rate_limit = header("x-ratelimit-limit");
                let text = response.text().await.unwrap_or_default();
                let json = serde_json::from_str(&text).ok();
                Answer {
                    status,
                    content_type,
                    rate_limit,
                    text,
                    json,
                }
            }
            Err(error) => Answer {
                status: 0,
                content_type: String::new(),
                rate_limit: None,
                text: format!("transport error: {error}"),
                json: None,
            },
        }
    }

    fn scope<'a>(&'a self, exchange: &'a Exchange, only: Option<&'a HashSet<String>>) -> Scope<'a> {
        Scope {
            path: &exchange.request.path,
            project_wide: exchange.has_tag("project-wide"),
            only,
            created: &self.mapping.created,
            racy_keys: &self.mapping.racy_keys,
        }
    }

    fn expected_json(&self, exchange: &Exchange) -> Value {
        let mut expected = exchange.response.body.clone();
        self.mapping.apply_json(&mut expected);
        normalize::normalize(&mut expected, &self.scope(exchange, None));
        expected
    }

    /// Normalizes an actual answer; a `foreign-state` page keeps only what the recorded
    /// page shows of the replay's own resources.
    fn actual_json(&self, exchange: &Exchange, actual: &Value, expected: &Value) -> Value {
        let mut actual = actual.clone();
        let only = self
            .shows_foreign_state(exchange)
            .then(|| normalize::listed_ids(expected));
        normalize::normalize(&mut actual, &self.scope(exchange, only.as_ref()));
        actual
    }

    /// Whether a status read differs only in what the worker had done by then (README:
    /// status reads "show `status` values that depend on the worker"): the `status` fields
    /// alone, or resources the recording read as `deleting` that are already gone here
    /// (the resource itself, or items of a list in the answer).
    fn only_worker_state_differs(&self, exchange: &Exchange, answer: &Answer) -> bool {
        let recorded = &exchange.response;
        let deleting = recorded.status == 200
            && recorded.body.get("status").and_then(Value::as_str) == Some("deleting")
            && answer.status == 404;
        if deleting {
            return true;
        }
        let Some(actual) = &answer.json else {
            return false;
        };
        let expected = self.expected_json(exchange);
        let (expected, forgot) = normalize::without_deleting(&expected);
        let mut actual = self.actual_json(exchange, actual, &expected);
        if forgot {
            normalize::without_sizes(&mut actual);
        }
        recorded.status == answer.status
            && diff::first(
                &normalize::without_status(&expected),
                &normalize::without_status(&actual),
            )
            .is_none()
    }

    /// Whether a project-wide read shows other runs' resources: the `foreign-state` tag,
    /// or a recorded page that holds only resources the replay did not create while its
    /// `total` says there are more (the other runs' resources filled the page, so the
    /// replay's own ones were not on it; the tag is missing on a few such reads).
    fn shows_foreign_state(&self, exchange: &Exchange) -> bool {
        if exchange.has_tag("foreign-state") {
            return true;
        }
        if !exchange.has_tag("project-wide") {
            return false;
        }
        let body = &exchange.response.body;
        let Some(total) = body.get("total").and_then(Value::as_u64) else {
            return false;
        };
        let Some(items) = body
            .as_object()
            .and_then(|m| m.values().find_map(Value::as_array))
        else {
            return false;
        };
        !items.is_empty()
            && total > items.len() as u64
            && items.iter().all(|item| {
                item.get("$id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| !self.mapping.created.contains(&self.mapping.apply(id)))
            })
    }

    /// Remembers the key of a column or index whose existence the racy exchange decided
    /// differently here than on the real server (README: either outcome of a write that
    /// races the worker is acceptable), so that later reads leave it out.
    fn note_racy_outcome(&mut self, exchange: &Exchange, answer: &Answer) {
        let made = |status: u16| (200..300).contains(&status);
        if !exchange.has_tag("racy")
            || exchange.request.method != "POST"
            || made(exchange.response.status) == made(answer.status)
        {
            return;
        }
        let body: Value = serde_json::from_slice(&exchange.body_bytes()).unwrap_or(Value::Null);
        if let Some(key) = body.get("key").and_then(Value::as_str) {
            self.mapping.racy_keys.insert(key.to_string());
        }
    }

    fn only_status_differs(&self, exchange: &Exchange, answer: &Answer) -> bool {
        let Some(actual) = &answer.json else {
            return false;
        };
        let expected = self.expected_json(exchange);
        let actual = self.actual_json(exchange, actual, &expected);
        diff::first(
            &normalize::without_status(&expected),
            &normalize::without_status(&actual),
        )
        .is_none()
    }

    fn compare(&self, exchange: &Exchange, answer: &Answer) -> Option<Difference> {
        let recorded = &exchange.response;
        let d = |path: &str, e: String, a: String| {
            Some(Difference {
                path: path.to_string(),
                expected: e,
                actual: a,
            })
        };
        if recorded.status != answer.status {
            let summary = answer
                .json
                .as_ref()
                .map_or_else(|| answer.text.chars().take(120).collect(), short);
            return d(
                "status",
                format!("{} {}", recorded.status, short(&recorded.body)),
                format!("{} {summary}", answer.status),
            );
        }
        let main_type = |ct: &str| ct.split(';').next().unwrap_or("").trim().to_string();
        let expected_type = main_type(recorded.headers.get("content-type").map_or("", |s| s));
        if !expected_type.is_empty() && expected_type != main_type(&answer.content_type) {
            return d(
                "header content-type",
                expected_type,
                answer.content_type.clone(),
            );
        }
        let expected_limit = recorded.headers.get("x-ratelimit-limit").cloned();
        if expected_limit != answer.rate_limit {
            return d(
                "header x-ratelimit-limit",
                format!("{expected_limit:?}"),
                format!("{:?}", answer.rate_limit),
            );
        }
        match recorded.body_kind.as_str() {
            "json" => {
                let Some(actual) = &answer.json else {
                    return d(
                        "$",
                        short(&recorded.body),
                        answer.text.chars().take(160).collect(),
                    );
                };
                let mut expected = self.expected_json(exchange);
                let mut actual = self.actual_json(exchange, actual, &expected);
                if exchange.random_order() {
                    // README: only the status and the number of rows are meaningful.
                    normalize::count_rows(&mut expected);
                    normalize::count_rows(&mut actual);
                }
                if !self.compares_version(&expected) {
                    expected.as_object_mut().map(|m| m.remove("version"));
                    actual.as_object_mut().map(|m| m.remove("version"));
                }
                diff::first(&expected, &actual)
            }
            "text" => {
                let expected = recorded.body_text.clone().unwrap_or_default();
                let same = if expected_type == "text/html" {
                    error_type_of_page(&expected) == error_type_of_page(&answer.text)
                } else {
                    expected == answer.text
                };
                (!same).then(|| Difference {
                    path: "$text".into(),
                    expected: expected.chars().take(120).collect(),
                    actual: answer.text.chars().take(120).collect(),
                })
            }
            _ => (!answer.text.is_empty()).then(|| Difference {
                path: "$body".into(),
                expected: "<empty>".into(),
                actual: answer.text.chars().take(120).collect(),
            }),
        }
    }

    /// README: compare `version` only if the target claims the recorded release.
    fn compares_version(&self, expected: &Value) -> bool {
        expected.get("version").and_then(Value::as_str) == Some(self.version.as_str())
    }
}

/// The error type an HTML error page names (`<… class='type'>general_route_not_found<`).
fn error_type_of_page(html: &str) -> Option<String> {
    let at = html
        .find("class='type'>")
        .or_else(|| html.find("class=\"type\">"))?;
    let rest = &html[at + "class='type'>".len()..];
    Some(rest.split('<').next().unwrap_or("").trim().to_string())
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    text.chars().take(200).collect()
}

/// README normalization: a row column written by `dateSetNow` holds the server's time. The
/// tour marks it with a note (`server time in \`at\``); the Rust suite's exchanges carry no
/// note, so the same note is made from the request's `data`.
fn date_set_now_note(exchange: &Exchange) -> Option<String> {
    let body: Value = serde_json::from_str(exchange.request.body.as_ref()?.get()).ok()?;
    body.get("data")?
        .as_object()?
        .iter()
        .find_map(|(column, value)| {
            let op: Value = serde_json::from_str(value.as_str()?).ok()?;
            (op.get("method")?.as_str()? == "dateSetNow")
                .then(|| format!("server time in `{column}`"))
        })
}
