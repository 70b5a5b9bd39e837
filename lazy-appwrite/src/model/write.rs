//! Writing rows through a model: create, update, upsert, delete.

use std::future::IntoFuture;

use serde_json::Value;

use super::Model;
use super::executor::{Executor, RowRequest};
use super::request::{NewRow, RowDelete, RowReplace, RowUpdate};
use super::run::{ModelFuture, check_row_id};
use super::unique::name_index;
use crate::client::Client;
use crate::datetime::Timestamp;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::permission::Permission;
use crate::response::Row;
use crate::schema::{Patch, Table};
use crate::typed::Operator;

/// The `data` object of an update of table `T`, as JSON text: the columns `patch` sets,
/// then each operator's JSON text under its column. The patch is validated first; an operator refused
/// locally (division by zero…), or a column set twice (by the patch and an operator, or by
/// two operators), is an [`Error::Validation`] naming the table and the column. Nothing is
/// sent. Shared by [`Update`], [`super::UpdateMany`] and staged updates in transactions.
pub(crate) fn update_data<T: Table>(patch: &T::Patch, ops: &[Operator<T>]) -> Result<Vec<u8>> {
    patch.validate()?;
    let invalid = |column: Option<&str>, reason: String| Error::Validation {
        table: Some(T::ID.to_owned()),
        column: column.map(str::to_owned),
        reason,
    };
    if ops.is_empty() {
        // No operator to merge in: the patch's own JSON is the data. (Anything but an
        // object goes on, to be refused below with its value in the message.)
        let json = serde_json::to_vec(patch)
            .map_err(|e| invalid(None, format!("cannot serialize the patch: {e}")))?;
        if json.first() == Some(&b'{') {
            return Ok(json);
        }
    }
    let mut data = match serde_json::to_value(patch) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            return Err(invalid(
                None,
                format!("the patch must serialize to a JSON object, not {other}"),
            ));
        }
        Err(e) => return Err(invalid(None, format!("cannot serialize the patch: {e}"))),
    };
    for (i, op) in ops.iter().enumerate() {
        let text = op.to_json()?;
        let column = op.column();
        if data.contains_key(column) {
            let by = if ops[..i].iter().any(|o| o.column() == column) {
                "another operator"
            } else {
                "the patch"
            };
            return Err(invalid(
                Some(column),
                format!(
                    "the column is changed twice in one update: by `{}` and by {by}",
                    op.method()
                ),
            ));
        }
        data.insert(column.to_owned(), Value::String(text));
    }
    serde_json::to_vec(&data)
        .map_err(|e| invalid(None, format!("cannot serialize the update: {e}")))
}

/// Whether the `data` of an update (from [`update_data`]) sets no column.
pub(crate) fn sets_nothing(data: &[u8]) -> bool {
    data == b"{}"
}

/// The optimistic-concurrency guard of a write: the instant, or why none could be taken
/// from a row (reported when the write is awaited).
#[derive(Debug, Clone)]
enum Since {
    At(Timestamp),
    Unusable(String),
}

impl Since {
    /// The guard read from `row`, for a write of row `id`.
    fn read<U>(row: &Row<U>, id: &str) -> Self {
        if row.id != id {
            return Since::Unusable(format!(
                "`unless_modified_since_read` got row `{}`, but the write is for row `{id}`",
                row.id
            ));
        }
        match &row.updated_at {
            Some(at) => Since::At(at.clone()),
            None => Since::Unusable(format!(
                "row `{id}` carries no `$updatedAt` to guard the write with (a staged or \
                 hand-made row?); read it with `get` first"
            )),
        }
    }
}

/// The guard's instant, or the validation error for table `T`.
fn resolve<T: Table>(since: Option<Since>) -> Result<Option<Timestamp>> {
    match since {
        None => Ok(None),
        Some(Since::At(at)) => Ok(Some(at)),
        Some(Since::Unusable(reason)) => Err(Error::Validation {
            table: Some(T::ID.to_owned()),
            column: None,
            reason,
        }),
    }
}

/// Runs a write of one named row of `T`; a unique-index clash it meets names the index
/// when the model declares just one.
async fn write_named<T: Model, E: Executor, W: RowRequest>(
    on: &E,
    request: &W,
) -> Result<E::Answer<W::Answer<T>>> {
    on.write::<T, _>(request).await.map_err(name_index::<T>)
}

/// The setters of the optimistic-concurrency guard, for a builder with `id` and `since`.
macro_rules! guard_setters {
    ($what:literal) => {
        #[doc = concat!("Refuses the ", $what, " with [`Error::Modified`] (HTTP 409")]
        /// `row_update_conflict`) if the row changed after `since`, usually the
        /// `updated_at` of the row as you last read it; sent as `X-Appwrite-Timestamp`.
        /// Such a write is never retried after an ambiguous failure (a first attempt that
        /// went through would make the retry conflict).
        pub fn unless_modified_since(mut self, since: impl Into<Timestamp>) -> Self {
            self.since = Some(Since::At(since.into()));
            self
        }

        #[doc = concat!("Refuses the ", $what, " with [`Error::Modified`] if the row changed")]
        /// since `row` was read: the guard is the row's `updated_at`. The row must be the
        /// one written (same ID) and carry its `$updatedAt`, or the write is refused before
        /// anything is sent.
        pub fn unless_modified_since_read<U>(mut self, row: &Row<U>) -> Self {
            self.since = Some(Since::read(row, &self.id));
            self
        }
    };
}

/// A pending [`Model::create`]: `.await` it for the new row, or in a transaction for its
/// ID (see [`Executor`]). The row is validated first ([`Table::validate`]); its ID is
/// client-made ([`ID::unique`]) unless set, so a retried create can never make two rows.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Create<'a, T, E = Client> {
    on: &'a E,
    row: &'a T,
    id: Option<String>,
    permissions: Option<Vec<Permission>>,
}

impl<'a, T, E> Create<'a, T, E> {
    pub(super) fn new(on: &'a E, row: &'a T) -> Self {
        Self {
            on,
            row,
            id: None,
            permissions: None,
        }
    }

    /// The row's ID (default: a new [`ID::unique`]).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Row permissions (`read`, `update`, `delete`, `write`); they apply when the table has
    /// row security. Left out, the server's default applies.
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }
}

impl<'a, T: Model, E: Executor> IntoFuture for Create<'a, T, E> {
    type Output = crate::Result<E::Created<T>>;
    type IntoFuture = ModelFuture<'a, E::Created<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.row.validate()?;
            let id = self.id.unwrap_or_else(ID::unique);
            check_row_id::<T>("rows.create", &id)?;
            let request = NewRow {
                id: &id,
                row: self.row,
                permissions: self.permissions.as_deref(),
            };
            let answer = self.on.write::<T, _>(&request).await?;
            Ok(E::created(answer, id))
        })
    }
}

/// A pending [`Model::update`]: `.await` it for the changed row (nothing in a
/// transaction, see [`Executor`]). Only the columns the patch sets change, plus
/// those the operators ([`Update::op`]) change atomically on the server; the patch is
/// validated first.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Error, Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "posts")]
/// struct Post {
///     #[column(size = 64)]
///     title: String,
///     views: i64,
///     #[column(size = 16)]
///     tags: Vec<String>,
/// }
///
/// let post = Post::create(&client, &Post { title: "Hi".into(), views: 0, tags: vec![] })
///     .id("p1")
///     .await?;
/// let c = Post::columns();
/// let row = Post::update(&client, "p1", Post::patch().title("Hello"))
///     .op(c.views.increment(1))
///     .op(c.tags.append(["rust"]))
///     .unless_modified_since_read(&post)
///     .await?;
/// assert_eq!((row.title.as_str(), row.views, row.tags.as_slice()), ("Hello", 1, &["rust".to_string()][..]));
///
/// // `post` is stale now: a write guarded by it is refused.
/// let stale = Post::update(&client, "p1", Post::patch().title("Oops"))
///     .unless_modified_since_read(&post)
///     .await;
/// assert!(matches!(stale, Err(Error::Modified { .. })));
/// # Ok(()) }
/// ```
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Update<'a, T: Table, E = Client> {
    on: &'a E,
    id: String,
    patch: T::Patch,
    ops: Vec<Operator<T>>,
    permissions: Option<Vec<Permission>>,
    since: Option<Since>,
}

impl<'a, T: Table, E> Update<'a, T, E> {
    pub(super) fn new(on: &'a E, id: String, patch: T::Patch) -> Self {
        Self {
            on,
            id,
            patch,
            ops: Vec::new(),
            permissions: None,
            since: None,
        }
    }

    /// Replaces the row's permissions too (an empty list clears them).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Also changes a column atomically on the server, from its current value:
    /// `.op(c.views.increment(1))`, `.op(c.tags.append(["rust"]))` (see
    /// [`crate::typed::Operator`]). Each column may be changed once per update, by the
    /// patch or by one operator. An update with an operator is never retried after an
    /// ambiguous failure (it could apply twice).
    pub fn op(mut self, op: impl Into<Operator<T>>) -> Self {
        self.ops.push(op.into());
        self
    }

    guard_setters!("update");
}

impl<'a, T: Model, E: Executor> IntoFuture for Update<'a, T, E>
where
    T::Patch: Send + Sync,
{
    type Output = crate::Result<E::Answer<Row<T>>>;
    type IntoFuture = ModelFuture<'a, E::Answer<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.update", &self.id)?;
            let data = update_data::<T>(&self.patch, &self.ops)?;
            let since = resolve::<T>(self.since)?;
            if sets_nothing(&data) && self.permissions.is_none() {
                return Err(Error::Validation {
                    table: Some(T::ID.to_owned()),
                    column: None,
                    reason: format!(
                        "the update of row `{}` sets no column and no permission",
                        self.id
                    ),
                });
            }
            let request = RowUpdate {
                id: &self.id,
                data: &data,
                permissions: self.permissions.as_deref(),
                since: since.as_ref(),
            };
            write_named::<T, E, _>(self.on, &request).await
        })
    }
}

/// A pending [`Model::upsert`]: `.await` it for the row (nothing in a transaction, see
/// [`Executor`]). The row is validated first.
///
/// With [`Upsert::unless_modified_since_read`], replacing a row someone changed since you
/// read it fails with [`Error::Modified`] instead of overwriting their change.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Upsert<'a, T, E = Client> {
    on: &'a E,
    id: String,
    row: &'a T,
    permissions: Option<Vec<Permission>>,
    since: Option<Since>,
}

impl<'a, T, E> Upsert<'a, T, E> {
    pub(super) fn new(on: &'a E, id: String, row: &'a T) -> Self {
        Self {
            on,
            id,
            row,
            permissions: None,
            since: None,
        }
    }

    /// The row's permissions (left out: the server's default for a new row, the current
    /// ones for an existing row).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    guard_setters!("upsert");
}

impl<'a, T: Model, E: Executor> IntoFuture for Upsert<'a, T, E> {
    type Output = crate::Result<E::Answer<Row<T>>>;
    type IntoFuture = ModelFuture<'a, E::Answer<Row<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.upsert", &self.id)?;
            self.row.validate()?;
            let since = resolve::<T>(self.since)?;
            let request = RowReplace {
                id: &self.id,
                row: self.row,
                permissions: self.permissions.as_deref(),
                since: since.as_ref(),
            };
            write_named::<T, E, _>(self.on, &request).await
        })
    }
}

/// A pending [`Model::delete`]: `.await` it.
///
/// With [`Delete::unless_modified_since_read`], deleting a row someone changed since you
/// read it fails with [`Error::Modified`] and keeps the row.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Delete<'a, T, E = Client> {
    on: &'a E,
    id: String,
    since: Option<Since>,
    _table: std::marker::PhantomData<fn() -> T>,
}

impl<'a, T, E> Delete<'a, T, E> {
    pub(super) fn new(on: &'a E, id: String) -> Self {
        Self {
            on,
            id,
            since: None,
            _table: std::marker::PhantomData,
        }
    }

    guard_setters!("delete");
}

impl<'a, T: Model, E: Executor> IntoFuture for Delete<'a, T, E> {
    type Output = crate::Result<E::Answer<()>>;
    type IntoFuture = ModelFuture<'a, E::Answer<()>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.delete", &self.id)?;
            let since = resolve::<T>(self.since)?;
            let request = RowDelete {
                id: &self.id,
                since: since.as_ref(),
            };
            self.on.write::<T, _>(&request).await
        })
    }
}
