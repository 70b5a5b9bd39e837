//! Binding the listener (with TCP_NODELAY) and serving the router in the background.

use std::sync::{Arc, Mutex};

use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::config::Config;
use crate::handle::{EmulatorHandle, Stats};
use crate::routes;
use crate::store::Store;

/// Shared state of a running emulator.
#[derive(Clone)]
pub struct App {
    /// The settings.
    pub config: Arc<Config>,
    /// The storage; one request at a time holds it, inside a transaction.
    pub store: Arc<Mutex<Store>>,
    /// Request counters.
    pub stats: Arc<Stats>,
}

/// Opens the storage, binds the listener and serves in the background.
pub async fn start(config: Config) -> std::io::Result<EmulatorHandle> {
    let app = crate::in_process::app(config.clone())?;
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let listener = listener.tap_io(|tcp| {
        // Without it, Nagle's algorithm and delayed ACKs stall keep-alive clients ~40 ms.
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    let stats = app.stats.clone();
    let router = routes::router(app);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = rx.await;
        };
        // The peer address feeds the rate-limit keys.
        let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        if let Err(error) = axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::error!(%error, "emulator server stopped");
        }
    });
    let host = match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    Ok(EmulatorHandle {
        endpoint: format!("http://{host}:{}/v1", addr.port()),
        project: config.project,
        key: config.key,
        stats,
        shutdown: Some(tx),
        task: Some(task),
    })
}
