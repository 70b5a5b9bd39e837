//! A local server that speaks Appwrite 1.8's TablesDB REST API, backed by SQLite.
//!
//! The official SDKs (node-appwrite, the `appwrite` crate) work against it unchanged, and
//! lazy-appwrite uses it as the embedded default backend of its examples and tests.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use lazy_appwrite_emulator::Emulator;
//!
//! let emulator = Emulator::builder().project("demo").key("secret").start().await?;
//! println!("Appwrite endpoint: {}", emulator.endpoint());
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```

pub mod error;
pub mod schema;

mod config;
mod handle;
mod http;
mod query;
mod routes;
mod server;
mod store;
mod validate;

pub use config::{Config, EmulatorBuilder};
pub use handle::{EmulatorHandle, RequestRecord};

/// Entry point: `Emulator::builder()` configures and starts an emulator.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// A builder with the defaults: project `demo`, key `secret`, in-memory storage, a free
    /// port on 127.0.0.1, and a 50 ms delay before new columns and indexes become available.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}
