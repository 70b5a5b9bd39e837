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
pub mod request;
pub mod spec;
pub mod writes;

use crate::error::ApiResult;
use crate::store::Tx;

/// An endpoint: runs inside one storage transaction, as the caller of `Context`, with the
/// request checked by the route's spec (its IDs, read parameters, row-write body and
/// declared body parameters, and its raw parameters for the rest).
pub type Endpoint =
    fn(&mut Tx<'_>, &auth::Context, &request::CheckedRequest<'_>) -> ApiResult<reply::Reply>;
