//! Atomic update operators: the server changes a column from the value the row holds at
//! that moment, so concurrent writers never lose each other's changes.
//!
//! Each column handle has the operators its kind allows, checked by the compiler:
//! arithmetic on numbers (with optional limits), list operations on arrays, `concat` and
//! `replace` on strings, `toggle` on booleans, day arithmetic on datetimes. They go with a
//! typed patch in one update, and into bulk updates.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` it uses that server, in
//! database `lazy-appwrite-examples`, and deletes the rows it made.
//!
//! Run it with `cargo run --example operators`.

mod support;

use std::error::Error;

use lazy_appwrite::typed::ArrayCondition;
use lazy_appwrite::{Model, Table, Timestamp};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-examples";

/// A product in a shop.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "products")]
struct Product {
    #[column(size = 64)]
    name: String,
    #[column(integer(min = 0))]
    stock: i64,
    price: f64,
    #[column(size = 16)]
    tags: Vec<String>,
    ratings: Vec<i64>,
    featured: bool,
    restock_at: Option<Timestamp>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;
    let c = Product::columns();

    let lamp = Product::upsert(
        &client,
        "lamp",
        &Product {
            name: "Lamp".into(),
            stock: 10,
            price: 20.0,
            tags: vec!["home".into()],
            ratings: vec![2, 5, 4, 1],
            featured: false,
            restock_at: Some(Timestamp::parse("2026-03-01T09:00:00.000+00:00")?),
        },
    )
    .await?;
    println!("{}: stock {}, price {}", lamp.name, lamp.stock, lamp.price);

    // Numbers: sold three (never below zero), then a 10 % price rise capped at 25.
    let sold = Product::update(&client, "lamp", Product::patch())
        .op(c.stock.decrement(3).min(0))
        .op(c.price.multiply(1.1).max(25.0))
        .await?;
    println!(
        "after a sale: stock {}, price {:.2}",
        sold.stock, sold.price
    );

    // Arrays: tags added and tidied, low ratings dropped.
    let tagged = Product::update(&client, "lamp", Product::patch())
        .op(c.tags.append(["light", "home"]))
        .op(c.ratings.retain(ArrayCondition::GreaterThanEqual, 3))
        .await?;
    println!("tags {:?}, good ratings {:?}", tagged.tags, tagged.ratings);
    let tidy = Product::update(&client, "lamp", Product::patch())
        .op(c.tags.unique())
        .await?;
    println!("tags without repeats: {:?}", tidy.tags);

    // Strings, booleans and datetimes, with a plain patch in the same request.
    let renamed = Product::update(&client, "lamp", Product::patch().stock(50))
        .op(c.name.concat(" (LED)"))
        .op(c.featured.toggle())
        .op(c.restock_at.add_days(14))
        .await?;
    println!(
        "{}: stock {}, featured {}, next restock {:?}",
        renamed.name,
        renamed.stock,
        renamed.featured,
        renamed.restock_at.as_ref().map(Timestamp::as_str)
    );

    // The same operators in a bulk update: every matching row from its own value.
    Product::upsert(
        &client,
        "desk",
        &Product {
            name: "Desk".into(),
            stock: 2,
            price: 120.0,
            tags: vec![],
            ratings: vec![],
            featured: false,
            restock_at: None,
        },
    )
    .await?;
    let restocked = Product::update_many(&client, c.stock.lt(100), Product::patch())
        .op(c.stock.increment(5))
        .op(c.tags.append(["restocked"]))
        .await?;
    println!("restocked {restocked} products");
    for id in ["lamp", "desk"] {
        let p = Product::get(&client, id).await?;
        println!("  {}: stock {}, tags {:?}", p.name, p.stock, p.tags);
    }

    // What the server would refuse is refused before sending.
    let refused = Product::update(&client, "lamp", Product::patch())
        .op(c.price.divide(0))
        .await;
    if let Err(e) = refused {
        println!("refused: {e}");
    }

    Product::delete_many(&client, Product::query()).await?;
    support::finish(emulator).await;
    Ok(())
}
