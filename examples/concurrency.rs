//! Optimistic concurrency: write only if nobody changed the row since you read it.
//!
//! Two tellers read the same account. The first writes with the guard and succeeds; the
//! second's guard is stale now, so its write fails with `Error::Modified` instead of
//! silently overwriting the first teller's change. It reads the row again and retries. A
//! guarded delete works the same way.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` it uses that server, in
//! database `lazy-appwrite-examples`, and deletes the rows it made.
//!
//! Run it with `cargo run --example concurrency`.

mod support;

use std::time::Duration;

use lazy_appwrite::{Client, Error, Model, Row, Table};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-examples";

/// A bank account.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "accounts")]
struct Account {
    #[column(size = 32)]
    owner: String,
    #[column(integer(min = 0))]
    balance: i64,
}

/// Withdraws `amount` from the account as `seen`, unless someone changed it since.
async fn withdraw(
    client: &Client,
    seen: &Row<Account>,
    amount: i64,
) -> lazy_appwrite::Result<Row<Account>> {
    Account::update(
        client,
        &seen.id,
        Account::patch().balance(seen.balance - amount),
    )
    .unless_modified_since_read(seen)
    .await
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;

    Account::upsert(
        &client,
        "acc-1",
        &Account {
            owner: "Ada".into(),
            balance: 100,
        },
    )
    .await?;

    // Both tellers read the account (balance 100).
    let first = Account::get(&client, "acc-1").await?;
    let second = Account::get(&client, "acc-1").await?;
    // `$updatedAt` has millisecond precision: let the clock move past both reads.
    tokio::time::sleep(Duration::from_millis(5)).await;

    let after_first = withdraw(&client, &first, 30).await?;
    println!("teller 1 withdrew 30: balance {}", after_first.balance);

    // Teller 2's read is stale: the guarded write is refused, nothing is lost.
    match withdraw(&client, &second, 50).await {
        Err(Error::Modified { .. }) => {
            println!("teller 2's write was refused: the account changed since it was read");
            let fresh = Account::get(&client, "acc-1").await?;
            let after_second = withdraw(&client, &fresh, 50).await?;
            println!(
                "teller 2 read it again and withdrew 50: balance {}",
                after_second.balance
            );
        }
        Err(e) => return Err(e.into()),
        Ok(row) => {
            return Err(format!("a stale write went through: balance {}", row.balance).into());
        }
    }

    // A guarded delete keeps the row when it changed meanwhile.
    let seen = Account::get(&client, "acc-1").await?;
    tokio::time::sleep(Duration::from_millis(5)).await;
    Account::update(&client, "acc-1", Account::patch().owner("Ada L.")).await?;
    let refused = Account::delete(&client, "acc-1")
        .unless_modified_since_read(&seen)
        .await;
    match refused {
        Err(Error::Modified { .. }) => {
            println!("the delete was refused: the owner changed meanwhile")
        }
        Err(e) => return Err(e.into()),
        Ok(()) => return Err("a stale delete went through".into()),
    }
    let current = Account::get(&client, "acc-1").await?;
    Account::delete(&client, "acc-1")
        .unless_modified_since_read(&current)
        .await?;
    println!(
        "deleted the account of {} with an up-to-date guard",
        current.owner
    );

    support::finish(emulator).await;
    Ok(())
}
