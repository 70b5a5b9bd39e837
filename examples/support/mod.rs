//! What every example shares: a client for the Appwrite server named by the environment,
//! or for an embedded emulator.

use std::error::Error;

use lazy_appwrite::{Client, ClientBuilder};
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

/// A client using database `database`: for the server named by `APPWRITE_ENDPOINT`
/// (with `APPWRITE_PROJECT` and `APPWRITE_API_KEY`), or else for an embedded emulator,
/// returned too so the example can report on it and shut it down.
pub async fn connect(database: &str) -> Result<(Client, Option<EmulatorHandle>), Box<dyn Error>> {
    if let Ok(endpoint) = std::env::var("APPWRITE_ENDPOINT")
        && !endpoint.trim().is_empty()
    {
        println!("Using the Appwrite server at {endpoint}");
        if std::env::var("APPWRITE_API_KEY").is_err() {
            return Err("set APPWRITE_API_KEY too: creating tables needs an API key".into());
        }
        let client = ClientBuilder::from_env()?
            .default_database(database)
            .build()?;
        return Ok((client, None));
    }
    let emulator = Emulator::builder().start().await?;
    println!(
        "Started the embedded Appwrite emulator at {}",
        emulator.endpoint()
    );
    let client = Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .default_database(database)
        .build()?;
    Ok((client, Some(emulator)))
}

/// Prints how many requests the emulator served, and stops it.
pub async fn finish(emulator: Option<EmulatorHandle>) {
    if let Some(emulator) = emulator {
        println!(
            "the emulator served {} requests in all",
            emulator.request_count()
        );
        emulator.shutdown().await;
    }
}
