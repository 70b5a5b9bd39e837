//! One row of a bulk write.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::permission::Permission;
use crate::transport::body::{object_bytes, with_prefix};

/// A row for [`super::Rows::create_many`] and [`super::Rows::upsert_many`]: data, and
/// optionally its ID and permissions (sent as `$id` and `$permissions`).
///
/// ```
/// use lazy_appwrite::{ID, Permission, Role, api::rows::RowInput};
///
/// #[derive(serde::Serialize)]
/// struct Book { title: &'static str }
///
/// let row = RowInput::new(&Book { title: "Dune" })
///     .id("book-1")
///     .permissions([Permission::read(Role::any())]);
/// assert_eq!(row.row_id(), Some("book-1"));
/// ```
#[derive(Debug, Clone)]
pub struct RowInput {
    id: Option<String>,
    permissions: Option<Vec<Permission>>,
    data: std::result::Result<Vec<u8>, String>,
}

impl RowInput {
    /// A row with this data and a server-made ID.
    pub fn new(data: &(impl Serialize + ?Sized)) -> Self {
        let data = object_bytes(data, "").map_err(|e| match e {
            Error::Validation { reason, .. } => reason,
            other => other.to_string(),
        });
        Self {
            id: None,
            permissions: None,
            data,
        }
    }

    /// A row with this ID and data.
    pub fn with_id(id: impl Into<String>, data: &(impl Serialize + ?Sized)) -> Self {
        Self::new(data).id(id)
    }

    /// Sets the row ID (`$id`).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the row permissions (`$permissions`).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// The row ID, if set.
    pub fn row_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The data with `$id` and `$permissions` in front.
    pub(crate) fn to_json(&self, table: &str) -> Result<Vec<u8>> {
        let data = self.data.as_ref().map_err(|reason| Error::Validation {
            table: Some(table.to_owned()),
            column: None,
            reason: reason.clone(),
        })?;
        let mut prefix = Vec::new();
        // Strings and permission lists cannot fail to serialize.
        let encode = |v: &dyn erased::Json| v.json();
        if let Some(id) = &self.id {
            prefix.extend_from_slice(br#""$id":"#);
            prefix.extend_from_slice(&encode(id));
        }
        if let Some(permissions) = &self.permissions {
            if !prefix.is_empty() {
                prefix.push(b',');
            }
            prefix.extend_from_slice(br#""$permissions":"#);
            prefix.extend_from_slice(&encode(permissions));
        }
        Ok(with_prefix(data, &prefix))
    }

    /// Why the data could not be serialized as a JSON object, if it could not.
    pub(crate) fn data_error(&self) -> Option<&str> {
        self.data.as_ref().err().map(String::as_str)
    }

    pub(crate) fn has_own_id(&self) -> bool {
        self.id
            .as_deref()
            .is_some_and(|id| id != crate::api::SERVER_ID)
    }
}

mod erased {
    /// A value written as JSON.
    pub(super) trait Json {
        fn json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permission::Role;

    #[test]
    fn system_fields_go_first() {
        let row = RowInput::with_id("b1", &serde_json::json!({"title": "x"}))
            .permissions([Permission::read(Role::any())]);
        assert_eq!(
            String::from_utf8(row.to_json("t").unwrap()).unwrap(),
            r#"{"$id":"b1","$permissions":["read(\"any\")"],"title":"x"}"#
        );
        let row = RowInput::new(&serde_json::json!({}));
        assert_eq!(row.to_json("t").unwrap(), b"{}");
        assert!(RowInput::new(&3).to_json("t").is_err());
    }
}
