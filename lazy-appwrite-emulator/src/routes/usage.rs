//! Usage statistics and table logs: `GET /v1/tablesdb/usage`, `…/{databaseId}/usage`,
//! `…/tables/{tableId}/usage` and `…/tables/{tableId}/logs` (the last two from 1.9.6 on; the
//! route table says which releases have which route).
//!
//! The emulator keeps no usage statistics (Appwrite computes them in a worker): every total
//! is 0 and every series holds zero-valued buckets, as a fresh Appwrite answers.

use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::http::auth::Context;
use crate::http::params::Params;
use crate::http::reply::Reply;
use crate::http::request::CheckedRequest;
use crate::store::{Tx, catalog};
use crate::validate::datetime::format_unix_ms;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// The `range` parameter: `24h` (hourly buckets) or `30d`/`90d` (daily buckets).
fn range(params: &Params) -> ApiResult<(&'static str, i64, i64)> {
    match params.get("range").and_then(Value::as_str).unwrap_or("30d") {
        "24h" => Ok(("24h", 24, HOUR_MS)),
        "30d" => Ok(("30d", 30, DAY_MS)),
        "90d" => Ok(("90d", 90, DAY_MS)),
        _ => Err(ApiError::param_invalid(
            "range",
            "Value must be one of (24h, 30d, 90d)",
        )),
    }
}

/// A usage model: `range`, each `<metric>Total` 0 and each `<metric>` series of zeros.
fn model(params: &Params, totals: &[&str], series: &[&str]) -> ApiResult<Reply> {
    let (name, count, step) = range(params)?;
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
    let params = request.params();
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
    model(params, METRICS, METRICS)
}

/// `GET /v1/tablesdb/{databaseId}/usage`.
pub fn database(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let db = request.database.as_str();
    range(params)?;
    catalog::database(tx, db)?;
    const METRICS: &[&str] = &[
        "collections",
        "tables",
        "documents",
        "rows",
        "storage",
        "databaseReads",
        "databaseWrites",
    ];
    model(params, METRICS, METRICS)
}

/// `GET …/tables/{tableId}/usage`.
pub fn table(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let params = request.params();
    let (db, table) = (request.database.as_str(), request.table.as_str());
    range(params)?;
    catalog::table(tx, db, table)?;
    model(params, &["rows"], &["rows"])
}

/// `GET …/tables/{tableId}/logs`: the emulator keeps no audit logs.
pub fn table_logs(tx: &mut Tx<'_>, _: &Context, request: &CheckedRequest<'_>) -> ApiResult<Reply> {
    let (db, table) = (request.database.as_str(), request.table.as_str());
    catalog::table(tx, db, table)?;
    Ok(Reply::ok(json!({"total": 0, "logs": []})))
}
