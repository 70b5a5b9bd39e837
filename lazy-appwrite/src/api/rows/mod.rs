//! Rows: `/tablesdb/{databaseId}/tables/{tableId}/rows…`, typed as the caller's `T`.

mod bulk;
mod counters;
mod input;
mod read;
mod settle;
mod split;
mod write;

pub(crate) use bulk::BulkAnswer;
pub use bulk::{CreateRows, DeleteRows, UpdateRows, UpsertRows};
pub use counters::{Decrement, Increment};
pub use input::RowInput;
pub use read::{GetRow, ListRows};
pub use write::{CreateRow, DeleteRow, UpdateRow, UpsertRow};

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::Serialize;

use crate::client::Client;
use crate::error::IdKind;
use crate::error::{Error, Result};
use crate::name::Name;
use crate::transport::ApiPath;

/// The rows of one table, decoded as `T`. From [`Client::rows`].
///
/// Writes take any `Serialize` data (often `T` itself, or a partial struct for updates);
/// answers decode into [`crate::Row<T>`] straight from the response bytes.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).build()?;
/// # client.databases().create("shop", "Shop").await?;
/// # client.tables("shop").create("books", "Books").await?;
/// # let columns = client.columns("shop", "books");
/// # columns.create(&lazy_appwrite::columns::StringColumn::new("title", 255)).await?;
/// # columns.create(&lazy_appwrite::columns::IntegerColumn::new("count")).await?;
/// # columns.wait_until_available(&["title", "count"]).await?;
/// use lazy_appwrite::{ID, Permission, Query, Role};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Book { title: String, count: i64 }
///
/// let books = client.rows::<Book>("shop", "books");
/// let id = ID::unique();
/// books.create(&id, &Book { title: "Dune".into(), count: 1 })
///     .permissions([Permission::read(Role::any())])
///     .await?;
/// let row = books.update(&id).data(&serde_json::json!({ "count": 2 })).await?;
/// assert_eq!(row.count, 2);
/// let page = books.list().query(Query::equal("title", "Dune")).await?;
/// assert_eq!(page.rows[0].id, id);
/// books.delete(&id).await?;
/// # Ok(()) }
/// ```
pub struct Rows<T> {
    client: Client,
    database_id: Name,
    table_id: Name,
    _row: PhantomData<fn() -> T>,
}

impl<T> Clone for Rows<T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            database_id: self.database_id.clone(),
            table_id: self.table_id.clone(),
            _row: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Rows<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("database_id", &self.database_id)
            .field("table_id", &self.table_id)
            .field("row_type", &std::any::type_name::<T>())
            .finish()
    }
}

impl<T> Rows<T> {
    pub(crate) fn new(client: Client, database_id: Name, table_id: Name) -> Self {
        Self {
            client,
            database_id,
            table_id,
            _row: PhantomData,
        }
    }

    /// The database ID.
    pub fn database_id(&self) -> &str {
        &self.database_id
    }

    /// The table ID.
    pub fn table_id(&self) -> &str {
        &self.table_id
    }

    /// The same table, decoded as another type (e.g. a projection for `select`).
    pub fn typed<U>(&self) -> Rows<U> {
        Rows::new(
            self.client.clone(),
            self.database_id.clone(),
            self.table_id.clone(),
        )
    }

    /// `/tablesdb/{database}/tables/{table}/rows`.
    fn path(&self) -> ApiPath {
        ApiPath::tablesdb()
            .id(IdKind::Database, &self.database_id)
            .fixed("tables")
            .id(IdKind::Table, &self.table_id)
            .fixed("rows")
    }

    /// `/tablesdb/{database}/tables/{table}/rows/{row}`.
    fn row_path(&self, row_id: &str) -> ApiPath {
        self.path().id(IdKind::Row, row_id)
    }

    fn table(&self) -> Option<&str> {
        Some(&self.table_id)
    }

    /// Serializes row data now, keeping a failure to report when the request is awaited.
    fn data_bytes(&self, data: &(impl Serialize + ?Sized)) -> Result<Vec<u8>> {
        crate::transport::body::object_bytes(data, &self.table_id)
    }

    /// Creates a row (`POST …/rows`). Pass `ID::unique()` (retried safely) or your own ID.
    pub fn create(
        &self,
        row_id: impl Into<String>,
        data: &(impl Serialize + ?Sized),
    ) -> CreateRow<'_, T> {
        CreateRow::new(self, Cow::Owned(row_id.into()), self.data_bytes(data))
    }

    /// Reads a row (`GET …/rows/{rowId}`).
    pub fn get(&self, row_id: impl Into<String>) -> GetRow<'_, T> {
        GetRow::new(self, Cow::Owned(row_id.into()))
    }

    /// Lists rows (`GET …/rows`), 25 by default.
    pub fn list(&self) -> ListRows<'_, T> {
        ListRows::new(self)
    }

    /// Updates a row (`PATCH …/rows/{rowId}`): only the columns in the data change.
    pub fn update(&self, row_id: impl Into<String>) -> UpdateRow<'_, T> {
        UpdateRow::new(self, Cow::Owned(row_id.into()))
    }

    /// Creates or replaces a row (`PUT …/rows/{rowId}`).
    pub fn upsert(
        &self,
        row_id: impl Into<String>,
        data: &(impl Serialize + ?Sized),
    ) -> UpsertRow<'_, T> {
        UpsertRow::new(self, Cow::Owned(row_id.into()), self.data_bytes(data))
    }

    /// Deletes a row (`DELETE …/rows/{rowId}`).
    pub fn delete(&self, row_id: impl Into<String>) -> DeleteRow<'_, T> {
        DeleteRow::new(self, Cow::Owned(row_id.into()))
    }

    /// [`Rows::create`] with a borrowed row ID: the model's requests send their IDs
    /// without copying them.
    pub(crate) fn create_borrowed<'r>(
        &'r self,
        row_id: &'r str,
        data: &(impl Serialize + ?Sized),
    ) -> CreateRow<'r, T> {
        CreateRow::new(self, Cow::Borrowed(row_id), self.data_bytes(data))
    }

    /// [`Rows::get`] with a borrowed row ID.
    pub(crate) fn get_borrowed<'r>(&'r self, row_id: &'r str) -> GetRow<'r, T> {
        GetRow::new(self, Cow::Borrowed(row_id))
    }

    /// [`Rows::update`] with a borrowed row ID.
    pub(crate) fn update_borrowed<'r>(&'r self, row_id: &'r str) -> UpdateRow<'r, T> {
        UpdateRow::new(self, Cow::Borrowed(row_id))
    }

    /// [`Rows::upsert`] with a borrowed row ID.
    pub(crate) fn upsert_borrowed<'r>(
        &'r self,
        row_id: &'r str,
        data: &(impl Serialize + ?Sized),
    ) -> UpsertRow<'r, T> {
        UpsertRow::new(self, Cow::Borrowed(row_id), self.data_bytes(data))
    }

    /// [`Rows::delete`] with a borrowed row ID.
    pub(crate) fn delete_borrowed<'r>(&'r self, row_id: &'r str) -> DeleteRow<'r, T> {
        DeleteRow::new(self, Cow::Borrowed(row_id))
    }

    /// Creates up to 100 rows in one request (`POST …/rows` with `rows`; API key only).
    pub fn create_many(&self, rows: impl IntoIterator<Item = RowInput>) -> CreateRows<'_, T> {
        CreateRows::new(self, rows.into_iter().collect())
    }

    /// Creates or replaces up to 100 rows in one request (`PUT …/rows`).
    pub fn upsert_many(&self, rows: impl IntoIterator<Item = RowInput>) -> UpsertRows<'_, T> {
        UpsertRows::new(self, rows.into_iter().collect())
    }

    /// Applies the same partial data to every row matching the queries (`PATCH …/rows`).
    pub fn update_many(&self, data: &(impl Serialize + ?Sized)) -> UpdateRows<'_, T> {
        UpdateRows::new(self, self.data_bytes(data))
    }

    /// [`Rows::update_many`] with the columns to change as JSON object text (checked by
    /// the caller).
    pub(crate) fn update_many_json(&self, json: Vec<u8>) -> UpdateRows<'_, T> {
        UpdateRows::new(self, Ok(json))
    }

    /// Deletes every row matching the queries (`DELETE …/rows`); with no query, all rows.
    pub fn delete_many(&self) -> DeleteRows<'_, T> {
        DeleteRows::new(self)
    }

    /// Adds to a numeric column atomically (`PATCH …/rows/{rowId}/{column}/increment`).
    pub fn increment(
        &self,
        row_id: impl Into<String>,
        column: impl Into<String>,
    ) -> Increment<'_, T> {
        Increment::new(self, row_id.into(), column.into())
    }

    /// Subtracts from a numeric column atomically (`PATCH …/rows/{rowId}/{column}/decrement`).
    pub fn decrement(
        &self,
        row_id: impl Into<String>,
        column: impl Into<String>,
    ) -> Decrement<'_, T> {
        Decrement::new(self, row_id.into(), column.into())
    }
}

/// A JSON number for an amount: whole values are written as integers (`2`, not `2.0`),
/// which integer columns need.
pub(crate) fn amount(value: f64, what: &str, table: &str) -> Result<serde_json::Number> {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)]
        return Ok(serde_json::Number::from(value as i64));
    }
    serde_json::Number::from_f64(value).ok_or_else(|| Error::Validation {
        table: Some(table.to_owned()),
        column: None,
        reason: format!("{what} must be a finite number, not {value}"),
    })
}
