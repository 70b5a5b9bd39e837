//! Bulk writes: many rows per request, validated before anything is sent, and a long
//! stream of rows written with bounded memory.
//!
//! - `create_many`: 250 rows in three requests (Appwrite takes at most 100 rows per
//!   request), typed rows back;
//! - a bad row at index 150: refused before the first request, nothing written;
//! - `create_iter`: 10 000 rows pulled lazily from an iterator, four batches in flight, so
//!   at most 400 rows are held at once;
//! - `update_many` / `delete_many`: every row a typed filter matches, one request each.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` (a key with the
//! databases, tables and rows scopes) it uses that server, in database
//! `lazy-appwrite-examples`, and deletes the rows it made.
//!
//! Run it with `cargo run --example bulk`.

mod support;

use std::error::Error;

use lazy_appwrite::{Model, Table};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-examples";

/// A sensor reading.
#[derive(Table, Serialize, Deserialize, Debug, Clone)]
#[table(id = "readings", index(key = "by_value", columns(value)))]
struct Reading {
    #[column(size = 16)]
    sensor: String,
    #[column(integer(min = -1000, max = 100_000))]
    value: i64,
    #[column(default = false)]
    checked: bool,
}

fn reading(i: i64) -> Reading {
    Reading {
        sensor: format!("sensor-{}", i % 8),
        value: i,
        checked: false,
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;
    let requests = || {
        emulator
            .as_ref()
            .map(lazy_appwrite_emulator::EmulatorHandle::request_count)
    };

    // The first operation syncs the table; count from here.
    Reading::delete_many(&client, Reading::query()).await?;
    let before = requests();

    // 250 rows you hold: validated, then sent 100 + 100 + 50.
    let readings: Vec<Reading> = (0..250).map(reading).collect();
    let rows = Reading::create_many(&client, &readings).await?;
    println!(
        "created {} readings (first ID {}, last value {})",
        rows.len(),
        rows[0].id,
        rows[249].value
    );
    if let (Some(b), Some(a)) = (before, requests()) {
        println!("  in {} requests", a - b);
    }

    // A bad row anywhere means nothing is sent; the error names the row and the column.
    let mut bad = readings.clone();
    bad[150].value = 1_000_000;
    match Reading::create_many(&client, &bad).await {
        Ok(_) => return Err("an out-of-range value was accepted".into()),
        Err(e) => println!("refused before sending: {e}"),
    }

    // A long input, pulled lazily: memory holds at most batch × in-flight rows.
    let written = Reading::create_iter(&client, (1000..11_000).map(reading))
        .concurrency(4)
        .await?;
    println!("streamed {written} readings, 100 per request, 4 requests in flight");

    // Bulk update and delete with typed filters, and an atomic operator.
    let c = Reading::columns();
    let checked = Reading::update_many(
        &client,
        c.sensor.equal("sensor-0") & c.value.lt(5000),
        Reading::patch().checked(true),
    )
    .op(c.value.increment(1))
    .await?;
    println!("marked {checked} readings of sensor-0 as checked");
    let low = Reading::delete_many(&client, c.value.lt(100)).await?;
    println!("deleted {low} readings below 100");

    let left = Reading::count(&client, c.value.gte(10_000)).await?;
    println!("{left} readings of 10 000 and more are left");

    // Clean up (batches of deletes are one request each).
    let removed = Reading::delete_many(&client, Reading::query()).await?;
    println!("deleted the remaining {removed} readings");

    support::finish(emulator).await;
    Ok(())
}
