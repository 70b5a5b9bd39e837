//! The emulator's integration tests, one module per area, in one test binary.
//!
//! They drive the router in-process ([`lazy_appwrite_emulator::InProcessEmulator`], through
//! `common::Api`), binding no port. A few need a real socket and say so:
//! `connection` (keep-alive and `TCP_NODELAY`), `bad_input::deeply_nested_logical_queries`
//! (a request line too long for the HTTP server), and `crash_safety` (kills the emulator's
//! process).
//!
//! Run one area with `cargo test -p lazy-appwrite-emulator --test it <module>::`.

mod common;

mod auth;
mod bad_input;
mod columns;
mod connection;
mod counters;
mod crash_safety;
mod databases;
mod hostile_corpus;
mod indexes;
mod lifecycle;
mod message_catalogue;
mod operators;
mod pagination;
mod path_params;
mod permissions_matrix;
mod queries;
mod rate_limits;
mod relationships;
mod response_shapes;
mod row_validation;
mod rows;
mod spatial;
mod spatial_distance_null;
mod tables;
mod timestamps;
mod transactions;
mod users;
mod written_answers;
