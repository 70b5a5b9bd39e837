//! Successful answers: a status and a JSON (or plain text) body, or `204` with no body.

use std::sync::Arc;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::schema::TableMeta;
use crate::store::row_json::RowModel;
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

/// The answer written as [`RowsAnswer::into_json`] would be, row by row without building
/// it ([`RowModel`]).
impl Serialize for RowsAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.rows.iter().all(RowModel::writes_directly) {
            return self.clone().into_json().serialize(serializer);
        }
        let rows = Rows(self);
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("total", &self.total)?;
        map.serialize_entry("rows", &rows)?;
        map.end()
    }
}

/// The `rows` list of a [`RowsAnswer`], for a serializer.
struct Rows<'a>(&'a RowsAnswer);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let answer = self.0;
        serializer.collect_seq(answer.rows.iter().map(|row| RowModel {
            row,
            table: &answer.table,
            format_1_9: answer.format_1_9,
        }))
    }
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
            Reply::Rows(status, answer) => {
                (status, serde_json::to_vec(&answer).unwrap_or_default())
            }
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::{Map, json};

    use super::RowsAnswer;
    use crate::query::plan::tests::table;
    use crate::store::rows::StoredRow;

    fn row(seq: i64, key: &str) -> StoredRow {
        let mut values = Map::new();
        values.insert(key.into(), json!("v"));
        values.insert("count".into(), json!(seq));
        StoredRow {
            seq,
            id: format!("r{seq}"),
            created_at: "2024-01-01T00:00:00.000+00:00".into(),
            updated_at: "2024-01-01T00:00:00.000+00:00".into(),
            permissions: Vec::new(),
            values,
            links: Map::new(),
        }
    }

    /// A bulk answer writes the text of its rendered JSON: empty, full, and with a key
    /// that only the rendered map can place (written through it).
    #[test]
    fn a_rows_answer_writes_its_rendered_json() {
        let table = Arc::new(table());
        let answers = [
            Vec::new(),
            vec![row(1, "title"), row(2, "title")],
            vec![row(3, "$id")],
        ];
        for rows in answers {
            for format_1_9 in [false, true] {
                let answer = RowsAnswer {
                    total: rows.len() + 5,
                    rows: rows.clone(),
                    table: table.clone(),
                    format_1_9,
                };
                let direct = serde_json::to_vec(&answer).expect("an answer serialises");
                let rendered = serde_json::to_vec(&answer.into_json()).expect("json serialises");
                assert_eq!(
                    String::from_utf8_lossy(&direct),
                    String::from_utf8_lossy(&rendered)
                );
            }
        }
    }
}
