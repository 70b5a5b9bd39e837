//! A transaction: row writes staged on the server and applied together.

use serde::Deserialize;

use super::lenient::{nullable, string_enum, u64_or_zero};
use crate::datetime::Timestamp;

string_enum! {
    /// Where a transaction is in its life.
    ///
    /// ```
    /// use lazy_appwrite::response::TransactionStatus;
    /// assert_eq!(TransactionStatus::from_wire("pending"), TransactionStatus::Pending);
    /// assert_eq!(TransactionStatus::RolledBack.as_str(), "rolled_back");
    /// ```
    pub enum TransactionStatus {
        /// Open: operations can be staged.
        Pending => "pending",
        /// Being committed.
        Committing => "committing",
        /// Applied.
        Committed => "committed",
        /// Rolled back (the 1.8 server reports a rollback as `failed`).
        RolledBack => "rolled_back",
        /// The commit failed, or the transaction was rolled back.
        Failed => "failed",
    }
}

/// A transaction.
///
/// ```
/// let tx: lazy_appwrite::response::TransactionInfo = serde_json::from_str(
///     r#"{"$id":"tx123","status":"pending","operations":0,"expiresAt":"2026-01-05T10:05:00.000+00:00"}"#,
/// )?;
/// assert_eq!(tx.id, "tx123");
/// assert_eq!(tx.operations, 0);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TransactionInfo {
    /// The transaction ID, to pass as `transactionId` to row writes.
    #[serde(rename = "$id")]
    pub id: String,
    /// Its status.
    #[serde(default = "pending")]
    pub status: TransactionStatus,
    /// How many operations are staged.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub operations: u64,
    /// When it expires if not committed.
    #[serde(rename = "expiresAt", default)]
    pub expires_at: Option<Timestamp>,
    /// Creation time.
    #[serde(rename = "$createdAt", default)]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(rename = "$updatedAt", default)]
    pub updated_at: Option<Timestamp>,
}

fn pending() -> TransactionStatus {
    TransactionStatus::Pending
}

/// A page of transactions.
///
/// ```
/// let list: lazy_appwrite::response::TransactionList =
///     serde_json::from_str(r#"{"total":0,"transactions":[]}"#)?;
/// assert!(list.transactions.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TransactionList {
    /// How many transactions match.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub total: u64,
    /// This page.
    #[serde(default, deserialize_with = "nullable")]
    pub transactions: Vec<TransactionInfo>,
}
