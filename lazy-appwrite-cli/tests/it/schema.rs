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
