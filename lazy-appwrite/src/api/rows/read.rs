//! Reading rows: get one, list a page.

use serde::de::DeserializeOwned;

use super::Rows;
use crate::api::list::{ListParams, MAX_LIST_TTL, list_setters};
use crate::error::Result;
use crate::models::{Row, RowList};
use crate::query::Query;
use crate::transport::{Call, decode_json};
use crate::version::Feature;

/// A pending [`Rows::get`].
#[must_use = "a request does nothing until `send` is awaited"]
#[derive(Debug)]
pub struct GetRow<'a, T> {
    api: &'a Rows<T>,
    id: String,
    params: ListParams,
}

impl<'a, T> GetRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: String) -> Self {
        Self {
            api,
            id,
            params: ListParams::default(),
        }
    }

    /// Returns only these columns (system fields always come); `rel.*` loads a relationship.
    pub fn select<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.params.queries.push(Query::select(columns));
        self
    }

    list_setters!(transaction);
}

impl<T: DeserializeOwned> GetRow<'_, T> {
    /// Sends the request.
    pub async fn send(self) -> Result<Row<T>> {
        let call = Call::get("rows.get", self.api.row_path(&self.id))
            .query(self.params.encode())
            .table(&self.api.table_id);
        let reply = self.api.client.execute(&call).await?;
        decode_json(&reply, call.operation, self.api.table())
    }
}

/// A pending [`Rows::list`].
#[must_use = "a request does nothing until `send` is awaited"]
#[derive(Debug)]
pub struct ListRows<'a, T> {
    api: &'a Rows<T>,
    params: ListParams,
}

impl<'a, T> ListRows<'a, T> {
    pub(super) fn new(api: &'a Rows<T>) -> Self {
        Self {
            api,
            params: ListParams::default(),
        }
    }

    list_setters!(queries);
    list_setters!(total);
    list_setters!(ttl);
    list_setters!(transaction);
}

impl<T: DeserializeOwned> ListRows<'_, T> {
    /// Sends the request.
    pub async fn send(self) -> Result<RowList<T>> {
        let client = &self.api.client;
        client
            .check_queries(&self.api.table_id, &self.params.queries)
            .await?;
        if let Some(ttl) = self.params.ttl {
            check_ttl(&self.api.table_id, ttl)?;
            client
                .require(Feature::ListCache, &self.api.table_id, None)
                .await?;
        }
        let call = Call::get("rows.list", self.api.path())
            .query(self.params.encode())
            .table(&self.api.table_id);
        let reply = self.api.client.execute(&call).await?;
        decode_json(&reply, call.operation, self.api.table())
    }
}

/// Refuses a list-cache `ttl` Appwrite would refuse (more than a day).
fn check_ttl(table: &str, ttl: u32) -> Result<()> {
    if ttl <= MAX_LIST_TTL {
        return Ok(());
    }
    Err(crate::Error::Validation {
        table: Some(table.to_owned()),
        column: None,
        reason: format!("a list cache ttl is 0 to {MAX_LIST_TTL} seconds, and {ttl} was asked for"),
    })
}
