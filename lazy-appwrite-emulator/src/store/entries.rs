//! Status changes and removals of column and index catalogue entries: what the emulated
//! worker ([`super::lifecycle`]) writes, and the endpoints through [`super::catalog`].

use rusqlite::params;

use super::Tx;
use crate::error::{ApiError, ApiResult};
use crate::schema::{IndexSpec, Status};
use crate::validate::datetime::now;

/// Moves a column to `status`, with the pending-change time the status needs.
pub fn mark_column(
    tx: &mut Tx<'_>,
    seq: i64,
    status: Status,
    error: &str,
    ready_at: Option<i64>,
) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _columns SET status = ?1, error = ?2, ready_at = ?3, updated = ?4 WHERE seq = ?5",
        params![status.as_str(), error, ready_at, now(), seq],
    )?;
    tx.schema_changed();
    Ok(())
}

/// Replaces an index's definition.
pub fn update_index(tx: &mut Tx<'_>, seq: i64, spec: &IndexSpec) -> ApiResult<()> {
    let spec_json = serde_json::to_string(spec).map_err(ApiError::internal)?;
    tx.sql.execute(
        "UPDATE _indexes SET spec = ?1, updated = ?2 WHERE seq = ?3",
        params![spec_json, now(), seq],
    )?;
    tx.schema_changed();
    Ok(())
}

/// Moves an index to `status`.
pub fn mark_index(
    tx: &mut Tx<'_>,
    seq: i64,
    status: Status,
    error: &str,
    ready_at: Option<i64>,
) -> ApiResult<()> {
    tx.sql.execute(
        "UPDATE _indexes SET status = ?1, error = ?2, ready_at = ?3, updated = ?4 WHERE seq = ?5",
        params![status.as_str(), error, ready_at, now(), seq],
    )?;
    tx.schema_changed();
    Ok(())
}

/// Removes a column's catalogue entry.
pub fn remove_column(tx: &mut Tx<'_>, seq: i64) -> ApiResult<()> {
    tx.sql
        .execute("DELETE FROM _columns WHERE seq = ?1", [seq])?;
    tx.schema_changed();
    Ok(())
}

/// Removes an index's catalogue entry.
pub fn remove_index(tx: &mut Tx<'_>, seq: i64) -> ApiResult<()> {
    tx.sql
        .execute("DELETE FROM _indexes WHERE seq = ?1", [seq])?;
    tx.schema_changed();
    Ok(())
}
