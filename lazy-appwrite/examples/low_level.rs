//! The low-level API end to end, against an in-process emulator:
//! `cargo run -p lazy-appwrite --example low_level`.
//!
//! Set `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` to run it against a
//! real Appwrite instead (it creates and then deletes a database).

use std::time::Duration;

use lazy_appwrite::columns::{IntegerColumn, StringColumn};
use lazy_appwrite::response::IndexType;
use lazy_appwrite::{Client, ID, Permission, Query, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
struct Book {
    title: String,
    count: i64,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _emulator) = match Client::from_env() {
        Ok(client) => (client, None),
        Err(_) => {
            let emulator = lazy_appwrite_emulator::Emulator::builder()
                .processing_delay(Duration::ZERO)
                .start()
                .await?;
            let client = Client::builder()
                .endpoint(emulator.endpoint())
                .project(emulator.project())
                .api_key(emulator.key())
                .build()?;
            (client, Some(emulator))
        }
    };
    println!("client: {client:?}");

    let db = format!("ex{}", ID::unique());
    client.databases().create(&db, "Example").await?;
    client
        .tables(&db)
        .create("books", "Books")
        .permissions([Permission::read(Role::any())])
        .await?;
    let columns = client.columns(&db, "books");
    columns
        .create(&StringColumn::new("title", 255).required(true))
        .await?;
    columns
        .create(&IntegerColumn::new("count").min(0).default(0))
        .await?;
    columns.wait_until_available(&["title", "count"]).await?;
    client
        .indexes(&db, "books")
        .create("by_count", IndexType::Key, ["count"])
        .await?;

    let books = client.rows::<Book>(&db, "books");
    for (title, count) in [("Dune", 3), ("Emma", 1), ("Ulysses", 7)] {
        let row = books
            .create(
                ID::unique(),
                &Book {
                    title: title.into(),
                    count,
                },
            )
            .await?;
        println!("created {} (#{:?}) {:?}", row.id, row.sequence, row.data);
    }
    let page = books
        .list()
        .queries([Query::greater_than("count", 2), Query::order_desc("count")])
        .await?;
    println!("{} books with count > 2:", page.total);
    for row in page {
        println!("  {} × {}", row.title, row.count);
    }

    match books.get("missing").await {
        Err(e) => println!("as expected: {e} (retryable: {})", e.is_retryable()),
        Ok(row) => println!("unexpected: {row:?}"),
    }
    client.databases().delete(&db).await?;
    Ok(())
}
