//! Generated input for the client's own checks: payload coercion and validation against a
//! model with every column kind, the row decoder over generated server answers, and the
//! ID, timestamp and permission parsers. None may panic; each must answer `Ok` or a typed
//! error.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lazy_appwrite::schema::CoerceMode;
use lazy_appwrite::{ID, Permission, Row, Table, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::input::Gen;
use crate::report::Tally;

/// A label for one of the model's values.
#[derive(lazy_appwrite::Enum, Clone, Copy, Debug, PartialEq)]
#[enum_value(rename_all = "lowercase")]
pub enum Kind {
    /// The first.
    A,
    /// The second.
    B,
}

/// A model with a column of most kinds, ranges and arrays.
#[derive(Table, Serialize, Deserialize, Debug)]
#[table(id = "fuzzed")]
pub struct Fuzzed {
    /// A short string.
    #[column(size = 16)]
    pub title: String,
    /// A ranged integer.
    #[column(integer(min = -5, max = 100))]
    pub n: Option<i64>,
    /// A ranged float.
    #[column(float(min = 0.0, max = 1.0))]
    pub f: Option<f64>,
    /// A flag.
    pub b: Option<bool>,
    /// A time.
    pub at: Option<Timestamp>,
    /// An email.
    #[column(email)]
    pub mail: Option<String>,
    /// A URL.
    #[column(url)]
    pub site: Option<String>,
    /// An IP.
    #[column(ip)]
    pub addr: Option<String>,
    /// An enum.
    pub kind: Option<Kind>,
    /// A string array.
    #[column(varchar(size = 8))]
    pub tags: Vec<String>,
    /// A point.
    pub place: Option<lazy_appwrite::schema::Point>,
}

/// The columns of [`Fuzzed`], with their kinds.
const COLUMNS: &[(&str, &str)] = &[
    ("title", "string"),
    ("n", "integer"),
    ("f", "float"),
    ("b", "boolean"),
    ("at", "datetime"),
    ("mail", "email"),
    ("site", "url"),
    ("addr", "ip"),
    ("kind", "enum"),
    ("tags", "string"),
    ("place", "point"),
];

/// Runs `check` and records a panic as a failure.
fn guarded(tally: &mut Tally, input: impl FnOnce() -> String, check: impl FnOnce() -> bool) {
    match catch_unwind(AssertUnwindSafe(check)) {
        Ok(accepted) => tally.checked(accepted),
        Err(_) => tally.fail("panicked", input()),
    }
}

/// A generated payload: mostly the model's keys with generated values.
fn payload(g: &mut Gen) -> Value {
    if g.one_in(20) {
        return g.value(2);
    }
    let mut map = Map::new();
    if !g.one_in(4) {
        map.insert("title".into(), g.plausible("string"));
    }
    for _ in 0..g.below(6) {
        let (key, kind) = *g.pick(COLUMNS);
        let (key, value) = match g.below(8) {
            0 => (g.string(), g.value(2)),
            1 | 2 => (key.to_owned(), g.value(2)),
            _ if key == "tags" => (key.to_owned(), json!([g.plausible(kind)])),
            _ => (key.to_owned(), g.plausible(kind)),
        };
        map.insert(key, value);
    }
    Value::Object(map)
}

/// `cases` payloads through `coerce` (create and update) and, where that accepts, into the
/// struct and through `validate`.
pub fn coerce_and_validate(g: &mut Gen, cases: u64, tally: &mut Tally) {
    for _ in 0..cases {
        let input = payload(g);
        let mode = if g.one_in(2) {
            CoerceMode::Create
        } else {
            CoerceMode::Update
        };
        let shown = input.clone();
        guarded(
            tally,
            || shown.to_string(),
            || match Fuzzed::coerce(input, mode) {
                Ok(map) => match serde_json::from_value::<Fuzzed>(Value::Object(map)) {
                    Ok(row) => row.validate().is_ok(),
                    Err(_) => false,
                },
                Err(_) => false,
            },
        );
    }
}

/// `cases` generated server answers through the row decoder.
pub fn decode_rows(g: &mut Gen, cases: u64, tally: &mut Tally) {
    for i in 0..cases {
        let mut row = json!({
            "$id": format!("r{i}"), "$sequence": i.to_string(), "$tableId": "fuzzed",
            "$databaseId": "db", "$createdAt": "2024-01-01T00:00:00.000+00:00",
            "$updatedAt": "2024-01-01T00:00:00.000+00:00", "$permissions": [],
            "title": "t", "tags": [],
        });
        for _ in 0..g.below(4) {
            let key = if g.one_in(3) {
                (*g.pick(&["$id", "$sequence", "$permissions", "$createdAt", "$tableId"]))
                    .to_owned()
            } else {
                g.pick(COLUMNS).0.to_owned()
            };
            row[key] = g.value(2);
        }
        let text = row.to_string();
        let text = if g.one_in(4) { g.mutate(&text) } else { text };
        let shown = text.clone();
        guarded(
            tally,
            || shown,
            || serde_json::from_slice::<Row<Fuzzed>>(text.as_bytes()).is_ok(),
        );
    }
}

/// `cases` generated strings through the ID, timestamp and permission parsers.
pub fn parse_strings(g: &mut Gen, cases: u64, tally: &mut Tally) {
    for _ in 0..cases {
        let text = if g.one_in(3) {
            let seed = *g.pick(&[
                "read(\"any\")",
                "update(\"user:abc\")",
                "write(\"team:t/admin\")",
                "2024-01-01T00:00:00.000+00:00",
                "2024-01-01T00:00:00Z",
                "abc_123",
            ]);
            g.mutate(seed)
        } else {
            g.string()
        };
        let shown = text.clone();
        guarded(
            tally,
            || shown,
            || {
                let id = ID::validate(&text).is_ok();
                let time = Timestamp::parse(&text).is_ok();
                let permission = text.parse::<Permission>().is_ok();
                id || time || permission
            },
        );
    }
}
