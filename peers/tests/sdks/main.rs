//! The official SDKs' conformance suites against the emulator, one module per suite, in one
//! test binary: the `appwrite` crate (`appwrite_sdk*`, each call a decoding check) and
//! node-appwrite (`node_sdk`, which runs the `node:test` files of `tests/node/` and needs
//! Node.js). Each starts its own emulators on ports of 127.0.0.1, as the SDKs need a URL.
//!
//! Run one suite with `cargo test -p lazy-appwrite-peers --test sdks <module>::`.

mod appwrite_sdk;
mod appwrite_sdk_counters;
mod appwrite_sdk_relationships;
mod appwrite_sdk_transactions;
mod node_sdk;
