//! The batch engine of bulk writes: pulls rows from a source, fills a batch, sends up to
//! `concurrency` batches at a time, and stops pulling at the first failure. Rows are taken
//! only while a batch can be sent, so it holds at most `batch_size × concurrency` rows.

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::{Batching, BulkError};
use crate::api::Rows;
use crate::api::rows::{BulkAnswer, RowInput};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::model::run::with_table;
use crate::response::{Row, RowCount, RowList};

/// Create (`POST …/rows` with `rows`) or upsert (`PUT …/rows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Creates each row; a retried batch that meets 409 reads its rows back.
    Create,
    /// Creates or replaces each row under its ID.
    Upsert,
}

impl Write {
    /// The write's verb in errors (`bulk create`).
    pub(super) fn verb(self) -> &'static str {
        match self {
            Write::Create => "create",
            Write::Upsert => "upsert",
        }
    }

    /// The operation's name in errors.
    fn operation(self) -> &'static str {
        match self {
            Write::Create => "rows.create_many",
            Write::Upsert => "rows.upsert_many",
        }
    }
}

/// What one batch got back: how many rows the server reports written, and the rows when
/// they are kept.
struct BatchDone<T> {
    count: u64,
    rows: Vec<Row<T>>,
}

type BatchFuture<'a, T> = Pin<Box<dyn Future<Output = Result<BatchDone<T>>> + Send + 'a>>;

/// Sends one batch of `inputs` to `rows`; the answer is decoded as `A`: the rows written,
/// or only the `total` the server reports.
async fn send_to<T: DeserializeOwned, A: BulkAnswer>(
    rows: Rows<T>,
    write: Write,
    inputs: &[RowInput],
) -> Result<A> {
    let inputs = inputs.iter().cloned();
    match write {
        Write::Create => {
            let request = rows.create_many(inputs);
            request.retry_with_read_back().run_as().await
        }
        Write::Upsert => rows.upsert_many(inputs).run_as().await,
    }
}

/// Sends one batch through [`with_table`]; without `keep`, the rows in the answer are
/// skipped, not decoded.
fn send_batch<'a, T: Model>(
    client: &'a Client,
    write: Write,
    keep: bool,
    inputs: Vec<RowInput>,
) -> BatchFuture<'a, T> {
    Box::pin(async move {
        let inputs = inputs.as_slice();
        let (total, rows) = if keep {
            let list = with_table::<T, _, _, _>(client, write.operation(), |rows| {
                send_to::<T, RowList<T>>(rows, write, inputs)
            });
            let list = list.await?;
            (list.total, list.rows)
        } else {
            let count = with_table::<T, _, _, _>(client, write.operation(), |rows| {
                send_to::<T, RowCount>(rows, write, inputs)
            });
            (count.await?.total, Vec::new())
        };
        let count = match write {
            // A batch is all-or-nothing: every row was created.
            Write::Create => inputs.len() as u64,
            // Only the rows that changed are counted.
            Write::Upsert => total,
        };
        Ok(BatchDone { count, rows })
    })
}

struct InFlight<'a, T> {
    rows: Range<u64>,
    future: BatchFuture<'a, T>,
}

/// One bulk write in progress.
pub(super) struct Engine<'a, T, S, P> {
    client: &'a Client,
    write: Write,
    keep: bool,
    batching: Batching,
    source: Pin<Box<S>>,
    prepare: P,
    source_done: bool,
    /// Rows taken from the source so far (the next row's index).
    pulled: u64,
    /// The batch being filled, and the index of its first row.
    buffer: Vec<RowInput>,
    buffer_start: u64,
    in_flight: Vec<InFlight<'a, T>>,
    /// Finished batches' rows, by their first row's index (kept rows only).
    finished: Vec<(u64, Vec<Row<T>>)>,
    /// Rows the server reports written.
    count: u64,
    /// Rows of the batches that succeeded.
    written: u64,
    failure: Option<(Error, Range<u64>)>,
}

/// What a finished bulk write returns: the server's count and, if kept, the rows in input
/// order.
pub(super) struct Outcome<T> {
    pub(super) count: u64,
    pub(super) rows: Vec<Row<T>>,
}

impl<'a, T, S, P> Engine<'a, T, S, P>
where
    T: Model,
    S: Stream,
    P: FnMut(u64, S::Item) -> Result<RowInput>,
{
    pub(super) fn new(
        client: &'a Client,
        write: Write,
        keep: bool,
        batching: Batching,
        source: S,
        prepare: P,
    ) -> Self {
        Self {
            client,
            write,
            keep,
            batching,
            source: Box::pin(source),
            prepare,
            source_done: false,
            pulled: 0,
            buffer: Vec::new(),
            buffer_start: 0,
            in_flight: Vec::new(),
            finished: Vec::new(),
            count: 0,
            written: 0,
            failure: None,
        }
    }

    pub(super) async fn run(mut self) -> Result<Outcome<T>, BulkError> {
        std::future::poll_fn(|cx| self.poll_run(cx)).await;
        match self.failure {
            Some((error, rows)) => Err(BulkError::of_batch(self.written, rows, error)),
            None => {
                self.finished.sort_by_key(|(start, _)| *start);
                let rows = self
                    .finished
                    .into_iter()
                    .flat_map(|(_, rows)| rows)
                    .collect();
                Ok(Outcome {
                    count: self.count,
                    rows,
                })
            }
        }
    }

    /// Sends the buffered rows as one batch.
    fn launch(&mut self) {
        let inputs = std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(self.batching.batch_size),
        );
        let rows = self.buffer_start..self.pulled;
        self.buffer_start = self.pulled;
        let future = send_batch::<T>(self.client, self.write, self.keep, inputs);
        self.in_flight.push(InFlight { rows, future });
    }

    fn poll_run(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            // Collect the batches that finished.
            let mut i = 0;
            while i < self.in_flight.len() {
                let Poll::Ready(result) = self.in_flight[i].future.as_mut().poll(cx) else {
                    i += 1;
                    continue;
                };
                let done = self.in_flight.swap_remove(i);
                match result {
                    Ok(batch) => {
                        self.written += done.rows.end - done.rows.start;
                        self.count += batch.count;
                        if self.keep {
                            self.finished.push((done.rows.start, batch.rows));
                        }
                    }
                    Err(error) => {
                        let first = self.failure.as_ref().map(|(_, r)| r.start);
                        if first.is_none_or(|start| done.rows.start < start) {
                            self.failure = Some((error, done.rows));
                        }
                    }
                }
            }
            // Fill and send batches while there is room.
            let mut launched = false;
            while self.failure.is_none()
                && !self.source_done
                && self.in_flight.len() < self.batching.concurrency
            {
                match self.source.as_mut().poll_next(cx) {
                    Poll::Ready(Some(item)) => {
                        let index = self.pulled;
                        self.pulled += 1;
                        match (self.prepare)(index, item) {
                            Ok(input) => {
                                self.buffer.push(input);
                                if self.buffer.len() == self.batching.batch_size {
                                    self.launch();
                                    launched = true;
                                }
                            }
                            Err(error) => {
                                self.buffer.clear();
                                self.failure = Some((error, self.buffer_start..self.pulled));
                            }
                        }
                    }
                    Poll::Ready(None) => {
                        self.source_done = true;
                        if !self.buffer.is_empty() {
                            self.launch();
                            launched = true;
                        }
                    }
                    Poll::Pending => break,
                }
            }
            if launched {
                // New batches must be polled once to be woken later.
                continue;
            }
            let stopped = self.source_done || self.failure.is_some();
            return if stopped && self.in_flight.is_empty() {
                Poll::Ready(())
            } else {
                Poll::Pending
            };
        }
    }
}

/// An iterator as a [`Stream`] whose items are always ready; from [`Model::create_iter`].
///
/// ```
/// use lazy_appwrite::model::FromIter;
/// let stream = FromIter::new(0..3);
/// # let _ = stream;
/// ```
#[derive(Debug, Clone)]
pub struct FromIter<I>(I);

impl<I> FromIter<I> {
    /// The stream of `iter`'s items.
    pub fn new(iter: I) -> Self {
        Self(iter)
    }
}

// The iterator is never pinned in place: `poll_next` only calls `next`.
impl<I> Unpin for FromIter<I> {}

impl<I: Iterator> Stream for FromIter<I> {
    type Item = I::Item;

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.get_mut().0.next())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}
