//! Quickstart: two models declared once in Rust, and the operations that use them.
//!
//! Nothing is set up by hand: the first operation on each model creates the database and
//! the table with its columns and indexes, and every operation after that is one request.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` (a key with the
//! databases, tables and rows scopes) it uses that server, in database
//! `lazy-appwrite-quickstart`, and deletes the rows it made.
//!
//! Run it with `cargo run --example quickstart`.

mod support;

use std::error::Error;

use lazy_appwrite::{Enum, Model, Permission, Role, Table};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-quickstart";

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
#[enum_value(rename_all = "lowercase")]
enum Genre {
    Fiction,
    Science,
    History,
}

/// An author: a `string(64)` name with a unique index, an optional email and birth year.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(
    id = "authors",
    permissions(read("any")),
    index(key = "by_name", unique, columns(name))
)]
struct Author {
    #[column(size = 64)]
    name: String,
    #[column(email)]
    email: Option<String>,
    #[column(integer(min = 0, max = 3000))]
    born: Option<i64>,
}

/// A book: typed columns (an enum, a ranged integer, a float, a counter with a default)
/// and two indexes, one of them full-text.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(
    id = "books",
    permissions(read("any")),
    row_security,
    index(key = "by_year", columns(year)),
    index(key = "by_title", fulltext, columns(title))
)]
#[serde(rename_all = "camelCase")]
struct Book {
    #[column(size = 128)]
    title: String,
    #[column(size = 36)]
    author_id: String,
    genre: Genre,
    #[column(integer(min = 0, max = 3000))]
    year: i64,
    #[column(float(min = 0.0, max = 5.0))]
    rating: Option<f64>,
    #[column(default = 0)]
    stock: i64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;

    // What the first operation will do to the server (nothing is changed by a plan).
    print!("{}", client.plan::<Author>().await?);

    // Create: the first call syncs the table, then writes the row.
    let le_guin = Author::create(
        &client,
        &Author {
            name: "Ursula K. Le Guin".into(),
            email: None,
            born: Some(1929),
        },
    )
    .await?;
    println!("created author {:?} ({})", le_guin.name, le_guin.id);

    let books = [
        ("The Left Hand of Darkness", Genre::Science, 1969),
        ("The Dispossessed", Genre::Science, 1974),
        ("A Wizard of Earthsea", Genre::Fiction, 1968),
        ("The Lathe of Heaven", Genre::Science, 1971),
        ("Lavinia", Genre::History, 2008),
    ];
    let mut ids = Vec::new();
    for (title, genre, year) in books {
        let book = Book {
            title: title.into(),
            author_id: le_guin.id.clone(),
            genre,
            year,
            rating: None,
            stock: 0,
        };
        let row = Book::create(&client, &book)
            .permissions([Permission::read(Role::any())])
            .await?;
        println!("created book {:?} ({year})", row.title);
        ids.push(row.id.clone());
    }

    // Typed queries: the compiler checks every column and operator.
    let c = Book::columns();
    let seventies = Book::list(
        &client,
        Book::query()
            .filter(c.year.between(1970, 1979))
            .order(c.year.asc()),
    )
    .await?;
    println!("{} book(s) from the seventies:", seventies.total);
    for book in &seventies.rows {
        println!("  {} ({})", book.title, book.year);
    }
    let science = Book::count(
        &client,
        c.genre.equal(Genre::Science) & c.author_id.equal(le_guin.id.as_str()),
    )
    .await?;
    println!("{science} science-fiction book(s) by {}", le_guin.name);
    let found = Book::find_first(&client, c.title.search("Dispossessed")).await?;
    let Some(dispossessed) = found else {
        return Err("the full-text search found nothing".into());
    };
    println!("full-text search found {:?}", dispossessed.title);

    // Update with the typed patch, and an atomic counter.
    let rated = Book::update(&client, &dispossessed.id, Book::patch().rating(Some(4.8))).await?;
    println!("rated {:?}: {:?}", rated.title, rated.rating);
    let stocked = Book::increment(&client, &dispossessed.id, c.stock)
        .by(3)
        .await?;
    println!("{:?} now has {} in stock", stocked.title, stocked.stock);

    // Stream every matching row, two per request, with cursor pagination.
    let mut oldest_first = Book::stream(&client, Book::query().order(c.year.asc())).page_size(2);
    println!("every book, oldest first:");
    while let Some(book) = oldest_first.next().await {
        let book = book?;
        println!("  {} {:?} {}", book.year, book.genre, book.title);
    }

    // Delete.
    for id in &ids {
        Book::delete(&client, id).await?;
    }
    Author::delete(&client, &le_guin.id).await?;
    println!(
        "deleted {} book(s) and 1 author; {} book(s) left",
        ids.len(),
        Book::count(&client, Book::query()).await?
    );

    support::finish(emulator).await;
    Ok(())
}
