//! Emulator settings and the builder that starts it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::handle::EmulatorHandle;
use crate::http::jwt::JwtKey;
use crate::profile::AppwriteVersion;

/// Everything that shapes an emulator's behaviour.
#[derive(Clone)]
pub struct Config {
    /// The only project ID the emulator serves.
    pub project: String,
    /// The API key that grants privileged access.
    pub key: String,
    /// SQLite file to keep data in; `None` keeps everything in memory.
    pub data: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port).
    pub addr: SocketAddr,
    /// How long created columns and indexes stay `processing` (and deleted ones `deleting`).
    pub processing_delay: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Whether callers other than the key are rate limited on row writes, as Appwrite does
    /// unless `_APP_OPTIONS_ABUSE=disabled`. On by default.
    pub rate_limits: bool,
    /// Row creates, updates, upserts, increments and decrements allowed per caller, route
    /// and window (Appwrite: 120).
    pub write_rate_limit: u32,
    /// Row deletes allowed per caller, route and window (Appwrite: 60).
    pub delete_rate_limit: u32,
    /// The window of the row-write limits (Appwrite: 60 s, aligned to the clock).
    pub rate_limit_window: Duration,
    /// The Appwrite release whose answers the emulator reproduces (default: the newest
    /// recorded one, [`AppwriteVersion::V1_9_6`]).
    pub appwrite: AppwriteVersion,
    /// The key user JWTs are signed with: random per emulator.
    pub(crate) jwt_key: JwtKey,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("project", &self.project)
            .field("key", &"<redacted>")
            .field("data", &self.data)
            .field("addr", &self.addr)
            .field("processing_delay", &self.processing_delay)
            .field("body_limit", &self.body_limit)
            .field("rate_limits", &self.rate_limits)
            .field("write_rate_limit", &self.write_rate_limit)
            .field("delete_rate_limit", &self.delete_rate_limit)
            .field("rate_limit_window", &self.rate_limit_window)
            .field("appwrite", &self.appwrite)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            project: "demo".into(),
            key: "secret".into(),
            data: None,
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            processing_delay: Duration::from_millis(50),
            body_limit: 20 * 1024 * 1024,
            rate_limits: true,
            write_rate_limit: 120,
            delete_rate_limit: 60,
            rate_limit_window: Duration::from_secs(60),
            appwrite: AppwriteVersion::default(),
            jwt_key: JwtKey::random(),
        }
    }
}

/// Configures an emulator; [`EmulatorBuilder::start`] runs it in the current Tokio runtime.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use std::time::Duration;
/// let emulator = lazy_appwrite_emulator::Emulator::builder()
///     .project("shop")
///     .key("k")
///     .processing_delay(Duration::ZERO)
///     .start()
///     .await?;
/// assert!(emulator.endpoint().ends_with("/v1"));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct EmulatorBuilder {
    config: Config,
}

impl EmulatorBuilder {
    /// The project ID clients must send in `X-Appwrite-Project`.
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.config.project = project.into();
        self
    }

    /// The API key clients send in `X-Appwrite-Key`.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.config.key = key.into();
        self
    }

    /// Keep data in this SQLite file instead of memory.
    pub fn data_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.data = Some(path.into());
        self
    }

    /// Listen on this port of 127.0.0.1 (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.config.addr.set_port(port);
        self
    }

    /// Listen on this address.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.config.addr = addr;
        self
    }

    /// How long new columns and indexes stay `processing` (0 allowed).
    pub fn processing_delay(mut self, delay: Duration) -> Self {
        self.config.processing_delay = delay;
        self
    }

    /// Largest request body accepted, in bytes.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.config.body_limit = bytes;
        self
    }

    /// Turns the row-write rate limits for non-key callers on (the default) or off.
    pub fn rate_limits(mut self, enabled: bool) -> Self {
        self.config.rate_limits = enabled;
        self
    }

    /// Sets the row-write rate limits: `writes` creates/updates/upserts/increments/decrements
    /// and `deletes` deletes per caller, route and window (Appwrite: 120 and 60).
    pub fn rate_limit(mut self, writes: u32, deletes: u32) -> Self {
        self.config.write_rate_limit = writes;
        self.config.delete_rate_limit = deletes;
        self
    }

    /// Sets the window of the row-write rate limits (Appwrite: 60 s; at least 1 s).
    pub fn rate_limit_window(mut self, window: Duration) -> Self {
        self.config.rate_limit_window = window.max(Duration::from_secs(1));
        self
    }

    /// The Appwrite release to imitate (default: the newest recorded one, 1.9.6).
    ///
    /// ```
    /// use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
    /// let builder = Emulator::builder().appwrite_version(AppwriteVersion::V1_8_1);
    /// assert_eq!(builder.config().appwrite.as_str(), "1.8.1");
    /// ```
    pub fn appwrite_version(mut self, version: AppwriteVersion) -> Self {
        self.config.appwrite = version;
        self
    }

    /// The settings this builder holds.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Opens the storage, binds the listener and serves in the background.
    pub async fn start(self) -> std::io::Result<EmulatorHandle> {
        crate::server::start(self.config).await
    }
}
