//! The REST routes and the machinery that runs each one in a storage transaction. Each
//! handler file is a thin HTTP adapter over [`crate::engine`]; none imports another.

mod bulk;
mod columns;
mod counters;
mod databases;
mod indexes;
mod legacy;
mod rows;
mod tables;
mod teams;
mod transactions;
mod usage;
mod users;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawPathParams, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Extension, Router};
use http::{HeaderValue, Method};

use crate::error::{ApiError, ApiResult, ErrorType};
use crate::handle::RequestRecord;
use crate::http::Endpoint;
use crate::http::auth::{
    Authenticated, Context, authenticate, header, no_project_specified, project_not_found,
};
use crate::http::params::Params;
use crate::http::path::PathArgs;
use crate::http::rate_limit::{self, Outcome, RateLimiter};
use crate::http::reply::Reply;
use crate::server::App;
use crate::store::{Store, Tx};

/// Every route the emulator serves.
pub fn router(app: App) -> Router {
    let db = "/v1/tablesdb/{databaseId}";
    let table = "/v1/tablesdb/{databaseId}/tables/{tableId}";
    Router::new()
        .route("/v1/ping", get(ping))
        .route("/v1/health/version", get(health_version))
        .route("/", get(root))
        .route(
            "/v1/tablesdb",
            on(&[
                (Method::GET, databases::list),
                (Method::POST, databases::create),
            ]),
        )
        // Static segments win over `{databaseId}`: a database named `transactions` is
        // unreachable, as on Appwrite.
        // Other methods on these static paths reach the `{databaseId}` routes, as on
        // Appwrite: `PUT`/`DELETE /v1/tablesdb/transactions` update or delete a database
        // named `transactions`.
        .route(
            "/v1/tablesdb/transactions",
            on(&[
                (Method::GET, transactions::list),
                (Method::POST, transactions::create),
                (Method::PUT, |tx, ctx, params, _| {
                    databases::update(tx, ctx, params, &PathArgs::database("transactions"))
                }),
                (Method::DELETE, |tx, ctx, params, _| {
                    databases::delete(tx, ctx, params, &PathArgs::database("transactions"))
                }),
            ]),
        )
        .route(
            "/v1/tablesdb/usage",
            on(&[
                (Method::GET, usage::project),
                (Method::PUT, |tx, ctx, params, _| {
                    databases::update(tx, ctx, params, &PathArgs::database("usage"))
                }),
                (Method::DELETE, |tx, ctx, params, _| {
                    databases::delete(tx, ctx, params, &PathArgs::database("usage"))
                }),
            ]),
        )
        .route(
            &format!("{db}/usage"),
            on(&[(Method::GET, usage::database)]),
        )
        .route(
            &format!("{table}/usage"),
            on(&[(Method::GET, usage::table)]),
        )
        .route(
            &format!("{table}/logs"),
            on(&[(Method::GET, usage::table_logs)]),
        )
        .route(
            "/v1/tablesdb/transactions/{transactionId}",
            on(&[
                (Method::GET, transactions::get),
                (Method::PATCH, transactions::update),
                (Method::DELETE, transactions::delete),
            ]),
        )
        .route(
            "/v1/tablesdb/transactions/{transactionId}/operations",
            on(&[(Method::POST, transactions::create_operations)]),
        )
        .route(
            db,
            on(&[
                (Method::GET, databases::get),
                (Method::PUT, databases::update),
                (Method::DELETE, databases::delete),
            ]),
        )
        .route(
            &format!("{db}/tables"),
            on(&[(Method::GET, tables::list), (Method::POST, tables::create)]),
        )
        .route(
            table,
            on(&[
                (Method::GET, tables::get),
                (Method::PUT, tables::update),
                (Method::DELETE, tables::delete),
            ]),
        )
        .route(
            &format!("{table}/columns"),
            on(&[(Method::GET, columns::list)]),
        )
        .route(
            &format!("{table}/columns/{{segment}}"),
            on(&[
                (Method::POST, columns::create),
                (Method::GET, columns::get),
                (Method::DELETE, columns::delete),
            ]),
        )
        .route(
            &format!("{table}/columns/{{segment}}/{{key}}"),
            on(&[(Method::PATCH, columns::update)]),
        )
        .route(
            &format!("{table}/indexes"),
            on(&[
                (Method::GET, indexes::list),
                (Method::POST, indexes::create),
            ]),
        )
        .route(
            &format!("{table}/indexes/{{key}}"),
            on(&[
                (Method::GET, indexes::get),
                (Method::DELETE, indexes::delete),
            ]),
        )
        .route(
            &format!("{table}/rows"),
            on(&[
                (Method::GET, rows::list),
                (Method::POST, rows::create),
                (Method::PUT, bulk::upsert),
                (Method::PATCH, bulk::update),
                (Method::DELETE, bulk::delete),
            ]),
        )
        // Appwrite's router drops empty path segments: `…/rows/` (an empty row ID) is the
        // bulk update or bulk delete of the whole table (a reproduced bug, both releases).
        .route(
            &format!("{table}/rows/"),
            on(&[
                (Method::PATCH, bulk::update),
                (Method::DELETE, bulk::delete),
            ]),
        )
        .route(
            &format!("{table}/rows/{{rowId}}"),
            on(&[
                (Method::GET, rows::get),
                (Method::PATCH, rows::update),
                (Method::PUT, rows::upsert),
                (Method::DELETE, rows::delete),
            ]),
        )
        // The legacy Databases API's document reads, over the same tables and rows.
        .route(
            "/v1/databases/{databaseId}/collections/{tableId}/documents",
            on(&[(Method::GET, list_documents)]),
        )
        .route(
            "/v1/databases/{databaseId}/collections/{tableId}/documents/{rowId}",
            on(&[(Method::GET, get_document)]),
        )
        .route("/v1/account", on(&[(Method::GET, users::account)]))
        .route(
            &format!("{table}/rows/{{rowId}}/{{column}}/increment"),
            on(&[(Method::PATCH, counters::increment)]),
        )
        .route(
            &format!("{table}/rows/{{rowId}}/{{column}}/decrement"),
            on(&[(Method::PATCH, counters::decrement)]),
        )
        .route(
            "/v1/users",
            on(&[(Method::GET, users::list), (Method::POST, users::create)]),
        )
        .route(
            "/v1/users/{userId}",
            on(&[(Method::GET, users::get), (Method::DELETE, users::delete)]),
        )
        .route(
            "/v1/users/{userId}/labels",
            on(&[(Method::PUT, users::update_labels)]),
        )
        .route(
            "/v1/users/{userId}/status",
            on(&[(Method::PATCH, users::update_status)]),
        )
        .route(
            "/v1/users/{userId}/name",
            on(&[(Method::PATCH, users::update_name)]),
        )
        .route(
            "/v1/users/{userId}/verification",
            on(&[(Method::PATCH, users::update_email_verification)]),
        )
        .route(
            "/v1/users/{userId}/verification/phone",
            on(&[(Method::PATCH, users::update_phone_verification)]),
        )
        .route(
            "/v1/users/{userId}/memberships",
            on(&[(Method::GET, users::memberships)]),
        )
        .route(
            "/v1/users/{userId}/prefs",
            on(&[
                (Method::GET, users::get_prefs),
                (Method::PATCH, users::update_prefs),
            ]),
        )
        .route(
            "/v1/users/{userId}/sessions",
            on(&[(Method::GET, users::sessions)]),
        )
        .route("/v1/users/{userId}/logs", on(&[(Method::GET, users::logs)]))
        .route(
            "/v1/users/{userId}/jwts",
            on(&[(Method::POST, users::create_jwt)]),
        )
        .route(
            "/v1/teams",
            on(&[(Method::GET, teams::list), (Method::POST, teams::create)]),
        )
        .route(
            "/v1/teams/{teamId}",
            on(&[
                (Method::GET, teams::get),
                (Method::PUT, teams::update_name),
                (Method::DELETE, teams::delete),
            ]),
        )
        .route(
            "/v1/teams/{teamId}/prefs",
            on(&[
                (Method::GET, teams::get_prefs),
                (Method::PUT, teams::update_prefs),
            ]),
        )
        .route(
            "/v1/teams/{teamId}/memberships",
            on(&[
                (Method::GET, teams::list_memberships),
                (Method::POST, teams::create_membership),
            ]),
        )
        .route(
            "/v1/teams/{teamId}/memberships/{membershipId}",
            on(&[
                (Method::GET, teams::get_membership),
                (Method::PATCH, teams::update_membership),
                (Method::DELETE, teams::delete_membership),
            ]),
        )
        .fallback(not_found)
        .layer(Extension(Arc::new(RateLimiter::default())))
        .with_state(app)
}

/// A method router that runs each method's endpoint; other methods are "route not found".
fn on(endpoints: &[(Method, Endpoint)]) -> MethodRouter<App> {
    let mut router = MethodRouter::new();
    for (method, endpoint) in endpoints {
        let endpoint = *endpoint;
        let handler = move |state: State<App>, path: RawPathParams, request: Request| {
            serve(state, path, request, endpoint)
        };
        router = match *method {
            Method::GET => router.get(handler),
            Method::POST => router.post(handler),
            Method::PUT => router.put(handler),
            Method::PATCH => router.patch(handler),
            Method::DELETE => router.delete(handler),
            _ => router,
        };
    }
    // CORS preflights answer 204 on every route.
    router
        .options(|| async { Reply::NoContent.into_response() })
        .fallback(not_found)
}

async fn serve(
    State(app): State<App>,
    path: RawPathParams,
    request: Request,
    endpoint: Endpoint,
) -> Response {
    let method = request.method().to_string();
    let uri_path = request.uri().path().to_string();
    let mut limited = None;
    let result = run(&app, path, request, endpoint, &mut limited).await;
    let mut response = match result {
        Ok(reply) => reply.into_response(),
        Err(error) => error.response_for(app.config.appwrite),
    };
    if let Some(outcome) = limited {
        outcome.apply(response.headers_mut());
    }
    finish(&app, method, uri_path, response)
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

/// Whether the endpoint at `path` has no scope a guest lacks (rows, legacy documents and
/// transactions): for those a console-project request is refused without running.
fn guest_scoped(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    matches!(
        segments.as_slice(),
        ["", "v1", "tablesdb", _, "tables", _, "rows", ..]
            | ["", "v1", "tablesdb", "transactions", ..]
            | ["", "v1", "databases", _, "collections", _, "documents", ..]
    )
}

/// Whether a blocked user reaches the `401 user_blocked` check on this path: Appwrite
/// checks the scope first, and users only have the row, transaction, team and account
/// scopes.
fn blocked_check_applies(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    matches!(
        segments.as_slice(),
        ["", "v1", "tablesdb", _, "tables", _, "rows", ..]
            | ["", "v1", "tablesdb", "transactions", ..]
            | ["", "v1", "teams", ..]
            | ["", "v1", "account", ..]
            | ["", "v1", "databases", _, "collections", _, "documents", ..]
    )
}

/// Runs an endpoint as Appwrite orders a request: the project and credentials, then (in the
/// storage transaction) the JWT's user, the blocked check and the rate limit, then the
/// endpoint. `limited` receives the rate-limit outcome of a limited route.
async fn run(
    app: &App,
    path: RawPathParams,
    request: Request,
    endpoint: Endpoint,
    limited: &mut Option<Outcome>,
) -> ApiResult<Reply> {
    let args = PathArgs(
        path.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    let (parts, body) = request.into_parts();
    let authenticated = authenticate(&app.config, &parts.headers)?;
    let target = rate_limit::target(&app.config, &parts);
    let limiter = parts.extensions.get::<Arc<RateLimiter>>().cloned();
    let blocked_check = blocked_check_applies(parts.uri.path());
    let (params, body_len) = if parts.method == Method::GET {
        (Params::from_query(parts.uri.query().unwrap_or("")), 0)
    } else {
        let bytes = read_body(body, app.config.body_limit).await?;
        (
            Params::from_body(header(&parts.headers, "content-type"), &bytes),
            bytes.len(),
        )
    };
    if params.body_is_unreadable() {
        return Err(ApiError::uncaught());
    }
    let light = is_single_row(&parts.method, parts.uri.path(), body_len);
    let job = Job {
        authenticated,
        target,
        limiter,
        limits_on: app.config.rate_limits,
        blocked_check,
        guest_scoped: guest_scoped(parts.uri.path()),
        params,
        args,
        endpoint,
    };
    // Single-row requests take microseconds: run them on this worker when the store is
    // free, which saves two thread hand-offs. Everything else (lists, bulk, schema) and
    // any request that would wait for the lock goes to the blocking pool.
    if light && let Ok(mut store) = app.store.try_lock() {
        let (result, outcome) = execute(&mut store, job);
        *limited = outcome;
        return result;
    }
    let store = app.store.clone();
    let (result, outcome) = tokio::task::spawn_blocking(move || {
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        execute(&mut store, job)
    })
    .await
    .map_err(ApiError::internal)?;
    *limited = outcome;
    result
}

/// Everything an endpoint needs once the request is read.
struct Job {
    authenticated: Authenticated,
    target: Option<rate_limit::Target>,
    limiter: Option<Arc<RateLimiter>>,
    limits_on: bool,
    blocked_check: bool,
    guest_scoped: bool,
    params: Params,
    args: PathArgs,
    endpoint: Endpoint,
}

/// Runs `job` in one storage transaction: the JWT's user, the blocked check, the rate
/// limit, then the endpoint. Returns the rate-limit outcome of a limited route too.
fn execute(store: &mut Store, job: Job) -> (ApiResult<Reply>, Option<Outcome>) {
    let mut outcome = None;
    let console = job.authenticated.console;
    // The JWT's user is looked up (and its `accessedAt` updated) in a transaction of its
    // own: Appwrite writes `accessedAt` before its scope and blocked checks, and keeps it
    // when the request then fails (tour-permissions.jsonl 1.8.1 seq 1890-1891).
    let context: Context = if job.authenticated.jwt_user.is_some() {
        match store.run(|tx| job.authenticated.resolve(tx)) {
            Ok(context) => context,
            Err(error) => return (Err(error), None),
        }
    } else {
        job.authenticated.context
    };
    let result = store.run(|tx| {
        if job.blocked_check && context.caller.is_blocked() {
            return Err(ApiError::user_blocked(context.profile));
        }
        if let (Some(target), Some(limiter)) = (&job.target, &job.limiter) {
            let (decided, allowed) = limiter.check(target, &context.caller, job.limits_on);
            outcome = Some(decided);
            allowed?;
        }
        if console {
            if job.guest_scoped {
                return Err(no_project_specified());
            }
            return Err(console_outcome((job.endpoint)(
                tx,
                &context,
                &job.params,
                &job.args,
            )));
        }
        (job.endpoint)(tx, &context, &job.params, &job.args)
    });
    (result, outcome)
}

/// The answer to a request that reached Appwrite's console project (no project, no key):
/// the endpoint's scope check still applies to the guest (tour-meta.jsonl 1.8.1 seq 8), and
/// an endpoint the guest may call is refused, since the console project holds none of this
/// project's resources. Endpoints without their own scope check (rows, documents,
/// transactions) carry guest scopes and are refused without running; others run, and only
/// their scope error survives.
fn console_outcome(result: ApiResult<Reply>) -> ApiError {
    match result {
        Err(error) if error.kind == ErrorType::GeneralUnauthorizedScope => error,
        // Anything else is rolled back with the error returned.
        _ => no_project_specified(),
    }
}

/// Whether a request touches one row (get, create without `rows`, update, upsert,
/// delete, increment, decrement) and so is cheap enough to run inline.
fn is_single_row(method: &Method, path: &str, body_len: usize) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["", "v1", "tablesdb", _, "tables", _, "rows", _, ..] => true,
        ["", "v1", "tablesdb", _, "tables", _, "rows"] => {
            *method == Method::POST && body_len < 16 * 1024
        }
        _ => false,
    }
}

async fn read_body(body: Body, limit: usize) -> ApiResult<bytes::Bytes> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError::new(
            crate::error::ErrorType::GeneralArgumentInvalid,
            format!("Request body is larger than the {limit} bytes this server accepts."),
        )
    })
}

fn finish(app: &App, method: String, path: String, mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert("server", HeaderValue::from_static("Appwrite"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    app.stats.record(RequestRecord {
        method,
        path,
        status: response.status().as_u16(),
    });
    response
}

async fn not_found(State(app): State<App>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    finish(
        &app,
        method,
        path,
        ApiError::route_not_found().response_for(app.config.appwrite),
    )
}

async fn ping(State(app): State<App>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = match authenticate(&app.config, request.headers()) {
        // Without a project the ping finds none (tour-meta.jsonl 1.8.1 seq 6).
        Ok(a) if a.console => project_not_found().response_for(app.config.appwrite),
        Ok(_) => Reply::Text(200, "Pong!".to_string()).into_response(),
        Err(error) => error.response_for(app.config.appwrite),
    };
    finish(&app, method, path, response)
}

/// `GET /v1/health/version`: public; the API key, whose role has no `public` scope, is
/// refused.
async fn health_version(State(app): State<App>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let keyed = header(request.headers(), "x-appwrite-key").is_some_and(|k| !k.is_empty());
    let response = if keyed {
        let host = header(request.headers(), "host")
            .unwrap_or("localhost")
            .rsplit_once(':')
            .map_or_else(
                || header(request.headers(), "host").unwrap_or("localhost"),
                |(h, _)| h,
            )
            .to_string();
        ApiError::new(
            crate::error::ErrorType::GeneralUnauthorizedScope,
            format!(
                "app.{}@service.{host} (role: applications) missing scopes ([\"public\"])",
                app.config.project
            ),
        )
        .response_for(app.config.appwrite)
    } else {
        Reply::ok(serde_json::json!({"version": app.config.appwrite.as_str()})).into_response()
    };
    finish(&app, method, path, response)
}

/// `GET /`: Appwrite redirects to its console.
async fn root(State(app): State<App>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let mut response = http::StatusCode::MOVED_PERMANENTLY.into_response();
    let headers = response.headers_mut();
    headers.insert("location", HeaderValue::from_static("/console"));
    headers.insert("content-type", HeaderValue::from_static("text/html"));
    finish(&app, method, path, response)
}
