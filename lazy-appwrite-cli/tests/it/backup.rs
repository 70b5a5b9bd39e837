//! `backup` and `restore`: a round trip reproduces every row (IDs, permissions, values,
//! relationships), and an interrupted backup resumes.

use std::path::Path;

use lazy_appwrite::{Client, Permission, Role};
use serde_json::{Value, json};

use crate::support::{SHOP, Server, scratch};

const BOOKS: usize = 120;
const STATES: [&str; 3] = ["draft", "in-review", "live"];

/// The shop, with authors, books holding a value in every column, and reviews.
async fn seed(server: &Server) {
    server.ok(&["sync", SHOP]).await;
    let client = server.client();
    let authors = client.rows::<Value>("shop", "authors");
    for i in 0..3 {
        // Timestamps an API key sets, as an import from elsewhere would.
        let data = json!({"name": format!("Author {i}"),
            "$createdAt": format!("2020-0{}-01T00:00:00.000+00:00", i + 1),
            "$updatedAt": format!("2021-0{}-01T12:00:00.000+00:00", i + 1)});
        authors
            .create(format!("author-{i}"), &data)
            .permissions([Permission::read(Role::user(format!("u{i}")))])
            .await
            .unwrap();
    }
    let books = client.rows::<Value>("shop", "books");
    for i in 0..BOOKS {
        let data = json!({
            "title": format!("Book {i} “quoted” ✓"),
            "type": if i % 2 == 0 { "novel" } else { "essay" },
            "blurb": "b".repeat(i % 7),
            "body": format!("body {i}"),
            "notes": null,
            "secret": format!("secret-{i}"),
            "pages": 1 + i as i64,
            "isbn13": 9_780_000_000_000_i64 + i as i64,
            "price": 0.25 * i as f64,
            "in_print": i % 3 != 0,
            "published": format!("2024-01-{:02}T10:00:00.000+00:00", 1 + i % 28),
            "contact": format!("desk{i}@example.com"),
            "site": format!("https://example.com/{i}"),
            "origin_ip": format!("10.0.0.{}", i % 250),
            "state": STATES[i % 3],
            "tags": (["a", "b"].iter().take(i % 3).collect::<Vec<_>>()),
            "scores": [i as i64, -(i as i64)],
            "where": [1.5, 2.5 + i as f64 / 100.0],
            "route": [[0.0, 0.0], [1.0, i as f64 / 10.0]],
            "area": [[[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]],
            "author": if i % 4 == 3 { Value::Null } else { json!(format!("author-{}", i % 3)) },
        });
        let mut create = books.create(format!("book-{i:03}"), &data);
        if i % 5 == 0 {
            create = create.permissions([Permission::update(Role::users())]);
        }
        create.await.unwrap();
    }
    let reviews = client.rows::<Value>("shop", "reviews");
    for i in 0..10 {
        let data = json!({"stars": 1 + i % 5, "book": format!("book-{:03}", i * 7)});
        reviews.create(format!("review-{i}"), &data).await.unwrap();
    }
}

/// The rows of a backup, table by table, without what a restore cannot keep (the
/// server's sequence, the database ID): timestamps included.
fn rows_of(dir: &Path) -> Vec<(String, Vec<Value>)> {
    ["authors", "books", "reviews"]
        .iter()
        .map(|table| {
            let text = std::fs::read_to_string(dir.join(format!("{table}.ndjson"))).unwrap();
            let rows = text
                .lines()
                .map(|line| {
                    let mut row: Value = serde_json::from_str(line).unwrap();
                    let map = row.as_object_mut().unwrap();
                    for key in ["$databaseId", "$sequence"] {
                        map.remove(key);
                    }
                    row
                })
                .collect();
            ((*table).to_owned(), rows)
        })
        .collect()
}

/// The two backups hold the same rows, field by field.
fn assert_same_rows(first: &Path, second: &Path) {
    for ((table, a), (_, b)) in rows_of(first).iter().zip(&rows_of(second)) {
        assert_eq!(a.len(), b.len(), "{table}");
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x, y, "{table}");
        }
    }
}

async fn read_book(client: &Client, database: &str, id: &str) -> Value {
    client
        .rows::<Value>(database, "books")
        .get(id)
        .await
        .unwrap()
        .data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_then_restore_reproduces_every_row() {
    let server = Server::start().await;
    seed(&server).await;
    let first = scratch("backup-first");
    let dir = first.to_str().unwrap();
    let out = server
        .ok(&[
            "backup",
            "--database",
            "shop",
            "--dir",
            dir,
            "--page-size",
            "50",
        ])
        .await;
    assert!(
        out.contains(&format!("backed up {} row(s) of 3 table(s)", BOOKS + 13)),
        "{out}"
    );

    let out = server
        .ok(&["restore", "--dir", dir, "--into", "copy"])
        .await;
    assert!(out.contains("table `books`: 120 row(s)"), "{out}");
    assert!(
        out.contains(&format!(
            "restored {} row(s) of 3 table(s) into `copy`",
            BOOKS + 13
        )),
        "{out}"
    );

    let second = scratch("backup-second");
    server
        .ok(&[
            "backup",
            "--database",
            "copy",
            "--dir",
            second.to_str().unwrap(),
        ])
        .await;
    assert_same_rows(&first, &second);
    // And straight from the server: permissions, a relationship, its partner.
    let client = server.client();
    let book = read_book(&client, "copy", "book-005").await;
    assert_eq!(book["$permissions"], json!(["update(\"users\")"]));
    assert_eq!(book["secret"], "secret-5");
    let authors = server
        .client()
        .rows::<Value>("copy", "authors")
        .get("author-1")
        .select(["*", "books.$id"])
        .await
        .unwrap()
        .data;
    let linked: Vec<&str> = authors["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["$id"].as_str().unwrap())
        .collect();
    assert!(
        linked.contains(&"book-001")
            && linked.contains(&"book-004")
            && !linked.contains(&"book-007"),
        "{linked:?}"
    );
    assert_eq!(authors["$permissions"], json!(["read(\"user:u1\")"]));
    assert_eq!(
        (
            authors["$createdAt"].as_str(),
            authors["$updatedAt"].as_str()
        ),
        (
            Some("2020-02-01T00:00:00.000+00:00"),
            Some("2021-02-01T12:00:00.000+00:00")
        )
    );

    // A restore run again changes nothing and adds nothing.
    server
        .ok(&["restore", "--dir", dir, "--into", "copy"])
        .await;
    let third = scratch("backup-third");
    server
        .ok(&[
            "backup",
            "--database",
            "copy",
            "--dir",
            third.to_str().unwrap(),
        ])
        .await;
    assert_eq!(rows_of(&second), rows_of(&third));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_backup_resumes() {
    let server = Server::start().await;
    seed(&server).await;
    let whole = scratch("backup-whole");
    server
        .ok(&[
            "backup",
            "--database",
            "shop",
            "--dir",
            whole.to_str().unwrap(),
            "--page-size",
            "50",
        ])
        .await;

    // Interrupted after two pages of books: the manifest says so, the books file ends in
    // a torn line, and the reviews were never reached.
    let cut = scratch("backup-cut");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(whole.join("manifest.json")).unwrap())
            .unwrap();
    let books = std::fs::read_to_string(whole.join("books.ndjson")).unwrap();
    let kept: Vec<&str> = books.lines().take(100).collect();
    let kept_text = kept.iter().map(|l| format!("{l}\n")).collect::<String>();
    let last: Value = serde_json::from_str(kept[99]).unwrap();
    manifest["complete"] = json!(false);
    manifest["progress"]["books"] = json!({
        "rows": 100, "bytes": kept_text.len(), "cursor": last["$id"], "done": false});
    manifest["progress"]["reviews"] = json!({"rows": 0, "bytes": 0, "cursor": null, "done": false});
    std::fs::write(cut.join("manifest.json"), manifest.to_string()).unwrap();
    std::fs::copy(whole.join("authors.ndjson"), cut.join("authors.ndjson")).unwrap();
    std::fs::write(cut.join("books.ndjson"), kept_text + "{\"$id\":\"book-1").unwrap();

    let dir = cut.to_str().unwrap();
    let refused = server.run(&["restore", "--dir", dir]).await.unwrap_err();
    assert!(refused.message.contains("unfinished"), "{refused}");
    let out = server
        .ok(&[
            "backup",
            "--database",
            "shop",
            "--dir",
            dir,
            "--page-size",
            "50",
        ])
        .await;
    assert!(out.starts_with("resuming the backup in"), "{out}");
    assert!(out.contains("backed up 30 row(s) of 3 table(s)"), "{out}");
    for table in ["authors", "books", "reviews"] {
        let name = format!("{table}.ndjson");
        assert_eq!(
            std::fs::read_to_string(whole.join(&name)).unwrap(),
            std::fs::read_to_string(cut.join(&name)).unwrap(),
            "{table}"
        );
    }
    let again = server
        .run(&["backup", "--database", "shop", "--dir", dir])
        .await
        .unwrap_err();
    assert!(again.message.contains("--force"), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_restore_resumes() {
    let server = Server::start().await;
    seed(&server).await;
    let backup = scratch("restore-resume");
    let dir = backup.to_str().unwrap();
    server
        .ok(&["backup", "--database", "shop", "--dir", dir])
        .await;
    server
        .ok(&["restore", "--dir", dir, "--into", "copy"])
        .await;

    // As an interrupted restore leaves it: the authors and 100 books written, no
    // relationship set yet, and its progress saying so.
    let books = server.client().rows::<Value>("copy", "books");
    for i in 100..BOOKS {
        books.delete(format!("book-{i:03}")).await.unwrap();
    }
    let progress = json!({"authors": {"rows": 3, "links": 0}, "books": {"rows": 100, "links": 0}});
    std::fs::write(backup.join("restore-copy.json"), progress.to_string()).unwrap();

    let out = server
        .ok(&["restore", "--dir", dir, "--into", "copy"])
        .await;
    assert!(out.contains("table `authors`: 0 row(s)"), "{out}");
    assert!(out.contains("table `books`: 20 row(s)"), "{out}");
    assert!(out.contains("table `reviews`: 10 row(s)"), "{out}");
    assert!(
        !backup.join("restore-copy.json").exists(),
        "the progress is gone once done"
    );

    let again = scratch("restore-resume-check");
    server
        .ok(&[
            "backup",
            "--database",
            "copy",
            "--dir",
            again.to_str().unwrap(),
        ])
        .await;
    assert_same_rows(&backup, &again);
}
