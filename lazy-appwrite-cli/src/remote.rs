//! Every low-level request the command line sends (the runtime's `api` builders), in one
//! place; the commands otherwise use the sync engine and model-level entry points.

use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite::schema::{DatabaseEntry, TableEntry};
use lazy_appwrite::{Client, Error, Permission, Query};
use serde_json::{Map, Value};

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
        let page = request.await?.databases;
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

/// One page of rows of a table, after the row `after`: each row as the server reports it,
/// with every relationship as the related rows' IDs.
pub(crate) async fn rows_page(
    client: &Client,
    database: &str,
    table: &TableEntry,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<Value>> {
    let links: Vec<&str> = relationship_keys(table).collect();
    let mut select = vec!["*".to_owned()];
    select.extend(links.iter().map(|k| format!("{k}.$id")));
    let api = client.rows::<Value>(database, &table.id);
    let mut request = api
        .list()
        .query(Query::limit(limit))
        .query(Query::select(select))
        .total(false);
    if let Some(after) = after {
        request = request.query(Query::cursor_after(after));
    }
    let page = request.await?;
    Ok(page
        .rows
        .into_iter()
        .map(|row| {
            let mut data = row.data;
            if let Value::Object(map) = &mut data {
                for key in &links {
                    if let Some(value) = map.get_mut(*key) {
                        *value = related_ids(value);
                    }
                }
            }
            data
        })
        .collect())
}

/// The keys of a table's relationship columns.
pub(crate) fn relationship_keys(table: &TableEntry) -> impl Iterator<Item = &str> {
    table
        .columns
        .iter()
        .filter(|c| c.relationship.is_some())
        .map(|c| c.key.as_str())
}

/// A relationship value as IDs: a related row becomes its `$id`, a list of them a list
/// of IDs.
fn related_ids(value: &Value) -> Value {
    match value {
        Value::Object(row) => row.get("$id").cloned().unwrap_or(Value::Null),
        Value::Array(rows) => rows.iter().map(related_ids).collect(),
        other => other.clone(),
    }
}

/// Writes rows (`$id`, `$permissions`, column values and timestamps) as they are: in bulk where the
/// table allows it (Appwrite refuses bulk writes on tables with relationship columns),
/// else one by one.
pub(crate) async fn upsert_rows(
    client: &Client,
    database: &str,
    table: &str,
    bulk: bool,
    rows: Vec<Value>,
) -> Result<()> {
    let api = client.rows::<Value>(database, table);
    if bulk {
        let inputs: Vec<RowInput> = rows
            .iter()
            .map(|row| {
                let (id, permissions, data) = split_row(row);
                RowInput::with_id(id, &data).permissions(permissions)
            })
            .collect();
        api.upsert_many(inputs).await?;
        return Ok(());
    }
    for row in &rows {
        let (id, permissions, data) = split_row(row);
        api.upsert(id, &data).permissions(permissions).await?;
    }
    Ok(())
}

/// Sets the relationship columns `data` holds on row `id`.
pub(crate) async fn set_relationships(
    client: &Client,
    database: &str,
    table: &str,
    id: &str,
    data: &Value,
) -> Result<()> {
    client
        .rows::<Value>(database, table)
        .update(id)
        .data(data)
        .await?;
    Ok(())
}

/// The system fields a restore writes back with a row's values: an API key may set them
/// (a real Appwrite 1.8.1 and 1.9.6 keep the `$createdAt` and `$updatedAt` a row create
/// carries). `$sequence` is not among them: the server numbers rows itself and ignores
/// one sent.
pub(crate) const KEPT_TIMESTAMPS: [&str; 2] = ["$createdAt", "$updatedAt"];

/// A stored row's ID, permissions and values to write: its column values and
/// [`KEPT_TIMESTAMPS`] (the other `$` fields left out).
pub(crate) fn split_row(row: &Value) -> (String, Vec<Permission>, Map<String, Value>) {
    let id = row["$id"].as_str().unwrap_or_default().to_owned();
    let permissions = row["$permissions"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p.as_str()?.parse::<Permission>().ok())
                .collect()
        })
        .unwrap_or_default();
    let data = row
        .as_object()
        .map(|map| {
            map.iter()
                .filter(|(k, _)| !k.starts_with('$') || KEPT_TIMESTAMPS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    (id, permissions, data)
}
