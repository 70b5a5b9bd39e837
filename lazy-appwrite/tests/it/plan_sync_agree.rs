//! What `plan()` shows is what `sync()` then does: table by table, the same changes in the
//! same order, for every kind of change (a new database and tables, columns created
//! inline and after, columns altered, indexes added and recreated, relationships created
//! and changed, and the relationship of a cycle that waits for its table).

use lazy_appwrite::columns::{BooleanColumn, IntegerColumn, RelationshipColumn, StringColumn};
use lazy_appwrite::models::{IndexType, OnDelete, RelationType};
use lazy_appwrite::sync::{Change, Plan};
use lazy_appwrite::{Ref, Table};
use lazy_appwrite_emulator::Emulator;
use serde::{Deserialize, Serialize};

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

fn client(emulator: &lazy_appwrite_emulator::EmulatorHandle) -> lazy_appwrite::Client {
    lazy_appwrite::Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database("main")
        .server_version("1.9.6")
        .build()
        .unwrap()
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
    let emulator = Emulator::builder()
        .processing_delay(std::time::Duration::ZERO)
        .start()
        .await
        .unwrap();
    let planned = plan_then_sync(&client(&emulator)).await;
    let shown: Vec<String> = planned
        .changes
        .iter()
        .chain(&planned.related[0].changes)
        .map(ToString::to_string)
        .collect();
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
    let emulator = Emulator::builder()
        .processing_delay(std::time::Duration::ZERO)
        .start()
        .await
        .unwrap();
    let admin = client(&emulator);
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
    let shown: Vec<String> = planned
        .changes
        .iter()
        .chain(&planned.related[0].changes)
        .map(ToString::to_string)
        .collect();
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
