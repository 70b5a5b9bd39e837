//! Telling a unique-index clash from a taken row ID, and naming the index from what the
//! model declares.
//!
//! Appwrite 2.0 and later answer a clash with `409 row_unique_constraint_violation`.
//! Earlier servers (1.8.1 and 1.9.6 were checked) answer `409 row_already_exists`, the
//! same as for a taken row ID, on creates and on updates alike. The transport maps the
//! update and upsert cases (a write of one named row cannot take an ID); a create reads its
//! ID back here to tell the two apart.

use serde::de::IgnoredAny;

use crate::api::Rows;
use crate::error::{AppwriteErrorType, Error};
use crate::schema::{IndexKind, Table};

/// `error`, with the unique index named when it is a [`Error::UniqueViolation`] that does
/// not name one and the model declares exactly one unique index.
pub(crate) fn name_index<T: Table>(error: Error) -> Error {
    let Error::UniqueViolation {
        answer,
        index: None,
        ..
    } = error
    else {
        return error;
    };
    let mut unique = T::SCHEMA
        .indexes
        .iter()
        .filter(|i| i.kind == IndexKind::Unique);
    let (index, columns) = match (unique.next(), unique.next()) {
        (Some(only), None) => (Some(only.key), only.columns),
        _ => (None, &[][..]),
    };
    Error::UniqueViolation {
        answer,
        index,
        columns,
    }
}

/// A create's `409 row_already_exists`: a [`Error::UniqueViolation`] when no row has the
/// ID (one read to find out), else the conflict as it was (the ID is taken).
pub(crate) async fn tell_create_conflict<T: Table, U>(
    rows: &Rows<U>,
    id: &str,
    error: Error,
) -> Error {
    let Error::Conflict { answer } = error else {
        return error;
    };
    if answer.kind != AppwriteErrorType::RowAlreadyExists {
        return Error::Conflict { answer };
    }
    match rows.typed::<IgnoredAny>().get(id).run().await {
        Err(Error::NotFound { .. }) => name_index::<T>(Error::unique_violation(answer)),
        _ => Error::Conflict { answer },
    }
}
