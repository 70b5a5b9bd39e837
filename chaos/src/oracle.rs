//! The judge: the server's state, read without faults, against what the client reported
//! for each operation.

use std::collections::{BTreeMap, HashMap, HashSet};

use lazy_appwrite::{Client, Model, Table, WriteOutcome};

use crate::proxy::Exchange;
use crate::workload::{BULK_ROWS, Item, OpKind, Reported};

/// Every row of the table: ID → (tag, n).
pub async fn state(direct: &Client) -> lazy_appwrite::Result<HashMap<String, (String, i64)>> {
    let mut rows = HashMap::new();
    let mut after: Option<String> = None;
    loop {
        let mut query = Item::query().limit(1000);
        if let Some(id) = &after {
            query = query.cursor_after(id.clone());
        }
        let page = Item::list(direct, query).await?;
        let Some(last) = page.rows.last() else {
            return Ok(rows);
        };
        after = Some(last.id.clone());
        for row in page.rows {
            rows.insert(row.id.clone(), (row.data.tag, row.data.n));
        }
    }
}

/// Commits the server carried out (`200`) whose answer the proxy then lost: each must be
/// reported done (the client settles it by reading the transaction) or `Unknown`.
pub fn commits_with_lost_answers(exchanges: &[Exchange]) -> u64 {
    let commit = br#""commit":true"#;
    exchanges
        .iter()
        .filter(|e| {
            e.method == "PATCH"
                && e.path.starts_with("/v1/tablesdb/transactions/")
                && e.body.windows(commit.len()).any(|w| w == commit)
                && e.fault.loses_the_answer()
                && e.upstream_status == Some(200)
        })
        .count() as u64
}

/// The figures of one run, by kind of operation.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    /// Operations run.
    pub ops: u64,
    /// Reported done.
    pub acknowledged: u64,
    /// Errors by outcome (`NotApplied`, `Applied`, `Unknown`, `none`).
    pub errors: BTreeMap<String, u64>,
    /// Reported done but not in effect.
    pub lost: u64,
    /// More than one row from one create.
    pub duplicated: u64,
    /// Errors that said the wrong thing, or no outcome.
    pub wrongly_reported: u64,
    /// Errors saying `Unknown` whose write turned out to be in effect (all of it, for a
    /// transaction).
    pub unknown_in_effect: u64,
    /// Errors by the request that failed and their outcome (`transactions.commit
    /// Unknown`): for a transaction, which step failed.
    pub errors_by_step: BTreeMap<String, u64>,
    /// The first wrong reports, to show.
    pub examples: Vec<String>,
}

impl Figures {
    fn wrong(&mut self, what: String) {
        self.wrongly_reported += 1;
        if self.examples.len() < 5 {
            self.examples.push(what);
        }
    }

    fn lost_one(&mut self, what: String) {
        self.lost += 1;
        if self.examples.len() < 5 {
            self.examples.push(format!("lost: {what}"));
        }
    }
}

/// Judges every operation's report against `state`; `exchanges` tells what the proxy did
/// to each request.
pub fn judge(
    reports: &[Reported],
    state: &HashMap<String, (String, i64)>,
    exchanges: &[Exchange],
) -> BTreeMap<OpKind, Figures> {
    let mut by_tag: HashMap<&str, u64> = HashMap::new();
    for (tag, _) in state.values() {
        *by_tag.entry(tag.as_str()).or_default() += 1;
    }
    // Rows with a delete attempt that, as far as the client can tell, may have reached the
    // server: the client may then take a later 404 (or a read showing no row) for its own
    // delete done.
    let maybe_deleted: HashSet<&str> = exchanges
        .iter()
        .filter(|e| e.method == "DELETE" && !e.fault.surely_not_applied())
        .map(|e| e.path.as_str())
        .collect();
    let mut figures: BTreeMap<OpKind, Figures> = BTreeMap::new();
    for (i, report) in reports.iter().enumerate() {
        let i = i as u64;
        let kind = OpKind::of(i);
        let f = figures.entry(kind).or_default();
        f.ops += 1;
        match report {
            Reported::Ok => f.acknowledged += 1,
            Reported::Err {
                outcome, operation, ..
            } => {
                let name = outcome.map_or("none".to_owned(), |o| format!("{o:?}"));
                let step = format!("{} {name}", operation.unwrap_or("(no operation)"));
                *f.errors_by_step.entry(step).or_default() += 1;
                *f.errors.entry(name).or_default() += 1;
            }
            Reported::Bulk { .. } => *f.errors.entry("bulk".into()).or_default() += 1,
        }
        // Whether the operation's write is in effect.
        let effect = match kind {
            OpKind::CreateWithId => state.contains_key(&format!("c{i}")),
            OpKind::CreateDefaultId => {
                let count = by_tag.get(format!("a{i}").as_str()).copied().unwrap_or(0);
                if count > 1 {
                    f.duplicated += 1;
                }
                count > 0
            }
            OpKind::Update => state
                .get(&format!("u{i}"))
                .is_some_and(|r| r.1 == i as i64 + 1),
            OpKind::Upsert => state
                .get(&format!("p{i}"))
                .is_some_and(|r| r.1 == i as i64 + 1),
            OpKind::DeleteExisting => !state.contains_key(&format!("d{i}")),
            OpKind::DeleteMissing => false,
            OpKind::BulkCreate => {
                judge_bulk(f, i, report, state);
                continue;
            }
            OpKind::Transaction => {
                judge_transaction(f, i, report, state);
                continue;
            }
        };
        if effect
            && matches!(
                report,
                Reported::Err {
                    outcome: Some(WriteOutcome::Unknown),
                    ..
                }
            )
        {
            f.unknown_in_effect += 1;
        }
        match report {
            Reported::Ok if kind == OpKind::DeleteMissing => {
                // The row never existed. "Deleted" is wrong when every attempt surely
                // missed the server: the client could tell, and should say not found.
                let path = format!("/v1/tablesdb/chaos/tables/chaos/rows/m{i}");
                if !maybe_deleted.contains(path.as_str()) {
                    f.wrong(format!(
                        "op {i} {kind:?}: reported deleted, but every attempt surely missed the server"
                    ));
                }
            }
            Reported::Ok if !effect => f.lost_one(format!("op {i} {kind:?}")),
            Reported::Ok => {}
            Reported::Err {
                outcome,
                not_found,
                text,
                ..
            } => match outcome {
                None => f.wrong(format!("op {i} {kind:?}: no outcome: {text}")),
                Some(WriteOutcome::NotApplied) if effect => f.wrong(format!(
                    "op {i} {kind:?}: said not applied, but applied: {text}"
                )),
                Some(WriteOutcome::Applied) if !effect => {
                    f.lost_one(format!("op {i} {kind:?}: said applied: {text}"))
                }
                _ if *not_found && kind == OpKind::DeleteExisting => f.wrong(format!(
                    "op {i} {kind:?}: not found, but the row existed: {text}"
                )),
                _ => {}
            },
            Reported::Bulk { .. } => {}
        }
    }
    figures
}

fn judge_bulk(f: &mut Figures, i: u64, report: &Reported, state: &HashMap<String, (String, i64)>) {
    let present = |k: u64| state.contains_key(&format!("b{i}-{k}"));
    match report {
        Reported::Ok => {
            for k in (0..BULK_ROWS).filter(|k| !present(*k)) {
                f.lost_one(format!("op {i} bulk row {k}"));
            }
        }
        Reported::Bulk {
            written,
            failed,
            unknown,
            text,
        } => {
            for k in 0..BULK_ROWS {
                let is_failed = failed.as_ref().is_some_and(|r| r.contains(&k));
                let is_unknown = unknown.as_ref().is_some_and(|r| r.contains(&k));
                if is_failed && present(k) {
                    f.wrong(format!(
                        "op {i} bulk row {k}: listed failed, but stored: {text}"
                    ));
                } else if !is_failed && !is_unknown && k < *written && !present(k) {
                    f.lost_one(format!("op {i} bulk row {k}: counted written: {text}"));
                }
            }
        }
        Reported::Err { text, .. } => f.wrong(format!("op {i} bulk: not a bulk error: {text}")),
    }
}

/// A transaction's three writes: all in effect, none, or some (torn: the commit was not
/// all or nothing). Torn counts as lost whatever was reported; otherwise `Ok` or `Applied`
/// with none in effect is lost, `NotApplied` with all in effect is wrongly reported, and
/// `Unknown` is honest.
fn judge_transaction(
    f: &mut Figures,
    i: u64,
    report: &Reported,
    state: &HashMap<String, (String, i64)>,
) {
    let in_effect = [
        state.contains_key(&format!("t{i}-c")),
        state
            .get(&format!("t{i}-u"))
            .is_some_and(|r| r.1 == i as i64 + 1),
        !state.contains_key(&format!("t{i}-d")),
    ];
    let applied = in_effect.iter().filter(|e| **e).count();
    if applied != 0 && applied != in_effect.len() {
        f.lost_one(format!(
            "op {i} transaction torn: create, update, delete in effect {in_effect:?} ({report:?})"
        ));
        return;
    }
    let all = applied == in_effect.len();
    match report {
        Reported::Ok if !all => f.lost_one(format!("op {i} transaction: committed, not in effect")),
        Reported::Ok => {}
        Reported::Err { outcome, text, .. } => match outcome {
            None => f.wrong(format!("op {i} transaction: no outcome: {text}")),
            Some(WriteOutcome::NotApplied) if all => f.wrong(format!(
                "op {i} transaction: said not applied, but applied: {text}"
            )),
            Some(WriteOutcome::Applied) if !all => {
                f.lost_one(format!("op {i} transaction: said applied: {text}"))
            }
            Some(WriteOutcome::Unknown) if all => f.unknown_in_effect += 1,
            _ => {}
        },
        Reported::Bulk { text, .. } => f.wrong(format!("op {i} transaction: a bulk error: {text}")),
    }
}
