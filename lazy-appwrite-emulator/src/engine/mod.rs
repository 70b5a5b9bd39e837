//! The emulator's engine: what the REST handlers share, between `routes/` (the HTTP
//! adapters) and `store/` (storage). Row reads and writes, bulk writes and counters, update
//! operators, transactions (log, staging, commit replay, read-your-writes), relationships,
//! column and index definitions, and the caller's access to rows.
//!
//! Modules here never import `routes/`.

pub mod access;
pub mod accounts;
pub mod definitions;
pub mod lists;
pub mod number;
pub mod operators;
pub mod relationships;
pub mod row_data;
pub mod rows;
pub mod transactions;
