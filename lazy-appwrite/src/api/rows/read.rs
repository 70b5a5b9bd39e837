//! Reading rows: get one, list a page.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use super::Rows;
use super::split::{self, Plan};
use crate::api::list::{ListParams, MAX_LIST_TTL, list_setters, page_size};
use crate::api::{check_queries, require};
use crate::error::Result;
use crate::query::Query;
use crate::response::{ExpectRows, Row, RowList};
use crate::transport::{Call, decode_json};
use crate::version::Feature;

/// A pending [`Rows::get`].
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct GetRow<'a, T> {
    api: &'a Rows<T>,
    id: Cow<'a, str>,
    params: ListParams,
}

impl<'a, T> GetRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: Cow<'a, str>) -> Self {
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
    pub(crate) async fn run(self) -> Result<Row<T>> {
        let call = Call::get("rows.get", self.api.row_path(&self.id))
            .query(self.params.encode())
            .table(&self.api.table_id);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, self.api.table())
    }
}

/// A pending [`Rows::list`]: `.await` it for one page. A long `equal` on `$id` (more than
/// Appwrite's 4,096 characters or 500 values in one query) is sent as several requests
/// whose pages are merged in insertion order; any other query that long is refused
/// before anything is sent.
#[must_use = "a request does nothing until it is awaited"]
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
    /// Sends the request (see [`ListRows`]).
    pub(crate) async fn run(self) -> Result<RowList<T>> {
        let plan = split::plan(&self.api.table_id, &self.params.queries)?;
        let client = &self.api.client;
        check_queries(client, &self.api.table_id, &self.params.queries).await?;
        if let Some(ttl) = self.params.ttl {
            check_ttl(&self.api.table_id, ttl)?;
            require(client, Feature::ListCache, &self.api.table_id, None).await?;
        }
        match plan {
            Plan::AsIs => self.api.list_page(&self.params).await,
            Plan::Split { at, chunks, page } => {
                let mut parts = Vec::with_capacity(chunks.len());
                let mut params = self.params.clone();
                for chunk in chunks {
                    params.queries[at] = self.params.queries[at].with_scalars(chunk);
                    parts.push(self.api.list_page(&params).await?);
                }
                tracing::debug!(
                    table = %self.api.table_id,
                    requests = parts.len(),
                    "a long list of IDs was sent in parts"
                );
                Ok(split::merge(parts, page))
            }
        }
    }
}

impl<T: DeserializeOwned> Rows<T> {
    /// One `rows.list` request with these parameters.
    async fn list_page(&self, params: &ListParams) -> Result<RowList<T>> {
        let call = Call::get("rows.list", self.path())
            .query(params.encode())
            .table(&self.table_id);
        let reply = call.execute(&self.client).await?;
        let _page = ExpectRows::enter(page_size(&params.queries));
        decode_json(&reply, call.operation, self.table())
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

crate::api::awaitable! {
    GetRow<T> => Row<T>;
    ListRows<T> => RowList<T>;
}
