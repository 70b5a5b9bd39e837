//! The running emulator: its address, credentials, request log and shutdown.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// One request the emulator served, for request-count assertions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// HTTP method (`GET`, `POST`, …).
    pub method: String,
    /// Request path, without the query string.
    pub path: String,
    /// Response status.
    pub status: u16,
}

/// How many request records the log keeps; older ones are dropped first.
const LOG_CAPACITY: usize = 100_000;

/// Counters shared between the server and its handle.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) count: AtomicU64,
    pub(crate) log: Mutex<VecDeque<RequestRecord>>,
}

impl Stats {
    pub(crate) fn record(&self, record: RequestRecord) {
        self.count.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut log) = self.log.lock() {
            if log.len() == LOG_CAPACITY {
                log.pop_front();
            }
            log.push_back(record);
        }
    }
}

/// A running emulator. Dropping it stops the server; [`EmulatorHandle::shutdown`] waits
/// for in-flight requests to finish.
pub struct EmulatorHandle {
    pub(crate) endpoint: String,
    pub(crate) project: String,
    pub(crate) key: String,
    pub(crate) stats: Arc<Stats>,
    pub(crate) shutdown: Option<oneshot::Sender<()>>,
    pub(crate) task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("endpoint", &self.endpoint)
            .field("project", &self.project)
            .field("key", &"<redacted>")
            .finish()
    }
}

impl EmulatorHandle {
    /// The API endpoint, e.g. `http://127.0.0.1:4000/v1`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The project ID the emulator serves.
    pub fn project(&self) -> &str {
        &self.project
    }

    /// The API key that grants privileged access.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How many requests the emulator has answered since start (or the last reset).
    pub fn request_count(&self) -> u64 {
        self.stats.count.load(Ordering::Relaxed)
    }

    /// The requests answered since start (or the last reset), oldest first; the last
    /// 100 000 at most.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.stats
            .log
            .lock()
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Forgets the requests counted so far.
    pub fn reset_requests(&self) {
        self.stats.count.store(0, Ordering::Relaxed);
        if let Ok(mut log) = self.stats.log.lock() {
            log.clear();
        }
    }

    /// Stops accepting connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
