//! Making the changes of a [`super::diff::Diff`], tolerating a concurrent process that
//! made them first (409 on create, 404 on delete), then waiting for them to settle.

use super::diff::Diff;
use super::remote::is_not_found;
use super::wait::{Expect, wait};
use crate::api::{Columns, Indexes};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::indexes::Order;
use crate::models::Table;
use crate::schema::{ColumnSchema, ColumnType, IndexOrder, IndexSchema, TableSchema};

/// Applies `diff` to the table and waits for what it started. Returns the table as last
/// read while waiting, or `None` when nothing needed waiting (every change answered
/// synchronously).
pub(crate) async fn apply(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    diff: &Diff,
) -> Result<Option<Table>> {
    let table = schema.id;
    let columns = client.columns(database, table);
    let indexes = client.indexes(database, table);

    if !diff.table_fields.is_empty() {
        // A PUT: every setting is sent, since Appwrite resets `rowSecurity` and `enabled`
        // when they are left out.
        client
            .tables(database)
            .update(table)
            .name(schema.name)
            .permissions(schema.permission_list())
            .row_security(schema.row_security)
            .enabled(schema.enabled)
            .send()
            .await?;
    }
    for key in diff
        .drop_indexes
        .iter()
        .map(String::as_str)
        .chain(diff.delete_indexes.iter().copied())
    {
        gone_already(indexes.delete(key).await)?;
    }
    for key in &diff.drop_columns {
        gone_already(columns.delete(key).await)?;
    }
    for update in &diff.update_columns {
        columns.update(update.spec.as_ref()).await?;
    }
    for (key, on_delete) in &diff.update_relationships {
        columns
            .update_relationship(key, Some(on_delete.clone()), None)
            .await?;
    }
    for column in &diff.create_columns {
        create_column(&columns, table, column).await?;
    }
    for index in &diff.create_indexes {
        create_index(&indexes, index).await?;
    }

    let first = Expect {
        columns: diff.await_columns.clone(),
        columns_gone: diff.await_columns_gone.clone(),
        indexes: diff.await_indexes.clone(),
        indexes_gone: diff.await_indexes_gone.clone(),
    };
    let mut last = None;
    if !first.is_empty() {
        last = Some(wait(client, database, table, &first).await?);
    }
    if !diff.later_indexes.is_empty() {
        for index in &diff.later_indexes {
            create_index(&indexes, index).await?;
        }
        let second = Expect {
            indexes: diff
                .later_indexes
                .iter()
                .map(|i| i.key.to_owned())
                .collect(),
            ..Expect::default()
        };
        last = Some(wait(client, database, table, &second).await?);
    }
    Ok(last)
}

/// A delete that met 404: someone else deleted it first.
fn gone_already(result: Result<()>) -> Result<()> {
    match result {
        Err(Error::NotFound { .. }) => Ok(()),
        other => other,
    }
}

async fn create_column(columns: &Columns, table: &str, column: &ColumnSchema) -> Result<()> {
    match columns.create(column.to_spec().as_ref()).await {
        Ok(_) | Err(Error::Conflict { .. }) => Ok(()),
        Err(e) if is_not_found(&e, "table_not_found") => match column.kind {
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
    let mut request = indexes.create(
        index.key,
        index.kind.to_model(),
        index.columns.iter().copied(),
    );
    if !index.orders.is_empty() {
        request = request.orders(index.orders.iter().map(|o| match o {
            IndexOrder::Asc => Order::Asc,
            IndexOrder::Desc => Order::Desc,
        }));
    }
    if !index.lengths.is_empty() {
        request = request.lengths(index.lengths.iter().copied());
    }
    match request.send().await {
        Ok(_) | Err(Error::Conflict { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
