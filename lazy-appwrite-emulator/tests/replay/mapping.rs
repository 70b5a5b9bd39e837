//! What the replay learns as it goes (README steps 2–4): recorded IDs and JWTs mapped to
//! the emulator's, recorded `$updatedAt` values mapped to the emulator's, and the IDs the
//! replay created.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde_json::Value;

/// The replay's memory of recorded-to-actual values.
#[derive(Default)]
pub struct Mapping {
    /// Recorded ID (or `<API_KEY>`, `<JWT:u>`) → the value to send instead, longest first
    /// when applied.
    ids: Vec<(String, String)>,
    /// Recorded `$updatedAt` → the emulator's, from the same answer.
    times: Vec<(Timestamp, String, Timestamp)>,
    /// IDs of everything the replay created (for project-wide lists).
    pub created: HashSet<String>,
    /// Keys of columns and indexes whose existence a racy exchange decided differently
    /// here than on the real server.
    pub racy_keys: HashSet<String>,
    exact_times: HashMap<String, String>,
}

impl Mapping {
    /// A mapping that replaces `<API_KEY>` with `key`.
    pub fn new(key: &str) -> Self {
        let mut mapping = Self::default();
        mapping.insert("<API_KEY>".into(), key.into());
        mapping
    }

    fn insert(&mut self, from: String, to: String) {
        if from == to || from.is_empty() {
            return;
        }
        self.ids.retain(|(f, _)| *f != from);
        self.ids.push((from, to));
        self.ids.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
    }

    /// Applies the ID map to text (targets, bodies, headers).
    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (from, to) in &self.ids {
            if out.contains(from.as_str()) {
                out = out.replace(from.as_str(), to);
            }
        }
        out
    }

    /// Applies the ID map to every string inside a JSON value.
    pub fn apply_json(&self, value: &mut Value) {
        match value {
            Value::String(s) if self.ids.iter().any(|(f, _)| s.contains(f.as_str())) => {
                *s = self.apply(s);
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.apply_json(v)),
            Value::Object(map) => {
                let renamed: Vec<(String, String)> = map
                    .keys()
                    .filter(|k| self.ids.iter().any(|(f, _)| k.contains(f.as_str())))
                    .map(|k| (k.clone(), self.apply(k)))
                    .collect();
                for (old, new) in renamed {
                    if let Some(v) = map.remove(&old) {
                        map.insert(new, v);
                    }
                }
                map.values_mut().for_each(|v| self.apply_json(v));
            }
            _ => {}
        }
    }

    /// Learns from an answer: server-made IDs at the recorded paths, a JWT, the
    /// `$updatedAt` values, the created `$id`, and a row column the note says holds the
    /// server's time (`server time in \`at\``, written by `dateSetNow`), which later reads
    /// show again.
    pub fn learn(
        &mut self,
        note: Option<&str>,
        server_ids: &[(String, String)],
        method: &str,
        status: u16,
        recorded: &Value,
        actual: &Value,
    ) {
        for (path, id) in server_ids {
            if let Some(found) = at_path(actual, path).and_then(Value::as_str) {
                self.insert(id.clone(), found.to_string());
            }
        }
        if let (Some(rec), Some(act)) = (
            recorded.get("jwt").and_then(Value::as_str),
            actual.get("jwt").and_then(Value::as_str),
        ) && rec.starts_with("<JWT:")
        {
            self.insert(rec.to_string(), act.to_string());
        }
        self.learn_times(recorded, actual);
        if let Some(column) = note
            .and_then(|n| n.strip_prefix("server time in `"))
            .and_then(|rest| rest.split('`').next())
            && let (Some(rec), Some(act)) = (
                recorded.get(column).and_then(Value::as_str),
                actual.get(column).and_then(Value::as_str),
            )
        {
            self.insert(rec.to_string(), act.to_string());
        }
        if method == "POST" && (200..300).contains(&status) {
            for body in [recorded, actual] {
                if let Some(id) = body.get("$id").and_then(Value::as_str) {
                    self.created.insert(self.apply(id));
                }
            }
        }
    }

    fn learn_times(&mut self, recorded: &Value, actual: &Value) {
        match (recorded, actual) {
            (Value::Object(r), Value::Object(a)) => {
                if let (Some(Value::String(rt)), Some(Value::String(at))) =
                    (r.get("$updatedAt"), a.get("$updatedAt"))
                    && let (Ok(rp), Ok(ap)) = (rt.parse::<Timestamp>(), at.parse::<Timestamp>())
                {
                    self.exact_times.insert(rt.clone(), at.clone());
                    self.times.push((rp, at.clone(), ap));
                }
                for (k, rv) in r {
                    if k != "$updatedAt"
                        && let Some(av) = a.get(k)
                    {
                        self.learn_times(rv, av);
                    }
                }
            }
            (Value::Array(r), Value::Array(a)) => {
                for (rv, av) in r.iter().zip(a) {
                    self.learn_times(rv, av);
                }
            }
            _ => {}
        }
    }

    /// README step 4: the `X-Appwrite-Timestamp` to send for a recorded one.
    pub fn timestamp(&self, recorded: &str) -> String {
        if let Some(actual) = self.exact_times.get(recorded) {
            return actual.clone();
        }
        let Ok(sent) = recorded.parse::<Timestamp>() else {
            return recorded.to_string();
        };
        // README step 4: the Rust suite sends a `$updatedAt` minus 60 s; shift that one
        // before guessing from the nearest recorded time.
        let fmt = |t: Timestamp| t.strftime("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string();
        if let Ok(base) = Timestamp::from_millisecond(sent.as_millisecond() + 60_000)
            && let Some(actual) = self.exact_times.get(&fmt(base))
            && let Ok(actual) = actual.parse::<Timestamp>()
            && let Ok(shifted) = Timestamp::from_millisecond(actual.as_millisecond() - 60_000)
        {
            return fmt(shifted);
        }
        // Derived from a recorded `$updatedAt` otherwise: shift the nearest one.
        let nearest = self.times.iter().rev().min_by_key(|(rec, _, _)| {
            (sent.as_millisecond() - rec.as_millisecond()).unsigned_abs()
        });
        match nearest {
            Some((rec, _, act))
                if (sent.as_millisecond() - rec.as_millisecond()).abs() < 3_600_000 =>
            {
                let delta = sent.as_millisecond() - rec.as_millisecond();
                Timestamp::from_millisecond(act.as_millisecond() + delta)
                    .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string())
                    .unwrap_or_else(|_| recorded.to_string())
            }
            _ => recorded.to_string(),
        }
    }
}

/// The value at a recorded path such as `$id`, `rows[1].$id` or `user.$id`.
fn at_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = value;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            current = current.get(name)?;
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            let n: usize = index.trim_end_matches(']').parse().ok()?;
            current = current.get(n)?;
        }
    }
    Some(current)
}

/// `token` with its signature altered: the last two characters replaced, as the node
/// suite's bad-JWT test does to an issued token.
pub fn tampered(token: &str) -> String {
    let keep = token.len().saturating_sub(2);
    let end = if token.ends_with("xx") { "yy" } else { "xx" };
    format!("{}{end}", token.get(..keep).unwrap_or(token))
}
