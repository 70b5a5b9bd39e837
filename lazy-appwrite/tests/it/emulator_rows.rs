//! Rows, queries, bulk writes, counters and transactions against the in-process emulator
//! (and a real Appwrite when configured), with the exact requests of each operation.

use crate::support;

use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite::api::transactions::Operation;
use lazy_appwrite::columns::*;
use lazy_appwrite::response::{IndexType, TransactionStatus};
use lazy_appwrite::{Client, Error, ID, Permission, Query, Role, Timestamp};
use serde::{Deserialize, Serialize};
use support::{Backend, on_each_backend};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Book {
    title: String,
    count: i64,
    published: bool,
    tags: Vec<String>,
    #[serde(rename = "publishedAt")]
    published_at: Option<Timestamp>,
}

fn book(title: &str, count: i64) -> Book {
    Book {
        title: title.into(),
        count,
        published: count % 2 == 0,
        tags: vec![format!("t{}", count % 3)],
        published_at: None,
    }
}

/// A database with a `books` table ready for rows; returns the database ID.
async fn setup(b: &Backend, c: &Client) -> lazy_appwrite::Result<String> {
    let db = b.fresh_id("shop");
    c.databases().create(&db, "Shop").await?;
    c.tables(&db)
        .create("books", "Books")
        .permissions([Permission::read(Role::any())])
        .await?;
    let columns = c.columns(&db, "books");
    columns
        .create(&StringColumn::new("title", 255).required(true))
        .await?;
    columns
        .create(&IntegerColumn::new("count").default(0))
        .await?;
    columns
        .create(&BooleanColumn::new("published").default(false))
        .await?;
    columns
        .create(&StringColumn::new("tags", 32).array(true))
        .await?;
    columns.create(&DatetimeColumn::new("publishedAt")).await?;
    columns
        .wait_until_available(&["title", "count", "published", "tags", "publishedAt"])
        .await?;
    c.indexes(&db, "books")
        .create("ft_title", IndexType::Fulltext, ["title"])
        .await?;
    c.indexes(&db, "books")
        .wait_until_available(&["ft_title"])
        .await?;
    b.reset();
    Ok(db)
}

#[tokio::test]
async fn single_rows() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let base = format!("/v1/tablesdb/{db}/tables/books/rows");
        let id = ID::unique();
        let one = format!("{base}/{id}");

        let mut dune = book("Dune", 3);
        dune.published_at = Some(Timestamp::parse("2024-05-01T14:00:00+02:00")?);
        let row = books
            .create(&id, &dune)
            .permissions([Permission::read(Role::any())])
            .await?;
        assert_eq!(
            (
                row.id.as_str(),
                row.table_id.as_str(),
                row.database_id.as_str()
            ),
            (id.as_str(), "books", db.as_str())
        );
        assert!(row.sequence.is_some() && row.created_at.is_some());
        assert_eq!(
            row.published_at.as_ref().and_then(Timestamp::unix_millis),
            Some(1_714_564_800_000)
        );
        assert_eq!(row.data.title, "Dune");
        b.expect(&[("POST", &base)]);

        let got = books.get(&id).await?;
        assert_eq!(got.data, row.data);
        b.expect(&[("GET", &one)]);

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct TitleOnly {
            title: String,
        }
        let projected = books
            .typed::<TitleOnly>()
            .get(&id)
            .select(["title"])
            .await?;
        assert_eq!(projected.title, "Dune");
        b.expect(&[("GET", &one)]);

        let updated = books
            .update(&id)
            .data(&serde_json::json!({"count": 5}))
            .await?;
        assert_eq!((updated.count, updated.title.as_str()), (5, "Dune"));
        b.expect(&[("PATCH", &one)]);

        let updated = books
            .update(&id)
            .permissions([Permission::read(Role::users())])
            .await?;
        assert_eq!(updated.permissions.len(), 1);
        b.expect(&[("PATCH", &one)]);

        let stale = Timestamp::from_unix_millis(0);
        let err = books
            .update(&id)
            .data(&serde_json::json!({"count": 6}))
            .unless_modified_since(stale)
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::Modified { .. }), "{err:?}");
        b.expect(&[("PATCH", &one)]);
        let fresh_enough = updated.updated_at.clone().unwrap_or_else(Timestamp::now);
        books
            .update(&id)
            .data(&serde_json::json!({"count": 5}))
            .unless_modified_since(fresh_enough)
            .await?;
        b.expect(&[("PATCH", &one)]);

        let upserted = books.upsert(&id, &book("Dune Messiah", 7)).await?;
        assert_eq!(
            (upserted.title.as_str(), upserted.count),
            ("Dune Messiah", 7)
        );
        b.expect(&[("PUT", &one)]);

        let fresh = ID::unique();
        let created = books.upsert(&fresh, &book("Emma", 1)).await?;
        assert_eq!(created.id, fresh);
        b.expect(&[("PUT", &format!("{base}/{fresh}"))]);

        books.delete(&id).await?;
        b.expect(&[("DELETE", &one)]);
        let err = books.get(&id).await.unwrap_err();
        assert!(
            matches!(&err, Error::NotFound { answer } if answer.kind == "row_not_found"),
            "{err:?}"
        );
        b.expect(&[("GET", &one)]);
        let err = books.delete(&id).await.unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }));
        b.expect(&[("DELETE", &one)]);

        let err = books.create(&fresh, &book("Again", 1)).await.unwrap_err();
        assert!(
            matches!(&err, Error::Conflict { answer } if answer.kind == "row_already_exists"),
            "{err:?}"
        );
        b.expect(&[("POST", &base)]);

        let server_made = books.create("unique()", &book("Server ID", 2)).await?;
        assert_eq!(server_made.id.len(), 20);
        b.expect(&[("POST", &base)]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn lists_with_queries() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let base = format!("/v1/tablesdb/{db}/tables/books/rows");
        let titles = [
            "Dune",
            "Emma",
            "Ulysses",
            "Dracula",
            "Beloved",
            "Hamlet",
            "Ivanhoe",
            "Persuasion",
        ];
        let mut ids = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            ids.push(books.create(ID::unique(), &book(title, i as i64)).await?.id);
        }
        b.reset();
        let titles_of = |list: &lazy_appwrite::RowList<Book>| {
            list.rows
                .iter()
                .map(|r| r.title.clone())
                .collect::<Vec<_>>()
        };

        let cases: Vec<(Vec<Query>, Vec<&str>)> = vec![
            (vec![], titles.to_vec()),
            (
                vec![Query::equal("title", ["Dune", "Emma"])],
                vec!["Dune", "Emma"],
            ),
            (
                vec![Query::greater_than("count", 5)],
                vec!["Ivanhoe", "Persuasion"],
            ),
            (
                vec![Query::between("count", 2, 3)],
                vec!["Ulysses", "Dracula"],
            ),
            (
                vec![Query::starts_with("title", "D")],
                vec!["Dune", "Dracula"],
            ),
            (
                vec![
                    Query::equal("published", true),
                    Query::order_desc("count"),
                    Query::limit(2),
                ],
                vec!["Ivanhoe", "Beloved"],
            ),
            (
                vec![Query::order_asc("title"), Query::offset(6)],
                vec!["Persuasion", "Ulysses"],
            ),
            (
                vec![Query::cursor_after(ids[5].clone()), Query::limit(5)],
                vec!["Ivanhoe", "Persuasion"],
            ),
            (
                vec![Query::or([
                    Query::equal("count", 0),
                    Query::equal("count", 7),
                ])],
                vec!["Dune", "Persuasion"],
            ),
            (
                vec![Query::and([
                    Query::less_than("count", 3),
                    Query::not_equal("title", "Emma"),
                ])],
                vec!["Dune", "Ulysses"],
            ),
            (
                vec![Query::contains("tags", ["t2"])],
                vec!["Ulysses", "Hamlet"],
            ),
            (
                vec![Query::is_null("publishedAt"), Query::limit(1)],
                vec!["Dune"],
            ),
            (vec![Query::search("title", "hamlet")], vec!["Hamlet"]),
        ];
        for (queries, want) in cases {
            let desc = format!("{queries:?}");
            let list = books.list().queries(queries).await?;
            assert_eq!(titles_of(&list), want, "{desc}");
            b.expect(&[("GET", &base)]);
        }
        let uncounted = books.list().query(Query::limit(1)).total(false).await?;
        // Real 1.8.1 and 1.9.6 servers accept `total=false` and count all the same.
        assert_eq!(
            (uncounted.total, uncounted.rows.len()),
            (titles.len() as u64, 1)
        );
        let counted = books.list().query(Query::limit(1)).await?;
        assert_eq!(counted.total, titles.len() as u64);
        b.expect(&[("GET", &base), ("GET", &base)]);

        let err = books
            .list()
            .query(Query::equal("nope", 1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Api { status: 400, answer } if answer.kind == "general_query_invalid"),
            "{err:?}"
        );
        b.expect(&[("GET", &base)]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn decode_errors_name_the_table_and_field() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        c.rows::<Book>(&db, "books")
            .create(ID::unique(), &book("Dune", 1))
            .await?;
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Wrong {
            count: String,
        }
        let err = c.rows::<Wrong>(&db, "books").list().await.unwrap_err();
        match &err {
            Error::Decode { table, path, .. } => assert_eq!(
                (table.as_deref(), path.as_str()),
                (Some("books"), "rows[0].count")
            ),
            other => panic!("{other:?}"),
        }
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn bulk_writes() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let base = format!("/v1/tablesdb/{db}/tables/books/rows");

        let created = books
            .create_many([
                RowInput::with_id("b1", &book("Bulk 1", 1))
                    .permissions([Permission::read(Role::any())]),
                RowInput::with_id("b2", &book("Bulk 2", 2)),
                RowInput::new(&book("Bulk 3", 3)),
            ])
            .await?;
        assert_eq!((created.total, created.rows.len()), (3, 3));
        assert_eq!(created.rows[0].id, "b1");
        b.expect(&[("POST", &base)]);

        let upserted = books
            .upsert_many([
                RowInput::with_id("b2", &book("Bulk 2b", 2)),
                RowInput::with_id("b4", &book("Bulk 4", 4)),
            ])
            .await?;
        assert_eq!(upserted.total, 2);
        b.expect(&[("PUT", &base)]);

        let updated = books
            .update_many(&serde_json::json!({"published": true}))
            .query(Query::less_than("count", 3))
            .await?;
        assert_eq!(updated.total, 2);
        assert!(updated.rows.iter().all(|r| r.published));
        b.expect(&[("PATCH", &base)]);

        let deleted = books
            .delete_many()
            .query(Query::greater_than("count", 2))
            .await?;
        assert_eq!(deleted.total, 2);
        b.expect(&[("DELETE", &base)]);

        let left = books.list().await?;
        assert_eq!(
            left.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["b1", "b2"]
        );
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn contains_any_and_all_where_the_server_has_them() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let rows = [("Dune", 3), ("Emma", 4), ("Ulysses", 5)]
            .map(|(title, count)| RowInput::with_id(ID::unique(), &book(title, count)));
        books.create_many(rows).await?;
        b.reset();
        let list = format!("/v1/tablesdb/{db}/tables/books/rows");
        let any = books
            .list()
            .query(Query::contains_any("tags", ["t0", "t1"]))
            .await;
        if b.has(lazy_appwrite::Feature::ContainsAnyAll).await {
            let mut titles: Vec<String> = any?.rows.into_iter().map(|r| r.data.title).collect();
            titles.sort();
            assert_eq!(titles, ["Dune", "Emma"]);
            let all = books
                .list()
                .query(Query::contains_all("tags", ["t2"]))
                .await?;
            assert_eq!(all.rows.len(), 1);
            assert_eq!(all.rows[0].data.title, "Ulysses");
            // The version is asked once, before the first such query.
            b.expect(&[
                ("GET", "/v1/health/version"),
                ("GET", &list),
                ("GET", &list),
            ]);
        } else {
            // Refused before the list is sent: only the version is asked, once.
            let err = any.unwrap_err();
            assert!(
                matches!(
                    &err,
                    Error::Unsupported { table, column: Some(column), feature: lazy_appwrite::Feature::ContainsAnyAll, .. }
                        if table == "books" && column == "tags"
                ),
                "{err:?}"
            );
            assert_eq!(
                err.to_string(),
                "table `books`, column `tags` needs the containsAny and containsAll queries \
                 (Appwrite 1.9.0 and later), and the server runs Appwrite 1.8.1"
            );
            let nested = books
                .delete_many()
                .query(Query::or([
                    Query::equal("count", 1),
                    Query::contains_all("tags", ["t2"]),
                ]))
                .await;
            assert!(matches!(nested, Err(Error::Unsupported { .. })), "{nested:?}");
            b.expect(&[("GET", "/v1/health/version")]);
        }
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn counters() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let id = books.create(ID::unique(), &book("Dune", 1)).await?.id;
        b.reset();
        let path = format!("/v1/tablesdb/{db}/tables/books/rows/{id}/count");
        let row = books.increment(&id, "count").by(2.0).max(10.0).await?;
        assert_eq!(row.count, 3);
        b.expect(&[("PATCH", &format!("{path}/increment"))]);
        let row = books.decrement(&id, "count").await?;
        assert_eq!(row.count, 2);
        b.expect(&[("PATCH", &format!("{path}/decrement"))]);
        let err = books
            .increment(&id, "count")
            .by(100.0)
            .max(10.0)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Api { status: 400, answer } if answer.kind == "column_limit_exceeded"),
            "{err:?}"
        );
        b.expect(&[("PATCH", &format!("{path}/increment"))]);
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn transactions() {
    on_each_backend(async |b| {
        let c = b.client();
        let db = setup(b, &c).await?;
        let books = c.rows::<Book>(&db, "books");
        let txs = c.transactions();

        let tx = txs.create().ttl(60).await?;
        assert_eq!(
            (tx.status.clone(), tx.operations),
            (TransactionStatus::Pending, 0)
        );
        b.expect(&[("POST", "/v1/tablesdb/transactions")]);
        let one = format!("/v1/tablesdb/transactions/{}", tx.id);

        let staged = books
            .create("tx-row-1", &book("In tx", 1))
            .transaction(&tx.id)
            .await?;
        assert_eq!(staged.id, "tx-row-1");
        b.expect(&[("POST", &format!("/v1/tablesdb/{db}/tables/books/rows"))]);
        assert_eq!(
            books.list().await?.total,
            0,
            "staged rows are not applied yet"
        );
        assert_eq!(
            books.list().transaction(&tx.id).await?.total,
            1,
            "but visible inside"
        );
        b.reset();

        let tx2 = txs
            .create_operations(
                &tx.id,
                [
                    Operation::create(&db, "books", "tx-row-2", &book("Also in tx", 2)),
                    Operation::increment(&db, "books", "tx-row-1", "count", 1.0, None),
                ],
            )
            .await?;
        assert_eq!(tx2.operations, 3);
        b.expect(&[("POST", &format!("{one}/operations"))]);

        assert_eq!(txs.get(&tx.id).await?.id, tx.id);
        b.expect(&[("GET", &one)]);
        assert!(txs.list().await?.total >= 1);
        b.expect(&[("GET", "/v1/tablesdb/transactions")]);

        let done = txs.commit(&tx.id).await?;
        assert_eq!(done.status, TransactionStatus::Committed);
        b.expect(&[("PATCH", &one)]);
        assert_eq!(books.get("tx-row-1").await?.count, 2);

        let other = txs.create().await?;
        books.delete("tx-row-2").transaction(&other.id).await?;
        b.reset();
        let rolled = txs.rollback(&other.id).await?;
        assert_ne!(rolled.status, TransactionStatus::Committed);
        b.expect(&[("PATCH", &format!("/v1/tablesdb/transactions/{}", other.id))]);
        assert!(
            books.get("tx-row-2").await.is_ok(),
            "the staged delete was dropped"
        );
        txs.delete(&other.id).await?;
        c.databases().delete(&db).await?;
        Ok(())
    })
    .await;
}
