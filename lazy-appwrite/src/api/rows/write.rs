//! Writing one row: create, update, upsert, delete.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Rows, settle};
use crate::WriteOutcome;
use crate::api::{check_new_id, create_class, has_operator};
use crate::datetime::Timestamp;
use crate::error::Result;
use crate::error::{Answer, AppwriteErrorType, Error};
use crate::permission::Permission;
use crate::response::Row;
use crate::transport::{Call, JsonObject, Outcome, RetryClass, decode_json};

/// The `X-Appwrite-Timestamp` header: the write fails with 409 `row_update_conflict` if
/// the row changed after `since`.
fn guard(call: Call, since: Option<&Timestamp>, table: &str) -> Result<Call> {
    let Some(since) = since else { return Ok(call) };
    let value =
        reqwest::header::HeaderValue::from_str(since.as_str()).map_err(|_| Error::Validation {
            table: Some(table.to_owned()),
            column: None,
            reason: format!(
                "`{}` cannot be sent as X-Appwrite-Timestamp",
                since.as_str().escape_debug()
            ),
        })?;
    Ok(call.header("x-appwrite-timestamp", value))
}

/// The setter for the optimistic-concurrency guard.
macro_rules! guard_setter {
    () => {
        /// Refuses the write with 409 `row_update_conflict` ([`crate::Error::Modified`]) if
        /// the row changed after `since` (usually the `updated_at` you last read); sent as
        /// `X-Appwrite-Timestamp`. A guarded update or upsert is never retried after an
        /// ambiguous failure, since its own first attempt would make the retry conflict.
        pub fn unless_modified_since(mut self, since: Timestamp) -> Self {
            self.since = Some(since);
            self
        }
    };
}

/// Setters shared by single-row writes holding `permissions` and `transaction_id`.
macro_rules! write_setters {
    () => {
        /// Row permissions (`read`, `update`, `delete`, `write`); left out on create, the
        /// server's default applies, and on update the current ones stay.
        pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
            self.permissions = Some(permissions.into_iter().collect());
            self
        }

        /// Stages the write in a transaction instead of applying it. Staged writes are
        /// never retried after an ambiguous failure.
        pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
            self.transaction_id = Some(transaction_id.into());
            self
        }
    };
}

/// A pending [`Rows::create`].
///
/// With a client-made ID (such as [`crate::ID::unique`]) the create is retried after
/// timeouts, resets and 5xx; if a retry meets 409 the row is read back, and when it holds
/// the data sent the create succeeded (one more request), otherwise the conflict is
/// reported. With the literal `unique()` the server makes the ID and nothing ambiguous is
/// retried.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct CreateRow<'a, T> {
    api: &'a Rows<T>,
    id: Cow<'a, str>,
    data: Result<Vec<u8>>,
    permissions: Option<Vec<Permission>>,
    transaction_id: Option<String>,
}

impl<'a, T> CreateRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: Cow<'a, str>, data: Result<Vec<u8>>) -> Self {
        Self {
            api,
            id,
            data,
            permissions: None,
            transaction_id: None,
        }
    }

    write_setters!();
}

impl<T: DeserializeOwned> CreateRow<'_, T> {
    /// Sends the request. An error carries the ID sent ([`Error::row_id`]), so that a
    /// caller who repeats the create repeats it with that ID.
    pub(crate) async fn run(mut self) -> Result<Row<T>> {
        let result = self.create().await;
        result.map_err(|e| e.with_row_id(&self.id))
    }

    async fn create(&mut self) -> Result<Row<T>> {
        let table = self.api.table();
        check_new_id(&self.id, table)?;
        let data = std::mem::replace(&mut self.data, Ok(Vec::new()))?;
        let body = JsonObject::new()
            .field("rowId", &self.id)
            .raw("data", &data)
            .opt("permissions", self.permissions.as_ref())
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let retry = if has_operator(&data) {
            RetryClass::Unsafe
        } else {
            create_class(&self.id, self.transaction_id.is_some())
        };
        let call = Call::post("rows.create", self.api.path())
            .body(body)
            .table(&self.api.table_id)
            .retry(retry);
        let outcome = match call.run(&self.api.client).await {
            Ok(outcome) => outcome,
            // The row has its own ID, so a lost answer can be settled by reading it.
            Err(error)
                if retry == RetryClass::CreateWithId
                    && error.outcome() == Some(WriteOutcome::Unknown) =>
            {
                return Box::pin(settle::created(self.api, &self.id, &data, error)).await;
            }
            Err(error) => return Err(error),
        };
        match outcome {
            Outcome::Reply(reply) => decode_json(&reply, call.operation, table),
            Outcome::ConflictAfterRetry(conflict) => {
                match Box::pin(settle::read_back(self.api, &self.id, &data)).await {
                    settle::ReadBack::Ours(stored) => {
                        tracing::debug!(
                            table = %self.api.table_id,
                            row = %self.id,
                            "409 after a retried create: the stored row is ours"
                        );
                        decode_json(&stored, call.operation, table)
                    }
                    // Another row holds the ID: ours was not written.
                    settle::ReadBack::Other => Err(conflict.with_outcome(WriteOutcome::NotApplied)),
                    settle::ReadBack::Absent | settle::ReadBack::Unread => Err(conflict),
                }
            }
        }
    }
}

/// A pending [`Rows::update`].
///
/// Retried after ambiguous failures unless staged in a transaction or the data holds an
/// update operator.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct UpdateRow<'a, T> {
    api: &'a Rows<T>,
    id: Cow<'a, str>,
    data: Option<Result<Cow<'a, [u8]>>>,
    permissions: Option<Vec<Permission>>,
    transaction_id: Option<String>,
    since: Option<Timestamp>,
}

impl<'a, T> UpdateRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: Cow<'a, str>) -> Self {
        Self {
            api,
            id,
            data: None,
            permissions: None,
            transaction_id: None,
            since: None,
        }
    }

    /// The columns to change (a partial row).
    pub fn data(mut self, data: &(impl Serialize + ?Sized)) -> Self {
        self.data = Some(self.api.data_bytes(data).map(Cow::Owned));
        self
    }

    /// The columns to change, as the JSON object text of a partial row (checked by the
    /// caller), borrowed: it is copied once, into the request's body.
    pub(crate) fn data_json(mut self, json: &'a [u8]) -> Self {
        self.data = Some(Ok(Cow::Borrowed(json)));
        self
    }

    write_setters!();
    guard_setter!();
}

impl<T: DeserializeOwned> UpdateRow<'_, T> {
    /// Sends the request.
    pub(crate) async fn run(self) -> Result<Row<T>> {
        let table = self.api.table();
        let data = self.data.transpose()?;
        let mut body = JsonObject::new();
        if let Some(data) = &data {
            body.raw("data", data);
        }
        let body = body
            .opt("permissions", self.permissions.as_ref())
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let unsafe_write = self.transaction_id.is_some()
            || self.since.is_some()
            || data.as_deref().is_some_and(has_operator);
        let call = Call::patch("rows.update", self.api.row_path(&self.id))
            .body(body)
            .table(&self.api.table_id)
            .retry(if unsafe_write {
                RetryClass::Unsafe
            } else {
                RetryClass::Idempotent
            });
        let call = guard(call, self.since.as_ref(), &self.api.table_id)?;
        match call.execute(&self.api.client).await {
            Ok(reply) => decode_json(&reply, call.operation, table),
            // Repeatable, with its values known: a lost answer can be settled by reading.
            Err(error) if !unsafe_write && error.outcome() == Some(WriteOutcome::Unknown) => {
                match &data {
                    Some(data) => {
                        Box::pin(settle::in_effect(
                            self.api,
                            &self.id,
                            data,
                            call.operation,
                            error,
                        ))
                        .await
                    }
                    None => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }
}

/// A pending [`Rows::upsert`].
///
/// With an explicit ID it is retried after ambiguous failures (writing the same row twice
/// ends the same), unless staged in a transaction or the data holds an operator.
///
/// Real Appwrite servers (1.8.1 and 1.9.6 were checked) ignore `X-Appwrite-Timestamp` on
/// an upsert (`PUT`) and overwrite a row changed meanwhile. So a guarded upsert
/// ([`UpsertRow::unless_modified_since`]) is sent as what the servers do guard: an update
/// of the row with the guard (`PATCH`, refused with 409 if the row changed), or, when the
/// row does not exist, a create (`POST`, refused with 409 if someone created it
/// meanwhile). Either refusal is [`Error::Modified`]. The data is written whole either way.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct UpsertRow<'a, T> {
    api: &'a Rows<T>,
    id: Cow<'a, str>,
    data: Result<Vec<u8>>,
    permissions: Option<Vec<Permission>>,
    transaction_id: Option<String>,
    since: Option<Timestamp>,
}

impl<'a, T> UpsertRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: Cow<'a, str>, data: Result<Vec<u8>>) -> Self {
        Self {
            api,
            id,
            data,
            permissions: None,
            transaction_id: None,
            since: None,
        }
    }

    write_setters!();
    guard_setter!();
}

impl<T: DeserializeOwned> UpsertRow<'_, T> {
    /// Sends the request.
    pub(crate) async fn run(mut self) -> Result<Row<T>> {
        let table = self.api.table();
        // The ID is in the path (checked there): `unique()` is no server-made ID here, and
        // Appwrite refuses it.
        let data = std::mem::replace(&mut self.data, Ok(Vec::new()))?;
        if let Some(since) = &self.since {
            if self.transaction_id.is_some() {
                return Err(Error::Validation {
                    table: table.map(str::to_owned),
                    column: None,
                    reason: "a guarded upsert (unless_modified_since) cannot be staged in a \
                             transaction: Appwrite does not guard staged writes by time"
                        .into(),
                });
            }
            return self.guarded(&data, since).await;
        }
        let body = JsonObject::new()
            .raw("data", &data)
            .opt("permissions", self.permissions.as_ref())
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(table)?;
        let unsafe_write = self.transaction_id.is_some() || has_operator(&data);
        let call = Call::put("rows.upsert", self.api.row_path(&self.id))
            .body(body)
            .table(&self.api.table_id)
            .retry(if unsafe_write {
                RetryClass::Unsafe
            } else {
                RetryClass::Idempotent
            });
        match call.execute(&self.api.client).await {
            Ok(reply) => decode_json(&reply, call.operation, table),
            // Repeatable, with the row's values known: a lost answer can be settled by
            // reading.
            Err(error) if !unsafe_write && error.outcome() == Some(WriteOutcome::Unknown) => {
                Box::pin(settle::in_effect(
                    self.api,
                    &self.id,
                    &data,
                    call.operation,
                    error,
                ))
                .await
            }
            Err(error) => Err(error),
        }
    }

    /// The guarded upsert: a guarded update, or a create when the row does not exist.
    async fn guarded(&self, data: &[u8], since: &Timestamp) -> Result<Row<T>> {
        let table = self.api.table();
        // Each step is sent once, so a refusal means nothing was written.
        let modified = |message: &str| Error::Modified {
            answer: Box::new(Answer {
                kind: AppwriteErrorType::RowUpdateConflict,
                message: message.to_owned(),
                operation: "rows.upsert",
                table: table.map(str::to_owned),
                outcome: Some(crate::WriteOutcome::NotApplied),
                row: None,
            }),
        };
        let body = JsonObject::new()
            .raw("data", data)
            .opt("permissions", self.permissions.as_ref())
            .finish(table)?;
        let call = Call::patch("rows.upsert", self.api.row_path(&self.id))
            .body(body)
            .table(&self.api.table_id)
            .retry(RetryClass::Unsafe);
        let call = guard(call, Some(since), &self.api.table_id)?;
        match call.execute(&self.api.client).await {
            Ok(reply) => return decode_json(&reply, call.operation, table),
            Err(Error::NotFound { answer }) if answer.kind == AppwriteErrorType::RowNotFound => {}
            Err(Error::Modified { answer }) => return Err(modified(&answer.message)),
            Err(other) => return Err(other),
        }
        let mut create = CreateRow::new(self.api, self.id.clone(), Ok(data.to_vec()));
        create.permissions.clone_from(&self.permissions);
        match create.run().await {
            Err(Error::Conflict { answer })
                if answer.kind == AppwriteErrorType::RowAlreadyExists =>
            {
                Err(modified(
                    "the row did not exist at the guard's time and was created meanwhile",
                ))
            }
            other => other,
        }
    }
}

/// A pending [`Rows::delete`].
///
/// Retried after ambiguous failures; a 404 on a retry means an earlier attempt deleted it,
/// and counts as success. A 404 on the first attempt is [`crate::Error::NotFound`].
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug)]
pub struct DeleteRow<'a, T> {
    api: &'a Rows<T>,
    id: Cow<'a, str>,
    transaction_id: Option<String>,
    since: Option<Timestamp>,
}

impl<'a, T> DeleteRow<'a, T> {
    pub(super) fn new(api: &'a Rows<T>, id: Cow<'a, str>) -> Self {
        Self {
            api,
            id,
            transaction_id: None,
            since: None,
        }
    }

    /// Refuses the delete with 409 `row_update_conflict` if the row changed after `since`;
    /// sent as `X-Appwrite-Timestamp`.
    pub fn unless_modified_since(mut self, since: Timestamp) -> Self {
        self.since = Some(since);
        self
    }

    /// Stages the delete in a transaction (never retried after an ambiguous failure).
    pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
        self.transaction_id = Some(transaction_id.into());
        self
    }

    /// Sends the request.
    pub(crate) async fn run(self) -> Result<()> {
        let body = JsonObject::new()
            .opt("transactionId", self.transaction_id.as_deref())
            .finish(self.api.table())?;
        let mut call = Call::delete("rows.delete", self.api.row_path(&self.id))
            .body(body)
            .table(&self.api.table_id);
        // A guarded or staged delete is not repeated after an ambiguous failure: a first
        // attempt that went through would make the repeat conflict or stage it twice.
        let repeatable = self.transaction_id.is_none() && self.since.is_none();
        if !repeatable {
            call = call.retry(RetryClass::Unsafe);
        }
        let call = guard(call, self.since.as_ref(), &self.api.table_id)?;
        match call.execute(&self.api.client).await {
            Ok(_) => Ok(()),
            Err(error) if repeatable && error.outcome() == Some(WriteOutcome::Unknown) => {
                Box::pin(settle::deleted(self.api, &self.id, error)).await
            }
            Err(error) => Err(error),
        }
    }
}

crate::api::awaitable! {
    CreateRow<T> => Row<T>;
    UpdateRow<T> => Row<T>;
    UpsertRow<T> => Row<T>;
    DeleteRow<T> => ();
}
