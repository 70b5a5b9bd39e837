//! Nothing to use: this package holds the official SDKs' conformance suites (`tests/`) and
//! the comparison benchmarks (`benches/`) of lazy-appwrite. See `Cargo.toml`.
