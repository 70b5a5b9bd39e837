//! Serving requests handed over directly, without a socket (for tests that drive the API).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use bytes::Bytes;
use tower::ServiceExt as _;

use crate::config::{Config, EmulatorBuilder};
use crate::handle::{RequestRecord, Stats};
use crate::routes;
use crate::server::App;
use crate::store::Store;

/// The peer address requests are attributed to when they name none (rate limits key on it).
const DEFAULT_PEER: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);

/// Opens the storage `config` names and builds the shared state of an emulator.
pub(crate) fn app(config: Config) -> std::io::Result<App> {
    let mut store = Store::open(config.data.as_deref(), config.processing_delay)
        .map_err(std::io::Error::other)?;
    store.set_profile(config.appwrite);
    Ok(App {
        config: Arc::new(config),
        store: Arc::new(Mutex::new(store)),
        stats: Arc::new(Stats::default()),
    })
}

/// An emulator that answers requests handed to [`InProcessEmulator::call`] directly: no
/// listener, no port, no HTTP client. It answers exactly as the served emulator does, through
/// the same routes; only what the HTTP server adds is missing (the connection and
/// `TCP_NODELAY`, its limits on request lines and headers, and headers it writes on the
/// wire such as `date`).
///
/// Made by [`EmulatorBuilder::in_process`]; the builder's address is not used.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// use bytes::Bytes;
/// use lazy_appwrite_emulator::Emulator;
///
/// let emulator = Emulator::builder().project("demo").key("secret").in_process()?;
/// let request = http::Request::get("/v1/tablesdb")
///     .header("X-Appwrite-Project", emulator.project())
///     .header("X-Appwrite-Key", emulator.key())
///     .body(Bytes::new())
///     .expect("a valid request");
/// let response = emulator.call(request).await?;
/// assert_eq!(response.status(), 200);
/// assert!(response.body().starts_with(b"{\"total\":0"));
/// # Ok(()) }
/// ```
pub struct InProcessEmulator {
    router: Router,
    project: String,
    key: String,
    stats: Arc<Stats>,
}

impl std::fmt::Debug for InProcessEmulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InProcessEmulator")
            .field("project", &self.project)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl EmulatorBuilder {
    /// Opens the storage and returns an emulator that serves requests without a socket
    /// (see [`InProcessEmulator`]).
    ///
    /// ```
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().in_process()?;
    /// assert_eq!(emulator.project(), "demo");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn in_process(self) -> std::io::Result<InProcessEmulator> {
        let app = app(self.config().clone())?;
        Ok(InProcessEmulator {
            project: app.config.project.clone(),
            key: app.config.key.clone(),
            stats: app.stats.clone(),
            router: routes::router(app),
        })
    }
}

impl InProcessEmulator {
    /// The project ID the emulator serves.
    ///
    /// ```
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().project("shop").in_process()?;
    /// assert_eq!(emulator.project(), "shop");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn project(&self) -> &str {
        &self.project
    }

    /// The API key that grants privileged access.
    ///
    /// ```
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().key("k").in_process()?;
    /// assert_eq!(emulator.key(), "k");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How many requests the emulator has answered.
    ///
    /// ```
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().in_process()?;
    /// assert_eq!(emulator.request_count(), 0);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn request_count(&self) -> u64 {
        self.stats.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The requests answered so far, oldest first; the last 100 000 at most.
    ///
    /// ```
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().in_process()?;
    /// assert!(emulator.requests().is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.stats
            .log
            .lock()
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Answers one request. Routing uses the URI's path and query (an absolute URI works
    /// too); headers are taken as given, so send `Host` if the answer should name it. A
    /// request without a [`ConnectInfo<SocketAddr>`](ConnectInfo) extension comes from
    /// 127.0.0.1 (rate limits key on the caller's address). Must run inside a Tokio runtime.
    ///
    /// The error is only a failure to collect the answer's body.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let emulator = lazy_appwrite_emulator::Emulator::builder().in_process()?;
    /// let request = http::Request::get("/v1/ping")
    ///     .header("X-Appwrite-Project", "demo")
    ///     .body(bytes::Bytes::new())
    ///     .expect("a valid request");
    /// let response = emulator.call(request).await?;
    /// assert_eq!((response.status().as_u16(), &response.body()[..]), (200, &b"Pong!"[..]));
    /// # Ok(()) }
    /// ```
    pub async fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> std::io::Result<http::Response<Bytes>> {
        let (mut parts, body) = request.into_parts();
        if parts.extensions.get::<ConnectInfo<SocketAddr>>().is_none() {
            parts.extensions.insert(ConnectInfo(DEFAULT_PEER));
        }
        let request = http::Request::from_parts(parts, Body::from(body));
        let response = match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(std::io::Error::other)?;
        Ok(http::Response::from_parts(parts, body))
    }
}
