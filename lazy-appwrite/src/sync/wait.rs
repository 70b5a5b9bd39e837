//! Waiting, with backoff and a deadline, until new columns and indexes are `available`
//! and deleted ones are gone. Appwrite creates them asynchronously: `processing`, then
//! `available` (or `failed`); a deleted one reads `deleting` until it is gone.

use std::time::{Duration, Instant};

use super::diff::status_text;
use super::step::Await;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::response::{ColumnStatus, TableInfo};

/// What a wait waits for.
#[derive(Debug, Default)]
pub(crate) struct Expect {
    pub(crate) columns: Vec<String>,
    pub(crate) columns_gone: Vec<String>,
    pub(crate) indexes: Vec<String>,
    pub(crate) indexes_gone: Vec<String>,
}

impl Expect {
    /// Adds what a step waits for.
    pub(crate) fn add(&mut self, waits: &Await) {
        match waits {
            Await::Column(key) => self.columns.push(key.clone()),
            Await::ColumnGone(key) => self.columns_gone.push(key.clone()),
            Await::Index(key) => self.indexes.push(key.clone()),
            Await::IndexGone(key) => self.indexes_gone.push(key.clone()),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.columns.is_empty()
            && self.columns_gone.is_empty()
            && self.indexes.is_empty()
            && self.indexes_gone.is_empty()
    }
}

/// An item still on its way: its key and what it is.
pub(crate) struct Pending {
    pub(crate) key: String,
    pub(crate) state: String,
}

/// The pauses between the reads of one wait (one `GET` of the table per round; the
/// first at once, then pausing from the shortest interval, doubling, up to the longest),
/// and its deadline. `failed` and `stuck` are errors naming the column or index; so is
/// the deadline.
pub(crate) struct Poller<'a> {
    table_id: &'a str,
    pause: Duration,
    longest: Duration,
    timeout: Duration,
    started: Instant,
}

impl<'a> Poller<'a> {
    pub(crate) fn new(client: &Client, table_id: &'a str) -> Self {
        let settings = client.config().sync();
        let (pause, longest) = settings.poll_interval();
        Self {
            table_id,
            pause,
            longest,
            timeout: settings.wait_timeout(),
            started: Instant::now(),
        }
    }

    /// Sleeps before the next read, or fails naming `pending` when the deadline would
    /// pass.
    pub(crate) async fn pause(&mut self, pending: Pending) -> Result<()> {
        if self.started.elapsed() + self.pause > self.timeout {
            return Err(Error::SchemaNotReady {
                table: self.table_id.to_owned(),
                column: Some(pending.key),
                status: format!("still {} after {:?}", pending.state, self.timeout),
            });
        }
        tracing::debug!(
            table = self.table_id,
            key = %pending.key,
            state = %pending.state,
            pause_ms = u64::try_from(self.pause.as_millis()).unwrap_or(u64::MAX),
            "waiting for the schema"
        );
        tokio::time::sleep(self.pause).await;
        self.pause = (self.pause * 2).min(self.longest);
        Ok(())
    }
}

/// The first item not there yet, or the error of one that cannot get there.
pub(crate) fn pending(table: &TableInfo, expect: &Expect) -> Result<Option<Pending>> {
    let not_ready = |key: &str, status: &ColumnStatus, error: &str| Error::SchemaNotReady {
        table: table.id.clone(),
        column: Some(key.to_owned()),
        status: status_text(status, error),
    };
    let mut first: Option<Pending> = None;
    let mut note = |key: &str, state: String| {
        first.get_or_insert_with(|| Pending {
            key: key.to_owned(),
            state,
        });
    };
    for key in &expect.columns {
        match table.columns.iter().find(|c| &c.key == key) {
            None => note(key, "missing".into()),
            Some(c) => match &c.status {
                ColumnStatus::Available => {}
                ColumnStatus::Processing => note(key, "processing".into()),
                other => return Err(not_ready(key, other, &c.error)),
            },
        }
    }
    for key in &expect.columns_gone {
        if let Some(c) = table.columns.iter().find(|c| &c.key == key) {
            match &c.status {
                ColumnStatus::Deleting => note(key, "deleting".into()),
                ColumnStatus::Stuck => return Err(not_ready(key, &c.status, &c.error)),
                _ => {}
            }
        }
    }
    for key in &expect.indexes {
        match table.indexes.iter().find(|i| &i.key == key) {
            None => note(key, "missing".into()),
            Some(i) => match &i.status {
                ColumnStatus::Available => {}
                ColumnStatus::Processing => note(key, "processing".into()),
                other => return Err(not_ready(key, other, &i.error)),
            },
        }
    }
    for key in &expect.indexes_gone {
        if let Some(i) = table.indexes.iter().find(|i| &i.key == key) {
            match &i.status {
                ColumnStatus::Deleting => note(key, "deleting".into()),
                ColumnStatus::Stuck => return Err(not_ready(key, &i.status, &i.error)),
                _ => {}
            }
        }
    }
    Ok(first)
}
