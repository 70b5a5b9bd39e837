//! The long chaos run: `cargo bench -p lazy-appwrite-chaos`. For 20% and 50% faults, runs
//! `CHAOS_OPS` operations (default 16,000: 2,000 of each kind) at concurrency
//! `CHAOS_CONCURRENCY` (default 16) through the fault proxy, then prints per kind of
//! operation: acknowledged, errors by outcome, lost, duplicated, wrongly reported; then,
//! per kind, how many `Unknown` errors were in effect after all, and for transactions the
//! errors by the step that failed. Exits with 1 if anything was lost, duplicated or
//! wrongly reported.

use std::time::{Duration, Instant};

use lazy_appwrite_chaos::oracle::{commits_with_lost_answers, judge, state};
use lazy_appwrite_chaos::proxy::{FaultPlan, Proxy, address_of};
use lazy_appwrite_chaos::workload::{OpKind, client, prepare, run};
use lazy_appwrite_emulator::Emulator;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ops = env_u64("CHAOS_OPS", 16_000);
    let concurrency = env_u64("CHAOS_CONCURRENCY", 16) as usize;
    let mut bad = 0;
    for rate in [0.2, 0.5] {
        let emulator = Emulator::builder()
            .processing_delay(Duration::ZERO)
            .start()
            .await?;
        let (project, key) = (emulator.project().to_owned(), emulator.key().to_owned());
        let direct = client(emulator.endpoint(), &project, &key, Duration::from_secs(30))?;
        prepare(&direct, ops).await?;
        let upstream = address_of(emulator.endpoint()).ok_or("not a local endpoint")?;
        let plan = FaultPlan {
            rate,
            seed: env_u64("CHAOS_SEED", 1),
            stall: Duration::from_millis(400),
        };
        let proxy = Proxy::start(upstream, plan).await?;
        let faulty = client(
            &proxy.endpoint(),
            &project,
            &key,
            Duration::from_millis(250),
        )?;
        let started = Instant::now();
        let reports = run(&faulty, ops, concurrency).await;
        let secs = started.elapsed().as_secs_f64();
        let exchanges = proxy.exchanges();
        let faults = exchanges
            .iter()
            .filter(|e| e.fault != lazy_appwrite_chaos::proxy::Fault::None)
            .count();
        let figures = judge(&reports, &state(&direct).await?, &exchanges);
        println!(
            "\n## {:.0}% faults: {ops} operations at concurrency {concurrency} in {secs:.1} s; {} requests, {faults} faulted\n",
            rate * 100.0,
            exchanges.len()
        );
        println!(
            "| operation | ops | acknowledged | NotApplied | Applied | Unknown | bulk error | no outcome | lost | duplicated | wrongly reported |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (kind, f) in &figures {
            let e = |k: &str| f.errors.get(k).copied().unwrap_or(0);
            println!(
                "| {kind:?} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                f.ops,
                f.acknowledged,
                e("NotApplied"),
                e("Applied"),
                e("Unknown"),
                e("bulk"),
                e("none"),
                f.lost,
                f.duplicated,
                f.wrongly_reported
            );
            bad += f.lost + f.duplicated + f.wrongly_reported;
        }
        println!();
        for (kind, f) in &figures {
            let unknown = f.errors.get("Unknown").copied().unwrap_or(0);
            if unknown > 0 {
                println!(
                    "- {kind:?}: {} of {unknown} Unknown were in effect afterwards",
                    f.unknown_in_effect
                );
            }
        }
        if let Some(f) = figures.get(&OpKind::Transaction) {
            let steps: Vec<String> = f
                .errors_by_step
                .iter()
                .map(|(step, n)| format!("{step} {n}"))
                .collect();
            println!("- Transaction errors by step: {}", steps.join(", "));
            println!(
                "- commits the server carried out whose answer was lost: {} (each acknowledged, \
                 or among the Unknown in effect)",
                commits_with_lost_answers(&exchanges)
            );
        }
        for (kind, f) in &figures {
            for example in &f.examples {
                println!("{kind:?}: {example}");
            }
        }
        emulator.shutdown().await;
    }
    if bad > 0 {
        std::process::exit(1);
    }
    Ok(())
}
