//! The two lists kept next to the replay test: known differences (racy exchanges, with a
//! reason) and exchanges that do not match yet (the ratchet, which may only shrink).
//!
//! Both are text files with one entry a line, fields separated by ` | `:
//! `version | case | seq | reason-or-path`. Lines starting with `#` are comments.

use std::collections::BTreeMap;
use std::path::Path;

/// An entry, keyed by `(version, seq)`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub case: String,
    pub text: String,
}

/// Entries keyed by `(version, seq)`.
pub type List = BTreeMap<(String, u64), Entry>;

/// Reads a list file; a missing file is an empty list.
pub fn read(path: &Path) -> Result<List, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(List::new());
    };
    let mut list = List::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.splitn(4, " | ").collect();
        let [version, case, seq, text] = fields.as_slice() else {
            return Err(format!("{}:{}: expected 4 fields", path.display(), n + 1));
        };
        let seq: u64 = seq
            .parse()
            .map_err(|_| format!("{}:{}: bad seq {seq}", path.display(), n + 1))?;
        list.insert(
            (version.to_string(), seq),
            Entry {
                case: case.to_string(),
                text: text.to_string(),
            },
        );
    }
    Ok(list)
}

/// The tags (or note words) that make an exchange timing-dependent, the only kind the
/// known-differences list may hold (besides a `status-read` whose only difference is the
/// worker's state: `status` fields, or `deleting` against already gone).
pub const RACY_CLASSES: &[&str] = &[
    "racy",
    "poll",
    "concurrent",
    "random-order",
    "foreign-state",
];
