//! What a plan shows and a sync does: by server version (Appwrite 1.8.1 ignores the
//! columns and indexes of a create-table request and has no text column kinds, whose
//! routes answer `404 general_route_not_found`; 1.9.0 and later take both), and across the
//! tables a model's relationships reach.
//!
//! What `plan()` shows is what `sync()` then does: table by table, the same changes in the
//! same order, for every kind of change (a new database and tables, columns created
//! inline and after, columns altered, indexes added and recreated, relationships created
//! and changed, and the relationship of a cycle that waits for its table).

use lazy_appwrite::columns::{BooleanColumn, IntegerColumn, RelationshipColumn, StringColumn};
use lazy_appwrite::response::{IndexType, OnDelete, RelationType};
use lazy_appwrite::sync::{Change, Plan};
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

/// Shelves and volumes point at each other, so a first sync of both defers one
/// relationship until the other table exists.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "shelves", index(key = "by_label", columns(label)))]
struct Shelf {
    #[column(size = 64)]
    label: String,
    #[column(relationship(kind = many_to_one, on_delete = cascade))]
    pinned: Option<Ref<Volume>>,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(
    id = "volumes",
    index(key = "by_title", columns(title)),
    index(key = "by_pages", columns(pages))
)]
struct Volume {
    #[column(size = 128)]
    title: String,
    #[column(text)]
    blurb: String,
    #[column(default = 0)]
    pages: i64,
    #[column(relationship(kind = many_to_one, on_delete = set_null))]
    shelf: Option<Ref<Shelf>>,
}

/// The changes of a plan and its related plans, as shown.
fn shown(plan: &Plan) -> Vec<String> {
    plan.changes
        .iter()
        .chain(plan.related.iter().flat_map(|p| &p.changes))
        .map(ToString::to_string)
        .collect()
}

/// The changes of a plan without the database's creation, and how often it was created.
fn without_database(plan: &Plan) -> (Vec<Change>, usize) {
    let created = plan
        .changes
        .iter()
        .filter(|c| matches!(c, Change::CreateDatabase { .. }))
        .count();
    let rest = plan
        .changes
        .iter()
        .filter(|c| !matches!(c, Change::CreateDatabase { .. }))
        .cloned()
        .collect();
    (rest, created)
}

/// Plans `Shelf` (and `Volume` through it), syncs it, and checks that each table's sync
/// made exactly the changes its plan showed. The database is created once either way; the
/// plan names it on the model's table, the sync on the first table it syncs.
async fn plan_then_sync(client: &lazy_appwrite::Client) -> Plan {
    let planned = client.plan::<Shelf>().await.unwrap();
    assert_eq!(planned.related.len(), 1, "{planned}");
    let shelves = client.sync::<Shelf>().await.unwrap();
    // Synced together with shelves: this is the plan that sync made for volumes.
    let volumes = client.sync::<Volume>().await.unwrap();
    let (planned_shelves, planned_db) = without_database(&planned);
    let (planned_volumes, planned_db_too) = without_database(&planned.related[0]);
    let (synced_shelves, synced_db) = without_database(&shelves);
    let (synced_volumes, synced_db_too) = without_database(&volumes);
    assert_eq!(synced_shelves, planned_shelves, "shelves: {planned}");
    assert_eq!(synced_volumes, planned_volumes, "volumes: {planned}");
    assert_eq!(planned_db + planned_db_too, synced_db + synced_db_too);
    assert_eq!(shelves.notes, planned.notes);
    assert_eq!(volumes.notes, planned.related[0].notes);
    assert!(client.plan::<Shelf>().await.unwrap().is_empty());
    planned
}

#[tokio::test]
async fn plan_and_sync_agree_on_new_tables_with_a_deferred_relationship() {
    let emulator = emulator().await;
    let planned = plan_then_sync(&client_for(&emulator, "1.9.6")).await;
    let shown = shown(&planned);
    assert_eq!(
        shown,
        [
            "create database `main`",
            "create table `shelves` with 1 column(s) and 1 index(es) inline",
            "create column `pinned`",
            "create table `volumes` with 2 column(s) and 2 index(es) inline",
            "create column `blurb`",
            "create column `shelf`",
        ]
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn plan_and_sync_agree_on_tables_that_differ_in_every_way() {
    let emulator = emulator().await;
    let admin = client_for(&emulator, "1.9.6");
    admin.databases().create("main", "main").await.unwrap();
    let tables = admin.tables("main");
    tables.create("shelves", "shelves").await.unwrap();
    tables.create("volumes", "volumes").await.unwrap();
    let shelves = admin.columns("main", "shelves");
    shelves
        .create(&StringColumn::new("label", 64))
        .await
        .unwrap();
    let volumes = admin.columns("main", "volumes");
    volumes
        .create(&StringColumn::new("title", 32))
        .await
        .unwrap();
    volumes.create(&IntegerColumn::new("pages")).await.unwrap();
    volumes.create(&BooleanColumn::new("legacy")).await.unwrap();
    volumes
        .create(
            &RelationshipColumn::new("shelves", RelationType::ManyToOne)
                .key("shelf")
                .on_delete(OnDelete::Restrict),
        )
        .await
        .unwrap();
    let indexes = admin.indexes("main", "volumes");
    indexes
        .create("by_title", IndexType::Unique, ["title"])
        .await
        .unwrap();
    indexes
        .create("by_legacy", IndexType::Key, ["legacy"])
        .await
        .unwrap();

    let planned = plan_then_sync(&admin).await;
    let shown = shown(&planned);
    assert_eq!(
        shown,
        [
            "update column `label`: required false → true",
            // Deferred until volumes is synced: a later pass, so last.
            "create index `by_label`",
            "create column `pinned`",
            "update column `title`: required false → true, size 32 → 128",
            "update column `pages`: default null → 0",
            "update column `shelf`: onDelete Restrict → SetNull",
            "create column `blurb`",
            "create index `by_pages`",
            "recreate index `by_title` (the model declares key on (title), the server has unique on (title))",
        ]
    );
    emulator.shutdown().await;
}
