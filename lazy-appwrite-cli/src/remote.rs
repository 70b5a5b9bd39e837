//! Every low-level request the command line sends (the runtime's `api` builders), in one
//! place; the commands otherwise use the sync engine and model-level entry points.

use lazy_appwrite::schema::DatabaseEntry;
use lazy_appwrite::{Client, Error, Query};

use crate::error::Result;

/// Databases listed per request.
const PAGE: u64 = 100;

/// Every database of the project, in the server's order.
pub(crate) async fn databases(client: &Client) -> Result<Vec<DatabaseEntry>> {
    let api = client.databases();
    let mut out: Vec<DatabaseEntry> = Vec::new();
    loop {
        let mut request = api.list().query(Query::limit(PAGE)).total(false);
        if let Some(last) = out.last() {
            request = request.query(Query::cursor_after(last.id.clone()));
        }
        let page = request.send().await?.databases;
        let full = page.len() as u64 >= PAGE;
        out.extend(page.into_iter().map(|d| {
            let mut entry = DatabaseEntry::new(d.id);
            entry.name = d.name;
            entry.enabled = d.enabled;
            entry
        }));
        if !full {
            return Ok(out);
        }
    }
}

/// Creates database `database` unless it exists; whether it created it.
pub(crate) async fn ensure_database(client: &Client, database: &DatabaseEntry) -> Result<bool> {
    match client.databases().get(&database.id).await {
        Ok(_) => Ok(false),
        Err(Error::NotFound { .. }) => {
            match client
                .databases()
                .create(database.id.clone(), database.name.clone())
                .enabled(database.enabled)
                .send()
                .await
            {
                Ok(_) => Ok(true),
                // Created meanwhile by someone else: there all the same.
                Err(Error::Conflict { .. }) => Ok(false),
                Err(error) => Err(error.into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}
