//! What the sync's tests share: an emulated server and an admin client of it.

use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

use crate::client::Client;

/// An emulator that makes columns and indexes available at once, and a client of it with
/// the API key; `version` fixes the server version the client assumes.
pub(super) async fn emulated(version: Option<&str>) -> (EmulatorHandle, Client) {
    let emulator = Emulator::builder()
        .processing_delay(std::time::Duration::ZERO)
        .start()
        .await
        .unwrap();
    let mut builder = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key());
    if let Some(version) = version {
        builder = builder.server_version(version);
    }
    let client = builder.build().unwrap();
    (emulator, client)
}
