//! Generated-input runs (property-style fuzzing) over the workspace's parsers and checks:
//! the emulator's query parser, planner, JSON bodies and value validation (through its
//! router), the client's coercion, validation, row decoding and string parsers, and the
//! derive's attribute parser. The goal is zero panics and, from the emulator, only
//! Appwrite-shaped answers.
//!
//! The long run is the bench binary (`cargo bench -p lazy-appwrite-fuzz`, with
//! `FUZZ_CASES` and `FUZZ_SEED`); the tests here run a few thousand cases of each target
//! and the inputs that once failed.

pub mod client;
pub mod derive;
pub mod emulator;
pub mod input;
pub mod report;

// The derive's parse and expand stages, compiled from its sources: a proc-macro crate
// cannot be linked as a library. Their paths inside are `crate::…`, so they sit at the root.
#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../lazy-appwrite-derive/src/attr.rs"]
mod attr;
#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../lazy-appwrite-derive/src/expand/mod.rs"]
mod expand;
#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../lazy-appwrite-derive/src/model/mod.rs"]
mod model;
#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../lazy-appwrite-derive/src/rules.rs"]
mod rules;
#[allow(dead_code, missing_docs, unreachable_pub)]
#[path = "../../lazy-appwrite-derive/src/serde_attr.rs"]
mod serde_attr;

#[cfg(test)]
mod tests;
