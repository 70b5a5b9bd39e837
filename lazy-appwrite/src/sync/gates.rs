//! What the server's Appwrite version lets a sync do: which kinds it can create, and
//! whether a new table takes its columns inline. The version is asked for only when the
//! sync is about to create something (see [`Client::server_version`]), so a table that
//! already matches costs no extra request.

use crate::api::server_version;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::schema::{ColumnSchema, TableSchema};
use crate::version::{Feature, ServerVersion};

/// The server's version, after checking that it has every kind `creates` needs.
pub(crate) async fn version_for<'c>(
    client: &Client,
    schema: &TableSchema,
    creates: impl IntoIterator<Item = &'c ColumnSchema>,
) -> Result<ServerVersion> {
    let version = server_version(client).await?;
    check_kinds(schema, creates, &version)?;
    Ok(version)
}

/// Refuses a column whose kind the server does not have, naming it, before anything is
/// created.
pub(crate) fn check_kinds<'c>(
    schema: &TableSchema,
    creates: impl IntoIterator<Item = &'c ColumnSchema>,
    version: &ServerVersion,
) -> Result<()> {
    creates.into_iter().try_for_each(|column| {
        match version.lacks_for_column_kind(column.kind.endpoint()) {
            Some(feature) => Err(Error::unsupported(
                schema.id,
                Some(column.key),
                feature,
                version.clone(),
            )),
            None => Ok(()),
        }
    })
}

/// Whether a create-table request makes the columns and indexes it carries. Appwrite
/// 1.8.1 accepts `columns` and `indexes` there and ignores them.
pub(crate) fn takes_inline(version: &ServerVersion) -> bool {
    version.has(Feature::InlineColumns)
}
