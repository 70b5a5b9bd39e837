//! Columns: `/tablesdb/{databaseId}/tables/{tableId}/columns…`, and one builder per kind.

mod builders;
mod specs;
mod wait;

pub use builders::*;
pub use specs::ColumnSpec;
pub(crate) use specs::{Described, SchemaUpdate};

use super::list::{ListParams, list_setters};
use crate::api::server_version;
use crate::client::Client;
use crate::error::IdKind;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::response::{ColumnInfo, ColumnList, OnDelete};
use crate::transport::ApiPath;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json};
use crate::version::Feature;

/// The columns of one table. From [`Client::columns`].
///
/// New columns start `processing`; [`Columns::wait_until_available`] waits for them.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// # client.databases().create("shop", "Shop").await?;
/// # client.tables("shop").create("books", "Books").await?;
/// use lazy_appwrite::columns::{EnumColumn, StringColumn};
/// use lazy_appwrite::response::ReportedKind;
///
/// let columns = client.columns("shop", "books");
/// columns.create(&StringColumn::new("title", 255).required(true)).await?;
/// columns.create(&EnumColumn::new("genre", ["fiction", "science"])).await?;
/// columns.wait_until_available(&["title", "genre"]).await?;
///
/// let title = columns.update(&StringColumn::new("title", 300).required(true)).await?;
/// assert!(matches!(title.kind, ReportedKind::String { size: 300, .. }));
/// assert_eq!(columns.list().await?.total, 2);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Columns {
    client: Client,
    database_id: String,
    table_id: String,
}

impl Columns {
    pub(crate) fn new(client: Client, database_id: String, table_id: String) -> Self {
        Self {
            client,
            database_id,
            table_id,
        }
    }

    /// `/tablesdb/{database}/tables/{table}/columns`.
    fn path(&self) -> ApiPath {
        ApiPath::tablesdb()
            .id(IdKind::Database, &self.database_id)
            .fixed("tables")
            .id(IdKind::Table, &self.table_id)
            .fixed("columns")
    }

    fn column_error(&self, column: &str, e: Error) -> Error {
        match e {
            Error::Validation {
                reason, column: c, ..
            } => Error::Validation {
                table: Some(self.table_id.clone()),
                column: c.or_else(|| Some(column.to_owned())),
                reason,
            },
            other => other,
        }
    }

    /// Creates a column (`POST …/columns/{kind}`); it starts `processing`.
    ///
    /// A kind the server's Appwrite version does not have (`text` before 1.9.0, see
    /// [`crate::Feature`]) is [`Error::Unsupported`], and only the version question is
    /// sent (once per client, see [`crate::Client::server_version`]).
    pub async fn create<S: ColumnSpec + ?Sized>(&self, spec: &S) -> Result<ColumnInfo> {
        let key = spec.key();
        ID::validate(key).map_err(|e| self.column_error(key, e))?;
        let body = spec.create_body().map_err(|e| self.column_error(key, e))?;
        // A kind the server lacks is refused; only kinds that need a feature ask the version.
        if Feature::for_column_kind(spec.kind()).is_some() {
            let version = server_version(&self.client).await?;
            if let Some(feature) = version.lacks_for_column_kind(spec.kind()) {
                return Err(Error::unsupported(
                    &self.table_id,
                    Some(key),
                    feature,
                    version,
                ));
            }
        }
        let call = Call::post("columns.create", self.path().fixed(spec.kind()))
            .body(body)
            .table(&self.table_id)
            .retry(RetryClass::CreateWithId);
        match call.run(&self.client).await? {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, Some(&self.table_id)),
            Outcome::ConflictAfterRetry(conflict) => {
                let stored = self.get(key).await?;
                if spec.describes(&stored) {
                    Ok(stored)
                } else {
                    Err(conflict)
                }
            }
        }
    }

    /// Changes a column (`PATCH …/columns/{kind}/{key}`): `required`, `default` (cleared
    /// when the builder has none) and the kind's settings (size, range, elements).
    pub async fn update<S: ColumnSpec + ?Sized>(&self, spec: &S) -> Result<ColumnInfo> {
        self.patch(spec, None).await
    }

    /// Like [`Columns::update`], also renaming the column to `new_key`.
    pub async fn rename<S: ColumnSpec + ?Sized>(
        &self,
        spec: &S,
        new_key: &str,
    ) -> Result<ColumnInfo> {
        ID::validate(new_key).map_err(|e| self.column_error(new_key, e))?;
        self.patch(spec, Some(new_key)).await
    }

    async fn patch<S: ColumnSpec + ?Sized>(
        &self,
        spec: &S,
        new_key: Option<&str>,
    ) -> Result<ColumnInfo> {
        let key = spec.key();
        let body = spec
            .update_body(new_key)
            .map_err(|e| self.column_error(key, e))?;
        // A rename cannot be repeated safely: the old key is gone after the first success.
        let retry = if new_key.is_some() {
            RetryClass::Unsafe
        } else {
            RetryClass::Idempotent
        };
        let call = Call::patch(
            "columns.update",
            self.path().fixed(spec.kind()).id(IdKind::Column, key),
        )
        .body(body)
        .table(&self.table_id)
        .retry(retry);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, Some(&self.table_id))
    }

    /// Changes a relationship column (`PATCH …/columns/{key}/relationship`): its
    /// `onDelete` and/or its key.
    pub async fn update_relationship(
        &self,
        key: &str,
        on_delete: Option<OnDelete>,
        new_key: Option<&str>,
    ) -> Result<ColumnInfo> {
        let body = JsonObject::new()
            .opt("onDelete", on_delete.as_ref())
            .opt("newKey", new_key)
            .finish(Some(&self.table_id))?;
        let retry = if new_key.is_some() {
            RetryClass::Unsafe
        } else {
            RetryClass::Idempotent
        };
        let call = Call::patch(
            "columns.update_relationship",
            self.path().id(IdKind::Column, key).fixed("relationship"),
        )
        .body(body)
        .table(&self.table_id)
        .retry(retry);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, Some(&self.table_id))
    }

    /// Reads a column.
    pub async fn get(&self, key: &str) -> Result<ColumnInfo> {
        let call =
            Call::get("columns.get", self.path().id(IdKind::Column, key)).table(&self.table_id);
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, Some(&self.table_id))
    }

    /// Lists columns.
    pub fn list(&self) -> ListColumns<'_> {
        ListColumns {
            api: self,
            params: ListParams::default(),
        }
    }

    /// Deletes a column (it goes `deleting`, then disappears).
    pub async fn delete(&self, key: &str) -> Result<()> {
        let call = Call::delete("columns.delete", self.path().id(IdKind::Column, key))
            .table(&self.table_id);
        call.execute(&self.client).await.map(|_| ())
    }
}

/// A pending [`Columns::list`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ListColumns<'a> {
    api: &'a Columns,
    params: ListParams,
}

impl ListColumns<'_> {
    list_setters!(queries);
    list_setters!(total);

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<ColumnList> {
        let call = Call::get("columns.list", self.api.path())
            .query(self.params.encode())
            .table(&self.api.table_id);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, Some(&self.api.table_id))
    }
}

crate::api::awaitable! {
    ListColumns => crate::response::ColumnList;
}
