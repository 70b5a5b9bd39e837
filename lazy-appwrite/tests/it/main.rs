//! lazy-appwrite's integration tests, one module per area, in one test binary (the
//! compile tests of `#[derive(Table)]` are `tests/derive_ui.rs`, trybuild's own binary).
//!
//! `support` holds what they share: the backend (the in-process emulator in each Appwrite
//! version it imitates, or a real Appwrite from the environment), a scriptable HTTP server,
//! and a tracing event counter (one global subscriber, which reads events per test thread).
//!
//! Run one area with `cargo test -p lazy-appwrite --test it <module>::`.

mod support;

mod bigint_columns;
mod derive_queries;
mod derive_schema;
mod derive_validation;
mod descriptions;
mod emulator_rows;
mod emulator_schema;
mod ids;
mod layers;
mod model_api;
mod model_bulk;
mod model_concurrency;
mod model_operators;
mod model_permissions;
mod model_relationships;
mod model_transactions;
mod plans;
mod retries;
mod secrets;
mod sync_added_columns;
mod sync_counts;
mod sync_drift;
mod test_emulator;
mod transaction_faults;
mod transport;
mod unique_clash;
