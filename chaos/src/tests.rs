//! The CI run: a few hundred operations, one at a time, at 20% and 50% faults, seeded.

use std::time::Duration;

use lazy_appwrite_emulator::Emulator;

use crate::oracle::{judge, state};
use crate::proxy::{FaultPlan, Proxy};
use crate::workload::{client, prepare, run};

async fn chaos_run(rate: f64, ops: u64) {
    let emulator = Emulator::builder()
        .processing_delay(Duration::ZERO)
        .start()
        .await
        .expect("the emulator starts");
    let (project, key) = (emulator.project().to_owned(), emulator.key().to_owned());
    let direct =
        client(emulator.endpoint(), &project, &key, Duration::from_secs(10)).expect("a client");
    prepare(&direct, ops).await.expect("the starting rows");
    let upstream = crate::proxy::address_of(emulator.endpoint()).expect("a local endpoint");
    let plan = FaultPlan {
        rate,
        seed: 7,
        stall: Duration::from_millis(250),
    };
    let proxy = Proxy::start(upstream, plan)
        .await
        .expect("the proxy starts");
    let faulty = client(
        &proxy.endpoint(),
        &project,
        &key,
        Duration::from_millis(150),
    )
    .expect("a client");
    let reports = run(&faulty, ops, 1).await;
    let state = state(&direct).await.expect("the state");
    let figures = judge(&reports, &state, &proxy.exchanges());
    let faults = proxy
        .exchanges()
        .iter()
        .filter(|e| e.fault != crate::proxy::Fault::None)
        .count();
    eprintln!(
        "{rate}: {faults} faults of {} requests, {} commits carried out with their answer lost; {figures:#?}",
        proxy.exchanges().len(),
        crate::oracle::commits_with_lost_answers(&proxy.exchanges())
    );
    assert!(faults > 0, "the proxy injected no fault");
    for (kind, f) in &figures {
        assert_eq!(
            (f.lost, f.duplicated, f.wrongly_reported),
            (0, 0, 0),
            "{rate} faults, {kind:?}: {f:#?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_write_is_lost_duplicated_or_misreported_at_20_percent_faults() {
    chaos_run(0.2, 240).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_write_is_lost_duplicated_or_misreported_at_50_percent_faults() {
    chaos_run(0.5, 160).await;
}

/// The judge itself: a lost write, a duplicate and a wrong report are each caught.
#[test]
fn the_judge_catches_lost_duplicated_and_misreported_writes() {
    use std::collections::HashMap;

    use lazy_appwrite::WriteOutcome;

    use crate::workload::{OpKind, Reported};

    let not_applied = Reported::Err {
        outcome: Some(WriteOutcome::NotApplied),
        operation: Some("rows.create"),
        not_found: false,
        text: "refused".into(),
    };
    // Op 0 creates `c0` (reported done, absent: lost); op 1 creates tag `a1` (refused, but
    // stored twice: duplicated and wrongly reported); op 2 updates `u2` (done, in effect).
    let reports = vec![Reported::Ok, not_applied, Reported::Ok];
    let state: HashMap<String, (String, i64)> = [
        ("x1".to_owned(), ("a1".to_owned(), 1)),
        ("x2".to_owned(), ("a1".to_owned(), 1)),
        ("u2".to_owned(), ("u2".to_owned(), 3)),
    ]
    .into_iter()
    .collect();
    let figures = judge(&reports, &state, &[]);
    let create = &figures[&OpKind::CreateWithId];
    assert_eq!(
        (create.lost, create.duplicated, create.wrongly_reported),
        (1, 0, 0)
    );
    let default_id = &figures[&OpKind::CreateDefaultId];
    assert_eq!(
        (
            default_id.lost,
            default_id.duplicated,
            default_id.wrongly_reported
        ),
        (0, 1, 1)
    );
    let update = &figures[&OpKind::Update];
    assert_eq!(
        (update.lost, update.duplicated, update.wrongly_reported),
        (0, 0, 0)
    );
}

/// The judge of transactions: all of a transaction's writes or none of them, as reported.
#[test]
fn the_judge_catches_torn_lost_and_misreported_transactions() {
    use std::collections::HashMap;

    use lazy_appwrite::WriteOutcome;

    use crate::workload::{OpKind, Reported};

    let err = |outcome| Reported::Err {
        outcome: Some(outcome),
        operation: Some("transactions.commit"),
        not_found: false,
        text: "lost".into(),
    };
    let mut state: HashMap<String, (String, i64)> = HashMap::new();
    // Which of the create, the update and the delete of transaction `i` are in effect.
    let mut writes = |i: u64, [create, update, delete]: [bool; 3]| {
        if create {
            state.insert(format!("t{i}-c"), (format!("t{i}"), 1));
        }
        let n = if update { i as i64 + 1 } else { 0 };
        state.insert(format!("t{i}-u"), (format!("t{i}-u"), n));
        if !delete {
            state.insert(format!("t{i}-d"), (format!("t{i}-d"), 0));
        }
    };
    let mut reports = vec![Reported::Ok; 48];
    // Op 7: committed, all in effect. Op 15: committed, torn (lost). Op 23: said not
    // applied, all in effect (wrong). Op 31: unknown, none in effect. Op 39: unknown,
    // torn (lost). Op 47: unknown, all in effect.
    writes(7, [true; 3]);
    writes(15, [true, false, false]);
    writes(23, [true; 3]);
    reports[23] = err(WriteOutcome::NotApplied);
    writes(31, [false; 3]);
    reports[31] = err(WriteOutcome::Unknown);
    writes(39, [false, false, true]);
    reports[39] = err(WriteOutcome::Unknown);
    writes(47, [true; 3]);
    reports[47] = err(WriteOutcome::Unknown);
    assert!(
        (7..48)
            .step_by(8)
            .all(|i| OpKind::of(i) == OpKind::Transaction)
    );
    let figures = judge(&reports, &state, &[]);
    let tx = &figures[&OpKind::Transaction];
    assert_eq!(
        (
            tx.ops,
            tx.acknowledged,
            tx.lost,
            tx.duplicated,
            tx.wrongly_reported,
            tx.unknown_in_effect
        ),
        (6, 2, 2, 0, 1, 1),
        "{tx:#?}"
    );
    assert_eq!(tx.errors_by_step["transactions.commit Unknown"], 3);
}
