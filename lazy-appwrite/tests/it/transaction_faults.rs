//! Transactions under faults: a commit whose answer was lost is settled by one read of the
//! transaction's status, and says what it did; a commit is never sent twice; a closure
//! whose transaction could not begin says its body was not applied.

use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use lazy_appwrite::response::TransactionStatus;
use lazy_appwrite::{Client, Error, RetryPolicy, WriteOutcome};
use support::warn_counter::WarnCounter;
use support::{FakeServer, Reply, Request};

fn client(endpoint: &str, timeout: Duration) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .project("p")
        .api_key("standard_tx_fault_key_0123")
        .request_timeout(timeout)
        .connect_timeout(Duration::from_secs(2))
        .retry(
            RetryPolicy::default()
                .with_max_attempts(4)
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(50))
                .with_budget(Duration::from_secs(10)),
        )
        .build()
        .unwrap()
}

/// A transaction `tx1` in `status`, as the server answers it.
fn transaction(status: &str) -> Reply {
    Reply::json(
        200,
        format!(
            r#"{{"$id":"tx1","$createdAt":"2026-12-07T04:19:50.827+00:00","$updatedAt":"2026-12-07T04:19:53.500+00:00","status":"{status}","operations":3,"expiresAt":"2026-12-07T04:24:50.826+00:00"}}"#
        ),
    )
}

/// A server that answers the commit (`PATCH`) with `commit` and every read of the
/// transaction with `read`.
async fn server(commit: Reply, read: Reply) -> FakeServer {
    FakeServer::start(move |request: &Request, _| {
        if request.method == "PATCH" {
            commit.clone()
        } else {
            read.clone()
        }
    })
    .await
}

fn methods(server: &FakeServer) -> Vec<String> {
    server.requests().into_iter().map(|r| r.method).collect()
}

#[tokio::test]
async fn a_lost_commit_answer_is_settled_by_the_transactions_status() {
    let stall = || Reply::Stall(Duration::from_secs(5));
    let busy = || Reply::error(503, "general_server_error", "busy");
    let gone = || {
        Reply::error(
            404,
            "transaction_not_found",
            "Transaction with the requested ID could not be found.",
        )
    };
    // (what the commit meets, what the read shows, the outcome: None for success)
    let cases = [
        (Reply::Reset, transaction("committed"), None),
        (busy(), transaction("committed"), None),
        (stall(), transaction("committed"), None),
        (
            Reply::Reset,
            transaction("failed"),
            Some(WriteOutcome::NotApplied),
        ),
        (
            stall(),
            transaction("failed"),
            Some(WriteOutcome::NotApplied),
        ),
        // Still pending: the commit never arrived…
        (
            Reply::Reset,
            transaction("pending"),
            Some(WriteOutcome::NotApplied),
        ),
        (
            busy(),
            transaction("pending"),
            Some(WriteOutcome::NotApplied),
        ),
        // …unless it timed out: a stalled commit may still be carried out.
        (stall(), transaction("pending"), Some(WriteOutcome::Unknown)),
        (
            Reply::Reset,
            transaction("committing"),
            Some(WriteOutcome::Unknown),
        ),
        // The read tells nothing.
        (Reply::Reset, gone(), Some(WriteOutcome::Unknown)),
        (Reply::Reset, Reply::Reset, Some(WriteOutcome::Unknown)),
    ];
    for (i, (commit, read, want)) in cases.into_iter().enumerate() {
        let warnings = WarnCounter::default();
        let server = server(commit, read).await;
        let result = client(&server.endpoint(), Duration::from_millis(200))
            .transactions()
            .commit("tx1")
            .await;
        let sent = methods(&server);
        assert_eq!(sent[0], "PATCH", "case {i}");
        assert!(
            sent[1..].iter().all(|m| m == "GET"),
            "case {i}: the commit is sent once, then only read: {sent:?}"
        );
        match want {
            None => {
                let done = result.unwrap_or_else(|e| panic!("case {i}: {e}"));
                assert_eq!(done.status, TransactionStatus::Committed, "case {i}");
                assert_eq!(sent.len(), 2, "case {i}: one settling read");
            }
            Some(outcome) => {
                let err = result.expect_err("the commit fails");
                assert_eq!(err.outcome(), Some(outcome), "case {i}: {err}");
                assert_eq!(err.operation(), Some("transactions.commit"), "case {i}");
            }
        }
        // A settled commit says so once; one left unknown adds nothing to the log but
        // the read's own retries.
        if want != Some(WriteOutcome::Unknown) {
            assert_eq!(warnings.warnings(), 1, "case {i}: {}", warnings.all_text());
        }
    }
}

#[tokio::test]
async fn a_refused_commit_is_not_read_back() {
    let server = server(
        Reply::error(
            409,
            "transaction_conflict",
            "The transaction has a conflict. Please resolve the conflict and try again.",
        ),
        transaction("failed"),
    )
    .await;
    let err = client(&server.endpoint(), Duration::from_secs(2))
        .transactions()
        .commit("tx1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert_eq!(err.outcome(), Some(WriteOutcome::NotApplied));
    assert_eq!(methods(&server), ["PATCH"]);
}

#[tokio::test]
async fn a_typed_commit_settled_as_committed_succeeds() {
    let server = FakeServer::start(|request: &Request, _| match request.method.as_str() {
        "POST" => {
            let Reply::Http { body, headers, .. } = transaction("pending") else {
                unreachable!()
            };
            Reply::Http {
                status: 201,
                headers,
                body,
            }
        }
        "PATCH" => Reply::Reset,
        _ => transaction("committed"),
    })
    .await;
    let client = client(&server.endpoint(), Duration::from_secs(2));
    let tx = client.begin().await.unwrap();
    let done = tx.commit().await.unwrap();
    assert_eq!(done.status, TransactionStatus::Committed);
    assert_eq!(methods(&server), ["POST", "PATCH", "GET"]);
}

#[tokio::test]
async fn a_closure_whose_transaction_cannot_begin_was_not_applied() {
    let server = FakeServer::always(Reply::error(503, "general_server_error", "busy")).await;
    let ran = Arc::new(AtomicBool::new(false));
    let body_ran = ran.clone();
    let err = client(&server.endpoint(), Duration::from_secs(2))
        .transaction(|_tx| async move {
            body_ran.store(true, Ordering::SeqCst);
            Ok::<_, Error>(())
        })
        .await
        .unwrap_err();
    assert!(!ran.load(Ordering::SeqCst), "the body never ran");
    assert_eq!(err.status(), Some(503));
    // The begin request itself may have opened a transaction (an empty one, which
    // expires); nothing the body would have written is applied.
    assert_eq!(err.outcome(), Some(WriteOutcome::NotApplied), "{err}");
    assert_eq!(methods(&server), ["POST"]);
}
