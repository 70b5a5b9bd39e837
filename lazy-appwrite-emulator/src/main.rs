//! `lazy-appwrite-emulator`: run the emulator as a standalone server.
//!
//! ```text
//! lazy-appwrite-emulator --port 4000 --project demo --key secret [--data ./data.db] [--appwrite 1.9.6]
//! ```

use std::process::ExitCode;
use std::time::Duration;

use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorBuilder};

const USAGE: &str = "\
Usage: lazy-appwrite-emulator [OPTIONS]

Serves Appwrite's TablesDB REST API on 127.0.0.1, backed by SQLite.

Options:
  --port <PORT>         port to listen on (default 4000; 0 picks a free one)
  --host <ADDR>         address to listen on (default 127.0.0.1)
  --project <ID>        project ID clients must send (default demo)
  --key <KEY>           API key that grants full access (default secret)
  --data <FILE>         keep data in this SQLite file (default: in memory)
  --appwrite <VER>      the Appwrite release to imitate: 1.8.1 or 1.9.6 (default 1.9.6)
  --delay-ms <MS>       how long new columns and indexes stay processing (default 50)
  --no-rate-limits      do not rate limit row writes of callers other than the key
  --rate-limit <W>,<D>  row writes and row deletes allowed per minute (default 120,60)
  -h, --help            print this help
";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<EmulatorBuilder>, String> {
    let mut builder = Emulator::builder().port(4000);
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        builder = match flag.as_str() {
            "--port" => builder.port(
                value()?
                    .parse()
                    .map_err(|_| "--port takes a number from 0 to 65535".to_string())?,
            ),
            "--host" => {
                let ip: std::net::IpAddr = value()?
                    .parse()
                    .map_err(|_| "--host takes an IP address".to_string())?;
                let port = builder.config().addr.port();
                builder.addr(std::net::SocketAddr::new(ip, port))
            }
            "--project" => builder.project(value()?),
            "--key" => builder.key(value()?),
            "--appwrite" => builder.appwrite_version(
                value()?
                    .parse::<AppwriteVersion>()
                    .map_err(|error| error.to_string())?,
            ),
            "--data" => builder.data_file(value()?),
            "--delay-ms" => builder.processing_delay(Duration::from_millis(
                value()?
                    .parse()
                    .map_err(|_| "--delay-ms takes a number of milliseconds".to_string())?,
            )),
            "--no-rate-limits" => builder.rate_limits(false),
            "--rate-limit" => {
                let text = value()?;
                let parsed = text
                    .split_once(',')
                    .and_then(|(w, d)| Some((w.trim().parse().ok()?, d.trim().parse().ok()?)));
                let Some((writes, deletes)) = parsed else {
                    return Err("--rate-limit takes two numbers: writes,deletes".to_string());
                };
                builder.rate_limit(writes, deletes)
            }
            other => return Err(format!("unknown option {other}")),
        };
    }
    Ok(Some(builder))
}

#[tokio::main]
async fn main() -> ExitCode {
    let builder = match parse_args(std::env::args().skip(1)) {
        Ok(Some(builder)) => builder,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let storage = match &builder.config().data {
        Some(path) => format!("SQLite file {}", path.display()),
        None => "memory".to_string(),
    };
    let appwrite = builder.config().appwrite;
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("error: could not start the emulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("lazy-appwrite emulator serving Appwrite TablesDB");
    println!("  endpoint: {}", emulator.endpoint());
    println!("  project:  {}", emulator.project());
    println!("  appwrite: {appwrite}");
    println!("  storage:  {storage}");
    println!("Press Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
