//! The IDs a request names: the raw segments of its path, and each route's spec of its ID
//! parameters (name, where it comes from, validator, the name Appwrite's message shows, in
//! the order they are checked), whose checked values fill a
//! [`CheckedRequest`](crate::http::request::CheckedRequest).

use std::collections::HashMap;

use serde_json::Value;

use crate::error::{ApiError, ApiResult, catalogue};
use crate::http::params::Params;
#[cfg(doc)]
use crate::http::request::CheckedRequest;
use crate::profile::AppwriteVersion;
use crate::validate::ids::{UID_DESCRIPTION, check_key, check_uid, is_valid_id};

/// The decoded path segments of a matched route, by template name, before any check.
#[derive(Debug, Default, Clone)]
pub struct RawPath(pub(crate) HashMap<String, String>);

impl RawPath {
    /// The arguments of `path` under `template` (axum's `{name}` syntax), percent-decoded
    /// with bytes that are not UTF-8 replaced: what PHP's validators see of a segment such
    /// as `%FF%FE`, so that they refuse it with Appwrite's message instead of a plain-text
    /// rejection.
    pub(crate) fn lossy(template: &str, path: &str) -> Self {
        let args = template
            .split('/')
            .zip(path.split('/'))
            .filter_map(|(name, segment)| {
                let name = name.strip_prefix('{')?.strip_suffix('}')?;
                let value = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
                Some((name.to_string(), value.into_owned()))
            })
            .collect();
        Self(args)
    }

    /// The segment named `name` (empty if the route has none).
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Which field of [`CheckedRequest`] an ID parameter fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// [`CheckedRequest::database`].
    Database,
    /// [`CheckedRequest::table`].
    Table,
    /// [`CheckedRequest::row`].
    Row,
    /// [`CheckedRequest::column`].
    Column,
    /// [`CheckedRequest::key`].
    Key,
    /// [`CheckedRequest::kind`].
    Kind,
    /// [`CheckedRequest::transaction`].
    Transaction,
    /// [`CheckedRequest::user`].
    User,
    /// [`CheckedRequest::team`].
    Team,
    /// [`CheckedRequest::membership`].
    Membership,
}

/// Where an ID parameter comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A segment of the path (`{name}` in the route template).
    Path,
    /// A body (or, for a `GET`, query-string) parameter.
    Body,
}

/// How an ID parameter is checked.
#[derive(Debug, Clone, Copy)]
pub enum IdRule {
    /// utopia's `UID` validator (an existing resource's ID).
    Uid,
    /// utopia's `Key` validator (column and index keys).
    Key,
    /// A segment that picks the endpoint, not an ID (a column kind): Appwrite declares one
    /// route per kind, so a segment release `profile` does not serve is "route not found".
    Kind(fn(&str, AppwriteVersion) -> bool),
    /// utopia's `Nullable(UID)`, optional (a row request's `transactionId`): absent, `null`
    /// or empty names nothing; anything else must be a UID, and fails with the UID
    /// description followed by "or null".
    OptionalUid,
}

/// One ID parameter of a route's spec.
#[derive(Debug, Clone, Copy)]
pub struct IdParam {
    /// Its name: in the route template (`{name}`) or in the body.
    pub name: &'static str,
    /// Where it comes from.
    pub source: Source,
    /// The name Appwrite's message gives it (the legacy API's `collectionId` is this
    /// emulator's `{tableId}`).
    pub shown_as: &'static str,
    /// Its validator.
    pub rule: IdRule,
    /// Where the checked value goes.
    pub slot: Slot,
}

impl IdParam {
    /// A `UID` path parameter shown under its template name.
    pub const fn uid(name: &'static str, slot: Slot) -> Self {
        Self {
            name,
            source: Source::Path,
            shown_as: name,
            rule: IdRule::Uid,
            slot,
        }
    }

    /// A `Key` path parameter shown under its template name.
    pub const fn key(name: &'static str, slot: Slot) -> Self {
        Self {
            name,
            source: Source::Path,
            shown_as: name,
            rule: IdRule::Key,
            slot,
        }
    }

    /// The same parameter, shown as `shown_as` in Appwrite's messages.
    pub const fn shown_as(mut self, shown_as: &'static str) -> Self {
        self.shown_as = shown_as;
        self
    }

    /// Checks this parameter of a request with path `raw` and parameters `params` as
    /// Appwrite checks it on release `profile`, and returns its value (empty: none given).
    pub(crate) fn check(
        &self,
        raw: &RawPath,
        params: &Params,
        profile: AppwriteVersion,
    ) -> ApiResult<String> {
        let text = match self.source {
            Source::Path => raw.get(self.name),
            Source::Body => match params.get(self.name) {
                None => "",
                Some(Value::String(text)) => text,
                Some(_) => return Err(self.invalid_optional_uid()),
            },
        };
        match self.rule {
            IdRule::Uid => check_uid(self.shown_as, text)?,
            IdRule::Key => check_key(self.shown_as, text)?,
            IdRule::Kind(serves) if serves(text, profile) => {}
            IdRule::Kind(_) => return Err(ApiError::route_not_found()),
            IdRule::OptionalUid if text.is_empty() || is_valid_id(text) => {}
            IdRule::OptionalUid => return Err(self.invalid_optional_uid()),
        }
        Ok(text.to_string())
    }

    fn invalid_optional_uid(&self) -> ApiError {
        ApiError::param_invalid(
            self.shown_as,
            &catalogue::validators::or_null(UID_DESCRIPTION),
        )
    }
}

/// `{databaseId}`.
pub const DATABASE_ID: IdParam = IdParam::uid("databaseId", Slot::Database);
/// `{tableId}`.
pub const TABLE_ID: IdParam = IdParam::uid("tableId", Slot::Table);
/// `{rowId}`.
pub const ROW_ID: IdParam = IdParam::uid("rowId", Slot::Row);
/// `{column}` of an increment or decrement.
pub const COUNTER_COLUMN: IdParam = IdParam::key("column", Slot::Column);
/// `{key}` of a column or an index.
pub const KEY: IdParam = IdParam::key("key", Slot::Key);
/// `{transactionId}`.
pub const TRANSACTION_ID: IdParam = IdParam::uid("transactionId", Slot::Transaction);
/// `{userId}`.
pub const USER_ID: IdParam = IdParam::uid("userId", Slot::User);
/// `{teamId}`.
pub const TEAM_ID: IdParam = IdParam::uid("teamId", Slot::Team);
/// `{membershipId}`.
pub const MEMBERSHIP_ID: IdParam = IdParam::uid("membershipId", Slot::Membership);
/// The `transactionId` a row request may carry to read through or stage into a
/// transaction.
pub const TRANSACTION_PARAM: IdParam = IdParam {
    name: "transactionId",
    source: Source::Body,
    shown_as: "transactionId",
    rule: IdRule::OptionalUid,
    slot: Slot::Transaction,
};

/// The path of a table's routes: `{databaseId}`, `{tableId}`.
pub const TABLE_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID];
/// The path of a row's routes: `{databaseId}`, `{tableId}`, `{rowId}`.
pub const ROW_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID, ROW_ID];
/// The path of an increment or decrement: the row's, then `{column}`.
pub const COUNTER_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID, ROW_ID, COUNTER_COLUMN];

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorType;
    use crate::http::request::CheckedRequest;

    const V: AppwriteVersion = AppwriteVersion::V1_9_6;

    fn raw(pairs: &[(&str, &str)]) -> RawPath {
        RawPath(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    /// The parameters of a request with none.
    static NO_PARAMS: std::sync::LazyLock<Params> = std::sync::LazyLock::new(Params::default);

    fn check(spec: &[IdParam], pairs: &[(&str, &str)]) -> ApiResult<CheckedRequest<'static>> {
        CheckedRequest::check(spec, &raw(pairs), &NO_PARAMS, V)
    }

    #[test]
    fn checks_in_declared_order() {
        let bad_both = [("databaseId", "_db"), ("tableId", "_t"), ("rowId", "r")];
        let err = check(ROW_PATH, &bad_both).unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert!(err.message.starts_with("Invalid `databaseId` param: UID"));
        let bad_row = [("databaseId", "db"), ("tableId", "t"), ("rowId", "a b")];
        let err = check(ROW_PATH, &bad_row).unwrap_err();
        assert!(err.message.starts_with("Invalid `rowId` param: UID"));
        let ids = check(
            ROW_PATH,
            &[("databaseId", "db"), ("tableId", "t"), ("rowId", "r")],
        );
        let ids = ids.unwrap();
        assert_eq!((ids.database.as_str(), ids.table.as_str()), ("db", "t"));
        assert_eq!(ids.row, "r");
        assert!(ids.column.is_empty() && !ids.names_transaction());
    }

    #[test]
    fn keys_and_shown_names() {
        let counter = [
            ("databaseId", "db"),
            ("tableId", "t"),
            ("rowId", "r"),
            ("column", "bad key"),
        ];
        let err = check(COUNTER_PATH, &counter).unwrap_err();
        assert!(
            err.message
                .starts_with("Invalid `column` param: Parameter must")
        );
        let legacy = [DATABASE_ID, TABLE_ID.shown_as("collectionId")];
        let err = check(&legacy, &[("databaseId", "db"), ("tableId", "-")]).unwrap_err();
        assert!(err.message.starts_with("Invalid `collectionId` param"));
    }

    #[test]
    fn a_kind_the_release_lacks_is_no_route() {
        let kind = IdParam {
            name: "segment",
            source: Source::Path,
            shown_as: "segment",
            rule: IdRule::Kind(|s, _| s == "string"),
            slot: Slot::Kind,
        };
        assert_eq!(
            check(&[kind], &[("segment", "string")]).unwrap().kind,
            "string"
        );
        let err = check(&[kind], &[("segment", "nope")]).unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralRouteNotFound);
    }

    #[test]
    fn an_optional_transaction_id_from_the_body() {
        let spec = [DATABASE_ID, TRANSACTION_PARAM];
        let path = raw(&[("databaseId", "db")]);
        let with = |body| {
            let serde_json::Value::Object(map) = body else {
                panic!("an object");
            };
            // The transaction the checked request names, if any.
            CheckedRequest::check(&spec, &path, &Params::from_map(map), V)
                .map(|request| request.names_transaction().then_some(request.transaction))
        };
        for none in [
            json!({}),
            json!({"transactionId": null}),
            json!({"transactionId": ""}),
        ] {
            assert_eq!(with(none).unwrap(), None);
        }
        assert_eq!(
            with(json!({"transactionId": "t1"})).unwrap().as_deref(),
            Some("t1")
        );
        for bad in [
            json!({"transactionId": "bad id"}),
            json!({"transactionId": 5}),
        ] {
            let err = with(bad).unwrap_err();
            assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
            assert!(
                err.message
                    .starts_with("Invalid `transactionId` param: UID")
            );
            assert!(err.message.ends_with(" or null"));
        }
        // The path comes first.
        let err = CheckedRequest::check(
            &spec,
            &raw(&[("databaseId", "_db")]),
            &Params::from_map(serde_json::Map::from_iter([(
                "transactionId".to_string(),
                json!("bad id"),
            )])),
            V,
        )
        .unwrap_err();
        assert!(err.message.starts_with("Invalid `databaseId` param"));
    }
}
