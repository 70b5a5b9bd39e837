//! Decoding a 2xx body straight into the caller's type, with the failing field's path.

use serde::de::DeserializeOwned;

use super::Reply;
use crate::WriteOutcome;
use crate::error::{Error, Result};
use crate::response::decode_slice;

/// Decodes `reply`'s JSON body into `T`. A failure names the operation, the table and the
/// field path (`rows[2].count`); a success never pays for the path tracking.
pub(crate) fn decode_json<T: DeserializeOwned>(
    reply: &Reply<'_>,
    operation: &'static str,
    table: Option<&str>,
) -> Result<T> {
    decode_slice(&reply.body, operation, table).map_err(|e| match e {
        Error::Decode {
            operation,
            table,
            path,
            reason,
            row,
            ..
        } => Error::Decode {
            operation,
            table,
            path: reply.owner.redact(&path),
            reason: reply.owner.redact(&reason),
            // The answer was a 2xx: a write it answers was stored.
            outcome: reply.writes.then_some(WriteOutcome::Applied),
            row,
        },
        other => other,
    })
}
