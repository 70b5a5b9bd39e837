//! Tables: `/tablesdb/{databaseId}/tables…`.

use super::list::{ListParams, list_setters};
use super::{check_new_id, create_class};
use crate::client::Client;
use crate::error::Result;
use crate::models::{Table, TableList};
use crate::permission::Permission;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json, path};

/// The tables of one database. From [`Client::tables`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// use lazy_appwrite::{Permission, Role};
///
/// client.databases().create("shop", "Shop").send().await?;
/// let tables = client.tables("shop");
/// let books = tables
///     .create("books", "Books")
///     .permissions([Permission::read(Role::any()), Permission::create(Role::users())])
///     .row_security(true)
///     .send()
///     .await?;
/// assert!(books.row_security);
/// assert_eq!(tables.list().send().await?.total, 1);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Tables {
    client: Client,
    database_id: String,
}

impl Tables {
    pub(crate) fn new(client: Client, database_id: String) -> Self {
        Self {
            client,
            database_id,
        }
    }

    /// Creates a table (`POST /tablesdb/{databaseId}/tables`).
    pub fn create(&self, table_id: impl Into<String>, name: impl Into<String>) -> CreateTable<'_> {
        CreateTable {
            api: self,
            id: table_id.into(),
            name: name.into(),
            permissions: None,
            row_security: None,
            enabled: None,
        }
    }

    /// Reads a table with its columns and indexes.
    pub async fn get(&self, table_id: &str) -> Result<Table> {
        let call = Call::get(
            "tables.get",
            path(&["tablesdb", &self.database_id, "tables", table_id]),
        )
        .table(table_id);
        let reply = self.client.execute(&call).await?;
        decode_json(&reply, call.operation, Some(table_id))
    }

    /// Lists tables.
    pub fn list(&self) -> ListTables<'_> {
        ListTables {
            api: self,
            params: ListParams::default(),
        }
    }

    /// Updates a table (`PUT`: see [`UpdateTable`] for what leaving a field out means).
    pub fn update(&self, table_id: impl Into<String>) -> UpdateTable<'_> {
        UpdateTable {
            api: self,
            id: table_id.into(),
            name: None,
            permissions: None,
            row_security: None,
            enabled: None,
        }
    }

    /// Deletes a table and its rows.
    pub async fn delete(&self, table_id: &str) -> Result<()> {
        let call = Call::delete(
            "tables.delete",
            path(&["tablesdb", &self.database_id, "tables", table_id]),
        )
        .table(table_id);
        self.client.execute(&call).await.map(|_| ())
    }
}

/// A pending [`Tables::create`].
#[derive(Debug)]
#[must_use = "a request does nothing until `send` is awaited"]
pub struct CreateTable<'a> {
    api: &'a Tables,
    id: String,
    name: String,
    permissions: Option<Vec<Permission>>,
    row_security: Option<bool>,
    enabled: Option<bool>,
}

impl CreateTable<'_> {
    /// Table-level permissions (`create`, `read`, `update`, `delete`, `write`).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Whether row permissions apply too (default `false`).
    pub fn row_security(mut self, on: bool) -> Self {
        self.row_security = Some(on);
        self
    }

    /// Whether the table starts enabled (default `true`).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Table> {
        check_new_id(&self.id, Some(&self.id))?;
        let body = JsonObject::new()
            .field("tableId", &self.id)
            .field("name", &self.name)
            .opt("permissions", self.permissions.as_ref())
            .opt("rowSecurity", self.row_security)
            .opt("enabled", self.enabled)
            .finish(Some(&self.id))?;
        let call = Call::post(
            "tables.create",
            path(&["tablesdb", &self.api.database_id, "tables"]),
        )
        .body(body)
        .table(&self.id)
        .retry(create_class(&self.id, false));
        match self.api.client.run(&call).await? {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, Some(&self.id)),
            Outcome::ConflictAfterRetry(conflict) => {
                let stored = self.api.get(&self.id).await?;
                if stored.name == self.name {
                    Ok(stored)
                } else {
                    Err(conflict)
                }
            }
        }
    }
}

/// A pending [`Tables::list`].
#[derive(Debug)]
#[must_use = "a request does nothing until `send` is awaited"]
pub struct ListTables<'a> {
    api: &'a Tables,
    params: ListParams,
}

impl ListTables<'_> {
    list_setters!(queries);
    list_setters!(search);
    list_setters!(total);

    /// Sends the request.
    pub async fn send(self) -> Result<TableList> {
        let call = Call::get(
            "tables.list",
            path(&["tablesdb", &self.api.database_id, "tables"]),
        )
        .query(self.params.encode());
        let reply = self.api.client.execute(&call).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// A pending [`Tables::update`].
///
/// Appwrite quirk (it is a `PUT`): `permissions` left out keeps the current ones, but
/// `rowSecurity` left out becomes `false` and `enabled` left out becomes `true`. Set them
/// when they should be anything else.
#[derive(Debug)]
#[must_use = "a request does nothing until `send` is awaited"]
pub struct UpdateTable<'a> {
    api: &'a Tables,
    id: String,
    name: Option<String>,
    permissions: Option<Vec<Permission>>,
    row_security: Option<bool>,
    enabled: Option<bool>,
}

impl UpdateTable<'_> {
    /// The new name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Replaces the table-level permissions (an empty list clears them).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Whether row permissions apply (left out: `false`).
    pub fn row_security(mut self, on: bool) -> Self {
        self.row_security = Some(on);
        self
    }

    /// Whether the table is enabled (left out: `true`).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<Table> {
        let body = JsonObject::new()
            .opt("name", self.name.as_deref())
            .opt("permissions", self.permissions.as_ref())
            .opt("rowSecurity", self.row_security)
            .opt("enabled", self.enabled)
            .finish(Some(&self.id))?;
        let call = Call::put(
            "tables.update",
            path(&["tablesdb", &self.api.database_id, "tables", &self.id]),
        )
        .body(body)
        .table(&self.id)
        .retry(RetryClass::Idempotent);
        let reply = self.api.client.execute(&call).await?;
        decode_json(&reply, call.operation, Some(&self.id))
    }
}
