//! How Appwrite 1.8.1 words the answers that 1.9.6 words differently: its not-found and
//! already-exists messages name no ID, and its missing row data ends without a period.

use crate::error::ErrorType;

/// 1.8.1's message for an error of `kind` that names no ID, if 1.8.1 words `kind` so.
pub fn unnamed(kind: ErrorType) -> Option<&'static str> {
    Some(match kind {
        ErrorType::DatabaseNotFound => "Database not found",
        ErrorType::DatabaseAlreadyExists => "Database already exists",
        ErrorType::TableNotFound => "Table with the requested ID could not be found.",
        ErrorType::TableAlreadyExists => {
            "A table with the requested ID already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
        }
        ErrorType::RowNotFound => "Row with the requested ID could not be found.",
        ErrorType::RowAlreadyExists => {
            "Row with the requested ID already exists. Try again with a different ID or use ID.unique() to generate a unique ID."
        }
        ErrorType::ColumnNotFound => "Column with the requested ID could not be found.",
        ErrorType::ColumnAlreadyExists => {
            "Column with the requested key already exists. Column keys must be unique, try again with a different key."
        }
        ErrorType::ColumnIndexNotFound => "Index with the requested ID could not be found.",
        ErrorType::ColumnIndexAlreadyExists => {
            "Index with the requested key already exists. Try again with a different key."
        }
        ErrorType::TransactionNotFound => "Transaction with the requested ID could not be found.",
        ErrorType::CollectionNotFound => "Collection with the requested ID could not be found.",
        ErrorType::DocumentNotFound => "Document with the requested ID could not be found.",
        _ => return None,
    })
}

/// 1.8.1's missing row data, without 1.9.6's closing period.
pub const ROW_DATA_MISSING: &str = "The row data is missing. Try again with row data populated";
