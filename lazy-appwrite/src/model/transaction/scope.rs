//! The closure form of a transaction, [`Client::transaction`] (the handle is
//! [`Client::begin`]'s): begin, run the body, then commit on `Ok`, roll back on `Err` or
//! panic.

use std::any::Any;
use std::future::{Future, IntoFuture};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use super::{COMMITTED, OPEN, ROLLED_BACK, Transaction, begin};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::outcome::WriteOutcome;

/// A pending [`Client::transaction`]: `.await` it for the body's value once committed, or
/// the body's error (of the body's own error type, which a failure to begin or commit is
/// converted into). A failure to begin says [`WriteOutcome::NotApplied`]: the body never
/// ran. A commit whose answer was lost is settled as [`Transaction::commit`] says.
#[must_use = "the transaction does not run until this is awaited"]
pub struct RunTransaction<'c, F> {
    client: &'c Client,
    ttl: Option<Duration>,
    body: F,
}

impl<'c, F> RunTransaction<'c, F> {
    pub(crate) fn new(client: &'c Client, body: F) -> Self {
        Self {
            client,
            ttl: None,
            body,
        }
    }

    /// How long the server keeps the transaction open (60 seconds to 1 hour; the
    /// server's default is 5 minutes): a body still running then fails to commit with
    /// 410 `transaction_expired`, and nothing is applied.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// use std::time::Duration;
    ///
    /// let id = client
    ///     .transaction(|tx| async move { Ok::<_, lazy_appwrite::Error>(tx.id().to_owned()) })
    ///     .ttl(Duration::from_secs(60))
    ///     .await?;
    /// assert!(!id.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = Some(ttl);
        self
    }
}

impl<F> std::fmt::Debug for RunTransaction<'_, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunTransaction")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl<'c, F, Fut, R, E> IntoFuture for RunTransaction<'c, F>
where
    F: FnOnce(Transaction) -> Fut + Send + 'c,
    Fut: Future<Output = Result<R, E>> + Send + 'c,
    R: Send + 'c,
    E: From<Error> + Send + 'c,
{
    type Output = Result<R, E>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<R, E>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        let Self { client, ttl, body } = self;
        Box::pin(async move {
            // The body never ran, so nothing of it can be applied: whatever the failed
            // request did, at most an empty transaction waits on the server to expire.
            let tx = begin(client, ttl)
                .await
                .map_err(|e| E::from(e.with_outcome(WriteOutcome::NotApplied)))?;
            let handle = tx.clone();
            let outcome = match catch_unwind(AssertUnwindSafe(move || body(handle))) {
                Ok(future) => CatchUnwind(Box::pin(future)).await,
                Err(panic) => Err(panic),
            };
            match outcome {
                Ok(Ok(value)) => commit(tx).await.map(|()| value).map_err(E::from),
                Ok(Err(error)) => {
                    roll_back(tx, "the body returned an error").await;
                    Err(error)
                }
                Err(panic) => {
                    roll_back(tx, "the body panicked").await;
                    resume_unwind(panic)
                }
            }
        })
    }
}

/// Commits after the body succeeded, unless the body finished the transaction itself.
async fn commit(tx: Transaction) -> Result<()> {
    match tx.state() {
        OPEN => tx.commit().await.map(|_| ()),
        COMMITTED => Ok(()),
        ROLLED_BACK => Err(Error::Validation {
            table: None,
            column: None,
            reason: format!(
                "the body rolled transaction `{}` back itself: nothing was committed",
                tx.id()
            ),
        }),
        state => Err(tx.not_open(state, None)),
    }
}

/// Rolls back after the body failed; a failed rollback is logged (the transaction then
/// expires on the server), since the body's own failure is what the caller needs.
async fn roll_back(tx: Transaction, why: &'static str) {
    if tx.state() != OPEN {
        return;
    }
    let id = tx.id().to_owned();
    if let Err(error) = tx.rollback().await {
        tracing::warn!(
            transaction = %id,
            %error,
            "{why}, and the rollback failed: the server discards the transaction when it expires"
        );
    }
}

/// A panic caught while polling: its payload, to resume once the rollback is done.
type Panic = Box<dyn Any + Send + 'static>;

/// Polls a future, turning a panic inside `poll` into `Err(payload)`. The future is not
/// polled again after it panicked.
struct CatchUnwind<Fut>(Pin<Box<Fut>>);

impl<Fut: Future> Future for CatchUnwind<Fut> {
    type Output = std::result::Result<Fut::Output, Panic>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls a future that is ready at once.
    fn ready_now<F: Future>(future: F) -> F::Output {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut future = Box::pin(future);
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => value,
            Poll::Pending => panic!("the future was not ready"),
        }
    }

    #[test]
    fn a_panic_while_polling_is_caught() {
        let caught = ready_now(CatchUnwind(Box::pin(async {
            if true {
                panic!("boom");
            }
            5
        })));
        let payload = caught.expect_err("the panic is caught");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
        assert_eq!(ready_now(CatchUnwind(Box::pin(async { 7 }))).ok(), Some(7));
    }
}
