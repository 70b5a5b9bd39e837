//! The first difference between two JSON values: key order does not count, array order
//! does.

use serde_json::Value;

/// A difference: the JSON path and both values, as compact JSON.
#[derive(Debug, Clone)]
pub struct Difference {
    pub path: String,
    pub expected: String,
    pub actual: String,
}

/// The first difference between `expected` and `actual`, depth first, keys sorted.
pub fn first(expected: &Value, actual: &Value) -> Option<Difference> {
    walk("$", expected, actual)
}

fn walk(path: &str, expected: &Value, actual: &Value) -> Option<Difference> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = format!("{path}.{key}");
                match (e.get(key), a.get(key)) {
                    (Some(ev), Some(av)) => {
                        if let Some(d) = walk(&child, ev, av) {
                            return Some(d);
                        }
                    }
                    (ev, av) => return Some(difference(child, ev, av)),
                }
            }
            None
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if let Some(d) = walk(&format!("{path}[{i}]"), ev, av) {
                    return Some(d);
                }
            }
            (e.len() != a.len()).then(|| Difference {
                path: format!("{path}.length"),
                expected: e.len().to_string(),
                actual: a.len().to_string(),
            })
        }
        _ if expected == actual => None,
        _ => Some(difference(path.to_string(), Some(expected), Some(actual))),
    }
}

fn difference(path: String, expected: Option<&Value>, actual: Option<&Value>) -> Difference {
    let show = |v: Option<&Value>| {
        v.map_or_else(
            || "<absent>".to_string(),
            |v| {
                let text = v.to_string();
                if text.len() > 160 {
                    format!(
                        "{}…",
                        &text[..text.char_indices().nth(157).map_or(text.len(), |(i, _)| i)]
                    )
                } else {
                    text
                }
            },
        )
    };
    Difference {
        path,
        expected: show(expected),
        actual: show(actual),
    }
}
