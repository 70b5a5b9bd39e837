//! Shared by the integration tests: a scriptable HTTP server, the backend (in-process
//! emulator, or a real Appwrite from the environment), and a tracing event counter.
#![allow(dead_code, unused_imports)]

pub mod backend;
pub mod fake_server;
pub mod warn_counter;

pub use backend::{Backend, on_each_backend};
pub use fake_server::{FakeServer, Reply, Request};
