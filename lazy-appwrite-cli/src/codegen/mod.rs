//! `pull`'s code generator: `appwrite.json` table entries → Rust models that compile
//! (`#[derive(Table)]` structs and `#[derive(Enum)]` enums), formatted by `rustfmt` when
//! it is installed.

mod column;
mod names;
mod table;

use std::io::Write;
use std::process::{Command, Stdio};

use lazy_appwrite::schema::TableEntry;

use names::Scope;

/// The source of a module with a model per table of `tables`; `source` says where they
/// came from (never a secret).
pub(crate) fn models(tables: &[TableEntry], source: &str) -> Result<String, String> {
    let mut types = Scope::default();
    let struct_names: Vec<(String, String)> = tables
        .iter()
        .map(|t| (t.id.clone(), types.claim(names::type_name(&t.id))))
        .collect();
    let model_of = |id: &str| {
        struct_names
            .iter()
            .find(|(table, _)| table == id)
            .map_or_else(|| names::type_name(id), |(_, name)| name.clone())
    };
    let mut out =
        format!("//! Models of the Appwrite tables {source}, written by `lazy-appwrite pull`.\n");
    for (table, (_, name)) in tables.iter().zip(&struct_names) {
        out.push('\n');
        out.push_str(&table::model(table, name, &mut types, &model_of)?);
    }
    Ok(rustfmt(&out).unwrap_or(out))
}

/// `source` formatted by `rustfmt` (edition 2024), if it is installed and succeeds.
fn rustfmt(source: &str) -> Option<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}
