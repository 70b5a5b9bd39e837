//! What a new or changed column looks like: the [`ColumnSpec`] trait, which the builders
//! of [`super::builders`] and a model's [`ColumnSchema`] implement.
//!
//! Every spec is used for both [`super::Columns::create`] and [`super::Columns::update`]:
//! create sends every set field; update sends `required`, `default` (as `null` when
//! unset, since Appwrite requires the key) and the kind's changeable settings. The bodies
//! come from the core crate's one encoder.

use crate::declared::{ColumnSchema, ColumnType};
use crate::error::{Error, Result};
use crate::response::ColumnInfo;
use crate::transport::JsonObject;
use lazy_appwrite_core::encode::{ColumnFields, Fields, KindFields, push_description};

pub(super) mod sealed {
    pub trait Sealed {}
}

/// A column definition: one of the builders of [`crate::columns`], or a model's
/// [`ColumnSchema`].
///
/// ```
/// use lazy_appwrite::columns::{ColumnSpec, IntegerColumn};
/// let spec = IntegerColumn::new("count").min(0).max(1000).default(0);
/// assert_eq!((spec.key(), spec.kind()), ("count", "integer"));
/// ```
pub trait ColumnSpec: sealed::Sealed + Send + Sync {
    /// The column key.
    fn key(&self) -> &str;

    /// The kind, as it appears in the endpoint path (`string`, `integer`, `float`, …).
    fn kind(&self) -> &'static str;

    /// The create body.
    #[doc(hidden)]
    fn create_body(&self) -> Result<Vec<u8>>;

    /// The update body, renaming the column to `new_key` if given.
    #[doc(hidden)]
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>>;

    /// Whether a stored column is what this definition creates (same key and kind).
    #[doc(hidden)]
    fn describes(&self, column: &ColumnInfo) -> bool {
        column.key == self.key() && column.kind.info().map(|k| k.name) == Some(self.kind())
    }
}

/// The fields as the bytes of a JSON object, in order; a failure names column `key`.
pub(super) fn write(fields: Fields, key: &str) -> Result<Vec<u8>> {
    let mut body = JsonObject::new();
    for (name, value) in &fields {
        body.field(name, value);
    }
    body.finish(None).map(|b| b.to_vec()).map_err(|e| match e {
        Error::Validation { reason, .. } => Error::Validation {
            table: None,
            column: Some(key.to_owned()),
            reason,
        },
        other => other,
    })
}

/// The error for updating a relationship column through [`super::Columns::update`].
pub(super) fn relationship_update(key: &str) -> Error {
    Error::Validation {
        table: None,
        column: Some(key.to_owned()),
        reason: "relationship columns are changed with Columns::update_relationship".into(),
    }
}

/// A model's column is its own spec: `columns.create(&User::SCHEMA.columns[0])`.
///
/// ```
/// use lazy_appwrite::columns::ColumnSpec;
/// use lazy_appwrite::schema::{ColumnSchema, ColumnType};
/// let count = ColumnSchema::new("count", ColumnType::Integer { min: Some(0), max: None });
/// assert_eq!((count.key(), count.kind()), ("count", "integer"));
/// assert_eq!(String::from_utf8(ColumnSpec::create_body(&count)?).unwrap(),
///     r#"{"key":"count","required":false,"min":0}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
impl ColumnSpec for ColumnSchema {
    fn key(&self) -> &str {
        self.key
    }
    fn kind(&self) -> &'static str {
        self.kind.endpoint()
    }
    fn create_body(&self) -> Result<Vec<u8>> {
        write(self.create_fields(), self.key)
    }
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
        match self.kind {
            ColumnType::Relationship(_) => Err(relationship_update(self.key)),
            _ => write(self.fields().update(new_key), self.key),
        }
    }
}

impl sealed::Sealed for ColumnSchema {}

/// A model's column with its description, for servers that take one (Appwrite 2.6.0 and
/// later): the sync creates and heals columns through it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Described<'a>(pub(crate) &'a ColumnSchema);

impl sealed::Sealed for Described<'_> {}

impl ColumnSpec for Described<'_> {
    fn key(&self) -> &str {
        self.0.key
    }
    fn kind(&self) -> &'static str {
        self.0.kind.endpoint()
    }
    fn create_body(&self) -> Result<Vec<u8>> {
        write(self.0.create_fields_described(), self.0.key)
    }
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
        match self.0.kind {
            ColumnType::Relationship(_) => Err(relationship_update(self.0.key)),
            _ => {
                let mut fields = self.0.fields().update(new_key);
                push_description(&mut fields, self.0.description);
                write(fields, self.0.key)
            }
        }
    }
}

/// An update of a model's column, with settings the sync chose (the server's enum
/// elements kept, open numeric bounds sent as the type's extremes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SchemaUpdate {
    kind: &'static str,
    fields: ColumnFields<'static>,
    /// Sent with the update, for servers that take one.
    description: Option<&'static str>,
}

impl SchemaUpdate {
    /// The update of `column` with `fields`.
    pub(crate) fn new(column: &ColumnSchema, fields: ColumnFields<'static>) -> Self {
        Self {
            kind: column.kind.endpoint(),
            fields,
            description: None,
        }
    }

    /// With the column's description (for servers that take one).
    pub(crate) fn with_description(mut self, description: Option<&'static str>) -> Self {
        self.description = description;
        self
    }

    /// The fields, to adjust.
    pub(crate) fn kind_fields(&mut self) -> &mut KindFields {
        &mut self.fields.kind
    }
}

impl sealed::Sealed for SchemaUpdate {}

impl ColumnSpec for SchemaUpdate {
    fn key(&self) -> &str {
        self.fields.key
    }
    fn kind(&self) -> &'static str {
        self.kind
    }
    fn create_body(&self) -> Result<Vec<u8>> {
        let mut fields = self.fields.create();
        push_description(&mut fields, self.description);
        write(fields, self.fields.key)
    }
    fn update_body(&self, new_key: Option<&str>) -> Result<Vec<u8>> {
        let mut fields = self.fields.update(new_key);
        push_description(&mut fields, self.description);
        write(fields, self.fields.key)
    }
}
