//! The command line's integration tests, each command run in-process against the
//! embedded emulator (and the real binary for `--help`).

mod backup;
mod help;
mod pull;
mod schema;
mod support;
