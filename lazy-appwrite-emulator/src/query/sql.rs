//! Translating a [`Plan`]'s filters into an SQLite WHERE clause. Only physical names from the
//! catalogue (`c{m}`, `_id`, `f{k}`, …) and fixed keywords enter the SQL text; every value is
//! a bound parameter.

use rusqlite::types::Value as SqlValue;

use super::plan::{CompareOp, Filter, Plan};
use super::spatial;
use crate::schema::TableMeta;

/// The WHERE condition of `plan`'s filters (and its permission restriction, if set) with its
/// parameters, in order; `"1"` when nothing filters.
pub fn where_clause(plan: &Plan, _table: &TableMeta) -> (String, Vec<SqlValue>) {
    plan_sql(plan)
}

/// [`where_clause`] without the table (whose name the condition never needs: filters carry
/// their physical columns).
fn plan_sql(plan: &Plan) -> (String, Vec<SqlValue>) {
    let mut params = Vec::new();
    let mut parts: Vec<String> = plan
        .filters
        .iter()
        .map(|f| filter_sql(f, &mut params))
        .collect();
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

/// `?, ?, …` with `n` placeholders.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// One filter as a parenthesised SQL condition, pushing its parameters.
fn filter_sql(filter: &Filter, params: &mut Vec<SqlValue>) -> String {
    match filter {
        Filter::And(list) | Filter::Or(list) => {
            if list.is_empty() {
                return if matches!(filter, Filter::And(_)) {
                    "1".into()
                } else {
                    "0".into()
                };
            }
            let glue = if matches!(filter, Filter::And(_)) {
                " AND "
            } else {
                " OR "
            };
            let parts: Vec<String> = list.iter().map(|f| filter_sql(f, params)).collect();
            format!("({})", parts.join(glue))
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
            params.push(SqlValue::Text(method.as_str().to_string()));
            params.push(SqlValue::Text(operand.clone()));
            format!("({}(?, {column}, ?) = 1)", spatial::SQL_FUNCTION)
        }
        Filter::Related {
            outer,
            select,
            from,
            inner,
            junction,
        } => {
            let (inner_sql, inner_params) = plan_sql(inner);
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
