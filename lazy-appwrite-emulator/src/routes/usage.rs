//! Usage statistics and table logs: `GET /v1/tablesdb/usage`, `…/{databaseId}/usage`,
//! `…/tables/{tableId}/usage` and `…/tables/{tableId}/logs` (the last two from 1.9.6 on; the
//! route table says which releases have which route).
//!
//! The emulator keeps no usage statistics (Appwrite computes them in a worker): every total
//! is 0 and every series holds zero-valued buckets, as a fresh Appwrite answers.

use serde_json::{Map, Value, json};

use crate::error::{ApiResult, catalogue};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::http::spec::{BodyValues, Fallback, Param, Rule};
use crate::profile::AppwriteVersion;
use crate::store::{Tx, catalog};
use crate::validate::datetime::format_unix_ms;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// The ranges `range` accepts, in the order its message lists them.
const RANGES: &[&str] = &["24h", "30d", "90d"];

/// `range` of every usage route: one of `RANGES`, `30d` by default.
pub const RANGE: Param = Param::optional("range", Rule::Custom(range)).or(Fallback::Text("30d"));
/// The query of every usage route.
pub const QUERY: &[Param] = &[RANGE];

/// `range`'s validator: a value that is not a text (`range[]=…`) counts as not given.
fn range(params: &Params, name: &'static str, _: AppwriteVersion) -> ApiResult<Option<Value>> {
    match params.get(name).and_then(Value::as_str) {
        None => Ok(None),
        Some(given) if RANGES.contains(&given) => Ok(Some(Value::String(given.to_string()))),
        Some(_) => Err(catalogue::not_one_of(name, RANGES)),
    }
}

/// The checked `range`'s buckets: its name, how many, and each one's length.
fn buckets(body: &BodyValues) -> (&'static str, i64, i64) {
    match body.text(&RANGE) {
        Some("24h") => ("24h", 24, HOUR_MS),
        Some("90d") => ("90d", 90, DAY_MS),
        _ => ("30d", 30, DAY_MS),
    }
}

/// A usage model: `range`, each `<metric>Total` 0 and each `<metric>` series of zeros.
fn model(body: &BodyValues, totals: &[&str], series: &[&str]) -> ApiResult<Reply> {
    let (name, count, step) = buckets(body);
    let now = crate::validate::datetime::now_ms();
    let last = now - now.rem_euclid(step);
    let buckets: Vec<Value> = (0..count)
        .map(|i| json!({"value": 0, "date": format_unix_ms(last - (count - 1 - i) * step)}))
        .collect();
    let mut out = Map::new();
    out.insert("range".into(), json!(name));
    for total in totals {
        out.insert(format!("{total}Total"), json!(0));
    }
    for metric in series {
        out.insert((*metric).to_string(), Value::Array(buckets.clone()));
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// `GET /v1/tablesdb/usage`.
pub fn project(_: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    const METRICS: &[&str] = &[
        "databases",
        "collections",
        "tables",
        "documents",
        "rows",
        "storage",
        "databasesReads",
        "databasesWrites",
    ];
    model(&request.body, METRICS, METRICS)
}

/// `GET /v1/tablesdb/{databaseId}/usage`.
pub fn database(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    catalog::database(tx, &request.database)?;
    const METRICS: &[&str] = &[
        "collections",
        "tables",
        "documents",
        "rows",
        "storage",
        "databaseReads",
        "databaseWrites",
    ];
    model(&request.body, METRICS, METRICS)
}

/// `GET …/tables/{tableId}/usage`.
pub fn table(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    catalog::table(tx, &request.database, &request.table)?;
    model(&request.body, &["rows"], &["rows"])
}

/// `GET …/tables/{tableId}/logs`: the emulator keeps no audit logs.
pub fn table_logs(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table) = (request.database.as_str(), request.table.as_str());
    catalog::table(tx, db, table)?;
    Ok(Reply::ok(json!({"total": 0, "logs": []})))
}
