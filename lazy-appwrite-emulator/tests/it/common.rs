//! A small HTTP harness over an emulator for the integration tests. Requests are built with
//! reqwest (so URLs, query strings and JSON bodies are encoded as a real client encodes
//! them) and, unless a test needs a socket, handed to the router in-process.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use lazy_appwrite_emulator::{Emulator, EmulatorBuilder, EmulatorHandle, InProcessEmulator};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

/// The endpoint in-process requests are addressed to: only its path and host reach the
/// emulator (the host as the `Host` header a client sends).
const IN_PROCESS_ENDPOINT: &str = "http://127.0.0.1/v1";

/// The column kinds Appwrite 1.9.6 accepts inline in create-table.
const INLINE_KINDS: &[&str] = &[
    "string",
    "integer",
    "bigint",
    "double",
    "boolean",
    "datetime",
    "point",
    "linestring",
    "polygon",
];

/// Where requests go: the router in-process, or a served emulator over a socket.
#[derive(Clone)]
enum Server {
    InProcess(Arc<InProcessEmulator>),
    Socket(Arc<EmulatorHandle>),
}

/// An emulator plus a client that sends the headers the official SDKs send. Clones share
/// the emulator.
#[derive(Clone)]
pub struct Api {
    server: Server,
    /// Builds the requests (and sends them, for a socket emulator).
    pub http: reqwest::Client,
    /// `X-Appwrite-Response-Format` to send (`1.8.0` unless changed).
    pub format: String,
    /// Whether to send the API key.
    pub with_key: bool,
}

/// A response: status and parsed JSON body (`Value::Null` when empty).
#[derive(Debug)]
pub struct Res {
    pub status: u16,
    pub body: Value,
    pub raw: String,
    pub headers: HeaderMap,
}

impl Res {
    /// The Appwrite error `type` of an error body, or the type an HTML error page names
    /// (Appwrite 1.9 answers unknown routes with a "Page not found" page).
    pub fn kind(&self) -> &str {
        if let Some(kind) = self.body["type"].as_str() {
            return kind;
        }
        let Some(at) = self.raw.find("class=\"type\">") else {
            return "";
        };
        let rest = &self.raw[at + "class=\"type\">".len()..];
        rest.split('<').next().unwrap_or("")
    }
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or("")
    }

    /// A response header as text (first value).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an Appwrite error: the status, the `type`, and the `{message, code, type,
    /// version}` shape with `code` equal to the HTTP status.
    #[track_caller]
    pub fn assert_error(&self, status: u16, kind: &str) -> &Self {
        assert_eq!(
            (self.status, self.kind()),
            (status, kind),
            "unexpected answer: {self:?}"
        );
        if self
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            // Appwrite 1.9's "Page not found" page: no JSON body to check.
            return self;
        }
        assert_eq!(
            self.body["code"],
            json!(status),
            "code must equal the status: {self:?}"
        );
        assert!(
            self.body["message"].is_string(),
            "message missing: {self:?}"
        );
        assert!(
            self.body["version"].is_string(),
            "version missing: {self:?}"
        );
        self
    }

    /// Like [`Res::assert_error`], and the message contains `part`.
    #[track_caller]
    pub fn assert_error_msg(&self, status: u16, kind: &str, part: &str) -> &Self {
        self.assert_error(status, kind);
        assert!(
            self.message().contains(part),
            "message {:?} lacks {part:?}",
            self.message()
        );
        self
    }

    /// Asserts a success status.
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "unexpected answer: {self:?}");
        self
    }

    /// The `$id`s of a row list (`rows`), or of any list under `field`.
    pub fn ids(&self) -> Vec<String> {
        self.ids_of("rows")
    }

    /// The `key` (columns, indexes) or else `$id` of each item of the list under `field`.
    pub fn ids_of(&self, field: &str) -> Vec<String> {
        self.body[field]
            .as_array()
            .unwrap_or_else(|| panic!("no {field} list in {self:?}"))
            .iter()
            .map(|r| {
                r["key"]
                    .as_str()
                    .or_else(|| r["$id"].as_str())
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }
}

/// The request as reqwest would put it on the wire: origin-form target, `Host` from the URL
/// and reqwest's default `Accept: */*` unless set.
fn as_sent(request: reqwest::Request) -> http::Request<Bytes> {
    let url = request.url();
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let mut headers = request.headers().clone();
    if !headers.contains_key("host") {
        let host = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
            None => url.host_str().unwrap_or_default().to_string(),
        };
        headers.insert("host", HeaderValue::from_str(&host).expect("a host header"));
    }
    headers
        .entry("accept")
        .or_insert(HeaderValue::from_static("*/*"));
    let body = request
        .body()
        .map(|b| Bytes::copy_from_slice(b.as_bytes().expect("a body held in memory")))
        .unwrap_or_default();
    let mut sent = http::Request::builder()
        .method(request.method().clone())
        .uri(target)
        .body(body)
        .expect("a valid request target");
    *sent.headers_mut() = headers;
    sent
}

/// Whether `s` is a datetime in the server's format, `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
pub fn is_server_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    b.len() == 29
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
            .iter()
            .all(|&i| digit(i))
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'.'
        && s.ends_with("+00:00")
}

/// Whether `s` looks like a generated ID: 20 lowercase hex characters.
pub fn is_generated_id(s: &str) -> bool {
    s.len() == 20
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A JSON query string.
pub fn q(method: &str, attribute: &str, values: Value) -> Value {
    json!({"method": method, "attribute": attribute, "values": values})
}

impl Api {
    /// An emulator whose columns and indexes become available immediately.
    pub async fn start() -> Self {
        Self::start_with_delay(Duration::ZERO).await
    }

    pub async fn start_with_delay(delay: Duration) -> Self {
        Self::start_custom(|b| b.processing_delay(delay)).await
    }

    /// An in-process emulator for project `test` with key `test-key`, no processing delay,
    /// and whatever `configure` changes on top.
    pub async fn start_custom(configure: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder) -> Self {
        let emulator = configure(Self::builder())
            .in_process()
            .expect("emulator starts");
        Self::over(Server::InProcess(Arc::new(emulator)))
    }

    /// Like [`Api::start`], but served on a port of 127.0.0.1 and called over sockets.
    pub async fn start_on_socket() -> Self {
        let emulator = Self::builder().start().await.expect("emulator starts");
        Self::over(Server::Socket(Arc::new(emulator)))
    }

    fn builder() -> EmulatorBuilder {
        Emulator::builder()
            .project("test")
            .key("test-key")
            .processing_delay(Duration::ZERO)
    }

    fn over(server: Server) -> Self {
        Self {
            server,
            http: reqwest::Client::new(),
            format: "1.8.0".into(),
            with_key: true,
        }
    }

    /// The API endpoint requests are addressed to.
    pub fn endpoint(&self) -> &str {
        match &self.server {
            Server::InProcess(_) => IN_PROCESS_ENDPOINT,
            Server::Socket(emulator) => emulator.endpoint(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.endpoint(), path)
    }

    /// A request with the project, format and (if `with_key`) key headers set.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self
            .http
            .request(method, self.url(path))
            .header("X-Appwrite-Project", "test")
            .header("X-Appwrite-Response-Format", &self.format);
        if self.with_key {
            req = req.header("X-Appwrite-Key", "test-key");
        }
        req
    }

    /// A request with no headers at all (for auth tests).
    pub fn bare(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, self.url(path))
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Res {
        let (status, headers, raw) = match &self.server {
            Server::InProcess(emulator) => {
                let request = req.build().expect("a valid request");
                let response = emulator.call(as_sent(request)).await.expect("answer read");
                let raw = String::from_utf8_lossy(response.body()).into_owned();
                (response.status().as_u16(), response.headers().clone(), raw)
            }
            Server::Socket(_) => {
                let response = req.send().await.expect("request sent");
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                (status, headers, response.text().await.expect("body read"))
            }
        };
        let body = if raw.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&raw).unwrap_or(Value::Null)
        };
        Res {
            status,
            body,
            raw,
            headers,
        }
    }

    /// Whether the server still answers a simple request after some abuse.
    pub async fn assert_alive(&self) {
        let r = self.get("/tablesdb").await;
        assert_eq!(r.status, 200, "server stopped answering properly: {r:?}");
    }

    pub async fn get(&self, path: &str) -> Res {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    /// GET with `queries[]` (each a JSON query object) and extra query-string pairs.
    pub async fn list(&self, path: &str, queries: &[Value], extra: &[(&str, &str)]) -> Res {
        let mut pairs: Vec<(String, String)> = queries
            .iter()
            .map(|q| ("queries[]".to_string(), q.to_string()))
            .collect();
        pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self.send(self.request(reqwest::Method::GET, path).query(&pairs))
            .await
    }

    /// GET with `queries[0]=`, `queries[1]=`, … (the JS SDKs' encoding).
    pub async fn list_indexed(&self, path: &str, queries: &[Value], extra: &[(&str, &str)]) -> Res {
        let mut pairs: Vec<(String, String)> = queries
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("queries[{i}]"), q.to_string()))
            .collect();
        pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self.send(self.request(reqwest::Method::GET, path).query(&pairs))
            .await
    }

    /// Lists the rows of `db/table` with these queries.
    pub async fn rows(&self, db: &str, table: &str, queries: &[Value]) -> Res {
        self.list(&format!("/tablesdb/{db}/tables/{table}/rows"), queries, &[])
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> Res {
        self.send(self.request(reqwest::Method::POST, path).json(&body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> Res {
        self.send(self.request(reqwest::Method::PUT, path).json(&body))
            .await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Res {
        self.send(self.request(reqwest::Method::PATCH, path).json(&body))
            .await
    }

    pub async fn delete(&self, path: &str) -> Res {
        self.send(self.request(reqwest::Method::DELETE, path).json(&json!({})))
            .await
    }

    /// Creates database `db` and table `table` (no permissions, row security off).
    pub async fn table(&self, db: &str, table: &str) {
        let r = self
            .post("/tablesdb", json!({"databaseId": db, "name": db}))
            .await;
        assert!(r.status == 201 || r.status == 409, "create database: {r:?}");
        let r = self
            .post(
                &format!("/tablesdb/{db}/tables"),
                json!({"tableId": table, "name": table}),
            )
            .await;
        assert_eq!(r.status, 201, "create table: {r:?}");
    }

    /// Creates database `db` and table `table` with inline `columns` (and `indexes`), which
    /// are available at once; returns the created table.
    pub async fn table_with(&self, db: &str, table: &str, columns: Value, indexes: Value) -> Value {
        let r = self
            .post("/tablesdb", json!({"databaseId": db, "name": db}))
            .await;
        assert!(r.status == 201 || r.status == 409, "create database: {r:?}");
        // Real Appwrite (1.9.6) takes only the legacy kinds inline; the text kinds are
        // created through their routes afterwards, then the indexes.
        let all = columns.as_array().cloned().unwrap_or_default();
        let (inline, later): (Vec<Value>, Vec<Value>) = all
            .into_iter()
            .partition(|c| INLINE_KINDS.contains(&c["type"].as_str().unwrap_or("")));
        if later.is_empty() {
            let r = self
                .post(
                    &format!("/tablesdb/{db}/tables"),
                    json!({"tableId": table, "name": table, "columns": inline, "indexes": indexes}),
                )
                .await;
            assert_eq!(r.status, 201, "create table: {r:?}");
            return r.body;
        }
        let r = self
            .post(
                &format!("/tablesdb/{db}/tables"),
                json!({"tableId": table, "name": table, "columns": inline}),
            )
            .await;
        assert_eq!(r.status, 201, "create table: {r:?}");
        for column in later {
            let mut body = column.as_object().cloned().unwrap_or_default();
            let kind = body
                .remove("type")
                .and_then(|t| t.as_str().map(str::to_string));
            body.entry("required").or_insert(json!(false));
            self.column(db, table, &kind.unwrap_or_default(), Value::Object(body))
                .await;
        }
        for index in indexes.as_array().cloned().unwrap_or_default() {
            let mut body = index.as_object().cloned().unwrap_or_default();
            if let Some(attributes) = body.remove("attributes") {
                body.insert("columns".into(), attributes);
            }
            self.index(db, table, Value::Object(body)).await;
        }
        self.get(&format!("/tablesdb/{db}/tables/{table}"))
            .await
            .body
    }

    /// Creates a column and waits until it is available.
    pub async fn column(&self, db: &str, table: &str, kind: &str, body: Value) {
        let key = body["key"].as_str().expect("column key").to_string();
        let r = self
            .post(
                &format!("/tablesdb/{db}/tables/{table}/columns/{kind}"),
                body,
            )
            .await;
        assert_eq!(r.status, 202, "create column {key}: {r:?}");
        self.wait_column(db, table, &key).await;
    }

    pub async fn wait_column(&self, db: &str, table: &str, key: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            let r = self
                .get(&format!("/tablesdb/{db}/tables/{table}/columns/{key}"))
                .await;
            if r.body["status"] == "available" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("column {key} never became available");
    }

    /// Waits until `GET path` answers 404 (a deleted column or index is gone).
    pub async fn wait_gone(&self, path: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if self.get(path).await.status == 404 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("{path} never disappeared");
    }

    /// Waits until the index is available.
    pub async fn wait_index(&self, db: &str, table: &str, key: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            let r = self
                .get(&format!("/tablesdb/{db}/tables/{table}/indexes/{key}"))
                .await;
            if r.body["status"] == "available" {
                return;
            }
            assert_ne!(r.body["status"], "failed", "index {key} failed: {r:?}");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("index {key} never became available");
    }

    /// Creates an index and waits until it is available.
    pub async fn index(&self, db: &str, table: &str, body: Value) {
        let key = body["key"].as_str().expect("index key").to_string();
        let r = self
            .post(&format!("/tablesdb/{db}/tables/{table}/indexes"), body)
            .await;
        assert_eq!(r.status, 202, "create index {key}: {r:?}");
        self.wait_index(db, table, &key).await;
    }

    /// Creates a row and returns the response.
    pub async fn row(&self, db: &str, table: &str, id: &str, data: Value) -> Res {
        self.post(
            &format!("/tablesdb/{db}/tables/{table}/rows"),
            json!({"rowId": id, "data": data}),
        )
        .await
    }
}
