//! `plan`, `sync`, `export` and `import`.

use serde_json::Value;

use crate::support::{SHOP, Server, json, scratch};

/// A table's JSON with its columns and indexes in key order: the columns a table gets
/// after its creation (relationships, the text kinds) are created concurrently, so the
/// server lists them in the order they happened to finish.
fn by_key(table: &Value) -> Value {
    let mut table = table.clone();
    for list in ["columns", "indexes"] {
        if let Some(items) = table[list].as_array_mut() {
            items.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
        }
    }
    table
}

#[tokio::test]
async fn plan_then_sync_then_an_empty_plan() {
    let server = Server::start().await;
    let planned = server.ok(&["plan", SHOP]).await;
    assert!(planned.contains("create database `shop`"), "{planned}");
    assert!(planned.contains("create table `books`"), "{planned}");
    assert!(
        server.client().databases().get("shop").await.is_err(),
        "plan changed nothing"
    );

    let synced = server.ok(&["sync", SHOP]).await;
    assert!(synced.contains("create column `author`"), "{synced}");
    let again = server.ok(&["plan", SHOP]).await;
    assert!(
        again.ends_with("no changes: the server matches the file\n"),
        "{again}"
    );
}

#[tokio::test]
async fn sync_deletes_extras_only_when_asked() {
    let server = Server::start().await;
    server.ok(&["sync", SHOP]).await;
    let dir = scratch("extras");
    let mut file = json(std::path::Path::new(SHOP));
    let books = &mut file["tables"][1];
    books["columns"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["key"] != "notes");
    books["indexes"].as_array_mut().unwrap().pop();
    let smaller = dir.join("appwrite.json");
    std::fs::write(&smaller, file.to_string()).unwrap();
    let path = smaller.to_str().unwrap();

    let kept = server.ok(&["sync", path]).await;
    assert!(
        kept.contains("note: column `notes` exists on the server but not in the model"),
        "{kept}"
    );
    let plan = server.ok(&["plan", path, "--destructive"]).await;
    assert!(
        plan.contains("drop column `notes`") && plan.contains("drop index `by_pages_title`"),
        "{plan}"
    );
    let dropped = server.ok(&["sync", path, "--destructive"]).await;
    assert!(dropped.contains("drop column `notes`"), "{dropped}");
    assert!(
        server
            .ok(&["plan", path, "--destructive"])
            .await
            .contains("no changes")
    );
}

#[tokio::test]
async fn export_then_import_into_a_fresh_database_gives_the_same_schema() {
    let server = Server::start().await;
    server.ok(&["sync", SHOP]).await;
    let dir = scratch("export-import");
    let first = dir.join("first.json");
    let out = server
        .ok(&["export", "--out", first.to_str().unwrap()])
        .await;
    assert_eq!(
        out,
        format!(
            "exported 1 database(s) and 3 table(s) to {}\n",
            first.display()
        )
    );
    let exported = json(&first);
    let books = &exported["tables"][1];
    assert_eq!(books["$id"], "books");
    assert_eq!(books["columns"].as_array().unwrap().len(), 22);
    let authors = &exported["tables"][0];
    let partner = &authors["columns"][1];
    assert_eq!(
        (partner["key"].as_str(), partner["side"].as_str()),
        (Some("books"), Some("child"))
    );

    let imported = server
        .ok(&["import", first.to_str().unwrap(), "--into", "copy"])
        .await;
    assert!(
        imported.contains("imported 3 table(s) into 1 database(s)"),
        "{imported}"
    );
    let second = dir.join("second.json");
    server
        .ok(&[
            "export",
            "--database",
            "copy",
            "--out",
            second.to_str().unwrap(),
        ])
        .await;
    let copied = json(&second);
    for (a, b) in exported["tables"]
        .as_array()
        .unwrap()
        .iter()
        .zip(copied["tables"].as_array().unwrap())
    {
        let mut b = by_key(b);
        b["databaseId"] = a["databaseId"].clone();
        assert_eq!(by_key(a), b);
    }
    // Importing again changes nothing.
    let again = server
        .ok(&[
            "plan",
            first.to_str().unwrap(),
            "--into",
            "copy",
            "--destructive",
        ])
        .await;
    assert!(again.contains("no changes"), "{again}");
}

#[tokio::test]
async fn export_keeps_the_files_other_sections() {
    let server = Server::start().await;
    server.ok(&["sync", SHOP]).await;
    let dir = scratch("export-keeps");
    let file = dir.join("appwrite.json");
    std::fs::write(
        &file,
        r#"{"projectId": "demo", "functions": [{"$id": "f"}]}"#,
    )
    .unwrap();
    server
        .ok(&["export", "--out", file.to_str().unwrap()])
        .await;
    let written = json(&file);
    assert_eq!(written["functions"][0]["$id"], "f");
    assert_eq!(written["tablesDB"][0]["name"], "Shop");
}

/// Models that link to each other, for the library's export.
mod models {
    use lazy_appwrite::{Enum, Ref, Table};
    use serde::{Deserialize, Serialize};

    #[derive(Enum, Clone, Copy, Debug, PartialEq)]
    #[enum_value(rename_all = "lowercase")]
    pub enum Genre {
        Novel,
        Essay,
    }

    #[derive(Table, Serialize, Deserialize)]
    #[table(id = "writers", database = "lib", permissions(read("any")))]
    pub struct Writer {
        #[column(size = 64)]
        pub name: String,
    }

    #[derive(Table, Serialize, Deserialize)]
    #[table(
        id = "titles",
        database = "lib",
        row_security,
        index(key = "by_year", columns(year), orders(desc))
    )]
    pub struct Title {
        #[column(size = 128)]
        pub name: String,
        #[column(integer(min = 0, max = 3000), default = 2000)]
        pub year: Option<i64>,
        pub genre: Genre,
        #[column(varchar(size = 16))]
        pub tags: Vec<String>,
        #[column(relationship(kind = many_to_one, two_way_key = "titles", on_delete = cascade))]
        pub writer: Option<Ref<Writer>>,
    }

    /// A person and their pets: both models declare their side of one two-way
    /// relationship.
    #[derive(Table, Serialize, Deserialize)]
    #[table(id = "people", database = "zoo")]
    pub struct Person {
        #[column(size = 64)]
        pub name: String,
        /// The pets.
        #[column(relationship(kind = one_to_many, two_way_key = "owner", on_delete = cascade))]
        pub pets: Option<Vec<Ref<Pet>>>,
    }

    #[derive(Table, Serialize, Deserialize)]
    #[table(id = "pets", database = "zoo")]
    pub struct Pet {
        #[column(size = 64)]
        pub name: String,
        #[column(relationship(kind = many_to_one, two_way_key = "pets", on_delete = cascade))]
        pub owner: Option<Ref<Person>>,
    }
}

#[tokio::test]
async fn models_exported_by_the_library_plan_no_change_where_the_models_synced() {
    use lazy_appwrite::Table;

    let server = Server::start().await;
    let client = server.client();
    client
        .sync_all([models::Writer::SCHEMA, models::Title::SCHEMA])
        .await
        .unwrap();
    let json = lazy_appwrite::schema::appwrite_json(
        &[models::Writer::SCHEMA, models::Title::SCHEMA],
        "unused",
    );
    assert_eq!(json["tablesDB"][0]["$id"], "lib");
    let dir = scratch("library-export");
    let file = dir.join("appwrite.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let plan = server.ok(&["plan", file.to_str().unwrap()]).await;
    assert!(
        plan.ends_with("no changes: the server matches the file\n"),
        "{plan}"
    );
    // And into a fresh database, the file makes the same tables.
    server
        .ok(&["import", file.to_str().unwrap(), "--into", "lib2"])
        .await;
    let (a, b) = (
        client.table_entries("lib").await.unwrap(),
        client.table_entries("lib2").await.unwrap(),
    );
    for (mut x, mut y) in a.into_iter().zip(b) {
        x.database_id = y.database_id.clone();
        for entry in [&mut x, &mut y] {
            entry.columns.sort_by(|c, d| c.key.cmp(&d.key));
            entry.indexes.sort_by(|i, j| i.key.cmp(&j.key));
        }
        assert_eq!(x, y);
    }
}

#[tokio::test]
async fn both_sides_of_a_two_way_relationship_export_as_parent_and_child() {
    use lazy_appwrite::Table;

    let json = lazy_appwrite::schema::appwrite_json(
        &[models::Person::SCHEMA, models::Pet::SCHEMA],
        "unused",
    );
    let relationships = |table: &serde_json::Value| -> Vec<serde_json::Value> {
        let columns = table["columns"].as_array().unwrap();
        let keys: Vec<&str> = columns.iter().filter_map(|c| c["key"].as_str()).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(keys.len(), unique.len(), "no column twice: {keys:?}");
        columns
            .iter()
            .filter(|c| c["type"] == "relationship")
            .cloned()
            .collect()
    };
    let (people, pets) = (&json["tables"][0], &json["tables"][1]);
    assert_eq!(
        relationships(people),
        [
            serde_json::json!({"key": "pets", "type": "relationship", "required": false,
            "array": false, "relatedTable": "pets", "relationType": "oneToMany",
            "twoWay": true, "twoWayKey": "owner", "onDelete": "cascade", "side": "parent",
            "description": "The pets."})
        ]
    );
    assert_eq!(
        relationships(pets),
        [
            serde_json::json!({"key": "owner", "type": "relationship", "required": false,
            "array": false, "relatedTable": "people", "relationType": "oneToMany",
            "twoWay": true, "twoWayKey": "pets", "onDelete": "cascade", "side": "child"})
        ]
    );
    // A model that declares one side exports the other too, as the server reports it.
    let one_side = lazy_appwrite::schema::appwrite_json(
        &[models::Writer::SCHEMA, models::Title::SCHEMA],
        "unused",
    );
    assert_eq!(one_side["tables"][0]["columns"][1]["side"], "child");

    // Imported into a fresh database, the file plans no change, nor do the models, and
    // the server reports each side as the file holds it.
    let server = Server::start().await;
    let dir = scratch("two-way-export");
    let file = dir.join("appwrite.json");
    std::fs::write(&file, json.to_string()).unwrap();
    server.ok(&["import", file.to_str().unwrap()]).await;
    let plan = server.ok(&["plan", file.to_str().unwrap()]).await;
    assert!(
        plan.ends_with("no changes: the server matches the file\n"),
        "{plan}"
    );
    let client = server.client();
    assert!(client.plan::<models::Person>().await.unwrap().is_empty());
    assert!(client.plan::<models::Pet>().await.unwrap().is_empty());
    let reported = client.table_entries("zoo").await.unwrap();
    for (table, declared) in [("people", people), ("pets", pets)] {
        let entry = reported.iter().find(|t| t.id == table).unwrap();
        let declared = lazy_appwrite::schema::TableEntry::from_json(declared).unwrap();
        for column in declared.columns.iter().filter(|c| c.relationship.is_some()) {
            let on_server = entry.columns.iter().find(|c| c.key == column.key).unwrap();
            assert_eq!(
                on_server.relationship, column.relationship,
                "{table}.{}",
                column.key
            );
        }
    }
}
