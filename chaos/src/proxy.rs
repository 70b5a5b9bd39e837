//! A fault-injecting HTTP/1.1 proxy: each request is forwarded to the upstream server, or
//! not, and its answer delivered, replaced or withheld, as a seeded draw decides. One
//! request per connection (`Connection: close` both ways), so a fault never leaks into the
//! next request.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// Forwarded, and the answer delivered.
    None,
    /// The connection is closed before anything is forwarded.
    ResetBeforeForwarding,
    /// Forwarded; the connection is closed instead of the answer.
    ResetAfterForwarding,
    /// Not forwarded; `503` is answered.
    UnavailableBeforeForwarding,
    /// Forwarded; `503` is answered instead of the server's answer.
    UnavailableAfterForwarding,
    /// Not forwarded; `429` with a reset time is answered.
    RateLimited,
    /// Not forwarded; nothing is answered until after the client's timeout.
    StallBeforeForwarding,
    /// Forwarded; the answer is held back until after the client's timeout.
    StallAfterForwarding,
}

impl Fault {
    /// The faults drawn from, each equally likely.
    pub const ALL: [Fault; 7] = [
        Fault::ResetBeforeForwarding,
        Fault::ResetAfterForwarding,
        Fault::UnavailableBeforeForwarding,
        Fault::UnavailableAfterForwarding,
        Fault::RateLimited,
        Fault::StallBeforeForwarding,
        Fault::StallAfterForwarding,
    ];

    /// Whether the client can tell that the request did not reach the server: only a
    /// `429` says so (Appwrite carries out no rate-limited request); a reset, a `503` or a
    /// stall looks the same whether or not the request was forwarded.
    pub fn surely_not_applied(self) -> bool {
        self == Fault::RateLimited
    }

    /// Whether the request reaches the server and its answer is lost: reset, replaced by
    /// a `503`, or held back past the timeout.
    pub fn loses_the_answer(self) -> bool {
        matches!(
            self,
            Fault::ResetAfterForwarding
                | Fault::UnavailableAfterForwarding
                | Fault::StallAfterForwarding
        )
    }

    /// Whether the request reaches the server.
    pub fn forwards(self) -> bool {
        matches!(
            self,
            Fault::None
                | Fault::ResetAfterForwarding
                | Fault::UnavailableAfterForwarding
                | Fault::StallAfterForwarding
        )
    }
}

/// How often and how the proxy fails.
#[derive(Debug, Clone, Copy)]
pub struct FaultPlan {
    /// The share of requests that get a fault, 0.0 to 1.0.
    pub rate: f64,
    /// The seed of the draws.
    pub seed: u64,
    /// How long a stall lasts: longer than the client's request timeout.
    pub stall: Duration,
}

/// One request the proxy saw.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `GET`, `POST`, …
    pub method: String,
    /// The request target, path and query.
    pub path: String,
    /// The request's body.
    pub body: Vec<u8>,
    /// What the proxy did.
    pub fault: Fault,
    /// The server's status, when the request was forwarded and answered.
    pub upstream_status: Option<u16>,
}

/// The socket address of an endpoint like `http://127.0.0.1:4000/v1`.
pub fn address_of(endpoint: &str) -> Option<SocketAddr> {
    let rest = endpoint.strip_prefix("http://")?;
    rest.split('/').next()?.parse().ok()
}

/// A running proxy.
pub struct Proxy {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Exchange>>>,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free local port and forwards to `upstream` with the faults of `plan`.
    pub async fn start(upstream: SocketAddr, plan: FaultPlan) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let rng = Arc::new(Mutex::new(fastrand::Rng::with_seed(plan.seed)));
        let shared = log.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let fault = {
                    let mut rng = rng.lock().unwrap_or_else(|e| e.into_inner());
                    if rng.f64() < plan.rate {
                        Fault::ALL[rng.usize(0..Fault::ALL.len())]
                    } else {
                        Fault::None
                    }
                };
                let log = shared.clone();
                tokio::spawn(async move {
                    if let Some(exchange) = serve(client, upstream, fault, plan.stall).await {
                        log.lock().unwrap_or_else(|e| e.into_inner()).push(exchange);
                    }
                });
            }
        });
        Ok(Self { addr, log, task })
    }

    /// The endpoint to give the client: `http://127.0.0.1:PORT/v1`.
    pub fn endpoint(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// Every request seen so far.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Handles one connection; `None` when the request could not be read.
async fn serve(
    mut client: TcpStream,
    upstream: SocketAddr,
    fault: Fault,
    stall: Duration,
) -> Option<Exchange> {
    let request = read_request(&mut client).await?;
    let mut exchange = Exchange {
        method: request.method.clone(),
        path: request.path.clone(),
        body: request.body.clone(),
        fault,
        upstream_status: None,
    };
    let answer = if fault.forwards() {
        let answer = forward(upstream, &request.bytes).await;
        exchange.upstream_status = answer.as_deref().and_then(status_of);
        answer
    } else {
        None
    };
    match fault {
        Fault::None => {
            if let Some(answer) = answer {
                let _ = client.write_all(&answer).await;
            }
        }
        Fault::ResetBeforeForwarding | Fault::ResetAfterForwarding => {}
        Fault::UnavailableBeforeForwarding | Fault::UnavailableAfterForwarding => {
            let _ = client
                .write_all(&error_answer(503, "general_server_error", ""))
                .await;
        }
        Fault::RateLimited => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let headers = format!(
                "X-RateLimit-Limit: 60\r\nX-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: {now}\r\n"
            );
            let _ = client
                .write_all(&error_answer(429, "general_rate_limit_exceeded", &headers))
                .await;
        }
        Fault::StallBeforeForwarding | Fault::StallAfterForwarding => {
            tokio::time::sleep(stall).await;
        }
    }
    let _ = client.shutdown().await;
    Some(exchange)
}

/// A request as read: its bytes (with `Connection: close`), method, target and body.
struct Request {
    bytes: Vec<u8>,
    method: String,
    path: String,
    body: Vec<u8>,
}

async fn read_request(client: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = client.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = find(&buf, b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_owned();
    let mut parts = request_line.split(' ');
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut length = 0usize;
    let mut rewritten = format!("{request_line}\r\n");
    for line in lines.filter(|l| !l.is_empty()) {
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse().ok()?;
        }
        if !lower.starts_with("connection:") {
            rewritten.push_str(line);
            rewritten.push_str("\r\n");
        }
    }
    rewritten.push_str("Connection: close\r\n\r\n");
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 8192];
        let n = client.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    let mut bytes = rewritten.into_bytes();
    bytes.extend_from_slice(&body);
    Some(Request {
        bytes,
        method,
        path,
        body,
    })
}

/// Sends `request` upstream and reads the whole answer (the server closes after it).
async fn forward(upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await.ok()?;
    server.write_all(request).await.ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await.ok()?;
    Some(answer)
}

fn status_of(answer: &[u8]) -> Option<u16> {
    let line = answer.split(|b| *b == b'\r').next()?;
    std::str::from_utf8(line)
        .ok()?
        .split(' ')
        .nth(1)?
        .parse()
        .ok()
}

fn error_answer(status: u16, kind: &str, headers: &str) -> Vec<u8> {
    let reason = if status == 429 {
        "Too Many Requests"
    } else {
        "Service Unavailable"
    };
    let body = format!(
        r#"{{"message":"Injected fault","code":{status},"type":"{kind}","version":"1.9.6"}}"#
    );
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
