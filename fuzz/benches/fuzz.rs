//! The long generated-input run: `cargo bench -p lazy-appwrite-fuzz`. `FUZZ_CASES` (default
//! 10,000,000) is shared among the targets by fixed weights; `FUZZ_SEED` (default 1) fixes
//! the inputs. Prints, per target, the cases, how many were accepted, the failures (panics,
//! answers not shaped like Appwrite's) and the rate; then the 5xx answers by kind and the
//! first failing inputs. Exits with 1 if anything failed.

use std::time::Instant;

use lazy_appwrite_emulator::AppwriteVersion;
use lazy_appwrite_fuzz::input::Gen;
use lazy_appwrite_fuzz::report::Tally;
use lazy_appwrite_fuzz::{client, derive, emulator};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() -> std::io::Result<()> {
    let total = env_u64("FUZZ_CASES", 10_000_000);
    let seed = env_u64("FUZZ_SEED", 1);
    let share = |per_mille: u64| total * per_mille / 1000;
    let mut g = Gen::new(seed);
    let mut rows: Vec<(String, Tally, f64)> = Vec::new();
    // Silence the panic messages of caught panics: they are counted and shown below.
    std::panic::set_hook(Box::new(|_| {}));

    for version in [AppwriteVersion::V1_8_1, AppwriteVersion::V1_9_6] {
        let mut target = emulator::Target::new(version)?;
        type Run = fn(&mut emulator::Target, &mut Gen, u64, &mut Tally);
        let runs: [(&str, Run, u64); 3] = [
            ("queries", emulator::queries, share(110)),
            ("row bodies", emulator::row_bodies, share(70)),
            ("column bodies", emulator::column_bodies, share(20)),
        ];
        for (name, run, cases) in runs {
            let started = Instant::now();
            let mut tally = Tally::default();
            run(&mut target, &mut g, cases, &mut tally);
            rows.push((
                format!("emulator {version:?} {name}"),
                tally,
                started.elapsed().as_secs_f64(),
            ));
        }
        println!("emulator {version:?}: slowest answer {:?}", target.slowest);
    }
    type Check = fn(&mut Gen, u64, &mut Tally);
    let checks: [(&str, Check, u64); 4] = [
        (
            "client coerce+validate",
            client::coerce_and_validate,
            share(250),
        ),
        ("client row decoder", client::decode_rows, share(150)),
        (
            "client ID/time/permission",
            client::parse_strings,
            share(200),
        ),
        ("derive attributes", derive::attributes, share(200)),
    ];
    for (name, run, cases) in checks {
        let started = Instant::now();
        let mut tally = Tally::default();
        run(&mut g, cases, &mut tally);
        rows.push((name.to_owned(), tally, started.elapsed().as_secs_f64()));
    }

    println!("\n| target | cases | accepted | failures | cases/s |");
    println!("|---|---:|---:|---:|---:|");
    let (mut cases, mut failures) = (0, 0);
    for (name, tally, secs) in &rows {
        cases += tally.cases;
        failures += tally.failure_count();
        println!(
            "| {name} | {} | {} | {} | {:.0} |",
            tally.cases,
            tally.accepted,
            tally.failure_count(),
            tally.cases as f64 / secs.max(1e-9)
        );
    }
    println!("\ntotal: {cases} cases, {failures} failures (seed {seed})");
    for (name, tally, _) in &rows {
        let server_errors = tally
            .server_errors
            .iter()
            .map(|(k, v)| (format!("5xx {k}"), v));
        let failures = tally.failures.iter().map(|(k, v)| (k.clone(), v));
        for (kind, (count, inputs)) in server_errors.chain(failures) {
            println!("{name}: {count} × {kind}");
            for input in inputs {
                println!("    {input}");
            }
        }
    }
    if failures > 0 {
        std::process::exit(1);
    }
    Ok(())
}
