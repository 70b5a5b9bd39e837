//! What a plan shows and a sync does: by server version (Appwrite 1.8.1 ignores the
//! columns and indexes of a create-table request and has no text column kinds, whose
//! routes answer `404 general_route_not_found`; 1.9.0 and later take both), and across the
//! tables a model's relationships reach.

use lazy_appwrite::sync::Change;
use lazy_appwrite::{Error, Feature, Model, Ref, Table};
use lazy_appwrite_emulator::Emulator;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "notes", index(key = "by_title", columns(title)))]
struct Note {
    #[column(size = 64)]
    title: String,
    #[column(default = 0)]
    stars: i64,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "essays")]
struct Essay {
    #[column(size = 64)]
    title: String,
    #[column(text)]
    body: String,
}

async fn emulator() -> lazy_appwrite_emulator::EmulatorHandle {
    Emulator::builder()
        .processing_delay(std::time::Duration::ZERO)
        .start()
        .await
        .unwrap()
}

fn client_for(
    emulator: &lazy_appwrite_emulator::EmulatorHandle,
    version: &str,
) -> lazy_appwrite::Client {
    lazy_appwrite::Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database("main")
        .server_version(version)
        .build()
        .unwrap()
}

#[tokio::test]
async fn on_1_8_1_a_new_table_is_created_alone_and_its_columns_after_it() {
    let emulator = emulator().await;
    let client = client_for(&emulator, "1.8.1");

    let plan = client.plan::<Note>().await.unwrap();
    assert_eq!(
        plan.changes,
        vec![
            Change::CreateDatabase {
                database: "main".into()
            },
            Change::CreateTable {
                table: "notes".into(),
                columns: vec![],
                indexes: vec![],
            },
            Change::CreateColumn {
                column: "title".into()
            },
            Change::CreateColumn {
                column: "stars".into()
            },
            Change::CreateIndex {
                index: "by_title".into()
            },
        ],
        "the plan says what a 1.8.1 server will really do"
    );

    emulator.reset_requests();
    client.sync::<Note>().await.unwrap();
    let requests = emulator.requests();
    let mut posts: Vec<&str> = requests
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.path.as_str())
        .collect();
    // The two columns are created side by side, so their order is not fixed.
    if let Some(columns) = posts.get_mut(2..4) {
        columns.sort_unstable();
    }
    assert_eq!(
        posts,
        [
            "/v1/tablesdb",
            "/v1/tablesdb/main/tables",
            "/v1/tablesdb/main/tables/notes/columns/integer",
            "/v1/tablesdb/main/tables/notes/columns/string",
            "/v1/tablesdb/main/tables/notes/indexes",
        ],
        "every column and index has its own request, the index after the columns"
    );
    assert!(client.plan::<Note>().await.unwrap().is_empty());
    let row = Note::create(
        &client,
        &Note {
            title: "a".into(),
            stars: 2,
        },
    )
    .await
    .unwrap();
    assert_eq!(row.stars, 2);
    emulator.shutdown().await;
}

#[tokio::test]
async fn on_1_9_a_new_table_takes_its_columns_inline() {
    let emulator = emulator().await;
    let client = client_for(&emulator, "1.9.6");
    let plan = client.plan::<Note>().await.unwrap();
    assert_eq!(
        plan.changes[1],
        Change::CreateTable {
            table: "notes".into(),
            columns: vec!["title".into(), "stars".into()],
            indexes: vec!["by_title".into()],
        }
    );
    assert_eq!(plan.changes.len(), 2);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_kind_the_server_lacks_is_refused_before_anything_changes() {
    let emulator = emulator().await;
    let client = client_for(&emulator, "1.8.1");
    let essay = Essay {
        title: "t".into(),
        body: "b".into(),
    };
    for err in [
        Essay::create(&client, &essay).await.unwrap_err(),
        client.plan::<Essay>().await.unwrap_err(),
    ] {
        match &err {
            Error::Unsupported {
                table,
                column,
                feature,
                version,
            } => {
                assert_eq!(table, "essays");
                assert_eq!(column.as_deref(), Some("body"));
                assert_eq!(*feature, Feature::TextColumnKinds);
                assert_eq!(version.release(), Some((1, 8, 1)));
            }
            other => panic!("expected Unsupported, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "table `essays`, column `body` needs the varchar, text, mediumtext and longtext \
             column kinds (Appwrite 1.9.0 and later), and the server runs Appwrite 1.8.1"
        );
    }
    assert!(
        emulator.requests().iter().all(|r| r.method == "GET"),
        "nothing was created: {:?}",
        emulator.requests()
    );

    // The same model on a 1.9 server syncs.
    let client = client_for(&emulator, "1.9.6");
    Essay::create(&client, &essay).await.unwrap();
    emulator.shutdown().await;
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "writers")]
struct Writer {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "stories")]
struct Story {
    #[column(size = 64)]
    title: String,
    #[column(relationship(kind = many_to_one))]
    writer: Option<Ref<Writer>>,
}

#[tokio::test]
async fn a_plan_covers_every_table_the_first_use_would_touch() {
    let emulator = emulator().await;
    let client = client_for(&emulator, "1.9.6");
    let plan = client.plan::<Story>().await.unwrap();
    assert_eq!(plan.table, "stories");
    assert_eq!(
        plan.related
            .iter()
            .map(|p| p.table.as_str())
            .collect::<Vec<_>>(),
        ["writers"]
    );
    assert_eq!(
        plan.to_string(),
        "table `stories` in database `main`:\n  \
         create database `main`\n  \
         create table `stories` with 1 column(s) and 0 index(es) inline\n  \
         create column `writer`\n\
         table `writers` in database `main`:\n  \
         create table `writers` with 1 column(s) and 0 index(es) inline\n"
    );
    // Nothing was changed, and after the first use the whole plan is empty.
    assert!(emulator.requests().iter().all(|r| r.method == "GET"));
    Story::list(&client, Story::query()).await.unwrap();
    assert!(client.plan::<Story>().await.unwrap().is_empty());
    emulator.shutdown().await;
}
