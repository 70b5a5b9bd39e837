//! The permission matrix: every role kind × table/row level ×
//! create/read (get and list)/update/delete, for a guest, two users (through JWTs) and the
//! API key, with the status Appwrite answers: 2xx when the caller holds the role, else
//! `401 user_unauthorized` (writes, and lists without table read or row security) or `404`
//! (get). Plus what a caller may grant, `write`, no-op updates, disabled tables and bulk
//! endpoints.

use crate::common;

use common::{Api, Res};
use reqwest::Method;
use serde_json::{Value, json};

/// Who sends a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Guest,
    /// `alice`: unverified, no team, no label.
    Alice,
    /// `bob`: verified email, label `vip`, member of team `crew` with role `editor`.
    Bob,
    Key,
}

const CALLERS: [Who; 4] = [Who::Guest, Who::Alice, Who::Bob, Who::Key];

impl Who {
    fn name(self) -> &'static str {
        match self {
            Who::Guest => "guest",
            Who::Alice => "alice",
            Who::Bob => "bob",
            Who::Key => "key",
        }
    }
}

struct World {
    api: Api,
    alice: String,
    bob: String,
    /// Bob's membership in `crew`.
    member: String,
}

impl World {
    async fn new() -> Self {
        let api = Api::start().await;
        for (id, email) in [("alice", "alice@example.com"), ("bob", "bob@example.com")] {
            api.post("/users", json!({"userId": id, "email": email, "name": id}))
                .await
                .assert_status(201);
        }
        api.patch(
            "/users/bob/verification",
            json!({"emailVerification": true}),
        )
        .await
        .assert_status(200);
        api.put("/users/bob/labels", json!({"labels": ["vip"]}))
            .await
            .assert_status(200);
        api.post("/teams", json!({"teamId": "crew", "name": "Crew"}))
            .await
            .assert_status(201);
        let m = api
            .post(
                "/teams/crew/memberships",
                json!({"userId": "bob", "roles": ["editor"]}),
            )
            .await;
        m.assert_status(201);
        let member = m.body["$id"].as_str().unwrap().to_string();
        let jwt = |id: &str| {
            let api = &api;
            let id = id.to_string();
            async move {
                let r = api.post(&format!("/users/{id}/jwts"), json!({})).await;
                r.assert_status(201);
                r.body["jwt"].as_str().unwrap().to_string()
            }
        };
        let alice = jwt("alice").await;
        let bob = jwt("bob").await;
        api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
            .await
            .assert_status(201);
        World {
            api,
            alice,
            bob,
            member,
        }
    }

    fn request(&self, who: Who, method: Method, path: &str) -> reqwest::RequestBuilder {
        let req = self
            .api
            .bare(method, path)
            .header("X-Appwrite-Project", "test")
            .header("X-Appwrite-Response-Format", "1.8.0");
        match who {
            Who::Guest => req,
            Who::Alice => req.header("X-Appwrite-JWT", &self.alice),
            Who::Bob => req.header("X-Appwrite-JWT", &self.bob),
            Who::Key => req.header("X-Appwrite-Key", "test-key"),
        }
    }

    async fn call(&self, who: Who, method: Method, path: &str, body: Option<Value>) -> Res {
        let mut req = self.request(who, method, path);
        if let Some(body) = body {
            req = req.json(&body);
        }
        self.api.send(req).await
    }

    /// The roles each caller holds, written out by hand (not computed by the emulator).
    fn holds(&self, who: Who, role: &str) -> bool {
        let member = format!("member:{}", self.member);
        let roles: Vec<&str> = match who {
            Who::Key => return true,
            Who::Guest => vec!["any", "guests"],
            Who::Alice => vec![
                "any",
                "users",
                "users/unverified",
                "user:alice",
                "user:alice/unverified",
            ],
            Who::Bob => vec![
                "any",
                "users",
                "users/verified",
                "user:bob",
                "user:bob/verified",
                "team:crew",
                "team:crew/editor",
                member.as_str(),
                "label:vip",
            ],
        };
        roles.contains(&role)
    }

    async fn table(&self, id: &str, permissions: Value, row_security: bool) {
        self.api
            .post(
                "/tablesdb/db/tables",
                json!({
                    "tableId": id, "name": id, "permissions": permissions,
                    "rowSecurity": row_security,
                    "columns": [{"key": "n", "type": "integer", "required": false}],
                }),
            )
            .await
            .assert_status(201);
    }

    /// Creates rows with the key: `(id, permissions)`.
    async fn rows(&self, table: &str, rows: &[(String, Value)]) {
        let rows: Vec<Value> = rows
            .iter()
            .map(|(id, perms)| json!({"$id": id, "$permissions": perms, "n": 1}))
            .collect();
        self.api
            .post(
                &format!("/tablesdb/db/tables/{table}/rows"),
                json!({ "rows": rows }),
            )
            .await
            .assert_status(201);
    }
}

/// Collects mismatches so that one run reports every failing cell.
#[derive(Default)]
struct Report {
    checks: usize,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, cell: String, res: &Res, status: u16, kind: Option<&str>) {
        self.checks += 1;
        let kind_ok = kind.is_none_or(|k| res.kind() == k);
        if res.status != status || !kind_ok {
            self.failures.push(format!(
                "{cell}: expected {status} {}, got {} {} {}",
                kind.unwrap_or(""),
                res.status,
                res.kind(),
                res.message()
            ));
        }
    }

    fn check_bool(&mut self, cell: String, ok: bool, detail: String) {
        self.checks += 1;
        if !ok {
            self.failures.push(format!("{cell}: {detail}"));
        }
    }

    fn finish(self, what: &str) {
        println!(
            "{what}: {} checks, {} failures",
            self.checks,
            self.failures.len()
        );
        assert!(
            self.failures.is_empty(),
            "{} of {} {what} checks failed:\n{}",
            self.failures.len(),
            self.checks,
            self.failures.join("\n")
        );
    }
}

/// The role kinds of the matrix; `member:` gets Bob's membership ID.
fn role_kinds(member: &str) -> Vec<String> {
    [
        "any",
        "guests",
        "users",
        "users/verified",
        "users/unverified",
        "user:alice",
        "user:alice/unverified",
        "user:bob/verified",
        "user:bob/unverified",
        "team:crew",
        "team:crew/editor",
        "team:crew/owner",
        "team:other",
        &format!("member:{member}"),
        "label:vip",
        "label:other",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn perm(action: &str, role: &str) -> String {
    format!("{action}(\"{role}\")")
}

#[tokio::test]
async fn role_kinds_by_level_and_action() {
    let w = World::new().await;
    let mut report = Report::default();
    for (i, role) in role_kinds(&w.member).iter().enumerate() {
        // Table level: the table grants every action to the role; rows carry nothing and
        // row security is off.
        let t = format!("t{i}");
        w.table(
            &t,
            json!([
                perm("create", role),
                perm("read", role),
                perm("update", role),
                perm("delete", role)
            ]),
            false,
        )
        .await;
        let mut rows = vec![("get".to_string(), json!([]))];
        for who in CALLERS {
            rows.push((format!("upd-{}", who.name()), json!([])));
            rows.push((format!("del-{}", who.name()), json!([])));
        }
        w.rows(&t, &rows).await;
        // Row level: row security on, the table grants nothing, each row grants one action.
        let r = format!("r{i}");
        w.table(&r, json!([]), true).await;
        let mut rows = vec![
            ("get".to_string(), json!([perm("read", role)])),
            ("list".to_string(), json!([perm("read", role)])),
        ];
        for who in CALLERS {
            rows.push((format!("upd-{}", who.name()), json!([perm("update", role)])));
            rows.push((format!("del-{}", who.name()), json!([perm("delete", role)])));
        }
        w.rows(&r, &rows).await;

        for who in CALLERS {
            let holds = w.holds(who, role);
            let cell =
                |level: &str, action: &str| format!("{} × {role} × {level} × {action}", who.name());
            let ok_or = |ok: u16, denied: u16| if holds { ok } else { denied };
            let denied_kind = |k: &'static str| if holds { None } else { Some(k) };

            // Table level.
            let base = format!("/tablesdb/db/tables/{t}/rows");
            let res = w
                .call(
                    who,
                    Method::POST,
                    &base,
                    Some(json!({"rowId": format!("new-{}", who.name()), "data": {"n": 5}})),
                )
                .await;
            report.check(
                cell("table", "create"),
                &res,
                ok_or(201, 401),
                denied_kind("user_unauthorized"),
            );
            let res = w.call(who, Method::GET, &format!("{base}/get"), None).await;
            report.check(
                cell("table", "read (get)"),
                &res,
                ok_or(200, 404),
                denied_kind("row_not_found"),
            );
            let res = w.call(who, Method::GET, &base, None).await;
            report.check(
                cell("table", "read (list)"),
                &res,
                ok_or(200, 401),
                denied_kind("user_unauthorized"),
            );
            let upd = format!("{base}/upd-{}", who.name());
            let res = w
                .call(who, Method::PATCH, &upd, Some(json!({"data": {"n": 2}})))
                .await;
            report.check(
                cell("table", "update"),
                &res,
                ok_or(200, 401),
                denied_kind("user_unauthorized"),
            );
            let del = format!("{base}/del-{}", who.name());
            let res = w.call(who, Method::DELETE, &del, Some(json!({}))).await;
            report.check(
                cell("table", "delete"),
                &res,
                ok_or(204, 401),
                denied_kind("user_unauthorized"),
            );

            // Row level.
            let base = format!("/tablesdb/db/tables/{r}/rows");
            let res = w
                .call(
                    who,
                    Method::POST,
                    &base,
                    Some(json!({"rowId": format!("new-{}", who.name()), "data": {"n": 5}})),
                )
                .await;
            // Rows cannot grant `create`: only the table (which grants nothing) can.
            let key = who == Who::Key;
            report.check(
                cell("row", "create"),
                &res,
                if key { 201 } else { 401 },
                (!key).then_some("user_unauthorized"),
            );
            let res = w.call(who, Method::GET, &format!("{base}/get"), None).await;
            report.check(
                cell("row", "read (get)"),
                &res,
                ok_or(200, 404),
                denied_kind("row_not_found"),
            );
            let res = w
                .call(
                    who,
                    Method::GET,
                    &format!(
                        "{base}?queries[0]={}",
                        urlencode(r#"{"method":"limit","values":[100]}"#)
                    ),
                    None,
                )
                .await;
            report.check(cell("row", "read (list)"), &res, 200, None);
            if res.status == 200 {
                let ids: Vec<String> = res.ids();
                let visible = ids.contains(&"get".to_string()) && ids.contains(&"list".to_string());
                let others = ids
                    .iter()
                    .any(|id| id.starts_with("upd-") || id.starts_with("del-"));
                let expected_visible = holds;
                let ok = visible == expected_visible && (key || !others);
                report.check_bool(
                    cell("row", "read (list) contents"),
                    ok,
                    format!("rows {ids:?}"),
                );
            }
            let upd = format!("{base}/upd-{}", who.name());
            let res = w
                .call(who, Method::PATCH, &upd, Some(json!({"data": {"n": 2}})))
                .await;
            report.check(
                cell("row", "update"),
                &res,
                ok_or(200, 401),
                denied_kind("user_unauthorized"),
            );
            let del = format!("{base}/del-{}", who.name());
            let res = w.call(who, Method::DELETE, &del, Some(json!({}))).await;
            report.check(
                cell("row", "delete"),
                &res,
                ok_or(204, 401),
                denied_kind("user_unauthorized"),
            );
        }
    }
    report.finish("permission matrix");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn callers_may_only_grant_roles_they_hold() {
    let w = World::new().await;
    w.table("g", json!([perm("create", "any")]), false).await;
    let mut report = Report::default();
    for (i, role) in role_kinds(&w.member).iter().enumerate() {
        for who in CALLERS {
            let res = w
                .call(
                    who,
                    Method::POST,
                    "/tablesdb/db/tables/g/rows",
                    Some(json!({
                        "rowId": format!("{}-{i}", who.name()),
                        "data": {"n": 1},
                        "permissions": [perm("read", role)],
                    })),
                )
                .await;
            let holds = w.holds(who, role);
            let cell = format!("{} grants read(\"{role}\")", who.name());
            report.check(
                cell.clone(),
                &res,
                if holds { 201 } else { 401 },
                (!holds).then_some("user_unauthorized"),
            );
            if !holds {
                report.check_bool(
                    cell,
                    res.message()
                        .starts_with("Permissions must be one of: (any, "),
                    format!("message {:?}", res.message()),
                );
            }
        }
    }
    report.finish("grant matrix");
    // The message lists the caller's roles as Appwrite does.
    let res = w
        .call(
            Who::Alice,
            Method::POST,
            "/tablesdb/db/tables/g/rows",
            Some(json!({"rowId": "x", "data": {"n": 1}, "permissions": ["read(\"team:crew\")"]})),
        )
        .await;
    res.assert_error_msg(
        401,
        "user_unauthorized",
        "Permissions must be one of: (any, users, user:alice, user:alice/unverified, users/unverified)",
    );
    // Updates check the permissions they set, too.
    let res = w
        .call(
            Who::Alice,
            Method::PATCH,
            "/tablesdb/db/tables/g/rows/alice-0",
            Some(json!({"permissions": ["read(\"label:vip\")"]})),
        )
        .await;
    res.assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn user_rows_get_default_permissions_and_no_dates() {
    let w = World::new().await;
    w.table(
        "t",
        json!([perm("create", "users"), perm("create", "guests")]),
        true,
    )
    .await;
    let res = w
        .call(
            Who::Alice,
            Method::POST,
            "/tablesdb/db/tables/t/rows",
            Some(json!({"rowId": "a", "data": {"n": 1, "$createdAt": "2001-01-01T00:00:00.000+00:00"}})),
        )
        .await;
    res.assert_status(201);
    assert_eq!(
        res.body["$permissions"],
        json!([
            "read(\"user:alice\")",
            "update(\"user:alice\")",
            "delete(\"user:alice\")"
        ])
    );
    assert_ne!(res.body["$createdAt"], "2001-01-01T00:00:00.000+00:00");
    // The defaults make the row Alice's alone.
    w.call(
        Who::Alice,
        Method::GET,
        "/tablesdb/db/tables/t/rows/a",
        None,
    )
    .await
    .assert_status(200);
    w.call(Who::Bob, Method::GET, "/tablesdb/db/tables/t/rows/a", None)
        .await
        .assert_error(404, "row_not_found");
    w.call(
        Who::Bob,
        Method::PATCH,
        "/tablesdb/db/tables/t/rows/a",
        Some(json!({"data": {"n": 9}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // Explicit `[]` means no permissions at all; a guest's row gets none either.
    let res = w
        .call(
            Who::Alice,
            Method::POST,
            "/tablesdb/db/tables/t/rows",
            Some(json!({"rowId": "b", "data": {"n": 1}, "permissions": []})),
        )
        .await;
    assert_eq!(res.body["$permissions"], json!([]));
    let res = w
        .call(
            Who::Guest,
            Method::POST,
            "/tablesdb/db/tables/t/rows",
            Some(json!({"rowId": "c", "data": {"n": 1}})),
        )
        .await;
    assert_eq!(res.body["$permissions"], json!([]));
    // Upsert creating a row gives the same defaults.
    w.table("u", json!([perm("create", "users")]), true).await;
    let res = w
        .call(
            Who::Bob,
            Method::PUT,
            "/tablesdb/db/tables/u/rows/b1",
            Some(json!({"data": {"n": 1}})),
        )
        .await;
    res.assert_status(200);
    assert_eq!(res.body["$permissions"][0], "read(\"user:bob\")");
    // The key's rows get none.
    let res = w
        .call(
            Who::Key,
            Method::POST,
            "/tablesdb/db/tables/t/rows",
            Some(json!({"rowId": "k", "data": {"n": 1}})),
        )
        .await;
    assert_eq!(res.body["$permissions"], json!([]));
}

#[tokio::test]
async fn create_denial_has_appwrites_message() {
    let w = World::new().await;
    w.table("t", json!([perm("create", "team:crew/owner")]), false)
        .await;
    let res = w
        .call(
            Who::Alice,
            Method::POST,
            "/tablesdb/db/tables/t/rows",
            Some(json!({"rowId": "a", "data": {"n": 1}})),
        )
        .await;
    res.assert_error(401, "user_unauthorized");
    assert_eq!(
        res.message(),
        r#"Missing "create" permission for role "team:crew/owner". Only "["any","users","user:alice","user:alice\/unverified","users\/unverified"]" scopes are allowed and "["team:crew\/owner"]" was given."#
    );
    w.table("empty", json!([]), false).await;
    w.call(
        Who::Guest,
        Method::POST,
        "/tablesdb/db/tables/empty/rows",
        Some(json!({"rowId": "a", "data": {"n": 1}})),
    )
    .await
    .assert_error_msg(
        401,
        "user_unauthorized",
        "No permissions provided for action 'create'",
    );
}

#[tokio::test]
async fn write_expands_by_level() {
    let w = World::new().await;
    w.table("t", json!([perm("write", "users")]), false).await;
    let table = w.api.get("/tablesdb/db/tables/t").await;
    assert_eq!(
        table.body["$permissions"],
        json!([
            "create(\"users\")",
            "update(\"users\")",
            "delete(\"users\")"
        ])
    );
    let base = "/tablesdb/db/tables/t/rows";
    w.call(
        Who::Alice,
        Method::POST,
        base,
        Some(json!({"rowId": "a", "data": {"n": 1}})),
    )
    .await
    .assert_status(201);
    // Table `write` does not include `read`; the row's defaults do.
    w.call(Who::Bob, Method::GET, &format!("{base}/a"), None)
        .await
        .assert_error(404, "row_not_found");
    w.call(
        Who::Bob,
        Method::PATCH,
        &format!("{base}/a"),
        Some(json!({"data": {"n": 2}})),
    )
    .await
    .assert_status(200);
    w.call(
        Who::Bob,
        Method::DELETE,
        &format!("{base}/a"),
        Some(json!({})),
    )
    .await
    .assert_status(204);
    w.call(
        Who::Guest,
        Method::POST,
        base,
        Some(json!({"rowId": "g", "data": {"n": 1}})),
    )
    .await
    .assert_error(401, "user_unauthorized");

    // Row `write` = update + delete.
    w.table("r", json!([]), true).await;
    w.rows("r", &[("x".into(), json!([perm("write", "user:alice")]))])
        .await;
    let row = w.api.get("/tablesdb/db/tables/r/rows/x").await;
    assert_eq!(
        row.body["$permissions"],
        json!(["update(\"user:alice\")", "delete(\"user:alice\")"])
    );
    let base = "/tablesdb/db/tables/r/rows";
    w.call(Who::Alice, Method::GET, &format!("{base}/x"), None)
        .await
        .assert_error(404, "row_not_found");
    w.call(
        Who::Alice,
        Method::PATCH,
        &format!("{base}/x"),
        Some(json!({"data": {"n": 3}})),
    )
    .await
    .assert_status(200);
    w.call(
        Who::Alice,
        Method::DELETE,
        &format!("{base}/x"),
        Some(json!({})),
    )
    .await
    .assert_status(204);
    // `create` is not a row permission.
    w.call(
        Who::Key,
        Method::POST,
        base,
        Some(json!({"rowId": "y", "data": {"n": 1}, "permissions": ["create(\"any\")"]})),
    )
    .await
    .assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn no_op_update_needs_only_read() {
    let w = World::new().await;
    w.table("r", json!([]), true).await;
    w.rows("r", &[("x".into(), json!([perm("read", "user:alice")]))])
        .await;
    let row = "/tablesdb/db/tables/r/rows/x";
    // Nothing changes: Appwrite checks `read` only.
    w.call(
        Who::Alice,
        Method::PATCH,
        row,
        Some(json!({"data": {"n": 1}})),
    )
    .await
    .assert_status(200);
    // A change needs `update`.
    w.call(
        Who::Alice,
        Method::PATCH,
        row,
        Some(json!({"data": {"n": 2}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // Without `read` even a no-op is refused.
    w.call(
        Who::Bob,
        Method::PATCH,
        row,
        Some(json!({"data": {"n": 1}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn upsert_follows_create_and_update_rules() {
    let w = World::new().await;
    w.table("t", json!([perm("create", "users")]), true).await;
    w.rows(
        "t",
        &[
            (
                "mine".into(),
                json!([perm("read", "user:alice"), perm("update", "user:alice")]),
            ),
            (
                "theirs".into(),
                json!([perm("update", "user:alice"), perm("read", "user:bob")]),
            ),
        ],
    )
    .await;
    let base = "/tablesdb/db/tables/t/rows";
    // New row: table `create`.
    w.call(
        Who::Alice,
        Method::PUT,
        &format!("{base}/new"),
        Some(json!({"data": {"n": 1}})),
    )
    .await
    .assert_status(200);
    w.call(
        Who::Guest,
        Method::PUT,
        &format!("{base}/g"),
        Some(json!({"data": {"n": 1}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // Existing row: `update`.
    w.call(
        Who::Alice,
        Method::PUT,
        &format!("{base}/mine"),
        Some(json!({"data": {"n": 7}})),
    )
    .await
    .assert_status(200);
    w.call(
        Who::Bob,
        Method::PUT,
        &format!("{base}/mine"),
        Some(json!({"data": {"n": 8}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    // Omitted permissions keep the row's, and Appwrite checks that the caller could grant
    // them: `read("user:bob")` is not Alice's to give.
    w.call(
        Who::Alice,
        Method::PUT,
        &format!("{base}/theirs"),
        Some(json!({"data": {"n": 7}})),
    )
    .await
    .assert_error_msg(401, "user_unauthorized", "Permissions must be one of");
}

#[tokio::test]
async fn disabled_tables_and_databases_hide_rows_from_users() {
    let w = World::new().await;
    w.table("t", json!([perm("read", "any")]), false).await;
    w.rows("t", &[("x".into(), json!([]))]).await;
    w.api
        .put(
            "/tablesdb/db/tables/t",
            json!({"name": "t", "enabled": false}),
        )
        .await
        .assert_status(200);
    for who in [Who::Guest, Who::Alice] {
        w.call(who, Method::GET, "/tablesdb/db/tables/t/rows/x", None)
            .await
            .assert_error(404, "table_not_found");
    }
    w.call(Who::Key, Method::GET, "/tablesdb/db/tables/t/rows/x", None)
        .await
        .assert_status(200);
    w.api
        .put(
            "/tablesdb/db/tables/t",
            json!({"name": "t", "enabled": true}),
        )
        .await
        .assert_status(200);
    w.api
        .put("/tablesdb/db", json!({"name": "db", "enabled": false}))
        .await
        .assert_status(200);
    w.call(Who::Bob, Method::GET, "/tablesdb/db/tables/t/rows", None)
        .await
        .assert_error(404, "database_not_found");
    w.call(Who::Key, Method::GET, "/tablesdb/db/tables/t/rows", None)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn bulk_endpoints_are_key_only() {
    let w = World::new().await;
    w.table(
        "t",
        json!([
            perm("create", "any"),
            perm("read", "any"),
            perm("update", "any"),
            perm("delete", "any")
        ]),
        false,
    )
    .await;
    w.rows("t", &[("x".into(), json!([]))]).await;
    let base = "/tablesdb/db/tables/t/rows";
    for who in [Who::Guest, Who::Alice] {
        // Bulk create refuses non-key callers explicitly.
        w.call(who, Method::POST, base, Some(json!({"rows": [{"n": 1}]})))
            .await
            .assert_error(401, "general_unauthorized_scope");
        // Bulk update/upsert/delete read the database with authorization on, which a
        // database document never grants: 404.
        w.call(who, Method::PATCH, base, Some(json!({"data": {"n": 2}})))
            .await
            .assert_error(404, "database_not_found");
        w.call(
            who,
            Method::PUT,
            base,
            Some(json!({"rows": [{"$id": "x", "n": 2}]})),
        )
        .await
        .assert_error(404, "database_not_found");
        w.call(who, Method::DELETE, base, Some(json!({})))
            .await
            .assert_error(404, "database_not_found");
        // A missing payload is reported first, as in Appwrite.
        w.call(who, Method::PATCH, base, Some(json!({"data": {}})))
            .await
            .assert_error(400, "row_missing_payload");
    }
    w.call(
        Who::Key,
        Method::PATCH,
        base,
        Some(json!({"data": {"n": 2}})),
    )
    .await
    .assert_status(200);
    w.call(Who::Key, Method::DELETE, base, Some(json!({})))
        .await
        .assert_status(200);
}

#[tokio::test]
async fn schema_endpoints_refuse_users() {
    let w = World::new().await;
    w.table("t", json!([]), false).await;
    // The message lists the endpoint's whole scope label (tour-permissions.jsonl 1.9.6
    // seqs 1862–1869).
    for (method, path, scopes) in [
        (Method::GET, "/tablesdb", r#"["databases.read"]"#),
        (
            Method::GET,
            "/tablesdb/db/tables",
            r#"["tables.read","collections.read"]"#,
        ),
        (
            Method::GET,
            "/tablesdb/db/tables/t/columns",
            r#"["tables.read","collections.read","columns.read","attributes.read"]"#,
        ),
        (
            Method::GET,
            "/tablesdb/db/tables/t/indexes",
            r#"["tables.read","collections.read","indexes.read"]"#,
        ),
        (Method::GET, "/users", r#"["users.read"]"#),
    ] {
        let res = w.call(Who::Alice, method, path, None).await;
        res.assert_error(401, "general_unauthorized_scope");
        assert_eq!(
            res.message(),
            format!("alice@example.com (role: users) missing scopes ({scopes})")
        );
    }
}
