//! [`Client`]: the immutable, cheaply cloned handle every call goes through.

use std::future::Future;
use std::sync::Arc;

use crate::api::{Columns, Databases, Indexes, Rows, Tables, Transactions};
use crate::builder::ClientBuilder;
use crate::config::Config;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::model::transaction::{Begin, RunTransaction, Transaction};
use crate::query::Query;
use crate::transport::{ApiPath, Call, decode_json};
use crate::version::ServerVersion;

/// A connection to one Appwrite project.
///
/// Cloning is cheap (an `Arc`), and clones share the connection pool. A client never
/// changes after [`ClientBuilder::build`]: acting as a user ([`Client::as_user`]) returns a
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
    /// The tables verified so far, and the syncs under way (see [`crate::sync`]).
    pub(crate) schema: crate::sync::SchemaCache,
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
    /// A [`ClientBuilder`].
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("shop")
    ///     .build()?;
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and
    /// `APPWRITE_API_KEY` (see [`ClientBuilder::from_env`]).
    ///
    /// ```
    /// if let Ok(client) = lazy_appwrite::Client::from_env() {
    ///     println!("talking to {}", client.config().endpoint());
    /// }
    /// ```
    pub fn from_env() -> Result<Self> {
        ClientBuilder::from_env()?.build()
    }

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

    /// The version of the Appwrite server, learned once per client (and its clones) with
    /// one `GET /health/version` sent without credentials, unless
    /// [`crate::ClientBuilder::server_version`] gave it. The client reads it where
    /// versions differ (see [`crate::Feature`]).
    ///
    /// A server that answers with something other than a version (a proxy in the way, a
    /// refusal) is an unknown version, taken to have every feature. A failure to reach the
    /// server is an error, and the next call tries again.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use lazy_appwrite::{Client, Feature};
    ///
    /// let client = Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("p")
    ///     .server_version("1.8.1")
    ///     .build()?;
    /// let version = client.server_version().await?;
    /// assert_eq!(version.release(), Some((1, 8, 1)));
    /// assert!(!version.has(Feature::InlineColumns));
    /// # Ok(()) }
    /// ```
    pub async fn server_version(&self) -> Result<ServerVersion> {
        self.inner
            .version
            .get_or_try_init(|| self.learn_version())
            .await
            .cloned()
    }

    /// Refuses, as [`crate::Error::Unsupported`], queries this server lacks, before they are
    /// sent. Asks the server's version only when a query needs a feature.
    pub(crate) async fn check_queries(&self, table: &str, queries: &[Query]) -> Result<()> {
        let Some((query, feature)) = crate::query::query_needing_feature(queries) else {
            return Ok(());
        };
        self.require(feature, table, query.attribute()).await
    }

    /// Refuses, as [`crate::Error::Unsupported`], a request that needs `feature` when the
    /// server lacks it, before it is sent.
    pub(crate) async fn require(
        &self,
        feature: crate::version::Feature,
        table: &str,
        column: Option<&str>,
    ) -> Result<()> {
        let version = self.server_version().await?;
        if version.has(feature) {
            return Ok(());
        }
        Err(Error::unsupported(table, column, feature, version))
    }

    async fn learn_version(&self) -> Result<ServerVersion> {
        #[derive(serde::Deserialize)]
        struct Health {
            version: String,
        }
        let call =
            Call::get("health.version", ApiPath::root("health").fixed("version")).anonymous();
        let version = match call.execute(self).await {
            Ok(reply) => match decode_json::<Health>(&reply, call.operation, None) {
                Ok(health) => ServerVersion::parse(&health.version),
                Err(e) => {
                    tracing::debug!(error = %e, "the server did not say its version");
                    ServerVersion::unknown()
                }
            },
            // The server answered, but not with its version.
            Err(e) if e.status().is_some() || matches!(e, Error::Decode { .. }) => {
                tracing::debug!(error = %e, "the server did not say its version");
                ServerVersion::unknown()
            }
            Err(e) => return Err(e),
        };
        tracing::debug!(version = %version, "learned the server's version");
        Ok(version)
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

    /// Databases: create, get, list, update, delete.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let databases = client.databases();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn databases(&self) -> Databases {
        Databases::new(self.clone())
    }

    /// The tables of database `database_id`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let tables = client.tables("shop");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn tables(&self, database_id: impl Into<String>) -> Tables {
        Tables::new(self.clone(), database_id.into())
    }

    /// The columns of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let columns = client.columns("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn columns(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Columns {
        Columns::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The indexes of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let indexes = client.indexes("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn indexes(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Indexes {
        Indexes::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The rows of a table, decoded as `T` and written from `T`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// #[derive(serde::Serialize, serde::Deserialize)]
    /// struct Book { title: String }
    /// let books = client.rows::<Book>("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn rows<T>(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Rows<T> {
        Rows::new(self.clone(), database_id.into(), table_id.into())
    }

    /// Transactions: stage row writes and commit or roll them back together.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let transactions = client.transactions();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn transactions(&self) -> Transactions {
        Transactions::new(self.clone())
    }

    /// Begins a transaction and returns its handle (one request): stage operations on any
    /// model through it, then [`Transaction::commit`] or [`Transaction::rollback`]. Prefer
    /// [`Client::transaction`], which cannot forget either.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "counters")]
    /// struct Counter {
    ///     #[column(default = 0)]
    ///     hits: i64,
    /// }
    ///
    /// Counter::upsert(&client, "home", &Counter { hits: 0 }).await?;
    /// let tx = client.begin().await?;
    /// Counter::increment(&tx, "home", Counter::columns().hits).by(5).await?;
    /// assert_eq!(Counter::get(&client, "home").await?.hits, 0); // not applied yet
    /// tx.commit().await?;
    /// assert_eq!(Counter::get(&client, "home").await?.hits, 5);
    /// # Ok(()) }
    /// ```
    pub fn begin(&self) -> Begin<'_> {
        Begin::new(self)
    }

    /// Runs `body` in a new transaction: commits when it returns `Ok` (and returns its
    /// value), rolls back when it returns `Err` (and returns that error) or panics (and
    /// then resumes the panic). `body` gets an owned, cloneable [`Transaction`]; its
    /// future must be `Send`, and so is the one this returns.
    ///
    /// The body's error type is yours: any `E: From<lazy_appwrite::Error>`, so `?` works on
    /// this crate's calls and on your own, and a failure to begin or commit arrives
    /// converted into `E`. When nothing in the body fixes `E` (it only uses `?` and ends in
    /// `Ok(…)`), name it: `Ok::<_, lazy_appwrite::Error>(value)`.
    ///
    /// A failed commit is returned as is, typed: [`Error::Conflict`]
    /// (`transaction_conflict`) when a row changed since it was staged. If the closure
    /// commits or rolls back the handle itself, that stands: a rollback then makes the
    /// result an [`Error::Validation`]. If this future is dropped before it finishes, the
    /// transaction is neither committed nor rolled back and expires on the server (see
    /// [`Transaction`]). Set a TTL with [`RunTransaction::ttl`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Error, Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "orders")]
    /// struct Order {
    ///     #[column(size = 64)]
    ///     item: String,
    /// }
    ///
    /// // Ok: committed.
    /// let id = client
    ///     .transaction(|tx| async move { Order::create(&tx, &Order { item: "tea".into() }).await })
    ///     .await?;
    /// assert_eq!(Order::get(&client, &id).await?.item, "tea");
    ///
    /// // Err: rolled back, nothing applied.
    /// let failed = client
    ///     .transaction(|tx| async move {
    ///         Order::delete(&tx, id).await?;
    ///         Err::<(), _>(Error::Validation { table: None, column: None, reason: "out of stock".into() })
    ///     })
    ///     .await;
    /// assert!(failed.is_err());
    /// assert_eq!(Order::count(&client, Order::query()).await?, 1);
    /// # Ok(()) }
    /// ```
    ///
    /// With an error type of your own:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "stock")]
    /// struct Stock {
    ///     #[column(integer(min = 0), default = 0)]
    ///     count: i64,
    /// }
    ///
    /// #[derive(Debug)]
    /// enum ShopError {
    ///     SoldOut,
    ///     Appwrite(lazy_appwrite::Error),
    /// }
    /// impl From<lazy_appwrite::Error> for ShopError {
    ///     fn from(e: lazy_appwrite::Error) -> Self {
    ///         ShopError::Appwrite(e)
    ///     }
    /// }
    ///
    /// Stock::upsert(&client, "tea", &Stock { count: 0 }).await?;
    /// let sold = client
    ///     .transaction(|tx| async move {
    ///         let tea = Stock::get(&tx, "tea").await?; // a lazy_appwrite::Error converts
    ///         if tea.count == 0 {
    ///             return Err(ShopError::SoldOut); // rolls back
    ///         }
    ///         Stock::decrement(&tx, "tea", Stock::columns().count).await?;
    ///         Ok(())
    ///     })
    ///     .await;
    /// assert!(matches!(sold, Err(ShopError::SoldOut)));
    /// # Ok(()) }
    /// ```
    pub fn transaction<F, Fut, R, E>(&self, body: F) -> RunTransaction<'_, F>
    where
        F: FnOnce(Transaction) -> Fut + Send,
        Fut: Future<Output = Result<R, E>> + Send,
        R: Send,
        E: From<Error> + Send,
    {
        RunTransaction::new(self, body)
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
