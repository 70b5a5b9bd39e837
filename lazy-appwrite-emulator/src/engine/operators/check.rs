//! Checking an operator against its column (and the row's current value), with the
//! messages of Appwrite's operator validator.

use serde_json::Value;

use crate::engine::number::Num;
use crate::error::catalogue::operators;
use crate::php;
use crate::schema::{ColumnKind, ColumnMeta};

use super::*;

// ---------------------------------------------------------------------------------------------
// Validation (utopia `Validator\Operator`).

/// The attribute type Appwrite's validator compares with (`string`, `double`, `varchar`, …).
pub(super) fn attribute_type(kind: ColumnKind) -> &'static str {
    kind.type_name()
}

/// `isset($values[$i])`: present and not null.
pub(super) fn isset(values: &[Value], i: usize) -> Option<&Value> {
    values.get(i).filter(|v| !v.is_null())
}

/// PHP `gettype($values[$i] ?? null)`.
pub(super) fn type_of(values: &[Value], i: usize) -> &'static str {
    php::gettype(values.get(i).unwrap_or(&Value::Null))
}

/// Checks one operator against its column (and, when given, the column's current value).
/// The error is the validator's message.
pub(super) fn validate(
    op: &Operator,
    column: &ColumnMeta,
    current: Option<&Value>,
) -> Result<(), String> {
    match op.method {
        "increment" | "decrement" | "multiply" | "divide" | "modulo" | "power" => {
            numeric(op, column, current)
        }
        "stringConcat" | "stringReplace" => string(op, column, current),
        "toggle" | "dateAddDays" | "dateSubDays" | "dateSetNow" => scalar(op, column),
        _ => array(op, column, current),
    }
}

/// The arithmetic operators: a numeric column, a numeric operand and limit, no division by
/// zero, and (without a limit, on an integer column) no result past 32 bits.
fn numeric(op: &Operator, column: &ColumnMeta, current: Option<&Value>) -> Result<(), String> {
    let (method, key, values, kind) = (op.method, &column.spec.key, &op.values, column.spec.kind);
    if !kind.is_numeric() {
        return Err(operators::not_numeric_field(method, key));
    }
    let Some(value) = isset(values, 0).and_then(Num::from_json) else {
        return Err(operators::value_not_numeric(method, type_of(values, 0)));
    };
    if matches!(method, "divide" | "modulo") && value.as_f64() == 0.0 {
        let what = if method == "divide" {
            "division"
        } else {
            "modulo"
        };
        return Err(operators::by_zero(method, what));
    }
    if let Some(limit) = isset(values, 1)
        && Num::from_json(limit).is_none()
    {
        return Err(operators::limit_not_numeric(method, php::gettype(limit)));
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
            return Err(operators::would_overflow(method, MAX_INT));
        }
        if predicted < MIN_INT as f64 {
            return Err(operators::would_underflow(method, MIN_INT));
        }
    }
    Ok(())
}

/// `Cannot apply … operator to non-array field '…'`.
fn non_array(method: &str, key: &str) -> Result<(), String> {
    Err(operators::not_array_field(method, key))
}

/// Items added to an integer array must fit 32 bits.
fn int_items_in_range(method: &str, kind: ColumnKind, items: &[Value]) -> Result<(), String> {
    if kind == ColumnKind::Integer
        && items.iter().any(|item| {
            php::numeric(item).is_some_and(|n| n > MAX_INT as f64 || n < MIN_INT as f64)
        })
    {
        return Err(operators::items_out_of_range(method, MIN_INT, MAX_INT));
    }
    Ok(())
}

/// The array operators: an array column and their operands.
fn array(op: &Operator, column: &ColumnMeta, current: Option<&Value>) -> Result<(), String> {
    let (method, key, values, kind) = (op.method, &column.spec.key, &op.values, column.spec.kind);
    let is_array = column.spec.array;
    match method {
        "arrayAppend" | "arrayPrepend" => {
            if !is_array {
                return non_array(method, key);
            }
            if !values.is_empty() {
                match &values[0] {
                    Value::Array(items) => int_items_in_range(method, kind, items)?,
                    _ => int_items_in_range(method, kind, values)?,
                }
            }
        }
        "arrayUnique" if !is_array => return non_array(method, key),
        "arrayInsert" => {
            if !is_array {
                return non_array(method, key);
            }
            if values.len() != 2 {
                return Err(operators::insert_arity(method));
            }
            let index = match values[0].as_i64() {
                Some(i) if values[0].is_i64() && i >= 0 => i,
                _ => {
                    return Err(operators::index_negative(method));
                }
            };
            int_items_in_range(method, kind, &values[1..2])?;
            if let Some(Value::Array(items)) = current
                && index > items.len() as i64
            {
                return Err(operators::index_out_of_bounds(method, index, items.len()));
            }
        }
        "arrayRemove" => {
            if !is_array {
                return non_array(method, key);
            }
            if values.is_empty() {
                return Err(operators::remove_needs_value(method));
            }
        }
        "arrayIntersect" => {
            if !is_array {
                return Err(operators::not_array_attribute(method, key));
            }
            if values.is_empty() {
                return Err(operators::needs_non_empty_array(method));
            }
        }
        "arrayDiff" if !is_array => {
            return Err(operators::not_array_attribute(method, key));
        }
        "arrayFilter" => {
            if !is_array {
                return non_array(method, key);
            }
            if values.is_empty() || values.len() > 2 {
                return Err(operators::filter_arity(method));
            }
            let Some(condition) = values[0].as_str() else {
                return Err(operators::filter_condition_not_string(method));
            };
            if !FILTER_CONDITIONS.contains(&condition) {
                return Err(operators::filter_condition_unknown(
                    condition,
                    &FILTER_CONDITIONS.join(", "),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The string operators: a string column and string operands, within the column's size.
fn string(op: &Operator, column: &ColumnMeta, current: Option<&Value>) -> Result<(), String> {
    let (method, key, values, kind) = (op.method, &column.spec.key, &op.values, column.spec.kind);
    let is_array = column.spec.array;
    match method {
        "stringConcat" => {
            if attribute_type(kind) != "string" || is_array {
                return Err(operators::not_string_field(method, key));
            }
            let Some(Value::String(suffix)) = values.first() else {
                return Err(operators::needs_string(method));
            };
            if let Some(current) = current {
                let size = column.spec.size.unwrap_or(0);
                let now_len = current.as_str().map_or(0, str::len);
                if size > 0 && (now_len + suffix.len()) as i64 > size {
                    return Err(operators::too_long(method, size));
                }
            }
        }
        "stringReplace" => {
            if attribute_type(kind) != "string" {
                return Err(operators::not_string_field(method, key));
            }
            if values.len() != 2 || !values[0].is_string() || !values[1].is_string() {
                return Err(operators::replace_arity(method));
            }
        }
        _ => {}
    }
    Ok(())
}

/// `toggle` and the date operators: a boolean or datetime column that is not an array.
fn scalar(op: &Operator, column: &ColumnMeta) -> Result<(), String> {
    let (method, key, values, kind) = (op.method, &column.spec.key, &op.values, column.spec.kind);
    let is_array = column.spec.array;
    match method {
        "toggle" => {
            if kind != ColumnKind::Boolean || is_array {
                return Err(operators::not_boolean_field(method, key));
            }
        }
        "dateAddDays" | "dateSubDays" => {
            if kind != ColumnKind::Datetime || is_array {
                return Err(operators::not_datetime_field(method, key));
            }
            if !values.first().is_some_and(Value::is_i64) {
                return Err(operators::needs_days(method));
            }
        }
        _ => {
            // dateSetNow
            if kind != ColumnKind::Datetime || is_array {
                return Err(operators::not_datetime_field(method, key));
            }
        }
    }
    Ok(())
}
