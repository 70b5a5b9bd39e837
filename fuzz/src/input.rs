//! The input generator: seeded, so a run can be repeated exactly, and biased toward the
//! inputs that break parsers (edges of number ranges, multi-byte and invisible characters,
//! nesting, truncation, injection-looking text) while still producing many well-formed
//! inputs that reach the deeper checks.

use serde_json::{Map, Number, Value, json};

/// Strings that break parsers more often than random text does.
const NASTY: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\u{b}",
    "\u{202e}",
    "\u{1f600}",
    "é",
    "\u{301}",
    "' OR 1=1 --",
    "\"; DROP TABLE rows; --",
    "../../etc/passwd",
    "%00",
    "%FF%FE",
    "$id",
    "$sequence",
    "$createdAt",
    "\\",
    "\\u0000",
    "{}",
    "[]",
    "null",
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "0x10",
    "9223372036854775808",
    "-9223372036854775809",
    "2024-01-01T00:00:00.000+00:00",
    "2024-02-30T25:61:61Z",
    "0000-00-00",
    "9999-12-31T23:59:59.999Z",
    "a@b.c",
    "https://example.com/?q=1",
    "127.0.0.1",
    "::1",
    "POINT(1 2)",
    "unique()",
];

/// Query methods Appwrite knows, plus a few it does not.
pub const METHODS: &[&str] = &[
    "equal",
    "notEqual",
    "lessThan",
    "lessThanEqual",
    "greaterThan",
    "greaterThanEqual",
    "contains",
    "containsAny",
    "containsAll",
    "notContains",
    "search",
    "notSearch",
    "isNull",
    "isNotNull",
    "between",
    "notBetween",
    "startsWith",
    "notStartsWith",
    "endsWith",
    "notEndsWith",
    "regex",
    "exists",
    "notExists",
    "elemMatch",
    "createdBefore",
    "createdAfter",
    "createdBetween",
    "updatedBefore",
    "updatedAfter",
    "updatedBetween",
    "select",
    "orderAsc",
    "orderDesc",
    "orderRandom",
    "limit",
    "offset",
    "cursorAfter",
    "cursorBefore",
    "and",
    "or",
    "not",
    "distanceEqual",
    "distanceNotEqual",
    "distanceGreaterThan",
    "distanceLessThan",
    "intersects",
    "notIntersects",
    "crosses",
    "notCrosses",
    "overlaps",
    "notOverlaps",
    "touches",
    "notTouches",
    "Equal",
    "eq",
    "",
];

/// A seeded source of generated inputs.
pub struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    /// A generator whose output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: u32) -> bool {
        self.rng.u32(0..n.max(1)) == 0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.rng.usize(0..n.max(1))
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A string: often short and plain, sometimes nasty, long, or a mix.
    pub fn string(&mut self) -> String {
        match self.below(10) {
            0..=2 => self.word(),
            3 | 4 => (*self.pick(NASTY)).to_owned(),
            5 => {
                let n = self.pick(&[64usize, 255, 256, 4096, 4097, 16_382, 70_000]);
                self.pick(&["a", "é", "\u{1f600}", " "]).repeat(*n)
            }
            6 => (0..self.below(12))
                .map(|_| self.rng.char(..))
                .collect::<String>(),
            7 => format!("{}{}", self.word(), self.pick(NASTY)),
            8 => format!("{}{}", self.pick(NASTY), self.word()),
            _ => self.rng.i64(..).to_string(),
        }
    }

    /// A short ASCII word, a plausible key or ID.
    pub fn word(&mut self) -> String {
        let len = self.below(10) + 1;
        (0..len)
            .map(|_| *self.pick(&['a', 'b', 'x', 'z', '_', '1', '9', 'A', '.', '-']))
            .collect()
    }

    /// A JSON number at or near the edges of what columns hold.
    pub fn number(&mut self) -> Value {
        match self.below(8) {
            0 => json!(self.rng.i64(-5..200)),
            1 => json!(*self.pick(&[i64::MIN, i64::MAX, i32::MIN as i64, i32::MAX as i64 + 1])),
            2 => json!(u64::MAX),
            3 => Number::from_f64(*self.pick(&[1e308, -1e308, 0.5, -0.0, f64::MIN_POSITIVE]))
                .map_or(Value::Null, Value::Number),
            4 => {
                Number::from_f64(self.rng.f64() * 1000.0 - 500.0).map_or(Value::Null, Value::Number)
            }
            _ => json!(self.rng.i64(..)),
        }
    }

    /// Any JSON value, nested at most `depth` deep.
    pub fn value(&mut self, depth: u32) -> Value {
        let leaf = depth == 0;
        match self.below(if leaf { 5 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(self.one_in(2)),
            2 => self.number(),
            3 | 4 => Value::String(self.string()),
            5 => Value::Array((0..self.below(5)).map(|_| self.value(depth - 1)).collect()),
            _ => {
                let mut map = Map::new();
                for _ in 0..self.below(5) {
                    let key = self.string();
                    map.insert(key, self.value(depth - 1));
                }
                Value::Object(map)
            }
        }
    }

    /// A value that a column of `kind` (an Appwrite kind name) plausibly holds: often
    /// valid, sometimes just past an edge.
    pub fn plausible(&mut self, kind: &str) -> Value {
        let n = self.rng.i64(-10..200);
        match kind {
            "integer" | "bigint" => json!(n),
            "float" => json!(n as f64 / 7.0),
            "boolean" => json!(n % 2 == 0),
            "datetime" => json!(format!(
                "20{:02}-0{}-1{}T0{}:00:00.000+00:00",
                n.rem_euclid(100),
                n.rem_euclid(9) + 1,
                n.rem_euclid(9),
                n.rem_euclid(9)
            )),
            "email" => json!(format!("{}@example.com", self.word())),
            "url" => json!(format!("https://{}.example.com/", self.word())),
            "ip" => json!(format!("10.0.{}.{}", n.rem_euclid(300), n.rem_euclid(256))),
            "enum" => json!(*self.pick(&["a", "b", "c", "d"])),
            "point" => json!([n as f64 / 3.0, 2.0]),
            "line" => json!([[0, 0], [n, 1]]),
            "polygon" => json!([[[0, 0], [n, 0], [n, n], [0, 0]]]),
            "relationship" => json!(format!("u{}", n.rem_euclid(3))),
            _ => json!(self.word()),
        }
    }

    /// A query in Appwrite's JSON form, over `columns` or made-up ones, with values that
    /// often fit and often do not.
    pub fn query(&mut self, columns: &[&str], depth: u32) -> Value {
        let method = *self.pick(METHODS);
        let mut query = Map::new();
        if !self.one_in(30) {
            query.insert("method".into(), json!(method));
        }
        if !self.one_in(10) {
            let attribute = match self.below(6) {
                0 => self.string(),
                1 => format!("{}.{}", self.pick(columns), self.word()),
                2 => (*self.pick(&["$id", "$createdAt", "$updatedAt", "$sequence"])).into(),
                _ => (*self.pick(columns)).into(),
            };
            query.insert("attribute".into(), json!(attribute));
        }
        let values = if matches!(method, "and" | "or" | "not" | "elemMatch") && depth > 0 {
            (0..self.below(4))
                .map(|_| {
                    if self.one_in(8) {
                        self.value(1)
                    } else {
                        self.query(columns, depth - 1)
                    }
                })
                .collect()
        } else {
            (0..self.below(4)).map(|_| self.value(2)).collect()
        };
        match self.below(12) {
            0 => {}
            1 => {
                query.insert("values".into(), self.value(2));
            }
            _ => {
                query.insert("values".into(), Value::Array(values));
            }
        }
        Value::Object(query)
    }

    /// `text` with a few character-level edits: cut, dropped, doubled or inserted
    /// characters, so that well-formed input becomes almost-well-formed.
    pub fn mutate(&mut self, text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..self.below(3) + 1 {
            let at = self.below(chars.len() + 1);
            match self.below(5) {
                0 => chars.truncate(at),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                2 if at < chars.len() => {
                    let c = chars[at];
                    chars.insert(at, c);
                }
                _ => {
                    let c =
                        *self.pick(&['"', '\\', '{', '}', '[', ']', ',', ':', '\u{0}', 'é', '1']);
                    chars.insert(at, c);
                }
            }
        }
        chars.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_inputs() {
        let (mut a, mut b) = (Gen::new(7), Gen::new(7));
        for _ in 0..200 {
            assert_eq!(a.query(&["x"], 2), b.query(&["x"], 2));
            assert_eq!(a.string(), b.string());
        }
    }

    #[test]
    fn mutation_changes_text() {
        let mut g = Gen::new(1);
        let changed = (0..100)
            .filter(|_| g.mutate("{\"a\":1}") != "{\"a\":1}")
            .count();
        assert!(changed > 50, "{changed} of 100 mutations changed the text");
    }
}
