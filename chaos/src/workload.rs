//! The operations run through the proxy, each on rows of its own so that its effect can be
//! judged alone, and what the client reported for each.

use std::sync::Arc;
use std::time::Duration;

use lazy_appwrite::{Client, Error, Model, RetryPolicy, Table, WriteOutcome};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

/// The rows the workload writes: `tag` names the operation that wrote them.
#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "chaos")]
pub struct Item {
    /// The writing operation's tag.
    #[column(size = 64)]
    pub tag: String,
    /// A value updates and upserts set.
    #[column(integer)]
    pub n: i64,
}

/// Rows per bulk create.
pub const BULK_ROWS: u64 = 10;

/// The kinds of operation, run in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpKind {
    /// A create with a given ID (`c{i}`).
    CreateWithId,
    /// A create with the default ID, found by its tag (`a{i}`).
    CreateDefaultId,
    /// An update of an existing row (`u{i}`), setting `n` to `i + 1`.
    Update,
    /// An upsert of row `p{i}`: existing for even `i`, new for odd.
    Upsert,
    /// A delete of an existing row (`d{i}`).
    DeleteExisting,
    /// A delete of a row that never existed (`m{i}`).
    DeleteMissing,
    /// A bulk create of [`BULK_ROWS`] rows `b{i}-{k}`.
    BulkCreate,
    /// A transaction (the closure form) of three staged writes, committed together: a
    /// create of `t{i}-c`, an update of the existing `t{i}-u` setting `n` to `i + 1`, and
    /// a delete of the existing `t{i}-d`.
    Transaction,
}

impl OpKind {
    /// Every kind, in the order operations take them.
    pub const ALL: [OpKind; 8] = [
        OpKind::CreateWithId,
        OpKind::CreateDefaultId,
        OpKind::Update,
        OpKind::Upsert,
        OpKind::DeleteExisting,
        OpKind::DeleteMissing,
        OpKind::BulkCreate,
        OpKind::Transaction,
    ];

    /// The kind of operation `i`.
    pub fn of(i: u64) -> Self {
        Self::ALL[(i % Self::ALL.len() as u64) as usize]
    }
}

/// What the client reported for one operation.
#[derive(Debug, Clone)]
pub enum Reported {
    /// Success.
    Ok,
    /// An error, with its outcome and whether it was a 404.
    Err {
        /// [`Error::outcome`].
        outcome: Option<WriteOutcome>,
        /// [`Error::operation`]: the request that failed (for a transaction, the step).
        operation: Option<&'static str>,
        /// The answer was `404`.
        not_found: bool,
        /// The error's text, to show a wrong report.
        text: String,
    },
    /// A bulk error: rows written before the failing batch, and the failing batch's rows
    /// that surely are not written and that may be.
    Bulk {
        /// [`lazy_appwrite::model::BulkError::written`].
        written: u64,
        /// Rows surely not written.
        failed: Option<std::ops::Range<u64>>,
        /// Rows that may be written.
        unknown: Option<std::ops::Range<u64>>,
        /// The error's text.
        text: String,
    },
}

impl Reported {
    fn of(error: &Error) -> Self {
        Reported::Err {
            outcome: error.outcome(),
            operation: error.operation(),
            not_found: error.status() == Some(404),
            text: error.to_string(),
        }
    }
}

/// A client for `endpoint` that fails fast: short timeouts and quick retries.
pub fn client(
    endpoint: &str,
    project: &str,
    key: &str,
    timeout: Duration,
) -> lazy_appwrite::Result<Client> {
    Client::builder()
        .endpoint(endpoint)
        .project(project)
        .api_key(key)
        .default_database("chaos")
        .request_timeout(timeout)
        .retry(
            RetryPolicy::default()
                .with_max_attempts(4)
                .with_base_delay(Duration::from_millis(2))
                .with_max_delay(Duration::from_millis(20)),
        )
        .disable_sync()
        .build()
}

/// Makes the table and the rows that updates, upserts and deletes of operations `0..ops`
/// start from, through `direct` (no faults).
pub async fn prepare(direct: &Client, ops: u64) -> lazy_appwrite::Result<()> {
    direct.sync::<Item>().await?;
    let mut rows = Vec::new();
    for i in 0..ops {
        let id = match OpKind::of(i) {
            OpKind::Update => format!("u{i}"),
            OpKind::Upsert if i % 2 == 0 => format!("p{i}"),
            OpKind::DeleteExisting => format!("d{i}"),
            OpKind::Transaction => {
                for id in [format!("t{i}-u"), format!("t{i}-d")] {
                    rows.push((id.clone(), Item { tag: id, n: 0 }));
                }
                continue;
            }
            _ => continue,
        };
        rows.push((id.clone(), Item { tag: id, n: 0 }));
    }
    let ids: Vec<String> = rows.iter().map(|(id, _)| id.clone()).collect();
    let items: Vec<Item> = rows.into_iter().map(|(_, item)| item).collect();
    Item::create_many(direct, &items)
        .id_with(move |k, _| ids[k as usize].clone())
        .await
        .map_err(|e| e.into_error())?;
    Ok(())
}

/// Runs operation `i` through `client`.
pub async fn run_one(client: &Client, i: u64) -> Reported {
    let result = match OpKind::of(i) {
        OpKind::CreateWithId => {
            let item = Item {
                tag: format!("c{i}"),
                n: 1,
            };
            Item::create(client, &item)
                .id(format!("c{i}"))
                .await
                .map(drop)
        }
        OpKind::CreateDefaultId => {
            let item = Item {
                tag: format!("a{i}"),
                n: 1,
            };
            Item::create(client, &item).await.map(drop)
        }
        OpKind::Update => Item::update(client, format!("u{i}"), Item::patch().n(i as i64 + 1))
            .await
            .map(drop),
        OpKind::Upsert => {
            let item = Item {
                tag: format!("p{i}"),
                n: i as i64 + 1,
            };
            Item::upsert(client, format!("p{i}"), &item).await.map(drop)
        }
        OpKind::DeleteExisting => Item::delete(client, format!("d{i}")).await,
        OpKind::DeleteMissing => Item::delete(client, format!("m{i}")).await,
        OpKind::BulkCreate => {
            let items: Vec<Item> = (0..BULK_ROWS)
                .map(|k| Item {
                    tag: format!("b{i}-{k}"),
                    n: 1,
                })
                .collect();
            return match Item::create_many(client, &items)
                .id_with(move |k, _| format!("b{i}-{k}"))
                .await
            {
                Ok(_) => Reported::Ok,
                Err(e) => Reported::Bulk {
                    written: e.written(),
                    failed: e.failed_rows(),
                    unknown: e.unknown_rows(),
                    text: e.to_string(),
                },
            };
        }
        OpKind::Transaction => {
            client
                .transaction(move |tx| async move {
                    let item = Item {
                        tag: format!("t{i}"),
                        n: 1,
                    };
                    Item::create(&tx, &item).id(format!("t{i}-c")).await?;
                    Item::update(&tx, format!("t{i}-u"), Item::patch().n(i as i64 + 1)).await?;
                    Item::delete(&tx, format!("t{i}-d")).await?;
                    Ok::<_, Error>(())
                })
                .await
        }
    };
    match result {
        Ok(()) => Reported::Ok,
        Err(e) => Reported::of(&e),
    }
}

/// Runs operations `0..ops` through `client`, `concurrency` at a time.
pub async fn run(client: &Client, ops: u64, concurrency: usize) -> Vec<Reported> {
    if concurrency <= 1 {
        let mut out = Vec::with_capacity(ops as usize);
        for i in 0..ops {
            out.push(run_one(client, i).await);
        }
        return out;
    }
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks = Vec::with_capacity(ops as usize);
    for i in 0..ops {
        let client = client.clone();
        let permits = permits.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await;
            run_one(&client, i).await
        }));
    }
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.unwrap_or_else(|e| Reported::Err {
            outcome: None,
            operation: None,
            not_found: false,
            text: format!("the operation's task failed: {e}"),
        }));
    }
    out
}
