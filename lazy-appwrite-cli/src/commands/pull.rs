//! `pull`: Rust models for every table of a database, from the server or an
//! `appwrite.json`.

use lazy_appwrite::Client;
use lazy_appwrite::schema::TableEntry;

use crate::args::PullArgs;
use crate::codegen;
use crate::error::{Failure, Result};
use crate::output::{HEADING, Output};
use crate::schema_file;

/// The tables to write models of, and where they came from.
async fn tables(
    client: impl AsyncFnOnce() -> Result<Client>,
    args: &PullArgs,
) -> Result<(Vec<TableEntry>, String)> {
    match &args.from {
        Some(path) => {
            let document = schema_file::read(path)?;
            let targets = schema_file::targets(&document, args.database.as_deref(), None)?;
            let [target] = <[_; 1]>::try_from(targets).map_err(|targets| {
                Failure::usage(format!(
                    "{} holds {} databases: pick one with --database",
                    path.display(),
                    targets.len()
                ))
            })?;
            let source = format!("of database `{}` in {}", target.database.id, path.display());
            Ok((target.tables, source))
        }
        None => {
            let database = args.database.as_deref().ok_or_else(|| {
                Failure::usage("pull needs --database (or --from with an appwrite.json)")
            })?;
            let tables = client().await?.table_entries(database).await?;
            if tables.is_empty() {
                return Err(Failure::new(format!("database `{database}` has no tables")));
            }
            Ok((tables, format!("of database `{database}`")))
        }
    }
}

/// Writes the models to the file, or the output.
pub(crate) async fn run(
    client: impl AsyncFnOnce() -> Result<Client>,
    args: &PullArgs,
    out: &mut Output<'_>,
) -> Result<()> {
    let (tables, source) = tables(client, args).await?;
    let code = codegen::models(&tables, &source).map_err(Failure::new)?;
    match &args.out {
        None => out.raw(&code),
        Some(path) => {
            std::fs::write(path, code)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
            out.styled(
                HEADING,
                &format!("wrote {} model(s) to {}", tables.len(), path.display()),
            )
        }
    }
}
