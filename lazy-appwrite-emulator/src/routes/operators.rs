//! Update operators: a column's value in the `data` of an update, upsert,
//! bulk update or bulk upsert may be an operator, applied to the row's current value.
//!
//! What counts as an operator, as Appwrite 1.8's `Databases\Action::parseOperators` decides:
//! a value under a key that does not start with `$` and is not a relationship column, which
//! is either a string that decodes to a JSON object whose `method` is the name of an operator
//! (`{"method":"increment","values":[5]}`, `attribute` optional), or such an object itself.
//! Anything else, including a string column's text that happens to look like JSON, is an
//! ordinary value. So a string column cannot be set to the literal text of an operator
//! through these endpoints, on Appwrite as here (creating a row stores it literally: `POST
//! …/rows` does not look for operators). A malformed operator (`attribute` not a string,
//! `values` not a list) is `400 general_bad_request` `Invalid operator for attribute "x": …`.
//!
//! Operators are then checked against their column with utopia-php/database 5.2's
//! `Validator\Operator` messages (`400 row_invalid_structure`, `Invalid document structure:
//! Cannot apply increment operator to non-numeric field 'title'`). For an existing row the
//! checks also look at its current value (integer overflow past 2 147 483 647 without a limit,
//! `arrayInsert` index, `stringConcat` length); bulk updates check only the columns, as
//! Appwrite's `PartialStructure` does.
//!
//! On an existing row the result is what MariaDB computes from Appwrite's SQL
//! (`MariaDB::getOperatorSQL`): NULL counts as 0 / `''` / `false` / `[]`; `increment` and
//! `multiply` (`decrement`, `divide`) with a limit clamp at it instead of failing; `power`
//! leaves values ≤ 1 alone when given a limit; array operators compare elements by their text
//! and drop `null` elements (except `arrayUnique` and the null conditions of `arrayFilter`);
//! `arrayInsert`, `stringReplace` and the day arithmetic leave NULL as NULL; `dateSetNow` has
//! second precision. A row created by an upsert gets Appwrite's PHP rules instead
//! (`SQL::applyOperatorToValue` on the column default): limits are ignored, and
//! `arrayFilter`, `dateAddDays` and `dateSubDays` leave the default unchanged.
//!
//! Results are written without the column's `min`/`max` check (Appwrite writes them with SQL,
//! outside its structure validation); a result that does not fit the storage at all is a
//! database error (500).

use serde_json::{Map, Value, json};

use super::counters::Num;
use crate::error::{ApiError, ApiResult, ErrorType};
use crate::query::parse::php_type;
use crate::query::spatial::php_numeric;
use crate::schema::{ColumnKind, ColumnMeta, Range, TableMeta};
use crate::validate::datetime::{now, parse_datetime};

/// Every operator method (utopia `Operator::TYPES`).
const METHODS: [&str; 20] = [
    "increment",
    "decrement",
    "multiply",
    "divide",
    "modulo",
    "power",
    "stringConcat",
    "stringReplace",
    "arrayAppend",
    "arrayPrepend",
    "arrayInsert",
    "arrayRemove",
    "arrayUnique",
    "arrayIntersect",
    "arrayDiff",
    "arrayFilter",
    "toggle",
    "dateAddDays",
    "dateSubDays",
    "dateSetNow",
];

/// The order MariaDB sorts distinct JSON array values in: numbers by value, text without
/// regard to case, then by its bytes.
fn compare_elements(a: &Value, b: &Value) -> std::cmp::Ordering {
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

/// Conditions `arrayFilter` accepts.
const FILTER_CONDITIONS: [&str; 8] = [
    "equal",
    "notEqual",
    "greaterThan",
    "greaterThanEqual",
    "lessThan",
    "lessThanEqual",
    "isNull",
    "isNotNull",
];

/// `Database::MAX_INT` / `MIN_INT`, the bounds of the validator's overflow check.
const MAX_INT: i64 = 2_147_483_647;
const MIN_INT: i64 = -2_147_483_648;

/// One parsed operator.
#[derive(Debug, Clone, PartialEq)]
struct Operator {
    method: &'static str,
    values: Vec<Value>,
}

/// The value as an operator, if Appwrite would take it for one: `Some(Err(message))` when it
/// names a method but is malformed.
fn detect(value: &Value) -> Option<Result<Operator, String>> {
    let decoded;
    let map = match value {
        Value::String(s) => {
            decoded = serde_json::from_str::<Value>(s).ok()?;
            decoded.as_object()?
        }
        Value::Object(map) => map,
        _ => return None,
    };
    let name = map.get("method")?.as_str()?;
    let method = METHODS.iter().copied().find(|m| *m == name)?;
    if let Some(attribute) = map.get("attribute").filter(|a| !a.is_null())
        && !attribute.is_string()
    {
        return Some(Err(format!(
            "Invalid operator attribute. Must be a string, got {}",
            php_type(attribute)
        )));
    }
    let values = match map.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(items)) => items.values().cloned().collect(),
        Some(other) => {
            return Some(Err(format!(
                "Invalid operator values. Must be an array, got {}",
                php_type(other)
            )));
        }
    };
    Some(Ok(Operator { method, values }))
}

/// The operators in `data`, by key, in `data`'s order; malformed ones fail with
/// `400 general_bad_request`.
fn parse(table: &TableMeta, data: &Map<String, Value>) -> ApiResult<Vec<(String, Operator)>> {
    let mut out = Vec::new();
    for (key, value) in data {
        let relationship = table
            .columns
            .iter()
            .any(|c| c.spec.kind == ColumnKind::Relationship && c.spec.key == *key);
        if key.starts_with('$') || relationship {
            continue;
        }
        match detect(value) {
            None => {}
            Some(Ok(op)) => out.push((key.clone(), op)),
            Some(Err(message)) => {
                return Err(ApiError::new(
                    ErrorType::GeneralBadRequest,
                    format!("Invalid operator for attribute \"{key}\": {message}"),
                ));
            }
        }
    }
    Ok(out)
}

/// Fails with `400 general_bad_request` when `data` holds a malformed operator (Appwrite
/// parses them before it looks the row up).
pub(super) fn check_syntax(table: &TableMeta, data: &Map<String, Value>) -> ApiResult<()> {
    parse(table, data).map(|_| ())
}

/// Checks the operators of a bulk update against their columns only (no row values), as
/// Appwrite does once before updating any row.
pub(super) fn check_columns(table: &TableMeta, data: &Map<String, Value>) -> ApiResult<()> {
    let ops = parse(table, data)?;
    // A partial structure: unknown keys first, no required columns.
    if !known_keys(table, data) {
        return Ok(());
    }
    for (column, op) in ordered(table, &ops) {
        validate(op, column, None).map_err(ApiError::structure)?;
    }
    Ok(())
}

/// Replaces every operator in `data` by its result on the row's `current` values (`None`: a
/// row the write creates, whose columns start at their defaults) and returns the keys it
/// computed. With `runtime_checks`, the operators are also checked against the current
/// values. When `data` has unknown keys or leaves a required column empty, nothing is done:
/// the structure check that follows reports that first, as on Appwrite.
pub(super) fn apply(
    table: &TableMeta,
    current: Option<&Map<String, Value>>,
    data: &mut Map<String, Value>,
    runtime_checks: bool,
) -> ApiResult<Vec<String>> {
    let ops = parse(table, data)?;
    if ops.is_empty() || !plain_structure(table, current, data) {
        return Ok(Vec::new());
    }
    let ordered = ordered(table, &ops);
    for (column, op) in &ordered {
        let now_value = current.and_then(|c| c.get(&column.spec.key));
        let against = if runtime_checks && current.is_some() {
            Some(now_value.unwrap_or(&Value::Null))
        } else {
            None
        };
        validate(op, column, against).map_err(ApiError::structure)?;
    }
    let mut keys = Vec::with_capacity(ordered.len());
    for (column, op) in ordered {
        let key = &column.spec.key;
        let result = match current {
            Some(row) => on_row(op, column, row.get(key).unwrap_or(&Value::Null))?,
            None => on_new(op, column, column.spec.row_default())?,
        };
        data.insert(key.clone(), storable(column, result)?);
        keys.push(key.clone());
    }
    Ok(keys)
}

/// Appwrite's structure validator checks required and unknown attributes before values:
/// true when `data` (merged over `current`) passes both.
fn plain_structure(
    table: &TableMeta,
    current: Option<&Map<String, Value>>,
    data: &Map<String, Value>,
) -> bool {
    let columns = || table.columns.iter().filter(|c| c.is_available());
    let known = known_keys(table, data);
    let required = columns().filter(|c| c.spec.required).all(|c| {
        let value = data
            .get(&c.spec.key)
            .or_else(|| current.and_then(|row| row.get(&c.spec.key)));
        value.is_some_and(|v| !v.is_null())
    });
    known && required
}

/// Whether every non-`$` key of `data` is an available column.
fn known_keys(table: &TableMeta, data: &Map<String, Value>) -> bool {
    data.keys()
        .filter(|k| !k.starts_with('$'))
        .all(|k| table.available_column(k).is_some_and(|c| c.spec.key == *k))
}

/// The operators whose key is an available column, in column order.
fn ordered<'a>(
    table: &'a TableMeta,
    ops: &'a [(String, Operator)],
) -> Vec<(&'a ColumnMeta, &'a Operator)> {
    table
        .columns
        .iter()
        .filter(|c| c.is_available() && c.spec.kind != ColumnKind::Relationship)
        .filter_map(|c| {
            ops.iter()
                .find(|(k, _)| *k == c.spec.key)
                .map(|(_, op)| (c, op))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Validation (utopia `Validator\Operator`).

/// The attribute type Appwrite's validator compares with (`string`, `double`, `varchar`, …).
fn attribute_type(kind: ColumnKind) -> &'static str {
    kind.type_name()
}

/// `isset($values[$i])`: present and not null.
fn isset(values: &[Value], i: usize) -> Option<&Value> {
    values.get(i).filter(|v| !v.is_null())
}

/// PHP `gettype($values[$i] ?? null)`.
fn type_of(values: &[Value], i: usize) -> &'static str {
    php_type(values.get(i).unwrap_or(&Value::Null))
}

/// Checks one operator against its column (and, when given, the column's current value).
/// The error is the validator's message.
fn validate(op: &Operator, column: &ColumnMeta, current: Option<&Value>) -> Result<(), String> {
    let method = op.method;
    let key = &column.spec.key;
    let values = &op.values;
    let kind = column.spec.kind;
    let is_array = column.spec.array;
    let non_array = || {
        Err(format!(
            "Cannot apply {method} operator to non-array field '{key}'"
        ))
    };
    let int_items_in_range = |items: &[Value]| -> Result<(), String> {
        if kind == ColumnKind::Integer
            && items.iter().any(|item| {
                php_numeric(item).is_some_and(|n| n > MAX_INT as f64 || n < MIN_INT as f64)
            })
        {
            return Err(format!(
                "Cannot apply {method} operator: array items must be between {MIN_INT} and {MAX_INT}"
            ));
        }
        Ok(())
    };
    match method {
        "increment" | "decrement" | "multiply" | "divide" | "modulo" | "power" => {
            if !kind.is_numeric() {
                return Err(format!(
                    "Cannot apply {method} operator to non-numeric field '{key}'"
                ));
            }
            let Some(value) = isset(values, 0).and_then(Num::from_json) else {
                return Err(format!(
                    "Cannot apply {method} operator: value must be numeric, got {}",
                    type_of(values, 0)
                ));
            };
            if matches!(method, "divide" | "modulo") && value.as_f64() == 0.0 {
                let what = if method == "divide" {
                    "division"
                } else {
                    "modulo"
                };
                return Err(format!("Cannot apply {method} operator: {what} by zero"));
            }
            if let Some(limit) = isset(values, 1)
                && Num::from_json(limit).is_none()
            {
                return Err(format!(
                    "Cannot apply {method} operator: max/min limit must be numeric, got {}",
                    php_type(limit)
                ));
            }
            if let Some(current) = current
                && kind == ColumnKind::Integer
                && isset(values, 1).is_none()
            {
                let now = Num::from_json(current).unwrap_or(Num::Int(0));
                let predicted = match method {
                    "increment" => now.as_f64() + value.as_f64(),
                    "decrement" => now.as_f64() - value.as_f64(),
                    "multiply" => now.as_f64() * value.as_f64(),
                    "divide" => now.as_f64() / value.as_f64(),
                    // PHP `%` works on integers.
                    "modulo" => {
                        let (a, b) = (now.as_f64().trunc(), value.as_f64().trunc());
                        if b == 0.0 { 0.0 } else { a % b }
                    }
                    _ => now.as_f64().powf(value.as_f64()),
                };
                if predicted > MAX_INT as f64 {
                    return Err(format!(
                        "Cannot apply {method} operator: would overflow maximum value of {MAX_INT}"
                    ));
                }
                if predicted < MIN_INT as f64 {
                    return Err(format!(
                        "Cannot apply {method} operator: would underflow minimum value of {MIN_INT}"
                    ));
                }
            }
        }
        "arrayAppend" | "arrayPrepend" => {
            if !is_array {
                return non_array();
            }
            if !values.is_empty() {
                match &values[0] {
                    Value::Array(items) => int_items_in_range(items)?,
                    _ => int_items_in_range(values)?,
                }
            }
        }
        "arrayUnique" => {
            if !is_array {
                return non_array();
            }
        }
        "arrayInsert" => {
            if !is_array {
                return non_array();
            }
            if values.len() != 2 {
                return Err(format!(
                    "Cannot apply {method} operator: requires exactly 2 values (index and value)"
                ));
            }
            let index = match values[0].as_i64() {
                Some(i) if values[0].is_i64() && i >= 0 => i,
                _ => {
                    return Err(format!(
                        "Cannot apply {method} operator: index must be a non-negative integer"
                    ));
                }
            };
            int_items_in_range(&values[1..2])?;
            if let Some(Value::Array(items)) = current
                && index > items.len() as i64
            {
                return Err(format!(
                    "Cannot apply {method} operator: index {index} is out of bounds for array of length {}",
                    items.len()
                ));
            }
        }
        "arrayRemove" => {
            if !is_array {
                return non_array();
            }
            if values.is_empty() {
                return Err(format!(
                    "Cannot apply {method} operator: requires a value to remove"
                ));
            }
        }
        "arrayIntersect" => {
            if !is_array {
                return Err(format!(
                    "Cannot use {method} operator on non-array attribute '{key}'"
                ));
            }
            if values.is_empty() {
                return Err(format!(
                    "{method} operator requires a non-empty array value"
                ));
            }
        }
        "arrayDiff" => {
            if !is_array {
                return Err(format!(
                    "Cannot use {method} operator on non-array attribute '{key}'"
                ));
            }
        }
        "arrayFilter" => {
            if !is_array {
                return non_array();
            }
            if values.is_empty() || values.len() > 2 {
                return Err(format!(
                    "Cannot apply {method} operator: requires 1 or 2 values (condition and optional comparison value)"
                ));
            }
            let Some(condition) = values[0].as_str() else {
                return Err(format!(
                    "Cannot apply {method} operator: condition must be a string"
                ));
            };
            if !FILTER_CONDITIONS.contains(&condition) {
                return Err(format!(
                    "Invalid array filter condition '{condition}'. Must be one of: {}",
                    FILTER_CONDITIONS.join(", ")
                ));
            }
        }
        "stringConcat" => {
            if attribute_type(kind) != "string" || is_array {
                return Err(format!(
                    "Cannot apply {method} operator to non-string field '{key}'"
                ));
            }
            let Some(Value::String(suffix)) = values.first() else {
                return Err(format!(
                    "Cannot apply {method} operator: requires a string value"
                ));
            };
            if let Some(current) = current {
                let size = column.spec.size.unwrap_or(0);
                let now_len = current.as_str().map_or(0, str::len);
                if size > 0 && (now_len + suffix.len()) as i64 > size {
                    return Err(format!(
                        "Cannot apply {method} operator: result would exceed maximum length of {size} characters"
                    ));
                }
            }
        }
        "stringReplace" => {
            if attribute_type(kind) != "string" {
                return Err(format!(
                    "Cannot apply {method} operator to non-string field '{key}'"
                ));
            }
            if values.len() != 2 || !values[0].is_string() || !values[1].is_string() {
                return Err(format!(
                    "Cannot apply {method} operator: requires exactly 2 string values (search and replace)"
                ));
            }
        }
        "toggle" => {
            if kind != ColumnKind::Boolean || is_array {
                return Err(format!(
                    "Cannot apply {method} operator to non-boolean field '{key}'"
                ));
            }
        }
        "dateAddDays" | "dateSubDays" => {
            if kind != ColumnKind::Datetime || is_array {
                return Err(format!(
                    "Cannot apply {method} operator to non-datetime field '{key}'"
                ));
            }
            if !values.first().is_some_and(Value::is_i64) {
                return Err(format!(
                    "Cannot apply {method} operator: requires an integer number of days"
                ));
            }
        }
        _ => {
            // dateSetNow
            if kind != ColumnKind::Datetime || is_array {
                return Err(format!(
                    "Cannot apply {method} operator to non-datetime field '{key}'"
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Application.

/// A database error on Appwrite (overflow, out-of-range value…): a bare 500.
fn server_error() -> ApiError {
    ApiError::new(ErrorType::GeneralUnknown, "Server Error")
}

/// Arithmetic on PHP/MariaDB numbers: integers stay integers while exact, otherwise floats.
fn arith(a: Num, b: Num, op: char) -> ApiResult<Num> {
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
    result.ok_or_else(server_error)
}

fn ge(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x >= y,
        _ => a.as_f64() >= b.as_f64(),
    }
}

fn gt(a: Num, b: Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x > y,
        _ => a.as_f64() > b.as_f64(),
    }
}

/// The operator's value and optional limit (both validated numeric).
fn operands(op: &Operator) -> (Num, Option<Num>) {
    let value = isset(&op.values, 0)
        .and_then(Num::from_json)
        .unwrap_or(Num::Int(1));
    let limit = isset(&op.values, 1).and_then(Num::from_json);
    (value, limit)
}

fn num_json(n: Num) -> Value {
    match n {
        Num::Int(i) => json!(i),
        Num::Float(f) => json!(f),
    }
}

/// The text MariaDB's `JSON_TABLE(… TEXT PATH '$')` gives an array element (`None`: NULL).
fn element_text(v: &Value) -> Option<String> {
    match v {
        Value::Null | Value::Array(_) | Value::Object(_) => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
    }
}

/// The text PDO binds for a PHP value (`PARAM_STR`); arrays are JSON-encoded first.
fn bound_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Bool(true) => Some("1".into()),
        Value::Bool(false) => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// PHP's `(string)` of an array element (array functions compare these).
fn php_string(v: &Value) -> String {
    match v {
        Value::Null | Value::Bool(false) => String::new(),
        Value::Bool(true) => "1".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => Num::Float(f).php_string(),
            _ => n.to_string(),
        },
        Value::Array(_) | Value::Object(_) => "Array".into(),
    }
}

/// MariaDB's `CAST(x AS DECIMAL)` of a text: its leading number, else 0.
fn decimal(text: &str) -> f64 {
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

fn list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items.clone(),
        _ => Vec::new(),
    }
}

/// Days added to a stored datetime (`None` if it leaves the supported range).
fn add_days(stored: &str, days: i64) -> Option<String> {
    let ts: jiff::Timestamp = stored.parse().ok()?;
    let moved = ts
        .checked_add(jiff::SignedDuration::from_hours(days.checked_mul(24)?))
        .ok()?;
    parse_datetime(&moved.to_string())
}

/// The result on an existing row: what MariaDB computes from Appwrite's SQL.
fn on_row(op: &Operator, column: &ColumnMeta, current: &Value) -> ApiResult<Value> {
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
fn on_new(op: &Operator, column: &ColumnMeta, default: &Value) -> ApiResult<Value> {
    let values = &op.values;
    let d = || Num::from_json(default).unwrap_or(Num::Int(0));
    let v = || {
        values
            .first()
            .and_then(Num::from_json)
            .unwrap_or(Num::Int(1))
    };
    let php_strings = |items: &[Value]| items.iter().map(php_string).collect::<Vec<_>>();
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
            json!(a.checked_rem(b).ok_or_else(server_error)?)
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
                Some(other) => vec![php_string(other)],
                None => vec![String::new()],
            };
            Value::Array(
                list(default)
                    .into_iter()
                    .filter(|e| !remove.contains(&php_string(e)))
                    .collect(),
            )
        }
        "arrayUnique" => {
            let mut seen = Vec::new();
            let mut out = Vec::new();
            for e in list(default) {
                let s = php_string(&e);
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
                    .filter(|e| texts.contains(&php_string(e)) == keep_members)
                    .collect(),
            )
        }
        "stringConcat" => json!(format!(
            "{}{}",
            php_string(default),
            values.first().map(php_string).unwrap_or_default()
        )),
        "stringReplace" => {
            let (search, replace) = (php_string(&values[0]), php_string(&values[1]));
            let subject = php_string(default);
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
fn storable(column: &ColumnMeta, value: Value) -> ApiResult<Value> {
    if column.spec.kind != ColumnKind::Integer || column.spec.array {
        return Ok(value);
    }
    match &value {
        Value::Number(n) if n.as_i64().is_none() => {
            let f = n.as_f64().unwrap_or(f64::NAN).round_ties_even();
            if !(i64::MIN as f64..i64::MAX as f64).contains(&f) {
                return Err(server_error());
            }
            Ok(json!(f as i64))
        }
        _ => Ok(value),
    }
}

/// The column spec operator results are encoded with: the column's own range is not
/// enforced (only its storage width: 32-bit integers stay 32-bit).
pub(super) fn unbounded(spec: &crate::schema::ColumnSpec) -> crate::schema::ColumnSpec {
    let mut spec = spec.clone();
    spec.range = match spec.range {
        Range::Int { max, .. } => Range::Int {
            min: i64::MIN,
            max: if max > i64::from(i32::MAX) {
                i64::MAX
            } else {
                i64::from(i32::MAX)
            },
        },
        Range::Float { .. } => Range::Float {
            min: -f64::MAX,
            max: f64::MAX,
        },
        Range::None => Range::None,
    };
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::plan::tests::table;

    fn op(raw: Value) -> Operator {
        detect(&json!(raw.to_string())).unwrap().unwrap()
    }

    fn col(key: &str) -> ColumnMeta {
        table()
            .columns
            .into_iter()
            .find(|c| c.spec.key == key)
            .unwrap()
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect(&json!(r#"{"method":"increment","values":[5]}"#)),
            Some(Ok(Operator {
                method: "increment",
                values: vec![json!(5)]
            }))
        );
        // Also as an object, with an attribute, or without values.
        assert!(matches!(
            detect(&json!({"method": "toggle", "attribute": "flag"})),
            Some(Ok(_))
        ));
        // Not operators: plain text, unknown methods, lists, non-string methods.
        for plain in [
            json!("hello"),
            json!(r#"{"method":"nope","values":[1]}"#),
            json!(r#"[{"method":"increment"}]"#),
            json!(r#"{"method":5}"#),
            json!(r#"{"values":[1]}"#),
            json!(5),
            json!([1, 2]),
        ] {
            assert_eq!(detect(&plain), None, "{plain}");
        }
        assert_eq!(
            detect(&json!(r#"{"method":"increment","attribute":5}"#)),
            Some(Err(
                "Invalid operator attribute. Must be a string, got integer".into()
            ))
        );
        assert_eq!(
            detect(&json!(r#"{"method":"increment","values":"x"}"#)),
            Some(Err(
                "Invalid operator values. Must be an array, got string".into()
            ))
        );
    }

    #[test]
    fn validation_messages() {
        let count = col("count");
        let title = col("title");
        let tags = col("tags");
        let v = |raw: Value, c: &ColumnMeta, cur: Option<&Value>| validate(&op(raw), c, cur);
        assert_eq!(
            v(json!({"method":"increment","values":[1]}), &title, None),
            Err("Cannot apply increment operator to non-numeric field 'title'".into())
        );
        assert_eq!(
            v(json!({"method":"increment","values":["x"]}), &count, None),
            Err("Cannot apply increment operator: value must be numeric, got string".into())
        );
        assert_eq!(
            v(json!({"method":"increment"}), &count, None),
            Err("Cannot apply increment operator: value must be numeric, got NULL".into())
        );
        assert_eq!(
            v(json!({"method":"divide","values":[0]}), &count, None),
            Err("Cannot apply divide operator: division by zero".into())
        );
        assert_eq!(
            v(json!({"method":"modulo","values":[0.0]}), &count, None),
            Err("Cannot apply modulo operator: modulo by zero".into())
        );
        assert_eq!(
            v(
                json!({"method":"increment","values":[1, "x"]}),
                &count,
                None
            ),
            Err(
                "Cannot apply increment operator: max/min limit must be numeric, got string".into()
            )
        );
        assert_eq!(
            v(
                json!({"method":"increment","values":[1]}),
                &count,
                Some(&json!(2147483647))
            ),
            Err(
                "Cannot apply increment operator: would overflow maximum value of 2147483647"
                    .into()
            )
        );
        assert!(
            v(
                json!({"method":"increment","values":[1, 5000000000i64]}),
                &count,
                Some(&json!(2147483647))
            )
            .is_ok()
        );
        assert_eq!(
            v(json!({"method":"arrayAppend","values":["x"]}), &title, None),
            Err("Cannot apply arrayAppend operator to non-array field 'title'".into())
        );
        assert_eq!(
            v(
                json!({"method":"arrayInsert","values":[5, "x"]}),
                &tags,
                Some(&json!(["a"]))
            ),
            Err(
                "Cannot apply arrayInsert operator: index 5 is out of bounds for array of length 1"
                    .into()
            )
        );
        assert_eq!(
            v(
                json!({"method":"arrayInsert","values":[-1, "x"]}),
                &tags,
                None
            ),
            Err("Cannot apply arrayInsert operator: index must be a non-negative integer".into())
        );
        assert_eq!(
            v(json!({"method":"arrayFilter","values":["contains", "x"]}), &tags, None),
            Err("Invalid array filter condition 'contains'. Must be one of: equal, notEqual, greaterThan, greaterThanEqual, lessThan, lessThanEqual, isNull, isNotNull".into())
        );
        assert_eq!(
            v(json!({"method":"arrayIntersect","values":[]}), &tags, None),
            Err("arrayIntersect operator requires a non-empty array value".into())
        );
        assert_eq!(
            v(json!({"method":"arrayDiff","values":["a"]}), &title, None),
            Err("Cannot use arrayDiff operator on non-array attribute 'title'".into())
        );
        assert_eq!(
            v(
                json!({"method":"stringConcat","values":["x"]}),
                &col("body"),
                None
            ),
            Err("Cannot apply stringConcat operator to non-string field 'body'".into())
        );
        assert_eq!(
            v(json!({"method":"stringConcat","values":[5]}), &title, None),
            Err("Cannot apply stringConcat operator: requires a string value".into())
        );
        assert_eq!(
            v(json!({"method":"stringConcat","values":["xx"]}), &title, Some(&json!("a".repeat(254)))),
            Err("Cannot apply stringConcat operator: result would exceed maximum length of 255 characters".into())
        );
        assert_eq!(
            v(json!({"method":"stringReplace","values":["a"]}), &title, None),
            Err("Cannot apply stringReplace operator: requires exactly 2 string values (search and replace)".into())
        );
        assert_eq!(
            v(json!({"method":"toggle"}), &count, None),
            Err("Cannot apply toggle operator to non-boolean field 'count'".into())
        );
        assert_eq!(
            v(
                json!({"method":"dateAddDays","values":[1.5]}),
                &col("when"),
                None
            ),
            Err("Cannot apply dateAddDays operator: requires an integer number of days".into())
        );
        assert_eq!(
            v(json!({"method":"dateSetNow"}), &title, None),
            Err("Cannot apply dateSetNow operator to non-datetime field 'title'".into())
        );
    }

    #[test]
    fn numeric_results_on_rows() {
        let count = col("count");
        let run = |raw: Value, cur: Value| on_row(&op(raw), &count, &cur).unwrap();
        assert_eq!(
            run(json!({"method":"increment","values":[5]}), json!(10)),
            json!(15)
        );
        assert_eq!(
            run(json!({"method":"increment","values":[5]}), Value::Null),
            json!(5)
        );
        assert_eq!(
            run(json!({"method":"increment","values":[5, 12]}), json!(10)),
            json!(12)
        );
        assert_eq!(
            run(json!({"method":"increment","values":[5, 12]}), json!(20)),
            json!(12)
        );
        assert_eq!(
            run(json!({"method":"decrement","values":[5, 8]}), json!(10)),
            json!(8)
        );
        assert_eq!(
            run(json!({"method":"decrement","values":[3]}), json!(1)),
            json!(-2)
        );
        assert_eq!(
            run(json!({"method":"multiply","values":[3, 100]}), json!(50)),
            json!(100)
        );
        assert_eq!(
            run(json!({"method":"multiply","values":[3]}), json!(5)),
            json!(15)
        );
        assert_eq!(
            run(json!({"method":"divide","values":[2]}), json!(7)),
            json!(4.0)
        );
        assert_eq!(
            run(json!({"method":"divide","values":[2.0]}), json!(7)),
            json!(3.5)
        );
        let price = col("price");
        assert_eq!(
            on_row(
                &op(json!({"method":"divide","values":[2]})),
                &price,
                &json!(7)
            )
            .unwrap(),
            json!(3.5)
        );
        assert_eq!(
            run(json!({"method":"divide","values":[2, 5]}), json!(7)),
            json!(5)
        );
        assert_eq!(
            run(json!({"method":"modulo","values":[3]}), json!(10)),
            json!(1)
        );
        assert_eq!(
            run(json!({"method":"modulo","values":[3]}), json!(-10)),
            json!(-1)
        );
        assert_eq!(
            run(json!({"method":"power","values":[2]}), json!(3)),
            json!(9.0)
        );
        assert_eq!(
            run(json!({"method":"power","values":[10, 1000]}), json!(3)),
            json!(1000)
        );
        assert_eq!(
            run(json!({"method":"power","values":[10, 1000]}), json!(1)),
            json!(1)
        );
        assert_eq!(storable(&count, json!(3.5)).unwrap(), json!(4));
        assert_eq!(storable(&count, json!(2.5)).unwrap(), json!(2));
        assert_eq!(storable(&count, json!(9.0)).unwrap(), json!(9));
        assert!(
            on_row(
                &op(json!({"method":"increment","values":[1]})),
                &count,
                &json!(i64::MAX)
            )
            .is_err()
        );
    }

    #[test]
    fn other_results_on_rows() {
        let tags = col("tags");
        let title = col("title");
        let run = |raw: Value, c: &ColumnMeta, cur: Value| on_row(&op(raw), c, &cur).unwrap();
        let abc = json!(["a", "b", "c", "b", null]);
        assert_eq!(
            run(
                json!({"method":"arrayAppend","values":["x","y"]}),
                &tags,
                json!(["a"])
            ),
            json!(["a", "x", "y"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayAppend","values":["x"]}),
                &tags,
                Value::Null
            ),
            json!(["x"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayPrepend","values":["x"]}),
                &tags,
                json!(["a"])
            ),
            json!(["x", "a"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayInsert","values":[1,"x"]}),
                &tags,
                json!(["a", "b"])
            ),
            json!(["a", "x", "b"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayInsert","values":[9,"x"]}),
                &tags,
                json!(["a"])
            ),
            json!(["a", "x"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayInsert","values":[0,"x"]}),
                &tags,
                Value::Null
            ),
            Value::Null
        );
        assert_eq!(
            run(
                json!({"method":"arrayRemove","values":["b"]}),
                &tags,
                abc.clone()
            ),
            json!(["a", "c"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayRemove","values":["b"]}),
                &tags,
                Value::Null
            ),
            json!([])
        );
        assert_eq!(
            run(json!({"method":"arrayUnique"}), &tags, abc.clone()),
            // Sorted, as MariaDB returns distinct values (NULL first).
            json!([null, "a", "b", "c"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayIntersect","values":["b","c","z"]}),
                &tags,
                abc.clone()
            ),
            json!(["b", "c", "b"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayDiff","values":["b"]}),
                &tags,
                abc.clone()
            ),
            json!(["a", "c"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayFilter","values":["equal","b"]}),
                &tags,
                abc.clone()
            ),
            json!(["b", "b"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayFilter","values":["isNull"]}),
                &tags,
                abc.clone()
            ),
            json!([null])
        );
        assert_eq!(
            run(
                json!({"method":"arrayFilter","values":["isNotNull"]}),
                &tags,
                abc
            ),
            json!(["a", "b", "c", "b"])
        );
        let nums = col("nums");
        assert_eq!(
            run(
                json!({"method":"arrayFilter","values":["greaterThan", 2]}),
                &nums,
                json!([1, 2, 3, 4])
            ),
            json!([3, 4])
        );
        assert_eq!(
            run(
                json!({"method":"arrayRemove","values":[2]}),
                &nums,
                json!([1, 2, 3, 2])
            ),
            json!([1, 3])
        );
        assert_eq!(
            run(
                json!({"method":"stringConcat","values":[" Appended"]}),
                &title,
                json!("Original")
            ),
            json!("Original Appended")
        );
        assert_eq!(
            run(
                json!({"method":"stringConcat","values":["x"]}),
                &title,
                Value::Null
            ),
            json!("x")
        );
        assert_eq!(
            run(
                json!({"method":"stringReplace","values":["o","0"]}),
                &title,
                json!("foo")
            ),
            json!("f00")
        );
        assert_eq!(
            run(
                json!({"method":"stringReplace","values":["","0"]}),
                &title,
                json!("foo")
            ),
            json!("foo")
        );
        assert_eq!(
            run(
                json!({"method":"stringReplace","values":["o","0"]}),
                &title,
                Value::Null
            ),
            Value::Null
        );
        let flag = col("flag");
        assert_eq!(
            run(json!({"method":"toggle"}), &flag, json!(true)),
            json!(false)
        );
        assert_eq!(
            run(json!({"method":"toggle"}), &flag, Value::Null),
            json!(true)
        );
        let when = col("when");
        assert_eq!(
            run(
                json!({"method":"dateAddDays","values":[3]}),
                &when,
                json!("2020-01-30T12:00:00.000+00:00")
            ),
            json!("2020-02-02T12:00:00.000+00:00")
        );
        assert_eq!(
            run(
                json!({"method":"dateSubDays","values":[1]}),
                &when,
                json!("2020-03-01T00:00:00.500+00:00")
            ),
            json!("2020-02-29T00:00:00.500+00:00")
        );
        assert_eq!(
            run(
                json!({"method":"dateAddDays","values":[1]}),
                &when,
                Value::Null
            ),
            Value::Null
        );
        let now = run(json!({"method":"dateSetNow"}), &when, Value::Null);
        assert!(now.as_str().unwrap().ends_with(".000+00:00"), "{now}");
    }

    #[test]
    fn results_on_new_rows_use_defaults() {
        let count = col("count");
        let tags = col("tags");
        let run = |raw: Value, c: &ColumnMeta, d: Value| on_new(&op(raw), c, &d).unwrap();
        assert_eq!(
            run(
                json!({"method":"increment","values":[5, 2]}),
                &count,
                Value::Null
            ),
            json!(5)
        );
        assert_eq!(
            run(
                json!({"method":"increment","values":[5]}),
                &count,
                json!(10)
            ),
            json!(15)
        );
        assert_eq!(
            run(json!({"method":"divide","values":[2]}), &count, json!(10)),
            json!(5)
        );
        assert_eq!(
            run(json!({"method":"power","values":[3]}), &count, json!(2)),
            json!(8)
        );
        assert_eq!(
            run(json!({"method":"modulo","values":[4]}), &count, json!(10)),
            json!(2)
        );
        assert_eq!(
            run(
                json!({"method":"arrayAppend","values":["a"]}),
                &tags,
                Value::Null
            ),
            json!(["a"])
        );
        assert_eq!(
            run(
                json!({"method":"arrayFilter","values":["equal","a"]}),
                &tags,
                Value::Null
            ),
            Value::Null
        );
        assert_eq!(
            run(
                json!({"method":"stringConcat","values":["x"]}),
                &col("title"),
                Value::Null
            ),
            json!("x")
        );
    }

    #[test]
    fn decimal_casts() {
        assert_eq!(decimal("12.5abc"), 12.5);
        assert_eq!(decimal("abc"), 0.0);
        assert_eq!(decimal(" -3e2"), -300.0);
        assert_eq!(decimal("7e"), 7.0);
    }
}
