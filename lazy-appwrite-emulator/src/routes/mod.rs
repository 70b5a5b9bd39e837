//! The REST routes and the machinery that runs each one in a storage transaction. Each
//! handler file is a thin HTTP adapter over [`crate::engine`]; none imports another.

mod bulk;
mod columns;
mod counters;
mod databases;
mod declared;
mod indexes;
mod legacy;
mod route;
mod rows;
mod table;
mod tables;
mod teams;
mod transactions;
mod usage;
mod users;

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{RawPathParams, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Extension, Router};
use http::{HeaderValue, Method};

use crate::error::{ApiError, ApiResult, ErrorType, catalogue};
use crate::handle::RequestRecord;
use crate::http::auth::{Authenticated, Context, authenticate, header};
use crate::http::ids::RawPath;
use crate::http::params::Params;
use crate::http::rate_limit::{self, Outcome, RateLimiter};
use crate::http::reply::Reply;
use crate::server::App;
use crate::store::{Store, Tx};
use route::{Route, Run, SMALL_BODY};

/// Every route the emulator serves: the [`table`] of endpoints, plus `/`, `/v1/ping` and
/// `/v1/health/version`.
pub fn router(app: App) -> Router {
    let mut templates: Vec<&'static str> = Vec::new();
    let mut by_template: HashMap<&'static str, Vec<Route>> = HashMap::new();
    for route in table::routes() {
        if !by_template.contains_key(route.template) {
            templates.push(route.template);
        }
        by_template.entry(route.template).or_default().push(route);
    }
    let mut router = Router::new()
        .route("/v1/ping", get(ping))
        .route("/v1/health/version", get(health_version))
        .route("/", get(root));
    for template in templates {
        let routes = by_template.remove(template).unwrap_or_default();
        router = router.route(template, on(routes));
    }
    router
        .fallback(not_found)
        .layer(Extension(Arc::new(RateLimiter::default())))
        .with_state(app)
}

/// A method router that runs each method's route; other methods are "route not found".
fn on(routes: Vec<Route>) -> MethodRouter<App> {
    let mut router = MethodRouter::new();
    for route in routes {
        let method = route.method.clone();
        let route = Arc::new(route);
        let handler =
            move |state: State<App>,
                  path: Result<RawPathParams, RawPathParamsRejection>,
                  request: Request| { serve(state, path.ok(), request, route.clone()) };
        router = match method {
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
    path: Option<RawPathParams>,
    request: Request,
    route: Arc<Route>,
) -> Response {
    let method = request.method().to_string();
    let uri_path = request.uri().path().to_string();
    let mut limited = None;
    let result = run(&app, path, request, route, &mut limited).await;
    let mut response = match result {
        Ok(reply) => reply.into_response(),
        Err(error) => error.response_for(app.config.appwrite),
    };
    if let Some(outcome) = limited {
        outcome.apply(response.headers_mut());
    }
    finish(&app, method, uri_path, response)
}

/// Runs an endpoint as Appwrite orders a request: the project and credentials, then (in the
/// storage transaction) the JWT's user, the blocked check and the rate limit, then the
/// endpoint. `limited` receives the rate-limit outcome of a limited route.
async fn run(
    app: &App,
    path: Option<RawPathParams>,
    request: Request,
    route: Arc<Route>,
    limited: &mut Option<Outcome>,
) -> ApiResult<Reply> {
    // axum refuses a segment that does not decode to UTF-8 (`%FF%FE`); Appwrite's
    // validators see it, and refuse it with their own message.
    let raw_path = match path {
        Some(path) => RawPath(
            path.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        None => RawPath::lossy(route.template, request.uri().path()),
    };
    let (parts, body) = request.into_parts();
    let authenticated = authenticate(&app.config, &parts.headers)?;
    let target = route
        .limit
        .map(|limit| rate_limit::target(&parts, limit.rule(&app.config), limit.key_template));
    let limiter = parts.extensions.get::<Arc<RateLimiter>>().cloned();
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
    let light = match route.run {
        Run::Inline => true,
        Run::InlineIfSmall => body_len < SMALL_BODY,
        Run::Blocking => false,
    };
    let job = Job {
        authenticated,
        target,
        limiter,
        limits_on: app.config.rate_limits,
    };
    let call = Call {
        route,
        params,
        raw_path,
    };
    // Single-row requests take microseconds: run them on this worker when the store is
    // free, which saves two thread hand-offs. Everything else (lists, bulk, schema) and
    // any request that would wait for the lock goes to the blocking pool. Either way the
    // request's parameters are dropped after the store is released.
    if light && let Ok(mut store) = app.store.try_lock() {
        let (result, outcome) = execute(&mut store, job, &call);
        drop(store);
        *limited = outcome;
        return result;
    }
    let store = app.store.clone();
    let (result, outcome) = tokio::task::spawn_blocking(move || {
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let done = execute(&mut store, job, &call);
        drop(store);
        drop(call);
        done
    })
    .await
    .map_err(ApiError::internal)?;
    *limited = outcome;
    result
}

/// Who calls, and the rate limit that applies, once the request is read.
struct Job {
    authenticated: Authenticated,
    target: Option<rate_limit::Target>,
    limiter: Option<Arc<RateLimiter>>,
    limits_on: bool,
}

/// The endpoint a request calls, with its parameters.
struct Call {
    route: Arc<Route>,
    params: Params,
    raw_path: RawPath,
}

impl Call {
    /// The route's endpoint as Appwrite runs it: a route the release lacks is "route not
    /// found", then the route's scope, then its declared parameters in their order
    /// ([`Route::check`]), then the handler with the checked values.
    fn endpoint(&self, tx: &mut Tx<'_>, context: &Context) -> ApiResult<Reply> {
        if !self.route.exists_in(context.profile) {
            return Err(ApiError::route_not_found());
        }
        self.route.scope.check(context)?;
        let request = self
            .route
            .check(&self.raw_path, &self.params, context.profile)?;
        (self.route.endpoint)(tx, context, &request)
    }
}

/// Runs `call` for `job` in one storage transaction: the JWT's user, the blocked check,
/// the rate limit, then the endpoint. Returns the rate-limit outcome of a limited route
/// too.
fn execute(store: &mut Store, job: Job, call: &Call) -> (ApiResult<Reply>, Option<Outcome>) {
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
        if call.route.blocked_check && context.caller.is_blocked() {
            return Err(ApiError::user_blocked(context.profile));
        }
        if let (Some(target), Some(limiter)) = (&job.target, &job.limiter) {
            let (decided, allowed) = limiter.check(target, &context.caller, job.limits_on);
            outcome = Some(decided);
            allowed?;
        }
        if console {
            if call.route.guest_scoped() {
                return Err(catalogue::no_project_specified());
            }
            return Err(console_outcome(call.endpoint(tx, &context)));
        }
        call.endpoint(tx, &context)
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
        _ => catalogue::no_project_specified(),
    }
}

async fn read_body(body: Body, limit: usize) -> ApiResult<bytes::Bytes> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| catalogue::body_too_large(limit))
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
        Ok(a) if a.console => catalogue::project_not_found().response_for(app.config.appwrite),
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
        catalogue::key_lacks_public_scope(&app.config.project, &host)
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
