//! The path parameters of a matched route: the raw segments, each route's spec of them
//! (name, validator, the name Appwrite's message shows, in Appwrite's declared order), and
//! the checked IDs a handler receives.

use std::collections::HashMap;

use crate::error::{ApiError, ApiResult};
use crate::profile::AppwriteVersion;
use crate::validate::ids::{check_key, check_uid};

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
    fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Which field of [`PathIds`] a path parameter fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// [`PathIds::database`].
    Database,
    /// [`PathIds::table`].
    Table,
    /// [`PathIds::row`].
    Row,
    /// [`PathIds::column`].
    Column,
    /// [`PathIds::key`].
    Key,
    /// [`PathIds::kind`].
    Kind,
    /// [`PathIds::transaction`].
    Transaction,
    /// [`PathIds::user`].
    User,
    /// [`PathIds::team`].
    Team,
    /// [`PathIds::membership`].
    Membership,
}

/// How a path parameter is checked.
#[derive(Debug, Clone, Copy)]
pub enum IdRule {
    /// utopia's `UID` validator (an existing resource's ID).
    Uid,
    /// utopia's `Key` validator (column and index keys).
    Key,
    /// A segment that picks the endpoint, not an ID (a column kind): Appwrite declares one
    /// route per kind, so a segment release `profile` does not serve is "route not found".
    Kind(fn(&str, AppwriteVersion) -> bool),
}

/// One path parameter of a route's spec.
#[derive(Debug, Clone, Copy)]
pub struct PathParam {
    /// Its name in the route template (`{name}`).
    pub name: &'static str,
    /// The name Appwrite's message gives it (the legacy API's `collectionId` is this
    /// emulator's `{tableId}`).
    pub shown_as: &'static str,
    /// Its validator.
    pub rule: IdRule,
    /// Where the checked value goes.
    pub slot: Slot,
}

impl PathParam {
    /// A `UID` parameter shown under its template name.
    pub const fn uid(name: &'static str, slot: Slot) -> Self {
        Self {
            name,
            shown_as: name,
            rule: IdRule::Uid,
            slot,
        }
    }

    /// A `Key` parameter shown under its template name.
    pub const fn key(name: &'static str, slot: Slot) -> Self {
        Self {
            name,
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

    /// Checks `value` as Appwrite checks this parameter on release `profile`.
    fn check(&self, value: &str, profile: AppwriteVersion) -> ApiResult<()> {
        match self.rule {
            IdRule::Uid => check_uid(self.shown_as, value),
            IdRule::Key => check_key(self.shown_as, value),
            IdRule::Kind(serves) if serves(value, profile) => Ok(()),
            IdRule::Kind(_) => Err(ApiError::route_not_found()),
        }
    }
}

/// `{databaseId}`.
pub const DATABASE_ID: PathParam = PathParam::uid("databaseId", Slot::Database);
/// `{tableId}`.
pub const TABLE_ID: PathParam = PathParam::uid("tableId", Slot::Table);
/// `{rowId}`.
pub const ROW_ID: PathParam = PathParam::uid("rowId", Slot::Row);
/// `{column}` of an increment or decrement.
pub const COLUMN: PathParam = PathParam::key("column", Slot::Column);
/// `{key}` of a column or an index.
pub const KEY: PathParam = PathParam::key("key", Slot::Key);
/// `{transactionId}`.
pub const TRANSACTION_ID: PathParam = PathParam::uid("transactionId", Slot::Transaction);
/// `{userId}`.
pub const USER_ID: PathParam = PathParam::uid("userId", Slot::User);
/// `{teamId}`.
pub const TEAM_ID: PathParam = PathParam::uid("teamId", Slot::Team);
/// `{membershipId}`.
pub const MEMBERSHIP_ID: PathParam = PathParam::uid("membershipId", Slot::Membership);

/// The path of a table's routes: `{databaseId}`, `{tableId}`.
pub const TABLE_PATH: &[PathParam] = &[DATABASE_ID, TABLE_ID];
/// The path of a row's routes: `{databaseId}`, `{tableId}`, `{rowId}`.
pub const ROW_PATH: &[PathParam] = &[DATABASE_ID, TABLE_ID, ROW_ID];
/// The path of an increment or decrement: the row's, then `{column}`.
pub const COUNTER_PATH: &[PathParam] = &[DATABASE_ID, TABLE_ID, ROW_ID, COLUMN];

/// The checked path parameters a handler receives; a field the route's path lacks is empty.
#[derive(Debug, Default, Clone)]
pub struct PathIds {
    /// `{databaseId}`.
    pub database: String,
    /// `{tableId}` (the legacy API's `collectionId`).
    pub table: String,
    /// `{rowId}` (the legacy API's `documentId`).
    pub row: String,
    /// `{column}` of an increment or decrement.
    pub column: String,
    /// A column's or an index's key.
    pub key: String,
    /// A column kind (`…/columns/{kind}`).
    pub kind: String,
    /// `{transactionId}`.
    pub transaction: String,
    /// `{userId}`.
    pub user: String,
    /// `{teamId}`.
    pub team: String,
    /// `{membershipId}`.
    pub membership: String,
}

impl PathIds {
    /// The IDs of a static path that shadows database `id` (`/v1/tablesdb/transactions`).
    pub(crate) fn of_database(id: &str) -> Self {
        Self {
            database: id.to_string(),
            ..Self::default()
        }
    }

    /// Checks each parameter of `spec` in its order (Appwrite's declared order: the first
    /// invalid one is the error) on release `profile`, and returns the checked IDs.
    pub fn check(spec: &[PathParam], raw: &RawPath, profile: AppwriteVersion) -> ApiResult<Self> {
        let mut ids = Self::default();
        for param in spec {
            let value = raw.get(param.name);
            param.check(value, profile)?;
            *ids.slot_mut(param.slot) = value.to_string();
        }
        Ok(ids)
    }

    fn slot_mut(&mut self, slot: Slot) -> &mut String {
        match slot {
            Slot::Database => &mut self.database,
            Slot::Table => &mut self.table,
            Slot::Row => &mut self.row,
            Slot::Column => &mut self.column,
            Slot::Key => &mut self.key,
            Slot::Kind => &mut self.kind,
            Slot::Transaction => &mut self.transaction,
            Slot::User => &mut self.user,
            Slot::Team => &mut self.team,
            Slot::Membership => &mut self.membership,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorType;

    fn raw(pairs: &[(&str, &str)]) -> RawPath {
        RawPath(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn checks_in_declared_order() {
        let v = AppwriteVersion::V1_8_1;
        let bad_both = raw(&[("databaseId", "_db"), ("tableId", "_t"), ("rowId", "r")]);
        let err = PathIds::check(ROW_PATH, &bad_both, v).unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert!(err.message.starts_with("Invalid `databaseId` param: UID"));
        let bad_row = raw(&[("databaseId", "db"), ("tableId", "t"), ("rowId", "a b")]);
        let err = PathIds::check(ROW_PATH, &bad_row, v).unwrap_err();
        assert!(err.message.starts_with("Invalid `rowId` param: UID"));
        let good = raw(&[("databaseId", "db"), ("tableId", "t"), ("rowId", "r")]);
        let ids = PathIds::check(ROW_PATH, &good, v).unwrap();
        assert_eq!((ids.database.as_str(), ids.table.as_str()), ("db", "t"));
        assert_eq!(ids.row, "r");
        assert!(ids.column.is_empty());
    }

    #[test]
    fn keys_and_shown_names() {
        let v = AppwriteVersion::V1_9_6;
        let err = PathIds::check(
            COUNTER_PATH,
            &raw(&[
                ("databaseId", "db"),
                ("tableId", "t"),
                ("rowId", "r"),
                ("column", "bad key"),
            ]),
            v,
        )
        .unwrap_err();
        assert!(
            err.message
                .starts_with("Invalid `column` param: Parameter must")
        );
        let legacy = [DATABASE_ID, TABLE_ID.shown_as("collectionId")];
        let err = PathIds::check(&legacy, &raw(&[("databaseId", "db"), ("tableId", "-")]), v)
            .unwrap_err();
        assert!(err.message.starts_with("Invalid `collectionId` param"));
    }

    #[test]
    fn a_kind_the_release_lacks_is_no_route() {
        let kind = PathParam {
            name: "segment",
            shown_as: "segment",
            rule: IdRule::Kind(|s, _| s == "string"),
            slot: Slot::Kind,
        };
        let ok = PathIds::check(
            &[kind],
            &raw(&[("segment", "string")]),
            AppwriteVersion::V1_8_1,
        );
        assert_eq!(ok.unwrap().kind, "string");
        let err = PathIds::check(
            &[kind],
            &raw(&[("segment", "nope")]),
            AppwriteVersion::V1_8_1,
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralRouteNotFound);
    }
}
