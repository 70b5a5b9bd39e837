//! Translating a [`Plan`]'s filters into an SQLite WHERE clause. Only physical names from the
//! catalogue (`c{m}`, `_id`, `f{k}`, …) and fixed keywords enter the SQL text; every value is
//! a bound parameter.

use rusqlite::types::Value as SqlValue;

use super::plan::{CompareOp, Filter, Plan};
use super::spatial;
use crate::schema::TableMeta;

/// The WHERE condition of `plan`'s filters (and its permission restriction, if set) with its
/// parameters, in order; `"1"` when nothing filters.
pub fn where_clause(plan: &Plan, table: &TableMeta) -> (String, Vec<SqlValue>) {
    plan_sql(plan, &table.physical(), None)
}

/// [`where_clause`] behind a leading condition and its parameters (a cursor's keyset
/// condition), which MariaDB evaluates before the filters, as utopia writes it first.
pub fn where_clause_after(
    plan: &Plan,
    table: &TableMeta,
    leading: (&str, &[SqlValue]),
) -> (String, Vec<SqlValue>) {
    plan_sql(plan, &table.physical(), Some(leading))
}

/// The WHERE condition of `plan` on the rows of `table` (`r{n}`).
fn plan_sql(
    plan: &Plan,
    table: &str,
    leading: Option<(&str, &[SqlValue])>,
) -> (String, Vec<SqlValue>) {
    let mut params = Vec::new();
    let mut at = At {
        table,
        depth: 0,
        top: true,
        reach: Vec::new(),
    };
    let mut parts = Vec::new();
    if let Some((sql, values)) = leading {
        parts.push(sql.to_string());
        params.extend_from_slice(values);
        at.reach.push(Step {
            condition: Condition::Raw(sql, values),
            goes_on: GoesOn::True,
        });
    }
    parts.extend(sequence_sql(
        &plan.filters,
        GoesOn::True,
        &mut at,
        &mut params,
    ));
    if let Some(allowed) = &plan.any_permission {
        if allowed.is_empty() {
            parts.push("0".into());
        } else {
            parts.push(format!(
                "EXISTS (SELECT 1 FROM json_each(_perms) WHERE value IN ({}))",
                placeholders(allowed.len())
            ));
            params.extend(allowed.iter().cloned().map(SqlValue::Text));
        }
    }
    if parts.is_empty() {
        return ("1".into(), params);
    }
    (parts.join(" AND "), params)
}

// ---------------------------------------------------------------------------------------------
// What MariaDB evaluates before a filter (for the planar distance's sticky NULL, see
// `spatial`): it evaluates a WHERE condition left to right and stops once the answer is
// settled; it flattens `and`s nested in the top level into it, where NULL stops like FALSE.

/// Where a condition is being written.
struct At<'a> {
    /// The table scanned (`r{n}`).
    table: &'a str,
    /// 0 for the statement's own row; `d` inside the `d`-th nested NULL-flag subquery, whose
    /// row is `s{d}`.
    depth: usize,
    /// True while writing a top-level condition (or one of a top-level `and`).
    top: bool,
    /// The conditions MariaDB evaluates before this one, in order.
    reach: Vec<Step<'a>>,
}

impl At<'_> {
    /// The name of the row under test: the table itself, or the subquery's alias.
    fn row(&self) -> String {
        if self.depth == 0 {
            self.table.to_string()
        } else {
            format!("s{}", self.depth)
        }
    }
}

/// A condition evaluated before the one being written, and what lets MariaDB go on past it.
#[derive(Clone, Copy)]
struct Step<'a> {
    condition: Condition<'a>,
    goes_on: GoesOn,
}

/// A condition of a WHERE clause.
#[derive(Clone, Copy)]
enum Condition<'a> {
    /// One of the plan's filters.
    Filter(&'a Filter),
    /// Written elsewhere (the cursor's), with its parameters.
    Raw(&'a str, &'a [SqlValue]),
}

/// Which answers of an earlier condition let MariaDB evaluate the next one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GoesOn {
    /// A top-level condition: only TRUE.
    True,
    /// A condition of an `and` inside an `or`: TRUE or NULL.
    NotFalse,
    /// A condition of an `or`: FALSE or NULL.
    NotTrue,
}

impl GoesOn {
    /// The SQL test of a condition's answer (`x IS …`).
    fn sql(self) -> &'static str {
        match self {
            GoesOn::True => "TRUE",
            GoesOn::NotFalse => "NOT FALSE",
            GoesOn::NotTrue => "NOT TRUE",
        }
    }
}

/// The conditions of one `and` or `or` (`goes_on` tells which), each written after the ones
/// before it.
fn sequence_sql<'a>(
    filters: &'a [Filter],
    goes_on: GoesOn,
    at: &mut At<'a>,
    params: &mut Vec<SqlValue>,
) -> Vec<String> {
    let (top, len) = (at.top, at.reach.len());
    at.top = goes_on == GoesOn::True;
    let parts = filters
        .iter()
        .map(|filter| {
            let sql = filter_sql(filter, at, params);
            at.reach.push(Step {
                condition: Condition::Filter(filter),
                goes_on,
            });
            sql
        })
        .collect();
    at.top = top;
    at.reach.truncate(len);
    parts
}

/// True when a planar distance on `column` is NULL for the row under test because an
/// earlier row (by `$sequence`) reached it with a NULL column: the `_seq` of the row is past
/// the first row whose `column` is NULL and that passes every condition MariaDB evaluates
/// before this one. The subquery does not depend on the row, so SQLite runs it once.
fn null_flag_sql<'a>(column: &str, at: &At<'a>, params: &mut Vec<SqlValue>) -> String {
    let mut inner = At {
        table: at.table,
        depth: at.depth + 1,
        top: true,
        reach: Vec::with_capacity(at.reach.len()),
    };
    let alias = inner.row();
    let mut conditions = vec![format!("{alias}.{column} IS NULL")];
    for step in &at.reach {
        let sql = match step.condition {
            Condition::Filter(filter) => {
                inner.top = step.goes_on == GoesOn::True;
                filter_sql(filter, &mut inner, params)
            }
            Condition::Raw(sql, values) => {
                params.extend_from_slice(values);
                sql.to_string()
            }
        };
        conditions.push(format!("({sql}) IS {}", step.goes_on.sql()));
        inner.reach.push(*step);
    }
    format!(
        "{}._seq > (SELECT MIN({alias}._seq) FROM {} AS {alias} WHERE {})",
        at.row(),
        at.table,
        conditions.join(" AND ")
    )
}

/// `?, ?, …` with `n` placeholders.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// One filter as a parenthesised SQL condition, pushing its parameters.
fn filter_sql<'a>(filter: &'a Filter, at: &mut At<'a>, params: &mut Vec<SqlValue>) -> String {
    match filter {
        Filter::And(list) | Filter::Or(list) => {
            if list.is_empty() {
                return if matches!(filter, Filter::And(_)) {
                    "1".into()
                } else {
                    "0".into()
                };
            }
            let (glue, goes_on) = match filter {
                Filter::And(_) if at.top => (" AND ", GoesOn::True),
                Filter::And(_) => (" AND ", GoesOn::NotFalse),
                _ => (" OR ", GoesOn::NotTrue),
            };
            format!("({})", sequence_sql(list, goes_on, at, params).join(glue))
        }
        Filter::In { column, values } => {
            if values.is_empty() {
                return "0".into();
            }
            params.extend(values.iter().cloned());
            format!("({column} IN ({}))", placeholders(values.len()))
        }
        Filter::Compare { column, op, value } => {
            params.push(value.clone());
            let op = match op {
                CompareOp::Ne => "!=",
                CompareOp::Lt => "<",
                CompareOp::Le => "<=",
                CompareOp::Gt => ">",
                CompareOp::Ge => ">=",
            };
            format!("({column} {op} ?)")
        }
        Filter::Between {
            column,
            low,
            high,
            negated,
        } => {
            params.push(low.clone());
            params.push(high.clone());
            let not = if *negated { "NOT " } else { "" };
            format!("({column} {not}BETWEEN ? AND ?)")
        }
        Filter::Null { column, negated } => {
            let not = if *negated { "NOT " } else { "" };
            format!("({column} IS {not}NULL)")
        }
        Filter::Like {
            column,
            patterns,
            negated,
        } => {
            if patterns.is_empty() {
                return if *negated { "1".into() } else { "0".into() };
            }
            let (op, glue) = if *negated {
                ("NOT LIKE", " AND ")
            } else {
                ("LIKE", " OR ")
            };
            let parts: Vec<String> = patterns
                .iter()
                .map(|p| {
                    params.push(SqlValue::Text(p.clone()));
                    format!("{column} {op} ? ESCAPE '\\'")
                })
                .collect();
            format!("({})", parts.join(glue))
        }
        Filter::ArrayContains {
            column,
            values,
            negated,
        } => {
            if values.is_empty() {
                return if *negated {
                    format!("({column} IS NOT NULL)")
                } else {
                    "0".into()
                };
            }
            params.extend(values.iter().cloned());
            let exists = format!(
                "EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value IN ({}))",
                placeholders(values.len())
            );
            if *negated {
                // Like JSON_OVERLAPS: a NULL array matches neither contains nor notContains.
                format!("({column} IS NOT NULL AND NOT {exists})")
            } else {
                format!("({exists})")
            }
        }
        Filter::Search {
            fts_table,
            expression,
            negated,
        } => match expression {
            None => {
                if *negated {
                    "1".into()
                } else {
                    "0".into()
                }
            }
            Some(expr) => {
                params.push(SqlValue::Text(expr.clone()));
                let not = if *negated { "NOT " } else { "" };
                format!("(_seq {not}IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?))")
            }
        },
        Filter::Spatial {
            column,
            method,
            operand,
        } => {
            let null_flag =
                spatial::null_sticks(*method, operand).then(|| null_flag_sql(column, at, params));
            params.push(SqlValue::Text(method.as_str().to_string()));
            params.push(SqlValue::Text(operand.clone()));
            let call = format!("{}(?, {column}, ?) = 1", spatial::SQL_FUNCTION);
            match null_flag {
                None => format!("({call})"),
                Some(flag) => format!("(CASE WHEN {flag} THEN NULL ELSE {call} END)"),
            }
        }
        Filter::Related {
            outer,
            select,
            from,
            inner,
            junction,
        } => {
            let (inner_sql, inner_params) = plan_sql(inner, from, None);
            params.extend(inner_params);
            let rows = format!("SELECT {select} FROM {from} WHERE {inner_sql}");
            match junction {
                None => format!("({outer} IN ({rows}))"),
                Some((table, near, far)) => {
                    format!("({outer} IN (SELECT {near} FROM {table} WHERE {far} IN ({rows})))")
                }
            }
        }
        Filter::Const(true) => "1".into(),
        Filter::Const(false) => "0".into(),
    }
}

#[cfg(test)]
#[path = "sql_tests.rs"]
pub(crate) mod tests;
