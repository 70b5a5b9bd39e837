//! Replays the exchanges recorded from real Appwrite servers (`tests/recordings/<version>/`,
//! see the README there) against the emulator in that version's profile, and compares every
//! answer with the recorded one after the README's normalization.
//!
//! Every version directory with an `index.json` is replayed; a new one only needs its
//! profile in `src/profile.rs`. Per version it prints
//! `replay <version>: N exchanges, E equal, K known differences, P pending, F failed`, where
//! a poll run counts as one exchange (its last poll). It fails when F > 0, and when an
//! exchange listed in `tests/replay/not_yet_matching.txt` now matches (the list may only
//! shrink). `tests/replay/known_differences.txt` may only list timing-dependent exchanges
//! (the racy classes, and status reads whose only difference is the worker's state).
//! `REPLAY_REPORT=<file>` writes every differing exchange in the list format (and, in
//! `<file>.details`, with both values).

#[path = "replay/corpus.rs"]
mod corpus;
#[path = "replay/diff.rs"]
mod diff;
#[path = "replay/lists.rs"]
mod lists;
#[path = "replay/mapping.rs"]
mod mapping;
#[path = "replay/normalize.rs"]
mod normalize;
#[path = "replay/run.rs"]
mod run;

use std::fmt::Write as _;
use std::path::Path;

use lazy_appwrite_emulator::AppwriteVersion;

/// How many failures are printed in full.
const SHOWN: usize = 30;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_answers_as_each_recorded_appwrite_does() {
    let lists_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/replay");
    let known = lists::read(&lists_dir.join("known_differences.txt")).expect("known differences");
    let pending = lists::read(&lists_dir.join("not_yet_matching.txt")).expect("pending list");
    let root = corpus::root();
    let versions = corpus::versions(&root);
    assert!(
        !versions.is_empty(),
        "no recordings under {}",
        root.display()
    );

    let mut tasks = Vec::new();
    for name in versions {
        let profile: AppwriteVersion = name
            .parse()
            .unwrap_or_else(|e| panic!("recordings/{name}: no profile: {e}"));
        let files = corpus::load(&root.join(&name)).expect("the corpus loads");
        tasks.push((
            name,
            tokio::spawn(async move { run::version(profile, &files).await }),
        ));
    }

    let mut problems = Vec::new();
    let mut report = String::new();
    let mut details = String::new();
    let mut lines = Vec::new();
    for (name, task) in tasks {
        let compared = task.await.expect("the replay task");
        let (mut equal, mut known_n, mut pending_n, mut failed) = (0, 0, 0, 0);
        let mut seen = std::collections::HashSet::new();
        for c in &compared {
            let key = (name.clone(), c.seq);
            seen.insert(c.seq);
            if let Some(entry) = known.get(&key)
                && !c.racy
            {
                problems.push(format!(
                    "{name} {} seq {}: listed as a known difference ({}) but it is not a racy/poll/status-read/concurrent/random-order/foreign-state exchange",
                    c.case, c.seq, entry.text
                ));
            }
            match &c.difference {
                None if pending.contains_key(&key) => problems.push(format!(
                    "{name} {} seq {}: now matches; remove it from not_yet_matching.txt",
                    c.case, c.seq
                )),
                None => equal += 1,
                Some(d) => {
                    let _ = writeln!(report, "{name} | {} | {} | {}", c.case, c.seq, d.path);
                    let _ = writeln!(
                        details,
                        "{name} | {} | {} | {} {} | {} | expected {} | actual {}",
                        c.case, c.seq, c.method, c.target, d.path, d.expected, d.actual
                    );
                    if known.contains_key(&key) {
                        known_n += 1;
                    } else if pending.contains_key(&key) {
                        pending_n += 1;
                    } else {
                        failed += 1;
                        problems.push(format!(
                            "{name} {} seq {} {} {}: {}: expected {}, actual {}",
                            c.case, c.seq, c.method, c.target, d.path, d.expected, d.actual
                        ));
                    }
                }
            }
        }
        for list in [&known, &pending] {
            for ((v, seq), entry) in list.range((name.clone(), 0)..=(name.clone(), u64::MAX)) {
                if !seen.contains(seq) {
                    problems.push(format!(
                        "{v} {} seq {seq}: listed but not a compared exchange of the corpus",
                        entry.case
                    ));
                }
            }
        }
        let line = format!(
            "replay {name}: {} exchanges, {equal} equal, {known_n} known differences, {pending_n} pending, {failed} failed",
            compared.len()
        );
        println!("{line}");
        lines.push(line);
    }
    if let Ok(path) = std::env::var("REPLAY_REPORT") {
        std::fs::write(&path, &report).expect("the report is written");
        std::fs::write(format!("{path}.details"), &details).expect("the details are written");
    }
    if !problems.is_empty() {
        for p in problems.iter().take(SHOWN) {
            println!("  {p}");
        }
        panic!(
            "{} replay problems ({} shown)\n{}",
            problems.len(),
            problems.len().min(SHOWN),
            lines.join("\n")
        );
    }
}
