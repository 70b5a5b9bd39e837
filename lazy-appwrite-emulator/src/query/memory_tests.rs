//! Tests of `memory`.

use serde_json::json;

use super::*;
use crate::error::ErrorType;

const FIELDS: &[MemoryField] = &[
    MemoryField {
        name: "key",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "type",
        kind: MemoryKind::String,
    },
    MemoryField {
        name: "size",
        kind: MemoryKind::Integer,
    },
    MemoryField {
        name: "required",
        kind: MemoryKind::Bool,
    },
    MemoryField {
        name: "columns",
        kind: MemoryKind::StringArray,
    },
    MemoryField {
        name: "error",
        kind: MemoryKind::String,
    },
];

fn items() -> Vec<Value> {
    vec![
        json!({"key": "title", "type": "string", "size": 255, "required": true, "columns": ["a"], "error": "", "$createdAt": "2024-01-01T00:00:00.000+00:00"}),
        json!({"key": "count", "type": "integer", "required": false, "columns": ["b", "c"], "error": "", "$createdAt": "2024-01-02T00:00:00.000+00:00"}),
        json!({"key": "Body", "type": "string", "size": 1000, "required": false, "columns": [], "error": "", "$createdAt": "2024-01-03T00:00:00.000+00:00"}),
        json!({"key": "price", "type": "double", "required": true, "columns": null, "error": "", "$createdAt": "2024-01-04T00:00:00.000+00:00"}),
        json!({"key": "tags", "type": "string", "size": 64, "required": false, "columns": ["a"], "error": "", "$createdAt": "2024-01-05T00:00:00.000+00:00"}),
    ]
}

fn run(queries: &[&str]) -> ApiResult<(String, i64)> {
    run_with(queries, None)
}

fn run_with(queries: &[&str], search: Option<&str>) -> ApiResult<(String, i64)> {
    let raw: Vec<String> = queries.iter().map(|s| s.to_string()).collect();
    let (page, total) = apply_memory(
        items(),
        &raw,
        FIELDS,
        "key",
        "Column",
        search,
        &["key", "type"],
        true,
    )?;
    let keys: Vec<&str> = page
        .iter()
        .map(|v| v["key"].as_str().unwrap_or("?"))
        .collect();
    Ok((keys.join(","), total))
}

fn keys(queries: &[&str]) -> String {
    run(queries)
        .unwrap_or_else(|e| panic!("{queries:?}: {e}"))
        .0
}

fn param_err(queries: &[&str]) -> String {
    let e = run(queries).unwrap_err();
    assert_eq!(e.kind, ErrorType::GeneralArgumentInvalid, "{e:?}");
    e.message
}

#[test]
fn filters() {
    assert_eq!(keys(&[]), "title,count,Body,price,tags");
    assert_eq!(
        run(&[r#"{"method":"equal","attribute":"type","values":["STRING"]}"#]).unwrap(),
        ("title,Body,tags".into(), 3)
    );
    assert_eq!(
        keys(&[r#"{"method":"notEqual","attribute":"type","values":["string"]}"#]),
        "count,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"greaterThan","attribute":"size","values":[100]}"#]),
        "title,Body"
    );
    assert_eq!(
        keys(&[r#"{"method":"between","attribute":"size","values":[64, 255]}"#]),
        "title,tags"
    );
    assert_eq!(
        keys(&[r#"{"method":"notBetween","attribute":"size","values":[64, 255]}"#]),
        "Body"
    );
    assert_eq!(
        keys(&[r#"{"method":"isNull","attribute":"size"}"#]),
        "count,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"equal","attribute":"required","values":[true]}"#]),
        "title,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"startsWith","attribute":"key","values":["b"]}"#]),
        "Body"
    );
    assert_eq!(
        keys(&[r#"{"method":"endsWith","attribute":"key","values":["E"]}"#]),
        "title,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"contains","attribute":"key","values":["i"]}"#]),
        "title,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"notContains","attribute":"key","values":["i","o"]}"#]),
        "tags"
    );
    assert_eq!(
        keys(&[r#"{"method":"contains","attribute":"columns","values":["a","c"]}"#]),
        "title,count,tags"
    );
    assert_eq!(
        keys(&[r#"{"method":"notContains","attribute":"columns","values":["a"]}"#]),
        "count,Body"
    );
    assert_eq!(
        keys(&[r#"{"method":"equal","attribute":"$id","values":["x"]}"#]),
        ""
    );
    assert_eq!(
        keys(&[
            r#"{"method":"greaterThan","attribute":"$createdAt","values":["2024-01-03T00:00:00.000+00:00"]}"#
        ]),
        "price,tags"
    );
    assert_eq!(
        keys(&[r#"{"method":"lessThan","attribute":"$sequence","values":[3]}"#]),
        "title,count"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"or","values":[{"method":"equal","attribute":"key","values":["tags"]},{"method":"equal","attribute":"size","values":[255]}]}"#
        ]),
        "title,tags"
    );
}

#[test]
fn order_limit_offset_cursor() {
    assert_eq!(
        keys(&[r#"{"method":"orderAsc","attribute":"key"}"#]),
        "Body,count,price,tags,title"
    );
    assert_eq!(
        keys(&[r#"{"method":"orderDesc","attribute":"size"}"#]),
        "Body,title,tags,count,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"orderDesc"}"#]),
        "tags,price,Body,count,title"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"limit","values":[2]}"#,
            r#"{"method":"offset","values":[1]}"#
        ]),
        "count,Body"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"cursorAfter","values":["count"]}"#,
            r#"{"method":"limit","values":[2]}"#
        ]),
        "Body,price"
    );
    assert_eq!(
        keys(&[r#"{"method":"cursorAfter","values":["BODY"]}"#]),
        "price,tags"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"cursorBefore","values":["price"]}"#,
            r#"{"method":"limit","values":[2]}"#
        ]),
        "count,Body"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"orderAsc","attribute":"type"}"#,
            r#"{"method":"cursorAfter","values":["price"]}"#
        ]),
        "count,title,Body,tags"
    );
    assert_eq!(
        keys(&[
            r#"{"method":"orderAsc","attribute":"type"}"#,
            r#"{"method":"cursorBefore","values":["Body"]}"#
        ]),
        "price,count,title"
    );
    let (page, total) = run(&[
        r#"{"method":"orderRandom"}"#,
        r#"{"method":"limit","values":[1]}"#,
    ])
    .unwrap();
    assert_eq!((page.split(',').count(), total), (1, 5));
}

#[test]
fn errors() {
    let e = run(&[r#"{"method":"cursorAfter","values":["nope"]}"#]).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            ErrorType::GeneralCursorNotFound,
            "Column 'nope' for the 'cursor' value not found."
        )
    );
    let e = run(&[
        r#"{"method":"orderAsc","attribute":"size"}"#,
        r#"{"method":"cursorAfter","values":["count"]}"#,
    ])
    .unwrap_err();
    assert_eq!(e.kind, ErrorType::DatabaseQueryOrderNull);
    assert_eq!(
        e.message,
        "The order column 'size' had a null value. Cursor pagination requires all rows order column values are non-null."
    );

    assert_eq!(
        param_err(&["{bad"]),
        "Invalid `queries` param: Invalid query: Invalid query: Syntax error"
    );
    assert_eq!(
        param_err(&[r#"{"method":"foo"}"#]),
        "Invalid `queries` param: Invalid query: Invalid query method: foo"
    );
    assert_eq!(
        param_err(&[r#"{"method":"select","values":["key"]}"#]),
        "Invalid `queries` param: Invalid query method: select"
    );
    assert_eq!(
        param_err(&[r#"{"method":"equal","attribute":"name","values":["x"]}"#]),
        "Invalid `queries` param: Invalid query: Attribute not found in schema: name"
    );
    assert_eq!(
        param_err(&[r#"{"method":"equal","attribute":"columns","values":["x"]}"#]),
        "Invalid `queries` param: Invalid query: Cannot query equal on attribute \"columns\" because it is an array."
    );
    assert_eq!(
        param_err(&[r#"{"method":"equal","attribute":"size","values":["5"]}"#]),
        "Invalid `queries` param: Invalid query: Query value is invalid for attribute \"size\""
    );
    assert_eq!(
        param_err(&[r#"{"method":"limit","values":[0]}"#]),
        "Invalid `queries` param: Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808"
    );
    assert_eq!(
        param_err(&[r#"{"method":"cursorAfter","values":["$bad"]}"#]),
        "Invalid `queries` param: Invalid query: Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore"
    );
    let e = run(&[r#"{"method":"search","attribute":"key","values":["x"]}"#]).unwrap_err();
    assert_eq!(e.kind, ErrorType::GeneralQueryInvalid);
}

#[test]
fn search_param() {
    assert_eq!(
        run_with(&[], Some("STR")).unwrap(),
        ("title,Body,tags".into(), 3)
    );
    // Words are OR'ed (MariaDB boolean mode), the last one a prefix.
    assert_eq!(
        run_with(&[], Some("string ta")).unwrap().0,
        "title,Body,tags"
    );
    assert_eq!(run_with(&[], Some("integ coun")).unwrap().0, "count");
    assert_eq!(run_with(&[], Some("+pri* -dou")).unwrap().0, "price");
    assert_eq!(run_with(&[], Some("zzz")).unwrap().0, "");
}

#[test]
fn total_cap() {
    let many: Vec<Value> = (0..5100).map(|i| json!({"key": format!("k{i}")})).collect();
    let (page, total) = apply_memory(many, &[], FIELDS, "key", "Column", None, &[], true).unwrap();
    assert_eq!((page.len(), total), (25, 5000));
    let (_, total) = apply_memory(items(), &[], FIELDS, "key", "Column", None, &[], false).unwrap();
    assert_eq!(total, 0);
}
