//! [`ClientBuilder`]: every setting of a [`Client`], checked once in [`ClientBuilder::build`].

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderMap, HeaderValue};

use crate::client::{Auth, Client, Inner};
use crate::config::{self, Config, RESPONSE_FORMAT, RetryPolicy, SyncSettings};
use crate::error::{Error, Result};
use crate::name::Name;
use crate::secret::Secret;
use crate::version::ServerVersion;

/// Configures a [`Client`]. Nothing is checked until [`ClientBuilder::build`], which reports
/// every problem as [`Error::Config`] and never panics.
///
/// ```
/// use std::time::Duration;
/// use lazy_appwrite::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .endpoint("https://cloud.appwrite.io/v1")
///     .project("shop")
///     .api_key("standard_0123456789")
///     .connect_timeout(Duration::from_secs(5))
///     .request_timeout(Duration::from_secs(20))
///     .retry(RetryPolicy::default().with_max_attempts(3))
///     .user_agent("my-app/1.0")
///     .build()?;
/// assert_eq!(client.config().user_agent(), "my-app/1.0");
///
/// let bad = Client::builder().endpoint("not a url").project("shop").build();
/// assert!(matches!(bad, Err(lazy_appwrite::Error::Config { .. })));
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct ClientBuilder {
    endpoint: Option<String>,
    project: Option<String>,
    api_key: Option<String>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    self_signed: bool,
    default_database: Option<String>,
    sync: SyncSettings,
    server_version: Option<ServerVersion>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("project", &self.project)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("self_signed", &self.self_signed)
            .field("default_database", &self.default_database)
            .field("sync", &self.sync)
            .field("server_version", &self.server_version)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with nothing set.
    ///
    /// ```
    /// assert!(lazy_appwrite::ClientBuilder::new().build().is_err());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder filled from `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and, when set,
    /// `APPWRITE_API_KEY`. Fails with [`Error::Config`] naming a variable that is missing.
    ///
    /// ```
    /// match lazy_appwrite::ClientBuilder::from_env() {
    ///     Ok(builder) => println!("{builder:?}"),
    ///     Err(e) => println!("not configured: {e}"),
    /// }
    /// ```
    pub fn from_env() -> Result<Self> {
        let read = |name: &str| -> Result<Option<String>> {
            match std::env::var(name) {
                Ok(v) if v.trim().is_empty() => Ok(None),
                Ok(v) => Ok(Some(v)),
                Err(std::env::VarError::NotPresent) => Ok(None),
                Err(std::env::VarError::NotUnicode(_)) => {
                    Err(Error::config(format!("{name} is not valid UTF-8")))
                }
            }
        };
        let endpoint = read("APPWRITE_ENDPOINT")?
            .ok_or_else(|| Error::config("APPWRITE_ENDPOINT is not set"))?;
        let project = read("APPWRITE_PROJECT")?
            .ok_or_else(|| Error::config("APPWRITE_PROJECT is not set"))?;
        let mut builder = Self::new().endpoint(endpoint).project(project);
        if let Some(key) = read("APPWRITE_API_KEY")? {
            builder = builder.api_key(key);
        }
        Ok(builder)
    }

    /// The API endpoint, e.g. `https://cloud.appwrite.io/v1` (a trailing `/` is dropped).
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().endpoint("http://localhost/v1/");
    /// ```
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The project ID, sent as `X-Appwrite-Project`.
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().project("shop");
    /// ```
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.project = Some(project.into());
        self
    }

    /// The server API key, sent as `X-Appwrite-Key` unless the call acts as a user.
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().api_key("standard_0123");
    /// assert!(!format!("{b:?}").contains("0123"));
    /// ```
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// How long opening a connection may take (default 10 s).
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().connect_timeout(std::time::Duration::from_secs(3));
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the end of the answer (default 30 s).
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().request_timeout(std::time::Duration::from_secs(10));
    /// ```
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().retry(lazy_appwrite::RetryPolicy::none());
    /// ```
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The `User-Agent` header (default `LazyAppwriteRust/<version> (<os>; <arch>)`).
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().user_agent("my-app/2.0");
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Accept invalid TLS certificates, e.g. a self-hosted Appwrite with a self-signed one.
    /// Off by default; turn it on only for servers you control.
    ///
    /// ```
    /// let b = lazy_appwrite::Client::builder().self_signed(true);
    /// ```
    pub fn self_signed(mut self, accept: bool) -> Self {
        self.self_signed = accept;
        self
    }

    /// The database models use when they name none with `#[table(database = "…")]`.
    /// Without it, such models fail with [`Error::Config`].
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .default_database("main").build()?;
    /// assert_eq!(client.config().default_database(), Some("main"));
    /// assert!(lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .default_database("not an id").build().is_err());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn default_database(mut self, database_id: impl Into<String>) -> Self {
        self.default_database = Some(database_id.into());
        self
    }

    /// How the lazy schema sync behaves (default: on, waiting up to 60 s; see
    /// [`SyncSettings`]).
    ///
    /// ```
    /// use lazy_appwrite::SyncSettings;
    /// let b = lazy_appwrite::Client::builder()
    ///     .sync(SyncSettings::default().with_wait_timeout(std::time::Duration::from_secs(10)));
    /// ```
    pub fn sync(mut self, settings: SyncSettings) -> Self {
        self.sync = settings;
        self
    }

    /// The Appwrite version the server runs (`"1.8.1"`, `"1.9.6"`, `"2.7.1"`), when you
    /// know it: the client then does not ask the server (see [`Client::server_version`]).
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .server_version("1.9.6").build()?;
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn server_version(mut self, version: &str) -> Self {
        self.server_version = Some(ServerVersion::parse(version));
        self
    }

    /// Turns the lazy schema sync off, for programs that manage the schema themselves:
    /// models then send their one request per operation and nothing else. Explicit calls
    /// such as [`Client::sync`] still work.
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p")
    ///     .disable_sync().build()?;
    /// assert!(!client.config().sync().enabled());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn disable_sync(mut self) -> Self {
        self.sync = self.sync.with_enabled(false);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// ```
    /// let err = lazy_appwrite::Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("shop")
    ///     .api_key("line\nbreak")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("API key"));
    /// ```
    pub fn build(self) -> Result<Client> {
        let endpoint = config::normalize_endpoint(
            self.endpoint
                .as_deref()
                .ok_or_else(|| Error::config("no endpoint was set"))?,
        )?;
        let project = self
            .project
            .ok_or_else(|| Error::config("no project was set"))?;
        if project.trim().is_empty() {
            return Err(Error::config("the project ID is empty"));
        }
        config::check_header_text(&project, "the project ID")?;
        let key = self
            .api_key
            .as_deref()
            .map(|k| Secret::new(k, "the API key"))
            .transpose()?;
        let user_agent = self.user_agent.unwrap_or_else(config::default_user_agent);
        config::check_header_text(&user_agent, "the user agent")?;
        if let Some(db) = &self.default_database {
            crate::id::ID::validate(db).map_err(|e| {
                Error::config(format!(
                    "the default database `{db}` is not a valid ID: {e}"
                ))
            })?;
        }
        let config = Config {
            endpoint,
            project,
            key,
            connect_timeout: self.connect_timeout.unwrap_or(Duration::from_secs(10)),
            request_timeout: self.request_timeout.unwrap_or(Duration::from_secs(30)),
            retry: self.retry,
            user_agent,
            self_signed: self.self_signed,
            default_database: self.default_database.map(Name::from),
            sync: self.sync,
        };
        let http = http_client(&config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                http,
                schema: crate::verified::SchemaCache::default(),
                version: tokio::sync::OnceCell::new_with(self.server_version),
            }),
            auth: Auth::Default,
        })
    }
}

/// The shared connection pool: keep-alive, no redirects, the fixed headers.
fn http_client(config: &Config) -> Result<reqwest::Client> {
    let text = |v: &str| {
        HeaderValue::from_str(v).map_err(|_| Error::config(format!("`{v}` is not a header value")))
    };
    let mut headers = HeaderMap::new();
    headers.insert("x-appwrite-project", text(&config.project)?);
    headers.insert(
        "x-appwrite-response-format",
        HeaderValue::from_static(RESPONSE_FORMAT),
    );
    headers.insert("x-sdk-name", HeaderValue::from_static("lazy-appwrite"));
    headers.insert("x-sdk-platform", HeaderValue::from_static("server"));
    headers.insert("x-sdk-language", HeaderValue::from_static("rust"));
    headers.insert(
        "x-sdk-version",
        HeaderValue::from_static(env!("CARGO_PKG_VERSION")),
    );
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    let builder = reqwest::Client::builder()
        .default_headers(headers)
        .user_agent(text(&config.user_agent)?)
        .connect_timeout(config.connect_timeout)
        // No `.timeout`: each attempt runs under one timer of its own (see
        // `transport::send`), the configured timeout or a retry's shorter one.
        .redirect(reqwest::redirect::Policy::none())
        .tcp_nodelay(true)
        .pool_idle_timeout(Duration::from_secs(60));
    let builder = tls(builder, config)?;
    builder
        .build()
        .map_err(|e| Error::config(format!("cannot set up the HTTP client: {e}")))
}

#[cfg(any(feature = "rustls", feature = "native-tls"))]
fn tls(builder: reqwest::ClientBuilder, config: &Config) -> Result<reqwest::ClientBuilder> {
    Ok(builder.danger_accept_invalid_certs(config.self_signed))
}

#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn tls(builder: reqwest::ClientBuilder, config: &Config) -> Result<reqwest::ClientBuilder> {
    if config.self_signed || config.endpoint.starts_with("https:") {
        return Err(Error::config(
            "this build has no TLS: enable the `rustls` or `native-tls` feature of lazy-appwrite",
        ));
    }
    Ok(builder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ClientBuilder {
        ClientBuilder::new()
            .endpoint("http://localhost/v1")
            .project("p")
    }

    #[test]
    fn every_bad_setting_is_a_config_error() {
        let cases = [
            ClientBuilder::new().project("p"),
            ClientBuilder::new().endpoint("http://localhost/v1"),
            base().project("  "),
            base().project("p\nq"),
            base().api_key(""),
            base().api_key("k\r\n"),
            base().user_agent("ua\n"),
            base().endpoint("localhost/v1"),
        ];
        for builder in cases {
            let shown = format!("{builder:?}");
            assert!(
                matches!(builder.build(), Err(Error::Config { .. })),
                "{shown}"
            );
        }
    }

    #[test]
    fn defaults() {
        let client = base().build().unwrap();
        let config = client.config();
        assert_eq!(config.connect_timeout(), Duration::from_secs(10));
        assert_eq!(config.request_timeout(), Duration::from_secs(30));
        assert!(!config.has_api_key() && !config.self_signed());
        assert!(
            base()
                .self_signed(true)
                .build()
                .unwrap()
                .config()
                .self_signed()
        );
    }
}
