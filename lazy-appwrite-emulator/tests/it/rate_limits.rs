//! Rate limits on row writes: 120 writes / 60 deletes per minute per
//! address, method, route and user for callers other than the key, with `X-RateLimit-*`
//! headers on the limited routes and `429 general_rate_limit_exceeded` beyond.

use crate::common;

use std::time::Duration;

use common::{Api, Res};
use lazy_appwrite_emulator::EmulatorBuilder;
use reqwest::Method;
use serde_json::json;

const ROWS: &str = "/tablesdb/db/tables/t/rows";

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn num(res: &Res, name: &str) -> u64 {
    res.header(name)
        .unwrap_or_else(|| panic!("no {name} header: {res:?}"))
        .parse()
        .unwrap()
}

/// An emulator with `db.t` (and `db.t2`) open to everyone, and a user `u1` with a JWT.
async fn setup(configure: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder) -> (Api, String) {
    let api = Api::start_custom(configure).await;
    api.post("/tablesdb", json!({"databaseId": "db", "name": "db"}))
        .await
        .assert_status(201);
    for t in ["t", "t2"] {
        api.post(
            "/tablesdb/db/tables",
            json!({"tableId": t, "name": t, "columns": [{"key": "n", "type": "integer"}],
                   "permissions": ["create(\"any\")", "read(\"any\")", "update(\"any\")", "delete(\"any\")"]}),
        )
        .await
        .assert_status(201);
    }
    api.post("/users", json!({"userId": "u1"}))
        .await
        .assert_status(201);
    let jwt = api.post("/users/u1/jwts", json!({})).await.body["jwt"]
        .as_str()
        .unwrap()
        .to_string();
    (api, jwt)
}

fn guest(api: &Api, method: Method, path: &str) -> reqwest::RequestBuilder {
    api.bare(method, path).header("X-Appwrite-Project", "test")
}

async fn guest_create(api: &Api, table: &str, id: &str) -> Res {
    api.send(
        guest(
            api,
            Method::POST,
            &format!("/tablesdb/db/tables/{table}/rows"),
        )
        .json(&json!({"rowId": id, "data": {"n": 1}})),
    )
    .await
}

/// Waits out the current window when fewer than `margin` seconds are left in it, so a
/// test's requests all fall into one window.
async fn fresh_window(window: u64, margin: u64) {
    let left = window - unix_now() % window;
    if left < margin {
        tokio::time::sleep(Duration::from_secs(left) + Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn limited_routes_send_the_headers() {
    fresh_window(60, 5).await;
    let (api, _) = setup(|b| b).await;
    let r = guest_create(&api, "t", "a").await;
    r.assert_status(201);
    assert_eq!(num(&r, "x-ratelimit-limit"), 120);
    assert_eq!(num(&r, "x-ratelimit-remaining"), 119);
    let reset = num(&r, "x-ratelimit-reset");
    assert_eq!(reset % 60, 0, "the window is aligned to the minute");
    assert!(reset > unix_now() && reset <= unix_now() + 60);
    assert!(r.header("retry-after").is_none());
    let r = guest_create(&api, "t", "b").await;
    assert_eq!(num(&r, "x-ratelimit-remaining"), 118);

    // Deletes have their own, smaller limit.
    let r = api
        .send(guest(&api, Method::DELETE, &format!("{ROWS}/a")).json(&json!({})))
        .await;
    r.assert_status(204);
    assert_eq!(num(&r, "x-ratelimit-limit"), 60);
    assert_eq!(num(&r, "x-ratelimit-remaining"), 59);
    // Each write route has a limit; reads and schema routes none.
    for (method, path, limit) in [
        (Method::PATCH, format!("{ROWS}/b"), 120),
        (Method::PUT, format!("{ROWS}/b"), 120),
        (Method::PATCH, format!("{ROWS}/b/n/increment"), 120),
        (Method::PATCH, format!("{ROWS}/b/n/decrement"), 120),
    ] {
        let r = api
            .send(guest(&api, method, &path).json(&json!({"data": {"n": 3}, "value": 1})))
            .await;
        r.assert_status(200);
        assert_eq!(num(&r, "x-ratelimit-limit"), limit, "{path}");
        assert_eq!(num(&r, "x-ratelimit-remaining"), limit - 1, "{path}");
    }
    for path in [ROWS.to_string(), format!("{ROWS}/b")] {
        let r = api.send(guest(&api, Method::GET, &path)).await;
        r.assert_status(200);
        assert!(r.header("x-ratelimit-limit").is_none(), "{path}");
    }
    let r = api.get("/tablesdb").await;
    assert!(r.header("x-ratelimit-limit").is_none());
    // The key gets the headers but is never counted.
    let before = api.row("db", "t", "k1", json!({"n": 1})).await;
    let after = api.row("db", "t", "k2", json!({"n": 1})).await;
    assert_eq!(num(&before, "x-ratelimit-limit"), 120);
    assert_eq!(
        num(&before, "x-ratelimit-remaining"),
        num(&after, "x-ratelimit-remaining")
    );
}

#[tokio::test]
async fn going_over_the_limit_is_429() {
    let window = Duration::from_secs(3600);
    fresh_window(3600, 30).await;
    let (api, jwt) = setup(|b| b.rate_limit(3, 2).rate_limit_window(window)).await;
    for (i, remaining) in [2, 1, 0].into_iter().enumerate() {
        let r = guest_create(&api, "t", &format!("r{i}")).await;
        r.assert_status(201);
        assert_eq!(num(&r, "x-ratelimit-remaining"), remaining);
    }
    let r = guest_create(&api, "t", "r3").await;
    r.assert_error_msg(
        429,
        "general_rate_limit_exceeded",
        "Rate limit for the current endpoint has been exceeded. Please try again after some time.",
    );
    assert_eq!(num(&r, "x-ratelimit-limit"), 3);
    assert_eq!(num(&r, "x-ratelimit-remaining"), 0);
    assert_eq!(num(&r, "x-ratelimit-reset") % 3600, 0);
    // Nothing was written.
    api.get(&format!("{ROWS}/r3"))
        .await
        .assert_error(404, "row_not_found");
    // The route counts, not the table.
    guest_create(&api, "t2", "x")
        .await
        .assert_error(429, "general_rate_limit_exceeded");
    // Another method is another key.
    let r = api
        .send(guest(&api, Method::PATCH, &format!("{ROWS}/r0")).json(&json!({"data": {"n": 2}})))
        .await;
    r.assert_status(200);
    // Another user is another key.
    let r = api
        .send(
            guest(&api, Method::POST, ROWS)
                .header("X-Appwrite-JWT", &jwt)
                .json(&json!({"rowId": "u1row", "data": {"n": 1}})),
        )
        .await;
    r.assert_status(201);
    assert_eq!(num(&r, "x-ratelimit-remaining"), 2);
    // Another address (X-Forwarded-For, which Appwrite trusts) is another key.
    let r = api
        .send(
            guest(&api, Method::POST, ROWS)
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .json(&json!({"rowId": "far", "data": {"n": 1}})),
        )
        .await;
    r.assert_status(201);
    // The key is never limited.
    for i in 0..5 {
        api.row("db", "t", &format!("k{i}"), json!({"n": 1}))
            .await
            .assert_status(201);
    }
    // Deletes: 2 allowed.
    for id in ["r0", "r1"] {
        api.send(guest(&api, Method::DELETE, &format!("{ROWS}/{id}")).json(&json!({})))
            .await
            .assert_status(204);
    }
    api.send(guest(&api, Method::DELETE, &format!("{ROWS}/r2")).json(&json!({})))
        .await
        .assert_error(429, "general_rate_limit_exceeded");
}

#[tokio::test]
async fn failed_requests_count_too() {
    fresh_window(3600, 30).await;
    let (api, _) = setup(|b| {
        b.rate_limit(2, 2)
            .rate_limit_window(Duration::from_secs(3600))
    })
    .await;
    // Appwrite counts before it validates the parameters or checks permissions.
    api.send(guest(&api, Method::POST, ROWS).json(&json!({"rowId": "a", "data": {"nope": 1}})))
        .await
        .assert_error(400, "row_invalid_structure");
    api.send(
        guest(&api, Method::POST, "/tablesdb/db/tables/missing/rows")
            .json(&json!({"rowId": "a", "data": {"n": 1}})),
    )
    .await
    .assert_error(404, "table_not_found");
    guest_create(&api, "t", "ok")
        .await
        .assert_error(429, "general_rate_limit_exceeded");
    // A bad JWT is refused before anything is counted.
    let r = api
        .send(
            guest(&api, Method::PATCH, &format!("{ROWS}/x"))
                .header("X-Appwrite-JWT", "bad")
                .json(&json!({"data": {"n": 1}})),
        )
        .await;
    r.assert_error(401, "user_jwt_invalid");
    assert!(r.header("x-ratelimit-limit").is_none());
}

#[tokio::test]
async fn limits_can_be_turned_off() {
    let (api, jwt) = setup(|b| b.rate_limits(false).rate_limit(2, 1)).await;
    for i in 0..6 {
        let r = api
            .send(
                guest(&api, Method::POST, ROWS)
                    .header("X-Appwrite-JWT", &jwt)
                    .json(&json!({"rowId": format!("r{i}"), "data": {"n": 1}})),
            )
            .await;
        r.assert_status(201);
        // Headers stay, as on a server with `_APP_OPTIONS_ABUSE=disabled`.
        assert_eq!(num(&r, "x-ratelimit-limit"), 2);
        assert_eq!(num(&r, "x-ratelimit-remaining"), 1);
    }
}

#[tokio::test]
async fn builder_and_config_defaults() {
    let builder = lazy_appwrite_emulator::Emulator::builder();
    let config = builder.config();
    assert!(config.rate_limits);
    assert_eq!(config.write_rate_limit, 120);
    assert_eq!(config.delete_rate_limit, 60);
    assert_eq!(config.rate_limit_window, Duration::from_secs(60));
    let config = builder.rate_limits(false).rate_limit(10, 5);
    assert!(!config.config().rate_limits);
    assert_eq!(config.config().write_rate_limit, 10);
    assert!(!format!("{:?}", config.config()).contains("jwt"));
}
