//! The `lazy-appwrite` binary: [`lazy_appwrite_cli::run`] with the process's arguments,
//! environment and standard output.

use std::process::ExitCode;

use lazy_appwrite_cli::{Env, Ui};

#[tokio::main]
async fn main() -> ExitCode {
    let env = match Env::from_process() {
        Ok(env) => env,
        Err(failure) => {
            eprintln!("error: {failure}");
            return ExitCode::from(failure.code);
        }
    };
    let mut stdout = std::io::stdout().lock();
    match lazy_appwrite_cli::run(std::env::args_os(), &env, &mut stdout, Ui::detect()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.code)
        }
    }
}
