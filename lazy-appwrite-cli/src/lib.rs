//! The `lazy-appwrite` command line, as a library: [`run`] is the whole program (the
//! binary passes it the process's arguments, environment and standard output), so tests
//! run every command in-process.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use lazy_appwrite_cli::{Env, Ui, run};
//! let mut out = Vec::new();
//! run(["lazy-appwrite", "--help"], &Env::default(), &mut out, Ui::plain()).await.unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("serve"));
//! # }
//! ```

mod archive;
mod args;
mod codegen;
mod commands;
pub mod env;
mod error;
mod output;
mod remote;
mod schema_file;
mod statics;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

pub use env::Env;
pub use error::{Failure, Result};
pub use output::Ui;

use args::{Cli, Command};
use output::Output;

/// Runs the command line `args` (the program name first) with the variables `env`,
/// writing to `out`.
pub async fn run<I, T>(args: I, env: &Env, out: &mut dyn Write, ui: Ui) -> Result<()>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version: printed, not failures.
            let shown = if ui.color {
                error.render().ansi().to_string()
            } else {
                error.render().to_string()
            };
            out.write_all(shown.as_bytes())?;
            return Ok(());
        }
        Err(error) => return Err(Failure::usage(error.render().to_string())),
    };
    let mut output = Output::new(out, ui);
    let client = || env.client(cli.endpoint.as_deref(), cli.project.as_deref());
    match &cli.command {
        Command::Pull(args) => commands::pull::run(async || client(), args, &mut output).await,
        Command::Plan(args) => commands::schema::plan(&client()?, args, &mut output).await,
        Command::Sync(args) => commands::schema::sync(&client()?, args, &mut output).await,
        Command::Import(args) => commands::schema::import(&client()?, args, &mut output).await,
        Command::Export(args) => commands::export::run(&client()?, args, &mut output).await,
        Command::Backup(args) => commands::backup::run(&client()?, args, &mut output).await,
        Command::Restore(args) => commands::restore::run(&client()?, args, &mut output).await,
        Command::Serve(args) => commands::serve::run(args, &mut output).await,
    }
}
