//! The request counts of the lazy sync and the model API, asserted exactly against the
//! in-process emulator in each Appwrite version it imitates: the cold path (a new table, a
//! matching table), the warm path (one request per operation), a table deleted behind the
//! cache, and 1 000 concurrent first calls. Creating a table is one request where the
//! server takes columns inline (1.9.0 and later) and one per column and index on 1.8.1;
//! the first creation of a client also asks the server's version (`GET /v1/health/version`).
//! Against a real Appwrite the operations run and the counts are skipped.

use crate::support;

use std::time::Duration;

use lazy_appwrite::sync::Change;
use lazy_appwrite::{Client, Enum, Feature, Model, Table, Timestamp};
use serde::{Deserialize, Serialize};
use support::backend::create_table_requests;
use support::{Backend, FakeServer, Reply, on_each_backend};

/// The version question a client asks before its first creation.
const VERSION: (&str, &str) = ("GET", "/v1/health/version");

/// The requests that create the `accounts` table (see [`create_table_requests`]), with
/// `{db}` standing for the database.
async fn create_accounts(b: &Backend) -> Vec<(&'static str, String)> {
    create_table_requests(
        b.has(Feature::InlineColumns).await,
        "/{db}/tables",
        "accounts",
        &[
            "string", "email", "url", "ip", "enum", "float", "integer", "boolean", "datetime",
        ],
        3,
    )
}

/// `parts` joined into one expected sequence.
fn seq(parts: &[&[(&'static str, String)]]) -> Vec<(&'static str, String)> {
    parts.iter().flat_map(|p| p.iter().cloned()).collect()
}

/// One expected request.
fn req(method: &'static str, path: &str) -> Vec<(&'static str, String)> {
    vec![(method, path.to_owned())]
}

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
enum Tier {
    Free,
    Pro,
}

/// 9 columns (string, email, url, ip, enum, float, integer, boolean, datetime) and 3
/// indexes: everything Appwrite creates inline with the table.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(
    id = "accounts",
    permissions(read("any")),
    index(key = "by_email", unique, columns(email)),
    index(key = "by_name", columns(name)),
    index(key = "by_score", columns(score, logins))
)]
struct Account {
    #[column(size = 64)]
    name: String,
    #[column(email)]
    email: String,
    #[column(url)]
    homepage: Option<String>,
    #[column(ip)]
    last_ip: Option<String>,
    tier: Tier,
    score: f64,
    #[column(default = 0)]
    logins: i64,
    active: bool,
    seen: Option<Timestamp>,
}

fn account(name: &str, score: f64) -> Account {
    Account {
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        homepage: Some("https://example.com".into()),
        last_ip: Some("10.0.0.1".into()),
        tier: Tier::Free,
        score,
        logins: 0,
        active: true,
        seen: None,
    }
}

/// `(method, path)` pairs, with `{db}` standing for the database and paths below
/// `/v1/tablesdb` unless they start with `/v1/`.
fn expect<P: AsRef<str>>(b: &Backend, db: &str, requests: &[(&str, P)]) {
    let owned: Vec<(String, String)> = requests
        .iter()
        .map(|(m, p)| {
            let p = p.as_ref().replace("{db}", db);
            let path = if p.starts_with("/v1/") {
                p
            } else {
                format!("/v1/tablesdb{p}")
            };
            ((*m).to_owned(), path)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = owned
        .iter()
        .map(|(m, p)| (m.as_str(), p.as_str()))
        .collect();
    b.expect(&borrowed);
}

#[tokio::test]
async fn cold_start_on_a_new_table_is_two_requests_then_one_per_operation() {
    on_each_backend(async |b| {
        let db = b.fresh_id("cold");
        let c = b.client_in(&db);
        b.reset();

        // No database, no table: read the table, ask the version, create the database,
        // create the table (with its 9 columns and 3 indexes inline where the server takes
        // them), then the list itself.
        let page = Account::list(&c, Account::query()).await?;
        assert_eq!(page.total, 0);
        let want = seq(&[
            &req("GET", "/{db}/tables/accounts"),
            &req(VERSION.0, VERSION.1),
            &req("POST", ""),
            &create_accounts(b).await,
            &req("GET", "/{db}/tables/accounts/rows"),
        ]);
        expect(b, &db, &want);
        Account::list(&c, Account::query()).await?;
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);

        // The table has every column and index, available.
        let table = c.tables(&db).get("accounts").await?;
        assert_eq!(table.columns.len(), 9);
        assert_eq!(table.indexes.len(), 3);
        b.reset();

        // A second model in the same database, from a new client: the database exists,
        // so the table's read, the version, its creation and the operation.
        let fresh = b.client_in(&db);
        #[derive(Table, Serialize, Deserialize)]
        #[table(id = "tags")]
        struct Tag {
            #[column(size = 32)]
            label: String,
        }
        Tag::list(&fresh, Tag::query()).await?;
        let inline = b.has(Feature::InlineColumns).await;
        let want = seq(&[
            &req("GET", "/{db}/tables/tags"),
            &req(VERSION.0, VERSION.1),
            &create_table_requests(inline, "/{db}/tables", "tags", &["string"], 0),
            &req("GET", "/{db}/tables/tags/rows"),
        ]);
        expect(b, &db, &want);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn cold_start_on_a_matching_table_is_one_request() {
    on_each_backend(async |b| {
        let db = b.fresh_id("match");
        b.client_in(&db).sync::<Account>().await?;
        b.reset();

        // A new client is a new process: one GET of the table finds nothing to change,
        // even for email, url, ip, enum and float columns.
        let c = b.client_in(&db);
        let plan = c.sync::<Account>().await?;
        assert!(plan.is_empty(), "{plan}");
        assert!(plan.notes.is_empty(), "{plan}");
        expect(b, &db, &[("GET", "/{db}/tables/accounts")]);
        Account::count(&c, Account::query()).await?;
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn every_warm_operation_is_one_request() {
    on_each_backend(async |b| {
        let db = b.fresh_id("warm");
        let c = b.client_in(&db);
        c.sync::<Account>().await?;
        let cols = Account::columns();
        b.reset();

        let ada = Account::create(&c, &account("Ada", 3.5)).id("ada").await?;
        assert_eq!(ada.id, "ada");
        expect(b, &db, &[("POST", "/{db}/tables/accounts/rows")]);

        Account::create(&c, &account("Tim", 1.0)).await?;
        Account::create(&c, &account("Eve", 2.0)).id("eve").await?;
        b.reset();

        assert_eq!(Account::get(&c, "ada").await?.name, "Ada");
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows/ada")]);

        let high = Account::list(&c, cols.score.gt(1.5)).await?;
        assert_eq!(high.total, 2);
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);

        let top = Account::find_first(&c, Account::query().order(cols.score.desc())).await?;
        assert_eq!(top.map(|r| r.data.name).as_deref(), Some("Ada"));
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);

        assert_eq!(Account::count(&c, cols.active.equal(true)).await?, 3);
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);

        let pro = Account::update(&c, "ada", Account::patch().tier(Tier::Pro)).await?;
        assert_eq!(pro.tier, Tier::Pro);
        expect(b, &db, &[("PATCH", "/{db}/tables/accounts/rows/ada")]);

        let up = Account::increment(&c, "ada", cols.logins).by(5).await?;
        assert_eq!(up.logins, 5);
        expect(
            b,
            &db,
            &[("PATCH", "/{db}/tables/accounts/rows/ada/logins/increment")],
        );
        let down = Account::decrement(&c, "ada", cols.logins).min(0).await?;
        assert_eq!(down.logins, 4);
        expect(
            b,
            &db,
            &[("PATCH", "/{db}/tables/accounts/rows/ada/logins/decrement")],
        );

        Account::upsert(&c, "zed", &account("Zed", 0.5)).await?;
        expect(b, &db, &[("PUT", "/{db}/tables/accounts/rows/zed")]);

        Account::delete(&c, "eve").await?;
        expect(b, &db, &[("DELETE", "/{db}/tables/accounts/rows/eve")]);

        // 3 rows, 2 per page: two pages.
        let all = Account::stream(&c, Account::query())
            .page_size(2)
            .collect_all()
            .await?;
        assert_eq!(all.len(), 3);
        expect(
            b,
            &db,
            &[
                ("GET", "/{db}/tables/accounts/rows"),
                ("GET", "/{db}/tables/accounts/rows"),
            ],
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_table_deleted_behind_the_cache_is_created_again() {
    on_each_backend(async |b| {
        let db = b.fresh_id("gone");
        let c = b.client_in(&db);
        Account::create(&c, &account("Ada", 1.0)).await?;
        c.tables(&db).delete("accounts").await?;
        b.reset();

        // The list meets 404, the table is synced again (read, create) and the list
        // retried once. The client knows the server's version already.
        let page = Account::list(&c, Account::query()).await?;
        assert_eq!(page.total, 0);
        let want = seq(&[
            &req("GET", "/{db}/tables/accounts/rows"),
            &req("GET", "/{db}/tables/accounts"),
            &create_accounts(b).await,
            &req("GET", "/{db}/tables/accounts/rows"),
        ]);
        expect(b, &db, &want);
        Account::create(&c, &account("Tim", 1.0)).await?;
        expect(b, &db, &[("POST", "/{db}/tables/accounts/rows")]);

        // The whole database, too.
        c.databases().delete(&db).await?;
        b.reset();
        Account::create(&c, &account("Eve", 1.0)).await?;
        let want = seq(&[
            &req("POST", "/{db}/tables/accounts/rows"),
            &req("GET", "/{db}/tables/accounts"),
            &req("POST", ""),
            &create_accounts(b).await,
            &req("POST", "/{db}/tables/accounts/rows"),
        ]);
        expect(b, &db, &want);
        assert_eq!(Account::count(&c, Account::query()).await?, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_column_deleted_behind_the_cache_is_created_again() {
    on_each_backend(async |b| {
        let db = b.fresh_id("colgone");
        let c = b.client_in(&db);
        Account::create(&c, &account("Ada", 1.0)).await?;
        let columns = c.columns(&db, "accounts");
        columns.delete("homepage").await?;
        // Wait until the server has removed it.
        while columns.get("homepage").await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        b.reset();

        // The write meets "Unknown attribute", the table is synced again (the column
        // re-created and waited for) and the write retried once.
        let row = Account::create(&c, &account("Tim", 2.0)).id("tim").await?;
        assert_eq!(row.homepage.as_deref(), Some("https://example.com"));
        expect(
            b,
            &db,
            &[
                ("POST", "/{db}/tables/accounts/rows"),
                ("GET", "/{db}/tables/accounts"),
                ("POST", "/{db}/tables/accounts/columns/url"),
                ("GET", "/{db}/tables/accounts"),
                ("POST", "/{db}/tables/accounts/rows"),
            ],
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_first_calls_make_one_sync() {
    on_each_backend(async |b| {
        let db = b.fresh_id("herd");
        let c = b.client_in(&db);
        b.reset();

        let mut tasks = Vec::new();
        for _ in 0..1000 {
            let c = c.clone();
            tasks.push(tokio::spawn(async move {
                Account::list(&c, Account::query()).await.map(|p| p.total)
            }));
        }
        for task in tasks {
            assert_eq!(task.await.expect("the task runs")?, 0);
        }
        if let Backend::Emulator(e) = b {
            let requests = e.requests();
            let schema: Vec<(String, String)> = requests
                .iter()
                .filter(|r| !r.path.ends_with("/rows"))
                .map(|r| (r.method.clone(), r.path.clone()))
                .collect();
            let want: Vec<(String, String)> = seq(&[
                &req("GET", "/{db}/tables/accounts"),
                &req(VERSION.0, VERSION.1),
                &req("POST", ""),
                &create_accounts(b).await,
            ])
            .into_iter()
            .map(|(m, p)| {
                let p = p.replace("{db}", &db);
                let p = if p.starts_with("/v1/") {
                    p
                } else {
                    format!("/v1/tablesdb{p}")
                };
                (m.to_owned(), p)
            })
            .collect();
            assert_eq!(schema.len(), want.len(), "{schema:?}");
            assert_eq!(requests.len(), 1000 + want.len());
            e.reset_requests();
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_sync_answers_every_waiter_and_a_later_call_retries()
-> Result<(), Box<dyn std::error::Error>> {
    // A server that refuses the key, slowly: the 300 ms answer keeps the first sync in
    // flight while all 100 callers join it, so the count below is deterministic.
    let server = FakeServer::always(Reply::Delayed(
        Duration::from_millis(300),
        Box::new(Reply::error(
            401,
            "user_unauthorized",
            "The current user is not authorized to perform the requested action.",
        )),
    ))
    .await;
    let c = Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .api_key("standard_wrong_key")
        .default_database("main")
        .build()?;
    let mut tasks = Vec::new();
    for _ in 0..100 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            Account::list(&c, Account::query()).await.map(|_| ())
        }));
    }
    for task in tasks {
        let err = task.await.expect("the task runs").unwrap_err();
        assert_eq!(err.status(), Some(401), "{err}");
        // The error is the caller's operation's, says which step of the sync failed, and
        // what to check.
        assert_eq!(err.operation(), Some("rows.list"));
        let text = err.to_string();
        assert!(
            text.starts_with("rows.list on table `accounts`: HTTP 401 (user_unauthorized): while syncing the table, tables.get: The current user is not authorized")
                && text.contains("hint: the API key was not accepted"),
            "{text}"
        );
    }
    // One sync (one GET of the table) for the 100 callers, and no row request.
    assert_eq!(server.count(), 1);

    // The failure is not cached: the next call syncs again.
    assert!(Account::list(&c, Account::query()).await.is_err());
    assert_eq!(server.count(), 2);
    Ok(())
}

#[tokio::test]
async fn sync_can_be_disabled_or_run_eagerly() {
    on_each_backend(async |b| {
        let db = b.fresh_id("eager");
        let c = b.client_in(&db);
        b.reset();
        let plans = c.sync_all([Account::SCHEMA]).await?;
        if b.has(Feature::InlineColumns).await {
            assert_eq!(plans[0].changes.len(), 2);
            assert!(matches!(
                &plans[0].changes[1],
                Change::CreateTable { columns, indexes, .. } if columns.len() == 9 && indexes.len() == 3
            ));
        } else {
            // Appwrite 1.8.1: the table, then each of its 9 columns and 3 indexes.
            assert_eq!(plans[0].changes.len(), 2 + 9 + 3, "{}", plans[0]);
        }
        let want = seq(&[
            &req("GET", "/{db}/tables/accounts"),
            &req(VERSION.0, VERSION.1),
            &req("POST", ""),
            &create_accounts(b).await,
        ]);
        expect(b, &db, &want);
        // Verified already: no request, and the same plan.
        assert_eq!(c.sync::<Account>().await?, plans[0]);
        Account::count(&c, Account::query()).await?;
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);

        // Sync off: one request per operation from the start, even on a new client.
        let (endpoint, project, key) = match b {
            Backend::Emulator(e) => (e.endpoint(), e.project(), e.key()),
            Backend::Real {
                endpoint,
                project,
                key,
            } => (endpoint.as_str(), project.as_str(), key.as_str()),
        };
        let manual = Client::builder()
            .endpoint(endpoint)
            .project(project)
            .api_key(key)
            .default_database(&db)
            .disable_sync()
            .build()?;
        Account::count(&manual, Account::query()).await?;
        expect(b, &db, &[("GET", "/{db}/tables/accounts/rows")]);
        // And a missing table stays an error there.
        #[derive(Table, Serialize, Deserialize, Debug)]
        #[table(id = "absent")]
        struct Absent {
            flag: bool,
        }
        let err = Absent::list(&manual, Absent::query()).await.unwrap_err();
        assert_eq!(err.status(), Some(404));
        Ok(())
    })
    .await;
}
