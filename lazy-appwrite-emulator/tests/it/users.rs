//! Users, JWTs and teams: `/v1/users`, `/v1/users/{userId}/jwts`, `/v1/teams` and what a
//! request with `X-Appwrite-JWT` may do (Appwrite's
//! `users.php`, `teams.php`, `resources.php`).

use crate::common;

use common::{Api, Res, is_generated_id, is_server_datetime};
use lazy_appwrite_emulator::AppwriteVersion;
use reqwest::Method;
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";

/// Base64url-decodes a JWT segment.
fn b64url(segment: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in segment.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url: {segment}"),
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    out
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn user(api: &Api, id: &str, email: Option<&str>) -> Res {
    let mut body = json!({"userId": id, "name": id});
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    let r = api.post("/users", body).await;
    r.assert_status(201);
    r
}

async fn jwt(api: &Api, id: &str) -> String {
    let r = api.post(&format!("/users/{id}/jwts"), json!({})).await;
    r.assert_status(201);
    r.body["jwt"].as_str().expect("jwt string").to_string()
}

/// A request as the holder of `token` (no key).
fn as_jwt(api: &Api, token: &str, method: Method, path: &str) -> reqwest::RequestBuilder {
    api.bare(method, path)
        .header("X-Appwrite-Project", "test")
        .header("X-Appwrite-JWT", token)
}

/// A request with the project only.
fn as_guest(api: &Api, method: Method, path: &str) -> reqwest::RequestBuilder {
    api.bare(method, path).header("X-Appwrite-Project", "test")
}

/// Database `db` and table `t` (integer column `n`) with these table permissions.
async fn table(api: &Api, permissions: Value, row_security: bool) {
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await;
    api.post(
        "/tablesdb/db/tables",
        json!({"tableId": "t", "name": "t", "permissions": permissions, "rowSecurity": row_security,
               "columns": [{"key": "n", "type": "integer"}]}),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn create_user_returns_the_user_model() {
    let api = Api::start().await;
    let r = api
        .post(
            "/users",
            json!({"userId": "u1", "email": "Alice@Example.com", "phone": "+16175551212",
                   "password": "correct horse", "name": "Alice"}),
        )
        .await;
    r.assert_status(201);
    let u = &r.body;
    assert_eq!(u["$id"], "u1");
    assert_eq!(u["name"], "Alice");
    assert_eq!(u["email"], "alice@example.com", "emails are lower-cased");
    assert_eq!(u["phone"], "+16175551212");
    assert_eq!(u["status"], true);
    assert_eq!(u["labels"], json!([]));
    assert_eq!(u["emailVerification"], false);
    assert_eq!(u["phoneVerification"], false);
    assert_eq!(u["mfa"], false);
    assert_eq!(u["prefs"], json!({}));
    assert_eq!(u["accessedAt"], "");
    for field in ["$createdAt", "$updatedAt", "registration", "passwordUpdate"] {
        assert!(
            is_server_datetime(u[field].as_str().unwrap()),
            "{field}: {}",
            u[field]
        );
    }
    let targets = u["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 2);
    assert_eq!(targets[0]["providerType"], "email");
    assert_eq!(targets[0]["identifier"], "alice@example.com");
    assert_eq!(targets[0]["userId"], "u1");
    assert_eq!(targets[1]["providerType"], "sms");
    assert_eq!(targets[1]["expired"], false);
    // Every field the SDKs require is there.
    for field in [
        "$id",
        "$createdAt",
        "$updatedAt",
        "name",
        "registration",
        "status",
        "labels",
        "passwordUpdate",
        "email",
        "phone",
        "emailVerification",
        "phoneVerification",
        "mfa",
        "prefs",
        "targets",
        "accessedAt",
    ] {
        assert!(u.get(field).is_some(), "missing {field}");
    }
    let got = api.get("/users/u1").await;
    got.assert_status(200);
    assert_eq!(got.body, r.body);

    // Minimal user: no email, phone or password.
    let r = api.post("/users", json!({"userId": "unique()"})).await;
    r.assert_status(201);
    assert!(is_generated_id(r.body["$id"].as_str().unwrap()));
    assert_eq!(r.body["email"], "");
    assert_eq!(r.body["phone"], "");
    assert_eq!(r.body["name"], "");
    assert_eq!(r.body["passwordUpdate"], "");
    assert_eq!(r.body["targets"], json!([]));
}

#[tokio::test]
async fn duplicate_users_conflict() {
    let api = Api::start().await;
    user(&api, "u1", Some("a@example.com")).await;
    for body in [
        json!({"userId": "u1"}),
        json!({"userId": "U1"}),
        json!({"userId": "u2", "email": "A@example.com"}),
    ] {
        api.post("/users", body).await.assert_error_msg(
            409,
            "user_already_exists",
            "A user with the same id, email, or phone already exists in this project.",
        );
    }
}

#[tokio::test]
async fn create_user_validates_its_params() {
    let api = Api::start().await;
    api.post("/users", json!({})).await.assert_error_msg(
        400,
        "general_argument_invalid",
        "Param \"userId\" is not optional.",
    );
    api.post("/users", json!({"userId": "_bad"}))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `userId` param");
    api.post("/users", json!({"userId": "u", "email": "nope"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `email` param: Value must be a valid email address or null",
        );
    api.post("/users", json!({"userId": "u", "phone": "5551212"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `phone` param: Phone number must start with a '+' can have a maximum of fifteen digits. or null",
        );
    // tour-users-teams.jsonl 1.9.6 seq 1902; 1.8.1 words it differently (below).
    api.post("/users", json!({"userId": "u", "password": "short"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `password` param: Password must be between 8 and 256 characters long.",
        );
    let old = Api::start_custom(|b| b.appwrite_version(AppwriteVersion::V1_8_1)).await;
    old.post("/users", json!({"userId": "u", "password": "short"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `password` param: Password must be between 8 and 265 characters long",
        );
    let r = old
        .post("/users", json!({"userId": "u", "email": "nope"}))
        .await;
    assert_eq!(
        r.message(),
        "Invalid `email` param: Value must be a valid email address"
    );
    api.post("/users", json!({"userId": "u", "name": "x".repeat(129)}))
        .await
        .assert_error_msg(400, "general_argument_invalid", "Invalid `name` param");
    api.get("/users/nobody").await.assert_error_msg(
        404,
        "user_not_found",
        "User with the requested ID could not be found.",
    );
}

#[tokio::test]
async fn list_users_with_queries_search_and_total() {
    let api = Api::start().await;
    user(&api, "ann", Some("ann@example.com")).await;
    user(&api, "bob", Some("bob@example.org")).await;
    user(&api, "cid", None).await;
    let r = api.get("/users").await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 3);
    assert_eq!(r.ids_of("users"), vec!["ann", "bob", "cid"]);
    let r = api
        .list("/users", &[common::q("equal", "name", json!(["bob"]))], &[])
        .await;
    assert_eq!(r.ids_of("users"), vec!["bob"]);
    let r = api.list("/users", &[], &[("search", "org")]).await;
    assert_eq!(r.ids_of("users"), vec!["bob"]);
    // MariaDB's boolean full-text mode ORs the words: `example` matches both users.
    let r = api.list("/users", &[], &[("search", "example.org")]).await;
    assert_eq!(r.ids_of("users"), vec!["ann", "bob"]);
    let r = api
        .list(
            "/users",
            &[json!({"method": "limit", "values": [1]})],
            // Real Appwrite ignores `total=false` (it still counts); `total=0` skips counting.
            &[("total", "0")],
        )
        .await;
    assert_eq!(r.body["total"], 0);
    assert_eq!(r.ids_of("users").len(), 1);
    api.list("/users", &[common::q("equal", "nope", json!(["x"]))], &[])
        .await
        .assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn labels_replace_and_dedupe() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    let r = api
        .put(
            "/users/u1/labels",
            json!({"labels": ["vip", "beta", "vip"]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["labels"], json!(["vip", "beta"]));
    let r = api.put("/users/u1/labels", json!({"labels": []})).await;
    assert_eq!(r.body["labels"], json!([]));
    api.put("/users/u1/labels", json!({"labels": ["not-ok"]}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `labels` param: Value must a valid array no longer than 1000 items and Value must be a valid string and at least 1 chars and no longer than 36 chars and only consist of '0, 1,",
        );
    api.put("/users/u1/labels", json!({}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"labels\" is not optional.",
        );
    api.put("/users/nobody/labels", json!({"labels": ["a"]}))
        .await
        .assert_error(404, "user_not_found");
}

#[tokio::test]
async fn user_endpoints_need_the_key() {
    let api = Api::start().await;
    user(&api, "u1", Some("u1@example.com")).await;
    let token = jwt(&api, "u1").await;
    let r = api.send(as_guest(&api, Method::GET, "/users")).await;
    r.assert_error_msg(
        401,
        "general_unauthorized_scope",
        "User (role: guests) missing scopes ([\"users.read\"])",
    );
    let r = api
        .send(as_jwt(&api, &token, Method::POST, "/users").json(&json!({"userId": "x"})))
        .await;
    r.assert_error_msg(
        401,
        "general_unauthorized_scope",
        "u1@example.com (role: users) missing scopes ([\"users.write\"])",
    );
    let r = api
        .send(as_jwt(&api, &token, Method::POST, "/users/u1/jwts").json(&json!({})))
        .await;
    r.assert_error(401, "general_unauthorized_scope");
}

#[tokio::test]
async fn jwts_are_signed_tokens_with_appwrites_payload() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    let r = api.post("/users/u1/jwts", json!({})).await;
    r.assert_status(201);
    assert_eq!(r.body.as_object().unwrap().len(), 1, "JWT model is {{jwt}}");
    let token = r.body["jwt"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&b64url(parts[0])).unwrap();
    assert_eq!(header, json!({"typ": "JWT", "alg": "HS256"}));
    let payload: Value = serde_json::from_slice(&b64url(parts[1])).unwrap();
    assert_eq!(payload["userId"], "u1");
    assert_eq!(payload["sessionId"], "");
    // 15 minutes by default.
    let exp = payload["exp"].as_i64().unwrap();
    assert!((exp - unix_now() - 900).abs() <= 2, "exp {exp}");

    let r = api.post("/users/u1/jwts", json!({"duration": 60})).await;
    let payload: Value = serde_json::from_slice(&b64url(
        r.body["jwt"].as_str().unwrap().split('.').nth(1).unwrap(),
    ))
    .unwrap();
    assert!((payload["exp"].as_i64().unwrap() - unix_now() - 60).abs() <= 2);

    api.post("/users/u1/jwts", json!({"duration": 3601}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Invalid `duration` param: Value must be a valid range between 0 and 3,600",
        );
    api.post("/users/nobody/jwts", json!({}))
        .await
        .assert_error(404, "user_not_found");
}

#[tokio::test]
async fn a_jwt_acts_as_its_user() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["create(\"users\")", "read(\"users\")"]), false).await;
    let token = jwt(&api, "u1").await;
    let r = api
        .send(
            as_jwt(&api, &token, Method::POST, ROWS)
                .json(&json!({"rowId": "r1", "data": {"n": 1}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(
        r.body["$permissions"],
        json!([
            "read(\"user:u1\")",
            "update(\"user:u1\")",
            "delete(\"user:u1\")"
        ])
    );
    let r = api.send(as_jwt(&api, &token, Method::GET, ROWS)).await;
    r.assert_status(200);
    assert_eq!(r.ids(), vec!["r1"]);
    // Guests hold neither `users` role.
    api.send(as_guest(&api, Method::GET, ROWS))
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn bad_jwts_are_refused() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["read(\"any\")"]), false).await;
    let token = jwt(&api, "u1").await;
    let cases = [
        (
            "garbage",
            "Failed to verify JWT. Invalid token: Incomplete segments",
        ),
        (
            "a.b",
            "Failed to verify JWT. Invalid token: Incomplete segments",
        ),
        (
            "!!!.e30.x",
            "Failed to verify JWT. JSON failed: Syntax error",
        ),
    ];
    for (bad, message) in cases {
        let r = api.send(as_jwt(&api, bad, Method::GET, ROWS)).await;
        r.assert_error_msg(401, "user_jwt_invalid", message);
    }
    // A changed signature, a changed payload, and a token of another emulator.
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    parts[1].push('x');
    let other = {
        let other = Api::start().await;
        user(&other, "u1", None).await;
        jwt(&other, "u1").await
    };
    for bad in [forged, parts.join("."), other] {
        let r = api.send(as_jwt(&api, &bad, Method::GET, ROWS)).await;
        r.assert_error_msg(
            401,
            "user_jwt_invalid",
            "Failed to verify JWT. Invalid token: Signature failed",
        );
    }
    // The JWT is checked even next to the key.
    let r = api
        .send(as_jwt(&api, "garbage", Method::GET, ROWS).header("X-Appwrite-Key", "test-key"))
        .await;
    r.assert_error(401, "user_jwt_invalid");
    // An empty header is no JWT at all.
    api.send(as_jwt(&api, "", Method::GET, ROWS))
        .await
        .assert_status(200);
}

#[tokio::test]
async fn jwts_expire() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["read(\"any\")"]), false).await;
    let r = api.post("/users/u1/jwts", json!({"duration": 1})).await;
    let token = r.body["jwt"].as_str().unwrap().to_string();
    // `exp` is a whole second: the token is refused from that second on.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error_msg(
            401,
            "user_jwt_invalid",
            "Failed to verify JWT. Invalid token: Expired",
        );
    // Duration 0 makes Appwrite's JWT library fail.
    api.post("/users/u1/jwts", json!({"duration": 0}))
        .await
        .assert_error(500, "general_unknown");
}

#[tokio::test]
async fn key_with_a_jwt_acts_as_the_key() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!([]), false).await;
    let token = jwt(&api, "u1").await;
    let r = api
        .send(
            as_jwt(&api, &token, Method::POST, ROWS)
                .header("X-Appwrite-Key", "test-key")
                .json(&json!({"rowId": "r1", "data": {"n": 1}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(
        r.body["$permissions"],
        json!([]),
        "the key's rows get no defaults"
    );
}

#[tokio::test]
async fn key_with_a_jwt_is_refused_on_1_8() {
    let api =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    user(&api, "u1", None).await;
    table(&api, json!([]), false).await;
    let token = jwt(&api, "u1").await;
    // As real Appwrite 1.8.1 answers (tour-permissions.jsonl 1.8.1 seq 1895).
    let r = api
        .send(as_jwt(&api, &token, Method::GET, ROWS).header("X-Appwrite-Key", "test-key"))
        .await;
    r.assert_error_msg(403, "user_key_and_session_set", "API key and session");
    // Once the user is gone, the key alone counts.
    api.delete("/users/u1").await.assert_status(204);
    api.send(as_jwt(&api, &token, Method::GET, ROWS).header("X-Appwrite-Key", "test-key"))
        .await
        .assert_status(200);
}

#[tokio::test]
async fn a_refused_jwt_request_still_marks_the_user_accessed() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["read(\"any\")"]), false).await;
    let token = jwt(&api, "u1").await;
    api.patch("/users/u1/status", json!({"status": false}))
        .await
        .assert_status(200);
    // Appwrite updates `accessedAt` before its blocked check (tour-permissions.jsonl 1.8.1
    // seq 1890-1891).
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error(403, "user_blocked");
    let r = api.get("/users/u1").await;
    r.assert_status(200);
    assert_ne!(r.body["accessedAt"], "", "{}", r.body);
}

#[tokio::test]
async fn deleted_users_jwts_act_as_guests() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["create(\"guests\")"]), false).await;
    let token = jwt(&api, "u1").await;
    api.send(
        as_jwt(&api, &token, Method::POST, ROWS).json(&json!({"rowId": "a", "data": {"n": 1}})),
    )
    .await
    .assert_error(401, "user_unauthorized");
    api.delete("/users/u1").await.assert_status(204);
    api.get("/users/u1")
        .await
        .assert_error(404, "user_not_found");
    let r = api
        .send(
            as_jwt(&api, &token, Method::POST, ROWS).json(&json!({"rowId": "b", "data": {"n": 1}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$permissions"], json!([]));
}

#[tokio::test]
async fn blocked_users_are_refused() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["read(\"any\")"]), false).await;
    let token = jwt(&api, "u1").await;
    let r = api
        .patch("/users/u1/status", json!({"status": false}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["status"], false);
    // Real Appwrite 1.9.6 (the default profile) refuses a blocked user with 403; 1.8.1
    // answered 401 with a longer message.
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error_msg(403, "user_blocked", "The current user has been blocked.");
    api.send(as_jwt(&api, &token, Method::GET, "/teams"))
        .await
        .assert_error(403, "user_blocked");
    // Scopes are checked first.
    api.send(as_jwt(&api, &token, Method::GET, "/tablesdb"))
        .await
        .assert_error(401, "general_unauthorized_scope");
    api.patch("/users/u1/status", json!({"status": true}))
        .await
        .assert_status(200);
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_status(200);
}

#[tokio::test]
async fn the_account_is_the_jwt_user_without_secrets() {
    let api = Api::start().await;
    user(&api, "u1", Some("u1@example.com")).await;
    let token = jwt(&api, "u1").await;
    // As real Appwrite 1.9.6 answers (tour-v19.jsonl 1.9.6 seq 2667, 2671).
    let r = api
        .send(as_jwt(&api, &token, Method::GET, "/account"))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["$id"], "u1");
    assert_eq!(r.body["email"], "u1@example.com");
    for secret in ["password", "hash", "hashOptions"] {
        assert!(r.body.get(secret).is_none(), "{}", r.body);
    }
    api.patch("/users/u1/status", json!({"status": false}))
        .await
        .assert_status(200);
    api.send(as_jwt(&api, &token, Method::GET, "/account"))
        .await
        .assert_error_msg(403, "user_blocked", "The current user has been blocked.");
    api.send(as_guest(&api, Method::GET, "/account"))
        .await
        .assert_error(401, "general_unauthorized_scope");
    api.get("/account")
        .await
        .assert_error(401, "general_unauthorized_scope");
}

#[tokio::test]
async fn verification_gives_the_verified_roles() {
    let api = Api::start().await;
    user(&api, "u1", Some("u1@example.com")).await;
    table(&api, json!(["read(\"users/verified\")"]), false).await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    let token = jwt(&api, "u1").await;
    api.send(as_jwt(&api, &token, Method::GET, &format!("{ROWS}/r1")))
        .await
        .assert_error(404, "row_not_found");
    let r = api
        .patch("/users/u1/verification", json!({"emailVerification": true}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["emailVerification"], true);
    // The same token now carries the verified roles: roles are resolved per request.
    api.send(as_jwt(&api, &token, Method::GET, &format!("{ROWS}/r1")))
        .await
        .assert_status(200);
    api.patch(
        "/users/u1/verification",
        json!({"emailVerification": false}),
    )
    .await
    .assert_status(200);
    api.patch(
        "/users/u1/verification/phone",
        json!({"phoneVerification": true}),
    )
    .await
    .assert_status(200);
    api.send(as_jwt(&api, &token, Method::GET, &format!("{ROWS}/r1")))
        .await
        .assert_status(200);
    api.patch(
        "/users/u1/verification",
        json!({"emailVerification": "yes"}),
    )
    .await
    .assert_error(400, "general_argument_invalid");
}

#[tokio::test]
async fn labels_give_label_roles() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    table(&api, json!(["read(\"label:vip\")"]), false).await;
    api.row("db", "t", "r1", json!({"n": 1}))
        .await
        .assert_status(201);
    let token = jwt(&api, "u1").await;
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error(401, "user_unauthorized");
    api.put("/users/u1/labels", json!({"labels": ["vip"]}))
        .await
        .assert_status(200);
    let r = api.send(as_jwt(&api, &token, Method::GET, ROWS)).await;
    r.assert_status(200);
    assert_eq!(r.ids(), vec!["r1"]);
}

#[tokio::test]
async fn teams_with_the_key() {
    let api = Api::start().await;
    user(&api, "u1", Some("u1@example.com")).await;
    let r = api
        .post("/teams", json!({"teamId": "crew", "name": "Crew"}))
        .await;
    r.assert_status(201);
    assert_eq!(r.body["$id"], "crew");
    assert_eq!(r.body["name"], "Crew");
    assert_eq!(r.body["total"], 0, "the key is not a member");
    assert_eq!(r.body["prefs"], json!({}));
    assert!(is_server_datetime(r.body["$createdAt"].as_str().unwrap()));
    api.post("/teams", json!({"teamId": "crew", "name": "Again"}))
        .await
        .assert_error(409, "team_already_exists");
    api.post("/teams", json!({"teamId": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"name\" is not optional.",
        );

    let m = api
        .post(
            "/teams/crew/memberships",
            json!({"userId": "u1", "roles": ["editor", "viewer"]}),
        )
        .await;
    m.assert_status(201);
    let mb = &m.body;
    assert!(is_generated_id(mb["$id"].as_str().unwrap()));
    assert_eq!(mb["userId"], "u1");
    assert_eq!(mb["userName"], "u1");
    assert_eq!(mb["userEmail"], "u1@example.com");
    assert_eq!(mb["teamId"], "crew");
    assert_eq!(mb["teamName"], "Crew");
    assert_eq!(mb["confirm"], true);
    assert_eq!(mb["mfa"], false);
    assert_eq!(mb["roles"], json!(["editor", "viewer"]));
    assert!(is_server_datetime(mb["invited"].as_str().unwrap()));
    assert!(is_server_datetime(mb["joined"].as_str().unwrap()));
    let membership = mb["$id"].as_str().unwrap().to_string();
    api.post(
        "/teams/crew/memberships",
        json!({"userId": "u1", "roles": []}),
    )
    .await
    .assert_error(409, "membership_already_confirmed");
    assert_eq!(api.get("/teams/crew").await.body["total"], 1);

    // An unknown email creates the user.
    let m = api
        .post(
            "/teams/crew/memberships",
            json!({"email": "new@example.com", "roles": ["viewer"], "name": "Newbie"}),
        )
        .await;
    m.assert_status(201);
    assert_eq!(m.body["userName"], "Newbie");
    let new_user = m.body["userId"].as_str().unwrap().to_string();
    assert_eq!(
        api.get(&format!("/users/{new_user}")).await.body["email"],
        "new@example.com"
    );
    api.post("/teams/crew/memberships", json!({"roles": []}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "At least one of userId, email, or phone is required",
        );
    api.post(
        "/teams/crew/memberships",
        json!({"userId": "ghost", "roles": []}),
    )
    .await
    .assert_error(404, "user_not_found");
    api.post(
        "/teams/nope/memberships",
        json!({"userId": "u1", "roles": []}),
    )
    .await
    .assert_error(404, "team_not_found");

    let r = api.get("/teams/crew/memberships").await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 2);
    // The 1.8 response format (these tests' default) drops `userPhone` only
    // (node-users.jsonl 1.9.6 seq 3271).
    assert!(
        r.body["memberships"][0].get("userPhone").is_none(),
        "{}",
        r.body
    );
    assert_eq!(r.body["memberships"][0]["userAccessedAt"], "");
    let r = api
        .send(
            api.bare(Method::GET, "/teams/crew/memberships")
                .header("X-Appwrite-Project", "test")
                .header("X-Appwrite-Key", "test-key"),
        )
        .await;
    assert_eq!(r.body["memberships"][0]["userPhone"], "");
    assert_eq!(r.body["memberships"][0]["userAccessedAt"], "");
    let r = api.get("/users/u1/memberships").await;
    assert_eq!(r.ids_of("memberships"), vec![membership.clone()]);
    let r = api
        .get(&format!("/teams/crew/memberships/{membership}"))
        .await;
    assert_eq!(r.body["roles"], json!(["editor", "viewer"]));
    let r = api
        .patch(
            &format!("/teams/crew/memberships/{membership}"),
            json!({"roles": ["owner"]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["roles"], json!(["owner"]));
    let r = api.get("/teams").await;
    assert_eq!(r.ids_of("teams"), vec!["crew"]);
    api.delete(&format!("/teams/crew/memberships/{membership}"))
        .await
        .assert_status(204);
    assert_eq!(api.get("/teams/crew").await.body["total"], 1);
    api.put("/teams/crew", json!({"name": "Renamed"}))
        .await
        .assert_status(200);
    api.delete("/teams/crew").await.assert_status(204);
    api.get("/teams/crew")
        .await
        .assert_error(404, "team_not_found");
    assert_eq!(api.get("/users/u1/memberships").await.body["total"], 0);
}

#[tokio::test]
async fn team_roles_follow_memberships() {
    let api = Api::start().await;
    user(&api, "u1", None).await;
    api.post("/teams", json!({"teamId": "crew", "name": "Crew"}))
        .await
        .assert_status(201);
    table(
        &api,
        json!(["read(\"team:crew/editor\")", "create(\"team:crew\")"]),
        false,
    )
    .await;
    let token = jwt(&api, "u1").await;
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error(401, "user_unauthorized");
    let m = api
        .post(
            "/teams/crew/memberships",
            json!({"userId": "u1", "roles": ["editor"]}),
        )
        .await;
    let membership = m.body["$id"].as_str().unwrap().to_string();
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_status(200);
    // `member:ID` may be granted by that member.
    let r = api
        .send(as_jwt(&api, &token, Method::POST, ROWS).json(&json!({
            "rowId": "r1", "data": {"n": 1},
            "permissions": [format!("read(\"member:{membership}\")"), "update(\"team:crew/editor\")"],
        })))
        .await;
    r.assert_status(201);
    // Losing the role loses the access.
    api.patch(
        &format!("/teams/crew/memberships/{membership}"),
        json!({"roles": ["viewer"]}),
    )
    .await
    .assert_status(200);
    api.send(as_jwt(&api, &token, Method::GET, ROWS))
        .await
        .assert_error(401, "user_unauthorized");
}

#[tokio::test]
async fn teams_as_users_and_guests() {
    let api = Api::start().await;
    user(&api, "owner", Some("owner@example.com")).await;
    user(&api, "other", None).await;
    let owner = jwt(&api, "owner").await;
    let other = jwt(&api, "other").await;
    // Guests have no team scopes.
    api.send(as_guest(&api, Method::GET, "/teams"))
        .await
        .assert_error_msg(
            401,
            "general_unauthorized_scope",
            "User (role: guests) missing scopes ([\"teams.read\"])",
        );
    // A user creating a team becomes its owner.
    let r = api
        .send(
            as_jwt(&api, &owner, Method::POST, "/teams")
                .json(&json!({"teamId": "mine", "name": "Mine", "roles": ["lead"]})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.body["total"], 1);
    let r = api.get("/teams/mine/memberships").await;
    assert_eq!(r.body["memberships"][0]["userId"], "owner");
    assert_eq!(r.body["memberships"][0]["roles"], json!(["lead", "owner"]));
    api.send(as_jwt(&api, &owner, Method::GET, "/teams/mine"))
        .await
        .assert_status(200);
    let r = api.send(as_jwt(&api, &owner, Method::GET, "/teams")).await;
    assert_eq!(r.ids_of("teams"), vec!["mine"]);
    // Other users do not see it.
    api.send(as_jwt(&api, &other, Method::GET, "/teams/mine"))
        .await
        .assert_error(404, "team_not_found");
    assert_eq!(
        api.send(as_jwt(&api, &other, Method::GET, "/teams"))
            .await
            .body["total"],
        0
    );
    // Invitations by users need an invitation email: no SMTP here.
    api.send(
        as_jwt(&api, &owner, Method::POST, "/teams/mine/memberships")
            .json(&json!({"userId": "other", "roles": []})),
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "URL is required");
    api.send(
        as_jwt(&api, &owner, Method::POST, "/teams/mine/memberships")
            .json(&json!({"userId": "other", "roles": [], "url": "http://localhost/join"})),
    )
    .await
    .assert_error(503, "general_smtp_disabled");
    // The key adds the member; members then see the team, only owners change it.
    api.post(
        "/teams/mine/memberships",
        json!({"userId": "other", "roles": ["viewer"]}),
    )
    .await
    .assert_status(201);
    api.send(as_jwt(&api, &other, Method::GET, "/teams/mine"))
        .await
        .assert_status(200);
    api.send(as_jwt(&api, &other, Method::PUT, "/teams/mine").json(&json!({"name": "Hijack"})))
        .await
        .assert_error(401, "user_unauthorized");
    let memberships = api.get("/teams/mine/memberships").await;
    let others = memberships.body["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["userId"] == "other")
        .unwrap()["$id"]
        .as_str()
        .unwrap()
        .to_string();
    api.send(
        as_jwt(
            &api,
            &other,
            Method::PATCH,
            &format!("/teams/mine/memberships/{others}"),
        )
        .json(&json!({"roles": ["owner"]})),
    )
    .await
    .assert_error_msg(
        401,
        "user_unauthorized",
        "User is not allowed to modify roles",
    );
    api.send(as_jwt(&api, &owner, Method::PUT, "/teams/mine").json(&json!({"name": "Ours"})))
        .await
        .assert_status(200);
    // A member may leave by deleting their own membership.
    api.send(
        as_jwt(
            &api,
            &other,
            Method::DELETE,
            &format!("/teams/mine/memberships/{others}"),
        )
        .json(&json!({})),
    )
    .await
    .assert_status(204);
    api.send(as_jwt(&api, &owner, Method::DELETE, "/teams/mine").json(&json!({})))
        .await
        .assert_status(204);
}

#[tokio::test]
async fn user_and_team_prefs_sessions_and_logs() {
    // tour-users-teams.jsonl 1.8.1 seqs 1925–1927, 1938–1939, 1954–1955, 1972.
    let api = Api::start().await;
    api.post("/users", json!({"userId": "dave", "name": "Dave"}))
        .await
        .assert_status(201);
    let r = api
        .patch("/users/dave/prefs", json!({"prefs": {"theme": "dark"}}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"theme": "dark"}));
    assert_eq!(
        api.get("/users/dave/prefs").await.body,
        json!({"theme": "dark"})
    );
    assert_eq!(
        api.get("/users/dave").await.body["prefs"],
        json!({"theme": "dark"})
    );
    api.patch("/users/dave/prefs", json!({"prefs": "x"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Value must be a valid object.",
        );
    api.get("/users/nobody/prefs")
        .await
        .assert_error(404, "user_not_found");
    assert_eq!(
        api.get("/users/dave/sessions").await.body,
        json!({"total": 0, "sessions": []})
    );
    assert_eq!(
        api.get("/users/dave/logs").await.body,
        json!({"total": 0, "logs": []})
    );
    api.post("/teams", json!({"teamId": "t2", "name": "Two"}))
        .await
        .assert_status(201);
    assert_eq!(api.get("/teams/t2/prefs").await.body, json!({}));
    let r = api.put("/teams/t2/prefs", json!({"prefs": {"a": 1}})).await;
    r.assert_status(200);
    assert_eq!(r.body, json!({"a": 1}));
    assert_eq!(api.get("/teams/t2").await.body["prefs"], json!({"a": 1}));
}

#[tokio::test]
async fn membership_roles_are_longer_on_1_9() {
    // tour-users-teams.jsonl 1.9.6 seq 1965 (81 characters) and 1.8.1 seq 1967 (36).
    for (version, max) in [(AppwriteVersion::V1_9_6, 81), (AppwriteVersion::V1_8_1, 36)] {
        let api = Api::start_custom(|b| b.appwrite_version(version)).await;
        api.post("/users", json!({"userId": "u1", "name": "U"}))
            .await
            .assert_status(201);
        api.post("/teams", json!({"teamId": "t1", "name": "T"}))
            .await
            .assert_status(201);
        let r = api
            .post(
                "/teams/t1/memberships",
                json!({"userId": "u1", "roles": "owner"}),
            )
            .await;
        r.assert_error_msg(
            400,
            "general_argument_invalid",
            &format!("Parameter must contain at most {max} chars."),
        );
        let long = "r".repeat(60);
        let r = api
            .post(
                "/teams/t1/memberships",
                json!({"userId": "u1", "roles": [long]}),
            )
            .await;
        assert_eq!(r.status == 201, max == 81, "{r:?}");
    }
}
