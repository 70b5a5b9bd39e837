//! Running the steps of a [`Diff`], tolerating a concurrent process that
//! made them first (409 on create, 404 on delete), then waiting for them to settle.

use std::future::Future;
use std::pin::Pin;

use super::bounded::run_bounded;
use super::remote::{is_not_found, read_existing};
use super::step::{Diff, Request};
use super::wait::{Expect, Pending, Poller, pending};
use crate::api::columns::Described;
use crate::api::{Columns, Indexes, Tables};
use crate::client::Client;
use crate::error::{AppwriteErrorType, Error, Result};
use crate::indexes::Order;
use crate::response::{ColumnStatus, TableInfo};
use crate::schema::{ColumnSchema, ColumnType, IndexOrder, IndexSchema, TableSchema};

/// Runs the steps of `diff` in order and waits for what they started. Returns the table
/// as last read while waiting, or `None` when nothing needed waiting (every step answered
/// synchronously).
pub(crate) async fn apply(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    diff: &Diff,
) -> Result<Option<TableInfo>> {
    let table = schema.id;
    // A few creations in flight hide the round trips; Appwrite's worker makes them one
    // after another anyway, so more would only crowd the server.
    let in_flight = client.config().sync().parallel_creates();
    let columns = Columns::new(client.clone(), database.into(), table.into());
    let indexes = Indexes::new(client.clone(), database.into(), table.into());
    let mut expect = Expect::default();
    // Indexes created once their columns are available (or their old version is gone).
    let mut later: Vec<&'static IndexSchema> = Vec::new();
    let mut batch = Batch::new(in_flight);
    for step in &diff.steps {
        match &step.request {
            None => {}
            Some(Request::CreateIndexWhenReady(index)) => later.push(index),
            Some(Request::CreateColumn(column)) => {
                let job = create_column(&columns, table, column, diff.describe);
                batch.add(Creating::Columns, Box::pin(job)).await?;
            }
            Some(Request::CreateIndex(index)) => {
                batch
                    .add(Creating::Indexes, Box::pin(create_index(&indexes, index)))
                    .await?;
            }
            Some(request) => {
                batch.run().await?;
                match request {
                    Request::UpdateTable => update_table(client, database, schema, diff).await?,
                    Request::DeleteIndex(key) => gone_already(indexes.delete(key).await)?,
                    Request::DeleteColumn(key) => gone_already(columns.delete(key).await)?,
                    Request::UpdateColumn(spec) => {
                        columns.update(spec.as_ref()).await?;
                    }
                    Request::UpdateRelationship(key, on_delete) => {
                        columns
                            .update_relationship(key, Some(on_delete.clone()), None)
                            .await?;
                    }
                    Request::CreateColumn(_)
                    | Request::CreateIndex(_)
                    | Request::CreateIndexWhenReady(_) => {}
                }
            }
        }
        if let Some(waits) = &step.waits {
            expect.add(waits);
        }
    }
    batch.run().await?;

    if expect.is_empty() && later.is_empty() {
        return Ok(None);
    }
    // One polling loop for everything: each index that waits for its columns (or for its
    // old version to be gone) is created as soon as the table read shows them ready.
    let mut poller = Poller::new(client, table);
    loop {
        let read = read_existing(client, database, table).await?;
        let pending = pending(&read, &expect)?;
        let (ready, blocked): (Vec<_>, Vec<_>) = later
            .iter()
            .partition(|index| index_can_start(&read, index));
        // An index no awaited change can unblock is created anyway: the server says why not.
        let start = if ready.is_empty() && pending.is_none() {
            std::mem::take(&mut later)
        } else {
            later = blocked;
            ready
        };
        if !start.is_empty() {
            let creates: Vec<_> = start
                .iter()
                .map(|index| create_index(&indexes, index))
                .collect();
            run_bounded(creates, in_flight).await?;
            expect
                .indexes
                .extend(start.iter().map(|index| index.key.to_owned()));
        }
        match pending {
            None if start.is_empty() && later.is_empty() => return Ok(Some(read)),
            None => {
                // What was just started is on its way: read again after a pause.
                let first = start.first().or(later.first()).map(|i| i.key.to_owned());
                poller
                    .pause(Pending {
                        key: first.unwrap_or_default(),
                        state: "processing".into(),
                    })
                    .await?;
            }
            Some(pending) => poller.pause(pending).await?,
        }
    }
}

/// Whether `index` can be created on the table as read: every column it covers is
/// `available` (Appwrite refuses an index over a column still processing, with 400
/// `column_not_available`), and no index of that key is left (an old one being deleted).
fn index_can_start(table: &TableInfo, index: &IndexSchema) -> bool {
    let columns_ready = index.columns.iter().all(|key| {
        key.starts_with('$')
            || table
                .columns
                .iter()
                .any(|c| c.key == *key && c.status == ColumnStatus::Available)
    });
    columns_ready && !table.indexes.iter().any(|i| i.key == index.key)
}

/// A column or index creation of a batch.
type Creation<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

/// What a batch creates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Creating {
    Columns,
    Indexes,
}

/// Creations of one kind that run together, a few at a time. (The futures are collected
/// first: a lazy iterator of them makes the sync's future lose `Send` to a higher-ranked
/// lifetime.)
struct Batch<'a> {
    creating: Creating,
    jobs: Vec<Creation<'a>>,
    in_flight: usize,
}

impl<'a> Batch<'a> {
    fn new(in_flight: usize) -> Self {
        Self {
            creating: Creating::Columns,
            jobs: Vec::new(),
            in_flight,
        }
    }

    /// Adds a creation, after running the batch if it creates another kind.
    async fn add(&mut self, creating: Creating, job: Creation<'a>) -> Result<()> {
        if creating != self.creating {
            self.run().await?;
            self.creating = creating;
        }
        self.jobs.push(job);
        Ok(())
    }

    /// Runs what the batch holds.
    async fn run(&mut self) -> Result<()> {
        run_bounded(std::mem::take(&mut self.jobs), self.in_flight).await
    }
}

/// Sets every table setting: a `PUT`, since Appwrite resets `rowSecurity` and `enabled`
/// when they are left out; with the description when the server has descriptions.
async fn update_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    diff: &Diff,
) -> Result<()> {
    let tables = Tables::new(client.clone(), database.into());
    let mut update = tables.update(schema.id).settings_of(schema);
    if let (true, Some(description)) = (diff.describe, schema.description) {
        update = update.description(description);
    }
    update.await?;
    Ok(())
}

/// A delete that met 404: someone else deleted it first.
fn gone_already(result: Result<()>) -> Result<()> {
    match result {
        Err(Error::NotFound { .. }) => Ok(()),
        other => other,
    }
}

/// Creates `column`, with its description when `describe` (the server has descriptions).
async fn create_column(
    columns: &Columns,
    table: &str,
    column: &ColumnSchema,
    describe: bool,
) -> Result<()> {
    let created = if describe {
        columns.create(&Described(column)).await
    } else {
        columns.create(column).await
    };
    match created {
        Ok(_) | Err(Error::Conflict { .. }) => Ok(()),
        Err(e) if is_not_found(&e, AppwriteErrorType::TableNotFound) => match column.kind {
            ColumnType::Relationship(rel) => Err(Error::SchemaDrift {
                table: table.to_owned(),
                column: Some(column.key.to_owned()),
                reason: format!(
                    "the related table `{}` does not exist yet: sync its model first \
                     (Client::sync_all syncs related tables first)",
                    rel.related_table
                ),
            }),
            _ => Err(e),
        },
        Err(e) => Err(e),
    }
}

async fn create_index(indexes: &Indexes, index: &IndexSchema) -> Result<()> {
    let mut request = indexes.create(index.key, index.kind.into(), index.columns.iter().copied());
    if !index.orders.is_empty() {
        request = request.orders(index.orders.iter().map(|o| match o {
            IndexOrder::Asc => Order::Asc,
            IndexOrder::Desc => Order::Desc,
        }));
    }
    if !index.lengths.is_empty() {
        request = request.lengths(index.lengths.iter().copied());
    }
    match request.await {
        Ok(_) | Err(Error::Conflict { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
