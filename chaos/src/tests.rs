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
        "{rate}: {faults} faults of {} requests; {figures:#?}",
        proxy.exchanges().len()
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
    chaos_run(0.2, 210).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_write_is_lost_duplicated_or_misreported_at_50_percent_faults() {
    chaos_run(0.5, 140).await;
}

/// The judge itself: a lost write, a duplicate and a wrong report are each caught.
#[test]
fn the_judge_catches_lost_duplicated_and_misreported_writes() {
    use std::collections::HashMap;

    use lazy_appwrite::WriteOutcome;

    use crate::workload::{OpKind, Reported};

    let not_applied = Reported::Err {
        outcome: Some(WriteOutcome::NotApplied),
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
