//! Honest outcomes under faults, checked: a fault-injecting proxy ([`proxy`]) sits between
//! a lazy-appwrite client and the emulator; a workload ([`workload`]) of creates (with a
//! given ID and with the default one), updates, upserts, deletes (of rows that exist and
//! rows that never did), bulk creates and transactions (three staged writes committed
//! together) runs through it; then the oracle ([`oracle`]) reads the server's state
//! directly and judges every reported result:
//!
//! - **lost**: reported done (`Ok`, or an error saying `Applied`), but not in effect; or a
//!   transaction torn (some of its writes in effect, not all), whatever was reported;
//! - **duplicated**: one create made more than one row;
//! - **wrongly reported**: an error saying `NotApplied` for a write in effect (for a
//!   transaction: all its writes), a delete of a row that never existed reported done
//!   although every attempt surely missed the server (as the client can tell: a `429`), a
//!   404 for a row that existed, or a write error with no outcome at all.
//!
//! `Unknown` is always honest; the figures count it, and how many of those writes were in
//! effect after all. The CI test runs a few hundred seeded operations one at a time
//! (deterministic); `cargo bench -p lazy-appwrite-chaos` runs the long workload at 20% and
//! 50% faults with concurrency 16 and prints the table.

pub mod oracle;
pub mod proxy;
pub mod workload;

#[cfg(test)]
mod tests;
