//! The whole TablesDB surface as a typed low-level API.
//!
//! Each group is a cheap handle from the [`crate::Client`]: [`Databases`], [`Tables`],
//! [`Columns`], [`Indexes`], [`Rows`] and [`Transactions`]. Operations without optional
//! parameters are plain `async fn`s; the others return a request builder whose setters
//! fill the optional parameters and which performs the call when it is awaited:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
//! # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
//! #     .project(emulator.project()).api_key(emulator.key()).build()?;
//! use lazy_appwrite::Query;
//!
//! client.databases().create("shop", "Shop").enabled(true).await?;
//! let db = client.databases().get("shop").await?;
//! let page = client.databases().list().query(Query::limit(10)).await?;
//! assert_eq!(page.databases[0].id, db.id);
//! # Ok(()) }
//! ```
//!
//! Each operation decides how it may be retried (see [`crate::RetryPolicy`]) and counts
//! as one HTTP request, except a create with a client-made ID whose retry met 409: that
//! one reads the item back (one more request) to tell its own earlier success from a
//! real conflict.

/// The future of an awaited request builder or model operation: `Send`, so it can be
/// spawned.
pub type ApiFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Makes request builders awaitable: `.await` on one runs its `run`, boxed as an
/// [`ApiFuture`]. Each entry is `Builder => Output` or, for a builder of rows of `T`,
/// `Builder<T> => Output`.
macro_rules! awaitable {
    ($($builder:ident $(<$row:ident>)? => $output:ty;)*) => {$(
        impl<'a $(, $row: serde::de::DeserializeOwned + Send + 'a)?> std::future::IntoFuture
            for $builder<'a $(, $row)?>
        {
            type Output = $crate::Result<$output>;
            type IntoFuture = $crate::api::ApiFuture<'a, $output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.run())
            }
        }
    )*};
}
pub(crate) use awaitable;

pub mod columns;
mod databases;
pub mod indexes;
mod list;
pub mod rows;
mod same_data;
mod server_version;
mod tables;
pub mod transactions;

pub use columns::Columns;
pub use databases::{CreateDatabase, Databases, ListDatabases, UpdateDatabase};
pub use indexes::Indexes;
pub use rows::Rows;
pub use tables::{CreateTable, ListTables, Tables, UpdateTable};
pub use transactions::Transactions;

pub(crate) use server_version::{check_queries, require, server_version};

use std::future::Future;
use std::pin::Pin;

use crate::error::{Error, Result};
use crate::id::ID;
use crate::transport::RetryClass;

/// The literal that asks the server to generate an ID.
pub(crate) const SERVER_ID: &str = "unique()";

/// Checks an ID for a create call: `unique()` or a valid custom ID.
pub(crate) fn check_new_id(id: &str, table: Option<&str>) -> Result<()> {
    if id == SERVER_ID {
        return Ok(());
    }
    ID::validate(id).map_err(|e| match e {
        Error::Validation { reason, .. } => Error::Validation {
            table: table.map(str::to_owned),
            column: None,
            reason,
        },
        other => other,
    })
}

/// The retry class of a create: safe to repeat when the ID is ours, not when the server
/// makes it or the write is staged in a transaction.
pub(crate) fn create_class(id: &str, staged: bool) -> RetryClass {
    if id == SERVER_ID || staged {
        RetryClass::Unsafe
    } else {
        RetryClass::CreateWithId
    }
}

/// Whether serialized row data holds an update operator (a JSON string such as
/// `"{\"method\":\"increment\",…}"`); such writes are never repeated.
pub(crate) fn has_operator(json: &[u8]) -> bool {
    const NEEDLE: &str = r#"{\"method\":"#;
    // Serialized JSON is UTF-8, and `str::contains` skips ahead rather than comparing
    // at every byte.
    match std::str::from_utf8(json) {
        Ok(text) => text.contains(NEEDLE),
        Err(_) => json.windows(NEEDLE.len()).any(|w| w == NEEDLE.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_detected_in_serialized_data() {
        assert!(has_operator(
            br#"{"count":"{\"method\":\"increment\",\"values\":[1]}"}"#
        ));
        assert!(!has_operator(br#"{"title":"method","n":1}"#));
    }

    #[test]
    fn new_ids() {
        assert!(check_new_id("unique()", None).is_ok());
        assert!(check_new_id("a b", Some("t")).unwrap_err().table() == Some("t"));
        assert_eq!(create_class("abc", false), RetryClass::CreateWithId);
        assert_eq!(create_class("abc", true), RetryClass::Unsafe);
        assert_eq!(create_class(SERVER_ID, false), RetryClass::Unsafe);
    }
}
