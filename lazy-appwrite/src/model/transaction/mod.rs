//! Typed transactions: row writes on any models, staged on the server and applied
//! together by one commit, or dropped by a rollback.
//!
//! Two ways in:
//!
//! - [`Client::transaction`] runs a closure with a [`Transaction`] and commits when it
//!   returns `Ok`; it rolls back when it returns `Err` **or panics** (the panic then goes
//!   on). This is the form to reach for.
//! - [`Client::begin`] returns the [`Transaction`] handle itself; finish it with
//!   [`Transaction::commit`] or [`Transaction::rollback`].
//!
//! A handle is an [`Executor`]: the model operations run on it as they run on a client,
//! `Account::create(&tx, &row)` like `Account::create(&client, &row)`. A write ([`create`],
//! [`upsert`], [`update`] with the model's typed patch, [`delete`], [`increment`] and
//! [`decrement`]) validates its input first, syncs the table if this client has not
//! verified it yet (with the API key, as every model operation does), then sends one
//! request carrying the transaction's ID: the server records the operation and applies
//! nothing, so a create answers the new row's ID and the other writes answer nothing.
//! Reads through the handle ([`get`], [`list`], [`Model::count`], [`Model::find_first`])
//! see the transaction's own staged creates, upserts and updates (not staged increments
//! and decrements: Appwrite reads those rows as they were); every other reader sees none
//! of them until the commit.
//!
//! Appwrite holds at most **100 operations** per transaction: the 101st is refused with
//! [`Error::Validation`] before anything is sent. A commit that meets a row changed since
//! it was staged fails with [`Error::Conflict`] (`transaction_conflict`) and applies
//! nothing. Staged operations and commits are never retried after an ambiguous failure;
//! a commit whose answer was lost reads the transaction's status once to settle what it
//! did ([`Transaction::commit`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! use lazy_appwrite::{Client, Model, Table};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Table, Serialize, Deserialize, Debug)]
//! #[table(id = "accounts")]
//! struct Account {
//!     #[column(size = 64)]
//!     owner: String,
//!     #[column(integer(min = 0), default = 0)]
//!     balance: i64,
//! }
//!
//! let client = Client::builder()
//!     .endpoint(emulator.endpoint())
//!     .project(emulator.project())
//!     .api_key(emulator.key())
//!     .default_database("bank")
//!     .build()?;
//! Account::upsert(&client, "ada", &Account { owner: "Ada".into(), balance: 100 }).await?;
//! Account::upsert(&client, "tim", &Account { owner: "Tim".into(), balance: 0 }).await?;
//!
//! // Both changes or neither.
//! let c = Account::columns();
//! let paid = client
//!     .transaction(|tx| async move {
//!         Account::decrement(&tx, "ada", c.balance).by(30).min(0).await?;
//!         Account::increment(&tx, "tim", c.balance).by(30).await?;
//!         Ok::<_, lazy_appwrite::Error>(30)
//!     })
//!     .await?;
//! assert_eq!(paid, 30);
//! assert_eq!(Account::get(&client, "ada").await?.balance, 70);
//! assert_eq!(Account::get(&client, "tim").await?.balance, 30);
//! # Ok(()) }
//! ```
//!
//! [`Executor`]: crate::model::Executor
//! [`Model::count`]: crate::Model::count
//! [`Model::find_first`]: crate::Model::find_first
//! [`create`]: crate::Model::create
//! [`upsert`]: crate::Model::upsert
//! [`update`]: crate::Model::update
//! [`delete`]: crate::Model::delete
//! [`increment`]: crate::Model::increment
//! [`decrement`]: crate::Model::decrement
//! [`get`]: crate::Model::get
//! [`list`]: crate::Model::list

mod execute;
mod scope;

pub use scope::RunTransaction;

use std::future::IntoFuture;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::time::Duration;

use super::run::ModelFuture;
use crate::api::Transactions;
use crate::client::Client;
use crate::datetime::Timestamp;
use crate::error::{Error, Result};
use crate::response::TransactionInfo;

/// Appwrite's cap on the operations of one transaction.
pub const MAX_OPERATIONS: u32 = 100;

/// The shortest and longest TTL Appwrite accepts, in seconds.
const TTL_SECONDS: std::ops::RangeInclusive<u64> = 60..=3600;

/// Where a transaction is, as this client knows it.
const OPEN: u8 = 0;
const FINISHING: u8 = 1;
const COMMITTED: u8 = 2;
const ROLLED_BACK: u8 = 3;
/// A commit or rollback failed or its answer was lost: the server decides.
const UNKNOWN: u8 = 4;

/// An open transaction: stage typed operations on any model, read through it, then
/// [`commit`](Transaction::commit) or [`rollback`](Transaction::rollback). From
/// [`Client::begin`], or handed to the closure of [`Client::transaction`].
///
/// The handle is cheap to clone; clones stage into the same transaction and count toward
/// the same 100-operation limit. It acts with the credentials of the client it was begun
/// from, so a transaction begun on [`Client::as_user`] stages and commits as that user
/// (the table sync still uses the API key).
///
/// **Dropped without a commit or a rollback**, nothing is applied: the staged operations
/// stay on the server, invisible to every other reader, until the transaction expires
/// ([`Begin::ttl`], 5 minutes by default), and are then discarded. The last handle to go
/// logs a `tracing` warning when that happens, since it is usually a forgotten commit.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// use lazy_appwrite::{Client, Error, Model, Table};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Table, Serialize, Deserialize, Debug)]
/// #[table(id = "notes", database = "main")]
/// struct Note {
///     #[column(size = 200)]
///     text: String,
/// }
///
/// let client = Client::builder()
///     .endpoint(emulator.endpoint())
///     .project(emulator.project())
///     .api_key(emulator.key())
///     .build()?;
///
/// let tx = client.begin().ttl(std::time::Duration::from_secs(60)).await?;
/// let id = Note::create(&tx, &Note { text: "draft".into() }).await?;
/// assert_eq!(Note::get(&tx, &id).await?.text, "draft"); // visible inside
/// assert!(matches!(Note::get(&client, &id).await, Err(Error::NotFound { .. }))); // not outside
/// tx.rollback().await?;
/// assert!(matches!(Note::get(&client, &id).await, Err(Error::NotFound { .. })));
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Transaction {
    shared: Arc<Shared>,
}

/// What the clones of a handle share.
struct Shared {
    client: Client,
    id: String,
    expires_at: Option<Timestamp>,
    /// Operations staged (or possibly staged, after an ambiguous failure).
    staged: AtomicU32,
    state: AtomicU8,
}

impl Drop for Shared {
    fn drop(&mut self) {
        if *self.state.get_mut() == OPEN {
            tracing::warn!(
                transaction = %self.id,
                staged = *self.staged.get_mut(),
                expires_at = self.expires_at.as_ref().map_or("unknown", Timestamp::as_str),
                "a transaction was dropped without commit or rollback: nothing it staged is \
                 applied, and the server discards it when it expires"
            );
        }
    }
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("id", &self.shared.id)
            .field("operations", &self.operations())
            .field(
                "state",
                &state_name(self.shared.state.load(Ordering::Acquire)),
            )
            .finish()
    }
}

fn state_name(state: u8) -> &'static str {
    match state {
        OPEN => "open",
        FINISHING => "finishing",
        COMMITTED => "committed",
        ROLLED_BACK => "rolled back",
        _ => "unknown",
    }
}

impl Transaction {
    /// The server's transaction ID (the `transactionId` every staged request carries).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// let tx = client.begin().await?;
    /// assert_eq!(client.transactions().get(tx.id()).await?.id, tx.id());
    /// tx.rollback().await?;
    /// # Ok(()) }
    /// ```
    pub fn id(&self) -> &str {
        &self.shared.id
    }

    /// When the server discards the transaction if it is not committed by then.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// let tx = client.begin().ttl(std::time::Duration::from_secs(120)).await?;
    /// assert!(tx.expires_at().is_some());
    /// tx.rollback().await?;
    /// # Ok(()) }
    /// ```
    pub fn expires_at(&self) -> Option<&Timestamp> {
        self.shared.expires_at.as_ref()
    }

    /// How many operations this handle and its clones have staged. An operation whose
    /// answer was lost, or whose future was dropped in flight, counts (the server may hold
    /// it); one the server refused does not. At most [`MAX_OPERATIONS`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// let tx = client.begin().await?;
    /// assert_eq!(tx.operations(), 0);
    /// tx.rollback().await?;
    /// # Ok(()) }
    /// ```
    pub fn operations(&self) -> u32 {
        self.shared.staged.load(Ordering::Acquire)
    }

    /// Applies every staged operation, in order, all or nothing. Consumes the handle (its
    /// clones can no longer stage or read either).
    ///
    /// Fails with [`Error::Conflict`] (`transaction_conflict`) when a row changed since an
    /// operation on it was staged, [`Error::NotFound`] when a row it updates is gone, and
    /// an [`Error::Api`] such as 410 `transaction_expired`: in each case nothing is
    /// applied. Never retried after an ambiguous failure: when the answer is lost, one
    /// read of the transaction's status settles it. `committed`, and the commit succeeds;
    /// `failed`, or still `pending` after a lost connection or a 5xx, and the error says
    /// [`WriteOutcome::NotApplied`](crate::WriteOutcome::NotApplied); otherwise (still
    /// `pending` after a timeout, since a stalled commit may yet be carried out, or the
    /// read failed) it stays [`WriteOutcome::Unknown`](crate::WriteOutcome::Unknown). All
    /// or nothing either way: never part of the operations.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Table, response::TransactionStatus};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "tags")]
    /// struct Tag {
    ///     #[column(size = 32)]
    ///     name: String,
    /// }
    ///
    /// let tx = client.begin().await?;
    /// Tag::upsert(&tx, "rust", &Tag { name: "rust".into() }).await?;
    /// let done = tx.commit().await?;
    /// assert_eq!(done.status, TransactionStatus::Committed);
    /// assert_eq!(Tag::get(&client, "rust").await?.name, "rust");
    /// # Ok(()) }
    /// ```
    pub async fn commit(self) -> Result<TransactionInfo> {
        self.finish(true).await
    }

    /// Drops every staged operation: nothing is applied. Consumes the handle.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// let tx = client.begin().await?;
    /// let id = tx.id().to_owned();
    /// tx.rollback().await?;
    /// // Appwrite 1.8 reports a rolled-back transaction as `failed`.
    /// assert!(client.transactions().get(&id).await?.status != lazy_appwrite::response::TransactionStatus::Pending);
    /// # Ok(()) }
    /// ```
    pub async fn rollback(self) -> Result<()> {
        self.finish(false).await.map(|_| ())
    }

    /// Commits (`commit`) or rolls back, once.
    async fn finish(&self, commit: bool) -> Result<TransactionInfo> {
        let shared = &self.shared;
        if let Err(state) =
            shared
                .state
                .compare_exchange(OPEN, FINISHING, Ordering::AcqRel, Ordering::Acquire)
        {
            return Err(self.not_open(state, None));
        }
        let api = Transactions::new(shared.client.clone());
        let result = if commit {
            api.commit(&shared.id).await
        } else {
            api.rollback(&shared.id).await
        };
        let state = match (&result, commit) {
            (Ok(_), true) => COMMITTED,
            (Ok(_), false) => ROLLED_BACK,
            (Err(_), _) => UNKNOWN,
        };
        shared.state.store(state, Ordering::Release);
        result
    }

    /// The client state, for the closure form: who finished the transaction.
    fn state(&self) -> u8 {
        self.shared.state.load(Ordering::Acquire)
    }

    /// The error for using a transaction that is not open any more.
    fn not_open(&self, state: u8, table: Option<&str>) -> Error {
        let what = match state {
            COMMITTED => "was committed",
            ROLLED_BACK => "was rolled back",
            FINISHING => "is being committed or rolled back",
            _ => "was finished (its commit or rollback failed)",
        };
        Error::Validation {
            table: table.map(str::to_owned),
            column: None,
            reason: format!(
                "transaction `{}` {what}: begin another to stage or read",
                self.shared.id
            ),
        }
    }

    /// Fails unless the transaction is open.
    fn check_open(&self, table: &str) -> Result<()> {
        match self.state() {
            OPEN => Ok(()),
            state => Err(self.not_open(state, Some(table))),
        }
    }

    /// Takes one of the 100 operation slots, or refuses the operation.
    fn reserve(&self, table: &str) -> Result<()> {
        self.shared
            .staged
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_OPERATIONS).then_some(n + 1)
            })
            .map(|_| ())
            .map_err(|_| Error::Validation {
                table: Some(table.to_owned()),
                column: None,
                reason: format!(
                    "transaction `{}` already holds {MAX_OPERATIONS} operations, Appwrite's \
                     limit: commit it and begin another",
                    self.shared.id
                ),
            })
    }
}

/// A pending [`Client::begin`]: `.await` it for the open [`Transaction`]. One request.
#[must_use = "a transaction is not begun until this is awaited"]
#[derive(Debug)]
pub struct Begin<'c> {
    client: &'c Client,
    ttl: Option<Duration>,
}

impl<'c> Begin<'c> {
    pub(crate) fn new(client: &'c Client) -> Self {
        Self { client, ttl: None }
    }

    /// How long the server keeps the transaction open if it is not committed: 60 seconds
    /// to 1 hour (rounded up to whole seconds; the server's default is 5 minutes). A
    /// value outside that range is refused with [`Error::Validation`] before sending.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// use std::time::Duration;
    ///
    /// let tx = client.begin().ttl(Duration::from_secs(90)).await?;
    /// tx.rollback().await?;
    /// assert!(client.begin().ttl(Duration::from_secs(5)).await.is_err());
    /// # Ok(()) }
    /// ```
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = Some(ttl);
        self
    }
}

impl<'c> IntoFuture for Begin<'c> {
    type Output = Result<Transaction>;
    type IntoFuture = ModelFuture<'c, Transaction>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(begin(self.client, self.ttl))
    }
}

/// The TTL in whole seconds (rounded up), checked against Appwrite's range.
fn ttl_seconds(ttl: Duration) -> Result<u32> {
    let seconds = ttl.as_secs() + u64::from(ttl.subsec_nanos() > 0);
    if !TTL_SECONDS.contains(&seconds) {
        return Err(Error::Validation {
            table: None,
            column: None,
            reason: format!(
                "a transaction's ttl is {} to {} seconds, not {ttl:?}",
                TTL_SECONDS.start(),
                TTL_SECONDS.end()
            ),
        });
    }
    u32::try_from(seconds).map_err(|_| Error::invalid("the ttl does not fit in 32 bits"))
}

async fn begin(client: &Client, ttl: Option<Duration>) -> Result<Transaction> {
    let ttl = ttl.map(ttl_seconds).transpose()?;
    let api = Transactions::new(client.clone());
    let mut request = api.create();
    if let Some(ttl) = ttl {
        request = request.ttl(ttl);
    }
    let created = request.run().await?;
    Ok(Transaction {
        shared: Arc::new(Shared {
            client: client.clone(),
            id: created.id,
            expires_at: created.expires_at,
            staged: AtomicU32::new(0),
            state: AtomicU8::new(OPEN),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttls_are_checked_and_rounded_up() {
        assert_eq!(ttl_seconds(Duration::from_secs(60)).unwrap(), 60);
        assert_eq!(ttl_seconds(Duration::from_millis(59_001)).unwrap(), 60);
        assert_eq!(ttl_seconds(Duration::from_secs(3600)).unwrap(), 3600);
        for bad in [
            Duration::ZERO,
            Duration::from_secs(59),
            Duration::from_secs(3601),
        ] {
            let err = ttl_seconds(bad).unwrap_err();
            assert!(matches!(err, Error::Validation { .. }), "{err}");
        }
    }
}
