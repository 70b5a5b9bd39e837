//! Row, table and database IDs: made on the client, time-ordered like the SDKs' ones.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use lazy_appwrite_core::ids::{IdProblem, id_problem};
use lazy_appwrite_core::text::shown;

use crate::error::{Error, IdKind, Result};

/// ID helpers, named like the official SDKs' `ID` class.
///
/// ```
/// use lazy_appwrite::ID;
///
/// let a = ID::unique();
/// let b = ID::unique();
/// assert_eq!(a.len(), 20);
/// assert!(a.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
/// assert!(a < b, "IDs made by one process sort by creation time");
/// assert_eq!(ID::custom("book-1")?, "book-1");
/// assert!(ID::custom("_hidden").is_err());
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ID;

/// The last time stamp handed out, in microseconds since the epoch.
static LAST_MICROS: AtomicU64 = AtomicU64::new(0);

pub use lazy_appwrite_core::ids::MAX_ID_LEN;

impl ID {
    /// A new 20-character lowercase hex ID: Unix seconds (8 hex digits), microseconds
    /// (5 hex digits), then 7 random hex digits, the layout of the Rust SDK.
    ///
    /// Within one process IDs are strictly increasing, even when the clock stalls or
    /// steps back, so they sort in creation order.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::ID::unique().len(), 20);
    /// ```
    pub fn unique() -> String {
        Self::unique_with_padding(7)
    }

    /// Like [`ID::unique`] with `padding` random hex digits at the end instead of 7
    /// (the result is cut to 36 characters).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::ID::unique_with_padding(3).len(), 16);
    /// ```
    pub fn unique_with_padding(padding: usize) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let mut last = LAST_MICROS.load(Ordering::Relaxed);
        let stamp = loop {
            let next = now.max(last.saturating_add(1));
            match LAST_MICROS.compare_exchange_weak(
                last,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => break next,
                Err(seen) => last = seen,
            }
        };
        let (secs, micros) = (stamp / 1_000_000, stamp % 1_000_000);
        let mut id = format!("{secs:08x}{micros:05x}");
        for _ in 0..padding.min(MAX_ID_LEN - id.len()) {
            id.push(char::from(b"0123456789abcdef"[fastrand::usize(..16)]));
        }
        id
    }

    /// Checks a caller-chosen ID against Appwrite's rules and returns it: 1 to 36 of
    /// `a-z A-Z 0-9 . - _`, not starting with `.`, `-` or `_`.
    ///
    /// ```
    /// use lazy_appwrite::ID;
    /// assert!(ID::custom("a.b-c_d").is_ok());
    /// assert!(ID::custom("").is_err());
    /// assert!(ID::custom("has space").is_err());
    /// assert!(ID::custom("x".repeat(37)).is_err());
    /// ```
    pub fn custom(id: impl Into<String>) -> Result<String> {
        let id = id.into();
        Self::validate(&id)?;
        Ok(id)
    }

    /// Checks an ID without taking it.
    ///
    /// ```
    /// assert!(lazy_appwrite::ID::validate("books").is_ok());
    /// ```
    pub fn validate(id: &str) -> Result<()> {
        match problem(id) {
            Some(reason) => Err(Error::invalid(reason)),
            None => Ok(()),
        }
    }
}

/// Refuses, as [`Error::InvalidId`], an ID that Appwrite would not take in a request path.
///
/// Every path the client sends is checked with it (see `transport::ApiPath`); model
/// operations also call it before their table's first sync, so that nothing at all is
/// sent for a bad ID.
pub(crate) fn check_path_id(
    operation: &'static str,
    table: Option<&str>,
    what: IdKind,
    id: &str,
) -> Result<()> {
    match problem(id) {
        None => Ok(()),
        Some(reason) => Err(Error::InvalidId {
            operation,
            table: table.map(str::to_owned),
            what,
            id: id.to_owned(),
            reason,
        }),
    }
}

/// Whether Appwrite takes `id` as an ID or key (see [`check_path_id`] for the rule).
pub(crate) fn is_valid(id: &str) -> bool {
    problem(id).is_none()
}

/// Why Appwrite would refuse `id` as an ID or key, or `None` when it takes it (the core
/// crate's rule, the same for database, table, row and transaction IDs and for column and
/// index keys).
fn problem(id: &str) -> Option<String> {
    id_problem(id).map(|problem| match problem {
        IdProblem::Empty => "an ID cannot be empty".to_owned(),
        other => format!("the ID `{}` {other}", shown(id)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_are_increasing_hex_with_the_time_up_front() {
        let ids: Vec<String> = (0..2000).map(|_| ID::unique()).collect();
        for pair in ids.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?}");
        }
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let id_secs = u64::from_str_radix(&ids[0][..8], 16).unwrap();
        assert!(secs.abs_diff(id_secs) < 5);
        assert!(
            ids.iter()
                .all(|id| id.len() == 20 && ID::validate(id).is_ok())
        );
    }

    #[test]
    fn padding_is_capped() {
        assert_eq!(ID::unique_with_padding(100).len(), MAX_ID_LEN);
        assert_eq!(ID::unique_with_padding(0).len(), 13);
    }
}
