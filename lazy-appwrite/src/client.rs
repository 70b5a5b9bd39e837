//! [`Client`]: the immutable, cheaply cloned handle every call goes through, with the
//! methods that need nothing above this module (its settings, acting as a user). The
//! public methods that reach higher modules (the API groups, the server's version,
//! [`Client::builder`], the sync and transactions) are all in `client_api`, at the top of
//! the module map.

use std::sync::Arc;

use crate::config::Config;
use crate::credentials::Credentials;
use crate::error::Result;
use crate::verified::SchemaCache;
use crate::version::ServerVersion;

/// A connection to one Appwrite project.
///
/// Cloning is cheap (an `Arc`), and clones share the connection pool. A client never
/// changes after [`ClientBuilder::build`](crate::ClientBuilder::build): acting as a user ([`Client::as_user`]) returns a
/// new view with the user's credentials overlaid on each of its calls, so two callers can
/// never see each other's credentials.
///
/// The API groups mirror Appwrite's TablesDB: [`Client::databases`], [`Client::tables`],
/// [`Client::columns`], [`Client::indexes`], [`Client::rows`] and
/// [`Client::transactions`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// use lazy_appwrite::Client;
///
/// let client = Client::builder()
///     .endpoint(emulator.endpoint())
///     .project(emulator.project())
///     .api_key(emulator.key())
///     .build()?;
/// let db = client.databases().create("shop", "Shop").await?;
/// assert_eq!(db.id, "shop");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    pub(crate) auth: Auth,
}

/// What clones share.
pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) http: reqwest::Client,
    /// The tables verified so far, and the syncs under way (see [`Client::sync`]).
    pub(crate) schema: SchemaCache,
    /// The server's version, once learned or given (see [`Client::server_version`]).
    pub(crate) version: tokio::sync::OnceCell<ServerVersion>,
}

/// Whose credentials a call carries.
#[derive(Clone)]
pub(crate) enum Auth {
    /// The API key, if one is configured (else none: a guest).
    Default,
    /// A user's JWT or session, instead of the key.
    User(Arc<Credentials>),
}

impl Client {
    /// The settings this client was built with.
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert_eq!(client.config().project(), "p");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// A view of this client whose calls act as the user with these credentials: they
    /// carry the JWT or session instead of the API key and are subject to the user's
    /// permissions. The view shares the connection pool; `self` is unchanged.
    ///
    /// ```
    /// use lazy_appwrite::{Client, Credentials};
    ///
    /// let admin = Client::builder().endpoint("http://localhost/v1").project("p").api_key("k3y-value").build()?;
    /// let alice = admin.as_user(Credentials::jwt("alice.jwt.token")?);
    /// assert!(alice.is_user());
    /// assert!(!admin.is_user());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn as_user(&self, credentials: Credentials) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            auth: Auth::User(Arc::new(credentials)),
        }
    }

    /// A view of this client acting as the user with this JWT: shorthand for
    /// `client.as_user(Credentials::jwt(token)?)` (see [`Client::as_user`]).
    ///
    /// The view works with the whole model API: row operations carry the JWT and are
    /// subject to the user's permissions, while the lazy table sync behind them still
    /// uses this client's API key (users cannot change schemas), so a program can serve
    /// each request as its user with `User::get(&client.as_jwt(token)?, id)`.
    ///
    /// Fails with [`crate::Error::Config`] if the token is empty or cannot go in a header.
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("p")
    ///     .api_key("k3y-value")
    ///     .build()?;
    /// let alice = client.as_jwt("eyJhbGciOi.payload.signature")?;
    /// assert!(alice.is_user() && !client.is_user());
    /// assert!(client.as_jwt("").is_err());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn as_jwt(&self, token: &str) -> Result<Client> {
        Ok(self.as_user(Credentials::jwt(token)?))
    }

    /// A view of this client acting as the user with this session secret: shorthand for
    /// `client.as_user(Credentials::session(secret)?)`. Like [`Client::as_jwt`].
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(client.as_session("a1b2c3")?.is_user());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn as_session(&self, secret: &str) -> Result<Client> {
        Ok(self.as_user(Credentials::session(secret)?))
    }

    /// The same client acting with its API key (the view schema changes go through).
    pub(crate) fn with_key(&self) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            auth: Auth::Default,
        }
    }

    /// Scrubs the client's credentials from text that came from outside.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut text = match &self.inner.config.key {
            Some(key) => key.redact(text),
            None => text.to_owned(),
        };
        if let Auth::User(credentials) = &self.auth {
            text = credentials.secret().redact(&text);
        }
        text
    }

    /// Whether this view acts as a user (see [`Client::as_user`]).
    ///
    /// ```
    /// let c = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(!c.is_user());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn is_user(&self) -> bool {
        matches!(self.auth, Auth::User(_))
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let auth = match &self.auth {
            Auth::Default if self.inner.config.key.is_some() => "api key (<redacted>)",
            Auth::Default => "none",
            Auth::User(c) => match c.kind_name() {
                "Jwt" => "user JWT (<redacted>)",
                _ => "user session (<redacted>)",
            },
        };
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .field("auth", &auth)
            .finish()
    }
}
