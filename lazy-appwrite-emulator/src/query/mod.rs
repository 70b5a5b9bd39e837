//! Appwrite queries: parsing the JSON strings, checking them against a table, and
//! translating them to SQL with bound parameters.
//!
//! * [`parse`]: one query string → [`parse::Query`] (`Invalid query: Syntax error`, …).
//! * [`plan`]: queries checked against a table → [`plan::Plan`] (`400 general_query_invalid`).
//! * [`sql`]: a plan's filters → an SQLite WHERE clause and its parameters.
//! * [`execute`]: running a plan: ordering, cursors, limit/offset, capped totals.
//! * [`spatial`]: geometry predicates and distances for point/line/polygon columns, run in
//!   SQLite through a registered function.
//! * [`memory`]: the same language over in-memory metadata lists (databases, tables,
//!   columns, indexes), validated at parameter level (`400 general_argument_invalid`).

pub mod collation;
pub mod execute;
pub mod fulltext;
mod geometry;
pub mod memory;
pub mod parse;
pub mod plan;
pub mod spatial;
pub mod sql;
