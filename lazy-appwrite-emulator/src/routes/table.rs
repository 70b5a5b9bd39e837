//! The route table: every endpoint the emulator serves, declared once with its method,
//! path template, handler, scope, rate limit, how it runs, whether a blocked user is
//! refused, and the Appwrite releases that have it. The router and the request pipeline
//! read everything from here; nothing works it out again from the URL.

use http::Method;

use super::route::{Access, LimitKind, Route, Run, Scope};
use super::{
    bulk, columns, counters, databases, indexes, legacy, rows, tables, teams, transactions, usage,
    users,
};
use crate::engine::definitions::index_def;
use crate::engine::relationships;
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::ids::{
    COUNTER_COLUMN, DATABASE_ID, IdParam, IdRule, KEY, MEMBERSHIP_ID, ROW_ID, Slot, Source,
    TABLE_ID, TABLE_PATH, TEAM_ID, TRANSACTION_ID, TRANSACTION_PARAM, USER_ID,
};
use crate::http::reads::{ACCOUNT_SEARCH, ReadParam, SEARCH};
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::writes::{ROW_UPDATE, ROW_UPSERT};
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
const RELATIONSHIP_UPDATE: &str =
    "/v1/tablesdb/{databaseId}/tables/{tableId}/columns/{segment}/relationship";
/// `…/columns/relationship/{key}`: the path the `appwrite` crate (generated from the 1.9
/// specs) uses for the relationship update.
const RELATIONSHIP_UPDATE_ALIAS: &str =
    "/v1/tablesdb/{databaseId}/tables/{tableId}/columns/relationship/{key}";
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

// The path parameters of each route, in Appwrite's declared order (the pipeline checks
// them in this order, after the scope, before the handler).
const DATABASE_PATH: &[IdParam] = &[DATABASE_ID];
const TRANSACTION_PATH: &[IdParam] = &[TRANSACTION_ID];
const USER_PATH: &[IdParam] = &[USER_ID];
const TEAM_PATH: &[IdParam] = &[TEAM_ID];
const MEMBERSHIP_PATH: &[IdParam] = &[TEAM_ID, MEMBERSHIP_ID];
/// A column or an index named by `{key}`.
const KEY_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID, KEY];
/// `…/columns/{segment}` read, deleted, or its relationship updated: the segment is the
/// column's key.
const COLUMN_PATH: &[IdParam] = &[
    DATABASE_ID,
    TABLE_ID,
    IdParam::key("segment", Slot::Key).shown_as("key"),
];
/// `…/columns/{segment}` of a create and of an update: the segment is the column kind.
const COLUMN_KIND: IdParam = IdParam {
    name: "segment",
    source: Source::Path,
    shown_as: "segment",
    rule: IdRule::Kind(columns::serves_kind),
    slot: Slot::Kind,
};
const NEW_COLUMN_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID, COLUMN_KIND];
const COLUMN_UPDATE_PATH: &[IdParam] = &[DATABASE_ID, TABLE_ID, COLUMN_KIND, KEY];
// A row request's `transactionId` is checked after its path and before the endpoint's
// own parameters (Appwrite declares it after them; no recording has a request with both
// an invalid `transactionId` and another invalid parameter).
const ROWS_IDS: &[IdParam] = &[DATABASE_ID, TABLE_ID, TRANSACTION_PARAM];
const ROW_IDS: &[IdParam] = &[DATABASE_ID, TABLE_ID, ROW_ID, TRANSACTION_PARAM];
const COUNTER_IDS: &[IdParam] = &[
    DATABASE_ID,
    TABLE_ID,
    ROW_ID,
    COUNTER_COLUMN,
    TRANSACTION_PARAM,
];
/// The legacy Databases API names the table `collectionId` and the row `documentId`.
const DOCUMENTS_PATH: &[IdParam] = &[
    DATABASE_ID,
    TABLE_ID.shown_as("collectionId"),
    TRANSACTION_PARAM,
];
const DOCUMENT_PATH: &[IdParam] = &[
    DATABASE_ID,
    TABLE_ID.shown_as("collectionId"),
    ROW_ID.shown_as("documentId"),
    TRANSACTION_PARAM,
];

// The shared read parameters of each route, in Appwrite's declared order (the pipeline
// checks them in this order, after the IDs, before the handler). `transactionId` sits
// between `queries` and `total` in Appwrite's declaration of the row reads, but it is an
// ID here and checked with them, first.
const Q: ReadParam = ReadParam::Queries;
const TOTAL: ReadParam = ReadParam::Total;
/// A row or a document read.
const ROW_READ: &[ReadParam] = &[Q];
/// The transactions list (no `search`, no `total`) and the bulk delete.
const QUERIES_ONLY: &[ReadParam] = &[Q];
/// The database and table lists.
const SEARCHABLE_LIST: &[ReadParam] = &[Q, SEARCH, TOTAL];
/// The column, index and user-log lists.
const PLAIN_LIST: &[ReadParam] = &[Q, TOTAL];
/// The rows and documents lists: `ttl` exists from 1.9 on.
const ROWS_LIST: &[ReadParam] = &[Q, TOTAL, ReadParam::ListTtl];
/// The user, team and membership lists.
const ACCOUNT_LIST: &[ReadParam] = &[Q, ACCOUNT_SEARCH, TOTAL];
/// A user's sessions.
const TOTAL_ONLY: &[ReadParam] = &[TOTAL];

/// `PUT /v1/tablesdb/transactions`: the update of a database named `transactions`.
fn update_database_transactions(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    databases::update(tx, ctx, &request.of_database("transactions"))
}

/// `DELETE /v1/tablesdb/transactions`: the delete of a database named `transactions`.
fn delete_database_transactions(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    databases::delete(tx, ctx, &request.of_database("transactions"))
}

/// `PUT /v1/tablesdb/usage`: the update of a database named `usage`.
fn update_database_usage(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    databases::update(tx, ctx, &request.of_database("usage"))
}

/// `DELETE /v1/tablesdb/usage`: the delete of a database named `usage`.
fn delete_database_usage(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    databases::delete(tx, ctx, &request.of_database("usage"))
}

/// `GET /v1/databases/{db}/collections/{c}/documents`: the rows list, renamed.
fn list_documents(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
) -> ApiResult<Reply> {
    legacy::as_documents(rows::list(tx, ctx, request))
}

/// `GET /v1/databases/{db}/collections/{c}/documents/{id}`: the row, renamed.
fn get_document(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    legacy::as_documents(rows::get(tx, ctx, request))
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
        r(M::GET, DATABASES, databases::list)
            .reads(SEARCHABLE_LIST)
            .scope(Named("databases.read")),
        r(M::POST, DATABASES, databases::create)
            .body(databases::CREATE_BODY)
            .scope(Named("databases.write")),
        // Static segments win over `{databaseId}`: a database named `transactions` is
        // unreachable, as on Appwrite. Other methods on these static paths reach the
        // database routes, as on Appwrite: `PUT`/`DELETE /v1/tablesdb/transactions` update
        // or delete a database named `transactions`.
        r(M::GET, TRANSACTIONS, transactions::list)
            .reads(QUERIES_ONLY)
            .users(),
        r(M::POST, TRANSACTIONS, transactions::create)
            .body(transactions::CREATE_BODY)
            .users(),
        r(M::PUT, TRANSACTIONS, update_database_transactions)
            .body(databases::UPDATE_BODY)
            .scope(Named("databases.write"))
            .users(),
        r(M::DELETE, TRANSACTIONS, delete_database_transactions)
            .scope(Named("databases.write"))
            .users(),
        r(M::GET, PROJECT_USAGE, usage::project)
            .body(usage::QUERY)
            .scope(Tables(read)),
        r(M::PUT, PROJECT_USAGE, update_database_usage)
            .body(databases::UPDATE_BODY)
            .scope(Named("databases.write")),
        r(M::DELETE, PROJECT_USAGE, delete_database_usage).scope(Named("databases.write")),
        r(M::GET, DATABASE_USAGE, usage::database)
            .ids(DATABASE_PATH)
            .body(usage::QUERY)
            .scope(Tables(read)),
        // Appwrite declares `range` between `databaseId` and `tableId`.
        r(M::GET, TABLE_USAGE, usage::table)
            .ids(TABLE_PATH)
            .body(usage::QUERY)
            .body_after_ids(1)
            .scope(Tables(read))
            .since(V1_9_6),
        r(M::GET, TABLE_LOGS, usage::table_logs)
            .ids(TABLE_PATH)
            .scope(Tables(read))
            .since(V1_9_6),
        r(M::GET, TRANSACTION, transactions::get)
            .ids(TRANSACTION_PATH)
            .users(),
        r(M::PATCH, TRANSACTION, transactions::update)
            .ids(TRANSACTION_PATH)
            .body(transactions::UPDATE_BODY)
            .users(),
        r(M::DELETE, TRANSACTION, transactions::delete)
            .ids(TRANSACTION_PATH)
            .users(),
        r(
            M::POST,
            TRANSACTION_OPERATIONS,
            transactions::create_operations,
        )
        .ids(TRANSACTION_PATH)
        .body(transactions::OPERATIONS_BODY)
        .users(),
        r(M::GET, DATABASE, databases::get)
            .ids(DATABASE_PATH)
            .scope(Named("databases.read")),
        r(M::PUT, DATABASE, databases::update)
            .ids(DATABASE_PATH)
            .body(databases::UPDATE_BODY)
            .scope(Named("databases.write")),
        r(M::DELETE, DATABASE, databases::delete)
            .ids(DATABASE_PATH)
            .scope(Named("databases.write")),
        r(M::GET, TABLES, tables::list)
            .ids(DATABASE_PATH)
            .reads(SEARCHABLE_LIST)
            .scope(Tables(read)),
        r(M::POST, TABLES, tables::create)
            .ids(DATABASE_PATH)
            .body(tables::CREATE_BODY)
            .scope(Tables(write)),
        r(M::GET, TABLE, tables::get)
            .ids(TABLE_PATH)
            .scope(Tables(read)),
        r(M::PUT, TABLE, tables::update)
            .ids(TABLE_PATH)
            .body(tables::UPDATE_BODY)
            .scope(Tables(write)),
        r(M::DELETE, TABLE, tables::delete)
            .ids(TABLE_PATH)
            .scope(Tables(write)),
        r(M::GET, COLUMNS, columns::list)
            .ids(TABLE_PATH)
            .reads(PLAIN_LIST)
            .scope(Columns(read)),
        // Body checked by the handler: its parameters, their types and the `default`'s
        // type depend on the column kind in the path (a relationship's is
        // `relationships::schema::CREATE_BODY`).
        r(M::POST, COLUMN, columns::create)
            .ids(NEW_COLUMN_PATH)
            .scope(Columns(write)),
        r(M::GET, COLUMN, columns::get)
            .ids(COLUMN_PATH)
            .scope(Columns(read)),
        r(M::DELETE, COLUMN, columns::delete)
            .ids(COLUMN_PATH)
            .scope(Columns(write)),
        // Body checked by the handler: it depends on the column kind in the path, and
        // the `default` on the stored column.
        r(M::PATCH, COLUMN_UPDATE, columns::update)
            .ids(COLUMN_UPDATE_PATH)
            .scope(Columns(write)),
        // A static segment wins over `{key}` and over `{segment}`: these are the
        // relationship update, not the update of a column kind.
        r(M::PATCH, RELATIONSHIP_UPDATE, columns::update_relationship)
            .ids(COLUMN_PATH)
            .body(relationships::schema::UPDATE_BODY)
            .scope(Columns(write)),
        r(
            M::PATCH,
            RELATIONSHIP_UPDATE_ALIAS,
            columns::update_relationship,
        )
        .ids(KEY_PATH)
        .body(relationships::schema::UPDATE_BODY)
        .scope(Columns(write)),
        r(M::GET, INDEXES, indexes::list)
            .ids(TABLE_PATH)
            .reads(PLAIN_LIST)
            .scope(Indexes(read)),
        r(M::POST, INDEXES, indexes::create)
            .ids(TABLE_PATH)
            .body(index_def::CREATE_BODY)
            .scope(Indexes(write)),
        r(M::GET, INDEX, indexes::get)
            .ids(KEY_PATH)
            .scope(Indexes(read)),
        r(M::DELETE, INDEX, indexes::delete)
            .ids(KEY_PATH)
            .scope(Indexes(write)),
        r(M::GET, ROWS, rows::list)
            .ids(ROWS_IDS)
            .reads(ROWS_LIST)
            .users(),
        // Body checked by the handler: the recorded order mixes request-level and
        // endpoint-level checks (a single row's `data` or the key's `rows`).
        r(M::POST, ROWS, rows::create)
            .ids(ROWS_IDS)
            .limit(RowWrite, ROWS)
            .run(InlineIfSmall)
            .users(),
        // Bodies checked by the bulk handlers: `rows`' and `data`'s checks interleave
        // with the key's scope and the table lookup, and a bulk update's "missing
        // payload" comes before `queries`.
        r(M::PUT, ROWS, bulk::upsert)
            .ids(ROWS_IDS)
            .limit(RowWrite, ROWS)
            .users(),
        r(M::PATCH, ROWS, bulk::update)
            .ids(ROWS_IDS)
            .limit(RowWrite, ROWS)
            .users(),
        r(M::DELETE, ROWS, bulk::delete)
            .ids(ROWS_IDS)
            .reads(QUERIES_ONLY)
            .limit(RowDelete, ROWS)
            .users(),
        // Appwrite's router drops empty path segments: `…/rows/` (an empty row ID) is the
        // bulk update or bulk delete of the whole table (a reproduced bug, both releases).
        r(M::PATCH, ROWS_SLASH, bulk::update)
            .ids(ROWS_IDS)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::DELETE, ROWS_SLASH, bulk::delete)
            .ids(ROWS_IDS)
            .reads(QUERIES_ONLY)
            .limit(RowDelete, ROW)
            .run(Inline)
            .users(),
        r(M::GET, ROW, rows::get)
            .ids(ROW_IDS)
            .reads(ROW_READ)
            .run(Inline)
            .users(),
        r(M::PATCH, ROW, rows::update)
            .ids(ROW_IDS)
            .write(ROW_UPDATE)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::PUT, ROW, rows::upsert)
            .ids(ROW_IDS)
            .write(ROW_UPSERT)
            .limit(RowWrite, ROW)
            .run(Inline)
            .users(),
        r(M::DELETE, ROW, rows::delete)
            .ids(ROW_IDS)
            .limit(RowDelete, ROW)
            .run(Inline)
            .users(),
        // The legacy Databases API's document reads, over the same tables and rows.
        r(M::GET, DOCUMENTS, list_documents)
            .ids(DOCUMENTS_PATH)
            .reads(ROWS_LIST)
            .users(),
        r(M::GET, DOCUMENT, get_document)
            .ids(DOCUMENT_PATH)
            .reads(ROW_READ)
            .users(),
        r(M::GET, ACCOUNT, users::account)
            .scope(Named("account"))
            .users(),
        // `value` and the bound checked by the handler: `value: null` is refused before
        // `value`'s validator, as a bare 500 on 1.9, and its sign after the table lookup.
        r(M::PATCH, INCREMENT, counters::increment)
            .ids(COUNTER_IDS)
            .limit(RowWrite, INCREMENT)
            .run(Inline)
            .users(),
        r(M::PATCH, DECREMENT, counters::decrement)
            .ids(COUNTER_IDS)
            .limit(RowWrite, DECREMENT)
            .run(Inline)
            .users(),
        r(M::GET, USERS, users::list)
            .reads(ACCOUNT_LIST)
            .scope(Named("users.read")),
        r(M::POST, USERS, users::create)
            .body(users::CREATE_BODY)
            .scope(Named("users.write")),
        r(M::GET, USER, users::get)
            .ids(USER_PATH)
            .scope(Named("users.read")),
        r(M::DELETE, USER, users::delete)
            .ids(USER_PATH)
            .scope(Named("users.write")),
        r(M::PUT, USER_LABELS, users::update_labels)
            .ids(USER_PATH)
            .body(users::LABELS_BODY)
            .scope(Named("users.write")),
        r(M::PATCH, USER_STATUS, users::update_status)
            .ids(USER_PATH)
            .body(users::STATUS_BODY)
            .scope(Named("users.write")),
        r(M::PATCH, USER_NAME, users::update_name)
            .ids(USER_PATH)
            .body(users::NAME_BODY)
            .scope(Named("users.write")),
        r(
            M::PATCH,
            USER_VERIFICATION,
            users::update_email_verification,
        )
        .ids(USER_PATH)
        .body(users::EMAIL_VERIFICATION_BODY)
        .scope(Named("users.write")),
        r(
            M::PATCH,
            USER_PHONE_VERIFICATION,
            users::update_phone_verification,
        )
        .ids(USER_PATH)
        .body(users::PHONE_VERIFICATION_BODY)
        .scope(Named("users.write")),
        r(M::GET, USER_MEMBERSHIPS, users::memberships)
            .ids(USER_PATH)
            .reads(ACCOUNT_LIST)
            .scope(Named("users.read")),
        r(M::GET, USER_PREFS, users::get_prefs)
            .ids(USER_PATH)
            .scope(Named("users.read")),
        r(M::PATCH, USER_PREFS, users::update_prefs)
            .ids(USER_PATH)
            .body(users::PREFS_BODY)
            .scope(Named("users.write")),
        r(M::GET, USER_SESSIONS, users::sessions)
            .ids(USER_PATH)
            .reads(TOTAL_ONLY)
            .scope(Named("users.read")),
        r(M::GET, USER_LOGS, users::logs)
            .ids(USER_PATH)
            .reads(PLAIN_LIST)
            .scope(Named("users.read")),
        r(M::POST, USER_JWTS, users::create_jwt)
            .ids(USER_PATH)
            .body(users::JWT_BODY)
            .scope(Named("users.write")),
        r(M::GET, TEAMS, teams::list)
            .reads(ACCOUNT_LIST)
            .scope(Named("teams.read"))
            .users(),
        r(M::POST, TEAMS, teams::create)
            .body(teams::CREATE_BODY)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM, teams::get)
            .ids(TEAM_PATH)
            .scope(Named("teams.read"))
            .users(),
        r(M::PUT, TEAM, teams::update_name)
            .ids(TEAM_PATH)
            .body(teams::UPDATE_BODY)
            .scope(Named("teams.write"))
            .users(),
        r(M::DELETE, TEAM, teams::delete)
            .ids(TEAM_PATH)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM_PREFS, teams::get_prefs)
            .ids(TEAM_PATH)
            .scope(Named("teams.read"))
            .users(),
        r(M::PUT, TEAM_PREFS, teams::update_prefs)
            .ids(TEAM_PATH)
            .body(teams::PREFS_BODY)
            .scope(Named("teams.write"))
            .users(),
        r(M::GET, TEAM_MEMBERSHIPS, teams::list_memberships)
            .ids(TEAM_PATH)
            .reads(ACCOUNT_LIST)
            .scope(Named("teams.read"))
            .users(),
        r(M::POST, TEAM_MEMBERSHIPS, teams::create_membership)
            .ids(TEAM_PATH)
            .body(teams::INVITE_BODY)
            .scope(Named("teams.write"))
            .limit(TeamInvite, TEAM_MEMBERSHIPS)
            .users(),
        r(M::GET, TEAM_MEMBERSHIP, teams::get_membership)
            .ids(MEMBERSHIP_PATH)
            .scope(Named("teams.read"))
            .users(),
        r(M::PATCH, TEAM_MEMBERSHIP, teams::update_membership)
            .ids(MEMBERSHIP_PATH)
            .body(teams::MEMBERSHIP_BODY)
            .scope(Named("teams.write"))
            .users(),
        r(M::DELETE, TEAM_MEMBERSHIP, teams::delete_membership)
            .ids(MEMBERSHIP_PATH)
            .scope(Named("teams.write"))
            .users(),
    ]
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
