//! The request a handler receives once its route's spec has checked it.

use crate::error::ApiResult;
use crate::http::ids::{IdParam, RawPath, Slot};
use crate::http::params::Params;
use crate::http::reads::ReadParams;
use crate::http::spec::BodyValues;
use crate::http::writes::WriteBody;
use crate::profile::AppwriteVersion;

/// The request a handler receives: its checked IDs, the route's parsed shared read
/// parameters, row-write body and declared body parameters, and the raw parameters the
/// handler still parses itself ([`CheckedRequest::params`]). An ID the route's spec lacks, or an optional ID the
/// request leaves out, is empty.
#[derive(Debug, Clone)]
pub struct CheckedRequest<'p> {
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
    /// `{transactionId}`, or a row request's `transactionId`.
    pub transaction: String,
    /// `{userId}`.
    pub user: String,
    /// `{teamId}`.
    pub team: String,
    /// `{membershipId}`.
    pub membership: String,
    /// The shared read parameters (`queries`, `search`, `total`, `ttl`) the route
    /// declares, parsed (defaults for the others); the pipeline fills them after the IDs.
    pub reads: ReadParams,
    /// The row-write body (`data`, `permissions`) the route declares, parsed (empty for
    /// the others); the pipeline fills it after the read parameters.
    pub write: WriteBody,
    /// The route's declared body (or query-string) parameters, checked (empty for a route
    /// that declares none); the pipeline fills them after the row-write body.
    pub body: BodyValues,
    /// The request's parameters, for those the handler parses itself.
    params: &'p Params,
}

impl<'p> CheckedRequest<'p> {
    /// A request with no IDs yet, over parameters `params`.
    fn unchecked(params: &'p Params) -> Self {
        Self {
            database: String::new(),
            table: String::new(),
            row: String::new(),
            column: String::new(),
            key: String::new(),
            kind: String::new(),
            transaction: String::new(),
            user: String::new(),
            team: String::new(),
            membership: String::new(),
            reads: ReadParams::default(),
            write: WriteBody::default(),
            body: BodyValues::default(),
            params,
        }
    }

    /// The same request, naming database `id`: a static path that shadows a database
    /// (`/v1/tablesdb/transactions`) hands it to the database's route.
    pub(crate) fn of_database(&self, id: &str) -> Self {
        Self {
            database: id.to_string(),
            ..self.clone()
        }
    }

    /// The request's parameters, for those its handler parses itself (a row's create
    /// body, bulk bodies, counters, a column's kind-dependent body); the checked values
    /// above are read from their fields instead.
    pub fn params(&self) -> &'p Params {
        self.params
    }

    /// Checks each parameter of `spec` in its order (the first invalid one is the error)
    /// for a request with path `raw` and parameters `params` on release `profile`, and
    /// returns the request with those IDs (its read parameters and row-write body still
    /// empty: the pipeline checks them next).
    pub fn check(
        spec: &[IdParam],
        raw: &RawPath,
        params: &'p Params,
        profile: AppwriteVersion,
    ) -> ApiResult<Self> {
        let mut request = Self::unchecked(params);
        request.check_more(spec, raw, profile)?;
        Ok(request)
    }

    /// Checks the further ID parameters `spec` in their order, as [`CheckedRequest::check`]
    /// does, into this request (a route whose declared body sits among its IDs).
    pub fn check_more(
        &mut self,
        spec: &[IdParam],
        raw: &RawPath,
        profile: AppwriteVersion,
    ) -> ApiResult<()> {
        for param in spec {
            *self.slot_mut(param.slot) = param.check(raw, self.params, profile)?;
        }
        Ok(())
    }

    /// Whether the request names a transaction.
    pub fn names_transaction(&self) -> bool {
        !self.transaction.is_empty()
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
    use serde_json::json;

    use super::*;
    use crate::http::ids::{DATABASE_ID, TRANSACTION_PARAM};

    fn params(body: serde_json::Value) -> Params {
        let serde_json::Value::Object(map) = body else {
            panic!("an object");
        };
        Params::from_map(map)
    }

    #[test]
    fn a_checked_request_carries_the_parameters_it_was_checked_against() {
        let params = params(json!({"transactionId": "t1", "data": {"a": 1}}));
        let path = RawPath([("databaseId".to_string(), "db".to_string())].into());
        let spec = [DATABASE_ID, TRANSACTION_PARAM];
        let request = CheckedRequest::check(&spec, &path, &params, AppwriteVersion::V1_9_6)
            .expect("valid IDs");
        assert_eq!(request.database, "db");
        assert_eq!(request.transaction, "t1");
        assert!(request.table.is_empty());
        assert_eq!(request.params().get("data"), Some(&json!({"a": 1})));
        assert_eq!(request.reads, ReadParams::default());
        assert_eq!(request.write, WriteBody::default());
        assert_eq!(request.body, BodyValues::default());
    }

    #[test]
    fn a_shadowing_static_path_names_its_database_over_the_same_parameters() {
        let params = params(json!({"name": "renamed"}));
        let mut request = CheckedRequest::unchecked(&params);
        request.database = "usage-shadow".into();
        request.table = "t".into();
        let request = request.of_database("usage");
        assert_eq!(request.database, "usage");
        assert_eq!(request.table, "t");
        assert!(!request.names_transaction());
        assert_eq!(request.params().get("name"), Some(&json!("renamed")));
    }
}
