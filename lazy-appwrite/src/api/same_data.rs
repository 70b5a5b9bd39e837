//! Telling our own earlier write from someone else's: used when a create with a client-made
//! ID was retried and met 409.

use serde_json::Value;

use crate::datetime::parse_millis;

/// Whether the stored object holds what we sent: every key we sent (but `$` keys) has an
/// equal value in `stored`. Values the server normalizes still compare equal: numbers by
/// value, datetimes by instant, a related row sent as an object and stored as its ID.
/// A `null` we sent matches anything, since the server replaces it with the default.
pub(crate) fn same_data(sent: &[u8], stored: &[u8]) -> bool {
    let (Ok(Value::Object(sent)), Ok(Value::Object(stored))) = (
        serde_json::from_slice::<Value>(sent),
        serde_json::from_slice::<Value>(stored),
    ) else {
        return false;
    };
    sent.iter()
        .filter(|(key, _)| !key.starts_with('$'))
        .all(|(key, value)| stored.get(key).is_none_or(|s| equal(value, s)))
}

fn equal(sent: &Value, stored: &Value) -> bool {
    match (sent, stored) {
        (Value::Null, _) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => {
            a == b || matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
        }
        (Value::String(a), Value::String(b)) => {
            a == b || matches!((parse_millis(a), parse_millis(b)), (Some(x), Some(y)) if x == y)
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Object(a), Value::String(id)) => a.get("$id").and_then(Value::as_str) == Some(id),
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .filter(|(key, _)| !key.starts_with('$') || key.as_str() == "$id")
            .all(|(key, value)| b.get(key).is_none_or(|s| equal(value, s))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_values_still_match() {
        let sent = br#"{"title":"Dune","price":5.0,"at":"2024-05-01T12:00:00Z","nothing":null,"author":{"$id":"a1","name":"F"},"$permissions":["x"]}"#;
        let stored = br#"{"$id":"r","title":"Dune","price":5,"at":"2024-05-01T12:00:00.000+00:00","nothing":"dflt","author":"a1"}"#;
        assert!(same_data(sent, stored));
    }

    #[test]
    fn different_values_do_not() {
        assert!(!same_data(br#"{"title":"Dune"}"#, br#"{"title":"Emma"}"#));
        assert!(!same_data(br#"{"tags":["a"]}"#, br#"{"tags":["a","b"]}"#));
        assert!(!same_data(br#"{"n":1}"#, br#"{"n":"1"}"#));
        assert!(!same_data(b"not json", br#"{}"#));
    }
}
