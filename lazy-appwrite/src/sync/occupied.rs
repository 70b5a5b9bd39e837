//! Refusing to add a required column to a table that already has rows.
//!
//! Appwrite adds a required column to a table with rows without complaint, and the rows
//! made before it read `null` in that column: a model whose field cannot be `null` could
//! then read none of them. So before such a column is created, one row is listed (only
//! then, so a sync that adds nothing of the kind costs nothing more), and a table with rows
//! is an error naming the table and column.

use serde::de::IgnoredAny;

use super::step::Diff;
use crate::api::Rows;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::name::Name;
use crate::query::Query;
use crate::schema::{ColumnSchema, TableSchema};

/// Whether rows made before `column` existed would read a `null` the model cannot take:
/// a required single value without a default (unset arrays read as `[]`).
fn needs_a_value(column: &ColumnSchema) -> bool {
    column.required && column.default.is_none() && !column.array && !column.is_relationship()
}

/// Fails if `diff` adds a column every row needs a value in, and the table has rows.
pub(crate) async fn refuse_required_on_rows(
    client: &Client,
    database: &str,
    schema: &'static TableSchema,
    diff: &Diff,
) -> Result<()> {
    let Some(column) = diff.created_columns().find(|c| needs_a_value(c)) else {
        return Ok(());
    };
    let page = Rows::<IgnoredAny>::new(
        client.clone(),
        Name::from(String::from(database)),
        Name::Static(schema.id),
    )
    .list()
    .query(Query::limit(1))
    .await?;
    if page.rows.is_empty() {
        return Ok(());
    }
    Err(Error::SchemaDrift {
        table: schema.id.to_owned(),
        column: Some(column.key.to_owned()),
        reason: format!(
            "cannot add the required column `{}` to a table that already has rows: Appwrite \
             would leave it `null` in those rows, and the model could not read them. Give \
             the field a default (`#[column(default = …)]`) or make it an `Option`",
            column.key
        ),
    })
}
