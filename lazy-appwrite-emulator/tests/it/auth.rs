//! Authentication and authorisation: the project header, the API key, guests and table/row
//! permissions.

use crate::common;

use common::{Api, q};
use reqwest::Method;
use serde_json::json;

const ROWS: &str = "/tablesdb/db/tables/t/rows";

// What real Appwrite 1.9.6 answers (the default profile): a key without a project is
// `403 project_id_missing`; 1.8.1 answered `401 user_unauthorized`.
#[tokio::test]
async fn missing_project_header_with_a_key_is_project_id_missing() {
    let api = Api::start().await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_error_msg(
        403,
        "project_id_missing",
        "When using project API key, make sure to pass x-appwrite-project header",
    );
}

#[tokio::test]
async fn missing_project_header_with_a_key_is_unauthorized_on_1_8_1() {
    let api =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn empty_project_header_is_project_id_missing() {
    // node-appwrite sends the header with an empty value when setProject was never called;
    // real Appwrite 1.9.6 treats it as missing.
    let api = Api::start().await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Project", "")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_error(403, "project_id_missing");
}

#[tokio::test]
async fn console_project_is_access_forbidden() {
    let api = Api::start().await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Project", "console")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_error_msg(401, "general_access_forbidden", "console project");
}

#[tokio::test]
async fn unknown_project_is_not_found() {
    let api = Api::start().await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Project", "other")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    r.assert_error(404, "project_not_found");
}

#[tokio::test]
async fn project_is_checked_on_row_routes_too() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    let r = api
        .send(
            api.bare(Method::GET, ROWS)
                .header("X-Appwrite-Project", "other"),
        )
        .await;
    r.assert_error(404, "project_not_found");
    // No project and no key: real Appwrite runs the request in its console project, where
    // the guest's `rows.read` passes the scope check and the database group refuses.
    let r = api.send(api.bare(Method::GET, ROWS)).await;
    r.assert_error_msg(401, "general_access_forbidden", "No Appwrite project");
}

#[tokio::test]
async fn no_project_no_key_is_a_console_guest() {
    let api = Api::start().await;
    // The scope check comes first (tour-meta.jsonl 1.8.1 seq 8).
    let r = api.send(api.bare(Method::GET, "/tablesdb")).await;
    r.assert_error_msg(
        401,
        "general_unauthorized_scope",
        "User (role: guests) missing scopes ([\"databases.read\"])",
    );
    let r = api.send(api.bare(Method::GET, "/users")).await;
    r.assert_error(401, "general_unauthorized_scope");
    // A guest's row write is refused before anything is stored.
    let r = api
        .send(
            api.bare(Method::POST, "/tablesdb/db/tables/t/rows")
                .json(&json!({"rowId": "r1", "data": {}})),
        )
        .await;
    r.assert_error(401, "general_access_forbidden");
    // The ping still finds no project (tour-meta.jsonl 1.8.1 seq 6).
    let r = api.send(api.bare(Method::GET, "/ping")).await;
    r.assert_error(404, "project_not_found");
}

#[tokio::test]
async fn right_key_is_privileged() {
    let api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "DB"}))
        .await
        .assert_status(201);
    api.get("/tablesdb/db").await.assert_status(200);
}

#[tokio::test]
async fn wrong_key_is_user_unauthorized() {
    let api = Api::start().await;
    let r = api
        .send(
            api.bare(Method::GET, "/tablesdb")
                .header("X-Appwrite-Project", "test")
                .header("X-Appwrite-Key", "wrong-key"),
        )
        .await;
    r.assert_error(401, "user_unauthorized");
    // Also on row routes, where a guest would be allowed in.
    let r = api
        .send(
            api.bare(Method::GET, ROWS)
                .header("X-Appwrite-Project", "test")
                .header("X-Appwrite-Key", "test-ke"),
        )
        .await;
    r.assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn guests_are_refused_on_schema_endpoints() {
    let mut api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.column(
        "db",
        "t",
        "string",
        json!({"key": "title", "size": 10, "required": false}),
    )
    .await;
    api.with_key = false;
    let checks = [
        api.get("/tablesdb").await,
        api.post("/tablesdb", json!({"databaseId": "x", "name": "x"}))
            .await,
        api.get("/tablesdb/db").await,
        api.put("/tablesdb/db", json!({"name": "y"})).await,
        api.delete("/tablesdb/db").await,
        api.get("/tablesdb/db/tables").await,
        api.post("/tablesdb/db/tables", json!({"tableId": "u", "name": "u"}))
            .await,
        api.get("/tablesdb/db/tables/t").await,
        api.put("/tablesdb/db/tables/t", json!({"name": "u"})).await,
        api.delete("/tablesdb/db/tables/t").await,
        api.get("/tablesdb/db/tables/t/columns").await,
        api.get("/tablesdb/db/tables/t/columns/title").await,
        api.post(
            "/tablesdb/db/tables/t/columns/integer",
            json!({"key": "n", "required": false}),
        )
        .await,
        api.patch(
            "/tablesdb/db/tables/t/columns/string/title",
            json!({"required": false, "default": null}),
        )
        .await,
        api.delete("/tablesdb/db/tables/t/columns/title").await,
        api.get("/tablesdb/db/tables/t/indexes").await,
        api.post(
            "/tablesdb/db/tables/t/indexes",
            json!({"key": "i", "type": "key", "columns": ["title"]}),
        )
        .await,
    ];
    for r in &checks {
        r.assert_error_msg(401, "general_unauthorized_scope", "missing scope");
    }
    // Nothing was changed by the refused calls.
    api.with_key = true;
    api.get("/tablesdb/db/tables/t/columns/title")
        .await
        .assert_status(200);
    api.get("/tablesdb/x")
        .await
        .assert_error(404, "database_not_found");
}

#[tokio::test]
async fn guest_create_needs_table_create_permission() {
    let mut api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.with_key = false;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_error(401, "user_unauthorized");
    api.with_key = true;
    api.put(
        "/tablesdb/db/tables/t",
        json!({"name": "t", "permissions": ["create(\"any\")"]}),
    )
    .await
    .assert_status(200);
    api.with_key = false;
    let r = api.row("db", "t", "r1", json!({"n": 1})).await;
    r.assert_status(201);
    // A guest's row gets no default permissions.
    assert_eq!(r.body["$permissions"], json!([]));
}

#[tokio::test]
async fn guest_create_with_guests_role() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await
        .assert_status(201);
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "permissions": ["create(\"guests\")", "read(\"users\")"]}),
    )
    .await
    .assert_status(201);
    api.with_key = false;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    // `read("users")` does not cover guests, and row security is off.
    api.rows("db", "t", &[])
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn guest_list_without_read_and_without_row_security_is_unauthorized() {
    let mut api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    api.with_key = false;
    api.rows("db", "t", &[])
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn guest_get_of_unreadable_row_is_not_found() {
    let mut api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    api.with_key = false;
    api.get(&format!("{ROWS}/r1"))
        .await
        .assert_error(404, "row_not_found");
    // The same answer as for a row that does not exist.
    api.get(&format!("{ROWS}/nope"))
        .await
        .assert_error(404, "row_not_found");
}

#[tokio::test]
async fn guest_with_table_read_sees_every_row() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "permissions": ["read(\"any\")"]}),
    )
    .await
    .assert_status(201);
    for id in ["a", "b", "c"] {
        api.row("db", "t", id, json!({"n": 1}))
            .await
            .assert_status(201);
    }
    api.with_key = false;
    let r = api.rows("db", "t", &[]).await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["a", "b", "c"]);
    assert_eq!(r.body["total"], 3);
    api.get(&format!("{ROWS}/b")).await.assert_status(200);
}

#[tokio::test]
async fn guest_with_row_security_sees_only_readable_rows() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "rowSecurity": true}),
    )
    .await
    .assert_status(201);
    let perms = |p: &[&str]| json!(p);
    for (id, p) in [
        ("open", perms(&["read(\"any\")"])),
        ("guests", perms(&["read(\"guests\")"])),
        ("users", perms(&["read(\"users\")"])),
        ("someone", perms(&["read(\"user:someone\")"])),
        ("none", perms(&[])),
    ] {
        api.post(
            ROWS,
            json!({"rowId": id, "data": {"n": 1}, "permissions": p}),
        )
        .await
        .assert_status(201);
    }
    api.with_key = false;
    let r = api.rows("db", "t", &[]).await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["open", "guests"]);
    assert_eq!(r.body["total"], 2);
    api.get(&format!("{ROWS}/open")).await.assert_status(200);
    api.get(&format!("{ROWS}/guests")).await.assert_status(200);
    api.get(&format!("{ROWS}/users"))
        .await
        .assert_error(404, "row_not_found");
    api.get(&format!("{ROWS}/none"))
        .await
        .assert_error(404, "row_not_found");
    // Filters still apply on top of the permission filter.
    let r = api
        .rows("db", "t", &[q("equal", "$id", json!(["open", "users"]))])
        .await;
    assert_eq!(r.ids(), ["open"]);
    assert_eq!(r.body["total"], 1);
}

#[tokio::test]
async fn row_permissions_are_ignored_without_row_security() {
    let mut api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    api.post(
        ROWS,
        json!({"rowId": "r", "data": {"n": 1}, "permissions": ["read(\"any\")", "write(\"any\")"]}),
    )
    .await
    .assert_status(201);
    api.with_key = false;
    api.get(&format!("{ROWS}/r"))
        .await
        .assert_error(404, "row_not_found");
    api.patch(&format!("{ROWS}/r"), json!({"permissions": []}))
        .await
        .assert_error(401, "user_unauthorized");
    api.delete(&format!("{ROWS}/r"))
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn guest_update_and_delete_follow_permissions() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "rowSecurity": true}),
    )
    .await
    .assert_status(201);
    api.post(
        ROWS,
        json!({"rowId": "locked", "data": {"n": 1}, "permissions": ["read(\"any\")"]}),
    )
    .await
    .assert_status(201);
    api.post(ROWS, json!({"rowId": "open", "data": {"n": 1}, "permissions": ["read(\"any\")", "write(\"any\")"]}))
        .await
        .assert_status(201);
    api.with_key = false;
    api.patch(&format!("{ROWS}/locked"), json!({"data": {"n": 2}}))
        .await
        .assert_error(401, "user_unauthorized");
    api.delete(&format!("{ROWS}/locked"))
        .await
        .assert_error(401, "user_unauthorized");
    let r = api
        .patch(&format!("{ROWS}/open"), json!({"data": {"n": 2}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["n"], 2);
    let r = api.delete(&format!("{ROWS}/open")).await;
    r.assert_status(204);
    assert_eq!(r.raw, "");
    // Upsert of a new row as a guest needs table `create`.
    api.put(&format!("{ROWS}/fresh"), json!({"data": {"n": 3}}))
        .await
        .assert_error(401, "user_unauthorized");
    // And the locked row is untouched.
    api.with_key = true;
    assert_eq!(api.get(&format!("{ROWS}/locked")).await.body["n"], 1);
}

#[tokio::test]
async fn guest_may_only_grant_roles_it_holds() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "permissions": ["create(\"any\")"]}),
    )
    .await
    .assert_status(201);
    api.with_key = false;
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r", "data": {"n": 1}, "permissions": ["read(\"user:someone\")"]}),
        )
        .await;
    r.assert_error_msg(401, "user_unauthorized", "Permissions must be one of");
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r", "data": {"n": 1}, "permissions": ["read(\"any\")"]}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$permissions"], json!(["read(\"any\")"]));
}

#[tokio::test]
async fn key_may_grant_any_role_and_bypasses_permissions() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    let r = api
        .post(
            ROWS,
            json!({"rowId": "r", "data": {"n": 1}, "permissions": ["read(\"user:someone\")"]}),
        )
        .await;
    r.assert_status(201);
    api.get(&format!("{ROWS}/r")).await.assert_status(200);
    api.rows("db", "t", &[]).await.assert_status(200);
    api.patch(&format!("{ROWS}/r"), json!({"permissions": []}))
        .await
        .assert_status(200);
    api.delete(&format!("{ROWS}/r")).await.assert_status(204);
}

#[tokio::test]
async fn disabled_table_and_database_hide_rows_from_guests_only() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "permissions": ["read(\"any\")"], "enabled": false}),
    )
    .await
    .assert_status(201);
    api.row("db", "t", "r", json!({"n": 1}))
        .await
        .assert_status(201);
    api.with_key = false;
    api.rows("db", "t", &[])
        .await
        .assert_error(404, "table_not_found");
    api.get(&format!("{ROWS}/r"))
        .await
        .assert_error(404, "table_not_found");
    api.with_key = true;
    api.rows("db", "t", &[]).await.assert_status(200);
    api.put(
        "/tablesdb/db/tables/t",
        json!({"name": "t", "enabled": true}),
    )
    .await
    .assert_status(200);
    api.put("/tablesdb/db", json!({"name": "db", "enabled": false}))
        .await
        .assert_status(200);
    api.with_key = false;
    api.rows("db", "t", &[])
        .await
        .assert_error(404, "database_not_found");
    api.with_key = true;
    api.rows("db", "t", &[]).await.assert_status(200);
}

#[tokio::test]
async fn row_security_filters_before_limit_and_offset() {
    let mut api = Api::start().await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "columns": [{"key": "n", "type": "integer"}], "rowSecurity": true}),
    )
    .await
    .assert_status(201);
    for (i, (id, readable)) in [
        ("h1", false),
        ("o1", true),
        ("h2", false),
        ("h3", false),
        ("o2", true),
        ("h4", false),
        ("o3", true),
    ]
    .into_iter()
    .enumerate()
    {
        let permissions = if readable {
            json!(["read(\"any\")"])
        } else {
            json!([])
        };
        api.post(
            ROWS,
            json!({"rowId": id, "data": {"n": i}, "permissions": permissions}),
        )
        .await
        .assert_status(201);
    }
    api.with_key = false;
    let limit = |n: i64| json!({"method": "limit", "values": [n]});
    let offset = |n: i64| json!({"method": "offset", "values": [n]});
    let r = api.rows("db", "t", &[limit(2)]).await;
    assert_eq!(r.ids(), ["o1", "o2"]);
    assert_eq!(r.body["total"], 3);
    let r = api.rows("db", "t", &[limit(2), offset(2)]).await;
    assert_eq!(r.ids(), ["o3"]);
    let r = api
        .rows(
            "db",
            "t",
            &[json!({"method": "orderDesc", "attribute": "n"}), limit(1)],
        )
        .await;
    assert_eq!(r.ids(), ["o3"]);
    let r = api
        .rows(
            "db",
            "t",
            &[json!({"method": "cursorAfter", "values": ["o1"]}), limit(1)],
        )
        .await;
    assert_eq!(r.ids(), ["o2"]);
}
