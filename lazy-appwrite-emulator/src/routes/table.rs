//! The route table: every endpoint the emulator serves, declared once with its method,
//! path template, handler, scope, rate limit, how it runs, whether a blocked user is
//! refused, and the Appwrite releases that have it. The router and the request pipeline
//! read everything from here; nothing works it out again from the URL.

use http::Method;

use super::{
    bulk, columns, counters, databases, indexes, legacy, rows, tables, teams, transactions, usage,
    users,
};
use crate::config::Config;
use crate::error::ApiResult;
use crate::http::Endpoint;
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::path::PathArgs;
use crate::http::rate_limit::Rule;
use crate::http::reply::Reply;
use crate::profile::AppwriteVersion;
use crate::store::Tx;

// The path templates, in axum's syntax: each appears here once.
const DATABASES: &str = "/v1/tablesdb";
const TRANSACTIONS: &str = "/v1/tablesdb/transactions";
const PROJECT_USAGE: &str = "/v1/tablesdb/usage";
const DATABASE_USAGE: &str = "/v1/tablesdb/{databaseId}/usage";
const TABLE_USAGE: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/usage";
const TABLE_LOGS: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/logs";
const TRANSACTION: &str = "/v1/tablesdb/transactions/{transactionId}";
const TRANSACTION_OPERATIONS: &str = "/v1/tablesdb/transactions/{transactionId}/operations";
const DATABASE: &str = "/v1/tablesdb/{databaseId}";
const TABLES: &str = "/v1/tablesdb/{databaseId}/tables";
const TABLE: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}";
const COLUMNS: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/columns";
const COLUMN: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/columns/{segment}";
const COLUMN_UPDATE: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/columns/{segment}/{key}";
const INDEXES: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/indexes";
const INDEX: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/indexes/{key}";
const ROWS: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows";
const ROWS_SLASH: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/";
/// `…/tables/{tableId}/rows/{rowId}`: also the rate-limit key of `…/rows/` (Appwrite's
/// router drops the empty segment and counts it as the row route).
const ROW: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}";
const DOCUMENTS: &str = "/v1/databases/{databaseId}/collections/{tableId}/documents";
const DOCUMENT: &str = "/v1/databases/{databaseId}/collections/{tableId}/documents/{rowId}";
const ACCOUNT: &str = "/v1/account";
const INCREMENT: &str =
    "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}/{column}/increment";
const DECREMENT: &str =
    "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}/{column}/decrement";
const USERS: &str = "/v1/users";
const USER: &str = "/v1/users/{userId}";
const USER_LABELS: &str = "/v1/users/{userId}/labels";
const USER_STATUS: &str = "/v1/users/{userId}/status";
const USER_NAME: &str = "/v1/users/{userId}/name";
const USER_VERIFICATION: &str = "/v1/users/{userId}/verification";
const USER_PHONE_VERIFICATION: &str = "/v1/users/{userId}/verification/phone";
const USER_MEMBERSHIPS: &str = "/v1/users/{userId}/memberships";
const USER_PREFS: &str = "/v1/users/{userId}/prefs";
const USER_SESSIONS: &str = "/v1/users/{userId}/sessions";
const USER_LOGS: &str = "/v1/users/{userId}/logs";
const USER_JWTS: &str = "/v1/users/{userId}/jwts";
const TEAMS: &str = "/v1/teams";
const TEAM: &str = "/v1/teams/{teamId}";
const TEAM_PREFS: &str = "/v1/teams/{teamId}/prefs";
const TEAM_MEMBERSHIPS: &str = "/v1/teams/{teamId}/memberships";
const TEAM_MEMBERSHIP: &str = "/v1/teams/{teamId}/memberships/{membershipId}";

/// The scope an endpoint requires (checked before it runs, as Appwrite checks the route's
/// scope label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No scope beyond the guest's (rows, documents, transactions).
    Guest,
    /// One named scope.
    Named(&'static str),
    /// The table endpoints' label (`tables.*` and `collections.*`).
    Tables(Access),
    /// The column endpoints' label, which depends on the release.
    Columns(Access),
    /// The index endpoints' label, which depends on the release.
    Indexes(Access),
}

/// Reading or writing, for the scope labels that come in pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `*.read`.
    Read,
    /// `*.write`.
    Write,
}

impl Scope {
    /// Fails with `401 general_unauthorized_scope` unless the caller of `ctx` has the scope.
    pub fn check(self, ctx: &Context) -> ApiResult<()> {
        let write = |access| access == Access::Write;
        match self {
            Scope::Guest => Ok(()),
            Scope::Named(scope) => ctx.caller.require_scope(scope),
            Scope::Tables(access) => ctx
                .caller
                .require_scopes(ctx.profile.table_scopes(write(access))),
            Scope::Columns(access) => ctx
                .caller
                .require_scopes(ctx.profile.column_scopes(write(access))),
            Scope::Indexes(access) => ctx
                .caller
                .require_scopes(ctx.profile.index_scopes(write(access))),
        }
    }
}

/// Appwrite's abuse limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Row creates, updates, upserts, increments and decrements.
    RowWrite,
    /// Row deletes.
    RowDelete,
    /// Team invitations: 10 an hour per address.
    TeamInvite,
}

/// How a route is rate limited: the limit, and the template its counter key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Which limit applies.
    pub kind: LimitKind,
    /// The route template in the counter key.
    pub key_template: &'static str,
}

impl Limit {
    /// The limit's rule under `config`.
    pub fn rule(self, config: &Config) -> Rule {
        let row_window = config.rate_limit_window.as_secs().max(1);
        match self.kind {
            LimitKind::RowWrite => Rule {
                limit: config.write_rate_limit,
                window: row_window,
                per_user: true,
            },
            LimitKind::RowDelete => Rule {
                limit: config.delete_rate_limit,
                window: row_window,
                per_user: true,
            },
            // Appwrite's `abuse-limit` 10 with the default key and the default hour.
            LimitKind::TeamInvite => Rule {
                limit: 10,
                window: 3600,
                per_user: false,
            },
        }
    }
}

/// Where a request runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Always on the blocking pool (lists, bulk, schema).
    Blocking,
    /// On the request's worker when the store is free: single-row work takes microseconds.
    Inline,
    /// Inline when the body is under [`SMALL_BODY`] (a create of one row), else blocking.
    InlineIfSmall,
}

/// The largest body [`Run::InlineIfSmall`] runs inline.
pub const SMALL_BODY: usize = 16 * 1024;

/// One endpoint.
#[derive(Debug, Clone)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path template, in axum's syntax.
    pub template: &'static str,
    /// The handler.
    pub endpoint: Endpoint,
    /// The scope it requires.
    pub scope: Scope,
    /// Its rate limit, if it has one.
    pub limit: Option<Limit>,
    /// Where it runs.
    pub run: Run,
    /// Whether a blocked user is refused (`user_blocked`): users only hold the row,
    /// transaction, team and account scopes, and Appwrite checks the scope first.
    pub blocked_check: bool,
    /// The first release that has it (`None`: every release).
    pub since: Option<AppwriteVersion>,
}

impl Route {
    /// A route with no scope beyond the guest's, no limit, run on the blocking pool, without
    /// the blocked check, in every release.
    fn new(method: Method, template: &'static str, endpoint: Endpoint) -> Self {
        Self {
            method,
            template,
            endpoint,
            scope: Scope::Guest,
            limit: None,
            run: Run::Blocking,
            blocked_check: false,
            since: None,
        }
    }

    fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    fn limit(mut self, kind: LimitKind, key_template: &'static str) -> Self {
        self.limit = Some(Limit { kind, key_template });
        self
    }

    fn run(mut self, run: Run) -> Self {
        self.run = run;
        self
    }

    /// Refuses blocked users.
    fn users(mut self) -> Self {
        self.blocked_check = true;
        self
    }

    fn since(mut self, version: AppwriteVersion) -> Self {
        self.since = Some(version);
        self
    }

    /// Whether release `version` has the route.
    pub fn exists_in(&self, version: AppwriteVersion) -> bool {
        self.since.is_none_or(|first| version >= first)
    }

    /// Whether the endpoint has only guest scopes (rows, documents, transactions): a
    /// console-project request is refused without running it.
    pub fn guest_scoped(&self) -> bool {
        self.scope == Scope::Guest
    }
}

/// `PUT /v1/tablesdb/transactions`: the update of a database named `transactions`.
fn update_database_transactions(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    _: &PathArgs,
) -> ApiResult<Reply> {
    databases::update(tx, ctx, params, &PathArgs::database("transactions"))
}

/// `DELETE /v1/tablesdb/transactions`: the delete of a database named `transactions`.
fn delete_database_transactions(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    _: &PathArgs,
) -> ApiResult<Reply> {
    databases::delete(tx, ctx, params, &PathArgs::database("transactions"))
}

/// `PUT /v1/tablesdb/usage`: the update of a database named `usage`.
fn update_database_usage(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    _: &PathArgs,
) -> ApiResult<Reply> {
    databases::update(tx, ctx, params, &PathArgs::database("usage"))
}

/// `DELETE /v1/tablesdb/usage`: the delete of a database named `usage`.
fn delete_database_usage(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    _: &PathArgs,
) -> ApiResult<Reply> {
    databases::delete(tx, ctx, params, &PathArgs::database("usage"))
}

/// `GET /v1/databases/{db}/collections/{c}/documents`: the rows list, renamed.
fn list_documents(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    legacy::as_documents(rows::list(tx, ctx, params, path))
}

/// `GET /v1/databases/{db}/collections/{c}/documents/{id}`: the row, renamed.
fn get_document(
    tx: &mut Tx<'_>,
    ctx: &Context,
    params: &Params,
    path: &PathArgs,
) -> ApiResult<Reply> {
    legacy::as_documents(rows::get(tx, ctx, params, path))
}

/// Every route the emulator serves besides `/`, `/v1/ping` and `/v1/health/version`.
pub fn routes() -> Vec<Route> {
    use AppwriteVersion::V1_9_6;
    use LimitKind::{RowDelete, RowWrite, TeamInvite};
    use Method as M;
    use Run::{Inline, InlineIfSmall};
    use Scope::{Columns, Indexes, Named, Tables};
    let (read, write) = (Access::Read, Access::Write);
    let r = Route::new;
    vec![
        r(M::GET, DATABASES, databases::list).scope(Named("databases.read")),
        r(M::POST, DATABASES, databases::create).scope(Named("databases.write")),
        // Static segments win over `{databaseId}`: a database named `transactions` is
        // unreachable, as on Appwrite. Other methods on these static paths reach the
        // database routes, as on Appwrite: `PUT`/`DELETE /v1/tablesdb/transactions` update
        // or delete a database named `transactions`.
        r(M::GET, TRANSACTIONS, transactions::list).users(),
        r(M::POST, TRANSACTIONS, transactions::create).users(),
        r(M::PUT, TRANSACTIONS, update_database_transactions)
            .scope(Named("databases.write"))
            .users(),
        r(M::DELETE, TRANSACTIONS, delete_database_transactions)
            .scope(Named("databases.write"))
            .users(),
        r(M::GET, PROJECT_USAGE, usage::project).scope(Tables(read)),
        r(M::PUT, PROJECT_USAGE, update_database_usage).scope(Named("databases.write")),
        r(M::DELETE, PROJECT_USAGE, delete_database_usage).scope(Named("databases.write")),
        r(M::GET, DATABASE_USAGE, usage::database).scope(Tables(read)),
        r(M::GET, TABLE_USAGE, usage::table)
            .scope(Tables(read))
            .since(V1_9_6),
        r(M::GET, TABLE_LOGS, usage::table_logs)
            .scope(Tables(read))
            .since(V1_9_6),
        r(M::GET, TRANSACTION, transactions::get).users(),
        r(M::PATCH, TRANSACTION, transactions::update).users(),
        r(M::DELETE, TRANSACTION, transactions::delete).users(),
        r(
            M::POST,
            TRANSACTION_OPERATIONS,
            transactions::create_operations,
        )
        .users(),
        r(M::GET, DATABASE, databases::get).scope(Named("databases.read")),
        r(M::PUT, DATABASE, databases::update).scope(Named("databases.write")),
        r(M::DELETE, DATABASE, databases::delete).scope(Named("databases.write")),
        r(M::GET, TABLES, tables::list).scope(Tables(read)),
        r(M::POST, TABLES, tables::create).scope(Tables(write)),
        r(M::GET, TABLE, tables::get).scope(Tables(read)),
        r(M::PUT, TABLE, tables::update).scope(Tables(write)),
        r(M::DELETE, TABLE, tables::delete).scope(Tables(write)),
        r(M::GET, COLUMNS, columns::list).scope(Columns(read)),
        r(M::POST, COLUMN, columns::create).scope(Columns(write)),
        r(M::GET, COLUMN, columns::get).scope(Columns(read)),
        r(M::DELETE, COLUMN, columns::delete).scope(Columns(write)),
        r(M::PATCH, COLUMN_UPDATE, columns::update).scope(Columns(write)),
        r(M::GET, INDEXES, indexes::list).scope(Indexes(read)),
        r(M::POST, INDEXES, indexes::create).scope(Indexes(write)),
        r(M::GET, INDEX, indexes::get).scope(Indexes(read)),
        r(M::DELETE, INDEX, indexes::delete).scope(Indexes(write)),
        r(M::GET, ROWS, rows::list).users(),
        r(M::POST, ROWS, rows::create)
            .limit(RowWrite, ROWS)
            .run(InlineIfSmall)
            .users(),
        r(M::PUT, ROWS, bulk::upsert).limit(RowWrite, ROWS).users(),
        r(M::PATCH, ROWS, bulk::update)
            .limit(RowWrite, ROWS)
            .users(),
        r(M::DELETE, ROWS, bulk::delete)
            .limit(RowDelete, ROWS)
            .users(),
        // Appwrite's router drops empty path segments: `…/rows/` (an empty row ID) is the
        // bulk update or bulk delete of the whole table (a reproduced bug, both releases).
        r(M::PATCH, ROWS_SLASH, bulk::update)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::DELETE, ROWS_SLASH, bulk::delete)
            .limit(RowDelete, ROW)
            .run(Inline)
            .users(),
        r(M::GET, ROW, rows::get).run(Inline).users(),
        r(M::PATCH, ROW, rows::update)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::PUT, ROW, rows::upsert)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::DELETE, ROW, rows::delete)
            .limit(RowDelete, ROW)
            .run(Inline)
            .users(),
        // The legacy Databases API's document reads, over the same tables and rows.
        r(M::GET, DOCUMENTS, list_documents).users(),
        r(M::GET, DOCUMENT, get_document).users(),
        r(M::GET, ACCOUNT, users::account)
            .scope(Named("account"))
            .users(),
        r(M::PATCH, INCREMENT, counters::increment)
            .limit(RowWrite, INCREMENT)
            .run(Inline)
            .users(),
        r(M::PATCH, DECREMENT, counters::decrement)
            .limit(RowWrite, DECREMENT)
            .run(Inline)
            .users(),
        r(M::GET, USERS, users::list).scope(Named("users.read")),
        r(M::POST, USERS, users::create).scope(Named("users.write")),
        r(M::GET, USER, users::get).scope(Named("users.read")),
        r(M::DELETE, USER, users::delete).scope(Named("users.write")),
        r(M::PUT, USER_LABELS, users::update_labels).scope(Named("users.write")),
        r(M::PATCH, USER_STATUS, users::update_status).scope(Named("users.write")),
        r(M::PATCH, USER_NAME, users::update_name).scope(Named("users.write")),
        r(
            M::PATCH,
            USER_VERIFICATION,
            users::update_email_verification,
        )
        .scope(Named("users.write")),
        r(
            M::PATCH,
            USER_PHONE_VERIFICATION,
            users::update_phone_verification,
        )
        .scope(Named("users.write")),
        r(M::GET, USER_MEMBERSHIPS, users::memberships).scope(Named("users.read")),
        r(M::GET, USER_PREFS, users::get_prefs).scope(Named("users.read")),
        r(M::PATCH, USER_PREFS, users::update_prefs).scope(Named("users.write")),
        r(M::GET, USER_SESSIONS, users::sessions).scope(Named("users.read")),
        r(M::GET, USER_LOGS, users::logs).scope(Named("users.read")),
        r(M::POST, USER_JWTS, users::create_jwt).scope(Named("users.write")),
        r(M::GET, TEAMS, teams::list)
            .scope(Named("teams.read"))
            .users(),
        r(M::POST, TEAMS, teams::create)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM, teams::get)
            .scope(Named("teams.read"))
            .users(),
        r(M::PUT, TEAM, teams::update_name)
            .scope(Named("teams.write"))
            .users(),
        r(M::DELETE, TEAM, teams::delete)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM_PREFS, teams::get_prefs)
            .scope(Named("teams.read"))
            .users(),
        r(M::PUT, TEAM_PREFS, teams::update_prefs)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM_MEMBERSHIPS, teams::list_memberships)
            .scope(Named("teams.read"))
            .users(),
        r(M::POST, TEAM_MEMBERSHIPS, teams::create_membership)
            .scope(Named("teams.write"))
            .limit(TeamInvite, TEAM_MEMBERSHIPS)
            .users(),
        r(M::GET, TEAM_MEMBERSHIP, teams::get_membership)
            .scope(Named("teams.read"))
            .users(),
        r(M::PATCH, TEAM_MEMBERSHIP, teams::update_membership)
            .scope(Named("teams.write"))
            .users(),
        r(M::DELETE, TEAM_MEMBERSHIP, teams::delete_membership)
            .scope(Named("teams.write"))
            .users(),
    ]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn route(method: Method, template: &str) -> Route {
        routes()
            .into_iter()
            .find(|r| r.method == method && r.template == template)
            .unwrap_or_else(|| panic!("no route {method} {template}"))
    }

    #[test]
    fn each_route_is_declared_once() {
        let mut seen = HashSet::new();
        for r in routes() {
            assert!(
                seen.insert((r.method.clone(), r.template)),
                "{} {} twice",
                r.method,
                r.template
            );
        }
    }

    #[test]
    fn rate_limits_by_route() {
        let config = Config::default();
        let rows = ROWS;
        let inc = INCREMENT;
        let limit = |m: Method, t: &str| route(m, t).limit.map(|l| l.rule(&config).limit);
        assert_eq!(limit(Method::POST, rows), Some(120));
        assert_eq!(limit(Method::PUT, rows), Some(120));
        assert_eq!(limit(Method::PATCH, rows), Some(120));
        assert_eq!(limit(Method::DELETE, rows), Some(60));
        assert_eq!(limit(Method::GET, rows), None);
        assert_eq!(limit(Method::GET, ROW), None);
        assert_eq!(limit(Method::PATCH, ROW), Some(120));
        assert_eq!(limit(Method::PUT, ROW), Some(120));
        assert_eq!(limit(Method::DELETE, ROW), Some(60));
        assert_eq!(limit(Method::PATCH, inc), Some(120));
        assert_eq!(limit(Method::POST, DATABASES), None);
        assert_eq!(limit(Method::POST, TEAM_MEMBERSHIPS), Some(10));
    }

    #[test]
    fn rate_limit_keys_name_the_template() {
        let key = |m: Method, t: &str| route(m, t).limit.map(|l| l.key_template);
        let rows = ROWS;
        assert_eq!(key(Method::POST, rows), Some(rows));
        assert_eq!(key(Method::PATCH, ROW), Some(ROW));
        // `…/rows/` counts as the row route, as Appwrite's router sees it.
        assert_eq!(key(Method::PATCH, ROWS_SLASH), Some(ROW));
        assert_eq!(key(Method::POST, TEAM_MEMBERSHIPS), Some(TEAM_MEMBERSHIPS));
        // Every limited route's key template is its own, or the row route's.
        for r in routes() {
            if let Some(limit) = r.limit {
                assert!(limit.key_template == r.template || limit.key_template == ROW);
            }
        }
    }

    #[test]
    fn single_row_work_runs_inline() {
        assert_eq!(route(Method::GET, ROW).run, Run::Inline);
        assert_eq!(route(Method::POST, ROWS).run, Run::InlineIfSmall);
        assert_eq!(route(Method::GET, ROWS).run, Run::Blocking);
        assert_eq!(route(Method::GET, DATABASES).run, Run::Blocking);
    }

    #[test]
    fn users_reach_the_blocked_check_on_their_own_routes_only() {
        assert!(route(Method::GET, ROW).blocked_check);
        assert!(route(Method::GET, ACCOUNT).blocked_check);
        assert!(route(Method::GET, TEAMS).blocked_check);
        assert!(route(Method::GET, TRANSACTIONS).blocked_check);
        assert!(!route(Method::GET, DATABASES).blocked_check);
        assert!(!route(Method::GET, USERS).blocked_check);
        // Every guest-scoped route is one users may call.
        for r in routes() {
            assert!(!r.guest_scoped() || r.blocked_check, "{}", r.template);
        }
    }

    #[test]
    fn table_usage_is_a_1_9_route() {
        let usage = route(Method::GET, TABLE_USAGE);
        assert!(!usage.exists_in(AppwriteVersion::V1_8_1));
        assert!(usage.exists_in(AppwriteVersion::V1_9_6));
        assert!(route(Method::GET, PROJECT_USAGE).exists_in(AppwriteVersion::V1_8_1));
    }
}
