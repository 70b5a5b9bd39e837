//! Writing rows through a model: create, update, upsert, delete.

use std::future::IntoFuture;

use super::Model;
use super::run::{ModelFuture, with_table};
use crate::client::Client;
use crate::error::Error;
use crate::id::ID;
use crate::models::Row;
use crate::permission::Permission;
use crate::schema::{Patch, Table};

/// A pending [`Model::create`]: `.await` it. The row is validated first
/// ([`Table::validate`]); its ID is client-made ([`ID::unique`]) unless set, so a retried
/// create can never make two rows.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Create<'a, T> {
    client: &'a Client,
    row: &'a T,
    id: Option<String>,
    permissions: Option<Vec<Permission>>,
}

impl<'a, T> Create<'a, T> {
    pub(super) fn new(client: &'a Client, row: &'a T) -> Self {
        Self {
            client,
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

impl<'a, T: Model> IntoFuture for Create<'a, T> {
    type Output = crate::Result<Row<T>>;
    type IntoFuture = ModelFuture<'a, Row<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.row.validate()?;
            let id = self.id.unwrap_or_else(ID::unique);
            let (row, permissions) = (self.row, &self.permissions);
            with_table::<T, _, _, _>(self.client, |rows| {
                let (id, permissions) = (id.clone(), permissions.clone());
                async move {
                    let mut request = rows.create(id, row);
                    if let Some(p) = permissions {
                        request = request.permissions(p);
                    }
                    request.send().await
                }
            })
            .await
        })
    }
}

/// A pending [`Model::update`]: `.await` it. Only the columns the patch sets change; the
/// patch is validated first.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Update<'a, T: Table> {
    client: &'a Client,
    id: String,
    patch: T::Patch,
    permissions: Option<Vec<Permission>>,
}

impl<'a, T: Table> Update<'a, T> {
    pub(super) fn new(client: &'a Client, id: String, patch: T::Patch) -> Self {
        Self {
            client,
            id,
            patch,
            permissions: None,
        }
    }

    /// Replaces the row's permissions too (an empty list clears them).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }
}

impl<'a, T: Model> IntoFuture for Update<'a, T>
where
    T::Patch: Send + Sync,
{
    type Output = crate::Result<Row<T>>;
    type IntoFuture = ModelFuture<'a, Row<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.patch.validate()?;
            if self.patch.is_empty() && self.permissions.is_none() {
                return Err(Error::Validation {
                    table: Some(T::ID.to_owned()),
                    column: None,
                    reason: format!(
                        "the update of row `{}` sets no column and no permission",
                        self.id
                    ),
                });
            }
            let (id, patch, permissions) = (&self.id, &self.patch, &self.permissions);
            with_table::<T, _, _, _>(self.client, |rows| {
                let permissions = permissions.clone();
                async move {
                    let mut request = rows.update(id.as_str());
                    if !patch.is_empty() {
                        request = request.data(patch);
                    }
                    if let Some(p) = permissions {
                        request = request.permissions(p);
                    }
                    request.send().await
                }
            })
            .await
        })
    }
}

/// A pending [`Model::upsert`]: `.await` it. The row is validated first.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Upsert<'a, T> {
    client: &'a Client,
    id: String,
    row: &'a T,
    permissions: Option<Vec<Permission>>,
}

impl<'a, T> Upsert<'a, T> {
    pub(super) fn new(client: &'a Client, id: String, row: &'a T) -> Self {
        Self {
            client,
            id,
            row,
            permissions: None,
        }
    }

    /// The row's permissions (left out: the server's default for a new row, the current
    /// ones for an existing row).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }
}

impl<'a, T: Model> IntoFuture for Upsert<'a, T> {
    type Output = crate::Result<Row<T>>;
    type IntoFuture = ModelFuture<'a, Row<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.row.validate()?;
            let (id, row, permissions) = (&self.id, self.row, &self.permissions);
            with_table::<T, _, _, _>(self.client, |rows| {
                let permissions = permissions.clone();
                async move {
                    let mut request = rows.upsert(id.as_str(), row);
                    if let Some(p) = permissions {
                        request = request.permissions(p);
                    }
                    request.send().await
                }
            })
            .await
        })
    }
}

/// A pending [`Model::delete`]: `.await` it.
#[must_use = "a model operation does nothing until it is awaited"]
pub struct Delete<'a, T> {
    client: &'a Client,
    id: String,
    _table: std::marker::PhantomData<fn() -> T>,
}

impl<'a, T> Delete<'a, T> {
    pub(super) fn new(client: &'a Client, id: String) -> Self {
        Self {
            client,
            id,
            _table: std::marker::PhantomData,
        }
    }
}

impl<'a, T: Model> IntoFuture for Delete<'a, T> {
    type Output = crate::Result<()>;
    type IntoFuture = ModelFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let id = &self.id;
            with_table::<T, _, _, _>(self.client, |rows| async move {
                rows.delete(id.as_str()).send().await
            })
            .await
        })
    }
}
