//! `GET …/rows` with the `transactionId` of a pending transaction, answered as Appwrite's
//! `TransactionState` lists and counts (both recorded releases):
//!
//! * The **committed rows** are listed with the request's queries (order, limit, filters).
//!   Then the staged operations of that table, folded in staging order into one entry per
//!   row ID (an ID keeps the place of its first operation), are laid over that page:
//!   a deleted row leaves it; a staged **creation** replaces the committed row of the same
//!   ID or is **appended**, whatever the filters, the order, the limit or the offset say; an
//!   update or upsert merges its data into a committed row on the page, and an upsert of a
//!   row not on the page is appended. So the page is the committed rows in the query's
//!   order, then the staged rows in the order they were staged: `r1, r3, r4, b1, b3, o1`.
//! * A staged bulk update or delete only reaches rows staged before it in the same
//!   transaction (matched by the filters of its queries); committed rows are untouched.
//!   Staged increments and decrements are not seen
//!   ([`crate::AppwriteVersion::transaction_reads_see_staged_counters`]).
//! * Staged rows show their staged data with `$id`, `$databaseId`, `$tableId` and
//!   `$sequence` 0 (no `$createdAt`/`$updatedAt`, no defaults).
//! * `total` is the committed count, minus deleted rows that are on the page, plus staged
//!   creations (and upserts of rows not on the page) whose staged data passes the simple
//!   filters, minus updated rows on the page whose staged data no longer passes them; never
//!   below 0. So it may disagree with the rows shown (`total: 0` with seven staged rows).

use serde_json::{Map, Value};

use crate::engine::rows::{read as rows, table_for};
use crate::error::ApiResult;
use crate::http::auth::Context;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::php;
use crate::query::parse::{Method, MethodType, Query};
use crate::query::plan::parse_queries;
use crate::store::Tx;
use crate::store::transactions::{self as log, Action, NewOp};

/// What the staged operations leave of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Create,
    Update,
    Upsert,
    Delete,
}

/// One row of the transaction's state.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    kind: Kind,
    /// The staged data (for an update, only the staged columns).
    doc: Map<String, Value>,
}

impl Entry {
    fn exists(&self) -> bool {
        self.kind != Kind::Delete
    }
}

/// The staged rows of one table, in the order of their first operation.
#[derive(Debug, Default)]
struct State(Vec<Entry>);

impl State {
    fn get_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.0.iter_mut().find(|e| e.id == id)
    }

    /// Sets the entry of `id`, keeping its place when it has one.
    fn set(&mut self, id: &str, kind: Kind, doc: Map<String, Value>) {
        let entry = Entry {
            id: id.to_string(),
            kind,
            doc,
        };
        match self.get_mut(id) {
            Some(existing) => *existing = entry,
            None => self.0.push(entry),
        }
    }
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// Merges `data` into `doc`, except `$id`.
fn merge(doc: &mut Map<String, Value>, data: &Map<String, Value>) {
    for (key, value) in data {
        if key != "$id" {
            doc.insert(key.clone(), value.clone());
        }
    }
}

/// The filters of a staged bulk operation's raw queries (none when they do not parse).
fn raw_filters(value: &Value) -> Vec<Query> {
    let raw: Vec<String> = value
        .as_array()
        .map(|q| {
            q.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    parse_queries(&raw).map(|q| filters(&q)).unwrap_or_default()
}

/// Folds the staged operations of one table into its state.
fn build_state(ops: &[NewOp], counters: bool) -> State {
    let mut state = State::default();
    for op in ops {
        let row_id = op.row_id.clone().or_else(|| {
            op.data
                .get("$id")
                .and_then(Value::as_str)
                .map(str::to_string)
        });
        match op.action {
            Action::Create | Action::Upsert => {
                let Some(id) = row_id else { continue };
                let mut doc = object(&op.data);
                doc.entry("$id")
                    .or_insert_with(|| Value::String(id.clone()));
                let kind = if op.action == Action::Create {
                    Kind::Create
                } else {
                    Kind::Upsert
                };
                state.set(&id, kind, doc);
            }
            Action::Update => {
                let Some(id) = row_id else { continue };
                let data = object(&op.data);
                match state.get_mut(&id) {
                    Some(entry) if entry.exists() => {
                        merge(&mut entry.doc, &data);
                        if entry.kind != Kind::Create && entry.kind != Kind::Upsert {
                            entry.kind = Kind::Update;
                        }
                    }
                    Some(_) => {}
                    None => state.set(&id, Kind::Update, data),
                }
            }
            Action::Delete => {
                let Some(id) = row_id else { continue };
                state.set(&id, Kind::Delete, Map::new());
            }
            Action::Increment | Action::Decrement => {
                if !counters {
                    continue;
                }
                let Some(id) = row_id else { continue };
                let Some(entry) = state.get_mut(&id).filter(|e| e.exists()) else {
                    continue;
                };
                let column = op.data["column"].as_str().unwrap_or_default();
                let by = op.data["value"].as_f64().unwrap_or(1.0);
                let by = if op.action == Action::Decrement {
                    -by
                } else {
                    by
                };
                let current = entry.doc.get(column).cloned().unwrap_or(Value::from(0));
                let next = match (current.as_i64(), op.data["value"].as_i64()) {
                    (Some(a), Some(_)) => Value::from(a + by as i64),
                    _ => match current.as_f64() {
                        Some(a) => crate::schema::json_number(a + by),
                        None => continue,
                    },
                };
                entry.doc.insert(column.to_string(), next);
            }
            Action::BulkCreate | Action::BulkUpsert => {
                let Some(rows) = op.data.as_array() else {
                    continue;
                };
                for row in rows {
                    let mut doc = object(row);
                    let Some(id) = doc.get("$id").and_then(Value::as_str).map(str::to_string)
                    else {
                        continue;
                    };
                    if op.action == Action::BulkCreate {
                        // A staged bulk creation carries its permissions (none given: none).
                        doc.entry("$permissions")
                            .or_insert_with(|| Value::Array(Vec::new()));
                        state.set(&id, Kind::Create, doc);
                        continue;
                    }
                    match state.get_mut(&id) {
                        Some(entry) if entry.exists() => merge(&mut entry.doc, &doc),
                        Some(_) => {}
                        None => {
                            doc.entry("$id")
                                .or_insert_with(|| Value::String(id.clone()));
                            state.set(&id, Kind::Upsert, doc);
                        }
                    }
                }
            }
            Action::BulkUpdate => {
                let filters = raw_filters(&op.data["queries"]);
                let data = object(&op.data["data"]);
                for entry in state.0.iter_mut().filter(|e| e.exists()) {
                    if matches_filters(&entry.doc, &filters) {
                        merge(&mut entry.doc, &data);
                        if entry.kind != Kind::Create && entry.kind != Kind::Upsert {
                            entry.kind = Kind::Update;
                        }
                    }
                }
            }
            Action::BulkDelete => {
                let filters = raw_filters(&op.data["queries"]);
                for entry in state.0.iter_mut().filter(|e| e.exists()) {
                    if matches_filters(&entry.doc, &filters) {
                        entry.kind = Kind::Delete;
                        entry.doc = Map::new();
                    }
                }
            }
        }
    }
    state
}

/// The queries that filter (everything but limit, offset, cursors, select and orders).
fn filters(queries: &[Query]) -> Vec<Query> {
    queries
        .iter()
        .filter(|q| {
            !matches!(
                q.method.method_type(),
                MethodType::Select
                    | MethodType::Limit
                    | MethodType::Offset
                    | MethodType::Cursor
                    | MethodType::Order
            )
        })
        .cloned()
        .collect()
}

/// The attributes a `select` keeps, or `None` for every attribute.
fn selection(queries: &[Query]) -> Option<Vec<String>> {
    let picked: Vec<String> = queries
        .iter()
        .filter(|q| q.method == Method::Select)
        .flat_map(|q| q.values.iter().filter_map(Value::as_str))
        .filter(|v| !v.contains('.'))
        .map(str::to_string)
        .collect();
    (!picked.is_empty() && !picked.iter().any(|v| v == "*")).then_some(picked)
}

/// A staged row as the list shows it.
fn render(
    doc: &Map<String, Value>,
    select: Option<&[String]>,
    ctx: &Context,
    table: &crate::schema::TableMeta,
) -> Value {
    let mut out = match select {
        None => doc.clone(),
        Some(picked) => {
            let mut kept = Map::new();
            for key in ["$id", "$createdAt", "$updatedAt", "$permissions"]
                .into_iter()
                .map(str::to_string)
                .chain(picked.iter().cloned())
            {
                if let Some(value) = doc.get(&key) {
                    kept.insert(key, value.clone());
                }
            }
            kept
        }
    };
    out.insert(
        "$databaseId".into(),
        Value::String(table.database.id.clone()),
    );
    out.insert("$tableId".into(), Value::String(table.id.clone()));
    out.entry("$sequence").or_insert_with(|| {
        if ctx.format_1_9 {
            Value::String(String::new())
        } else {
            Value::from(0)
        }
    });
    Value::Object(out)
}

/// Row `row_id` of `table` as `txn`'s staged operations leave it when they create it (or
/// upsert it): its staged data only, rendered as the list renders staged rows, with the
/// read's `select`. `None` when the operations do not create or upsert it.
pub fn staged_row(
    tx: &mut Tx<'_>,
    ctx: &Context,
    table: &crate::schema::TableMeta,
    txn: &log::TxnRecord,
    row_id: &str,
    queries: &[String],
) -> ApiResult<Option<Value>> {
    if !txn.is_pending() {
        return Ok(None);
    }
    let ops: Vec<NewOp> = log::operations(tx, txn)?
        .into_iter()
        .map(|staged| staged.op)
        .filter(|op| op.table_seq == table.seq)
        .collect();
    let state = build_state(&ops, ctx.profile.transaction_reads_see_staged_counters());
    let Some(entry) = state
        .0
        .iter()
        .find(|e| e.id == row_id && matches!(e.kind, Kind::Create | Kind::Upsert))
    else {
        return Ok(None);
    };
    let queries = parse_queries(queries)?;
    let select = selection(&queries);
    Ok(Some(render(&entry.doc, select.as_deref(), ctx, table)))
}

/// `GET …/rows` with `transactionId`: the committed page with the transaction's staged
/// rows laid over it (see the module documentation). Any other ID lists committed rows.
pub fn list(tx: &mut Tx<'_>, ctx: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let id = request.transaction.as_str();
    // A read through a transaction is never cached: its `ttl` is checked, then ignored.
    let mut uncached = request.clone();
    uncached.reads.ttl = 0;
    let reply = rows::list(tx, ctx, &uncached)?;
    let Some(txn) = log::find(tx, id)?.filter(|t| t.is_pending()) else {
        return Ok(reply);
    };
    let Reply::Json(status, Value::Object(mut body)) = reply else {
        return Ok(reply);
    };
    let table = table_for(tx, ctx, request)?;
    let ops: Vec<NewOp> = log::operations(tx, &txn)?
        .into_iter()
        .map(|staged| staged.op)
        .filter(|op| op.table_seq == table.seq)
        .collect();
    if ops.is_empty() {
        return Ok(Reply::Json(status, Value::Object(body)));
    }
    let queries = parse_queries(&request.reads.queries)?;
    let state = build_state(&ops, ctx.profile.transaction_reads_see_staged_counters());
    let select = selection(&queries);

    let committed: Vec<Value> = match body.remove("rows") {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    let row_id = |row: &Value| row["$id"].as_str().unwrap_or_default().to_string();
    let committed_ids: Vec<String> = committed.iter().map(row_id).collect();
    let mut page: Vec<(String, Value)> = committed
        .into_iter()
        .map(|row| (row_id(&row), row))
        .collect();
    for entry in &state.0 {
        let at = page.iter().position(|(id, _)| *id == entry.id);
        match (entry.kind, at) {
            (Kind::Delete, Some(i)) => {
                page.remove(i);
            }
            (Kind::Delete, None) => {}
            (Kind::Create, Some(i)) => {
                page[i].1 = render(&entry.doc, select.as_deref(), ctx, &table)
            }
            (Kind::Create | Kind::Upsert, None) => page.push((
                entry.id.clone(),
                render(&entry.doc, select.as_deref(), ctx, &table),
            )),
            (Kind::Update | Kind::Upsert, Some(i)) => {
                if let Value::Object(row) = &mut page[i].1 {
                    merge(row, &entry.doc);
                    if let Some(picked) = &select {
                        row.retain(|key, _| {
                            key.starts_with('$') || picked.iter().any(|p| p == key)
                        });
                    }
                }
            }
            (Kind::Update, None) => {}
        }
    }

    let base = body.get("total").and_then(Value::as_i64).unwrap_or(0);
    let filters = filters(&queries);
    let mut total = base;
    for entry in &state.0 {
        let was_in = committed_ids.contains(&entry.id);
        match entry.kind {
            Kind::Delete if was_in => total -= 1,
            Kind::Delete => {}
            Kind::Create => {
                if matches_filters(&entry.doc, &filters) {
                    total += 1;
                }
            }
            Kind::Update | Kind::Upsert => {
                let now = matches_filters(&entry.doc, &filters);
                if !was_in && now && entry.kind == Kind::Upsert {
                    total += 1;
                } else if was_in && !now {
                    total -= 1;
                }
            }
        }
    }
    body.insert("total".into(), Value::from(total.max(0)));
    body.insert(
        "rows".into(),
        Value::Array(page.into_iter().map(|(_, row)| row).collect()),
    );
    Ok(Reply::Json(status, Value::Object(body)))
}

// ----------------------------------------------------------------------------------------
// Matching staged data against filters, with PHP's loose comparisons (Appwrite's
// `documentMatchesFilters`: methods it does not know always match).
// ----------------------------------------------------------------------------------------

fn matches_filters(doc: &Map<String, Value>, filters: &[Query]) -> bool {
    filters.iter().all(|f| matches_filter(doc, f))
}

fn matches_filter(doc: &Map<String, Value>, filter: &Query) -> bool {
    let value = doc.get(&filter.attribute).unwrap_or(&Value::Null);
    let values = &filter.values;
    let first = values.first().unwrap_or(&Value::Null);
    let cmp = |b: &Value| php_cmp(value, b);
    use std::cmp::Ordering::{Equal, Greater, Less};
    match filter.method {
        Method::Equal => values.iter().any(|v| php_eq(value, v)),
        Method::NotEqual => !values.iter().any(|v| php_eq(value, v)),
        Method::Contains => match value {
            Value::Array(items) => values
                .iter()
                .any(|v| items.iter().any(|item| php_eq(v, item))),
            _ => false,
        },
        Method::StartsWith => match value {
            Value::String(s) => values.iter().any(|v| s.starts_with(&php::string_cast(v))),
            _ => false,
        },
        Method::EndsWith => match value {
            Value::String(s) => values.iter().any(|v| s.ends_with(&php::string_cast(v))),
            _ => false,
        },
        Method::GreaterThan => cmp(first) == Some(Greater),
        Method::GreaterThanEqual => matches!(cmp(first), Some(Greater | Equal)),
        Method::LessThan => cmp(first) == Some(Less),
        Method::LessThanEqual => matches!(cmp(first), Some(Less | Equal)),
        Method::IsNull => value.is_null(),
        Method::IsNotNull => !value.is_null(),
        Method::Between => {
            let upper = values.get(1).unwrap_or(&Value::Null);
            matches!(cmp(first), Some(Greater | Equal)) && matches!(cmp(upper), Some(Less | Equal))
        }
        _ => true,
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty() && s != "0",
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

/// PHP 8's numeric-string test, approximately (surrounding whitespace allowed).
fn numeric(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    if t.is_empty() || t.contains(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E') {
        return None;
    }
    t.parse::<f64>().ok()
}

fn php_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Null, Value::String(s)) => Some("".cmp(s.as_str())),
        (Value::String(s), Value::Null) => Some(s.as_str().cmp("")),
        (Value::Null | Value::Bool(_), _) | (_, Value::Null | Value::Bool(_)) => {
            Some(truthy(a).cmp(&truthy(b)))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::Number(x), Value::String(s)) => match numeric(s) {
            Some(y) => x.as_f64()?.partial_cmp(&y),
            None => Some(php::string_cast(a).as_str().cmp(s.as_str())),
        },
        (Value::String(s), Value::Number(y)) => match numeric(s) {
            Some(x) => x.partial_cmp(&y.as_f64()?),
            None => Some(s.as_str().cmp(php::string_cast(b).as_str())),
        },
        (Value::String(x), Value::String(y)) => match (numeric(x), numeric(y)) {
            (Some(p), Some(q)) => p.partial_cmp(&q),
            _ => Some(x.cmp(y)),
        },
        (Value::Array(x), Value::Array(y)) => (x == y).then_some(std::cmp::Ordering::Equal),
        _ => None,
    }
}

/// `$a == $b`, as PHP 8 compares loosely.
fn php_eq(a: &Value, b: &Value) -> bool {
    php_cmp(a, b) == Some(std::cmp::Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_comparisons() {
        assert!(php_eq(&Value::from(90), &Value::from(90.0)));
        assert!(php_eq(&Value::from("90"), &Value::from(90)));
        assert!(!php_eq(&Value::Null, &Value::from(90)));
        assert!(php_eq(&Value::Null, &Value::from(0)));
        assert!(!php_eq(&Value::Null, &Value::from("0")));
        assert!(php_eq(&Value::from("bulk"), &Value::from("bulk")));
    }
}
