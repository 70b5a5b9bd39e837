//! Talking HTTP to Appwrite: building requests, sending them with retries, decoding answers.
//!
//! The API layer (`api`) describes each operation as a [`Call`] (method, path,
//! query string, JSON body, retry class, operation name, table) and hands it to
//! `Client::execute`. Nothing here knows about databases or rows.

pub(crate) mod body;
mod call;
mod decode;
mod path;
mod query_string;
mod response_error;
mod retry;
mod send;

pub(crate) use body::JsonObject;
pub(crate) use call::{Call, Outcome, Reply};
pub(crate) use decode::decode_json;
pub(crate) use path::ApiPath;
pub(crate) use query_string::QueryString;
pub(crate) use retry::RetryClass;
