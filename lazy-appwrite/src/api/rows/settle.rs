//! Settling a write whose answer was lost, with one read of its row: the write carries its
//! own identity (the row ID, and the values sent), so the row shows whether it is in
//! effect. Only what the read proves changes the answer; anything else leaves the error,
//! and its `Unknown` outcome, as it was.
//!
//! A write awaits these boxed: they run only after a failure, and boxed, their futures
//! (a whole read each) are not part of every write's future.

use serde::de::DeserializeOwned;

use super::Rows;
use crate::api::same_data::same_data;
use crate::error::{Error, Result};
use crate::outcome::WriteOutcome;
use crate::response::Row;
use crate::transport::{Call, Reply, decode_json};

/// What one read of a written row shows.
pub(super) enum ReadBack<'a> {
    /// The row is stored with the data sent.
    Ours(Reply<'a>),
    /// A row with other data holds the ID.
    Other,
    /// No row has the ID.
    Absent,
    /// The read failed.
    Unread,
}

/// One read of row `id`, as every settling read makes it.
async fn read_row<'a, T>(api: &'a Rows<T>, id: &str) -> Result<Reply<'a>> {
    Call::get("rows.get", api.row_path(id))
        .table(&api.table_id)
        .execute(&api.client)
        .await
}

/// Reads row `id` once and compares it with the `data` a write sent.
pub(super) async fn read_back<'a, T>(api: &'a Rows<T>, id: &str, data: &[u8]) -> ReadBack<'a> {
    match read_row(api, id).await {
        Ok(stored) if same_data(data, &stored.body) => ReadBack::Ours(stored),
        Ok(_) => ReadBack::Other,
        Err(Error::NotFound { .. }) => ReadBack::Absent,
        Err(_) => ReadBack::Unread,
    }
}

/// Settles a create whose outcome is unknown with one read of its row: stored with this
/// data, it succeeded; absent, it was not applied (unless the last attempt timed out: a
/// stalled request may still be carried out); else it stays unknown.
pub(super) async fn created<T: DeserializeOwned>(
    api: &Rows<T>,
    id: &str,
    data: &[u8],
    error: Error,
) -> Result<Row<T>> {
    match read_back(api, id, data).await {
        ReadBack::Ours(stored) => {
            tracing::warn!(
                table = %api.table_id,
                row = %id,
                error = %error,
                "a create's answer was lost; reading the row back shows it was stored"
            );
            decode_json(&stored, "rows.create", api.table())
        }
        ReadBack::Absent if !matches!(error, Error::Timeout { .. }) => {
            tracing::warn!(
                table = %api.table_id,
                row = %id,
                error = %error,
                "a create's answer was lost; reading the row back shows it was not stored"
            );
            Err(error.with_outcome(WriteOutcome::NotApplied))
        }
        _ => Err(error),
    }
}

/// Settles an update or upsert whose outcome is unknown: a row holding every value sent is
/// the write in effect, and the write succeeds with that row. A row with other values, or
/// none, proves nothing (another writer may have changed or deleted it since), so the
/// error stays.
pub(super) async fn in_effect<T: DeserializeOwned>(
    api: &Rows<T>,
    id: &str,
    data: &[u8],
    operation: &'static str,
    error: Error,
) -> Result<Row<T>> {
    match read_back(api, id, data).await {
        ReadBack::Ours(stored) => {
            tracing::warn!(
                table = %api.table_id,
                row = %id,
                error = %error,
                "{operation}: the answer was lost; reading the row back shows the write in effect"
            );
            decode_json(&stored, operation, api.table())
        }
        _ => Err(error),
    }
}

/// Settles a delete whose outcome is unknown: a row that is gone is deleted (as a retry
/// answered `404` would say); a row still there leaves the error as it was, since a
/// stalled request may still be carried out.
pub(super) async fn deleted<T>(api: &Rows<T>, id: &str, error: Error) -> Result<()> {
    match read_row(api, id).await {
        Err(Error::NotFound { .. }) => {
            tracing::warn!(
                table = %api.table_id,
                row = %id,
                error = %error,
                "rows.delete: the answer was lost; reading the row back shows it gone"
            );
            Ok(())
        }
        _ => Err(error),
    }
}
