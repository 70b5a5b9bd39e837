//! The pieces error messages are made of.

use std::time::{Duration, SystemTime};

pub(super) fn on_table(table: Option<&str>) -> String {
    table
        .map(|t| format!(" on table `{t}`"))
        .unwrap_or_default()
}

pub(super) fn kind_part(kind: &str) -> String {
    if kind.is_empty() {
        String::new()
    } else {
        format!(" ({kind})")
    }
}

pub(super) fn column_part(column: Option<&str>) -> String {
    column
        .map(|c| format!(", column `{c}`"))
        .unwrap_or_default()
}

pub(super) fn place(table: Option<&str>, column: Option<&str>) -> String {
    match (table, column) {
        (Some(t), Some(c)) => format!(" for table `{t}`, column `{c}`"),
        (Some(t), None) => format!(" for table `{t}`"),
        (None, Some(c)) => format!(" for column `{c}`"),
        (None, None) => String::new(),
    }
}

pub(super) fn unique_index(index: Option<&str>, columns: &[&str]) -> String {
    match index {
        Some(index) if columns.is_empty() => format!("the unique index `{index}`"),
        Some(index) => format!("the unique index `{index}` ({})", columns.join(", ")),
        None => "a unique index".to_owned(),
    }
}

pub(super) fn outcome_part(outcome: Option<crate::WriteOutcome>) -> String {
    match outcome {
        // A refused write is what an error means by default; only the surprising
        // outcomes are spelled out.
        None | Some(crate::WriteOutcome::NotApplied) => String::new(),
        Some(other) => format!("; {other}"),
    }
}

pub(super) fn tries(attempts: u32, elapsed: Duration) -> String {
    let plural = if attempts == 1 { "" } else { "s" };
    // Milliseconds are enough for a person; the exact value is in the field.
    let elapsed = Duration::from_millis(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX));
    format!(" ({attempts} attempt{plural} in {elapsed:?})")
}

pub(super) fn until(reset: Option<SystemTime>) -> String {
    let Some(reset) = reset else {
        return String::new();
    };
    match reset.duration_since(SystemTime::now()) {
        Ok(wait) => format!(" for another {}s", wait.as_secs()),
        Err(_) => " (the window has ended)".into(),
    }
}
