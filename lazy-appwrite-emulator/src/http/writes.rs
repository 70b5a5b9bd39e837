//! The body of a single-row update or upsert (`data`, `permissions`): each route's spec
//! of it, in Appwrite's declared order, and the parsed values a handler receives in
//! [`CheckedRequest::write`](crate::http::request::CheckedRequest::write).

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult, catalogue};
use crate::http::params::Params;
use crate::schema::permission::{Level, permission_strings, validate_and_expand};

/// One parameter of a row write's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteParam {
    /// `data` of an update: utopia's `JSON` (an object, an empty list, or either encoded
    /// as a JSON string), optional, `{}` by default.
    Data,
    /// `data` of an upsert: as [`WriteParam::Data`], and a list of one object counts as
    /// that object; a list of several is `400 row_missing_payload`, as on the real server.
    UpsertData,
    /// `permissions`: a list of row permission strings, optional (`null` is none),
    /// checked and expanded.
    Permissions,
}

/// The body of `PATCH …/rows/{rowId}` (and of its replay from a transaction).
pub const ROW_UPDATE: &[WriteParam] = &[WriteParam::Data, WriteParam::Permissions];
/// The body of `PUT …/rows/{rowId}` (and of its replay from a transaction).
pub const ROW_UPSERT: &[WriteParam] = &[WriteParam::UpsertData, WriteParam::Permissions];

/// The parsed body of a row write; what a route's spec lacks keeps its default.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WriteBody {
    /// `data` (empty when absent).
    pub data: Map<String, Value>,
    /// `permissions`, expanded, if given.
    pub permissions: Option<Vec<String>>,
}

impl WriteBody {
    /// Checks each parameter of `spec` in its order (the first invalid one is the error)
    /// in `params`, and returns their values.
    pub fn check(spec: &[WriteParam], params: &Params) -> ApiResult<Self> {
        let mut body = Self::default();
        for param in spec {
            match param {
                WriteParam::Data => body.data = params.object("data")?.unwrap_or_default(),
                WriteParam::UpsertData => body.data = upsert_data(params)?,
                WriteParam::Permissions => {
                    body.permissions = params.get("permissions").map(permission_list).transpose()?
                }
            }
        }
        Ok(body)
    }

    /// Whether the write changes nothing: empty `data` and no `permissions`.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty() && self.permissions.is_none()
    }
}

/// Checks and expands a row permission list given as JSON (the `permissions` parameter,
/// or `$permissions` in a row's data).
pub fn permission_list(value: &Value) -> ApiResult<Vec<String>> {
    let list = permission_strings("permissions", value)?;
    validate_and_expand("permissions", &list, Level::Row)
}

/// Upsert's `data` (see [`WriteParam::UpsertData`]).
fn upsert_data(params: &Params) -> ApiResult<Map<String, Value>> {
    match params.get("data") {
        Some(Value::Array(items)) if items.len() > 1 => Err(catalogue::row_payload_missing()),
        Some(Value::Array(items)) => match items.first() {
            Some(Value::Object(map)) => Ok(map.clone()),
            None => Ok(Map::new()),
            Some(_) => Err(ApiError::param_invalid(
                "data",
                catalogue::validators::json(),
            )),
        },
        _ => Ok(params.object("data")?.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorType;

    fn check(spec: &[WriteParam], body: Value) -> ApiResult<WriteBody> {
        let Value::Object(map) = body else {
            panic!("an object");
        };
        WriteBody::check(spec, &Params::from_map(map))
    }

    #[test]
    fn defaults_and_values() {
        let empty = check(ROW_UPDATE, json!({})).unwrap();
        assert!(empty.is_empty());
        let body = check(
            ROW_UPDATE,
            json!({"data": "{\"n\":1}", "permissions": ["read(\"any\")"]}),
        )
        .unwrap();
        assert_eq!(body.data.get("n"), Some(&json!(1)));
        assert_eq!(body.permissions, Some(vec!["read(\"any\")".to_string()]));
        assert!(!body.is_empty());
        let none = check(ROW_UPDATE, json!({"permissions": null})).unwrap();
        assert_eq!(none.permissions, None);
    }

    #[test]
    fn data_comes_before_permissions() {
        let err = check(ROW_UPDATE, json!({"data": 5, "permissions": 5})).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid `data` param: Value must be a valid JSON string"
        );
        let err = check(ROW_UPDATE, json!({"permissions": ["nope(\"any\")"]})).unwrap_err();
        assert!(err.message.contains("`permissions`"), "{}", err.message);
    }

    #[test]
    fn upsert_data_lists() {
        let one = check(ROW_UPSERT, json!({"data": [{"n": 2}]})).unwrap();
        assert_eq!(one.data.get("n"), Some(&json!(2)));
        assert!(check(ROW_UPSERT, json!({"data": []})).unwrap().is_empty());
        let err = check(ROW_UPSERT, json!({"data": [{}, {}]})).unwrap_err();
        assert_eq!(err.kind, ErrorType::RowMissingPayload);
        let err = check(ROW_UPSERT, json!({"data": [5]})).unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        // An update takes no list of one.
        assert!(check(ROW_UPDATE, json!({"data": [{"n": 2}]})).is_err());
    }
}
