//! The API key (and a user's JWT or session) never shows in `Debug`, `Display`, errors or
//! logs: formats the client, its config, its builder and every error.

use crate::support;

use std::time::{Duration, SystemTime};

use lazy_appwrite::{Client, ClientBuilder, Credentials, Error, RetryPolicy};
use support::fake_server::closed_port;
use support::warn_counter::WarnCounter;
use support::{FakeServer, Reply};

const KEY: &str = "standard_SECRET_KEY_a1b2c3d4e5";
const JWT: &str = "eyJSECRET.JWT.token";
const SESSION: &str = "SECRET_SESSION_9f8e7d";

fn assert_clean(what: &str, text: &str) {
    for secret in [KEY, JWT, SESSION] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

fn check<T: std::fmt::Debug>(what: &str, value: &T) {
    assert_clean(what, &format!("{value:?}"));
    assert_clean(what, &format!("{value:#?}"));
}

fn check_error(what: &str, e: &Error) {
    check(what, e);
    assert_clean(what, &e.to_string());
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        assert_clean(what, &format!("{s} {s:?}"));
        source = s.source();
    }
}

fn builder(endpoint: &str) -> ClientBuilder {
    Client::builder()
        .endpoint(endpoint)
        .project("p")
        .api_key(KEY)
        .request_timeout(Duration::from_millis(300))
        .retry(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(5)),
        )
}

#[tokio::test]
async fn no_secret_in_any_formatting() {
    let warnings = WarnCounter::default();

    let b = builder("http://127.0.0.1:1/v1");
    check("builder", &b);
    let client = b.build().unwrap();
    check("client", &client);
    check("config", client.config());
    let jwt = Credentials::jwt(JWT).unwrap();
    let session = Credentials::session(SESSION).unwrap();
    check("jwt", &jwt);
    check("session", &session);
    check("user client", &client.as_user(jwt.clone()));
    check("session client", &client.as_user(session.clone()));

    // Configuration errors, including values with newlines.
    for bad in [
        Client::builder()
            .endpoint("http://h/v1")
            .project("p")
            .api_key(format!("{KEY}\n"))
            .build(),
        Client::builder()
            .endpoint(format!("http://{KEY}@h/v1"))
            .project("p")
            .build(),
        Client::builder()
            .endpoint("::")
            .project("p")
            .api_key(KEY)
            .build(),
    ] {
        check_error("config error", &bad.unwrap_err());
    }
    check_error(
        "jwt error",
        &Credentials::jwt(&format!("{JWT}\r\n")).unwrap_err(),
    );

    // Server answers that echo the credentials back are scrubbed.
    let echo = FakeServer::start(|req, _| {
        let text = format!(
            "bad key {} jwt {} session {}",
            req.header("x-appwrite-key").unwrap_or(""),
            req.header("x-appwrite-jwt").unwrap_or(""),
            req.header("x-appwrite-session").unwrap_or("")
        );
        match req.path.rsplit('/').next() {
            Some("nf") => Reply::error(404, "row_not_found", &text),
            Some("conflict") => Reply::error(409, "row_already_exists", &text),
            Some("plain") => Reply::text(500, "text/plain", &text),
            Some("limited") => Reply::error(429, "general_rate_limit_exceeded", &text)
                .header("x-ratelimit-reset", "9999999999"),
            Some("redirect") => {
                Reply::empty(302).header("location", format!("http://elsewhere/{text}"))
            }
            Some("html") => Reply::text(200, "text/html", &text),
            Some("stall") => Reply::Stall(Duration::from_secs(3)),
            Some("reset") => Reply::Reset,
            _ => Reply::json(200, r#"{"$id":"x","count":"not a number"}"#),
        }
    })
    .await;
    let client = builder(&echo.endpoint()).build().unwrap();
    let views = [client.clone(), client.as_user(jwt), client.as_user(session)];
    for view in &views {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Strict {
            count: i64,
        }
        let rows = view.rows::<Strict>("db", "t");
        for id in [
            "nf", "conflict", "plain", "limited", "redirect", "html", "stall", "reset", "decode",
        ] {
            let err = rows.get(id).await.unwrap_err();
            check_error(id, &err);
        }
        let err = view
            .rows::<Strict>("db", "t")
            .increment("r", "c")
            .by(f64::INFINITY)
            .await
            .unwrap_err();
        check_error("validation", &err);
    }

    let port = closed_port().await;
    let err = builder(&format!("http://127.0.0.1:{port}/v1"))
        .build()
        .unwrap()
        .databases()
        .get("x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }));
    check_error("transport", &err);

    // Every variant, built by hand too.
    let hand_made = [
        Error::Config { reason: "r".into() },
        Error::Validation {
            table: Some("t".into()),
            column: Some("c".into()),
            reason: "r".into(),
        },
        Error::SchemaDrift {
            table: "t".into(),
            column: None,
            reason: "r".into(),
        },
        Error::SchemaNotReady {
            table: "t".into(),
            column: Some("c".into()),
            status: "processing".into(),
        },
        Error::RateLimited {
            reset: Some(SystemTime::now()),
            operation: "o",
            table: None,
            outcome: None,
            row: None,
        },
        Error::Timeout {
            operation: "o",
            table: None,
            after: Duration::from_secs(1),
            attempts: 1,
            elapsed: Duration::from_secs(1),
            outcome: Some(lazy_appwrite::WriteOutcome::Unknown),
            row: Some("r1".into()),
        },
        Error::Decode {
            operation: "o",
            table: None,
            path: ".".into(),
            reason: "r".into(),
            outcome: Some(lazy_appwrite::WriteOutcome::Applied),
            row: None,
        },
        Error::Modified {
            answer: Box::new(lazy_appwrite::Answer {
                kind: "row_update_conflict".into(),
                message: "m".into(),
                operation: "o",
                table: Some("t".into()),
                outcome: None,
                row: None,
            }),
        },
        Error::DeleteRestricted {
            answer: Box::new(lazy_appwrite::Answer {
                kind: "row_delete_restricted".into(),
                message: "m".into(),
                operation: "o",
                table: None,
                outcome: None,
                row: None,
            }),
        },
    ];
    for e in &hand_made {
        check_error("variant", e);
    }

    assert_clean("logs", &warnings.all_text());
}
