//! Every operation that takes an ID refuses an empty or invalid one before anything is
//! sent. An empty ID is the dangerous case: a real Appwrite drops the empty path segment,
//! so `DELETE …/tables/t/rows/` is the bulk delete (it removed every row of a real 1.8.1
//! table) and `PATCH …/rows/` the bulk update (it overwrote a column in every row).
//!
//! The server here answers every request with 200 and a body the client could decode, so
//! a request that slipped through would succeed: the tests count that none arrives.

use crate::support;

use std::future::{Future, IntoFuture};

use lazy_appwrite::api::transactions::Operation;
use lazy_appwrite::columns::StringColumn;
use lazy_appwrite::{Client, Error, IdKind, Model, Table};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use support::{FakeServer, Reply};

/// What every request gets: the answer of a bulk write that touched all rows.
const ALL_ROWS_CHANGED: &str = r#"{"total":3,"rows":[],"$id":"x","status":"pending","operations":0,"name":"x","enabled":true}"#;

#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "books")]
struct Book {
    #[column(size = 64)]
    title: String,
    #[column(default = 0)]
    stock: i64,
}

fn client(server: &FakeServer) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .api_key("standard_ids_key_0123")
        .default_database("shop")
        .build()
        .unwrap()
}

/// IDs that Appwrite would refuse, the empty one first.
const BAD_IDS: [&str; 6] = ["", "has space", "a/b", "..", "_lead", "unique()"];

/// Runs `op`, expects it to be refused as an invalid ID of kind `what`, and checks that the
/// server saw no request at all.
async fn refused<T, F, Fut>(server: &FakeServer, what: IdKind, name: &str, op: F)
where
    T: std::fmt::Debug,
    F: Fn(&'static str) -> Fut,
    Fut: Future<Output = lazy_appwrite::Result<T>>,
{
    for bad in BAD_IDS {
        if bad == "unique()" && name.ends_with("create") {
            continue; // a create's way of asking the server for an ID
        }
        let result = op(bad).await;
        match &result {
            Err(Error::InvalidId { what: got, id, .. }) => {
                assert_eq!(*got, what, "{name}({bad:?}): {result:?}");
                assert_eq!(id, bad, "{name}({bad:?})");
            }
            // A create carries its ID in the body; it is refused as bad input.
            Err(Error::Validation { reason, .. }) if name.ends_with("create") => {
                assert!(reason.contains("ID"), "{name}({bad:?}): {reason}");
            }
            other => panic!("{name}({bad:?}) was not refused: {other:?}"),
        }
        let sent = server.requests();
        assert!(
            sent.is_empty(),
            "{name}({bad:?}) sent {} request(s), the first {} {}",
            sent.len(),
            sent[0].method,
            sent[0].path
        );
    }
}

#[tokio::test]
async fn the_typed_api_sends_nothing_for_a_bad_row_id() {
    let server = FakeServer::always(Reply::json(200, ALL_ROWS_CHANGED)).await;
    let client = client(&server);
    let c = Book::columns();
    let book = Book {
        title: "t".into(),
        stock: 1,
    };
    let row = IdKind::Row;
    refused(&server, row, "Model::get", |id| {
        Book::get(&client, id).into_future()
    })
    .await;
    refused(&server, row, "Model::update", |id| {
        Book::update(&client, id, Book::patch().stock(2)).into_future()
    })
    .await;
    refused(&server, row, "Model::upsert", |id| {
        Book::upsert(&client, id, &book).into_future()
    })
    .await;
    refused(&server, row, "Model::delete", |id| {
        Book::delete(&client, id).into_future()
    })
    .await;
    refused(&server, row, "Model::increment", |id| {
        Book::increment(&client, id, c.stock).into_future()
    })
    .await;
    refused(&server, row, "Model::decrement", |id| {
        Book::decrement(&client, id, c.stock).into_future()
    })
    .await;
    refused(&server, row, "Model::create", |id| {
        Book::create(&client, &book).id(id).into_future()
    })
    .await;
}

#[tokio::test]
async fn a_transaction_sends_nothing_for_a_bad_row_id() {
    let transaction = r#"{"$id":"tx1","status":"pending","operations":0}"#;
    let server = FakeServer::always(Reply::json(201, transaction)).await;
    let client = client(&server);
    let tx = client.begin().await.unwrap();
    server.clear();
    let c = Book::columns();
    let book = Book {
        title: "t".into(),
        stock: 1,
    };
    let row = IdKind::Row;
    refused(&server, row, "tx.get", |id| {
        Book::get(&tx, id).into_future()
    })
    .await;
    refused(&server, row, "tx.update", |id| {
        Book::update(&tx, id, Book::patch().stock(2)).into_future()
    })
    .await;
    refused(&server, row, "tx.upsert", |id| {
        Book::upsert(&tx, id, &book).into_future()
    })
    .await;
    refused(&server, row, "tx.delete", |id| {
        Book::delete(&tx, id).into_future()
    })
    .await;
    refused(&server, row, "tx.increment", |id| {
        Book::increment(&tx, id, c.stock).into_future()
    })
    .await;
    refused(&server, row, "tx.decrement", |id| {
        Book::decrement(&tx, id, c.stock).into_future()
    })
    .await;
    refused(&server, row, "tx.create", |id| {
        Book::create(&tx, &book).id(id).into_future()
    })
    .await;
}

#[tokio::test]
async fn the_low_level_api_sends_nothing_for_a_bad_id() {
    let server = FakeServer::always(Reply::json(200, ALL_ROWS_CHANGED)).await;
    let client = &client(&server);
    let data = json!({ "title": "x" });

    // Rows: every ID in the path, one at a time.
    let rows = |db: &str, table: &str| client.rows::<Value>(db, table);
    let row = IdKind::Row;
    refused(&server, row, "rows.get", |id| async move {
        rows("shop", "books").get(id).await
    })
    .await;
    refused(&server, row, "rows.update", |id| {
        let data = &data;
        async move { rows("shop", "books").update(id).data(data).await }
    })
    .await;
    refused(&server, row, "rows.upsert", |id| {
        let data = &data;
        async move { rows("shop", "books").upsert(id, data).await }
    })
    .await;
    refused(&server, row, "rows.delete", |id| async move {
        rows("shop", "books").delete(id).await
    })
    .await;
    refused(&server, row, "rows.increment", |id| async move {
        rows("shop", "books").increment(id, "stock").await
    })
    .await;
    refused(&server, row, "rows.decrement", |id| async move {
        rows("shop", "books").decrement(id, "stock").await
    })
    .await;
    refused(&server, row, "rows.create", |id| {
        let data = &data;
        async move { rows("shop", "books").create(id, data).await }
    })
    .await;
    refused(
        &server,
        IdKind::Column,
        "rows.increment(column)",
        |key| async move { rows("shop", "books").increment("r1", key).await },
    )
    .await;
    refused(
        &server,
        IdKind::Table,
        "rows.list(table)",
        |table| async move { rows("shop", table).list().await },
    )
    .await;
    refused(
        &server,
        IdKind::Table,
        "rows.delete_many(table)",
        |table| async move { rows("shop", table).delete_many().await },
    )
    .await;
    refused(
        &server,
        IdKind::Database,
        "rows.update_many(database)",
        |db| {
            let data = &data;
            async move { rows(db, "books").update_many(data).await }
        },
    )
    .await;

    // Databases and tables.
    let db = IdKind::Database;
    refused(&server, db, "databases.get", |id| async move {
        client.databases().get(id).await
    })
    .await;
    refused(&server, db, "databases.update", |id| async move {
        client.databases().update(id).name("x").await
    })
    .await;
    refused(&server, db, "databases.delete", |id| async move {
        client.databases().delete(id).await
    })
    .await;
    refused(&server, db, "databases.create", |id| async move {
        client.databases().create(id, "x").await
    })
    .await;
    let table = IdKind::Table;
    refused(&server, table, "tables.get", |id| async move {
        client.tables("shop").get(id).await
    })
    .await;
    refused(&server, table, "tables.update", |id| async move {
        client.tables("shop").update(id).name("x").await
    })
    .await;
    refused(&server, table, "tables.delete", |id| async move {
        client.tables("shop").delete(id).await
    })
    .await;
    refused(&server, table, "tables.create", |id| async move {
        client.tables("shop").create(id, "x").await
    })
    .await;
    refused(&server, db, "tables.list(database)", |db| async move {
        client.tables(db).list().await
    })
    .await;

    // Columns and indexes.
    let column = IdKind::Column;
    refused(&server, column, "columns.get", |key| async move {
        client.columns("shop", "books").get(key).await
    })
    .await;
    refused(&server, column, "columns.delete", |key| async move {
        client.columns("shop", "books").delete(key).await
    })
    .await;
    refused(&server, column, "columns.update", |key| async move {
        client
            .columns("shop", "books")
            .update(&StringColumn::new(key, 10))
            .await
    })
    .await;
    refused(&server, table, "columns.list(table)", |table| async move {
        client.columns("shop", table).list().await
    })
    .await;
    let index = IdKind::Index;
    refused(&server, index, "indexes.get", |key| async move {
        client.indexes("shop", "books").get(key).await
    })
    .await;
    refused(&server, index, "indexes.delete", |key| async move {
        client.indexes("shop", "books").delete(key).await
    })
    .await;

    // Transactions, and the IDs inside staged operations.
    let tx = IdKind::Transaction;
    refused(&server, tx, "transactions.get", |id| async move {
        client.transactions().get(id).await
    })
    .await;
    refused(&server, tx, "transactions.commit", |id| async move {
        client.transactions().commit(id).await
    })
    .await;
    refused(&server, tx, "transactions.rollback", |id| async move {
        client.transactions().rollback(id).await
    })
    .await;
    refused(&server, tx, "transactions.delete", |id| async move {
        client.transactions().delete(id).await
    })
    .await;
    refused(
        &server,
        row,
        "transactions.create_operations(row)",
        |id| async move {
            client
                .transactions()
                .create_operations("tx1", [Operation::delete("shop", "books", id)])
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn a_bad_default_database_sends_nothing() {
    let server = FakeServer::always(Reply::json(200, ALL_ROWS_CHANGED)).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .api_key("standard_ids_key_0123")
        .build()
        .unwrap();
    // No default database: the low-level API is the way to name one, and it is checked.
    let err = client
        .rows::<Value>("", "books")
        .delete("r1")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidId { what: IdKind::Database, operation: "rows.delete", table: Some(t), .. } if t == "books"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "rows.delete on table `books`: invalid database ID ``: an ID cannot be empty (nothing was sent)"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_good_id_still_reaches_the_server() {
    let server = FakeServer::always(Reply::json(200, ALL_ROWS_CHANGED)).await;
    let client = client(&server);
    client
        .rows::<Value>("shop", "books")
        .delete("r.1-x_2")
        .await
        .unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/v1/tablesdb/shop/tables/books/rows/r.1-x_2");
}
