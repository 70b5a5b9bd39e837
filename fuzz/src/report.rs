//! What a run saw: cases, answers by status, server errors by kind, and the failures
//! (panics, answers not shaped like Appwrite's), with the first inputs of each kept so
//! they can be turned into regression tests.

use std::collections::BTreeMap;

/// How many failing inputs of each kind are kept.
const KEPT: usize = 5;

/// The counts of one target's run.
#[derive(Default)]
pub struct Tally {
    /// Inputs run.
    pub cases: u64,
    /// Inputs accepted (a 2xx answer, or `Ok` from a client rule).
    pub accepted: u64,
    /// Answers by HTTP status (emulator targets only).
    pub statuses: BTreeMap<u16, u64>,
    /// 5xx answers by `type message`, with the first inputs of each.
    pub server_errors: BTreeMap<String, (u64, Vec<String>)>,
    /// Failures by kind, with the first inputs of each.
    pub failures: BTreeMap<String, (u64, Vec<String>)>,
}

impl Tally {
    /// An answer with no problem.
    pub fn pass(
        &mut self,
        status: u16,
        server_error: Option<String>,
        input: impl FnOnce() -> String,
    ) {
        self.cases += 1;
        if (200..300).contains(&status) {
            self.accepted += 1;
        }
        *self.statuses.entry(status).or_default() += 1;
        if let Some(kind) = server_error {
            keep(self.server_errors.entry(kind).or_default(), input);
        }
    }

    /// A client-side check that accepted (`true`) or refused its input, without a problem.
    pub fn checked(&mut self, accepted: bool) {
        self.cases += 1;
        self.accepted += u64::from(accepted);
    }

    /// A failure of kind `kind` on `input`.
    pub fn fail(&mut self, kind: &str, input: String) {
        self.cases += 1;
        keep(self.failures.entry(kind.to_owned()).or_default(), || input);
    }

    /// Failures of every kind.
    pub fn failure_count(&self) -> u64 {
        self.failures.values().map(|(n, _)| n).sum()
    }
}

/// Counts one more, and keeps its input if fewer than [`KEPT`] are kept.
fn keep(entry: &mut (u64, Vec<String>), input: impl FnOnce() -> String) {
    entry.0 += 1;
    if entry.1.len() < KEPT {
        entry.1.push(input().chars().take(2000).collect());
    }
}
