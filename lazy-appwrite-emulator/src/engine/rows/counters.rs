//! `PATCH …/rows/{rowId}/{column}/increment` and `…/decrement`: atomic counters on integer
//! and float columns.
//!
//! As on Appwrite 1.8 (`Documents/Attribute/Increment.php` → utopia-php/database 5.2
//! `increaseDocumentAttribute`), in this order:
//! * parameters: `value` (PHP `Numeric`, default 1) and `max` / `min` (`Nullable(Numeric)`);
//! * database and table must exist — a disabled one is *not* hidden here;
//! * `value <= 0` → `400 general_argument_invalid` "Value must be numeric and greater than 0";
//! * the column must be an available column (exact key) → else `404 column_not_found`, with
//!   Appwrite's unformatted message; it must be integer or float and not an array → else
//!   `400 attribute_type_invalid` `tablesDB "x" is not a number`;
//! * the row must exist → else `404 column_not_found` as well (quirk);
//! * update permission (table, or row with row security) → else `401 user_unauthorized`;
//! * `current + value > max` (`current − value < min`; NULL counts as 0) →
//!   `400 column_limit_exceeded` `tablesDB "x" has reached the maximum (minimum) value of N`.
//!
//! The column's own `min`/`max` are not checked (Appwrite writes the new value with a plain
//! SQL `UPDATE`); a result outside the column's storage width is a database error (500).
//! `$updatedAt` moves to now, but the answer shows the row as it was read before the change
//! with only the counter replaced, so its `$updatedAt` is the previous one, as on Appwrite.
//! `X-Appwrite-Timestamp` is not consulted. The whole request is one SQLite transaction
//! under the store's lock, so concurrent calls never lose an update.

use serde_json::{Value, json};

use crate::engine::access::may;
use crate::engine::number::Num;
use crate::error::catalogue;
use crate::error::catalogue::validators;
use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::schema::{ColumnKind, ColumnMeta, Range};
use crate::store::{Tx, catalog, rows};
use crate::validate::datetime::now;

/// `PATCH …/rows/{rowId}/{column}/increment`.
pub fn increment(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    change(tx, ctx, request, Direction::Up)
}

/// `PATCH …/rows/{rowId}/{column}/decrement`.
pub fn decrement(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    change(tx, ctx, request, Direction::Down)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

impl Direction {
    /// The bound parameter: `max` for increments, `min` for decrements.
    fn bound_param(self) -> &'static str {
        match self {
            Direction::Up => "max",
            Direction::Down => "min",
        }
    }

    fn bound_word(self) -> &'static str {
        match self {
            Direction::Up => "maximum",
            Direction::Down => "minimum",
        }
    }
}

impl Num {
    /// `a + b` (or `a - b`) with PHP's int/float rules; `None` for an integer overflow.
    fn apply(self, direction: Direction, other: Num) -> Option<Num> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => match direction {
                Direction::Up => a.checked_add(b),
                Direction::Down => a.checked_sub(b),
            }
            .map(Num::Int),
            (a, b) => Some(Num::Float(match direction {
                Direction::Up => a.as_f64() + b.as_f64(),
                Direction::Down => a.as_f64() - b.as_f64(),
            })),
        }
    }

    /// `self > other` (or `<` for [`Direction::Down`]): the bound is passed.
    fn passes(self, direction: Direction, bound: Num) -> bool {
        let ordering = match (self, bound) {
            (Num::Int(a), Num::Int(b)) => a.cmp(&b),
            (a, b) => match a.as_f64().partial_cmp(&b.as_f64()) {
                Some(o) => o,
                None => return false,
            },
        };
        match direction {
            Direction::Up => ordering.is_gt(),
            Direction::Down => ordering.is_lt(),
        }
    }
}

/// An optional `Numeric` body parameter (`null` = not given).
fn numeric_param(params: &Params, name: &str, nullable: bool) -> ApiResult<Option<Num>> {
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    Num::from_json(value).map(Some).ok_or_else(|| {
        let description = if nullable {
            validators::or_null(validators::number())
        } else {
            validators::number().to_owned()
        };
        ApiError::param_invalid(name, &description)
    })
}

fn change(
    tx: &mut Tx<'_>,
    ctx: &Context,
    request: &CheckedRequest<'_>,
    direction: Direction,
) -> ApiResult<Reply> {
    let params = request.params();
    let (db, table_id) = (request.database.as_str(), request.table.as_str());
    let id = request.row.as_str();
    let key = request.column.as_str();
    if params.has_key("value") && params.get("value").is_none() {
        // `"value": null`: 1.8 refuses it as not a number, 1.9 fails with a bare 500.
        return Err(if ctx.profile.null_counter_value_is_server_error() {
            catalogue::server_error()
        } else {
            ApiError::param_invalid("value", validators::number())
        });
    }
    let value = numeric_param(params, "value", false)?.unwrap_or(Num::Int(1));
    let bound = numeric_param(params, direction.bound_param(), true)?;

    let table = catalog::table(tx, db, table_id)?;
    if value.as_f64() <= 0.0 {
        return Err(catalogue::counter_value_not_positive());
    }
    let column = table
        .columns
        .iter()
        .find(|c| c.is_available() && c.spec.key == key)
        .ok_or_else(catalogue::counter_column_not_found)?;
    if !column.spec.kind.is_numeric() || column.spec.array {
        return Err(catalogue::counter_not_a_number(key));
    }
    let mut row = rows::find(tx, &table, id)?.ok_or_else(catalogue::counter_column_not_found)?;
    if !may(&table, Some(&row), "update", ctx) {
        return Err(ApiError::unauthorized());
    }
    let current = row
        .values
        .get(key)
        .and_then(Num::from_json)
        .unwrap_or(Num::Int(0));
    let Some(next) = current.apply(direction, value) else {
        // Past ±2^63 Appwrite computes the result as a float: the answer shows it and the
        // row is not changed (a reproduced bug, as recorded on 1.9.6).
        let sign = match direction {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        };
        let float = current.as_f64() + sign * value.as_f64();
        row.values.insert(key.to_string(), serde_json::json!(float));
        let mut answer = row.render(&table, ctx.format_1_9, None);
        if !ctx.profile.counter_answer_names_table()
            && let Some(fields) = answer.as_object_mut()
        {
            fields.remove("$databaseId");
            fields.remove("$tableId");
        }
        return Ok(Reply::ok(answer));
    };
    if let Some(bound) = bound
        && next.passes(direction, bound)
    {
        return Err(catalogue::counter_limit(
            key,
            direction.bound_word(),
            &bound.php_string(),
        ));
    }
    // Appwrite binds the step as a string, so MariaDB adds in DOUBLE: past 2^53 the stored
    // integer is the sum rounded to a double (0 + 9223372036854775000 stores
    // 9223372036854774784, −2^63 + 1 stores −2^63), while the answer shows PHP's exact sum
    // (tour-v19.jsonl 1.9.6 seq 2287, 2427).
    let in_sql = match next {
        Num::Int(_) => Num::Float(
            current.as_f64()
                + match direction {
                    Direction::Up => value.as_f64(),
                    Direction::Down => -value.as_f64(),
                },
        ),
        float => float,
    };
    let stored = storable(column, in_sql).ok_or_else(catalogue::server_error)?;
    let shown = match (column.spec.kind, next) {
        (ColumnKind::Integer, Num::Int(i)) => json!(i),
        _ => stored.to_json(),
    };
    // Appwrite adds in SQL, where NULL + n is NULL: a column without a value stays empty,
    // though the answer shows the sum (a reproduced bug, both releases).
    let was_null = row.values.get(key).is_none_or(Value::is_null);
    if was_null {
        let sql = format!(
            "UPDATE {} SET _updated = ?1 WHERE _seq = ?2",
            table.physical()
        );
        tx.sql
            .prepare_cached(&sql)?
            .execute(rusqlite::params![now(), row.seq])?;
    } else {
        let sql = format!(
            "UPDATE {} SET {} = ?1, _updated = ?2 WHERE _seq = ?3",
            table.physical(),
            column.physical()
        );
        tx.sql
            .prepare_cached(&sql)?
            .execute(rusqlite::params![stored, now(), row.seq])?;
    }
    row.values.insert(key.to_string(), shown);
    let mut answer = row.render(&table, ctx.format_1_9, None);
    if !ctx.profile.counter_answer_names_table()
        && let Some(fields) = answer.as_object_mut()
    {
        fields.remove("$databaseId");
        fields.remove("$tableId");
    }
    Ok(Reply::ok(answer))
}

/// A new counter value as the column stores it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stored {
    Int(i64),
    Real(f64),
}

impl Stored {
    fn to_json(self) -> Value {
        match self {
            Stored::Int(i) => json!(i),
            Stored::Real(f) => crate::schema::json_number(f),
        }
    }
}

impl rusqlite::ToSql for Stored {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(match self {
            Stored::Int(i) => (*i).into(),
            Stored::Real(f) => (*f).into(),
        })
    }
}

/// The value an integer column (rounding a fractional result, as MariaDB does, within its
/// 32- or 64-bit width) or a float column stores; `None` when it does not fit.
fn storable(column: &ColumnMeta, value: Num) -> Option<Stored> {
    if column.spec.kind == ColumnKind::Float {
        let f = value.as_f64();
        return f.is_finite().then_some(Stored::Real(f));
    }
    let i = match value {
        Num::Int(i) => i,
        Num::Float(f) => {
            // MariaDB stores a DOUBLE into an integer column rounding half to even.
            let r = f.round_ties_even();
            if !(i64::MIN as f64..i64::MAX as f64).contains(&r) {
                return None;
            }
            r as i64
        }
    };
    let wide = match column.spec.range {
        Range::Int { max, .. } => max > i64::from(i32::MAX),
        _ => true,
    };
    (wide || i32::try_from(i).is_ok()).then_some(Stored::Int(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ColumnSpec;
    use crate::schema::Status;

    fn column(kind: ColumnKind, range: Range) -> ColumnMeta {
        let mut spec = ColumnSpec::new("n", kind);
        spec.range = range;
        ColumnMeta {
            seq: 1,
            spec,
            status: Status::Available,
            error: String::new(),
            ready_at: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn numbers_follow_php() {
        assert_eq!(Num::from_json(&json!(5)), Some(Num::Int(5)));
        assert_eq!(Num::from_json(&json!(2.0)), Some(Num::Float(2.0)));
        assert_eq!(Num::from_json(&json!("7")), Some(Num::Int(7)));
        assert_eq!(Num::from_json(&json!("1.5")), Some(Num::Float(1.5)));
        assert_eq!(Num::from_json(&json!("x")), None);
        assert_eq!(Num::from_json(&json!(true)), None);
        assert_eq!(Num::Float(8.0).php_string(), "8");
        assert_eq!(Num::Float(8.5).php_string(), "8.5");
        assert_eq!(Num::Int(-3).php_string(), "-3");
        assert_eq!(
            Num::Int(5).apply(Direction::Up, Num::Int(2)),
            Some(Num::Int(7))
        );
        assert_eq!(
            Num::Int(5).apply(Direction::Down, Num::Float(0.5)),
            Some(Num::Float(4.5))
        );
        assert_eq!(Num::Int(i64::MAX).apply(Direction::Up, Num::Int(1)), None);
        assert!(Num::Int(11).passes(Direction::Up, Num::Int(10)));
        assert!(!Num::Int(10).passes(Direction::Up, Num::Int(10)));
        assert!(Num::Int(-1).passes(Direction::Down, Num::Float(0.0)));
        assert!(!Num::Int(0).passes(Direction::Down, Num::Int(0)));
    }

    #[test]
    fn storage_widths() {
        let wide = column(
            ColumnKind::Integer,
            Range::Int {
                min: i64::MIN,
                max: i64::MAX,
            },
        );
        let narrow = column(ColumnKind::Integer, Range::Int { min: 0, max: 10 });
        let float = column(
            ColumnKind::Float,
            Range::Float {
                min: -f64::MAX,
                max: f64::MAX,
            },
        );
        assert_eq!(storable(&wide, Num::Float(7.0)), Some(Stored::Int(7)));
        assert_eq!(storable(&wide, Num::Float(7.5)), Some(Stored::Int(8)));
        assert_eq!(
            storable(&wide, Num::Int(1 << 40)),
            Some(Stored::Int(1 << 40))
        );
        assert_eq!(storable(&narrow, Num::Int(1 << 40)), None);
        assert_eq!(storable(&narrow, Num::Int(11)), Some(Stored::Int(11)));
        assert_eq!(storable(&float, Num::Int(3)), Some(Stored::Real(3.0)));
        assert_eq!(storable(&float, Num::Float(f64::INFINITY)), None);
    }
}
