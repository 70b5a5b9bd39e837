//! Databases: `/tablesdb` and `/tablesdb/{databaseId}`.

use super::list::{ListParams, list_setters};
use super::{check_new_id, create_class};
use crate::client::Client;
use crate::error::IdKind;
use crate::error::Result;
use crate::response::{Database, DatabaseList};
use crate::transport::ApiPath;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json};

/// The databases of the project. From [`Client::databases`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder().start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// let databases = client.databases();
/// databases.create("shop", "Shop").await?;
/// let renamed = databases.update("shop").name("Store").await?;
/// assert_eq!(renamed.name, "Store");
/// databases.delete("shop").await?;
/// assert!(databases.get("shop").await.is_err());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Databases {
    client: Client,
}

impl Databases {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Creates a database (`POST /tablesdb`). Pass `ID::unique()` or your own ID.
    pub fn create(
        &self,
        database_id: impl Into<String>,
        name: impl Into<String>,
    ) -> CreateDatabase<'_> {
        CreateDatabase {
            api: self,
            id: database_id.into(),
            name: name.into(),
            enabled: None,
        }
    }

    /// Reads a database (`GET /tablesdb/{databaseId}`).
    pub async fn get(&self, database_id: &str) -> Result<Database> {
        let call = Call::get(
            "databases.get",
            ApiPath::tablesdb().id(IdKind::Database, database_id),
        );
        let reply = call.execute(&self.client).await?;
        decode_json(&reply, call.operation, None)
    }

    /// Lists databases (`GET /tablesdb`).
    pub fn list(&self) -> ListDatabases<'_> {
        ListDatabases {
            api: self,
            params: ListParams::default(),
        }
    }

    /// Updates a database (`PUT /tablesdb/{databaseId}`).
    pub fn update(&self, database_id: impl Into<String>) -> UpdateDatabase<'_> {
        UpdateDatabase {
            api: self,
            id: database_id.into(),
            name: None,
            enabled: None,
        }
    }

    /// Deletes a database and everything in it (`DELETE /tablesdb/{databaseId}`).
    pub async fn delete(&self, database_id: &str) -> Result<()> {
        let call = Call::delete(
            "databases.delete",
            ApiPath::tablesdb().id(IdKind::Database, database_id),
        );
        call.execute(&self.client).await.map(|_| ())
    }
}

/// A pending [`Databases::create`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreateDatabase<'a> {
    api: &'a Databases,
    id: String,
    name: String,
    enabled: Option<bool>,
}

impl CreateDatabase<'_> {
    /// Whether the database starts enabled (the server's default is `true`).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<Database> {
        check_new_id(&self.id, None)?;
        let body = JsonObject::new()
            .field("databaseId", &self.id)
            .field("name", &self.name)
            .opt("enabled", self.enabled)
            .finish(None)?;
        let call = Call::post("databases.create", ApiPath::tablesdb())
            .body(body)
            .retry(create_class(&self.id, false));
        match call.run(&self.api.client).await? {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, None),
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

/// A pending [`Databases::list`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct ListDatabases<'a> {
    api: &'a Databases,
    params: ListParams,
}

impl ListDatabases<'_> {
    list_setters!(queries);
    list_setters!(search);
    list_setters!(total);

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<DatabaseList> {
        let call = Call::get("databases.list", ApiPath::tablesdb()).query(self.params.encode());
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

/// A pending [`Databases::update`].
///
/// Appwrite quirk: `enabled` left out means `true`, not "unchanged".
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateDatabase<'a> {
    api: &'a Databases,
    id: String,
    name: Option<String>,
    enabled: Option<bool>,
}

impl UpdateDatabase<'_> {
    /// The new name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Enables or disables the database (left out, the server enables it).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<Database> {
        let body = JsonObject::new()
            .opt("name", self.name.as_deref())
            .opt("enabled", self.enabled)
            .finish(None)?;
        let call = Call::put(
            "databases.update",
            ApiPath::tablesdb().id(IdKind::Database, &self.id),
        )
        .body(body)
        .retry(RetryClass::Idempotent);
        let reply = call.execute(&self.api.client).await?;
        decode_json(&reply, call.operation, None)
    }
}

crate::api::awaitable! {
    CreateDatabase => crate::response::Database;
    ListDatabases => crate::response::DatabaseList;
    UpdateDatabase => crate::response::Database;
}
