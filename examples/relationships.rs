//! Relationships: models that point at each other through `Ref<Model>` fields.
//!
//! - The first use of `Book` creates every table its relationships reach (authors,
//!   publishers, chapters), related tables first; books and authors point at each other
//!   through one two-way relationship.
//! - A book is created with a new author in the same request (a nested write) or linked
//!   to an existing one by ID.
//! - Reads load related rows only when asked, typed: `.load(c.author)`, or a path one
//!   level deeper with `.then(…)`.
//! - Deleting an author who still has books is refused with a typed error
//!   (`restrict`); deleting a book deletes its chapters (`cascade`); deleting a publisher
//!   clears it from its authors (`set_null`).
//!
//! Without `APPWRITE_ENDPOINT` it runs on the embedded emulator (see `quickstart.rs`).
//! Run it with `cargo run --example relationships`.

mod support;

use std::error::Error;

use lazy_appwrite::{Model, Ref, Table};
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "publishers")]
struct Publisher {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "authors")]
struct Author {
    #[column(size = 64)]
    name: String,
    /// Many authors, one publisher; deleting the publisher clears it here.
    #[column(relationship(kind = many_to_one, on_delete = set_null))]
    publisher: Option<Ref<Publisher>>,
    /// The other side of `Book::author`: declared on both models, created once.
    #[column(relationship(kind = one_to_many, two_way_key = "author", on_delete = restrict))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    books: Option<Vec<Ref<Book>>>,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "books")]
struct Book {
    #[column(size = 128)]
    title: String,
    /// Restrict: an author with books cannot be deleted.
    #[column(relationship(kind = many_to_one, two_way_key = "books", on_delete = restrict))]
    author: Option<Ref<Author>>,
    /// Cascade: a book's chapters go with it.
    #[column(relationship(kind = one_to_many, on_delete = cascade))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chapters: Option<Vec<Ref<Chapter>>>,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "chapters")]
struct Chapter {
    #[column(size = 128)]
    heading: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect("lazy-appwrite-relationships").await?;

    let gollancz = Publisher::create(
        &client,
        &Publisher {
            name: "Gollancz".into(),
        },
    )
    .await?;

    // A book and its new author (with a link to the publisher), in one request.
    let le_guin = Author {
        name: "Ursula K. Le Guin".into(),
        publisher: Some(Ref::from(&gollancz)),
        books: None,
    };
    let earthsea = Book::create(
        &client,
        &Book {
            title: "A Wizard of Earthsea".into(),
            author: Some(Ref::new(le_guin)),
            chapters: Some(vec![
                Ref::new(Chapter {
                    heading: "Warriors in the Mist".into(),
                }),
                Ref::new(Chapter {
                    heading: "The Shadow".into(),
                }),
            ]),
        },
    )
    .await?;
    let author_id = earthsea
        .author
        .as_ref()
        .map(Ref::id)
        .unwrap_or_default()
        .to_owned();
    println!(
        "created {:?} with its author ({author_id}) and 2 chapters",
        earthsea.title
    );

    // A second book, linked to the same author by ID.
    let dispossessed = Book::create(
        &client,
        &Book {
            title: "The Dispossessed".into(),
            author: Some(Ref::link(author_id.clone())),
            chapters: None,
        },
    )
    .await?;

    // Loading: the author, and through it the publisher (three levels of rows).
    let c = Book::columns();
    let loaded = Book::get(&client, &dispossessed.id)
        .load(c.author.then(Author::columns().publisher))
        .await?;
    if let Some(author) = loaded.author.as_ref().and_then(Ref::row) {
        let publisher = author.publisher.as_ref().and_then(Ref::data);
        println!(
            "{:?} is by {} (published by {})",
            loaded.title,
            author.name,
            publisher.map_or("nobody", |p| p.name.as_str())
        );
    }

    // The to-many side, from the author, and a filter on the relationship.
    let author = Author::get(&client, &author_id)
        .load(Author::columns().books)
        .await?;
    let titles: Vec<&str> = author
        .books
        .iter()
        .flatten()
        .filter_map(Ref::data)
        .map(|b| b.title.as_str())
        .collect();
    println!("{} wrote {titles:?}", author.name);
    let by_her = Book::count(&client, c.author.equal(author_id.as_str())).await?;
    println!("{by_her} book(s) link to her");

    // restrict: she still has books.
    match Author::delete(&client, &author_id).await {
        Err(lazy_appwrite::Error::DeleteRestricted { .. }) => {
            println!("deleting the author was refused: she still has books")
        }
        other => return Err(format!("expected a restricted delete, got {other:?}").into()),
    }

    // cascade: the chapters go with the book.
    Book::delete(&client, &earthsea.id).await?;
    println!(
        "deleted {:?}: {} chapter(s) left",
        earthsea.title,
        Chapter::count(&client, Chapter::query()).await?
    );

    // set_null: deleting the publisher clears it from the author.
    Publisher::delete(&client, &gollancz.id).await?;
    let author = Author::get(&client, &author_id).await?;
    println!(
        "after deleting the publisher, the author's publisher is {:?}",
        author.publisher
    );

    Book::delete(&client, &dispossessed.id).await?;
    Author::delete(&client, &author_id).await?;
    support::finish(emulator).await;
    Ok(())
}
