//! Successful answers: a status and a JSON (or plain text) body, or `204` with no body.

use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::{Value, json};

use crate::schema::TableMeta;
use crate::store::rows::StoredRow;

/// A successful answer from an endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A JSON document with this status.
    Json(u16, Value),
    /// `200` with a JSON document and one extra header (`X-Appwrite-Cache` of a list read
    /// with `ttl`).
    JsonWithHeader(Value, &'static str, &'static str),
    /// Plain text with this status (`GET /v1/ping`).
    Text(u16, String),
    /// `204 No Content`, with an empty body (the Rust SDK needs it empty).
    NoContent,
    /// A JSON list of rows with this status, rendered only when the answer is written
    /// (after the store is released).
    Rows(u16, RowsAnswer),
}

/// A bulk write's answer, `{"total": …, "rows": […]}`, kept as the stored rows until it is
/// written: rendering a hundred rows is work the store's lock need not wait for.
#[derive(Debug, Clone, PartialEq)]
pub struct RowsAnswer {
    /// `total`: the rows the request wrote (more than `rows` may list).
    pub total: usize,
    /// The rows to list, in order.
    pub rows: Vec<StoredRow>,
    /// Their table.
    pub table: Arc<TableMeta>,
    /// Whether the caller reads the 1.9 format (`$sequence` as a string).
    pub format_1_9: bool,
}

impl RowsAnswer {
    /// The answer as JSON: every row as [`StoredRow::into_rendered`] gives it.
    pub fn into_json(self) -> Value {
        let RowsAnswer {
            total,
            rows,
            table,
            format_1_9,
        } = self;
        let rows: Vec<Value> = rows
            .into_iter()
            .map(|row| row.into_rendered(&table, format_1_9, None))
            .collect();
        json!({ "total": total, "rows": rows })
    }
}

impl Reply {
    /// `200` with `value`.
    pub fn ok(value: Value) -> Self {
        Reply::Json(200, value)
    }

    /// `201` with `value`.
    pub fn created(value: Value) -> Self {
        Reply::Json(201, value)
    }

    /// `202` with `value` (columns and indexes still processing).
    pub fn accepted(value: Value) -> Self {
        Reply::Json(202, value)
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            Reply::NoContent => {
                // Appwrite labels its empty 204 answers as HTML.
                let mut response = StatusCode::NO_CONTENT.into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=UTF-8"),
                );
                return response;
            }
            Reply::Json(status, value) => {
                // Writing to bytes skips `Display`'s formatter; the text is the same.
                (status, serde_json::to_vec(&value).unwrap_or_default())
            }
            Reply::Rows(status, answer) => (
                status,
                serde_json::to_vec(&answer.into_json()).unwrap_or_default(),
            ),
            Reply::JsonWithHeader(value, name, text) => {
                let mut response = Reply::ok(value).into_response();
                response
                    .headers_mut()
                    .insert(name, HeaderValue::from_static(text));
                return response;
            }
            Reply::Text(status, text) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                let mut response = (status, text).into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=UTF-8"),
                );
                return response;
            }
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=UTF-8"),
        );
        response
    }
}
