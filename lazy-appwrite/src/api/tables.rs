//! Tables: `/tablesdb/{databaseId}/tables…`.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

use super::list::{ListParams, list_setters};
use super::require;
use super::{check_new_id, create_class};
use crate::client::Client;
use crate::declared::{ColumnSchema, IndexSchema};
use crate::error::IdKind;
use crate::error::{Error, Result};
use crate::permission::Permission;
use crate::response::{TableInfo, TableList};
use crate::transport::ApiPath;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json};
use crate::version::Feature;

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
/// client.databases().create("shop", "Shop").await?;
/// let tables = client.tables("shop");
/// let books = tables
///     .create("books", "Books")
///     .permissions([Permission::read(Role::any()), Permission::create(Role::users())])
///     .row_security(true)
///     .await?;
/// assert!(books.row_security);
/// assert_eq!(tables.list().await?.total, 1);
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
            columns: Vec::new(),
            indexes: Vec::new(),
            description: None,
        }
    }

    /// Reads a table with its columns and indexes.
    pub async fn get(&self, table_id: &str) -> Result<TableInfo> {
        self.get_listed(table_id).await.map(|(table, _)| table)
    }

    /// Reads a table, and says whether the answer embedded its column and index lists
    /// (every Appwrite 1.8 and 1.9 server does; the sync engine lists them itself if not).
    pub(crate) async fn get_listed(&self, table_id: &str) -> Result<(TableInfo, Embedded)> {
        let call = Call::get(
            "tables.get",
            ApiPath::tablesdb()
                .id(IdKind::Database, &self.database_id)
                .fixed("tables")
                .id(IdKind::Table, table_id),
        )
        .table(table_id);
        let reply = call.execute(&self.client).await?;
        let table = decode_json(&reply, call.operation, Some(table_id))?;
        let embedded = serde_json::from_slice::<Embedded>(&reply.body).unwrap_or_default();
        Ok((table, embedded))
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
            purge: None,
            description: None,
        }
    }

    /// Deletes a table and its rows.
    pub async fn delete(&self, table_id: &str) -> Result<()> {
        let call = Call::delete(
            "tables.delete",
            ApiPath::tablesdb()
                .id(IdKind::Database, &self.database_id)
                .fixed("tables")
                .id(IdKind::Table, table_id),
        )
        .table(table_id);
        call.execute(&self.client).await.map(|_| ())
    }
}

/// Which lists a table answer embedded.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub(crate) struct Embedded {
    #[serde(default, deserialize_with = "present")]
    pub(crate) columns: bool,
    #[serde(default, deserialize_with = "present")]
    pub(crate) indexes: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Option::<IgnoredAny>::deserialize(d).map(|v| v.is_some())
}

/// A pending [`Tables::create`].
///
/// Columns and indexes can be created in the same request ([`CreateTable::columns`],
/// [`CreateTable::indexes`]; Appwrite 1.9.0 and later, see
/// [`crate::Feature::InlineColumns`]): they are `available` at once, with no waiting. The
/// answer does not list them (real 1.9.6 servers answer with empty `columns` and
/// `indexes`): read the table to see them. Appwrite 1.8.1 accepts the parameters and
/// ignores them. Only the legacy kinds go inline: `string` (with the email, url, ip and
/// enum formats), `integer`, `float`, `boolean`, `datetime`, `point`, `line` and
/// `polygon`; `varchar`, the text kinds and relationships are refused before sending (the
/// server answers 400 and makes no table), and go through
/// [`crate::api::Columns::create`] after the table exists.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// use lazy_appwrite::response::ColumnStatus;
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType, IndexKind, IndexSchema};
///
/// const COLUMNS: &[ColumnSchema] = &[
///     ColumnSchema::new("title", ColumnType::String { size: 128, encrypt: false }).required(true),
///     ColumnSchema::new("mail", ColumnType::Email),
/// ];
/// const INDEXES: &[IndexSchema] = &[IndexSchema::new("by_title", IndexKind::Key, &["title"])];
///
/// client.databases().create("shop", "Shop").await?;
/// client.tables("shop").create("books", "Books")
///     .columns(COLUMNS)
///     .indexes(INDEXES)
///     .await?;
/// let books = client.tables("shop").get("books").await?;
/// assert_eq!(books.columns.len(), 2);
/// assert_eq!(books.columns[1].status, ColumnStatus::Available);
/// assert_eq!(books.indexes[0].key, "by_title");
///
/// let text = [ColumnSchema::new("body", ColumnType::Text { encrypt: false })];
/// let refused = client.tables("shop").create("notes", "Notes").columns(&text).await;
/// assert!(matches!(refused, Err(lazy_appwrite::Error::Validation { .. })));
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateTable<'a> {
    api: &'a Tables,
    id: String,
    name: String,
    permissions: Option<Vec<Permission>>,
    row_security: Option<bool>,
    enabled: Option<bool>,
    columns: Vec<std::result::Result<Value, String>>,
    indexes: Vec<Value>,
    description: Option<String>,
}

impl CreateTable<'_> {
    /// Columns to create with the table, in this request (sent as `columns`).
    pub fn columns<'c>(mut self, columns: impl IntoIterator<Item = &'c ColumnSchema>) -> Self {
        self.columns.extend(
            columns
                .into_iter()
                .map(|c| c.inline_body().ok_or_else(|| c.key.to_owned())),
        );
        self
    }

    /// Like [`CreateTable::columns`], each column with its description (for servers that
    /// take one, Appwrite 2.6.0 and later).
    pub(crate) fn described_columns<'c>(
        mut self,
        columns: impl IntoIterator<Item = &'c ColumnSchema>,
    ) -> Self {
        self.columns.extend(
            columns
                .into_iter()
                .map(|c| c.inline_body_described().ok_or_else(|| c.key.to_owned())),
        );
        self
    }

    /// The table's description (Appwrite 2.6.0 and later; on an older server the call
    /// fails with [`Error::Unsupported`] before anything is sent).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
    /// let emulator = Emulator::builder().appwrite_version(AppwriteVersion::V1_9_6).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// client.databases().create("shop", "Shop").await?;
    /// // Appwrite 1.9.6 has no descriptions.
    /// let refused = client.tables("shop").create("books", "Books")
    ///     .description("Books on the shelf.")
    ///     .await;
    /// assert!(matches!(refused, Err(lazy_appwrite::Error::Unsupported { .. })));
    /// # Ok(()) }
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Indexes to create with the table, in this request (sent as `indexes`); their
    /// columns must be created inline too, or be `$id`, `$createdAt` or `$updatedAt`.
    pub fn indexes<'i>(mut self, indexes: impl IntoIterator<Item = &'i IndexSchema>) -> Self {
        self.indexes
            .extend(indexes.into_iter().map(IndexSchema::inline_body));
        self
    }

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
    pub(crate) async fn run(self) -> Result<TableInfo> {
        check_new_id(&self.id, Some(&self.id))?;
        let columns = self
            .columns
            .into_iter()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|key| Error::Validation {
                table: Some(self.id.clone()),
                column: Some(key),
                reason: "this kind of column cannot be created inline with the table \
                         (Appwrite 1.8 takes string, integer, float, boolean, datetime and \
                         spatial columns there); create it with Columns::create"
                    .into(),
            })?;
        let mut body = JsonObject::new();
        body.field("tableId", &self.id)
            .field("name", &self.name)
            .opt("permissions", self.permissions.as_ref())
            .opt("rowSecurity", self.row_security)
            .opt("enabled", self.enabled)
            .opt("description", self.description.as_deref());
        if self.description.is_some() {
            require(&self.api.client, Feature::Descriptions, &self.id, None).await?;
        }
        if !columns.is_empty() {
            body.field("columns", &columns);
        }
        if !self.indexes.is_empty() {
            body.field("indexes", &self.indexes);
        }
        let body = body.finish(Some(&self.id))?;
        let call = Call::post(
            "tables.create",
            ApiPath::tablesdb()
                .id(IdKind::Database, &self.api.database_id)
                .fixed("tables"),
        )
        .body(body)
        .table(&self.id)
        .retry(create_class(&self.id, false));
        match call.run(&self.api.client).await? {
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
#[must_use = "a request does nothing until it is awaited"]
pub struct ListTables<'a> {
    api: &'a Tables,
    params: ListParams,
}

impl ListTables<'_> {
    list_setters!(queries);
    list_setters!(search);
    list_setters!(total);

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<TableList> {
        let call = Call::get(
            "tables.list",
            ApiPath::tablesdb()
                .id(IdKind::Database, &self.api.database_id)
                .fixed("tables"),
        )
        .query(self.params.encode());
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// A pending [`Tables::update`].
///
/// Appwrite quirk (it is a `PUT`): `permissions` left out keeps the current ones, but
/// `rowSecurity` left out becomes `false` and `enabled` left out becomes `true`. Set them
/// when they should be anything else.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateTable<'a> {
    api: &'a Tables,
    id: String,
    name: Option<String>,
    permissions: Option<Vec<Permission>>,
    row_security: Option<bool>,
    enabled: Option<bool>,
    purge: Option<bool>,
    description: Option<String>,
}

impl UpdateTable<'_> {
    /// Every setting as `schema` declares it (name, permissions, row security, enabled):
    /// what a `PUT` must carry so that nothing is reset by being left out.
    pub(crate) fn settings_of(self, schema: &crate::declared::TableSchema) -> Self {
        self.name(schema.name)
            .permissions(crate::declared::permission_list(schema))
            .row_security(schema.row_security)
            .enabled(schema.enabled)
    }

    /// The table's description (Appwrite 2.6.0 and later; on an older server the call
    /// fails with [`Error::Unsupported`] before anything is sent).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use lazy_appwrite_emulator::{AppwriteVersion, Emulator};
    /// let emulator = Emulator::builder().appwrite_version(AppwriteVersion::V1_9_6).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).build()?;
    /// client.databases().create("shop", "Shop").await?;
    /// client.tables("shop").create("books", "Books").await?;
    /// // Appwrite 1.9.6 has no descriptions.
    /// let refused = client.tables("shop").update("books").name("Books")
    ///     .description("Books on the shelf.")
    ///     .await;
    /// assert!(matches!(refused, Err(lazy_appwrite::Error::Unsupported { .. })));
    /// # Ok(()) }
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Empties the table's list cache (see [`ListRows::ttl`](crate::api::rows::ListRows::ttl)),
    /// so that the next cached lists read the rows afresh. Appwrite 1.9.0 and later have
    /// it; on an older server the call fails before anything is sent.
    pub fn purge(mut self, purge: bool) -> Self {
        self.purge = Some(purge);
        self
    }

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
    pub(crate) async fn run(self) -> Result<TableInfo> {
        let body = JsonObject::new()
            .opt("name", self.name.as_deref())
            .opt("permissions", self.permissions.as_ref())
            .opt("rowSecurity", self.row_security)
            .opt("enabled", self.enabled)
            .opt("purge", self.purge)
            .opt("description", self.description.as_deref())
            .finish(Some(&self.id))?;
        if self.description.is_some() {
            require(&self.api.client, Feature::Descriptions, &self.id, None).await?;
        }
        if self.purge.is_some() {
            require(&self.api.client, Feature::ListCache, &self.id, None).await?;
        }
        let call = Call::put(
            "tables.update",
            ApiPath::tablesdb()
                .id(IdKind::Database, &self.api.database_id)
                .fixed("tables")
                .id(IdKind::Table, &self.id),
        )
        .body(body)
        .table(&self.id)
        .retry(RetryClass::Idempotent);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, Some(&self.id))
    }
}

crate::api::awaitable! {
    CreateTable => crate::response::TableInfo;
    ListTables => crate::response::TableList;
    UpdateTable => crate::response::TableInfo;
}
