//! Descriptions (Appwrite 2.6.0 and later): the doc comments of a model become its
//! table's and columns' `description`s, which the sync sends only to servers that have
//! them.

use std::sync::{Arc, Mutex};

use lazy_appwrite::schema::DESCRIPTION_MAX_CHARS;
use lazy_appwrite::sync::Change;
use lazy_appwrite::{Client, Feature, Table};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::support::{FakeServer, Reply, on_each_backend};

/// A book on the shelf.
///
/// Kept  with its shelf number.
#[derive(Table, Serialize, Deserialize)]
#[table(id = "described_books")]
pub(crate) struct DescribedBook {
    /// The title,
    /// as printed on the cover.
    #[column(size = 64)]
    pub(crate) title: String,
    /// Ignored: the attribute wins.
    #[column(description = "Where it stands.")]
    pub(crate) shelf: Option<i64>,
    /// Not sent.
    #[column(size = 64, description = false)]
    pub(crate) notes: Option<String>,
    pub(crate) read: Option<bool>,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "long_docs", description = "Set by the attribute.")]
struct LongDocs {
    #[doc = "A very long doc comment. "]
    #[doc = "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"]
    #[column(size = 64)]
    body: Option<String>,
}

#[test]
fn doc_comments_become_descriptions() {
    let schema = &DescribedBook::SCHEMA;
    assert_eq!(
        schema.description,
        Some("A book on the shelf.\n\nKept  with its shelf number.")
    );
    let description = |key: &str| schema.column(key).and_then(|c| c.description);
    assert_eq!(
        description("title"),
        Some("The title,\nas printed on the cover.")
    );
    assert_eq!(description("shelf"), Some("Where it stands."));
    assert_eq!(description("notes"), None);
    assert_eq!(description("read"), None);
}

#[test]
fn an_attribute_overrides_and_long_docs_are_cut() {
    assert_eq!(LongDocs::SCHEMA.description, Some("Set by the attribute."));
    let body = LongDocs::SCHEMA
        .column("body")
        .and_then(|c| c.description)
        .unwrap_or_default();
    assert_eq!(body.chars().count(), DESCRIPTION_MAX_CHARS);
    assert!(body.starts_with("A very long doc comment. \néé"));
}

/// A fake Appwrite of version `version` holding at most table `described_books` of
/// database `shop`: it stores what create-table, update-table and update-column send
/// (columns answer `available` at once) and answers reads from that.
async fn fake_appwrite(version: &'static str, table: Arc<Mutex<Option<Value>>>) -> FakeServer {
    const TABLES: &str = "/v1/tablesdb/shop/tables";
    const TABLE: &str = "/v1/tablesdb/shop/tables/described_books";
    FakeServer::start(move |req, _| {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        let mut stored = table.lock().unwrap();
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/v1/health/version") => {
                Reply::json(200, json!({ "version": version }).to_string())
            }
            ("GET", TABLE) => match stored.as_ref() {
                Some(t) => Reply::json(200, t.to_string()),
                None => Reply::error(404, "table_not_found", "Table not found."),
            },
            ("POST", TABLES) => {
                let mut t = body.clone();
                t["$id"] = body["tableId"].clone();
                t["$permissions"] = body["permissions"].clone();
                for list in ["columns", "indexes"] {
                    if t.get(list).is_none() {
                        t[list] = json!([]);
                    }
                }
                for column in t["columns"].as_array_mut().into_iter().flatten() {
                    column["status"] = "available".into();
                    column["array"] = column.get("array").cloned().unwrap_or(false.into());
                }
                *stored = Some(t.clone());
                Reply::json(201, t.to_string())
            }
            ("PUT", TABLE) => {
                let t = stored.get_or_insert_with(|| json!({}));
                for (name, value) in body.as_object().into_iter().flatten() {
                    t[name] = value.clone();
                }
                Reply::json(200, t.to_string())
            }
            ("PATCH", path) if path.starts_with(TABLE) => {
                let key = path.rsplit('/').next().unwrap_or_default();
                let t = stored.get_or_insert_with(|| json!({}));
                let column = t["columns"]
                    .as_array_mut()
                    .and_then(|cs| cs.iter_mut().find(|c| c["key"] == key));
                match column {
                    Some(column) => {
                        for (name, value) in body.as_object().into_iter().flatten() {
                            column[name] = value.clone();
                        }
                        Reply::json(200, column.to_string())
                    }
                    None => Reply::error(404, "column_not_found", "Column not found."),
                }
            }
            _ => Reply::error(500, "general_unknown", "not scripted"),
        }
    })
    .await
}

fn client(server: &FakeServer) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .api_key("standard_descriptions_key_0123")
        .default_database("shop")
        .build()
        .unwrap()
}

/// The request `method path` of `server`, as JSON.
fn sent(server: &FakeServer, method: &str, path: &str) -> Vec<Value> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path == path)
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

/// The `description` of each item of `columns`, by key.
fn column_descriptions(columns: &Value) -> Vec<(String, Option<String>)> {
    columns
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["key"].as_str().unwrap_or_default().to_owned(),
                c.get("description")
                    .and_then(|d| d.as_str())
                    .map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_new_table_on_2_6_gets_its_descriptions() {
    let table = Arc::new(Mutex::new(None));
    let server = fake_appwrite("2.6.0", Arc::clone(&table)).await;
    let c = client(&server);
    c.sync::<DescribedBook>().await.unwrap();

    let created = sent(&server, "POST", "/v1/tablesdb/shop/tables");
    assert_eq!(created.len(), 1);
    assert_eq!(
        created[0]["description"],
        "A book on the shelf.\n\nKept  with its shelf number."
    );
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        column_descriptions(&created[0]["columns"]),
        [
            (
                "title".to_owned(),
                some("The title,\nas printed on the cover.")
            ),
            ("shelf".to_owned(), some("Where it stands.")),
            ("notes".to_owned(), None),
            ("read".to_owned(), None),
        ]
    );
    // The table matches: a plan has nothing to do, and a sync sends nothing more.
    server.clear();
    let plan = c.plan::<DescribedBook>().await.unwrap();
    assert!(plan.changes.is_empty(), "{plan:?}");
}

#[tokio::test]
async fn below_2_6_nothing_is_sent_about_descriptions() {
    let table = Arc::new(Mutex::new(None));
    let server = fake_appwrite("1.9.6", Arc::clone(&table)).await;
    let c = client(&server);
    c.sync::<DescribedBook>().await.unwrap();
    for request in server.requests() {
        assert!(
            !request.body_str().contains("description"),
            "{} {}: {}",
            request.method,
            request.path,
            request.body_str()
        );
    }
    let plan = c.plan::<DescribedBook>().await.unwrap();
    assert!(plan.changes.is_empty(), "{plan:?}");
}

#[tokio::test]
async fn differing_descriptions_are_healed_on_2_6() {
    let table = Arc::new(Mutex::new(None));
    let server = fake_appwrite("2.6.0", Arc::clone(&table)).await;
    client(&server).sync::<DescribedBook>().await.unwrap();
    // Someone edits descriptions in the console; a model without one leaves it alone.
    {
        let mut stored = table.lock().unwrap();
        let t = stored.as_mut().unwrap();
        t["description"] = "Old.".into();
        t["columns"][0]["description"] = "Old title.".into();
        t["columns"][3]["description"] = "Set in the console.".into();
    }
    server.clear();
    // A fresh client, as a new process would be.
    let c = client(&server);
    let plan = c.plan::<DescribedBook>().await.unwrap();
    assert_eq!(
        plan.changes,
        [
            Change::UpdateTable {
                fields: vec!["description".into()]
            },
            Change::UpdateColumn {
                column: "title".into(),
                what: vec!["description".into()]
            },
        ]
    );
    let synced = c.sync::<DescribedBook>().await.unwrap();
    assert_eq!(synced.changes, plan.changes, "plan() and sync() agree");
    let put = sent(&server, "PUT", "/v1/tablesdb/shop/tables/described_books");
    assert_eq!(put.len(), 1);
    assert_eq!(
        put[0]["description"],
        "A book on the shelf.\n\nKept  with its shelf number."
    );
    let patch = sent(
        &server,
        "PATCH",
        "/v1/tablesdb/shop/tables/described_books/columns/string/title",
    );
    assert_eq!(patch.len(), 1);
    assert_eq!(
        patch[0]["description"],
        "The title,\nas printed on the cover."
    );
    assert_eq!(patch[0]["size"], 64);
    let again = c.plan::<DescribedBook>().await.unwrap();
    assert!(again.changes.is_empty(), "{again:?}");
    let stored = table.lock().unwrap().clone().unwrap();
    assert_eq!(stored["columns"][3]["description"], "Set in the console.");
}

/// Against the emulator's Appwrite versions (all before 2.6): the sync creates the table
/// as if the model had no doc comments, and a second look finds nothing to do.
#[tokio::test]
async fn the_emulators_versions_take_no_descriptions() {
    on_each_backend(async |b| {
        assert!(!b.has(Feature::Descriptions).await || b.is_real());
        let db = b.fresh_id("describe");
        let c = b.client_in(&db);
        c.sync::<DescribedBook>().await?;
        let table = c.tables(db.as_str()).get("described_books").await?;
        if !b.has(Feature::Descriptions).await {
            assert_eq!(table.description, None);
            assert!(table.columns.iter().all(|col| col.description.is_none()));
        }
        b.reset();
        let plan = c.plan::<DescribedBook>().await?;
        assert!(plan.changes.is_empty(), "{plan:?}");
        // A new process: its sync reads the table and changes nothing.
        let synced = b.client_in(&db).sync::<DescribedBook>().await?;
        assert!(synced.changes.is_empty(), "{synced:?}");
        Ok(())
    })
    .await;
}
