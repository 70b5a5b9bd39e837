//! The REST routes and the machinery that runs each one in a storage transaction.

mod bulk;
mod column_def;
mod columns;
mod databases;
mod index_def;
mod indexes;
mod lists;
mod row_data;
mod rows;
mod tables;

use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{RawPathParams, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use http::{HeaderValue, Method};

use crate::error::{ApiError, ApiResult, SERVER_VERSION};
use crate::handle::RequestRecord;
use crate::http::auth::{Context, authenticate, header};
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::server::App;
use crate::store::Tx;

/// An endpoint: runs inside one storage transaction.
pub type Endpoint = fn(&mut Tx<'_>, &Context, &Params, &PathArgs) -> ApiResult<Reply>;

/// The decoded path parameters of a route.
#[derive(Debug, Default, Clone)]
pub struct PathArgs(HashMap<String, String>);

impl PathArgs {
    /// The value of path parameter `name` (empty if the route has none).
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Every route the emulator serves.
pub fn router(app: App) -> Router {
    let db = "/v1/tablesdb/{databaseId}";
    let table = "/v1/tablesdb/{databaseId}/tables/{tableId}";
    Router::new()
        .route("/v1/ping", get(ping))
        .route(
            "/v1/tablesdb",
            on(&[
                (Method::GET, databases::list),
                (Method::POST, databases::create),
            ]),
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
        .route(
            &format!("{table}/rows/{{rowId}}"),
            on(&[
                (Method::GET, rows::get),
                (Method::PATCH, rows::update),
                (Method::PUT, rows::upsert),
                (Method::DELETE, rows::delete),
            ]),
        )
        .fallback(not_found)
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
    router.fallback(not_found)
}

async fn serve(
    State(app): State<App>,
    path: RawPathParams,
    request: Request,
    endpoint: Endpoint,
) -> Response {
    let method = request.method().to_string();
    let uri_path = request.uri().path().to_string();
    let result = run(&app, path, request, endpoint).await;
    let response = match result {
        Ok(reply) => reply.into_response(),
        Err(error) => error.into_response(),
    };
    finish(&app, method, uri_path, response)
}

async fn run(
    app: &App,
    path: RawPathParams,
    request: Request,
    endpoint: Endpoint,
) -> ApiResult<Reply> {
    let args = PathArgs(
        path.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    let (parts, body) = request.into_parts();
    let context = authenticate(&app.config, &parts.headers)?;
    let params = if parts.method == Method::GET {
        Params::from_query(parts.uri.query().unwrap_or(""))
    } else {
        let bytes = read_body(body, app.config.body_limit).await?;
        Params::from_body(header(&parts.headers, "content-type"), &bytes)
    };
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        store.run(|tx| endpoint(tx, &context, &params, &args))
    })
    .await
    .map_err(ApiError::internal)?
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
        ApiError::route_not_found().into_response(),
    )
}

async fn ping(State(app): State<App>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = match authenticate(&app.config, request.headers()) {
        Ok(_) => Reply::Raw(200, format!("\"Pong! {SERVER_VERSION}\"")).into_response(),
        Err(error) => error.into_response(),
    };
    finish(&app, method, path, response)
}
