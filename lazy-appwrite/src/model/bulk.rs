//! Bulk writes through a model: many rows per request, in batches the server accepts.
//!
//! - [`Model::create_many`] and [`Model::upsert_many`] take rows you hold (a `Vec`, a
//!   slice, an iterator of references): **every row is validated before anything is
//!   sent**, so bad input sends nothing, and the error names the table, the column and the
//!   row's index. The rows come back typed, or just their number with `.count_only()`.
//! - [`Model::create_stream`] and [`Model::create_iter`] write rows as they come from a
//!   [`Stream`] or an iterator with bounded memory: at most one batch being filled and
//!   `concurrency` batches in flight, whatever the input's length; the answer is the number
//!   of rows written.
//! - [`Model::update_many`] and [`Model::delete_many`] change or delete every row a typed
//!   filter matches, in one request.
//!
//! The writes of rows are one builder, [`BulkWrite`]: its rows ([`BulkRows`]) say whether
//! they are created or upserted and when they are checked; the batching, the permissions
//! and what `.await` gives are its own, the same for all of them.
//!
//! A batch is at most [`MAX_BATCH_ROWS`] rows (`.batch_size(n)` for fewer) and is
//! all-or-nothing on the server. Each created row gets a client-made ID ([`ID::unique`],
//! or yours with `.id_with(…)`), so a batch is retried safely after a timeout or a 5xx: a
//! retry that meets 409 reads the rows back and succeeds if they are the ones sent. When a
//! batch fails, the [`BulkError`] says how many rows the batches before it stored and which
//! input rows were not written. Appwrite refuses bulk writes on tables with relationship
//! columns; that is refused here before anything is sent.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = lazy_appwrite_emulator::Emulator::builder()
//! #     .processing_delay(std::time::Duration::ZERO).start().await?;
//! # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
//! #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
//! use lazy_appwrite::{Model, Table};
//!
//! #[derive(Table, serde::Serialize, serde::Deserialize, Clone)]
//! #[table(id = "readings")]
//! struct Reading {
//!     #[column(size = 16)]
//!     sensor: String,
//!     value: i64,
//! }
//!
//! let readings: Vec<Reading> =
//!     (0..250).map(|i| Reading { sensor: format!("s{}", i % 5), value: i }).collect();
//! // 250 rows: three requests of 100, 100 and 50 rows.
//! let rows = Reading::create_many(&client, &readings).await?;
//! assert_eq!((rows.len(), rows[249].value), (250, 249));
//!
//! let c = Reading::columns();
//! let changed = Reading::update_many(&client, c.sensor.equal("s0"), Reading::patch().value(0)).await?;
//! assert_eq!(changed, 50);
//! let deleted = Reading::delete_many(&client, c.value.gte(200)).await?;
//! assert_eq!(deleted, 40);
//!
//! // A stream of 1 000 rows, written 100 at a time, two requests in flight.
//! let written = Reading::create_iter(&client, (0..1000).map(|i| Reading { sensor: "t".into(), value: i }))
//!     .concurrency(2)
//!     .await?;
//! assert_eq!(written, 1000);
//! # Ok(()) }
//! ```

mod by_query;
mod check;
mod engine;
mod error;
mod rows;
mod write;

pub use by_query::{DeleteMany, UpdateMany};
pub use engine::FromIter;
pub use error::BulkError;
pub use rows::{BulkRows, NewRows, RowsById, Streamed};
pub use write::{BulkWrite, CreateMany, CreateStream, UpsertMany};

use std::future::Future;
use std::pin::Pin;

use crate::error::Result;
use crate::schema::Table;

use check::invalid;

/// The most rows Appwrite accepts in one bulk request, and the default
/// batch size of every bulk write.
///
/// ```
/// assert_eq!(lazy_appwrite::model::MAX_BATCH_ROWS, 100);
/// ```
pub const MAX_BATCH_ROWS: usize = 100;

/// The future of a bulk write: `Send`, so it can be spawned.
pub type BulkFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BulkError>> + Send + 'a>>;

/// Batch size and concurrency, checked when the write starts.
#[derive(Debug, Clone, Copy)]
struct Batching {
    batch_size: usize,
    concurrency: usize,
}

impl Default for Batching {
    fn default() -> Self {
        Self {
            batch_size: MAX_BATCH_ROWS,
            concurrency: 1,
        }
    }
}

impl Batching {
    fn check<T: Table>(self) -> Result<Self> {
        if !(1..=MAX_BATCH_ROWS).contains(&self.batch_size) {
            return Err(invalid::<T>(
                None,
                format!(
                    "a batch holds 1 to {MAX_BATCH_ROWS} rows (Appwrite's limit), not {}",
                    self.batch_size
                ),
            ));
        }
        if self.concurrency == 0 {
            return Err(invalid::<T>(
                None,
                "the concurrency of a bulk write must be at least 1".into(),
            ));
        }
        Ok(self)
    }
}

/// A row ID made from the row's index and the row.
type IdFn<'a, T> = Box<dyn FnMut(u64, &T) -> String + Send + 'a>;

/// Marks a bulk builder that returns the written rows.
#[derive(Debug, Clone, Copy)]
pub struct KeepRows;

/// Marks a bulk builder that returns only how many rows were written (`.count_only()`).
#[derive(Debug, Clone, Copy)]
pub struct CountOnly;
