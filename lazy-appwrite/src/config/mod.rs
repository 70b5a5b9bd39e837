//! The validated, immutable settings of a [`crate::Client`].

mod retry;

pub use retry::RetryPolicy;

use std::time::Duration;

use reqwest::Url;

use crate::declared::TableSchema;
use crate::error::{Error, Result};
use crate::name::Name;
use crate::secret::Secret;

/// The `X-Appwrite-Response-Format` the client sends: Appwrite 1.8's format.
///
/// A 1.8 server answers in it natively and a 1.9 server or Cloud converts its answers back
/// to it (for example `$sequence` as an integer). The decoder accepts the 1.9 shapes too
/// (`$sequence` as a string, missing or `null` optional fields), so an unexpected proxy or
/// a server that ignores the header still works.
///
/// ```
/// assert_eq!(lazy_appwrite::RESPONSE_FORMAT, "1.8.0");
/// ```
pub const RESPONSE_FORMAT: &str = "1.8.0";

/// Settings of a [`crate::Client`], checked by [`crate::ClientBuilder::build`].
///
/// Read it with [`crate::Client::config`]. Its `Debug` never shows the API key.
///
/// ```
/// let client = lazy_appwrite::Client::builder()
///     .endpoint("https://cloud.appwrite.io/v1/")
///     .project("shop")
///     .api_key("standard_0123456789")
///     .build()?;
/// let config = client.config();
/// assert_eq!(config.endpoint(), "https://cloud.appwrite.io/v1");
/// assert_eq!(config.project(), "shop");
/// assert!(config.has_api_key());
/// assert!(!format!("{config:?}").contains("0123456789"));
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Clone)]
pub struct Config {
    pub(crate) endpoint: String,
    pub(crate) project: String,
    pub(crate) key: Option<Secret>,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) self_signed: bool,
    pub(crate) default_database: Option<Name>,
    pub(crate) sync: SyncSettings,
}

impl Config {
    /// The API endpoint without a trailing slash, e.g. `https://cloud.appwrite.io/v1`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().endpoint(), "http://localhost/v1");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The project ID sent in `X-Appwrite-Project`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().project(), "p");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn project(&self) -> &str {
        &self.project
    }

    /// Whether an API key is configured (the key itself cannot be read back).
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(!client.config().has_api_key());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn has_api_key(&self) -> bool {
        self.key.is_some()
    }

    /// How long opening a connection may take.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().connect_timeout(), std::time::Duration::from_secs(10));
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// How long one attempt of a request may take, from sending to the end of the body.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().request_timeout(), std::time::Duration::from_secs(30));
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// The retry policy.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().retry(), lazy_appwrite::RetryPolicy::default());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn retry(&self) -> RetryPolicy {
        self.retry
    }

    /// The `User-Agent` header.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(client.config().user_agent().starts_with("LazyAppwriteRust/"));
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// Whether invalid (e.g. self-signed) TLS certificates are accepted.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(!client.config().self_signed());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn self_signed(&self) -> bool {
        self.self_signed
    }

    /// The database models use when they name none (`#[table(database = "…")]` wins).
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .default_database("main").build()?;
    /// assert_eq!(client.config().default_database(), Some("main"));
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn default_database(&self) -> Option<&str> {
        self.default_database.as_deref()
    }

    /// The database a table lives in: the one its model names, else the client's default.
    pub(crate) fn database_for(&self, schema: &TableSchema) -> Result<Name> {
        schema
            .database
            .map(Name::Static)
            .or_else(|| self.default_database.clone())
            .ok_or_else(|| Error::Config {
                reason: format!(
                    "table `{}` names no database: add #[table(database = \"…\")] to the \
                     model or set ClientBuilder::default_database",
                    schema.id
                ),
            })
    }

    /// How the lazy schema sync behaves (see [`SyncSettings`]).
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(client.config().sync().enabled());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn sync(&self) -> SyncSettings {
        self.sync
    }
}

/// Settings of the lazy schema sync (the one a model operation runs the first time it
/// touches a table, and [`Client::sync`](crate::Client::sync) runs at once): whether it
/// runs, and how it waits for new columns and indexes to become `available`.
///
/// Waiting polls the table with a backoff that starts at the shortest interval and doubles
/// up to the longest one (Appwrite's advice: 100 ms → 2 s), and gives up after the timeout
/// (60 s by default) with [`crate::Error::SchemaNotReady`].
///
/// ```
/// use std::time::Duration;
/// use lazy_appwrite::{Client, SyncSettings};
///
/// let settings = SyncSettings::default()
///     .with_wait_timeout(Duration::from_secs(120))
///     .with_poll_interval(Duration::from_millis(50), Duration::from_secs(1));
/// assert_eq!(settings.wait_timeout(), Duration::from_secs(120));
/// assert_eq!(settings.poll_interval(), (Duration::from_millis(50), Duration::from_secs(1)));
///
/// let client = Client::builder().endpoint("http://localhost/v1").project("p").sync(settings).build()?;
/// assert!(client.config().sync().enabled());
/// assert!(!SyncSettings::disabled().enabled());
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncSettings {
    enabled: bool,
    wait_timeout: Duration,
    poll_min: Duration,
    poll_max: Duration,
    in_flight: usize,
}

impl Default for SyncSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            wait_timeout: Duration::from_secs(60),
            poll_min: Duration::from_millis(100),
            poll_max: Duration::from_secs(2),
            in_flight: 4,
        }
    }
}

impl SyncSettings {
    /// Sync off: models never touch the schema; you manage it yourself.
    ///
    /// ```
    /// assert!(!lazy_appwrite::SyncSettings::disabled().enabled());
    /// ```
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// The same settings with sync on or off.
    ///
    /// ```
    /// assert!(!lazy_appwrite::SyncSettings::default().with_enabled(false).enabled());
    /// ```
    pub fn with_enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// The same settings with another deadline for new columns and indexes.
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = lazy_appwrite::SyncSettings::default().with_wait_timeout(Duration::from_secs(5));
    /// assert_eq!(s.wait_timeout(), Duration::from_secs(5));
    /// ```
    pub fn with_wait_timeout(mut self, timeout: Duration) -> Self {
        self.wait_timeout = timeout;
        self
    }

    /// The same settings with another polling backoff: from `min`, doubling, up to `max`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = lazy_appwrite::SyncSettings::default()
    ///     .with_poll_interval(Duration::from_millis(10), Duration::from_millis(5));
    /// assert_eq!(s.poll_interval(), (Duration::from_millis(10), Duration::from_millis(10)));
    /// ```
    pub fn with_poll_interval(mut self, min: Duration, max: Duration) -> Self {
        self.poll_min = min;
        self.poll_max = max.max(min);
        self
    }

    /// The same settings with at most `creates` column or index creations in flight at
    /// once (default 4; at least 1). On a server that does not take columns inline
    /// (Appwrite 1.8.1), a new table's columns are created this many at a time.
    ///
    /// ```
    /// let s = lazy_appwrite::SyncSettings::default().with_parallel_creates(1);
    /// assert_eq!(s.parallel_creates(), 1);
    /// ```
    pub fn with_parallel_creates(mut self, creates: usize) -> Self {
        self.in_flight = creates.max(1);
        self
    }

    /// How many column or index creations the sync keeps in flight at once.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::SyncSettings::default().parallel_creates(), 4);
    /// ```
    pub fn parallel_creates(&self) -> usize {
        self.in_flight
    }

    /// Whether models sync their table on first use.
    ///
    /// ```
    /// assert!(lazy_appwrite::SyncSettings::default().enabled());
    /// ```
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// How long the sync waits for new columns and indexes (default 60 s).
    ///
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(lazy_appwrite::SyncSettings::default().wait_timeout(), Duration::from_secs(60));
    /// ```
    pub fn wait_timeout(&self) -> Duration {
        self.wait_timeout
    }

    /// The polling backoff, shortest and longest pause (default 100 ms and 2 s).
    ///
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(lazy_appwrite::SyncSettings::default().poll_interval(),
    ///     (Duration::from_millis(100), Duration::from_secs(2)));
    /// ```
    pub fn poll_interval(&self) -> (Duration, Duration) {
        (self.poll_min, self.poll_max)
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("endpoint", &self.endpoint)
            .field("project", &self.project)
            .field("api_key", &self.key.as_ref().map(|_| "<redacted>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("self_signed", &self.self_signed)
            .field("default_database", &self.default_database)
            .field("sync", &self.sync)
            .finish()
    }
}

/// The default `User-Agent`, shaped like the official SDKs' one.
pub(crate) fn default_user_agent() -> String {
    format!(
        "LazyAppwriteRust/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// Checks an endpoint and returns it without its trailing slash.
pub(crate) fn normalize_endpoint(raw: &str) -> Result<String> {
    let raw = raw.trim();
    let shown = if raw.contains('@') {
        "<endpoint with credentials>"
    } else {
        raw
    };
    let url = Url::parse(raw)
        .map_err(|e| Error::config(format!("the endpoint `{shown}` is not a URL: {e}")))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(Error::config(format!(
            "the endpoint `{shown}` must start with http:// or https://"
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::config(format!("the endpoint `{shown}` has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "the endpoint must not carry credentials; use api_key() instead",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "the endpoint `{shown}` must not have a query or a fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Checks a plain (non-secret) header value.
pub(crate) fn check_header_text(value: &str, what: &str) -> Result<()> {
    reqwest::header::HeaderValue::from_str(value)
        .map(|_| ())
        .map_err(|_| {
            Error::config(format!(
                "{what} `{}` contains characters that cannot go in an HTTP header",
                value.escape_debug()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_normalized_and_checked() {
        assert_eq!(
            normalize_endpoint("http://a:1/v1/").unwrap(),
            "http://a:1/v1"
        );
        assert_eq!(
            normalize_endpoint(" https://x.io/v1 ").unwrap(),
            "https://x.io/v1"
        );
        for bad in [
            "",
            "nope",
            "ftp://a/v1",
            "http://a/v1?x=1",
            "http://u:p@a/v1",
            "http://",
        ] {
            assert!(
                matches!(normalize_endpoint(bad), Err(Error::Config { .. })),
                "{bad}"
            );
        }
        let err = normalize_endpoint("http://user:hunter22@a/v1")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter22"), "{err}");
    }
}
