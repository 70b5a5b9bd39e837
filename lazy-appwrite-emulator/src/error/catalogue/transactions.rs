//! Transactions and their operations.

use super::general::bad_request;
use crate::error::{ApiError, ErrorType};

/// `404 transaction_not_found`.
pub fn transaction_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotFound,
        format!("Transaction with the requested ID '{id}' could not be found."),
    )
}

/// `400 transaction_not_ready`.
pub fn transaction_not_ready() -> ApiError {
    ApiError::new(
        ErrorType::TransactionNotReady,
        "The transaction is not ready yet. Please try again later.",
    )
}

/// `410 transaction_expired`.
pub fn transaction_expired() -> ApiError {
    ApiError::new(
        ErrorType::TransactionExpired,
        "The transaction has expired. Please create a new transaction and try again.",
    )
}

/// `409 transaction_conflict`.
pub fn transaction_conflict() -> ApiError {
    ApiError::new(
        ErrorType::TransactionConflict,
        "The transaction has a conflict. Please resolve the conflict and try again.",
    )
}

/// `400 general_bad_request` of the increment/decrement, bulk and operations endpoints
/// (Appwrite writes a non-breaking hyphen).
pub fn transaction_not_pending() -> ApiError {
    bad_request("Invalid or non\u{2011}pending transaction")
}

/// `400 transaction_limit_exceeded`: `adding` operations would pass `max`.
pub fn transaction_limit(existing: i64, adding: i64, max: i64) -> ApiError {
    ApiError::new(
        ErrorType::TransactionLimitExceeded,
        format!(
            "Transaction already has {existing} operations, adding {adding} would exceed the maximum of {max}"
        ),
    )
}

/// `404 document_not_found` (the legacy type `createOperations` answers with).
pub fn document_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::DocumentNotFound,
        format!("Document with the requested ID '{id}' could not be found."),
    )
}

/// `404 collection_not_found` (the legacy type `createOperations` answers with).
pub fn collection_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorType::CollectionNotFound,
        format!("Collection with the requested ID '{id}' could not be found."),
    )
}

/// `400 general_bad_request`: a bulk operation in `createOperations` on a table with
/// relationships.
pub fn operations_with_relationships() -> ApiError {
    bad_request("Bulk operations are not supported for tableId with relationship attributes")
}

/// `400 document_invalid_structure`: a commit's structure error, in the legacy type.
pub fn document_invalid_structure(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::DocumentInvalidStructure, message)
}

/// `400 attribute_limit_exceeded`: a committed counter past its bound.
pub fn attribute_limit(bound_word: &str, bound: &str) -> ApiError {
    ApiError::new(
        ErrorType::AttributeLimitExceeded,
        format!("Attribute value exceeds {bound_word} limit: {bound}"),
    )
}

/// `400 general_bad_request`: a transaction update with neither `commit` nor `rollback`.
pub fn commit_or_rollback() -> ApiError {
    bad_request("Either commit or rollback must be true")
}

/// `400 general_bad_request`: a transaction update with both `commit` and `rollback`.
pub fn commit_and_rollback() -> ApiError {
    bad_request("Cannot commit and rollback at the same time")
}

/// `400 general_bad_request`: `createOperations` with no operations.
pub fn operations_empty() -> ApiError {
    bad_request("Operations array cannot be empty")
}
