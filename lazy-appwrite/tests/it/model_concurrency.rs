//! Optimistic concurrency through the model API: an update, upsert or delete guarded by
//! the `$updatedAt` the caller read fails with `Error::Modified` when someone changed the
//! row since, and succeeds with the current one. Guards that cannot be right are refused
//! before sending. Runs against the emulator, and a real Appwrite when configured.

use crate::support;

use std::time::Duration;

use lazy_appwrite::{Client, Error, Model, Row, Table, Timestamp};
use serde::{Deserialize, Serialize};
use support::on_each_backend;

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "accounts")]
struct Account {
    #[column(size = 32)]
    owner: String,
    balance: i64,
}

/// Creates the row, then has "someone else" change it: the first read is stale after this.
async fn read_then_changed(c: &Client, id: &str) -> lazy_appwrite::Result<Row<Account>> {
    let read = Account::upsert(
        c,
        id,
        &Account {
            owner: "ada".into(),
            balance: 10,
        },
    )
    .await?;
    // `$updatedAt` has millisecond precision: let the clock move past the read.
    tokio::time::sleep(Duration::from_millis(5)).await;
    Account::update(c, id, Account::patch().balance(20)).await?;
    Ok(read)
}

fn is_modified(result: &lazy_appwrite::Result<impl std::fmt::Debug>, operation: &str) -> bool {
    matches!(result, Err(Error::Modified { answer })
        if answer.operation == operation && answer.table.as_deref() == Some("accounts"))
}

#[tokio::test]
async fn a_stale_update_is_refused_and_a_current_one_succeeds() {
    on_each_backend(async |b| {
        let db = b.fresh_id("occ-update");
        let c = &b.client_in(&db);
        let stale = read_then_changed(c, "a1").await?;

        let refused = Account::update(c, "a1", Account::patch().balance(0))
            .unless_modified_since_read(&stale)
            .await;
        assert!(is_modified(&refused, "rows.update"), "{refused:?}");
        let err = refused.unwrap_err();
        assert_eq!(err.status(), Some(409));
        assert_eq!(err.appwrite_type(), Some("row_update_conflict"));
        assert_eq!(Account::get(c, "a1").await?.balance, 20, "nothing changed");

        // Read again, and the guarded write goes through; the guard works with operators.
        let current = Account::get(c, "a1").await?;
        let row = Account::update(c, "a1", Account::patch())
            .op(Account::columns().balance.decrement(5))
            .unless_modified_since_read(&current)
            .await?;
        assert_eq!(row.balance, 15);

        // The instant itself, as a `Timestamp` (here: from the row just written).
        let at = row.updated_at.clone().expect("the server sends $updatedAt");
        let row = Account::update(c, "a1", Account::patch().owner("grace"))
            .unless_modified_since(at.clone())
            .await?;
        assert_eq!(row.owner, "grace");
        // An instant well before the last change is stale.
        let earlier = Timestamp::from_unix_millis(at.unix_millis().unwrap_or(0) - 60_000);
        let refused = Account::update(c, "a1", Account::patch().owner("tim"))
            .unless_modified_since(earlier)
            .await;
        assert!(is_modified(&refused, "rows.update"), "{refused:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_stale_delete_keeps_the_row_and_a_current_one_deletes_it() {
    on_each_backend(async |b| {
        let db = b.fresh_id("occ-delete");
        let c = &b.client_in(&db);
        let stale = read_then_changed(c, "a1").await?;

        let refused = Account::delete(c, "a1")
            .unless_modified_since_read(&stale)
            .await;
        assert!(is_modified(&refused, "rows.delete"), "{refused:?}");
        assert_eq!(Account::get(c, "a1").await?.balance, 20, "the row is kept");

        let current = Account::get(c, "a1").await?;
        Account::delete(c, "a1")
            .unless_modified_since_read(&current)
            .await?;
        let gone = Account::get(c, "a1").await;
        assert!(matches!(gone, Err(Error::NotFound { .. })), "{gone:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_stale_upsert_does_not_overwrite() {
    on_each_backend(async |b| {
        let db = b.fresh_id("occ-upsert");
        let c = &b.client_in(&db);
        let stale = read_then_changed(c, "a1").await?;
        let mine = Account {
            owner: "ada".into(),
            balance: 99,
        };

        let refused = Account::upsert(c, "a1", &mine)
            .unless_modified_since_read(&stale)
            .await;
        assert!(is_modified(&refused, "rows.upsert"), "{refused:?}");
        assert_eq!(Account::get(c, "a1").await?.balance, 20);

        let current = Account::get(c, "a1").await?;
        let row = Account::upsert(c, "a1", &mine)
            .unless_modified_since_read(&current)
            .await?;
        assert_eq!(row.balance, 99);
        Ok(())
    })
    .await;
}

/// Real servers ignore `X-Appwrite-Timestamp` on `PUT`, so a guarded upsert is a guarded
/// update, or a create when the row is missing: never a plain `PUT`.
#[tokio::test]
async fn a_guarded_upsert_never_relies_on_put_and_creates_a_missing_row() {
    on_each_backend(async |b| {
        let db = b.fresh_id("occ-new");
        let c = &b.client_in(&db);
        let mine = Account {
            owner: "ada".into(),
            balance: 5,
        };
        // Warm the table, so that only the upsert's own requests are counted below.
        Account::list(c, Account::query()).await?;
        b.reset();
        let row = Account::upsert(c, "n1", &mine)
            .unless_modified_since(Timestamp::now())
            .await?;
        assert_eq!(row.balance, 5);
        let path = format!("/v1/tablesdb/{db}/tables/accounts/rows");
        b.expect(&[
            ("PATCH", format!("{path}/n1").as_str()),
            ("POST", path.as_str()),
        ]);
        // An existing, unchanged row: one guarded update.
        let row = Account::upsert(
            c,
            "n1",
            &Account {
                balance: 6,
                ..mine.clone()
            },
        )
        .unless_modified_since_read(&row)
        .await?;
        assert_eq!(row.balance, 6);
        b.expect(&[("PATCH", format!("{path}/n1").as_str())]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn guards_that_cannot_be_right_are_refused_before_sending() {
    on_each_backend(async |b| {
        let db = b.fresh_id("occ-refused");
        let c = &b.client_in(&db);
        let a1 = Account::upsert(
            c,
            "a1",
            &Account {
                owner: "ada".into(),
                balance: 1,
            },
        )
        .await?;
        b.reset();

        // A row read for another ID.
        let err = Account::update(c, "a2", Account::patch().balance(2))
            .unless_modified_since_read(&a1)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { table: Some(t), reason, .. }
                if t == "accounts" && reason.contains("got row `a1`, but the write is for row `a2`")),
            "{err}"
        );
        // A row without `$updatedAt` (made by hand).
        let hand_made = Row::new(
            "a1",
            Account {
                owner: "x".into(),
                balance: 0,
            },
        );
        let err = Account::delete(c, "a1")
            .unless_modified_since_read(&hand_made)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("carries no `$updatedAt`"), "{err}");
        let err = Account::upsert(c, "a1", &hand_made)
            .unless_modified_since_read(&hand_made)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");

        b.expect(&[]);
        Ok(())
    })
    .await;
}
