//! Typed transactions end to end: begin, stage typed operations on two models, commit;
//! a rollback (explicit, from an `Err`, from a panic, from a dropped handle) leaves no
//! trace; reads through the transaction see its own writes; the TTL reaches the server
//! and an expired transaction is reported, typed; a conflicting commit is typed; the
//! 101st operation is refused before sending. Request counts are checked on the emulator.

use crate::support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lazy_appwrite::response::TransactionStatus;
use lazy_appwrite::{Client, Error, Model, Table};
use serde::{Deserialize, Serialize};
use support::warn_counter::WarnCounter;
use support::{Backend, FakeServer, Reply, on_each_backend};

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "accounts")]
struct Account {
    #[column(size = 64)]
    owner: String,
    #[column(integer(min = 0), default = 0)]
    balance: i64,
}

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "entries")]
struct Entry {
    #[column(size = 64)]
    note: String,
    #[column(default = 0)]
    amount: i64,
}

fn account(owner: &str, balance: i64) -> Account {
    Account {
        owner: owner.into(),
        balance,
    }
}

fn entry(note: &str, amount: i64) -> Entry {
    Entry {
        note: note.into(),
        amount,
    }
}

/// A database with both tables synced, accounts `ada` (100) and `tim` (0), entry `old`;
/// the request log is reset.
async fn setup(b: &Backend, prefix: &str) -> lazy_appwrite::Result<(Client, String)> {
    let db = b.fresh_id(prefix);
    let c = b.client_in(&db);
    c.sync::<Account>().await?;
    c.sync::<Entry>().await?;
    Account::upsert(&c, "ada", &account("Ada", 100)).await?;
    Account::upsert(&c, "tim", &account("Tim", 0)).await?;
    Entry::upsert(&c, "old", &entry("old", 1)).await?;
    b.reset();
    Ok((c, db))
}

fn rows(db: &str, table: &str, rest: &str) -> String {
    format!("/v1/tablesdb/{db}/tables/{table}/rows{rest}")
}

/// Nothing the staged operations of [`stage_everything`] would do is visible.
async fn untouched(c: &Client, new_entry: &str) -> lazy_appwrite::Result<()> {
    assert!(matches!(
        Entry::get(c, new_entry).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        Entry::get(c, "e2").await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(Entry::get(c, "old").await?.data, entry("old", 1));
    assert_eq!(Account::get(c, "ada").await?.data, account("Ada", 100));
    assert_eq!(Account::get(c, "tim").await?.data, account("Tim", 0));
    assert_eq!(Entry::count(c, Entry::query()).await?, 1);
    Ok(())
}

/// Stages one operation of each kind on both models; returns the created entry's ID.
async fn stage_everything(tx: &lazy_appwrite::Transaction) -> lazy_appwrite::Result<String> {
    let c = Account::columns();
    let id = Entry::create(tx, &entry("transfer", 30)).await?;
    Account::update(tx, "ada", Account::patch().owner("Ada L.")).await?;
    Entry::upsert(tx, "e2", &entry("second", 2)).await?;
    Entry::delete(tx, "old").await?;
    Account::increment(tx, "tim", c.balance).by(30).await?;
    Account::decrement(tx, "ada", c.balance)
        .by(30)
        .min(0)
        .await?;
    Ok(id)
}

#[tokio::test]
async fn staged_operations_apply_together_at_commit() {
    on_each_backend(async |b| {
        let (c, db) = setup(b, "txcommit").await?;
        let tx = c.begin().ttl(Duration::from_secs(120)).await?;
        let id = stage_everything(&tx).await?;
        assert_eq!(tx.operations(), 6);
        let tx_path = format!("/v1/tablesdb/transactions/{}", tx.id());
        // One request to begin, one per staged operation.
        b.expect(&[
            ("POST", "/v1/tablesdb/transactions"),
            ("POST", &rows(&db, "entries", "")),
            ("PATCH", &rows(&db, "accounts", "/ada")),
            ("PUT", &rows(&db, "entries", "/e2")),
            ("DELETE", &rows(&db, "entries", "/old")),
            ("PATCH", &rows(&db, "accounts", "/tim/balance/increment")),
            ("PATCH", &rows(&db, "accounts", "/ada/balance/decrement")),
        ]);

        // Staged, not applied: fresh reads outside the transaction see none of it.
        untouched(&c, &id).await?;
        b.reset();

        let done = tx.commit().await?;
        assert_eq!(done.status, TransactionStatus::Committed);
        b.expect(&[("PATCH", &tx_path)]);

        assert_eq!(Entry::get(&c, &id).await?.data, entry("transfer", 30));
        assert_eq!(Entry::get(&c, "e2").await?.data, entry("second", 2));
        assert!(matches!(
            Entry::get(&c, "old").await,
            Err(Error::NotFound { .. })
        ));
        assert_eq!(Account::get(&c, "ada").await?.data, account("Ada L.", 70));
        assert_eq!(Account::get(&c, "tim").await?.data, account("Tim", 30));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn updates_with_operators_are_staged_and_applied_at_commit() {
    on_each_backend(async |b| {
        let (c, db) = setup(b, "txops").await?;
        let a = Account::columns();
        let tx = c.begin().await?;
        Account::update(&tx, "tim", Account::patch().owner("Tim T."))
            .op(a.balance.increment(5))
            .await?;
        Account::update(&tx, "ada", Account::patch())
            .op(a.balance.decrement(40).min(0))
            .await?;
        b.expect(&[
            ("POST", "/v1/tablesdb/transactions"),
            ("PATCH", &rows(&db, "accounts", "/tim")),
            ("PATCH", &rows(&db, "accounts", "/ada")),
        ]);
        // A column changed twice in one update is refused before sending.
        let err = Account::update(&tx, "tim", Account::patch().balance(1))
            .op(a.balance.increment(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), .. } if col == "balance"),
            "{err:?}"
        );
        b.expect(&[]);
        assert_eq!(tx.operations(), 2);
        assert_eq!(Account::get(&c, "tim").await?.data, account("Tim", 0));

        tx.commit().await?;
        assert_eq!(Account::get(&c, "tim").await?.data, account("Tim T.", 5));
        assert_eq!(Account::get(&c, "ada").await?.balance, 60);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_first_staged_operation_syncs_the_table_then_one_request_each() {
    on_each_backend(async |b| {
        let db = b.fresh_id("txcold");
        let c = b.client_in(&db);
        b.reset();
        // Cold: the table does not exist; the staged create syncs it first (with the key).
        let id = c
            .transaction(
                |tx| async move { Entry::create(&tx, &entry("first", 1)).id("first").await },
            )
            .await?;
        assert_eq!(Entry::get(&c, &id).await?.note, "first");
        if let Backend::Emulator(e) = b {
            let sent: Vec<(String, String)> = e
                .requests()
                .into_iter()
                .map(|r| (r.method, r.path))
                .collect();
            let at = |method: &str, path: &str| {
                sent.iter()
                    .position(|(m, p)| m == method && p == path)
                    .unwrap_or_else(|| panic!("no {method} {path} in {sent:?}"))
            };
            let begin = at("POST", "/v1/tablesdb/transactions");
            let table = at("POST", &format!("/v1/tablesdb/{db}/tables"));
            let staged = at("POST", &rows(&db, "entries", ""));
            assert!(begin < table && table < staged, "{sent:?}");
        }

        // Warm: begin, one request per operation, commit.
        b.reset();
        let e = Entry::columns();
        c.transaction(|tx| async move {
            Entry::increment(&tx, "first", e.amount).by(2).await?;
            Ok::<_, Error>(())
        })
        .await?;
        if let Backend::Emulator(emu) = b {
            let sent: Vec<(String, String)> = emu
                .requests()
                .into_iter()
                .map(|r| (r.method, r.path))
                .collect();
            assert_eq!(sent.len(), 3, "{sent:?}");
            assert_eq!(sent[1].1, rows(&db, "entries", "/first/amount/increment"));
        }
        b.reset();
        assert_eq!(Entry::get(&c, "first").await?.amount, 3);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn staged_input_is_validated_before_sending() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txvalid").await?;
        let tx = c.begin().await?;
        b.reset();
        let too_long = "x".repeat(65);
        let err = Entry::create(&tx, &entry(&too_long, 1)).await.unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), .. } if col == "note"),
            "{err:?}"
        );
        let err = Account::upsert(&tx, "ada", &account(&too_long, 1))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err:?}");
        let err = Account::update(&tx, "ada", Account::patch().balance(-1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), .. } if col == "balance"),
            "{err:?}"
        );
        let err = Account::update(&tx, "ada", Account::patch())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("sets no column"), "{err}");
        b.expect(&[]);
        assert_eq!(tx.operations(), 0);
        tx.rollback().await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_rollback_leaves_no_trace() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txrollback").await?;
        let tx = c.begin().await?;
        let kept = tx.clone();
        let id = stage_everything(&tx).await?;
        let tx_id = tx.id().to_owned();
        b.reset();

        tx.rollback().await?;
        b.expect(&[("PATCH", &format!("/v1/tablesdb/transactions/{tx_id}"))]);
        // Appwrite 1.8 records a rollback as `failed`.
        let info = c.transactions().get(&tx_id).await?;
        assert!(
            matches!(
                info.status,
                TransactionStatus::Failed | TransactionStatus::RolledBack
            ),
            "{info:?}"
        );
        untouched(&c, &id).await?;

        // A clone of the finished handle refuses to stage or read, without a request.
        b.reset();
        let err = Entry::create(&kept, &entry("late", 1)).await.unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");
        assert!(err.to_string().contains("rolled back"), "{err}");
        let err = Entry::get(&kept, "old").await.unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");
        b.expect(&[]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn reads_through_the_transaction_see_its_writes() {
    on_each_backend(async |b| {
        let (c, db) = setup(b, "txreads").await?;
        let tx = c.begin().await?;
        let id = Entry::create(&tx, &entry("fresh", 5)).id("fresh").await?;
        assert_eq!(id, "fresh");
        Account::update(&tx, "ada", Account::patch().owner("Ada L.")).await?;
        Entry::delete(&tx, "old").await?;
        b.reset();

        // Inside: the staged writes.
        assert_eq!(Entry::get(&tx, "fresh").await?.data, entry("fresh", 5));
        assert_eq!(Account::get(&tx, "ada").await?.owner, "Ada L.");
        assert!(matches!(
            Entry::get(&tx, "old").await,
            Err(Error::NotFound { .. })
        ));
        let e = Entry::columns();
        let page = Entry::list(&tx, Entry::query().order(e.note.asc())).await?;
        let notes: Vec<&str> = page.rows.iter().map(|r| r.note.as_str()).collect();
        assert_eq!(notes, ["fresh"]);
        let big = Entry::list(&tx, e.amount.gt(3)).total(false).await?;
        assert_eq!(big.rows.len(), 1);
        // One request per read, each carrying the transaction ID.
        b.expect(&[
            ("GET", &rows(&db, "entries", "/fresh")),
            ("GET", &rows(&db, "accounts", "/ada")),
            ("GET", &rows(&db, "entries", "/old")),
            ("GET", &rows(&db, "entries", "")),
            ("GET", &rows(&db, "entries", "")),
        ]);
        // Reads do not count as operations.
        assert_eq!(tx.operations(), 3);

        // Outside: nothing yet.
        assert!(matches!(
            Entry::get(&c, "fresh").await,
            Err(Error::NotFound { .. })
        ));
        assert_eq!(Account::get(&c, "ada").await?.owner, "Ada");
        assert_eq!(Entry::get(&c, "old").await?.note, "old");
        tx.rollback().await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_closure_form_commits_on_ok() {
    on_each_backend(async |b| {
        let (c, db) = setup(b, "txok").await?;
        let a = Account::columns();
        let (id, seen) = c
            .transaction(|tx| async move {
                let id = Entry::create(&tx, &entry("closure", 7)).await?;
                Account::increment(&tx, "tim", a.balance).by(5).await?;
                let seen = Account::get(&tx, "tim").await?.balance;
                Ok::<_, Error>((id, seen))
            })
            .ttl(Duration::from_secs(60))
            .await?;
        // Real 1.8.1 and 1.9.6 servers do not show a staged increment to a read inside
        // the transaction: the read sees the value from before it.
        assert_eq!(seen, 0);
        let requests = match b {
            Backend::Emulator(e) => e.requests(),
            Backend::Real { .. } => Vec::new(),
        };
        if !requests.is_empty() {
            // begin, two staged writes, one read, commit.
            let shape: Vec<(&str, &str)> = requests
                .iter()
                .map(|r| (r.method.as_str(), r.path.as_str()))
                .collect();
            assert_eq!(shape.len(), 5, "{shape:?}");
            assert_eq!(shape[0], ("POST", "/v1/tablesdb/transactions"));
            assert_eq!(shape[1], ("POST", rows(&db, "entries", "").as_str()));
            assert_eq!(shape[4].0, "PATCH");
            assert!(shape[4].1.starts_with("/v1/tablesdb/transactions/"));
        }
        assert_eq!(Entry::get(&c, &id).await?.note, "closure");
        assert_eq!(Account::get(&c, "tim").await?.balance, 5);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_closure_form_rolls_back_on_err() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txerr").await?;
        let seen_id = Arc::new(Mutex::new(None::<String>));
        let id_slot = Arc::clone(&seen_id);
        let result: lazy_appwrite::Result<()> = c
            .transaction(|tx| async move {
                if let Ok(mut slot) = id_slot.lock() {
                    *slot = Some(tx.id().to_owned());
                }
                Entry::create(&tx, &entry("doomed", 1)).id("doomed").await?;
                Entry::delete(&tx, "old").await?;
                Account::update(&tx, "ada", Account::patch().balance(0)).await?;
                Err(Error::Validation {
                    table: None,
                    column: None,
                    reason: "insufficient funds".into(),
                })
            })
            .await;
        let err = result.unwrap_err();
        assert!(err.to_string().contains("insufficient funds"), "{err}");

        let tx_id = seen_id
            .lock()
            .ok()
            .and_then(|s| s.clone())
            .expect("the body ran");
        let info = c.transactions().get(&tx_id).await?;
        assert_ne!(info.status, TransactionStatus::Pending);
        assert_ne!(info.status, TransactionStatus::Committed);
        untouched(&c, "doomed").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_closure_form_rolls_back_on_panic_then_the_panic_goes_on() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txpanic").await?;
        let seen_id = Arc::new(Mutex::new(None::<String>));
        let id_slot = Arc::clone(&seen_id);
        let task_client = c.clone();
        let task = tokio::spawn(async move {
            task_client
                .transaction(|tx| async move {
                    if let Ok(mut slot) = id_slot.lock() {
                        *slot = Some(tx.id().to_owned());
                    }
                    Entry::create(&tx, &entry("doomed", 1)).id("doomed").await?;
                    Entry::delete(&tx, "old").await?;
                    if tx.operations() == 2 {
                        panic!("boom in the body");
                    }
                    Ok::<_, Error>(())
                })
                .await
        });
        let joined = task.await.expect_err("the panic reaches the task");
        assert!(joined.is_panic());
        let payload = joined.into_panic();
        assert_eq!(
            payload.downcast_ref::<&str>(),
            Some(&"boom in the body"),
            "the original panic payload"
        );

        // The rollback happened before the panic went on.
        let tx_id = seen_id
            .lock()
            .ok()
            .and_then(|s| s.clone())
            .expect("the body ran");
        let info = c.transactions().get(&tx_id).await?;
        assert_ne!(info.status, TransactionStatus::Pending, "{info:?}");
        assert_ne!(info.status, TransactionStatus::Committed, "{info:?}");
        untouched(&c, "doomed").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_conflicting_commit_is_typed_and_applies_nothing() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txconflict").await?;
        let tx = c.begin().await?;
        Entry::create(&tx, &entry("with the update", 1))
            .id("side")
            .await?;
        Account::update(&tx, "ada", Account::patch().owner("from the transaction")).await?;
        // Someone else changes the row after it was staged (the row's `$updatedAt` has
        // millisecond precision: make sure it moves past the staging instant).
        tokio::time::sleep(Duration::from_millis(20)).await;
        Account::update(&c, "ada", Account::patch().owner("from outside")).await?;

        let err = tx.commit().await.unwrap_err();
        assert!(
            matches!(&err, Error::Conflict { answer } if answer.kind == "transaction_conflict"),
            "{err:?}"
        );
        assert_eq!(err.operation(), Some("transactions.commit"));
        assert!(!err.is_retryable());
        assert_eq!(Account::get(&c, "ada").await?.owner, "from outside");
        assert!(matches!(
            Entry::get(&c, "side").await,
            Err(Error::NotFound { .. })
        ));

        // The closure form returns the same typed error.
        let outside = c.clone();
        let err = c
            .transaction(|tx| async move {
                Account::update(&tx, "tim", Account::patch().owner("inside")).await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
                Account::update(&outside, "tim", Account::patch().owner("outside")).await?;
                Ok::<_, Error>(())
            })
            .await
            .unwrap_err();
        assert_eq!(err.appwrite_type(), Some("transaction_conflict"), "{err:?}");
        assert_eq!(Account::get(&c, "tim").await?.owner, "outside");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_101st_operation_is_refused_before_sending() {
    let b = Backend::emulator().await;
    let (c, db) = setup(&b, "txlimit").await.expect("setup");
    let tx = c.begin().await.expect("begun");
    for i in 0..99 {
        Entry::create(&tx, &entry(&format!("n{i}"), i))
            .id(format!("n{i}"))
            .await
            .expect("staged");
    }
    // A staging request the server refuses does not use up a slot.
    let err = Account::update(&tx, "nobody", Account::patch().owner("x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
    assert_eq!(tx.operations(), 99);
    Entry::create(&tx, &entry("n99", 99))
        .id("n99")
        .await
        .expect("the 100th is staged");
    assert_eq!(tx.operations(), 100);
    b.reset();

    let err = Entry::create(&tx, &entry("n100", 100)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Validation { table: Some(t), .. } if t == "entries"),
        "{err:?}"
    );
    assert!(err.to_string().contains("100 operations"), "{err}");
    let a = Account::columns();
    assert!(Account::increment(&tx, "tim", a.balance).await.is_err());
    assert!(Entry::delete(&tx, "old").await.is_err());
    b.expect(&[]); // nothing was sent
    assert_eq!(tx.operations(), 100);

    // Reads are not operations: still allowed.
    assert_eq!(
        Entry::list(&tx, Entry::query()).await.expect("read").total,
        101
    );
    b.expect(&[("GET", &rows(&db, "entries", ""))]);
    tx.commit().await.expect("committed");
    assert_eq!(Entry::count(&c, Entry::query()).await.expect("count"), 101);
    b.shutdown().await;
}

#[tokio::test]
async fn the_ttl_reaches_the_server_and_bad_ttls_are_refused_before_sending() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txttl").await?;
        for (ttl, seconds) in [(None, 300), (Some(Duration::from_secs(60)), 60)] {
            let mut begin = c.begin();
            if let Some(ttl) = ttl {
                begin = begin.ttl(ttl);
            }
            let tx = begin.await?;
            let info = c.transactions().get(tx.id()).await?;
            let created = info.created_at.as_ref().and_then(|t| t.unix_millis());
            let expires = info.expires_at.as_ref().and_then(|t| t.unix_millis());
            let (Some(created), Some(expires)) = (created, expires) else {
                panic!("the server gives both instants: {info:?}");
            };
            // The emulator (like Appwrite) expires the transaction `ttl` seconds after
            // its creation, by the wall clock: staging or committing after
            // `expiresAt` answers 410 `transaction_expired` (checked below on a scripted
            // server, since the shortest TTL is a minute).
            assert!(
                (expires - created - seconds * 1000).abs() <= 1000,
                "{info:?}"
            );
            assert_eq!(
                tx.expires_at().map(|t| t.as_str()),
                info.expires_at.as_ref().map(|t| t.as_str())
            );
            tx.rollback().await?;
        }

        b.reset();
        for bad in [Duration::from_secs(59), Duration::from_secs(3601)] {
            let err = c.begin().ttl(bad).await.unwrap_err();
            assert!(matches!(err, Error::Validation { .. }), "{err}");
            assert!(err.to_string().contains("60 to 3600 seconds"), "{err}");
        }
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let err = c
            .transaction(|_tx| async move {
                flag.store(true, Ordering::SeqCst);
                Ok::<_, Error>(())
            })
            .ttl(Duration::from_secs(1))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Validation { .. }), "{err}");
        assert!(!ran.load(Ordering::SeqCst), "the body never runs");
        b.expect(&[]);
        Ok(())
    })
    .await;
}

/// A server whose transaction `tx1` has expired: staging into it and committing it answer
/// 410 `transaction_expired`, as Appwrite and the emulator do after `expiresAt`.
async fn expired_server() -> FakeServer {
    FakeServer::start(|r, _| {
        let expired = || {
            Reply::error(
                410,
                "transaction_expired",
                "The transaction has expired. Please create a new transaction and try again.",
            )
        };
        match (r.method.as_str(), r.path.as_str()) {
            ("POST", "/v1/tablesdb/transactions") => Reply::json(
                201,
                r#"{"$id":"tx1","$createdAt":"2026-01-05T10:00:00.000+00:00","$updatedAt":"2026-01-05T10:00:00.000+00:00","status":"pending","operations":0,"expiresAt":"2026-01-05T10:01:00.000+00:00"}"#,
            ),
            _ => expired(),
        }
    })
    .await
}

#[tokio::test]
async fn an_expired_transaction_is_reported_typed() {
    let server = expired_server().await;
    // No API key: the lazy sync is off, so every call goes straight to the rows.
    let c = Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .default_database("main")
        .build()
        .expect("a client");
    let tx = c.begin().await.expect("begun");
    assert_eq!(tx.id(), "tx1");
    let err = Entry::create(&tx, &entry("late", 1)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 410, answer } if answer.kind == "transaction_expired"),
        "{err:?}"
    );
    assert_eq!(err.operation(), Some("rows.create"));
    assert_eq!(tx.operations(), 0, "a refused operation frees its slot");
    let err = tx.commit().await.unwrap_err();
    assert_eq!(err.appwrite_type(), Some("transaction_expired"));
    assert_eq!(err.operation(), Some("transactions.commit"));

    // The closure form returns the failed commit, typed.
    server.clear();
    let err = c
        .transaction(|_tx| async { Ok::<_, Error>(()) })
        .await
        .unwrap_err();
    assert_eq!(err.appwrite_type(), Some("transaction_expired"));
    let sent: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(
        sent,
        [
            ("POST".to_owned(), "/v1/tablesdb/transactions".to_owned()),
            (
                "PATCH".to_owned(),
                "/v1/tablesdb/transactions/tx1".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn a_dropped_transaction_applies_nothing_and_warns() {
    let b = Backend::emulator().await;
    let (c, _) = setup(&b, "txdrop").await.expect("setup");
    let warnings = WarnCounter::default();
    {
        let tx = c.begin().await.expect("begun");
        Entry::create(&tx, &entry("forgotten", 1))
            .id("forgotten")
            .await
            .expect("staged");
        let clone = tx.clone();
        drop(tx);
        assert_eq!(warnings.warnings(), 0, "a clone is still alive");
        drop(clone);
    }
    assert_eq!(warnings.warnings(), 1, "{}", warnings.all_text());
    assert!(
        warnings
            .all_text()
            .contains("dropped without commit or rollback"),
        "{}",
        warnings.all_text()
    );
    untouched(&c, "forgotten").await.expect("no trace");

    // Finished handles do not warn.
    let warnings = WarnCounter::default();
    c.begin()
        .await
        .expect("begun")
        .rollback()
        .await
        .expect("rolled back");
    c.transaction(|_tx| async { Ok::<_, Error>(()) })
        .await
        .expect("committed");
    assert_eq!(warnings.warnings(), 0, "{}", warnings.all_text());
    b.shutdown().await;
}

/// An error type of the caller's, as the closure form allows.
#[derive(Debug)]
enum TransferError {
    Insufficient { have: i64 },
    Appwrite(Error),
}

impl From<Error> for TransferError {
    fn from(e: Error) -> Self {
        TransferError::Appwrite(e)
    }
}

#[tokio::test]
async fn the_closure_form_takes_the_callers_error_type() {
    on_each_backend(async |b| {
        let (c, _) = setup(b, "txowner").await?;
        let a = Account::columns();

        // The caller's own error rolls back, and comes back as it was.
        let outcome = c
            .transaction(|tx| async move {
                Entry::create(&tx, &entry("doomed", 1)).id("doomed").await?;
                let ada = Account::get(&tx, "ada").await?;
                if ada.balance < 500 {
                    return Err(TransferError::Insufficient { have: ada.balance });
                }
                Account::decrement(&tx, "ada", a.balance).by(500).await?;
                Ok(())
            })
            .await;
        assert!(
            matches!(outcome, Err(TransferError::Insufficient { have: 100 })),
            "{outcome:?}"
        );
        untouched(&c, "doomed").await?;

        // A failure of this crate's, inside the body, arrives converted.
        let outcome = c
            .transaction(|tx| async move {
                Entry::create(&tx, &entry("doomed", 1)).id("doomed").await?;
                Account::decrement(&tx, "ada", a.balance).by(-5).await?;
                Ok::<_, TransferError>(())
            })
            .await;
        assert!(
            matches!(&outcome, Err(TransferError::Appwrite(Error::Validation { column: Some(k), .. })) if k == "balance"),
            "{outcome:?}"
        );
        untouched(&c, "doomed").await?;

        // And on `Ok` the value is committed.
        let paid = c
            .transaction(|tx| async move {
                Account::decrement(&tx, "ada", a.balance).by(30).await?;
                Ok::<_, TransferError>(30)
            })
            .await
            .map_err(|e| Error::Config {
                reason: format!("{e:?}"),
            })?;
        assert_eq!(paid, 30);
        assert_eq!(Account::get(&c, "ada").await?.balance, 70);
        Ok(())
    })
    .await;
}
