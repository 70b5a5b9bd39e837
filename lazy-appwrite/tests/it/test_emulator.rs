//! `Emulator::for_test` as the top-level README shows it: a private emulator per test, and
//! a client built from its endpoint, project and key.

use lazy_appwrite::{Client, Model, Table};
use lazy_appwrite_emulator::Emulator;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "books")]
struct Book {
    #[column(size = 128)]
    title: String,
    year: i64,
}

#[tokio::test]
async fn a_client_on_a_private_test_emulator() -> Result<(), Box<dyn std::error::Error>> {
    let emu = Emulator::for_test().await;
    let client = Client::builder()
        .endpoint(emu.endpoint())
        .project(emu.project())
        .api_key(emu.key())
        .default_database("main")
        .build()?;
    let book = Book {
        title: "The Dispossessed".into(),
        year: 1974,
    };
    let row = Book::create(&client, &book).await?;
    assert_eq!(Book::get(&client, &row.id).await?.data, book);
    // A private, in-memory emulator: this test's book is the only one.
    assert_eq!(Book::list(&client, Book::query()).await?.total, 1);
    Ok(())
}
