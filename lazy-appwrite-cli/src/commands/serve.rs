//! `serve`: the emulator, until Ctrl-C.

use std::net::SocketAddr;
use std::time::Duration;

use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};

use crate::args::ServeArgs;
use crate::error::{Failure, Result};
use crate::output::{HEADING, Output};

/// Starts the emulator `args` describe.
pub(crate) async fn start(args: &ServeArgs) -> Result<EmulatorHandle> {
    let version: AppwriteVersion = args
        .appwrite
        .parse()
        .map_err(|e: lazy_appwrite_emulator::UnknownVersion| Failure::usage(e.to_string()))?;
    let mut builder = Emulator::builder()
        .addr(SocketAddr::new(args.host, args.port))
        .project(args.project.clone())
        .key(args.key.clone())
        .appwrite_version(version)
        .processing_delay(Duration::from_millis(args.delay_ms));
    if let Some(path) = &args.data {
        builder = builder.data_file(path.clone());
    }
    builder
        .start()
        .await
        .map_err(|e| Failure::new(format!("could not start the emulator: {e}")))
}

/// Serves until Ctrl-C.
pub(crate) async fn run(args: &ServeArgs, out: &mut Output<'_>) -> Result<()> {
    let emulator = start(args).await?;
    out.styled(HEADING, "lazy-appwrite emulator serving Appwrite TablesDB")?;
    out.line(&format!("  endpoint: {}", emulator.endpoint()))?;
    out.line(&format!("  project:  {}", emulator.project()))?;
    out.line(&format!("  appwrite: {}", args.appwrite))?;
    let storage = args
        .data
        .as_ref()
        .map_or_else(|| "memory".to_owned(), |p| p.display().to_string());
    out.line(&format!("  storage:  {storage}"))?;
    out.line("Press Ctrl-C to stop.")?;
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
    Ok(())
}
