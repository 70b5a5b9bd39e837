//! The checks every bulk write makes before anything is sent: rows, IDs and tables.

use std::collections::HashSet;

use crate::api::rows::RowInput;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::permission::Permission;
use crate::schema::Table;

/// A [`Validation`](Error::Validation) error of table `T`.
pub(super) fn invalid<T: Table>(column: Option<&str>, reason: String) -> Error {
    Error::Validation {
        table: Some(T::ID.to_owned()),
        column: column.map(str::to_owned),
        reason,
    }
}

/// Appwrite refuses bulk writes on tables with relationship columns (400): say so first.
pub(super) fn refuse_relationships<T: Table>(what: &str) -> Result<()> {
    let related: Vec<&str> = T::SCHEMA
        .columns
        .iter()
        .filter(|c| c.is_relationship())
        .map(|c| c.key)
        .collect();
    match related.first() {
        None => Ok(()),
        Some(first) => Err(invalid::<T>(
            Some(first),
            format!(
                "Appwrite refuses bulk {what} on a table with relationship columns (`{}`): \
                 write its rows one at a time",
                related.join("`, `")
            ),
        )),
    }
}

/// The error of row `index`, naming it.
pub(super) fn at_row(index: u64, error: Error) -> Error {
    match error {
        Error::Validation {
            table,
            column,
            reason,
        } => Error::Validation {
            table,
            column,
            reason: format!("row {index}: {reason}"),
        },
        other => other,
    }
}

/// Checks a row and its ID, and writes it as a bulk row.
pub(super) fn bulk_row<T: Table + serde::Serialize>(
    index: u64,
    row: &T,
    id: String,
    permissions: Option<&Vec<Permission>>,
    validate: bool,
) -> Result<RowInput> {
    if validate {
        row.validate().map_err(|e| at_row(index, e))?;
        check_id::<T>(index, &id)?;
    }
    let mut input = RowInput::with_id(id, row);
    if let Some(reason) = input.data_error() {
        return Err(invalid::<T>(None, format!("row {index}: {reason}")));
    }
    if let Some(p) = permissions {
        input = input.permissions(p.iter().cloned());
    }
    Ok(input)
}

/// A row ID must be a valid custom ID (not `unique()`: a server-made ID cannot be retried).
pub(super) fn check_id<T: Table>(index: u64, id: &str) -> Result<()> {
    ID::validate(id).map_err(|e| match e {
        Error::Validation { reason, .. } => {
            invalid::<T>(None, format!("row {index}: ID `{id}`: {reason}"))
        }
        other => other,
    })
}

/// Refuses two rows with the same ID (IDs compare without case, as on Appwrite's MariaDB).
pub(super) fn check_unique_ids<'i, T: Table>(ids: impl IntoIterator<Item = &'i str>) -> Result<()> {
    let mut seen = HashSet::new();
    for (index, id) in ids.into_iter().enumerate() {
        if !seen.insert(id.to_ascii_lowercase()) {
            return Err(invalid::<T>(
                None,
                format!("row {index}: ID `{id}` is used by an earlier row of the same write"),
            ));
        }
    }
    Ok(())
}
