//! Reading the server's table, and creating the database and the table, tolerating a
//! concurrent creator (409).

use super::diff::{inline_columns, inline_indexes};
use crate::api::{Columns, Databases, Indexes, Tables};
use crate::client::Client;
use crate::error::{AppwriteErrorType, Error, Result};
use crate::query::Query;
use crate::response::{ColumnIndex, ColumnInfo, TableInfo};
use crate::schema::TableSchema;

/// How many columns or indexes one list request asks for.
const PAGE: u64 = 100;

/// What the server has for a table.
pub(crate) enum Remote {
    /// The table, with every column and index.
    Table(Box<TableInfo>),
    /// The database exists, the table does not.
    MissingTable,
    /// The database does not exist.
    MissingDatabase,
}

/// Whether an error is a 404 of this Appwrite type.
pub(crate) fn is_not_found(error: &Error, kind: AppwriteErrorType) -> bool {
    matches!(error, Error::NotFound { answer } if answer.kind == kind)
}

/// Reads the table (one `GET`: Appwrite embeds every column and index in it).
pub(crate) async fn read(client: &Client, database: &str, table: &str) -> Result<Remote> {
    match read_existing(client, database, table).await {
        Ok(t) => Ok(Remote::Table(Box::new(t))),
        Err(e) if is_not_found(&e, AppwriteErrorType::TableNotFound) => Ok(Remote::MissingTable),
        Err(e) if is_not_found(&e, AppwriteErrorType::DatabaseNotFound) => {
            Ok(Remote::MissingDatabase)
        }
        Err(e) => Err(e),
    }
}

/// Reads a table that should exist. Should the answer not embed its column or index list,
/// the lists are read page by page.
pub(crate) async fn read_existing(
    client: &Client,
    database: &str,
    table: &str,
) -> Result<TableInfo> {
    let (mut t, embedded) = Tables::new(client.clone(), database.into())
        .get_listed(table)
        .await?;
    if !embedded.columns {
        t.columns = all_columns(client, database, table).await?;
    }
    if !embedded.indexes {
        t.indexes = all_indexes(client, database, table).await?;
    }
    Ok(t)
}

/// Every column of a table, with cursor pagination (the cursor is the column key).
pub(crate) async fn all_columns(
    client: &Client,
    database: &str,
    table: &str,
) -> Result<Vec<ColumnInfo>> {
    let api = Columns::new(client.clone(), database.into(), table.into());
    let mut out: Vec<ColumnInfo> = Vec::new();
    loop {
        let mut request = api.list().query(Query::limit(PAGE)).total(false);
        if let Some(last) = out.last() {
            request = request.query(Query::cursor_after(last.key.clone()));
        }
        let page = request.await?.columns;
        let full = page.len() as u64 >= PAGE;
        out.extend(page);
        if !full {
            return Ok(out);
        }
    }
}

/// Every index of a table, with cursor pagination (the cursor is the index key).
pub(crate) async fn all_indexes(
    client: &Client,
    database: &str,
    table: &str,
) -> Result<Vec<ColumnIndex>> {
    let api = Indexes::new(client.clone(), database.into(), table.into());
    let mut out: Vec<ColumnIndex> = Vec::new();
    loop {
        let mut request = api.list().query(Query::limit(PAGE)).total(false);
        if let Some(last) = out.last() {
            request = request.query(Query::cursor_after(last.key.clone()));
        }
        let page = request.await?.indexes;
        let full = page.len() as u64 >= PAGE;
        out.extend(page);
        if !full {
            return Ok(out);
        }
    }
}

/// Creates the database (named like its ID); `false` if a concurrent creator was first.
pub(crate) async fn create_database(client: &Client, database: &str) -> Result<bool> {
    match Databases::new(client.clone())
        .create(database, database)
        .await
    {
        Ok(_) => Ok(true),
        Err(Error::Conflict { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// How creating the table went.
pub(crate) enum Created {
    /// Created; the answer.
    Table(Box<TableInfo>),
    /// A concurrent creator was first.
    Exists,
    /// The database does not exist.
    NoDatabase,
}

/// Creates the table with its settings and, in the same request, every column and index
/// Appwrite accepts inline; with the descriptions when `describe` (the server has them).
pub(crate) async fn create_table(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    inline: bool,
    describe: bool,
) -> Result<Created> {
    let columns = inline_columns(schema, inline);
    let indexes = inline_indexes(schema, &columns);
    let tables = Tables::new(client.clone(), database.into());
    let mut request = tables
        .create(schema.id, schema.name)
        .permissions(crate::schema::permission_list(schema))
        .row_security(schema.row_security)
        .enabled(schema.enabled)
        .indexes(indexes.iter().copied());
    request = match (describe, schema.description) {
        (false, _) => request.columns(columns.iter().copied()),
        (true, description) => {
            let request = request.described_columns(columns.iter().copied());
            match description {
                Some(text) => request.description(text),
                None => request,
            }
        }
    };
    match request.await {
        Ok(t) => Ok(Created::Table(Box::new(t))),
        Err(Error::Conflict { .. }) => Ok(Created::Exists),
        Err(e) if is_not_found(&e, AppwriteErrorType::DatabaseNotFound) => Ok(Created::NoDatabase),
        Err(e) => Err(e),
    }
}

/// Whether a create-table answer lists every inline column and index. Appwrite's own
/// answer may not (it is built before they are stored), and servers without inline
/// support ignore them: then the table is read again.
pub(crate) fn lists_inline(schema: &TableSchema, table: &TableInfo, inline: bool) -> bool {
    let columns = inline_columns(schema, inline);
    let indexes = inline_indexes(schema, &columns);
    columns
        .iter()
        .all(|c| table.columns.iter().any(|t| t.key == c.key))
        && indexes
            .iter()
            .all(|i| table.indexes.iter().any(|t| t.key == i.key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::columns::BooleanColumn;
    use crate::response::IndexType;

    /// Column and index lists longer than one page are read whole.
    #[tokio::test(flavor = "current_thread")]
    async fn lists_are_paginated() {
        let (emulator, client) = super::super::testing::emulated(None).await;
        client.databases().create("db", "db").await.unwrap();
        client.tables("db").create("t", "t").await.unwrap();
        let columns = client.columns("db", "t");
        let keys: Vec<String> = (0..130).map(|i| format!("c{i:03}")).collect();
        for key in &keys {
            columns.create(&BooleanColumn::new(key)).await.unwrap();
        }
        let indexes = client.indexes("db", "t");
        for key in &keys[..3] {
            indexes
                .create(format!("i{key}"), IndexType::Key, [key.as_str()])
                .await
                .unwrap();
        }
        emulator.reset_requests();
        let listed = all_columns(&client, "db", "t").await.unwrap();
        assert_eq!(
            listed.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            keys
        );
        assert_eq!(emulator.request_count(), 2);
        assert_eq!(all_indexes(&client, "db", "t").await.unwrap().len(), 3);
        let table = read_existing(&client, "db", "t").await.unwrap();
        assert_eq!(table.columns.len(), 130);
        emulator.shutdown().await;
    }
}
