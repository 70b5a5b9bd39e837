//! What the benchmarks share: the 10-column model and the deterministic data every client
//! (lazy-appwrite, raw reqwest, the `appwrite` crate, node-appwrite) sends.
//!
//! `benches/node/peers.mjs` builds the same rows; keep [`item`] and `item()` there in step.

#![allow(dead_code)] // each bench uses a different part

use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

/// The table every single-row workload uses.
pub const TABLE: &str = "items";
/// Rows seeded before the runs; `get`, `update` and the mixed runs pick among them.
pub const SEED_ROWS: usize = 2_000;
/// The category the list workload filters on (a quarter of the seeded rows, 3/4 active).
pub const LIST_CATEGORY: &str = "c1";
/// Rows a list asks for.
pub const LIST_LIMIT: u64 = 100;
/// The category of rows made by the create workload, so lists never see them.
pub const FRESH_CATEGORY: &str = "fresh";

/// A 10-column row: strings of three formats, an integer, a float, a boolean and three
/// optional columns, with three indexes.
#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(
    id = "items",
    permissions(read("any")),
    index(key = "by_category_rank", columns(category, rank)),
    index(key = "by_email", columns(email)),
    index(key = "by_score", columns(score))
)]
pub struct Item {
    #[column(size = 64)]
    pub name: String,
    #[column(email)]
    pub email: String,
    #[column(size = 16)]
    pub category: String,
    #[column(integer(min = 0, max = 1_000_000_000))]
    pub rank: i64,
    #[column(float(min = 0.0, max = 100.0))]
    pub score: f64,
    pub active: bool,
    #[column(url)]
    pub homepage: Option<String>,
    #[column(ip)]
    pub last_ip: Option<String>,
    #[column(size = 256)]
    pub note: Option<String>,
    #[column(integer(min = 0), default = 0)]
    pub visits: i64,
}

/// Row number `i`: category `c{i % 4}` (or [`FRESH_CATEGORY`]), active unless
/// `(i / 4) % 4 == 0`.
pub fn item(i: usize, category: Option<&str>) -> Item {
    Item {
        name: format!("item {i}"),
        email: format!("user{i}@example.com"),
        category: category.map_or_else(|| format!("c{}", i % 4), str::to_owned),
        rank: i as i64,
        score: score_of(i),
        active: !(i / 4).is_multiple_of(4),
        homepage: Some(format!("https://example.com/items/{i}")),
        last_ip: Some(format!("10.0.{}.{}", (i / 256) % 256, i % 256)),
        note: Some(format!("a short note about item number {i}")),
        visits: 0,
    }
}

/// A score in `[0, 100)` with one decimal.
pub fn score_of(i: usize) -> f64 {
    (i % 1000) as f64 / 10.0
}

/// The ID of seeded row `i`.
pub fn seed_id(i: usize) -> String {
    format!("seed-{i}")
}

/// The seeded row operation `k` reads or updates: a fixed permutation of the seeded rows.
pub fn target_of(k: usize) -> usize {
    (k.wrapping_mul(7919)) % SEED_ROWS
}

/// Whether operation `k` of a mixed run writes (one in five: 80/20 read/write).
pub fn mixed_writes(k: usize) -> bool {
    k % 5 == 4
}

/// What the raw reqwest client decodes a row into: the system fields and the 10 columns in
/// one plain struct (`$sequence` as the 1.8 format sends it, an integer).
#[derive(Deserialize)]
pub struct RawRow {
    #[serde(rename = "$id")]
    pub id: String,
    #[serde(rename = "$sequence")]
    pub sequence: u64,
    #[serde(rename = "$tableId")]
    pub table_id: String,
    #[serde(rename = "$databaseId")]
    pub database_id: String,
    #[serde(rename = "$createdAt")]
    pub created_at: String,
    #[serde(rename = "$updatedAt")]
    pub updated_at: String,
    #[serde(rename = "$permissions")]
    pub permissions: Vec<String>,
    pub name: String,
    pub email: String,
    pub category: String,
    pub rank: i64,
    pub score: f64,
    pub active: bool,
    pub homepage: Option<String>,
    pub last_ip: Option<String>,
    pub note: Option<String>,
    pub visits: i64,
}

#[derive(Deserialize)]
pub struct RawList {
    pub total: u64,
    pub rows: Vec<RawRow>,
}
