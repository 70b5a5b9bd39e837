//! [`Ref<T>`]: the value of a relationship field, pointing at a row of model `T`.
//!
//! A relationship field is typed by the model it links to: `author: Option<Ref<Author>>`
//! for a to-one side, `books: Option<Vec<Ref<Book>>>` for a to-many side. A `Ref` is one of
//! three things:
//!
//! - **a link by ID** ([`Ref::id`]): the row exists, this row points at it;
//! - **a new related row** ([`Ref::new`]): created in the same request as this row
//!   (Appwrite's nested write), with a client-made ID so a retry cannot make two;
//! - **a loaded row** (read back with a typed `load`, see
//!   [`crate::typed::ListQuery::load`]): the related row decoded into a
//!   [`Row<T>`](crate::Row).
//!
//! Written back, a loaded row is sent as its ID only: updating a book never rewrites its
//! author by accident.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::Value;

use crate::declared::{
    CheckValue, ColumnSchema, ColumnType, HoldsRelationship, InferKind, Relation,
    RelationshipKindNamed, RelationshipSchema, Rule, Scalar, Violation, kind,
};
use crate::error::Error;
use crate::id::ID;
use crate::permission::Permission;
use crate::response::Row;
use crate::typed::Operand;
use crate::typed::table::{RefTarget, Table, related_model};

/// A link from a relationship field to a row of model `T`: an ID, a new row created with
/// this one, or the related row as loaded.
///
/// ```
/// use lazy_appwrite::{Ref, Table};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
/// #[table(id = "authors")]
/// struct Author { #[column(size = 64)] name: String }
///
/// let linked: Ref<Author> = Ref::link("ada");
/// assert_eq!(linked.id(), "ada");
/// assert_eq!(serde_json::to_string(&linked)?, r#""ada""#);
///
/// let new = Ref::new_with_id("grace", Author { name: "Grace".into() });
/// assert_eq!(serde_json::to_string(&new)?, r#"{"$id":"grace","name":"Grace"}"#);
///
/// let loaded: Ref<Author> = serde_json::from_str(r#"{"$id":"ada","name":"Ada"}"#)?;
/// assert_eq!(loaded.row().map(|r| r.name.as_str()), Some("Ada"));
/// assert_eq!(serde_json::to_string(&loaded)?, r#""ada""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Ref<T> {
    inner: Inner<T>,
}

#[derive(Clone, PartialEq)]
enum Inner<T> {
    Id(String),
    New {
        id: String,
        row: Box<T>,
        permissions: Option<Vec<Permission>>,
    },
    Loaded(Box<Row<T>>),
}

impl<T> Ref<T> {
    /// A link to the existing row with this ID (`"ada".into()` does the same).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "authors")]
    /// # struct Author { #[column(size = 64)] name: String }
    /// let author = lazy_appwrite::Ref::<Author>::link("ada");
    /// assert_eq!(author.id(), "ada");
    /// assert!(!author.is_loaded() && !author.is_new());
    /// ```
    pub fn link(id: impl Into<String>) -> Self {
        Self {
            inner: Inner::Id(id.into()),
        }
    }

    /// The related row's ID, whichever form the link has.
    pub fn id(&self) -> &str {
        match &self.inner {
            Inner::Id(id) | Inner::New { id, .. } => id,
            Inner::Loaded(row) => &row.id,
        }
    }

    /// A new row of `T`, created in the same request as the row that links to it, with a
    /// client-made ID ([`ID::unique`]).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "authors")]
    /// # struct Author { #[column(size = 64)] name: String }
    /// let author = lazy_appwrite::Ref::new(Author { name: "Ada".into() });
    /// assert_eq!(author.id().len(), 20);
    /// assert_eq!(author.data().map(|a| a.name.as_str()), Some("Ada"));
    /// ```
    pub fn new(row: T) -> Self {
        Self::new_with_id(ID::unique(), row)
    }

    /// A new row of `T` with this ID, created in the same request as the row that links
    /// to it.
    pub fn new_with_id(id: impl Into<String>, row: T) -> Self {
        Self {
            inner: Inner::New {
                id: id.into(),
                row: Box::new(row),
                permissions: None,
            },
        }
    }

    /// The permissions of a new related row (ignored for links and loaded rows, whose
    /// permissions are their own).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "authors")]
    /// # struct Author { #[column(size = 64)] name: String }
    /// use lazy_appwrite::{Permission, Ref, Role};
    /// let author = Ref::new_with_id("ada", Author { name: "Ada".into() })
    ///     .permissions([Permission::read(Role::any())]);
    /// assert_eq!(serde_json::to_string(&author)?,
    ///     r#"{"$id":"ada","$permissions":["read(\"any\")"],"name":"Ada"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        if let Inner::New { permissions: p, .. } = &mut self.inner {
            *p = Some(permissions.into_iter().collect());
        }
        self
    }

    /// The related row, if it was loaded.
    pub fn row(&self) -> Option<&Row<T>> {
        match &self.inner {
            Inner::Loaded(row) => Some(row),
            _ => None,
        }
    }

    /// The related row, if it was loaded.
    pub fn into_row(self) -> Option<Row<T>> {
        match self.inner {
            Inner::Loaded(row) => Some(*row),
            _ => None,
        }
    }

    /// The related row's data: the loaded row's, or the new row's.
    pub fn data(&self) -> Option<&T> {
        match &self.inner {
            Inner::Id(_) => None,
            Inner::New { row, .. } => Some(row),
            Inner::Loaded(row) => Some(&row.data),
        }
    }

    /// Whether the related row was loaded (rather than being just an ID or a new row).
    pub fn is_loaded(&self) -> bool {
        matches!(self.inner, Inner::Loaded(_))
    }

    /// Whether this is a new related row, to be created with the row that links to it.
    pub fn is_new(&self) -> bool {
        matches!(self.inner, Inner::New { .. })
    }
}

impl<T> From<Row<T>> for Ref<T> {
    /// The link to a row already read.
    fn from(row: Row<T>) -> Self {
        Self {
            inner: Inner::Loaded(Box::new(row)),
        }
    }
}

impl<T> From<&Row<T>> for Ref<T> {
    /// The link (by ID) to a row already read.
    fn from(row: &Row<T>) -> Self {
        Self::link(row.id.clone())
    }
}

impl<T> From<&str> for Ref<T> {
    /// The link to the row with this ID.
    fn from(id: &str) -> Self {
        Self::link(id)
    }
}

impl<T> From<String> for Ref<T> {
    /// The link to the row with this ID.
    fn from(id: String) -> Self {
        Self::link(id)
    }
}

impl<T: fmt::Debug> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Id(id) => f.debug_tuple("Ref::Id").field(id).finish(),
            Inner::New { id, row, .. } => f
                .debug_struct("Ref::New")
                .field("id", id)
                .field("row", row)
                .finish(),
            Inner::Loaded(row) => f.debug_tuple("Ref::Loaded").field(row).finish(),
        }
    }
}

impl<T: Serialize> Serialize for Ref<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.inner {
            Inner::Id(id) => serializer.serialize_str(id),
            Inner::Loaded(row) => serializer.serialize_str(&row.id),
            Inner::New {
                id,
                row,
                permissions,
            } => {
                let mut object = match serde_json::to_value(row.as_ref()) {
                    Ok(serde_json::Value::Object(object)) => object,
                    Ok(_) => {
                        return Err(S::Error::custom(
                            "a new related row must serialize as an object",
                        ));
                    }
                    Err(e) => return Err(S::Error::custom(e)),
                };
                let mut nested = serde_json::Map::with_capacity(object.len() + 2);
                nested.insert("$id".into(), id.as_str().into());
                if let Some(permissions) = permissions {
                    let list = permissions.iter().map(|p| p.as_str().into()).collect();
                    nested.insert("$permissions".into(), serde_json::Value::Array(list));
                }
                nested.append(&mut object);
                nested.serialize(serializer)
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ref<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RefVisitor(PhantomData))
    }
}

struct RefVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for RefVisitor<T> {
    type Value = Ref<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a related row's ID or the related row")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Ref<T>, E> {
        Ok(Ref::link(id))
    }

    fn visit_string<E: de::Error>(self, id: String) -> Result<Ref<T>, E> {
        Ok(Ref::link(id))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ref<T>, A::Error> {
        let row = Row::<T>::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Ref::from(row))
    }
}

impl<T: Table> CheckValue for Ref<T> {
    /// A link's ID must be a valid row ID; a new related row must pass its own table's
    /// rules.
    fn check(&self, _column: &ColumnSchema) -> Result<(), Violation> {
        match &self.inner {
            Inner::Id(id) => ID::validate(id).map_err(|e| {
                Violation::new(
                    Rule::Relationship,
                    format!("the related row's ID: {}", reason(&e)),
                )
            }),
            Inner::New { id, row, .. } => {
                ID::validate(id).map_err(|e| {
                    Violation::new(
                        Rule::Relationship,
                        format!("the new related row's ID: {}", reason(&e)),
                    )
                })?;
                row.validate().map_err(|e| {
                    Violation::new(
                        Rule::Relationship,
                        format!("the new related row `{id}` is invalid: {}", reason(&e)),
                    )
                })
            }
            Inner::Loaded(_) => Ok(()),
        }
    }
}

/// What an error says, without repeating "invalid input".
fn reason(error: &Error) -> String {
    match error {
        Error::Validation {
            table,
            column,
            reason,
        } => match (table, column) {
            (Some(t), Some(c)) => format!("table `{t}`, column `{c}`: {reason}"),
            (Some(t), None) => format!("table `{t}`: {reason}"),
            _ => reason.clone(),
        },
        other => other.to_string(),
    }
}

impl<T: Table> RefTarget for Ref<T> {
    type Model = T;
}

/// A relationship field's element: a link to a row of another model.
impl<T> Scalar for Ref<T> {}

impl<T> HoldsRelationship for Ref<T> {}

impl<T: Table> InferKind for Ref<T>
where
    Self: RelationshipKindNamed,
{
    type Kind = kind::Relationship;
    const KIND: ColumnType = ColumnType::Relationship(
        RelationshipSchema::new(T::ID, Relation::ManyToOne).related_model(related_model::<T>()),
    );
}

/// A relationship column compares the related row's ID.
impl<T> Operand<Ref<T>> for &str {
    fn into_operand(self) -> Value {
        Value::from(self)
    }
}

/// A relationship column compares the related row's ID.
impl<T> Operand<Ref<T>> for String {
    fn into_operand(self) -> Value {
        Value::from(self)
    }
}

/// A relationship column compares the related row's ID.
impl<T> Operand<Ref<T>> for &String {
    fn into_operand(self) -> Value {
        Value::from(self.as_str())
    }
}

/// A relationship column compares the related row's ID: a row already read.
impl<T, U> Operand<Ref<T>> for &Row<U> {
    fn into_operand(self) -> Value {
        Value::from(self.id.as_str())
    }
}
