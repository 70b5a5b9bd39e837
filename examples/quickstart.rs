//! Quickstart: starts the embedded Appwrite emulator (or uses the real server named by
//! `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT`, `APPWRITE_API_KEY`) and shows what it serves.
//!
//! Run it with `cargo run --example quickstart`.

use lazy_appwrite_emulator::Emulator;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let Ok(endpoint) = std::env::var("APPWRITE_ENDPOINT") {
        println!("Using the Appwrite server at {endpoint}");
        return Ok(());
    }
    let emulator = Emulator::builder().start().await?;
    println!("Embedded Appwrite emulator serving the TablesDB API");
    println!("  endpoint: {}", emulator.endpoint());
    println!("  project:  {}", emulator.project());
    let http = reqwest::Client::new();
    let ping = http
        .get(format!("{}/ping", emulator.endpoint()))
        .header("X-Appwrite-Project", emulator.project())
        .send()
        .await?
        .text()
        .await?;
    println!("  ping:     {ping}");
    emulator.shutdown().await;
    Ok(())
}
