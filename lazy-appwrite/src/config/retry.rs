//! [`RetryPolicy`]: how often to try a request again, and how long to wait before doing so.

use std::time::Duration;

/// How the client retries failed requests: how many attempts, the full-jitter exponential
/// backoff between them, and the overall time budget of one call.
///
/// The policy only says *how* to retry. *Whether* a request may be retried at all is decided
/// by the operation: reads, upserts with an explicit ID, deletes and creates with a
/// client-made ID are retried after timeouts, connection failures, 429, 502, 503 and 504,
/// and once after a 500 (Appwrite answers some requests with 500 every time); increments,
/// bulk updates and deletes by query, operators, guarded writes and writes staged in a
/// transaction are only retried when the request certainly never reached the server (the
/// connection could not be opened, or the answer was 429). A delete that meets 404 on a
/// retry succeeded only if an earlier attempt may have reached the server; otherwise the
/// row was not there and the answer is the 404. Local validation errors are never retried.
///
/// ```
/// use std::time::Duration;
/// use lazy_appwrite::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_base_delay(Duration::from_millis(50))
///     .with_max_delay(Duration::from_secs(2))
///     .with_budget(Duration::from_secs(20));
/// assert_eq!(policy.max_attempts(), 5);
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    budget: Duration,
}

impl Default for RetryPolicy {
    /// Four attempts, backoff from 100 ms capped at 5 s, 60 s for the whole call.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            budget: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::RetryPolicy::none().max_attempts(), 1);
    /// ```
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts per call, the first included (0 counts as 1).
    ///
    /// ```
    /// let p = lazy_appwrite::RetryPolicy::default().with_max_attempts(0);
    /// assert_eq!(p.max_attempts(), 1);
    /// ```
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; it doubles for each further one (before jitter).
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = lazy_appwrite::RetryPolicy::default().with_base_delay(Duration::from_millis(10));
    /// assert_eq!(p.base_delay(), Duration::from_millis(10));
    /// ```
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff between two attempts (before jitter).
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = lazy_appwrite::RetryPolicy::default().with_max_delay(Duration::from_secs(1));
    /// assert_eq!(p.max_delay(), Duration::from_secs(1));
    /// ```
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The time one call may take, all attempts and waits included. No retry starts if its
    /// wait would end past the budget; a 429 whose reset lies beyond it is reported at once.
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = lazy_appwrite::RetryPolicy::default().with_budget(Duration::from_secs(5));
    /// assert_eq!(p.budget(), Duration::from_secs(5));
    /// ```
    pub fn with_budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// Attempts per call, the first included.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::RetryPolicy::default().max_attempts(), 4);
    /// ```
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before the first retry.
    ///
    /// ```
    /// # use std::time::Duration;
    /// assert_eq!(lazy_appwrite::RetryPolicy::default().base_delay(), Duration::from_millis(100));
    /// ```
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest backoff between two attempts.
    ///
    /// ```
    /// # use std::time::Duration;
    /// assert_eq!(lazy_appwrite::RetryPolicy::default().max_delay(), Duration::from_secs(5));
    /// ```
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The time budget of one call.
    ///
    /// ```
    /// # use std::time::Duration;
    /// assert_eq!(lazy_appwrite::RetryPolicy::default().budget(), Duration::from_secs(60));
    /// ```
    pub fn budget(&self) -> Duration {
        self.budget
    }

    /// Full jitter: a uniformly random wait between zero and
    /// `min(max_delay, base_delay * 2^(retry - 1))`, for the `retry`-th retry (from 1).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_the_exponential_ceiling_and_the_cap() {
        let p = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(700));
        for _ in 0..200 {
            assert!(p.backoff(1) <= Duration::from_millis(100));
            assert!(p.backoff(2) <= Duration::from_millis(200));
            assert!(p.backoff(3) <= Duration::from_millis(400));
            assert!(p.backoff(4) <= Duration::from_millis(700));
            assert!(p.backoff(40) <= Duration::from_millis(700));
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let p = RetryPolicy::default().with_base_delay(Duration::from_secs(1));
        let waits: std::collections::HashSet<_> = (0..20).map(|_| p.backoff(3)).collect();
        assert!(waits.len() > 1);
    }
}
