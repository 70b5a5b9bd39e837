//! Columns: create/get/list/update/delete for every non-relationship, non-spatial type, their
//! response models and their validation.

use crate::common;

use common::{Api, is_server_datetime, q};
use serde_json::{Value, json};

const COLUMNS: &str = "/tablesdb/db/tables/t/columns";

async fn setup() -> Api {
    let api = Api::start().await;
    api.table("db", "t").await;
    api
}

/// Creates a column and checks the 202 answer; returns the final (available) model. (That the
/// answer says `processing` is checked in `lifecycle.rs`.)
async fn create(api: &Api, kind: &str, body: Value) -> Value {
    let key = body["key"].as_str().unwrap().to_string();
    let r = api.post(&format!("{COLUMNS}/{kind}"), body).await;
    r.assert_status(202);
    assert_eq!(r.body["key"], key);
    assert_eq!(r.body["error"], "");
    api.wait_column("db", "t", &key).await;
    let got = api.get(&format!("{COLUMNS}/{key}")).await;
    got.assert_status(200);
    assert_eq!(got.body["status"], "available");
    assert!(is_server_datetime(got.body["$createdAt"].as_str().unwrap()));
    assert!(is_server_datetime(got.body["$updatedAt"].as_str().unwrap()));
    assert!(
        got.body.get("$id").is_none(),
        "columns have no $id: {got:?}"
    );
    got.body
}

#[tokio::test]
async fn string_column() {
    let api = setup().await;
    let c = create(
        &api,
        "string",
        json!({"key": "title", "size": 255, "required": true}),
    )
    .await;
    assert_eq!(c["type"], "string");
    assert_eq!(c["size"], 255);
    assert_eq!(c["required"], true);
    assert_eq!(c["array"], false);
    assert_eq!(c["default"], Value::Null);
    assert_eq!(c["encrypt"], false);
    assert!(c.get("format").is_none(), "{c}");
    let c = create(
        &api,
        "string",
        json!({"key": "tags", "size": 64, "required": false, "array": true}),
    )
    .await;
    assert_eq!(c["array"], true);
    let c = create(
        &api,
        "string",
        json!({"key": "note", "size": 10, "required": false, "default": "n/a"}),
    )
    .await;
    assert_eq!(c["default"], "n/a");
}

#[tokio::test]
async fn varchar_and_text_columns() {
    let api = setup().await;
    let c = create(
        &api,
        "varchar",
        json!({"key": "v", "size": 100, "required": false, "default": "x"}),
    )
    .await;
    assert_eq!(c["type"], "varchar");
    assert_eq!(c["size"], 100);
    assert_eq!(c["default"], "x");
    for kind in ["text", "mediumtext", "longtext"] {
        let c = create(&api, kind, json!({"key": kind, "required": false})).await;
        assert_eq!(c["type"], kind);
        assert!(c.get("size").is_none(), "{c}");
        assert_eq!(c["default"], Value::Null);
        assert_eq!(c["encrypt"], false);
    }
    // The column list shows `encrypt: null` for these kinds (a string column keeps its
    // value), though get and create show it (node-columns.jsonl 1.9.6 seq 2738).
    create(
        &api,
        "string",
        json!({"key": "s", "size": 10, "required": false}),
    )
    .await;
    let listed = api.get(COLUMNS).await.body;
    for column in listed["columns"].as_array().unwrap() {
        let expected = if column["type"] == "string" {
            json!(false)
        } else {
            Value::Null
        };
        assert_eq!(column["encrypt"], expected, "{column}");
    }
    assert_eq!(
        api.get(&format!("{COLUMNS}/v")).await.body["encrypt"],
        false
    );
    // varchar sizes are 1–16381.
    api.post(
        &format!("{COLUMNS}/varchar"),
        json!({"key": "big", "size": 16382, "required": false}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `size` param");
    api.post(
        &format!("{COLUMNS}/varchar"),
        json!({"key": "big", "size": 0, "required": false}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn integer_column_min_max_default_to_type_extremes() {
    let api = setup().await;
    let c = create(&api, "integer", json!({"key": "n", "required": false})).await;
    assert_eq!(c["type"], "integer");
    assert_eq!(c["min"], json!(i64::MIN));
    assert_eq!(c["max"], json!(i64::MAX));
    assert_eq!(c["default"], Value::Null);
    assert!(c.get("size").is_none(), "{c}");
    assert!(
        c["min"].is_i64() && c["max"].is_i64(),
        "integer bounds are JSON integers: {c}"
    );
    let c = create(
        &api,
        "integer",
        json!({"key": "qty", "required": false, "min": 0, "default": 1}),
    )
    .await;
    assert_eq!(c["min"], 0);
    assert_eq!(c["max"], json!(i64::MAX));
    assert_eq!(c["default"], 1);
    let c = create(
        &api,
        "integer",
        json!({"key": "age", "required": false, "max": 120}),
    )
    .await;
    assert_eq!(c["min"], json!(i64::MIN));
    assert_eq!(c["max"], 120);
}

#[tokio::test]
async fn float_column_is_double_with_extremes() {
    let api = setup().await;
    let c = create(&api, "float", json!({"key": "price", "required": false})).await;
    assert_eq!(c["type"], "double");
    assert_eq!(c["min"].as_f64(), Some(-f64::MAX));
    assert_eq!(c["max"].as_f64(), Some(f64::MAX));
    let c = create(
        &api,
        "float",
        json!({"key": "ratio", "required": false, "min": 0, "max": 1.5, "default": 0.25}),
    )
    .await;
    assert_eq!(c["min"].as_f64(), Some(0.0));
    assert_eq!(c["max"], 1.5);
    assert_eq!(c["default"], 0.25);
}

#[tokio::test]
async fn boolean_and_datetime_columns() {
    let api = setup().await;
    let c = create(
        &api,
        "boolean",
        json!({"key": "ok", "required": false, "default": true}),
    )
    .await;
    assert_eq!(c["type"], "boolean");
    assert_eq!(c["default"], true);
    let c = create(&api, "datetime", json!({"key": "at", "required": false})).await;
    assert_eq!(c["type"], "datetime");
    // Real Appwrite reports an empty format for datetime columns.
    assert_eq!(c["format"], "");
    assert_eq!(c["default"], Value::Null);
    let c = create(
        &api,
        "datetime",
        json!({"key": "since", "required": false, "default": "2024-01-01 10:00:00+02:00"}),
    )
    .await;
    // Real Appwrite keeps a datetime default as it was sent (offset included).
    assert_eq!(c["default"], "2024-01-01 10:00:00+02:00");
}

#[tokio::test]
async fn email_ip_url_columns_are_strings_with_a_format() {
    let api = setup().await;
    for (kind, default) in [
        ("email", "a@example.com"),
        ("ip", "192.168.0.1"),
        ("url", "https://example.com/x"),
    ] {
        let c = create(
            &api,
            kind,
            json!({"key": kind, "required": false, "default": default}),
        )
        .await;
        assert_eq!(c["type"], "string", "{c}");
        assert_eq!(c["format"], kind);
        assert_eq!(c["default"], default);
    }
    for (kind, bad) in [
        ("email", "not-an-email"),
        ("ip", "999.1.1.1"),
        ("url", "not a url"),
    ] {
        api.post(
            &format!("{COLUMNS}/{kind}"),
            json!({"key": format!("{kind}2"), "required": false, "default": bad}),
        )
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `default` param");
    }
}

#[tokio::test]
async fn enum_column() {
    let api = setup().await;
    let c = create(
        &api,
        "enum",
        json!({"key": "status", "elements": ["draft", "published"], "required": false, "default": "draft"}),
    )
    .await;
    assert_eq!(c["type"], "string");
    assert_eq!(c["format"], "enum");
    assert_eq!(c["elements"], json!(["draft", "published"]));
    assert_eq!(c["default"], "draft");
    api.post(
        &format!("{COLUMNS}/enum"),
        json!({"key": "e2", "elements": ["a", "b"], "required": false, "default": "A"}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    api.post(
        &format!("{COLUMNS}/enum"),
        json!({"key": "e3", "required": false}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"elements\" is not optional.",
    );
}

#[tokio::test]
async fn create_requires_key_required_and_size() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/string"),
        json!({"key": "s", "size": 10}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"required\" is not optional.",
    );
    api.post(
        &format!("{COLUMNS}/string"),
        json!({"key": "s", "required": false}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"size\" is not optional.",
    );
    api.post(&format!("{COLUMNS}/integer"), json!({"required": false}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"key\" is not optional.",
        );
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": "false"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `required` param");
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "$n", "required": false}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `key` param");
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "k".repeat(37), "required": false}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
    assert_eq!(api.get(COLUMNS).await.body["total"], 0);
}

#[tokio::test]
async fn unknown_column_type_is_route_not_found() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/money"),
        json!({"key": "m", "required": false}),
    )
    .await
    .assert_error(404, "general_route_not_found");
}

#[tokio::test]
async fn create_on_unknown_table_or_database() {
    let api = setup().await;
    api.post(
        "/tablesdb/db/tables/nope/columns/integer",
        json!({"key": "n", "required": false}),
    )
    .await
    .assert_error(404, "table_not_found");
    api.post(
        "/tablesdb/nodb/tables/t/columns/integer",
        json!({"key": "n", "required": false}),
    )
    .await
    .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn min_greater_than_max_is_column_value_invalid() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": false, "min": 10, "max": 1}),
    )
    .await
    .assert_error_msg(
        400,
        "column_value_invalid",
        "Minimum value must be lesser than maximum value",
    );
    api.post(
        &format!("{COLUMNS}/float"),
        json!({"key": "f", "required": false, "min": 1.5, "max": 1.0}),
    )
    .await
    .assert_error_msg(
        400,
        "column_value_invalid",
        "Minimum value must be lesser than maximum value",
    );
}

#[tokio::test]
async fn bad_defaults_are_column_value_invalid() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": false, "min": 0, "max": 10, "default": 11}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    api.post(
        &format!("{COLUMNS}/float"),
        json!({"key": "f", "required": false, "min": 0, "max": 1, "default": 1.5}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    api.post(
        &format!("{COLUMNS}/string"),
        json!({"key": "s", "size": 3, "required": false, "default": "four"}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    // A default of the wrong type fails the parameter validator instead.
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": false, "default": "5"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `default` param");
    api.post(
        &format!("{COLUMNS}/boolean"),
        json!({"key": "b", "required": false, "default": "true"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `default` param");
    api.post(
        &format!("{COLUMNS}/datetime"),
        json!({"key": "d", "required": false, "default": "yesterday-ish"}),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "Invalid `default` param");
    assert_eq!(api.get(COLUMNS).await.body["total"], 0);
}

#[tokio::test]
async fn required_or_array_with_default_is_unsupported() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": true, "default": 1}),
    )
    .await
    .assert_error_msg(
        400,
        "column_default_unsupported",
        "Cannot set default value for required column",
    );
    api.post(
        &format!("{COLUMNS}/string"),
        json!({"key": "s", "size": 5, "required": false, "array": true, "default": "a"}),
    )
    .await
    .assert_error_msg(
        400,
        "column_default_unsupported",
        "Cannot set default value for array columns",
    );
    // A null default is no default.
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "n", "required": true, "default": null}),
    )
    .await
    .assert_status(202);
}

#[tokio::test]
async fn duplicate_key_conflicts_case_insensitively() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "title", "size": 10, "required": false}),
    )
    .await;
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "title", "required": false}),
    )
    .await
    .assert_error(409, "column_already_exists");
    api.post(
        &format!("{COLUMNS}/integer"),
        json!({"key": "Title", "required": false}),
    )
    .await
    .assert_error(409, "column_already_exists");
}

#[tokio::test]
async fn get_and_list_columns() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "title", "size": 10, "required": true}),
    )
    .await;
    create(&api, "integer", json!({"key": "count", "required": false})).await;
    create(
        &api,
        "boolean",
        json!({"key": "flag", "required": false, "array": true}),
    )
    .await;
    api.get(&format!("{COLUMNS}/nope"))
        .await
        .assert_error_msg(404, "column_not_found", "nope");
    let r = api.get(COLUMNS).await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids_of("columns"), ["title", "count", "flag"]);
    let r = api
        .list(
            COLUMNS,
            &[q("equal", "type", json!(["integer", "boolean"]))],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("columns"), ["count", "flag"]);
    let r = api
        .list(COLUMNS, &[q("equal", "required", json!([true]))], &[])
        .await;
    assert_eq!(r.ids_of("columns"), ["title"]);
    let r = api
        .list(
            COLUMNS,
            &[
                json!({"method": "limit", "values": [1]}),
                json!({"method": "offset", "values": [1]}),
            ],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("columns"), ["count"]);
    assert_eq!(r.body["total"], 3);
    let r = api
        .list(
            COLUMNS,
            &[json!({"method": "cursorAfter", "values": ["title"]})],
            &[],
        )
        .await;
    assert_eq!(r.ids_of("columns"), ["count", "flag"]);
    // Real Appwrite ignores `total=false` (it still counts); `total=0` skips counting.
    let r = api.list(COLUMNS, &[], &[("total", "0")]).await;
    assert_eq!(r.body["total"], 0);
    api.list(
        COLUMNS,
        &[json!({"method": "select", "values": ["key"]})],
        &[],
    )
    .await
    .assert_error(400, "general_argument_invalid");
    // The table model embeds the same columns.
    let table = api.get("/tablesdb/db/tables/t").await.body;
    assert_eq!(table["columns"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn update_requires_required_and_default() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "title", "size": 10, "required": false}),
    )
    .await;
    api.patch(&format!("{COLUMNS}/string/title"), json!({"default": null}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"required\" is not optional.",
        );
    api.patch(
        &format!("{COLUMNS}/string/title"),
        json!({"required": true}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"default\" is not optional.",
    );
    let r = api
        .patch(
            &format!("{COLUMNS}/string/title"),
            json!({"required": false, "default": "x"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["default"], "x");
    assert_eq!(r.body["status"], "available");
    let r = api
        .patch(
            &format!("{COLUMNS}/string/title"),
            json!({"required": true, "default": null}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["required"], true);
    assert_eq!(r.body["default"], Value::Null);
    api.patch(
        &format!("{COLUMNS}/string/title"),
        json!({"required": true, "default": "x"}),
    )
    .await
    .assert_error(400, "column_default_unsupported");
    api.patch(
        &format!("{COLUMNS}/string/nope"),
        json!({"required": true, "default": null}),
    )
    .await
    .assert_error(404, "column_not_found");
}

#[tokio::test]
async fn update_integer_range_keeps_missing_bounds() {
    let api = setup().await;
    create(
        &api,
        "integer",
        json!({"key": "n", "required": false, "min": 0, "max": 100}),
    )
    .await;
    let r = api
        .patch(
            &format!("{COLUMNS}/integer/n"),
            json!({"required": false, "default": 50, "max": 60}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["min"], 0);
    assert_eq!(r.body["max"], 60);
    assert_eq!(r.body["default"], 50);
    api.patch(
        &format!("{COLUMNS}/integer/n"),
        json!({"required": false, "default": 70}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    api.patch(
        &format!("{COLUMNS}/integer/n"),
        json!({"required": false, "default": null, "min": 61}),
    )
    .await
    .assert_error_msg(
        400,
        "column_value_invalid",
        "Minimum value must be lesser than maximum value",
    );
}

#[tokio::test]
async fn update_enum_requires_elements() {
    let api = setup().await;
    create(
        &api,
        "enum",
        json!({"key": "s", "elements": ["a", "b"], "required": false}),
    )
    .await;
    api.patch(
        &format!("{COLUMNS}/enum/s"),
        json!({"required": false, "default": null}),
    )
    .await
    .assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"elements\" is not optional.",
    );
    api.patch(
        &format!("{COLUMNS}/enum/s"),
        json!({"required": false, "default": "c", "elements": ["a", "b"]}),
    )
    .await
    .assert_error(400, "column_value_invalid");
    let r = api
        .patch(
            &format!("{COLUMNS}/enum/s"),
            json!({"required": false, "default": "c", "elements": ["a", "c"]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["elements"], json!(["a", "c"]));
    assert_eq!(r.body["default"], "c");
}

#[tokio::test]
async fn string_resize() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "s", "size": 10, "required": false}),
    )
    .await;
    api.row("db", "t", "r1", json!({"s": "abcdef"}))
        .await
        .assert_status(201);
    let r = api
        .patch(
            &format!("{COLUMNS}/string/s"),
            json!({"required": false, "default": null, "size": 20}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["size"], 20);
    api.row("db", "t", "r2", json!({"s": "a".repeat(20)}))
        .await
        .assert_status(201);
    api.patch(
        &format!("{COLUMNS}/string/s"),
        json!({"required": false, "default": null, "size": 5}),
    )
    .await
    .assert_error(400, "column_invalid_resize");
    api.delete("/tablesdb/db/tables/t/rows/r2")
        .await
        .assert_status(204);
    let r = api
        .patch(
            &format!("{COLUMNS}/string/s"),
            json!({"required": false, "default": null, "size": 6}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["size"], 6);
    api.row("db", "t", "r3", json!({"s": "abcdefg"}))
        .await
        .assert_error(400, "row_invalid_structure");
    // The data survived.
    assert_eq!(
        api.get("/tablesdb/db/tables/t/rows/r1").await.body["s"],
        "abcdef"
    );
}

#[tokio::test]
async fn rename_with_new_key() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "title", "size": 20, "required": false}),
    )
    .await;
    api.index(
        "db",
        "t",
        json!({"key": "by_title", "type": "key", "columns": ["title"]}),
    )
    .await;
    api.row("db", "t", "r1", json!({"title": "Dune"}))
        .await
        .assert_status(201);
    let r = api
        .patch(
            &format!("{COLUMNS}/string/title"),
            json!({"required": false, "default": null, "newKey": "name"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["key"], "name");
    api.get(&format!("{COLUMNS}/title"))
        .await
        .assert_error(404, "column_not_found");
    api.get(&format!("{COLUMNS}/name")).await.assert_status(200);
    let row = api.get("/tablesdb/db/tables/t/rows/r1").await.body;
    assert_eq!(row["name"], "Dune");
    assert!(row.get("title").is_none(), "{row}");
    let index = api.get("/tablesdb/db/tables/t/indexes/by_title").await.body;
    assert_eq!(index["columns"], json!(["name"]));
    let r = api
        .rows("db", "t", &[q("equal", "name", json!(["Dune"]))])
        .await;
    assert_eq!(r.ids(), ["r1"]);
    // Renaming onto an existing key conflicts.
    create(&api, "integer", json!({"key": "n", "required": false})).await;
    api.patch(
        &format!("{COLUMNS}/integer/n"),
        json!({"required": false, "default": null, "newKey": "name"}),
    )
    .await
    .assert_error(409, "column_already_exists");
}

#[tokio::test]
async fn delete_column() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "a", "size": 5, "required": false}),
    )
    .await;
    create(&api, "integer", json!({"key": "b", "required": false})).await;
    api.row("db", "t", "r1", json!({"a": "x", "b": 1}))
        .await
        .assert_status(201);
    let r = api.delete(&format!("{COLUMNS}/a")).await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
    api.wait_gone(&format!("{COLUMNS}/a")).await;
    let row = api.get("/tablesdb/db/tables/t/rows/r1").await.body;
    assert!(row.get("a").is_none(), "{row}");
    assert_eq!(row["b"], 1);
    api.row("db", "t", "r2", json!({"a": "x"}))
        .await
        .assert_error(400, "row_invalid_structure");
    api.delete(&format!("{COLUMNS}/a"))
        .await
        .assert_error(404, "column_not_found");
    assert_eq!(api.get(COLUMNS).await.ids_of("columns"), ["b"]);
    // The key can be used again.
    create(&api, "boolean", json!({"key": "a", "required": false})).await;
    assert_eq!(
        api.get("/tablesdb/db/tables/t/rows/r1").await.body["a"],
        Value::Null
    );
}

#[tokio::test]
async fn update_every_type_sets_its_default() {
    let api = setup().await;
    let kinds = [
        (
            "varchar",
            json!({"key": "v", "size": 10, "required": false}),
            json!("abc"),
            json!("abc"),
        ),
        (
            "text",
            json!({"key": "tx", "required": false}),
            json!("long"),
            json!("long"),
        ),
        (
            "mediumtext",
            json!({"key": "mt", "required": false}),
            json!("m"),
            json!("m"),
        ),
        (
            "longtext",
            json!({"key": "lt", "required": false}),
            json!("l"),
            json!("l"),
        ),
        (
            "float",
            json!({"key": "f", "required": false}),
            json!(2.5),
            json!(2.5),
        ),
        (
            "boolean",
            json!({"key": "b", "required": false}),
            json!(false),
            json!(false),
        ),
        (
            "datetime",
            json!({"key": "d", "required": false}),
            json!("2024-02-03T04:05:06+01:00"),
            // A datetime default is kept as sent, as on real Appwrite.
            json!("2024-02-03T04:05:06+01:00"),
        ),
        (
            "email",
            json!({"key": "e", "required": false}),
            json!("x@y.io"),
            json!("x@y.io"),
        ),
        (
            "ip",
            json!({"key": "i", "required": false}),
            json!("::1"),
            json!("::1"),
        ),
        (
            "url",
            json!({"key": "u", "required": false}),
            json!("http://a.b/c"),
            json!("http://a.b/c"),
        ),
    ];
    for (kind, body, default, normalised) in kinds {
        let key = body["key"].as_str().unwrap().to_string();
        create(&api, kind, body).await;
        let r = api
            .patch(
                &format!("{COLUMNS}/{kind}/{key}"),
                json!({"required": false, "default": default}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.body["default"], normalised, "{kind}");
        assert_eq!(
            api.get(&format!("{COLUMNS}/{key}")).await.body["default"],
            normalised,
            "{kind}"
        );
        // A new row picks the default up.
        let row = api
            .row("db", "t", &format!("row-{key}"), json!({key.clone(): null}))
            .await;
        row.assert_status(201);
        // The row stores the datetime normalised, though the column shows it as sent.
        let in_row = if kind == "datetime" {
            json!("2024-02-03T03:05:06.000+00:00")
        } else {
            normalised.clone()
        };
        assert_eq!(row.body[&key], in_row, "{kind}");
    }
    // Invalid defaults on update are refused like on create.
    api.patch(
        &format!("{COLUMNS}/email/e"),
        json!({"required": false, "default": "nope"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
    // A default longer than the size is accepted on update (not on create): the update's
    // validator has no length limit (tour-v19.jsonl 1.9.6 seq 2308, columns.jsonl 1.8.1
    // seq 331).
    let r = api
        .patch(
            &format!("{COLUMNS}/varchar/v"),
            json!({"required": false, "default": "x".repeat(11)}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["default"], "x".repeat(11));
}

/// Appwrite never checks that the update route's kind is the column's (columns.jsonl 1.8.1
/// seqs 342, 343, 380, 399, 447, 513): the update goes through and answers the route's
/// model filled from the column, except the integer route on a float column, a bare `500`.
#[tokio::test]
async fn update_through_another_kinds_route() {
    let api = setup().await;
    create(
        &api,
        "string",
        json!({"key": "s", "size": 64, "required": false, "default": "hello"}),
    )
    .await;
    create(
        &api,
        "integer",
        json!({"key": "n", "required": false, "min": 5, "max": 500, "default": 7}),
    )
    .await;
    create(
        &api,
        "float",
        json!({"key": "f", "required": false, "min": -10, "max": 10, "default": -1}),
    )
    .await;
    create(
        &api,
        "enum",
        json!({"key": "en", "elements": ["a", "b"], "required": false}),
    )
    .await;
    let null = json!({"required": false, "default": null});
    let r = api
        .patch(&format!("{COLUMNS}/integer/s"), null.clone())
        .await;
    r.assert_status(200);
    assert_eq!(r.body["type"], "string");
    assert_eq!(r.body["min"], Value::Null);
    assert_eq!(r.body["max"], Value::Null);
    assert_eq!(r.body["default"], Value::Null);
    assert!(r.body.get("size").is_none(), "{}", r.body);
    let r = api.patch(&format!("{COLUMNS}/email/s"), null.clone()).await;
    r.assert_status(200);
    assert_eq!(r.body["format"], "");
    let r = api.patch(&format!("{COLUMNS}/float/n"), null.clone()).await;
    r.assert_status(200);
    assert_eq!(r.body["type"], "integer");
    assert_eq!(
        (r.body["min"].clone(), r.body["max"].clone()),
        (json!(5), json!(500))
    );
    api.patch(&format!("{COLUMNS}/integer/f"), null.clone())
        .await
        .assert_error(500, "general_unknown");
    assert_eq!(api.get(&format!("{COLUMNS}/f")).await.body["default"], -1);
    // Only the enum route carries `elements`.
    api.patch(&format!("{COLUMNS}/string/en"), null.clone())
        .await
        .assert_error(400, "column_value_invalid");
    // A default of the wrong type for the column is still refused.
    api.patch(
        &format!("{COLUMNS}/integer/s"),
        json!({"required": false, "default": 3}),
    )
    .await
    .assert_error(400, "column_type_invalid");
}

/// `default: null` clears the default in the column model only: rows made afterwards
/// still get the old one, until the column becomes required (columns.jsonl 1.8.1 seqs 445,
/// 537 and 572).
#[tokio::test]
async fn a_null_default_on_update_still_fills_new_rows() {
    let api = setup().await;
    create(
        &api,
        "email",
        json!({"key": "e", "required": false, "default": "a@b.io"}),
    )
    .await;
    create(
        &api,
        "string",
        json!({"key": "other", "size": 8, "required": false}),
    )
    .await;
    let r = api
        .patch(
            &format!("{COLUMNS}/email/e"),
            json!({"required": false, "default": null}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["default"], Value::Null);
    assert_eq!(
        api.get(&format!("{COLUMNS}/e")).await.body["default"],
        Value::Null
    );
    let row = api.row("db", "t", "r1", json!({"other": "x"})).await;
    row.assert_status(201);
    assert_eq!(row.body["e"], "a@b.io");
    // A new default replaces it everywhere.
    api.patch(
        &format!("{COLUMNS}/email/e"),
        json!({"required": false, "default": "c@d.io"}),
    )
    .await
    .assert_status(200);
    let row = api.row("db", "t", "r2", json!({"other": "x"})).await;
    assert_eq!(row.body["e"], "c@d.io");
}

/// A spatial default given as WKT text passes validation but fails with a bare `500`
/// (columns.jsonl 1.8.1 seq 506); a polygon default given as one ring is kept as sent
/// (seq 528); an enum may be created without elements (seq 483).
#[tokio::test]
async fn spatial_and_enum_create_quirks() {
    let api = setup().await;
    api.post(
        &format!("{COLUMNS}/point"),
        json!({"key": "p", "required": false, "default": "POINT(1 2)"}),
    )
    .await
    .assert_error(500, "general_unknown");
    let ring = json!([[0, 0], [0, 1], [1, 1], [0, 0]]);
    let c = create(
        &api,
        "polygon",
        json!({"key": "pg", "required": false, "default": ring}),
    )
    .await;
    assert_eq!(c["default"], ring);
    create(
        &api,
        "string",
        json!({"key": "other", "size": 8, "required": false}),
    )
    .await;
    let row = api.row("db", "t", "r1", json!({"other": "x"})).await;
    row.assert_status(201);
    assert_eq!(row.body["pg"], json!([ring]));
    let c = create(
        &api,
        "enum",
        json!({"key": "en", "elements": [], "required": false}),
    )
    .await;
    assert_eq!(c["elements"], json!([]));
}
