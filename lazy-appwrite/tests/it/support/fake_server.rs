//! A tiny HTTP/1.1 server on 127.0.0.1 whose every answer is scripted by the test: a
//! response, a reset connection, or a stall. It records each request it reads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The query string, still encoded ("" when none).
    pub query: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header_count(&self, name: &str) -> usize {
        self.headers.iter().filter(|(n, _)| n == name).count()
    }

    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or("<not utf-8>")
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request, then drop the connection without answering (RST).
    Reset,
    /// Read the request, wait, then drop the connection.
    Stall(Duration),
    /// Read the request, wait, then answer with the inner reply.
    Delayed(Duration, Box<Reply>),
    /// Read the request, send a 200 head and half of a JSON body, wait, then drop the
    /// connection: the answer starts in time and never ends.
    HeadThenStall(Duration),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply::Http {
            status,
            headers: vec![(
                "content-type".into(),
                "application/json; charset=UTF-8".into(),
            )],
            body: body.into().into_bytes(),
        }
    }

    pub fn empty(status: u16) -> Self {
        Reply::Http {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn text(status: u16, content_type: &str, body: &str) -> Self {
        Reply::Http {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn error(status: u16, kind: &str, message: &str) -> Self {
        let body = serde_json::json!({"message": message, "code": status, "type": kind, "version": "1.8.1"});
        Self::json(status, body.to_string())
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        if let Reply::Http { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = Arc<dyn Fn(&Request, usize) -> Reply + Send + Sync>;

/// The running server. Dropping it stops accepting connections.
pub struct FakeServer {
    port: u16,
    connections: Arc<AtomicUsize>,
    log: Arc<Mutex<Vec<Request>>>,
    task: JoinHandle<()>,
}

impl FakeServer {
    /// Starts a server answering each request (numbered from 0) with `handler`.
    pub async fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let counter = Arc::new(AtomicUsize::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let task = {
            let log = Arc::clone(&log);
            let connections = Arc::clone(&connections);
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    connections.fetch_add(1, Ordering::SeqCst);
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(connection(
                        stream,
                        Arc::clone(&handler),
                        Arc::clone(&log),
                        Arc::clone(&counter),
                    ));
                }
            })
        };
        Self {
            port,
            connections,
            log,
            task,
        }
    }

    /// A server that answers every request the same way.
    pub async fn always(reply: Reply) -> Self {
        Self::start(move |_, _| reply.clone()).await
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn count(&self) -> usize {
        self.log.lock().map(|l| l.len()).unwrap_or(0)
    }

    pub fn clear(&self) {
        if let Ok(mut l) = self.log.lock() {
            l.clear();
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn connection(
    mut stream: TcpStream,
    handler: Handler,
    log: Arc<Mutex<Vec<Request>>>,
    counter: Arc<AtomicUsize>,
) {
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        let index = counter.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut l) = log.lock() {
            l.push(request.clone());
        }
        let mut reply = handler(&request, index);
        if let Reply::Delayed(pause, inner) = reply {
            tokio::time::sleep(pause.min(Duration::from_secs(10))).await;
            reply = *inner;
        }
        match reply {
            Reply::Http {
                status,
                headers,
                body,
            } => {
                let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let mut out = head.into_bytes();
                out.extend_from_slice(&body);
                if stream.write_all(&out).await.is_err() {
                    return;
                }
            }
            Reply::Reset => {
                #[allow(deprecated)] // linger 0 does not block: it makes the close a reset
                let _ = stream.set_linger(Some(Duration::ZERO));
                return;
            }
            Reply::Stall(pause) => {
                tokio::time::sleep(pause.min(Duration::from_secs(10))).await;
                return;
            }
            Reply::HeadThenStall(pause) => {
                let head = "HTTP/1.1 200 X\r\ncontent-length: 100\r\n\
                            content-type: application/json\r\n\r\n{\"$id\":";
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                tokio::time::sleep(pause.min(Duration::from_secs(10))).await;
                return;
            }
            // Nested delays are not unwrapped twice: treat them as a stall.
            Reply::Delayed(pause, _) => {
                tokio::time::sleep(pause.min(Duration::from_secs(10))).await;
                return;
            }
        }
    }
}

async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Request> {
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buf.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[body_start..body_start + length].to_vec();
    buf.drain(..body_start + length);
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (target.clone(), String::new()),
    };
    Some(Request {
        method,
        path,
        query,
        headers,
        body,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A port on 127.0.0.1 where nothing listens.
pub async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("addr").port()
}
