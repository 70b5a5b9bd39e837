//! The legacy Databases API's document reads (`/v1/databases/{db}/collections/{c}/
//! documents[/{id}]`), which both releases still serve over the same storage: the answers
//! of the rows endpoints with Appwrite's older names (`documents`, `$collectionId`,
//! `collection_not_found`, `document_not_found`), as recorded on 1.9.6 (tour-v19.jsonl
//! seq 2536, 2570).

use serde_json::Value;

use crate::error::{ApiError, ApiResult, ErrorType};
use crate::http::reply::Reply;

/// A rows answer (or error) as the documents endpoint gives it.
pub fn as_documents(result: ApiResult<Reply>) -> ApiResult<Reply> {
    match result {
        Ok(Reply::Json(status, body)) => Ok(Reply::Json(status, rename(body))),
        Ok(Reply::JsonWithHeader(body, name, text)) => {
            Ok(Reply::JsonWithHeader(rename(body), name, text))
        }
        Ok(other) => Ok(other),
        Err(error) => Err(rename_error(error)),
    }
}

/// `rows` → `documents` and, in every object, `$tableId` → `$collectionId`.
fn rename(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let key = match key.as_str() {
                        "rows" => "documents".to_string(),
                        "$tableId" => "$collectionId".to_string(),
                        _ => key,
                    };
                    (key, rename(value))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(rename).collect()),
        other => other,
    }
}

fn rename_error(error: ApiError) -> ApiError {
    let kind = match error.kind {
        ErrorType::TableNotFound => ErrorType::CollectionNotFound,
        ErrorType::RowNotFound => ErrorType::DocumentNotFound,
        _ => return error,
    };
    let message = error
        .message
        .replacen("Table with", "Collection with", 1)
        .replacen("Row with", "Document with", 1);
    ApiError::new(kind, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_become_documents() {
        let body =
            json!({"total": 1, "rows": [{"$id": "r", "$tableId": "t", "n": {"$tableId": "u"}}]});
        let Ok(Reply::Json(200, out)) = as_documents(Ok(Reply::Json(200, body))) else {
            panic!("a JSON answer");
        };
        assert_eq!(
            out,
            json!({"total": 1, "documents": [{"$id": "r", "$collectionId": "t", "n": {"$collectionId": "u"}}]})
        );
        let error = ApiError::new(
            ErrorType::TableNotFound,
            "Table with the requested ID 'x' could not be found.",
        );
        let Err(error) = as_documents(Err(error)) else {
            panic!("an error");
        };
        assert_eq!(error.kind, ErrorType::CollectionNotFound);
        assert_eq!(
            error.message,
            "Collection with the requested ID 'x' could not be found."
        );
    }
}
