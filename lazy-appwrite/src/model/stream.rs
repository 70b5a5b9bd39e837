//! [`RowStream`]: every row matching a query, page by page with cursor pagination.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::Model;
use super::run::read_table;
use crate::client::Client;
use crate::error::Result;
use crate::query::Query;
use crate::response::{Row, RowList};
use crate::typed::ListQuery;

/// The rows of one page, on their way.
type PageFuture<T> = Pin<Box<dyn Future<Output = Result<RowList<T>>> + Send>>;

/// Every row of model `T` matching a query, fetched a page at a time (100 rows by
/// default) with `cursorAfter`, so a long walk neither skips nor repeats rows the way
/// offsets do when rows are added meanwhile. From [`Model::stream`].
///
/// Read it with [`RowStream::next`], or as a [`futures_core::Stream`] (with
/// `futures::StreamExt` or `tokio-stream`). Pages are requested only as rows are read,
/// without counting (`total=false`). The query's filters, orders and selection apply;
/// leave limits, offsets and cursors out of it. A failed page ends the stream after its
/// error. The stream owns a clone of the client, so it can be moved into a task.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "events")]
/// struct Event { n: i64 }
///
/// for n in 0..7 {
///     Event::create(&client, &Event { n }).await?;
/// }
/// let mut events = Event::stream(&client, Event::filter(|c| c.n.gte(2))).page_size(2);
/// let mut seen = Vec::new();
/// while let Some(row) = events.next().await {
///     seen.push(row?.n);
/// }
/// assert_eq!(seen, [2, 3, 4, 5, 6]);
/// # Ok(()) }
/// ```
#[must_use = "a stream does nothing until it is read"]
pub struct RowStream<T> {
    client: Client,
    queries: Vec<Query>,
    page_size: u64,
    buffer: VecDeque<Row<T>>,
    cursor: Option<String>,
    done: bool,
    page: Option<PageFuture<T>>,
}

// No field is pinned in place: the page future is boxed.
impl<T> Unpin for RowStream<T> {}

impl<T> fmt::Debug for RowStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowStream")
            .field("table", &std::any::type_name::<T>())
            .field("page_size", &self.page_size)
            .field("buffered", &self.buffer.len())
            .field("cursor", &self.cursor)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T: Model> RowStream<T> {
    pub(super) fn new(client: &Client, query: ListQuery<T>) -> Self {
        Self {
            client: client.clone(),
            queries: query.into_queries(),
            page_size: 100,
            buffer: VecDeque::new(),
            cursor: None,
            done: false,
            page: None,
        }
    }

    /// Rows per request (default 100, at least 1).
    pub fn page_size(mut self, rows: u64) -> Self {
        self.page_size = rows.max(1);
        self
    }

    /// The next row, `None` at the end.
    pub async fn next(&mut self) -> Option<Result<Row<T>>> {
        std::future::poll_fn(|cx| self.poll_row(cx)).await
    }

    /// Reads the rest of the stream into a vector, stopping at the first error.
    ///
    /// ```no_run
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "events", database = "main")]
    /// # struct Event { n: i64 }
    /// # async fn demo(client: lazy_appwrite::Client) -> lazy_appwrite::Result<()> {
    /// use lazy_appwrite::{Model, Table};
    /// let all = Event::stream(&client, Event::query()).collect_all().await?;
    /// # Ok(()) }
    /// ```
    pub async fn collect_all(mut self) -> Result<Vec<Row<T>>> {
        let mut out = Vec::new();
        while let Some(row) = self.next().await {
            out.push(row?);
        }
        Ok(out)
    }

    fn fetch(&self) -> PageFuture<T> {
        let client = self.client.clone();
        let mut queries = self.queries.clone();
        queries.push(Query::limit(self.page_size));
        if let Some(cursor) = &self.cursor {
            queries.push(Query::cursor_after(cursor.clone()));
        }
        Box::pin(async move {
            let queries = &queries;
            read_table::<T, _, _, _>(&client, "rows.list", |rows| async move {
                rows.list()
                    .queries(queries.iter().cloned())
                    .total(false)
                    .run()
                    .await
            })
            .await
        })
    }

    fn poll_row(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Row<T>>>> {
        loop {
            if let Some(row) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(row)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            let page = match &mut self.page {
                Some(page) => page,
                None => self.page.insert(self.fetch()),
            };
            let result = match page.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            self.page = None;
            match result {
                Err(e) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(list) => {
                    if (list.rows.len() as u64) < self.page_size {
                        self.done = true;
                    }
                    match list.rows.last() {
                        Some(last) => self.cursor = Some(last.id.clone()),
                        None => self.done = true,
                    }
                    self.buffer.extend(list.rows);
                }
            }
        }
    }
}

impl<T: Model> futures_core::Stream for RowStream<T> {
    type Item = Result<Row<T>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_row(cx)
    }
}
