//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::builder::styling::{AnsiColor, Styles};
use clap::{Args, Parser, Subcommand};

/// `lazy-appwrite`: Rust models, schemas and data of Appwrite TablesDB databases.
#[derive(Debug, Parser)]
#[command(
    name = "lazy-appwrite",
    version,
    about = "Rust models, schemas and data of Appwrite TablesDB databases",
    long_about = "Rust models, schemas and data of Appwrite TablesDB databases.\n\n\
        The server is APPWRITE_ENDPOINT and APPWRITE_PROJECT, acting with APPWRITE_API_KEY, \
        read from the environment or a .env file in the current directory. The key is \
        never printed.",
    styles = styles(),
)]
pub struct Cli {
    /// The Appwrite endpoint, e.g. https://cloud.appwrite.io/v1 [default: $APPWRITE_ENDPOINT]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The project ID [default: $APPWRITE_PROJECT]
    #[arg(long, global = true, value_name = "ID")]
    pub project: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

fn styles() -> Styles {
    Styles::styled()
        .header(AnsiColor::Green.on_default().bold())
        .usage(AnsiColor::Green.on_default().bold())
        .literal(AnsiColor::Cyan.on_default().bold())
        .placeholder(AnsiColor::Cyan.on_default())
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write Rust models (#[derive(Table)] structs) for every table of a database
    Pull(PullArgs),
    /// Show what syncing an appwrite.json would change on the server
    Plan(SchemaArgs),
    /// Make the server match an appwrite.json (never deletes unless --destructive)
    Sync(SchemaArgs),
    /// Write the server's databases and tables to an appwrite.json
    Export(ExportArgs),
    /// Create an appwrite.json's databases and tables on the server
    Import(ImportArgs),
    /// Save a database's schema and every row to a directory (resumable)
    Backup(BackupArgs),
    /// Recreate a backed-up database: schema, rows, relationships (resumable)
    #[command(
        long_about = "Recreate a backed-up database: schema, rows, relationships \
        (resumable).\n\n\
        Each row keeps its $id, $permissions, column values, relationships, $createdAt and \
        $updatedAt: an API key may set the two timestamps (a real Appwrite 1.8.1 and 1.9.6 \
        keep the ones a row create carries), so restore sends them with the row, and again \
        when it sets the row's relationships. $sequence is not kept: the server numbers rows \
        itself in the order they are written and ignores a $sequence a client sends. \
        $databaseId is the database restored into."
    )]
    Restore(RestoreArgs),
    /// Run the Appwrite emulator
    Serve(ServeArgs),
}

/// `pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// The database whose tables become models
    #[arg(long, value_name = "ID")]
    pub database: Option<String>,
    /// Read the tables from this appwrite.json instead of the server
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Write the models to this file [default: standard output]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Where `plan` and `sync` find their schema.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The appwrite.json to read
    #[arg(default_value = "appwrite.json", value_name = "FILE")]
    pub file: PathBuf,
    /// Only this database of the file
    #[arg(long, value_name = "ID")]
    pub database: Option<String>,
    /// Into this database instead of the file's (which must then name one)
    #[arg(long, value_name = "ID")]
    pub into: Option<String>,
    /// Also delete the columns and indexes the file does not declare
    #[arg(long)]
    pub destructive: bool,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only these databases [default: every database]
    #[arg(long, value_name = "ID")]
    pub database: Vec<String>,
    /// The appwrite.json to write (its other sections are kept); `-` for standard output
    #[arg(long, short, default_value = "appwrite.json", value_name = "FILE")]
    pub out: PathBuf,
}

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The appwrite.json to read
    #[arg(default_value = "appwrite.json", value_name = "FILE")]
    pub file: PathBuf,
    /// Only this database of the file
    #[arg(long, value_name = "ID")]
    pub database: Option<String>,
    /// Into this database instead of the file's (which must then name one)
    #[arg(long, value_name = "ID")]
    pub into: Option<String>,
}

/// `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The database to back up
    #[arg(long, value_name = "ID")]
    pub database: String,
    /// The directory to write (an unfinished backup there is resumed)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Replace a backup the directory already holds
    #[arg(long)]
    pub force: bool,
    /// Rows read per request (at most 5000)
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=5000))]
    pub page_size: u64,
}

/// `restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup directory
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Into this database instead of the one backed up
    #[arg(long, value_name = "ID")]
    pub into: Option<String>,
}

/// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: std::net::IpAddr,
    /// Project ID clients must send
    #[arg(long, default_value = "demo", value_name = "ID")]
    pub project: String,
    /// API key that grants full access
    #[arg(long, default_value = "secret")]
    pub key: String,
    /// The Appwrite release to imitate: 1.8.1 or 1.9.6
    #[arg(long, default_value = "1.9.6", value_name = "VERSION")]
    pub appwrite: String,
    /// Keep data in this SQLite file [default: in memory]
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// How long new columns and indexes stay processing, in milliseconds
    #[arg(long, default_value_t = 50, value_name = "MS")]
    pub delay_ms: u64,
}
