//! A local server that speaks Appwrite's TablesDB REST API, backed by SQLite, as Appwrite
//! 1.8.1 or 1.9.6 does ([`AppwriteVersion`]).
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
pub mod profile;
pub mod schema;

mod config;
mod engine;
mod handle;
mod http;
mod in_process;
mod php;
mod query;
mod routes;
mod server;
mod store;
mod testing;
mod validate;

pub use config::{Config, EmulatorBuilder};
pub use handle::{EmulatorHandle, RequestRecord};
pub use in_process::InProcessEmulator;
pub use profile::{AppwriteVersion, UnknownVersion};

/// Entry point: `Emulator::builder()` configures and starts an emulator.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// A builder with the defaults: project `demo`, key `secret`, in-memory storage, a free
    /// port on 127.0.0.1, a 50 ms delay before new columns and indexes become available, and
    /// the answers of Appwrite 1.9.6 ([`AppwriteVersion::default`]).
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}
