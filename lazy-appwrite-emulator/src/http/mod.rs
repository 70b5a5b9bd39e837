//! Turning HTTP requests into Appwrite parameters and callers, and answers into responses.

pub mod auth;
pub mod body;
pub mod ids;
pub mod jwt;
pub mod page;
pub mod params;
pub mod rate_limit;
pub mod reads;
pub mod reply;
pub mod writes;

use crate::error::ApiResult;
use crate::store::Tx;

/// An endpoint: runs inside one storage transaction, as the caller of `Context`, with the
/// request's parameters and its path IDs, already checked by the route's spec.
pub type Endpoint = fn(
    &mut Tx<'_>,
    &auth::Context,
    &params::Params,
    &ids::CheckedRequest,
) -> ApiResult<reply::Reply>;
