//! Transactions: money moved between two accounts all at once or not at all.
//!
//! `client.transaction(|tx| …)` stages typed operations on the server and commits them
//! together when the closure returns `Ok`; an `Err` (or a panic) rolls everything back.
//! `client.begin()` gives the handle itself, for reading the transaction's own writes and
//! deciding by hand.
//!
//! Without `APPWRITE_ENDPOINT` it starts the embedded Appwrite emulator; with
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` (a key with the
//! databases, tables and rows scopes) it uses that server, in database
//! `lazy-appwrite-transactions`, and deletes the rows it made.
//!
//! Run it with `cargo run --example transactions`.

mod support;

use std::error::Error;
use std::time::Duration;

use lazy_appwrite::{Client, Model, Table};
use serde::{Deserialize, Serialize};

const DATABASE: &str = "lazy-appwrite-transactions";

/// An account: its balance can never go below zero.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "accounts")]
struct Account {
    #[column(size = 64)]
    owner: String,
    #[column(integer(min = 0), default = 0)]
    balance: i64,
}

/// One line of the ledger per transfer.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "transfers")]
#[serde(rename_all = "camelCase")]
struct Transfer {
    #[column(size = 36)]
    from_account: String,
    #[column(size = 36)]
    to_account: String,
    #[column(integer(min = 1))]
    amount: i64,
}

/// Moves `amount` from one account to the other and writes the ledger line: three
/// operations, committed together, or none of them if the payer cannot pay.
async fn transfer(
    client: &Client,
    from: &str,
    to: &str,
    amount: i64,
) -> lazy_appwrite::Result<String> {
    let (from, to) = (from.to_owned(), to.to_owned());
    client
        .transaction(|tx| async move {
            let c = Account::columns();
            let payer = Account::get(&tx, &from).await?;
            if payer.balance < amount {
                // Returning an error rolls back what was staged.
                return Err(lazy_appwrite::Error::Validation {
                    table: Some("accounts".into()),
                    column: Some("balance".into()),
                    reason: format!(
                        "{} has {} and cannot pay {amount}",
                        payer.owner, payer.balance
                    ),
                });
            }
            Account::decrement(&tx, &from, c.balance)
                .by(amount)
                .min(0)
                .await?;
            Account::increment(&tx, &to, c.balance).by(amount).await?;
            let line = Transfer {
                from_account: from,
                to_account: to,
                amount,
            };
            Transfer::create(&tx, &line).await
        })
        .ttl(Duration::from_secs(60))
        .await
}

async fn show(client: &Client) -> lazy_appwrite::Result<()> {
    for id in ["ada", "tim"] {
        let account = Account::get(client, id).await?;
        println!("  {:>4}: {}", account.owner, account.balance);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, emulator) = support::connect(DATABASE).await?;

    Account::upsert(
        &client,
        "ada",
        &Account {
            owner: "Ada".into(),
            balance: 100,
        },
    )
    .await?;
    Account::upsert(
        &client,
        "tim",
        &Account {
            owner: "Tim".into(),
            balance: 20,
        },
    )
    .await?;
    println!("before:");
    show(&client).await?;

    // Committed: both balances and the ledger line change together.
    let line = transfer(&client, "ada", "tim", 30).await?;
    println!("transfer {line} committed:");
    show(&client).await?;

    // Rolled back: Tim cannot pay 500, and nothing of it happens.
    match transfer(&client, "tim", "ada", 500).await {
        Ok(_) => return Err("the transfer should have been refused".into()),
        Err(e) => println!("transfer refused and rolled back: {e}"),
    }
    show(&client).await?;

    // By hand: stage, read the transaction's own writes, then decide.
    let tx = client.begin().await?;
    Account::increment(&tx, "tim", Account::columns().balance)
        .by(1_000)
        .await?;
    let inside = Account::get(&tx, "tim").await?.balance;
    let outside = Account::get(&client, "tim").await?.balance;
    println!("inside the transaction Tim has {inside}, outside still {outside}");
    let staged = tx.operations();
    tx.rollback().await?;
    println!("rolled back: the {staged} staged operation(s) were dropped");
    show(&client).await?;

    let ledger = Transfer::count(&client, Transfer::query()).await?;
    println!("{ledger} transfer(s) in the ledger");

    // Clean up.
    for row in Transfer::stream(&client, Transfer::query())
        .collect_all()
        .await?
    {
        Transfer::delete(&client, &row.id).await?;
    }
    for id in ["ada", "tim"] {
        Account::delete(&client, id).await?;
    }

    support::finish(emulator).await;
    Ok(())
}
