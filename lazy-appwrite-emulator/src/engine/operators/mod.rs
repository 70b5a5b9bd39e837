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

mod check;
mod compute;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::error::catalogue;
use crate::error::catalogue::operators;
use crate::error::{ApiError, ApiResult};
use crate::php;
use crate::schema::{ColumnKind, ColumnMeta, Range, TableMeta};

use check::validate;
use compute::{on_new, on_row, storable};
/// Every operator method (utopia `Operator::TYPES`).
pub(super) const METHODS: [&str; 20] = [
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

/// Conditions `arrayFilter` accepts.
pub(super) const FILTER_CONDITIONS: [&str; 8] = [
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
pub(super) const MAX_INT: i64 = 2_147_483_647;
pub(super) const MIN_INT: i64 = -2_147_483_648;

/// One parsed operator.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Operator {
    pub(super) method: &'static str,
    pub(super) values: Vec<Value>,
}

/// The value as an operator, if Appwrite would take it for one: `Some(Err(message))` when it
/// names a method but is malformed.
pub(super) fn detect(value: &Value) -> Option<Result<Operator, String>> {
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
        return Some(Err(operators::attribute_not_string(php::gettype(
            attribute,
        ))));
    }
    let values = match map.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(items)) => items.values().cloned().collect(),
        Some(other) => {
            return Some(Err(operators::values_not_array(php::gettype(other))));
        }
    };
    Some(Ok(Operator { method, values }))
}

/// The operators in `data`, by key, in `data`'s order; malformed ones fail with
/// `400 general_bad_request`.
pub(super) fn parse(
    table: &TableMeta,
    data: &Map<String, Value>,
) -> ApiResult<Vec<(String, Operator)>> {
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
                return Err(catalogue::invalid_operator(key, &message));
            }
        }
    }
    Ok(out)
}

/// Fails with `400 general_bad_request` when `data` holds a malformed operator (Appwrite
/// parses them before it looks the row up).
pub fn check_syntax(table: &TableMeta, data: &Map<String, Value>) -> ApiResult<()> {
    parse(table, data).map(|_| ())
}

/// Checks the operators of a bulk update against their columns only (no row values), as
/// Appwrite does once before updating any row.
pub fn check_columns(table: &TableMeta, data: &Map<String, Value>) -> ApiResult<()> {
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
pub fn apply(
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
pub(super) fn plain_structure(
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
pub(super) fn known_keys(table: &TableMeta, data: &Map<String, Value>) -> bool {
    data.keys()
        .filter(|k| !k.starts_with('$'))
        .all(|k| table.available_column(k).is_some_and(|c| c.spec.key == *k))
}

/// The operators whose key is an available column, in column order.
pub(super) fn ordered<'a>(
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

/// The column spec operator results are encoded with: the column's own range is not
/// enforced (only its storage width: 32-bit integers stay 32-bit).
pub fn unbounded(spec: &crate::schema::ColumnSpec) -> crate::schema::ColumnSpec {
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
