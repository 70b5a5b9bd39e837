//! Computing an operator's result: on an existing row (as MariaDB computes Appwrite's SQL)
//! or on a new row's default (as Appwrite's PHP does).

use serde_json::{Value, json};

use crate::engine::number::Num;
use crate::error::ApiResult;
use crate::error::catalogue;
use crate::schema::{ColumnKind, ColumnMeta};
use crate::validate::datetime::{now, parse_datetime};

use super::check::isset;
use super::*;
use crate::php;

/// The order MariaDB sorts distinct JSON array values in: numbers by value, text without
/// regard to case, then by its bytes.
pub(super) fn compare_elements(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => {
            let (x, y) = (
                a.as_str().unwrap_or_default(),
                b.as_str().unwrap_or_default(),
            );
            x.to_lowercase()
                .cmp(&y.to_lowercase())
                .then_with(|| x.cmp(y))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Application.

/// Arithmetic on PHP/MariaDB numbers: integers stay integers while exact, otherwise floats.
pub(super) fn arith(a: Num, b: Num, op: char) -> ApiResult<Num> {
    let result = match (a, b, op) {
        (Num::Int(x), Num::Int(y), '+') => x.checked_add(y).map(Num::Int),
        (Num::Int(x), Num::Int(y), '-') => x.checked_sub(y).map(Num::Int),
        (Num::Int(x), Num::Int(y), '*') => x.checked_mul(y).map(Num::Int),
        (Num::Int(x), Num::Int(y), '%') => x.checked_rem(y).map(Num::Int),
        (x, y, op) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            let f = match op {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                '%' => x % y,
                _ => x.powf(y),
            };
            f.is_finite().then_some(Num::Float(f))
        }
    };
    result.ok_or_else(catalogue::server_error)
}

pub(super) fn ge(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x >= y,
        _ => a.as_f64() >= b.as_f64(),
    }
}

pub(super) fn gt(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x > y,
        _ => a.as_f64() > b.as_f64(),
    }
}

/// The operator's value and optional limit (both validated numeric).
pub(super) fn operands(op: &Operator) -> (Num, Option<Num>) {
    let value = isset(&op.values, 0)
        .and_then(Num::from_json)
        .unwrap_or(Num::Int(1));
    let limit = isset(&op.values, 1).and_then(Num::from_json);
    (value, limit)
}

pub(super) fn num_json(n: Num) -> Value {
    match n {
        Num::Int(i) => json!(i),
        Num::Float(f) => json!(f),
    }
}

/// The text MariaDB's `JSON_TABLE(… TEXT PATH '$')` gives an array element (`None`: NULL).
pub(super) fn element_text(v: &Value) -> Option<String> {
    match v {
        Value::Null | Value::Array(_) | Value::Object(_) => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
    }
}

/// The text PDO binds for a PHP value (`PARAM_STR`); arrays are JSON-encoded first.
pub(super) fn bound_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(true) => Some("1".into()),
        Value::Bool(false) => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// MariaDB's `CAST(x AS DECIMAL)` of a text: its leading number, else 0.
pub(super) fn decimal(text: &str) -> f64 {
    let t = text.trim_start();
    let mut end = 0;
    let bytes = t.as_bytes();
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_exp = false;
    while end < bytes.len() {
        let c = bytes[end];
        let ok = match c {
            b'0'..=b'9' => {
                seen_digit = true;
                true
            }
            b'+' | b'-' => end == 0 || matches!(bytes[end - 1], b'e' | b'E'),
            b'.' if !seen_dot && !seen_exp => {
                seen_dot = true;
                true
            }
            b'e' | b'E' if seen_digit && !seen_exp => {
                seen_exp = true;
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        end += 1;
    }
    let mut slice = &t[..end];
    while !slice.is_empty() && slice.parse::<f64>().is_err() {
        slice = &slice[..slice.len() - 1];
    }
    slice.parse().unwrap_or(0.0)
}

pub(super) fn list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items.clone(),
        _ => Vec::new(),
    }
}

/// Days added to a stored datetime (`None` if it leaves the supported range).
pub(super) fn add_days(stored: &str, days: i64) -> Option<String> {
    let ts: jiff::Timestamp = stored.parse().ok()?;
    let moved = ts
        .checked_add(jiff::SignedDuration::from_hours(days.checked_mul(24)?))
        .ok()?;
    parse_datetime(&moved.to_string())
}

/// The result on an existing row: what MariaDB computes from Appwrite's SQL.
pub(super) fn on_row(op: &Operator, column: &ColumnMeta, current: &Value) -> ApiResult<Value> {
    let values = &op.values;
    let cur = || Num::from_json(current).unwrap_or(Num::Int(0));
    Ok(match op.method {
        "increment" | "decrement" => {
            let (v, limit) = operands(op);
            let up = op.method == "increment";
            let c = cur();
            let sign = if up { '+' } else { '-' };
            num_json(match limit {
                Some(limit) if up && (ge(c, limit) || gt(c, arith(limit, v, '-')?)) => limit,
                Some(limit) if !up && (ge(limit, c) || gt(arith(limit, v, '+')?, c)) => limit,
                _ => arith(c, v, sign)?,
            })
        }
        "multiply" => {
            let (v, limit) = operands(op);
            let c = cur();
            num_json(match limit {
                Some(max) if ge(c, max) => max,
                Some(max)
                    if v.as_f64() > 0.0 && c.as_f64() > max.as_f64() / v.as_f64()
                        || v.as_f64() < 0.0 && c.as_f64() < max.as_f64() / v.as_f64() =>
                {
                    max
                }
                _ => arith(c, v, '*')?,
            })
        }
        "divide" => {
            let (v, limit) = operands(op);
            let quotient = match (cur(), v) {
                // Integer division gives a DECIMAL, which an integer column rounds half away
                // from zero (a DOUBLE would round half to even).
                (Num::Int(a), Num::Int(b)) if column.spec.kind == ColumnKind::Integer => {
                    Num::Float((a as f64 / b as f64).round())
                }
                (c, v) => arith(c, v, '/')?,
            };
            num_json(match limit {
                Some(min) if v.as_f64() != 0.0 && ge(min, quotient) => min,
                _ => quotient,
            })
        }
        "modulo" => num_json(arith(cur(), operands(op).0, '%')?),
        "power" => {
            let (v, limit) = operands(op);
            let c = cur();
            num_json(match limit {
                Some(max) if ge(c, max) => max,
                Some(_) if c.as_f64() <= 1.0 => c,
                Some(max) if v.as_f64() * c.as_f64().ln() > max.as_f64().ln() => max,
                _ => arith(c, v, '^')?,
            })
        }
        "stringConcat" => {
            let suffix = values.first().and_then(Value::as_str).unwrap_or("");
            json!(format!("{}{suffix}", current.as_str().unwrap_or("")))
        }
        "stringReplace" => {
            let (search, replace) = (
                values[0].as_str().unwrap_or(""),
                values[1].as_str().unwrap_or(""),
            );
            let rep = |s: &str| {
                if search.is_empty() {
                    s.to_string()
                } else {
                    s.replace(search, replace)
                }
            };
            match current {
                Value::String(s) => json!(rep(s)),
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .map(|i| i.as_str().map_or_else(|| i.clone(), |s| json!(rep(s))))
                        .collect(),
                ),
                other => other.clone(),
            }
        }
        "toggle" => json!(!current.as_bool().unwrap_or(false)),
        "arrayAppend" => {
            let mut items = list(current);
            items.extend(values.iter().cloned());
            Value::Array(items)
        }
        "arrayPrepend" => {
            let mut items = values.clone();
            items.extend(list(current));
            Value::Array(items)
        }
        "arrayInsert" => match current {
            Value::Array(items) => {
                let mut items = items.clone();
                let index = usize::try_from(values[0].as_i64().unwrap_or(0))
                    .unwrap_or(0)
                    .min(items.len());
                items.insert(index, values[1].clone());
                Value::Array(items)
            }
            _ => Value::Null,
        },
        "arrayRemove" => {
            let target = values.first().and_then(bound_text);
            Value::Array(
                list(current)
                    .into_iter()
                    .filter(|e| match (element_text(e), &target) {
                        (Some(t), Some(target)) => t != *target,
                        _ => false,
                    })
                    .collect(),
            )
        }
        "arrayUnique" => {
            let mut seen: Vec<Option<String>> = Vec::new();
            let mut out = Vec::new();
            for e in list(current) {
                let text = element_text(&e);
                if !seen.contains(&text) {
                    seen.push(text);
                    out.push(e);
                }
            }
            // Appwrite's SQL (`SELECT DISTINCT` over the JSON array) hands the values back
            // sorted, not in their first-seen order.
            out.sort_by(compare_elements);
            Value::Array(out)
        }
        "arrayIntersect" | "arrayDiff" => {
            let texts: Vec<String> = values.iter().filter_map(element_text).collect();
            let keep_members = op.method == "arrayIntersect";
            Value::Array(
                list(current)
                    .into_iter()
                    .filter(|e| element_text(e).is_some_and(|t| texts.contains(&t) == keep_members))
                    .collect(),
            )
        }
        "arrayFilter" => {
            let condition = values[0].as_str().unwrap_or("equal");
            let operand = values.get(1).filter(|v| !v.is_null()).map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            Value::Array(
                list(current)
                    .into_iter()
                    .filter(|e| {
                        let text = element_text(e);
                        match condition {
                            "isNull" => e.is_null(),
                            "isNotNull" => !e.is_null(),
                            _ => {
                                let (Some(text), Some(operand)) = (text, &operand) else {
                                    return false;
                                };
                                let (a, b) = (decimal(&text), decimal(operand));
                                match condition {
                                    "equal" => text == *operand,
                                    "notEqual" => text != *operand,
                                    "greaterThan" => a > b,
                                    "greaterThanEqual" => a >= b,
                                    "lessThan" => a < b,
                                    _ => a <= b,
                                }
                            }
                        }
                    })
                    .collect(),
            )
        }
        "dateAddDays" | "dateSubDays" => {
            let days = values[0].as_i64().unwrap_or(0);
            let days = if op.method == "dateSubDays" {
                days.checked_neg().unwrap_or(0)
            } else {
                days
            };
            match current.as_str() {
                Some(s) => add_days(s, days).map_or(Value::Null, Value::String),
                None => Value::Null,
            }
        }
        // dateSetNow: MariaDB's NOW() has whole seconds.
        _ => {
            let now = now();
            json!(format!("{}.000+00:00", &now[..19]))
        }
    })
}

/// The result for a row an upsert creates: Appwrite's `applyOperatorToValue` on the
/// column default (PHP semantics; limits ignored).
pub(super) fn on_new(op: &Operator, column: &ColumnMeta, default: &Value) -> ApiResult<Value> {
    let values = &op.values;
    let d = || Num::from_json(default).unwrap_or(Num::Int(0));
    let v = || {
        values
            .first()
            .and_then(Num::from_json)
            .unwrap_or(Num::Int(1))
    };
    let php_strings = |items: &[Value]| items.iter().map(php::string_cast).collect::<Vec<_>>();
    Ok(match op.method {
        "increment" => num_json(arith(d(), v(), '+')?),
        "decrement" => num_json(arith(d(), v(), '-')?),
        "multiply" => num_json(arith(d(), v(), '*')?),
        "divide" => {
            // PHP `/`: an integer when exact.
            match (d(), v()) {
                (Num::Int(a), Num::Int(b)) if b != 0 && a % b == 0 => json!(a / b),
                (a, b) => num_json(arith(a, b, '/')?),
            }
        }
        "modulo" => {
            // PHP `%` casts both sides to integers.
            let (a, b) = (d().as_f64() as i64, v().as_f64() as i64);
            json!(a.checked_rem(b).ok_or_else(catalogue::server_error)?)
        }
        "power" => match (d(), v()) {
            (Num::Int(a), Num::Int(b)) if (0..=u32::MAX as i64).contains(&b) => {
                match a.checked_pow(b as u32) {
                    Some(p) => json!(p),
                    None => num_json(arith(Num::Int(a), Num::Int(b), '^')?),
                }
            }
            (a, b) => num_json(arith(a, b, '^')?),
        },
        "arrayAppend" => {
            let mut items = list(default);
            items.extend(values.iter().cloned());
            Value::Array(items)
        }
        "arrayPrepend" => {
            let mut items = values.clone();
            items.extend(list(default));
            Value::Array(items)
        }
        "arrayInsert" => {
            let mut items = list(default);
            let index = usize::try_from(values[0].as_i64().unwrap_or(0))
                .unwrap_or(0)
                .min(items.len());
            items.insert(index, values[1].clone());
            Value::Array(items)
        }
        "arrayRemove" => {
            let remove = match values.first() {
                Some(Value::Array(items)) => php_strings(items),
                Some(other) => vec![php::string_cast(other)],
                None => vec![String::new()],
            };
            Value::Array(
                list(default)
                    .into_iter()
                    .filter(|e| !remove.contains(&php::string_cast(e)))
                    .collect(),
            )
        }
        "arrayUnique" => {
            let mut seen = Vec::new();
            let mut out = Vec::new();
            for e in list(default) {
                let s = php::string_cast(&e);
                if !seen.contains(&s) {
                    seen.push(s);
                    out.push(e);
                }
            }
            Value::Array(out)
        }
        "arrayIntersect" | "arrayDiff" => {
            let texts = php_strings(values);
            let keep_members = op.method == "arrayIntersect";
            Value::Array(
                list(default)
                    .into_iter()
                    .filter(|e| texts.contains(&php::string_cast(e)) == keep_members)
                    .collect(),
            )
        }
        "stringConcat" => json!(format!(
            "{}{}",
            php::string_cast(default),
            values.first().map(php::string_cast).unwrap_or_default()
        )),
        "stringReplace" => {
            let (search, replace) = (php::string_cast(&values[0]), php::string_cast(&values[1]));
            let subject = php::string_cast(default);
            json!(if search.is_empty() {
                subject
            } else {
                subject.replace(&search, &replace)
            })
        }
        "toggle" => json!(!default.as_bool().unwrap_or(false)),
        "dateSetNow" => json!(now()),
        // arrayFilter, dateAddDays and dateSubDays keep the default.
        _ => {
            let _ = column;
            default.clone()
        }
    })
}

/// The result in the form the column's codec accepts: integer columns get integers
/// (a fractional result rounds half to even, as MariaDB stores a DOUBLE into an integer
/// column); `None`-like failures are a 500.
pub(super) fn storable(column: &ColumnMeta, value: Value) -> ApiResult<Value> {
    if column.spec.kind != ColumnKind::Integer || column.spec.array {
        return Ok(value);
    }
    match &value {
        Value::Number(n) if n.as_i64().is_none() => {
            let f = n.as_f64().unwrap_or(f64::NAN).round_ties_even();
            if !(i64::MIN as f64..i64::MAX as f64).contains(&f) {
                return Err(catalogue::server_error());
            }
            Ok(json!(f as i64))
        }
        _ => Ok(value),
    }
}
