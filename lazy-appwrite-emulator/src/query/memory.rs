//! The query language applied in memory to metadata lists (databases, tables, columns,
//! indexes). Appwrite validates these queries at parameter level (its `Queries/Base.php`
//! validators), so errors are `400 general_argument_invalid` with
//! ``Invalid `queries` param: …``.

use std::cmp::Ordering;

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use super::execute::TOTAL_CAP;
use super::fulltext;
use super::parse::{Method, MethodType, parse_query_in};
use super::plan::{
    AttrSchema, Cond, Cursor, CursorDirection, OrderDirection, Schema, VType, check_list, group,
    search_check,
};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::profile::AppwriteVersion;

/// The type of a metadata field, as Appwrite's internal collections declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryKind {
    /// A string (compared case-insensitively, like MariaDB's collation).
    String,
    /// An integer (operands must be 32-bit JSON integers).
    Integer,
    /// A boolean.
    Bool,
    /// A datetime string in the server's format.
    Datetime,
    /// A list of strings (only `contains`, `notContains`, `isNull`, `isNotNull`).
    StringArray,
}

/// A field queries may filter and order on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryField {
    /// The attribute name in queries, and the key in each item's JSON.
    pub name: &'static str,
    /// Its type.
    pub kind: MemoryKind,
}

/// Applies `raw_queries` (and the `search` parameter) to `items`, JSON models in creation
/// order. Filters may use `fields` plus `$id`, `$createdAt`, `$updatedAt` and `$sequence`
/// (the item's position, from 1). `cursorAfter`/`cursorBefore` name an item by
/// `cursor_field` (`$id` for databases and tables, `key` for columns and indexes);
/// `cursor_label` (`Database`, `Table`, `Column`, `Index`) names it in the not-found error.
/// `search` keeps items whose `search_fields` match it by MariaDB's full-text rules
/// ([`fulltext::matches`]). `select` is not allowed. Returns the page and the total (capped at
/// 5000; 0 unless `count_total`).
#[allow(clippy::too_many_arguments)]
pub fn apply_memory(
    items: Vec<Value>,
    raw_queries: &[String],
    fields: &[MemoryField],
    cursor_field: &str,
    cursor_label: &str,
    search: Option<&str>,
    search_fields: &[&str],
    count_total: bool,
) -> ApiResult<(Vec<Value>, i64)> {
    let param_error = |message: &str| ApiError::param_invalid("queries", message);
    let mut queries = Vec::with_capacity(raw_queries.len());
    for raw in raw_queries {
        let query = parse_query_in(raw, AppwriteVersion::default()).map_err(|e| {
            if e.uncaught {
                ApiError::internal(e.message)
            } else {
                param_error(&catalogue::queries::invalid_query(&e.message))
            }
        })?;
        queries.push(query);
    }
    let schema = MemorySchema { fields };
    let checked = check_list(&queries, &schema, 0).map_err(|e| param_error(&e))?;
    search_check(&queries, &schema, 0).map_err(ApiError::query_invalid)?;
    let grouped = group(checked);
    if let Some(err) = grouped.filters.iter().find_map(Cond::deferred) {
        return Err(err);
    }

    let cursor_item = match &grouped.cursor {
        None => None,
        Some(Cursor { row_id, direction }) => {
            let found = items.iter().position(|item| {
                item.get(cursor_field)
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.to_lowercase() == row_id.to_lowercase())
            });
            match found {
                Some(index) => Some((index, *direction)),
                None => {
                    return Err(catalogue::cursor_not_found(cursor_label, row_id));
                }
            }
        }
    };

    let ctx = Ctx {
        fields,
        items: &items,
    };
    let mut matching: Vec<usize> = (0..items.len())
        .filter(|&i| {
            search.is_none_or(|search| {
                let text: Vec<String> = search_fields.iter().map(|f| ctx.text(i, f)).collect();
                fulltext::matches(search, &text.join(" "))
            })
        })
        .filter(|&i| grouped.filters.iter().all(|c| ctx.eval(c, i, 0)))
        .collect();
    let total = if count_total {
        (matching.len() as i64).min(TOTAL_CAP)
    } else {
        0
    };

    let orders = &grouped.orders;
    let random_keys: Vec<u64> = (0..items.len()).map(|_| fastrand::u64(..)).collect();
    let before = cursor_item.is_some_and(|(_, d)| d == CursorDirection::Before);
    let key = |i: usize, term: usize| -> SqlValue {
        match orders[term].1 {
            OrderDirection::Random => SqlValue::Integer(random_keys[i] as i64),
            _ => ctx.value(i, &orders[term].0),
        }
    };
    let compare = |a: usize, b: usize| -> Ordering {
        for (t, (_, direction)) in orders.iter().enumerate() {
            let ord = sort_cmp(&key(a, t), &key(b, t));
            let ord = match (direction, before) {
                (OrderDirection::Desc, false) | (OrderDirection::Asc, true) => ord.reverse(),
                _ => ord,
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    };

    if let Some((cursor, direction)) = cursor_item {
        if let Some((attribute, _)) = orders
            .iter()
            .find(|(attribute, _)| ctx.value(cursor, attribute) == SqlValue::Null)
        {
            let message = if cursor_label == "Table" {
                catalogue::queries::order_null_unnamed().to_string()
            } else {
                catalogue::queries::order_null_column(attribute)
            };
            return Err(catalogue::order_null(message));
        }
        let before = direction == CursorDirection::Before;
        matching.retain(|&i| {
            orders.iter().enumerate().any(|(t, (attribute, dir))| {
                let descending = match dir {
                    OrderDirection::Random => return false,
                    OrderDirection::Asc => before,
                    OrderDirection::Desc => !before,
                };
                let earlier_equal = orders[..t].iter().all(|(a, _)| {
                    sql_cmp(&ctx.value(i, a), &ctx.value(cursor, a)) == Some(Ordering::Equal)
                });
                let beyond = sql_cmp(&ctx.value(i, attribute), &ctx.value(cursor, attribute))
                    == Some(if descending {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    });
                earlier_equal && beyond
            })
        });
    }

    matching.sort_by(|&a, &b| compare(a, b));
    let offset = usize::try_from(grouped.offset.unwrap_or(0)).unwrap_or(usize::MAX);
    let limit =
        usize::try_from(grouped.limit.unwrap_or(super::plan::DEFAULT_LIMIT)).unwrap_or(usize::MAX);
    let mut page: Vec<usize> = matching.into_iter().skip(offset).take(limit).collect();
    if before {
        page.reverse();
    }
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    let page = page
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
    Ok((page, total))
}

/// The fields of a metadata list as the validators see them.
struct MemorySchema<'a> {
    fields: &'a [MemoryField],
}

impl Schema for MemorySchema<'_> {
    fn lookup(&self, key: &str) -> Option<AttrSchema<'_>> {
        let (vtype, array) = match key {
            "$id" => (VType::String, false),
            "$createdAt" | "$updatedAt" => (VType::Datetime, false),
            // Declared as a plain integer (32-bit) in Appwrite's metadata validators.
            "$sequence" => (VType::Integer { wide: false }, false),
            _ => {
                let field = self.fields.iter().find(|f| f.name == key)?;
                match field.kind {
                    MemoryKind::String => (VType::String, false),
                    MemoryKind::Integer => (VType::Integer { wide: false }, false),
                    MemoryKind::Bool => (VType::Boolean, false),
                    MemoryKind::Datetime => (VType::Datetime, false),
                    MemoryKind::StringArray => (VType::String, true),
                }
            }
        };
        Some(AttrSchema {
            array,
            ..AttrSchema::system(vtype)
        })
    }

    fn accepts(&self, method_type: MethodType) -> bool {
        method_type != MethodType::Select
    }

    fn max_values(&self) -> usize {
        // Appwrite passes its 500 limit in the wrong constructor slot here, so the
        // validator's default of 5000 applies.
        5000
    }

    fn has_fulltext(&self, _key: &str) -> bool {
        false
    }
}

/// Reading item fields.
struct Ctx<'a> {
    fields: &'a [MemoryField],
    items: &'a [Value],
}

impl Ctx<'_> {
    /// The value of `attribute` on item `i`, as an SQL value.
    fn value(&self, i: usize, attribute: &str) -> SqlValue {
        if attribute == "$sequence" {
            return SqlValue::Integer(i as i64 + 1);
        }
        let raw = self.items.get(i).and_then(|item| item.get(attribute));
        let kind = self
            .fields
            .iter()
            .find(|f| f.name == attribute)
            .map(|f| f.kind);
        match (raw, kind) {
            (Some(Value::Array(_)), Some(MemoryKind::StringArray)) => {
                SqlValue::Text(raw.map(Value::to_string).unwrap_or_default())
            }
            (Some(v), _) => json_to_sql(v),
            (None, _) => SqlValue::Null,
        }
    }

    /// The lower-cased text of a field (for `search`).
    fn text(&self, i: usize, attribute: &str) -> String {
        match self.items.get(i).and_then(|item| item.get(attribute)) {
            Some(Value::String(s)) => s.to_lowercase(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string().to_lowercase(),
        }
    }

    /// Whether item `i` satisfies `cond`.
    fn eval(&self, cond: &Cond, i: usize, depth: usize) -> bool {
        if depth > super::parse::MAX_NESTING {
            return false;
        }
        match cond {
            Cond::And(list) => list.iter().all(|c| self.eval(c, i, depth + 1)),
            Cond::Or(list) => list.iter().any(|c| self.eval(c, i, depth + 1)),
            Cond::Deferred(_) | Cond::Path { .. } => false,
            Cond::Leaf {
                method,
                attribute,
                array: true,
                values,
            } => {
                let elements: Option<Vec<SqlValue>> = match self
                    .items
                    .get(i)
                    .and_then(|item| item.get(attribute.as_str()))
                {
                    Some(Value::Array(list)) => Some(list.iter().map(json_to_sql).collect()),
                    _ => None,
                };
                match method {
                    Method::IsNull => elements.is_none(),
                    Method::IsNotNull => elements.is_some(),
                    Method::Contains | Method::ContainsAny => {
                        elements.is_some_and(|e| e.iter().any(|x| values.contains(x)))
                    }
                    Method::ContainsAll => {
                        elements.is_some_and(|e| values.iter().all(|v| e.contains(v)))
                    }
                    Method::NotContains => {
                        elements.is_some_and(|e| !e.iter().any(|x| values.contains(x)))
                    }
                    _ => false,
                }
            }
            Cond::Leaf {
                method,
                attribute,
                values,
                ..
            } => {
                let v = self.value(i, attribute);
                leaf(*method, &v, values)
            }
        }
    }
}

/// A scalar condition on one value (SQL semantics: NULL matches only `isNull`).
fn leaf(method: Method, v: &SqlValue, values: &[SqlValue]) -> bool {
    let first = values.first().unwrap_or(&SqlValue::Null);
    let is = |ords: &[Ordering], x: &SqlValue| sql_cmp(v, x).is_some_and(|o| ords.contains(&o));
    let text = || like_text(v).map(|t| t.to_lowercase());
    let operands = || {
        values
            .iter()
            .filter_map(like_text)
            .map(|t| t.to_lowercase())
    };
    match method {
        Method::Equal => values.iter().any(|x| is(&[Ordering::Equal], x)),
        Method::NotEqual => is(&[Ordering::Less, Ordering::Greater], first),
        Method::LessThan => is(&[Ordering::Less], first),
        Method::LessThanEqual => is(&[Ordering::Less, Ordering::Equal], first),
        Method::GreaterThan => is(&[Ordering::Greater], first),
        Method::GreaterThanEqual => is(&[Ordering::Greater, Ordering::Equal], first),
        Method::Between | Method::NotBetween => {
            let high = values.get(1).unwrap_or(&SqlValue::Null);
            let (low_ord, high_ord) = (sql_cmp(v, first), sql_cmp(v, high));
            match (low_ord, high_ord) {
                (Some(l), Some(h)) => {
                    let inside = l != Ordering::Less && h != Ordering::Greater;
                    inside == (method == Method::Between)
                }
                _ => false,
            }
        }
        Method::IsNull => *v == SqlValue::Null,
        Method::IsNotNull => *v != SqlValue::Null,
        Method::StartsWith => text().is_some_and(|t| operands().any(|o| t.starts_with(&o))),
        Method::NotStartsWith => text().is_some_and(|t| !operands().any(|o| t.starts_with(&o))),
        Method::EndsWith => text().is_some_and(|t| operands().any(|o| t.ends_with(&o))),
        Method::NotEndsWith => text().is_some_and(|t| !operands().any(|o| t.ends_with(&o))),
        Method::Contains | Method::ContainsAny => {
            text().is_some_and(|t| operands().any(|o| t.contains(&o)))
        }
        Method::NotContains => text().is_some_and(|t| !operands().any(|o| t.contains(&o))),
        _ => false,
    }
}

/// A JSON scalar as an SQL value (booleans as 0/1; arrays and objects as JSON text).
fn json_to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Text of a value for LIKE-style matching; `None` for NULL.
fn like_text(value: &SqlValue) -> Option<String> {
    match value {
        SqlValue::Null => None,
        SqlValue::Integer(i) => Some(i.to_string()),
        SqlValue::Real(f) => Some(f.to_string()),
        SqlValue::Text(s) => Some(s.clone()),
        SqlValue::Blob(_) => Some(String::new()),
    }
}

/// SQL comparison: `None` when either side is NULL or the types do not compare; text
/// compares case-insensitively.
fn sql_cmp(a: &SqlValue, b: &SqlValue) -> Option<Ordering> {
    let num = |v: &SqlValue| match v {
        SqlValue::Integer(i) => Some(*i as f64),
        SqlValue::Real(f) => Some(*f),
        _ => None,
    };
    match (a, b) {
        (SqlValue::Integer(x), SqlValue::Integer(y)) => Some(x.cmp(y)),
        (SqlValue::Text(x), SqlValue::Text(y)) => Some(x.to_lowercase().cmp(&y.to_lowercase())),
        _ => num(a)?.partial_cmp(&num(b)?),
    }
}

/// Ordering for ORDER BY: NULL first, then by [`sql_cmp`].
fn sort_cmp(a: &SqlValue, b: &SqlValue) -> Ordering {
    match (a, b) {
        (SqlValue::Null, SqlValue::Null) => Ordering::Equal,
        (SqlValue::Null, _) => Ordering::Less,
        (_, SqlValue::Null) => Ordering::Greater,
        _ => sql_cmp(a, b).unwrap_or(Ordering::Equal),
    }
}

#[cfg(test)]
#[path = "memory_tests.rs"]
mod tests;
