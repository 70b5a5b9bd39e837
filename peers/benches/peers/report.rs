//! The report: per-workload tables (medians across rounds), ratios (medians of per-round
//! ratios), the targets, and the request economy. Markdown, so it can go into
//! BENCHMARKS.md as it is.

use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;

use crate::economy::Scenario;
use crate::measure::median;
use crate::orchestrate::{Case, Settings};
use crate::workload::{Result, WorkerReport, Workload};

/// Facts about the machine and the build.
#[derive(Debug, Clone)]
pub struct Machine {
    pub nproc: usize,
    pub cpu: String,
    pub mem_gib: f64,
    pub load_start: String,
    pub load_end: String,
    pub node: String,
    pub rustc: String,
    pub optimised: bool,
    pub quick: bool,
}

/// One worker run and what the emulator counted during it.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub case: usize,
    pub round: usize,
    pub report: WorkerReport,
    /// Requests to `…/rows` (the operations themselves).
    pub row_requests: u64,
    /// Other requests (the lazy client's sync: one read of the table).
    pub other_requests: u64,
}

impl Run {
    pub fn ops_per_s(&self) -> f64 {
        self.report.ops as f64 / self.report.wall_s
    }

    pub fn cpu_per_op_us(&self) -> f64 {
        self.report.cpu_s * 1e6 / self.report.ops as f64
    }

    /// Requests per operation (bulk: per batch of 100), warm-up included.
    pub fn requests_per_op(&self) -> f64 {
        let per_request = self.report.ops as f64 / self.report.requests.max(1) as f64;
        self.row_requests as f64 / (self.report.ops_total as f64 / per_request)
    }
}

fn display_name(client: &str) -> &'static str {
    match client {
        "lazy" => "lazy-appwrite",
        "reqwest" => "raw reqwest",
        "appwrite" => "appwrite 0.22",
        "node" => "node-appwrite 22 (as shipped)",
        "node-ka" => "node-appwrite 22 + keep-alive patch",
        _ => "?",
    }
}

fn count(n: f64) -> String {
    let n = n.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn micros(us: f64) -> String {
    if !us.is_finite() {
        "–".into()
    } else if us < 1_000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.2} ms", us / 1e3)
    }
}

fn ratio(x: f64) -> String {
    if x.is_finite() {
        format!("×{x:.2}")
    } else {
        "–".into()
    }
}

/// The runs of one case and client, in round order.
fn runs_of<'a>(runs: &'a [Run], case: usize, client: &str) -> Vec<&'a Run> {
    runs.iter()
        .filter(|r| r.case == case && r.report.client == client)
        .collect()
}

/// The median across rounds of `f(lazy run) / f(peer run)`, pairing runs of one round.
fn paired(runs: &[Run], case: usize, peer: &str, f: impl Fn(&Run) -> f64) -> f64 {
    let lazy = runs_of(runs, case, "lazy");
    let other = runs_of(runs, case, peer);
    let ratios: Vec<f64> = lazy
        .iter()
        .filter_map(|l| {
            other
                .iter()
                .find(|o| o.round == l.round)
                .map(|o| f(l) / f(o))
        })
        .collect();
    median(&ratios)
}

fn med(runs: &[&Run], f: impl Fn(&Run) -> f64) -> f64 {
    median(&runs.iter().map(|r| f(r)).collect::<Vec<_>>())
}

/// One verdict line of the targets table.
struct Verdict {
    target: String,
    measured: String,
    met: Option<bool>,
}

pub fn render(
    machine: &Machine,
    settings: &Settings,
    cases: &[Case],
    clients: &[String],
    runs: &[Run],
    economy: &[Scenario],
    elapsed: Duration,
) -> Result<String> {
    let mut out = String::new();
    let has = |c: &str| clients.iter().any(|x| x == c);
    writeln!(out, "\n# lazy-appwrite against its peers\n")?;
    writeln!(
        out,
        "- machine: {} cores, {}, {:.0} GiB; load average {} at the start, {} at the end",
        machine.nproc, machine.cpu, machine.mem_gib, machine.load_start, machine.load_end
    )?;
    writeln!(
        out,
        "- build: {}; {}; Node {}",
        if machine.optimised {
            "optimised (bench profile)"
        } else {
            "debug: NOT representative"
        },
        machine.rustc,
        machine.node
    )?;
    writeln!(
        out,
        "- run: {}{} rounds of the single-row workloads, {} of the bulk insert, interleaved (clients rotate each round); {:.0} s in all",
        if machine.quick { "QUICK mode, " } else { "" },
        settings.rounds,
        settings.bulk_rounds,
        elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "- emulator: in the parent process (in-memory SQLite, no processing delay, no rate limits); each client in its own process, on the same 2 cores\n"
    )?;

    writeln!(out, "## Per workload (medians across rounds)\n")?;
    for (index, case) in cases.iter().enumerate() {
        let bulk = case.workload == Workload::Bulk;
        writeln!(
            out,
            "### {} — concurrency {}, {} {} a round\n",
            case.label,
            case.concurrency,
            count(case.ops as f64),
            if bulk { "rows" } else { "operations" }
        )?;
        writeln!(
            out,
            "| client | {} | median{} | p99 | CPU / {} | peak RSS | requests / {} |",
            if bulk { "rows/s" } else { "ops/s" },
            if bulk { " (batch of 100)" } else { "" },
            if bulk { "row" } else { "op" },
            if bulk { "batch" } else { "op" },
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
        for client in clients {
            let mine = runs_of(runs, index, client);
            if mine.is_empty() {
                continue;
            }
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.0} MiB | {:.2} |",
                display_name(client),
                count(med(&mine, Run::ops_per_s)),
                micros(med(&mine, |r| r.report.median_us)),
                micros(med(&mine, |r| r.report.p99_us)),
                micros(med(&mine, Run::cpu_per_op_us)),
                med(&mine, |r| r.report.peak_rss_kib as f64) / 1024.0,
                med(&mine, Run::requests_per_op),
            )?;
        }
        writeln!(out)?;
    }

    writeln!(
        out,
        "## lazy-appwrite against each peer (median of per-round ratios)\n"
    )?;
    writeln!(
        out,
        "Latency and CPU: lazy ÷ peer (below 1 is better). Throughput and ops per client core: lazy ÷ peer (above 1 is better).\n"
    )?;
    writeln!(
        out,
        "| workload | peer | median latency | CPU / op | throughput | ops per client core |"
    )?;
    writeln!(out, "|---|---|---:|---:|---:|---:|")?;
    for (index, case) in cases.iter().enumerate() {
        for peer in clients.iter().filter(|c| *c != "lazy") {
            if runs_of(runs, index, peer).is_empty() || runs_of(runs, index, "lazy").is_empty() {
                continue;
            }
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                case.label,
                display_name(peer),
                ratio(paired(runs, index, peer, |r| r.report.median_us)),
                ratio(paired(runs, index, peer, Run::cpu_per_op_us)),
                ratio(paired(runs, index, peer, Run::ops_per_s)),
                ratio(1.0 / paired(runs, index, peer, Run::cpu_per_op_us)),
            )?;
        }
    }
    writeln!(out)?;

    // Targets.
    let mut verdicts = Vec::new();
    let single: Vec<(usize, &Case)> = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.workload != Workload::Bulk)
        .collect();
    let worst = |peer: &str, f: &dyn Fn(&Run) -> f64, invert: bool| -> (f64, String) {
        let mut worst = (f64::NAN, String::new());
        for (index, case) in &single {
            let mut r = paired(runs, *index, peer, f);
            if invert {
                r = 1.0 / r;
            }
            let worse = if invert { r < worst.0 } else { r > worst.0 };
            if r.is_finite() && (worst.0.is_nan() || worse) {
                worst = (r, case.label.clone());
            }
        }
        worst
    };
    let per_case = |peer: &str, f: &dyn Fn(&Run) -> f64, invert: bool| -> String {
        single
            .iter()
            .map(|(index, case)| {
                let r = paired(runs, *index, peer, f);
                format!("{} {}", case.label, ratio(if invert { 1.0 / r } else { r }))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if has("reqwest") {
        let (w, at) = worst("reqwest", &|r| r.report.median_us, false);
        verdicts.push(Verdict {
            target: "client overhead ≤ 1.05× raw reqwest per operation (median latency)".into(),
            measured: format!(
                "worst {} ({at}); {}",
                ratio(w),
                per_case("reqwest", &|r| r.report.median_us, false)
            ),
            met: w.is_finite().then_some(w <= 1.05),
        });
        let (w, at) = worst("reqwest", &Run::cpu_per_op_us, false);
        verdicts.push(Verdict {
            target: "CPU per operation ≤ 1.10× raw reqwest".into(),
            measured: format!(
                "worst {} ({at}); {}",
                ratio(w),
                per_case("reqwest", &Run::cpu_per_op_us, false)
            ),
            met: w.is_finite().then_some(w <= 1.10),
        });
    }
    if has("appwrite") {
        for label in ["get", "list"] {
            if let Some(index) = cases.iter().position(|c| c.label == label) {
                let r = paired(runs, index, "appwrite", Run::ops_per_s);
                verdicts.push(Verdict {
                    target: format!("≥ 1.3× the appwrite crate's throughput on {label}"),
                    measured: ratio(r),
                    met: r.is_finite().then_some(r >= 1.3),
                });
            }
        }
    }
    for node in ["node", "node-ka"] {
        if !has(node) {
            continue;
        }
        let (w, at) = worst(node, &Run::cpu_per_op_us, true);
        verdicts.push(Verdict {
            target: format!(
                "≥ 3× {} per client core (operations per CPU-second)",
                display_name(node)
            ),
            measured: format!(
                "worst {} ({at}); {}",
                ratio(w),
                per_case(node, &Run::cpu_per_op_us, true)
            ),
            met: w.is_finite().then_some(w >= 3.0),
        });
    }
    let lazy_requests: Vec<f64> = runs
        .iter()
        .filter(|r| r.report.client == "lazy" && cases[r.case].workload != Workload::Bulk)
        .map(Run::requests_per_op)
        .collect();
    if !lazy_requests.is_empty() {
        let max = lazy_requests.iter().copied().fold(0.0, f64::max);
        verdicts.push(Verdict {
            target: "1 request per warm operation".into(),
            measured: format!("{max:.3} at most, over every lazy-appwrite run"),
            met: Some((max - 1.0).abs() < 1e-9),
        });
    }
    for scenario in economy
        .iter()
        .filter(|s| !s.target.is_empty() && !s.name.starts_with("warm"))
    {
        verdicts.push(Verdict {
            target: format!("{}: {}", scenario.name, scenario.target),
            measured: format!(
                "{} sync request(s), {} sync(s)",
                scenario.sync_requests, scenario.syncs
            ),
            met: Some(scenario.target_met),
        });
    }
    if let Some(index) = cases.iter().position(|c| c.workload == Workload::Bulk) {
        let lazy = runs_of(runs, index, "lazy");
        if !lazy.is_empty() {
            let rate = med(&lazy, Run::ops_per_s);
            verdicts.push(Verdict {
                target: "bulk insert ≥ 50,000 rows/s end to end".into(),
                measured: format!("{} rows/s", count(rate)),
                met: Some(rate >= 50_000.0),
            });
        }
    }
    writeln!(out, "## Targets\n")?;
    writeln!(out, "| target | measured | met |")?;
    writeln!(out, "|---|---|---|")?;
    for v in &verdicts {
        writeln!(
            out,
            "| {} | {} | {} |",
            v.target,
            v.measured,
            match v.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "–",
            }
        )?;
    }
    writeln!(out)?;
    out.push_str(&economy_table(economy));
    Ok(out)
}

/// The request-economy table.
pub fn economy_table(economy: &[Scenario]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Request economy (counted by the emulator)\n\n| scenario | operations | requests in all | of which sync | syncs | JS lazy-appwrite design | target | met |\n|---|---:|---:|---:|---:|---|---|---|"
    );
    for s in economy {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.name,
            count(s.operations as f64),
            count(s.total as f64),
            s.sync_requests,
            s.syncs,
            s.js_design,
            s.target,
            if s.target_met { "yes" } else { "**no**" }
        );
    }
    let _ = writeln!(out, "\nThe sync's requests, per scenario:\n");
    for s in economy.iter().filter(|s| !s.sync_trace.is_empty()) {
        let _ = writeln!(out, "- {}: {}", s.name, s.sync_trace.join("; "));
    }
    out
}
