//! Update operators carried as JSON strings in `data` on update, upsert,
//! bulk update and bulk upsert; and `X-Appwrite-Timestamp` on the write paths.

use crate::common;

use common::{Api, q};
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// An operator as the SDKs send it: a JSON string without `attribute`.
fn op(method: &str, values: Value) -> Value {
    Value::String(json!({"method": method, "values": values}).to_string())
}

/// A table like Appwrite's own operator e2e test, plus a few more kinds; row `r1`.
async fn setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "title", "type": "string", "size": 256, "required": true},
            // Real Appwrite makes an inline integer without bounds 32-bit: give the full
            // 64-bit range, as a route-made integer column has.
            {"key": "releaseYear", "type": "integer", "required": true,
             "min": i64::MIN, "max": i64::MAX},
            {"key": "duration", "type": "integer"},
            {"key": "actors", "type": "string", "size": 64, "array": true},
            {"key": "integers", "type": "integer", "array": true},
            {"key": "tagline", "type": "string", "size": 20},
            {"key": "birthDay", "type": "datetime"},
            {"key": "price", "type": "double"},
            {"key": "active", "type": "boolean"},
            {"key": "body", "type": "text"},
            {"key": "limited", "type": "integer", "min": 0, "max": 10, "default": 5}
        ]),
        json!([]),
    )
    .await;
    api.row(
        "db",
        "t",
        "r1",
        json!({
            "title": "Operator Test", "releaseYear": 2020, "duration": 120,
            "actors": ["Actor1", "Actor2"], "integers": [10, 20], "tagline": "Original",
            "birthDay": "2020-01-01 12:00:00", "price": 10, "active": false
        }),
    )
    .await
    .assert_status(201);
    api
}

async fn update(api: &Api, id: &str, data: Value) -> common::Res {
    api.patch(&format!("{ROWS}/{id}"), json!({ "data": data }))
        .await
}

#[tokio::test]
async fn appwrite_e2e_sequence() {
    // The steps of Appwrite's `testOperators`.
    let api = setup().await;
    let r = update(
        &api,
        "r1",
        json!({"releaseYear": op("increment", json!([5])), "duration": op("increment", json!([10]))}),
    )
    .await;
    r.assert_status(200);
    assert_eq!(
        (r.body["releaseYear"].clone(), r.body["duration"].clone()),
        (json!(2025), json!(130))
    );
    let r = update(
        &api,
        "r1",
        json!({"releaseYear": op("decrement", json!([3]))}),
    )
    .await;
    assert_eq!(r.body["releaseYear"], 2022);
    let r = update(
        &api,
        "r1",
        json!({"actors": op("arrayAppend", json!(["Actor3"]))}),
    )
    .await;
    assert_eq!(r.body["actors"], json!(["Actor1", "Actor2", "Actor3"]));
    let r = update(
        &api,
        "r1",
        json!({"actors": op("arrayPrepend", json!(["Actor0"]))}),
    )
    .await;
    assert_eq!(
        r.body["actors"],
        json!(["Actor0", "Actor1", "Actor2", "Actor3"])
    );
    let r = update(
        &api,
        "r1",
        json!({"tagline": op("stringConcat", json!([" Appended"]))}),
    )
    .await;
    assert_eq!(r.body["tagline"], "Original Appended");
    let r = update(
        &api,
        "r1",
        json!({"releaseYear": op("increment", json!([1])), "integers": op("arrayAppend", json!([30]))}),
    )
    .await;
    assert_eq!(r.body["releaseYear"], 2023);
    assert_eq!(r.body["integers"], json!([10, 20, 30]));
    // Upsert of an existing row with an operator.
    let r = api
        .put(
            &format!("{ROWS}/u1"),
            json!({"data": {"title": "Upsert Test", "releaseYear": 2020, "actors": [], "birthDay": "2020-01-01 12:00:00"}}),
        )
        .await;
    r.assert_status(200);
    let r = api
        .put(
            &format!("{ROWS}/u1"),
            json!({"data": {"title": "Upsert Test Updated", "releaseYear": op("increment", json!([5])), "actors": [], "birthDay": "2020-01-01 12:00:00"}}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["releaseYear"], 2025);
    assert_eq!(r.body["title"], "Upsert Test Updated");
    // The change is stored.
    assert_eq!(
        api.get(&format!("{ROWS}/r1")).await.body["releaseYear"],
        2023
    );
}

#[tokio::test]
async fn numeric_operators() {
    let api = setup().await;
    let step = |data: Value| update(&api, "r1", data);
    assert_eq!(
        step(json!({"duration": op("multiply", json!([2]))}))
            .await
            .body["duration"],
        240
    );
    assert_eq!(
        step(json!({"duration": op("divide", json!([4]))}))
            .await
            .body["duration"],
        60
    );
    assert_eq!(
        step(json!({"duration": op("modulo", json!([7]))}))
            .await
            .body["duration"],
        4
    );
    assert_eq!(
        step(json!({"duration": op("power", json!([3]))}))
            .await
            .body["duration"],
        64
    );
    assert_eq!(
        step(json!({"price": op("divide", json!([4]))})).await.body["price"],
        2.5
    );
    assert_eq!(
        step(json!({"price": op("multiply", json!([1.5]))}))
            .await
            .body["price"],
        3.75
    );
    // Limits clamp instead of failing.
    assert_eq!(
        step(json!({"duration": op("increment", json!([100, 70]))}))
            .await
            .body["duration"],
        70
    );
    assert_eq!(
        step(json!({"duration": op("decrement", json!([100, 5]))}))
            .await
            .body["duration"],
        5
    );
    assert_eq!(
        step(json!({"duration": op("multiply", json!([100, 50]))}))
            .await
            .body["duration"],
        50
    );
    assert_eq!(
        step(json!({"duration": op("divide", json!([100, 3]))}))
            .await
            .body["duration"],
        3
    );
    assert_eq!(
        step(json!({"duration": op("power", json!([10, 1000]))}))
            .await
            .body["duration"],
        1000
    );
    // `null` counts as 0; numeric strings are numbers.
    let r = api
        .row("db", "t", "r2", json!({"title": "x", "releaseYear": 1}))
        .await;
    assert_eq!(r.body["duration"], Value::Null);
    let r = update(
        &api,
        "r2",
        json!({"duration": op("increment", json!(["7"]))}),
    )
    .await;
    assert_eq!(r.body["duration"], 7);
    // The operator may also be a JSON object rather than a string, with an `attribute`.
    let r = update(
        &api,
        "r2",
        json!({"duration": {"method": "increment", "attribute": "ignored", "values": [3]}}),
    )
    .await;
    assert_eq!(r.body["duration"], 10);
}

#[tokio::test]
async fn column_range_is_not_enforced_on_results() {
    let api = setup().await;
    // The validator's integer overflow check: past 2 147 483 647 without a limit is refused…
    update(&api, "r1", json!({"releaseYear": 2_147_483_640i64}))
        .await
        .assert_status(200);
    let r = update(
        &api,
        "r1",
        json!({"releaseYear": op("increment", json!([10]))}),
    )
    .await;
    r.assert_error(400, "row_invalid_structure");
    assert_eq!(
        r.message(),
        "Invalid document structure: Cannot apply increment operator: would overflow maximum value of 2147483647"
    );
    // …but fine with a limit.
    let r = update(
        &api,
        "r1",
        json!({"releaseYear": op("increment", json!([10, 5_000_000_000i64]))}),
    )
    .await;
    assert_eq!(r.body["releaseYear"], 2_147_483_650i64);
    // Appwrite writes operator results with SQL, outside its structure validation: the
    // column's 0…10 range does not stop them.
    let r = update(&api, "r1", json!({"limited": op("increment", json!([20]))})).await;
    r.assert_status(200);
    assert_eq!(r.body["limited"], 25);
    // As on Appwrite, a later plain update validates the whole merged row and trips on it.
    let r = update(&api, "r1", json!({"duration": 1})).await;
    r.assert_error_msg(
        400,
        "row_invalid_structure",
        "Attribute \"limited\" has invalid format",
    );
}

#[tokio::test]
async fn array_string_boolean_and_date_operators() {
    let api = setup().await;
    update(
        &api,
        "r1",
        json!({"actors": ["a", "b", "c", "b"], "integers": [1, 2, 3, 4, 2]}),
    )
    .await
    .assert_status(200);
    let step = |data: Value| update(&api, "r1", data);
    assert_eq!(
        step(json!({"actors": op("arrayInsert", json!([1, "x"]))}))
            .await
            .body["actors"],
        json!(["a", "x", "b", "c", "b"])
    );
    assert_eq!(
        step(json!({"actors": op("arrayRemove", json!(["b"]))}))
            .await
            .body["actors"],
        json!(["a", "x", "c"])
    );
    assert_eq!(
        step(json!({"integers": op("arrayUnique", json!([]))}))
            .await
            .body["integers"],
        json!([1, 2, 3, 4])
    );
    assert_eq!(
        step(json!({"integers": op("arrayIntersect", json!([2, 4, 9]))}))
            .await
            .body["integers"],
        json!([2, 4])
    );
    assert_eq!(
        step(json!({"actors": op("arrayDiff", json!(["x"]))}))
            .await
            .body["actors"],
        json!(["a", "c"])
    );
    step(json!({"integers": [1, 5, 10, 15]}))
        .await
        .assert_status(200);
    assert_eq!(
        step(json!({"integers": op("arrayFilter", json!(["greaterThan", 5]))}))
            .await
            .body["integers"],
        json!([10, 15])
    );
    assert_eq!(
        step(json!({"actors": op("arrayFilter", json!(["equal", "c"]))}))
            .await
            .body["actors"],
        json!(["c"])
    );
    assert_eq!(
        step(json!({"tagline": op("stringReplace", json!(["Orig", "Fin"]))}))
            .await
            .body["tagline"],
        "Fininal"
    );
    assert_eq!(
        step(json!({"active": op("toggle", json!([]))})).await.body["active"],
        true
    );
    assert_eq!(
        step(json!({"active": op("toggle", json!([]))})).await.body["active"],
        false
    );
    assert_eq!(
        step(json!({"birthDay": op("dateAddDays", json!([31]))}))
            .await
            .body["birthDay"],
        "2020-02-01T12:00:00.000+00:00"
    );
    assert_eq!(
        step(json!({"birthDay": op("dateSubDays", json!([1]))}))
            .await
            .body["birthDay"],
        "2020-01-31T12:00:00.000+00:00"
    );
    let r = step(json!({"birthDay": op("dateSetNow", json!([]))})).await;
    let now = r.body["birthDay"].as_str().unwrap().to_string();
    assert!(
        now.ends_with(".000+00:00") && now.as_str() > "2024",
        "{now}"
    );
}

#[tokio::test]
async fn validation_errors() {
    let api = setup().await;
    let cases = [
        (
            json!({"title": op("increment", json!([1]))}),
            "Cannot apply increment operator to non-numeric field 'title'",
        ),
        (
            json!({"duration": op("increment", json!(["x"]))}),
            "Cannot apply increment operator: value must be numeric, got string",
        ),
        (
            json!({"duration": op("divide", json!([0]))}),
            "Cannot apply divide operator: division by zero",
        ),
        (
            json!({"tagline": op("arrayAppend", json!(["x"]))}),
            "Cannot apply arrayAppend operator to non-array field 'tagline'",
        ),
        (
            json!({"actors": op("arrayInsert", json!([9, "x"]))}),
            "Cannot apply arrayInsert operator: index 9 is out of bounds for array of length 2",
        ),
        (
            json!({"actors": op("arrayFilter", json!(["contains", "x"]))}),
            "Invalid array filter condition 'contains'. Must be one of: equal, notEqual, greaterThan, greaterThanEqual, lessThan, lessThanEqual, isNull, isNotNull",
        ),
        (
            json!({"body": op("stringConcat", json!(["x"]))}),
            "Cannot apply stringConcat operator to non-string field 'body'",
        ),
        (
            json!({"tagline": op("stringConcat", json!(["0123456789abc"]))}),
            "Cannot apply stringConcat operator: result would exceed maximum length of 20 characters",
        ),
        (
            json!({"active": op("dateSetNow", json!([]))}),
            "Cannot apply dateSetNow operator to non-datetime field 'active'",
        ),
        (
            json!({"price": op("toggle", json!([]))}),
            "Cannot apply toggle operator to non-boolean field 'price'",
        ),
    ];
    for (data, message) in cases {
        let r = update(&api, "r1", data.clone()).await;
        r.assert_error(400, "row_invalid_structure");
        assert_eq!(
            r.message(),
            format!("Invalid document structure: {message}"),
            "{data}"
        );
    }
    // Unknown columns and missing required values are reported first, as usual.
    let r = update(&api, "r1", json!({"nope": op("increment", json!([1]))})).await;
    r.assert_error_msg(400, "row_invalid_structure", "Unknown attribute: \"nope\"");
    let r = update(
        &api,
        "r1",
        json!({"title": null, "duration": op("increment", json!(["x"]))}),
    )
    .await;
    r.assert_error_msg(
        400,
        "row_invalid_structure",
        "Missing required attribute \"title\"",
    );
    // Nothing was written.
    let row = api.get(&format!("{ROWS}/r1")).await.body;
    assert_eq!(row["duration"], 120);
    assert_eq!(row["tagline"], "Original");
}

#[tokio::test]
async fn malformed_operators_are_bad_requests() {
    let api = setup().await;
    let bad_values = Value::String(r#"{"method":"increment","values":"5"}"#.into());
    let r = update(&api, "r1", json!({"duration": bad_values})).await;
    r.assert_error(400, "general_bad_request");
    assert_eq!(
        r.message(),
        "Invalid operator for attribute \"duration\": Invalid operator values. Must be an array, got string"
    );
    let bad_attribute =
        Value::String(r#"{"method":"increment","attribute":1,"values":[1]}"#.into());
    let r = update(&api, "r1", json!({"duration": bad_attribute.clone()})).await;
    assert_eq!(
        r.message(),
        "Invalid operator for attribute \"duration\": Invalid operator attribute. Must be a string, got integer"
    );
    // Checked before the row is looked up.
    update(&api, "missing", json!({"duration": bad_attribute.clone()}))
        .await
        .assert_error(400, "general_bad_request");
    api.put(
        &format!("{ROWS}/missing"),
        json!({"data": {"duration": bad_attribute.clone()}}),
    )
    .await
    .assert_error(400, "general_bad_request");
    api.patch(ROWS, json!({"data": {"duration": bad_attribute.clone()}}))
        .await
        .assert_error(400, "general_bad_request");
    api.put(ROWS, json!({"rows": [{"$id": "n1", "title": "n", "releaseYear": 1}, {"$id": "r1", "duration": bad_attribute}]}))
        .await
        .assert_error(400, "general_bad_request");
    assert!(
        api.get(&format!("{ROWS}/n1")).await.status == 404,
        "bulk upsert is all or nothing"
    );
}

#[tokio::test]
async fn what_is_not_an_operator() {
    let api = setup().await;
    // Text that is not operator JSON is stored as it is.
    for text in [
        r#"{"method":"nope","values":[1]}"#,
        r#"{"values":[1]}"#,
        "[1,2]",
        "{not json",
    ] {
        let r = update(&api, "r1", json!({"title": text})).await;
        r.assert_status(200);
        assert_eq!(r.body["title"], text);
    }
    // Creating a row never looks for operators: the text is stored literally.
    let text = op("stringConcat", json!(["!"]));
    let r = api
        .row(
            "db",
            "t",
            "lit",
            json!({"title": text.clone(), "releaseYear": 1}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["title"], text);
    // On an update the same text is an operator (Appwrite does not look at the column type),
    // so a string column cannot be set to operator JSON there.
    let r = update(&api, "lit", json!({"title": text})).await;
    assert_eq!(
        r.body["title"],
        format!("{}!", op("stringConcat", json!(["!"])).as_str().unwrap())
    );
    update(&api, "lit", json!({"title": op("increment", json!([1]))}))
        .await
        .assert_error(400, "row_invalid_structure");
    // `$` keys are never operators.
    let r = update(
        &api,
        "r1",
        json!({"$id": op("increment", json!([1])), "$sequence": op("increment", json!([1])), "duration": 1}),
    )
    .await;
    r.assert_status(200);
    assert_eq!(
        (r.body["$id"].clone(), r.body["$sequence"].clone()),
        (json!("r1"), json!(1))
    );
}

#[tokio::test]
async fn operators_always_count_as_a_change() {
    let api = setup().await;
    let before = api.get(&format!("{ROWS}/r1")).await.body;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    // The result equals the current value, yet Appwrite updates the row.
    let r = update(
        &api,
        "r1",
        json!({"duration": op("increment", json!([5, 120]))}),
    )
    .await;
    assert_eq!(r.body["duration"], 120);
    assert!(r.body["$updatedAt"].as_str() > before["$updatedAt"].as_str());
}

#[tokio::test]
async fn upsert_creating_a_row_applies_operators_to_defaults() {
    let api = setup().await;
    let r = api
        .put(
            &format!("{ROWS}/new"),
            json!({"data": {
                "title": "n", "releaseYear": 1,
                "limited": op("increment", json!([2, 6])),
                "duration": op("increment", json!([3])),
                "actors": op("arrayAppend", json!(["z"])),
                "tagline": op("stringConcat", json!(["hi"])),
                "active": op("toggle", json!([])),
                "birthDay": op("dateAddDays", json!([1]))
            }}),
        )
        .await;
    r.assert_status(200);
    // PHP rules on the defaults: limits are ignored, day arithmetic keeps the default.
    assert_eq!(r.body["limited"], 7);
    assert_eq!(r.body["duration"], 3);
    assert_eq!(r.body["actors"], json!(["z"]));
    assert_eq!(r.body["tagline"], "hi");
    assert_eq!(r.body["active"], true);
    assert_eq!(r.body["birthDay"], Value::Null);
}

#[tokio::test]
async fn bulk_update_and_upsert() {
    let api = setup().await;
    api.row(
        "db",
        "t",
        "r2",
        json!({"title": "Bulk 2", "releaseYear": 2021}),
    )
    .await
    .assert_status(201);
    update(&api, "r1", json!({"title": "Bulk 1"}))
        .await
        .assert_status(200);
    // Appwrite's `testBulkOperators`.
    let r = api
        .patch(
            ROWS,
            json!({"data": {"releaseYear": op("increment", json!([10]))}, "queries": [q("startsWith", "title", json!(["Bulk"])).to_string()]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 2);
    assert_eq!(
        api.get(&format!("{ROWS}/r1")).await.body["releaseYear"],
        2030
    );
    assert_eq!(
        api.get(&format!("{ROWS}/r2")).await.body["releaseYear"],
        2031
    );
    // Column checks happen once, before any row (even when no row matches).
    let r = api
        .patch(
            ROWS,
            json!({"data": {"title": op("increment", json!([1]))}, "queries": [q("equal", "title", json!(["none"])).to_string()]}),
        )
        .await;
    r.assert_error_msg(
        400,
        "row_invalid_structure",
        "Cannot apply increment operator to non-numeric field 'title'",
    );
    // No row-value checks in bulk updates (Appwrite's PartialStructure has no document).
    update(&api, "r1", json!({"releaseYear": 2_147_483_647i64}))
        .await
        .assert_status(200);
    let r = api
        .patch(
            ROWS,
            json!({"data": {"releaseYear": op("increment", json!([1]))}, "queries": [q("equal", "$id", json!(["r1"])).to_string()]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["rows"][0]["releaseYear"], 2_147_483_648i64);
    // Bulk upsert: existing rows get the operator, new ones start from the defaults. An
    // existing row's upsert carries the required columns itself (tour-bulk.jsonl 1.8.1
    // seq 1284: without them, `400 Missing required attribute`).
    let r = api
        .put(
            ROWS,
            json!({"rows": [
                {"$id": "r2", "title": "two", "releaseYear": 2, "duration": op("increment", json!([5]))},
                {"$id": "r3", "title": "new", "releaseYear": 1, "limited": op("decrement", json!([1]))}
            ]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["rows"][0]["duration"], 5);
    assert_eq!(r.body["rows"][1]["limited"], 4);
}

// ------------------------------------------------------------------------------------------
// X-Appwrite-Timestamp

fn with_timestamp(
    api: &Api,
    method: reqwest::Method,
    path: &str,
    ts: &str,
    body: Value,
) -> reqwest::RequestBuilder {
    api.request(method, path)
        .header("X-Appwrite-Timestamp", ts)
        .json(&body)
}

#[tokio::test]
async fn timestamp_on_single_row_writes() {
    let api = setup().await;
    let old = "2000-01-01T00:00:00.000+00:00";
    let r1 = format!("{ROWS}/r1");
    let updated_at = api.get(&r1).await.body["$updatedAt"]
        .as_str()
        .unwrap()
        .to_string();
    // Update (with an operator too) and delete refuse when the row is newer.
    for (method, body) in [
        (
            reqwest::Method::PATCH,
            json!({"data": {"duration": op("increment", json!([1]))}}),
        ),
        (reqwest::Method::DELETE, json!({})),
    ] {
        let r = api
            .send(with_timestamp(&api, method.clone(), &r1, old, body))
            .await;
        r.assert_error_msg(
            409,
            "row_update_conflict",
            "Remote row is newer than local.",
        );
    }
    // The same instant is not older; other formats and offsets are understood.
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PATCH,
            &r1,
            &updated_at,
            json!({"data": {"duration": 1}}),
        ))
        .await;
    r.assert_status(200);
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PUT,
            &r1,
            "2999-01-01 00:00:00+02:00",
            // An upsert carries the required columns itself (as on real Appwrite).
            json!({"data": {"title": "Operator Test", "releaseYear": 2020, "duration": 2}}),
        ))
        .await;
    r.assert_status(200);
    // An unparseable header is refused before anything is looked up.
    for (method, path) in [
        (reqwest::Method::PATCH, format!("{ROWS}/missing")),
        (reqwest::Method::PUT, format!("{ROWS}/missing")),
        (reqwest::Method::DELETE, format!("{ROWS}/missing")),
    ] {
        let r = api
            .send(with_timestamp(
                &api,
                method,
                &path,
                "not a date",
                json!({"data": {"duration": 1}}),
            ))
            .await;
        r.assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid X-Appwrite-Timestamp header value",
        );
    }
    // An upsert that creates the row has nothing to conflict with.
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PUT,
            &format!("{ROWS}/fresh"),
            old,
            json!({"data": {"title": "f", "releaseYear": 1}}),
        ))
        .await;
    r.assert_status(200);
    // An empty header counts as absent.
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PATCH,
            &r1,
            "",
            json!({"data": {"duration": 3}}),
        ))
        .await;
    r.assert_status(200);
    // An upsert with a stale timestamp is applied: real Appwrite (1.8.1 and 1.9.6) does
    // not refuse it, unlike update and delete.
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PUT,
            &r1,
            old,
            json!({"data": {"title": "Operator Test", "releaseYear": 2020, "duration": 1}}),
        ))
        .await;
    r.assert_status(200);
}

#[tokio::test]
async fn timestamp_is_not_consulted_by_bulk_writes() {
    // Appwrite's bulk update/upsert/delete endpoints do not take the header (only the
    // single-row update, upsert and delete inject `requestTimestamp`).
    let api = setup().await;
    let old = "2000-01-01T00:00:00.000+00:00";
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PATCH,
            ROWS,
            old,
            json!({"data": {"duration": 1}}),
        ))
        .await;
    r.assert_status(200);
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::PUT,
            ROWS,
            "garbage",
            json!({"rows": [{"$id": "r1", "title": "one", "releaseYear": 1, "duration": 2}]}),
        ))
        .await;
    r.assert_status(200);
    let r = api
        .send(with_timestamp(
            &api,
            reqwest::Method::DELETE,
            ROWS,
            old,
            json!({}),
        ))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 1);
}
