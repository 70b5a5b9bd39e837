//! Schema drift: a table made by one version of a model, synced by another. Every case
//! the sync heals (with its exact requests, against the emulator), every case it refuses
//! (a `SchemaDrift` naming the column), and what it reports but never drops. Includes
//! what the JavaScript library gets wrong: a second start with email/url/ip/enum/float
//! columns, string growth, enum growth, a write right after a new column, a changed index.

use crate::support;

use std::time::Duration;

use lazy_appwrite::response::{ColumnStatus, IndexType, ReportedKind};
use lazy_appwrite::sync::{Change, Note};
use lazy_appwrite::{Client, Error, Feature, Model, Table};
use lazy_appwrite_emulator::Emulator;
use support::{Backend, on_each_backend};

/// Version 1 of the `people` table.
mod v1 {
    use lazy_appwrite::{Enum, Table};
    use serde::{Deserialize, Serialize};

    #[derive(Enum, Clone, Copy, Debug, PartialEq)]
    pub enum Role {
        Reader,
        Editor,
    }

    #[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }
}

/// Longer names and one more role.
mod grown {
    use lazy_appwrite::{Enum, Table};
    use serde::{Deserialize, Serialize};

    #[derive(Enum, Clone, Copy, Debug, PartialEq)]
    pub enum Role {
        Reader,
        Editor,
        Admin,
    }

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Person {
        #[column(size = 64)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }
}

/// A new column, and an index over it.
mod more {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(
        id = "people",
        permissions(read("any")),
        index(key = "by_age", columns(age))
    )]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
        #[column(integer(min = 0, max = 150))]
        pub age: Option<i64>,
    }
}

/// An index over an existing column.
mod indexed {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(
        id = "people",
        permissions(read("any")),
        index(key = "by_name", columns(name))
    )]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }
}

/// The same index key, now unique and over two columns.
mod reindexed {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(
        id = "people",
        permissions(read("any")),
        index(key = "by_name", unique, columns(name, email))
    )]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }
}

/// Other settings, defaults, requiredness and ranges: all changeable in place.
mod settings {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(
        id = "people",
        name = "People",
        permissions(read("any"), write("users")),
        row_security
    )]
    pub struct Person {
        #[column(size = 32)]
        pub name: Option<String>,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Editor")]
        pub role: Role,
        #[column(float(min = 0.0, max = 10.0), default = 1.5)]
        pub score: f64,
    }
}

/// What the server cannot change: a kind, array-ness, a shrink.
mod refused {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Kind {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<i64>,
    }

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Array {
        #[column(size = 32)]
        pub name: Vec<String>,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Shrunk {
        #[column(size = 16)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        pub score: Option<f64>,
    }
}

/// Fewer columns than the server has.
mod fewer {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
    }
}

fn person(name: &str) -> v1::Person {
    v1::Person {
        name: name.into(),
        email: Some(format!("{}@example.com", name.to_lowercase())),
        site: Some("https://example.com/a".into()),
        ip: Some("192.168.1.1".into()),
        role: v1::Role::Editor,
        score: Some(2.5),
    }
}

fn client_for(endpoint: &str, project: &str, key: &str, db: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .project(project)
        .api_key(key)
        .default_database(db)
        .build()
        .expect("a valid client configuration")
}

/// A new client (a new process) whose models live in database `db`.
fn client(b: &Backend, db: &str) -> Client {
    match b {
        Backend::Emulator(e) => client_for(e.endpoint(), e.project(), e.key(), db),
        Backend::Real {
            endpoint,
            project,
            key,
        } => client_for(endpoint, project, key, db),
    }
}

/// Asserts the requests since the last reset; paths below `/v1/tablesdb/{db}/tables/people`
/// unless they start with `/v1/`.
fn expect(b: &Backend, db: &str, requests: &[(&str, &str)]) {
    let owned: Vec<(String, String)> = requests
        .iter()
        .map(|(m, p)| {
            let path = if p.starts_with("/v1/") {
                (*p).to_owned()
            } else {
                format!("/v1/tablesdb/{db}/tables/people{p}")
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

/// A database with the v1 table and one row; returns the database ID.
async fn v1_table(b: &Backend) -> lazy_appwrite::Result<String> {
    let db = b.fresh_id("drift");
    let c = client(b, &db);
    v1::Person::create(&c, &person("Ada")).id("ada").await?;
    b.reset();
    Ok(db)
}

fn shown(changes: &[Change]) -> Vec<String> {
    changes.iter().map(ToString::to_string).collect()
}

#[tokio::test]
async fn a_second_start_finds_email_url_ip_enum_and_float_columns_unchanged() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        for _ in 0..2 {
            let c = client(b, &db);
            assert!(c.plan::<v1::Person>().await?.is_empty());
            let row = v1::Person::create(&c, &person("Tim")).await?;
            assert_eq!(row.role, v1::Role::Editor);
            expect(b, &db, &[("GET", ""), ("GET", ""), ("POST", "/rows")]);
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn string_and_enum_growth_are_made_in_place() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let plan = c.sync::<grown::Person>().await?;
        assert_eq!(
            shown(&plan.changes),
            [
                "update column `name`: size 32 → 64",
                "update column `role`: add element(s) `Admin`",
            ]
        );
        expect(
            b,
            &db,
            &[
                ("GET", ""),
                ("PATCH", "/columns/string/name"),
                ("PATCH", "/columns/enum/role"),
            ],
        );
        // Both changes hold: a 64-character name, the new role, the default kept.
        let row = grown::Person::create(
            &c,
            &grown::Person {
                name: "x".repeat(64),
                email: None,
                site: None,
                ip: None,
                role: grown::Role::Admin,
                score: None,
            },
        )
        .await?;
        assert_eq!(row.role, grown::Role::Admin);
        let role = c.columns(&db, "people").get("role").await?;
        assert!(
            matches!(&role.kind, ReportedKind::Enum { elements, default, .. } if elements.len() == 3 && default.as_deref() == Some("Reader")),
            "{role:?}"
        );
        b.reset();

        // The old model still runs beside the new one: its enum is a subset, its size
        // smaller, which is a shrink the sync refuses rather than makes.
        let old = client(b, &db);
        let err = old.sync::<v1::Person>().await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(c), .. } if c == "name"),
            "{err}"
        );
        assert!(err.to_string().contains("never shrinks"), "{err}");
        expect(b, &db, &[("GET", "")]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_new_column_is_available_before_the_first_write() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        // The first operation adds the column and its index, waits for each, then writes.
        let row = more::Person::create(
            &c,
            &more::Person {
                name: "Grace".into(),
                email: None,
                site: None,
                ip: None,
                role: more::Role::Reader,
                score: None,
                age: Some(85),
            },
        )
        .await?;
        assert_eq!(row.age, Some(85));
        // Creating a column asks the server's version first, once per client.
        expect(
            b,
            &db,
            &[
                ("GET", ""),
                ("GET", "/v1/health/version"),
                ("POST", "/columns/integer"),
                ("GET", ""),
                ("POST", "/indexes"),
                ("GET", ""),
                ("POST", "/rows"),
            ],
        );
        let adults = more::Person::count(&c, more::Person::columns().age.gte(18)).await?;
        assert_eq!(adults, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_new_column_is_waited_for_on_a_slow_server() {
    // The column stays `processing` for 300 ms: the sync polls until it is available.
    let emulator = Emulator::builder()
        .processing_delay(Duration::from_millis(300))
        .start()
        .await
        .expect("the emulator starts");
    let c = client_for(
        emulator.endpoint(),
        emulator.project(),
        emulator.key(),
        "slow",
    );
    c.sync::<v1::Person>().await.expect("v1 syncs");
    let fast = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database("slow")
        .sync(
            lazy_appwrite::SyncSettings::default()
                .with_poll_interval(Duration::from_millis(20), Duration::from_millis(100)),
        )
        .build()
        .expect("a valid client configuration");
    let started = std::time::Instant::now();
    let row = more::Person::create(
        &fast,
        &more::Person {
            name: "Grace".into(),
            email: None,
            site: None,
            ip: None,
            role: more::Role::Reader,
            score: None,
            age: Some(85),
        },
    )
    .await
    .expect("the write after the new column succeeds");
    assert_eq!(row.age, Some(85));
    assert!(started.elapsed() >= Duration::from_millis(300));
    let polls = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/tables/people"))
        .count();
    assert!(polls > 3, "{polls} reads of the table");

    // A deadline shorter than the delay is an error naming the column.
    let impatient = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database("slow2")
        .sync(
            lazy_appwrite::SyncSettings::default()
                .with_wait_timeout(Duration::from_millis(100))
                .with_poll_interval(Duration::from_millis(20), Duration::from_millis(20)),
        )
        .build()
        .expect("a valid client configuration");
    impatient.sync::<v1::Person>().await.expect("v1 syncs");
    let err = impatient.sync::<more::Person>().await.unwrap_err();
    assert!(
        matches!(&err, Error::SchemaNotReady { column: Some(c), status, .. } if c == "age" && status.contains("processing")),
        "{err}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn an_index_over_an_existing_column_is_added() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let plan = c.sync::<indexed::Person>().await?;
        assert_eq!(shown(&plan.changes), ["create index `by_name`"]);
        expect(b, &db, &[("GET", ""), ("POST", "/indexes"), ("GET", "")]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_changed_index_is_recreated_after_its_deletion_finished() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        client(b, &db).sync::<indexed::Person>().await?;
        b.reset();
        let c = client(b, &db);
        let plan = c.sync::<reindexed::Person>().await?;
        assert_eq!(
            shown(&plan.changes),
            ["recreate index `by_name` (the model declares unique on (name, email), the server has key on (name))"]
        );
        expect(
            b,
            &db,
            &[
                ("GET", ""),
                ("DELETE", "/indexes/by_name"),
                ("GET", ""),
                ("POST", "/indexes"),
                ("GET", ""),
            ],
        );
        let index = c.indexes(&db, "people").get("by_name").await?;
        assert_eq!(
            (index.kind, index.columns.as_slice()),
            (IndexType::Unique, &["name".to_owned(), "email".to_owned()][..])
        );
        assert_eq!(index.status, ColumnStatus::Available);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_failed_index_is_recreated_and_a_failing_one_is_an_error() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        // Two rows with the same name make a unique index over `name` fail.
        v1::Person::create(&c, &person("Ada")).id("ada2").await?;
        let indexes = c.indexes(&db, "people");
        indexes
            .create("by_name", IndexType::Unique, ["name"])
            .await?;
        // Appwrite 1.8.1 fails a unique index over repeated values; 1.9.6 makes it
        // `available` and does not enforce it (both recorded on real servers).
        let fails_on_repeats = b
            .server_version()
            .await
            .release()
            .is_some_and(|v| v < (1, 9, 0));
        let waited = indexes.wait_until_available(&["by_name"]).await;
        if fails_on_repeats {
            let err = waited.unwrap_err();
            assert!(matches!(err, Error::SchemaNotReady { .. }), "{err}");
        } else {
            waited?;
        }

        // Declared as a key index: the failed (or unique) one is replaced.
        b.reset();
        let plan = client(b, &db).sync::<indexed::Person>().await?;
        assert!(
            matches!(&plan.changes[..], [Change::RecreateIndex { index, reason }] if index == "by_name" && reason.starts_with("the model declares key")),
            "{plan}"
        );
        expect(
            b,
            &db,
            &[
                ("GET", ""),
                ("DELETE", "/indexes/by_name"),
                ("GET", ""),
                ("POST", "/indexes"),
                ("GET", ""),
            ],
        );

        // Declared unique while the duplicates remain: the recreated index fails too,
        // and the error names it.
        let synced = client(b, &db)
            .sync::<reindexed::Person>()
            .await
            .map(|p| p.to_string());
        if !fails_on_repeats {
            synced?;
            return Ok(());
        }
        // (name, email) is unique here: the two rows share both, so it fails.
        let err = synced.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaNotReady { column: Some(k), status, .. } if k == "by_name" && status.starts_with("failed")),
            "{err}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn settings_defaults_requiredness_and_ranges_are_healed() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let plan = c.sync::<settings::Person>().await?;
        // The v1 table's `score` has the full range, sent inline too (a 1.9.6 server gives
        // an inline numeric column sent without one no range, and it then takes none).
        let score = "update column `score`: min -1.7976931348623157e308 → 0.0, max 1.7976931348623157e308 → 10.0, default null → 1.5";
        assert_eq!(
            shown(&plan.changes),
            [
                "update table settings: name, permissions, rowSecurity",
                "update column `name`: required true → false",
                "update column `role`: default \"Reader\" → \"Editor\"",
                score,
            ]
        );
        expect(
            b,
            &db,
            &[
                ("GET", ""),
                ("PUT", ""),
                ("PATCH", "/columns/string/name"),
                ("PATCH", "/columns/enum/role"),
                ("PATCH", "/columns/float/score"),
            ],
        );
        let table = c.tables(&db).get("people").await?;
        assert_eq!(table.name, "People");
        assert!(table.row_security && table.enabled);
        assert_eq!(table.permissions.len(), 4);
        let again = client(b, &db).plan::<settings::Person>().await?;
        assert!(again.is_empty(), "{again}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn changes_the_server_cannot_make_are_errors_naming_the_column() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let err = c.sync::<refused::Kind>().await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(c), .. } if c == "score"),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("the model declares `integer` but the server has `double`"),
            "{err}"
        );
        let err = c.sync::<refused::Array>().await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(c), .. } if c == "name"),
            "{err}"
        );
        let err = c.sync::<refused::Shrunk>().await.unwrap_err();
        assert!(err.to_string().contains("size 16 is smaller"), "{err}");
        expect(b, &db, &[("GET", ""), ("GET", ""), ("GET", "")]);

        // An operation on such a model fails the same way, before any row request.
        let err = refused::Kind::count(&c, refused::Kind::query())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::SchemaDrift { .. }), "{err}");
        expect(b, &db, &[("GET", "")]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn extra_columns_are_reported_and_dropped_only_when_asked() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let plan = c.sync::<fewer::Person>().await?;
        assert!(plan.is_empty());
        assert_eq!(
            plan.notes,
            [Note::ExtraColumn {
                column: "score".into(),
                required: false
            }]
        );
        expect(b, &db, &[("GET", "")]);
        // The model works beside the extra column.
        assert_eq!(fewer::Person::get(&c, "ada").await?.name, "Ada");
        b.reset();

        let plan = c.sync_destructive::<fewer::Person>().await?;
        assert_eq!(shown(&plan.changes), ["drop column `score`"]);
        expect(
            b,
            &db,
            &[("GET", ""), ("DELETE", "/columns/score"), ("GET", "")],
        );
        assert!(c.columns(&db, "people").get("score").await.is_err());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn columns_appwrite_does_not_take_inline_are_created_after_the_table() {
    /// `text` and `varchar` columns, and an index over one: created after the table
    /// (Appwrite 1.8 takes neither inline), then waited for.
    #[derive(Table, serde::Serialize, serde::Deserialize, Debug)]
    #[table(id = "people", index(key = "by_code", columns(code)))]
    struct Doc {
        #[column(size = 32)]
        title: String,
        #[column(text)]
        body: Option<String>,
        #[column(varchar(size = 16))]
        code: Option<String>,
    }

    on_each_backend(async |b| {
        let db = b.fresh_id("deferred");
        let c = client(b, &db);
        c.databases().create(&db, &db).await?;
        b.reset();
        if !b.has(Feature::TextColumnKinds).await {
            // Appwrite 1.8.1 has neither kind: refused before anything is created.
            let err = c.sync::<Doc>().await.unwrap_err();
            assert!(
                matches!(&err, Error::Unsupported { column: Some(k), feature: Feature::TextColumnKinds, .. } if k == "body"),
                "{err:?}"
            );
            let one = format!("/v1/tablesdb/{db}/tables/people");
            b.expect(&[("GET", &one), ("GET", "/v1/health/version")]);
            return Ok(());
        }
        let plan = c.sync::<Doc>().await?;
        assert_eq!(
            shown(&plan.changes),
            [
                "create table `people` with 1 column(s) and 0 index(es) inline",
                "create column `body`",
                "create column `code`",
                "create index `by_code`",
            ]
        );
        let tables = format!("/v1/tablesdb/{db}/tables");
        let one = format!("{tables}/people");
        b.expect(&[
            ("GET", &one),
            ("GET", "/v1/health/version"),
            ("POST", &tables),
            ("GET", &one),
            ("POST", &format!("{one}/columns/text")),
            ("POST", &format!("{one}/columns/varchar")),
            ("GET", &one),
            ("POST", &format!("{one}/indexes")),
            ("GET", &one),
        ]);
        let row = Doc::create(
            &c,
            &Doc {
                title: "t".into(),
                body: Some("long".into()),
                code: Some("c1".into()),
            },
        )
        .await?;
        assert_eq!(row.code.as_deref(), Some("c1"));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_creating_the_same_table_both_succeed() {
    on_each_backend(async |b| {
        let db = b.fresh_id("race");
        let mut tasks = Vec::new();
        for i in 0..4 {
            let c = client(b, &db);
            tasks.push(tokio::spawn(async move {
                let name = format!("P{i}");
                more::Person::create(
                    &c,
                    &more::Person {
                        name,
                        email: None,
                        site: None,
                        ip: None,
                        role: more::Role::Reader,
                        score: None,
                        age: Some(i),
                    },
                )
                .await
                .map(|_| ())
            }));
        }
        for task in tasks {
            task.await.expect("the task runs")?;
        }
        let c = client(b, &db);
        assert_eq!(more::Person::count(&c, more::Person::query()).await?, 4);
        assert!(c.plan::<more::Person>().await?.is_empty());
        Ok(())
    })
    .await;
}

/// Two models linked by a two-way relationship.
mod linked {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "authors")]
    pub struct Author {
        #[column(size = 64)]
        pub name: String,
    }

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "books")]
    pub struct Book {
        #[column(size = 64)]
        pub title: String,
        #[column(relationship(
            related = Author,
            kind = many_to_one,
            two_way,
            two_way_key = "books",
            on_delete = cascade
        ))]
        pub author: Option<String>,
    }

    /// Names its related table by ID only: nothing tells the sync how to create it.
    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "reviews")]
    pub struct Review {
        #[column(relationship(related_id = "critics", kind = many_to_one))]
        pub critic: Option<String>,
    }
}

#[tokio::test]
async fn related_tables_are_synced_first_and_partners_are_not_extras() {
    on_each_backend(async |b| {
        let db = b.fresh_id("linked");
        let c = client(b, &db);

        // The related model's table comes first, in the same sync.
        let plan = c.sync::<linked::Book>().await?;
        let inline = b.has(Feature::InlineColumns).await;
        let at = |t: &str, rest: &str| format!("/v1/tablesdb/{db}/tables/{t}{rest}");
        let tables = format!("/v1/tablesdb/{db}/tables");
        if inline {
            assert_eq!(
                shown(&plan.changes),
                [
                    "create table `books` with 1 column(s) and 0 index(es) inline",
                    "create column `author`"
                ]
            );
            b.expect(&[
                ("GET", &at("authors", "")),
                ("GET", "/v1/health/version"),
                ("POST", "/v1/tablesdb"),
                ("POST", &tables),
                ("GET", &at("books", "")),
                ("POST", &tables),
                ("GET", &at("books", "")),
                ("POST", &at("books", "/columns/relationship")),
                ("GET", &at("books", "")),
            ]);
        } else {
            // Appwrite 1.8.1 ignores inline columns: each is created after its table.
            assert_eq!(
                shown(&plan.changes),
                [
                    "create table `books` with 0 column(s) and 0 index(es) inline",
                    "create column `title`",
                    "create column `author`"
                ]
            );
            b.expect(&[
                ("GET", &at("authors", "")),
                ("GET", "/v1/health/version"),
                ("POST", "/v1/tablesdb"),
                ("POST", &tables),
                ("POST", &at("authors", "/columns/string")),
                ("GET", &at("authors", "")),
                ("GET", &at("books", "")),
                ("POST", &tables),
                ("POST", &at("books", "/columns/string")),
                ("POST", &at("books", "/columns/relationship")),
                ("GET", &at("books", "")),
            ]);
        }
        let plans = c
            .sync_all([linked::Book::SCHEMA, linked::Author::SCHEMA])
            .await?;
        let tables: Vec<&str> = plans.iter().map(|p| p.table.as_str()).collect();
        assert_eq!(tables, ["authors", "books"]);
        b.expect(&[]);

        // A table named by ID only cannot be created for the model: the error names the
        // column and says why.
        let err = c.sync::<linked::Review>().await.unwrap_err();
        assert!(
            matches!(&err, Error::SchemaDrift { column: Some(col), reason, .. }
                if col == "critic" && reason.contains("`critics` does not exist yet")),
            "{err}"
        );

        // A new process finds both up to date; the partner column `books` on `authors`
        // belongs to the relationship, not to drift.
        let fresh = client(b, &db);
        let authors = fresh.plan::<linked::Author>().await?;
        assert!(authors.is_empty() && authors.notes.is_empty(), "{authors}");
        assert!(fresh.plan::<linked::Book>().await?.is_empty());
        Ok(())
    })
    .await;
}

/// Only a default changes; the open float range must stay open.
mod defaulted {
    use lazy_appwrite::Table;
    use serde::{Deserialize, Serialize};

    pub use super::v1::Role;

    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(id = "people", permissions(read("any")))]
    pub struct Person {
        #[column(size = 32)]
        pub name: String,
        #[column(email)]
        pub email: Option<String>,
        #[column(url)]
        pub site: Option<String>,
        #[column(ip)]
        pub ip: Option<String>,
        #[column(default = "Reader")]
        pub role: Role,
        #[column(default = 2.0)]
        pub score: f64,
    }
}

#[tokio::test]
async fn a_default_change_keeps_an_open_range_open() {
    on_each_backend(async |b| {
        let db = v1_table(b).await?;
        let c = client(b, &db);
        let plan = c.sync::<defaulted::Person>().await?;
        assert_eq!(
            shown(&plan.changes),
            ["update column `score`: default null → 2.0"]
        );
        expect(b, &db, &[("GET", ""), ("PATCH", "/columns/float/score")]);
        let score = c.columns(&db, "people").get("score").await?;
        assert!(
            matches!(score.kind, ReportedKind::Float { min, max, default: Some(d), .. }
                if min.is_none_or(|m| m == f64::MIN) && max.is_none_or(|m| m == f64::MAX) && d == 2.0),
            "{score:?}"
        );
        assert!(client(b, &db).plan::<defaulted::Person>().await?.is_empty());
        Ok(())
    })
    .await;
}
