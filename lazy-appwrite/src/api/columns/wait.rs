//! Waiting for new columns to become `available`.

use std::time::{Duration, Instant};

use super::Columns;
use crate::api::Tables;
use crate::error::{Error, Result};
use crate::response::ColumnStatus;

/// How long [`Columns::wait_until_available`] polls before giving up.
const WAIT_LIMIT: Duration = Duration::from_secs(60);

impl Columns {
    /// Polls the table (one `GET` per round, backing off from 50 ms to 1 s) until every
    /// column in `keys` is `available`. Fails with [`Error::SchemaNotReady`] when one is
    /// `failed` or `stuck`, or is still not ready after 60 s, and with
    /// [`Error::SchemaDrift`] when one does not exist.
    pub async fn wait_until_available(&self, keys: &[&str]) -> Result<()> {
        let tables = Tables::new(self.client.clone(), self.database_id.clone());
        let started = Instant::now();
        let mut pause = Duration::from_millis(50);
        loop {
            let table = tables.get(&self.table_id).await?;
            let mut waiting = None;
            for key in keys {
                let Some(column) = table.columns.iter().find(|c| c.key == *key) else {
                    return Err(Error::SchemaDrift {
                        table: self.table_id.clone(),
                        column: Some((*key).to_owned()),
                        reason: "the column does not exist".into(),
                    });
                };
                match &column.status {
                    ColumnStatus::Available => {}
                    ColumnStatus::Processing => waiting = Some(column),
                    other => {
                        return Err(Error::SchemaNotReady {
                            table: self.table_id.clone(),
                            column: Some(column.key.clone()),
                            status: format!("{other}: {}", column.error),
                        });
                    }
                }
            }
            let Some(column) = waiting else { return Ok(()) };
            if started.elapsed() + pause > WAIT_LIMIT {
                return Err(Error::SchemaNotReady {
                    table: self.table_id.clone(),
                    column: Some(column.key.clone()),
                    status: column.status.to_string(),
                });
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(1));
        }
    }
}
