//! One table as a generated model: `#[derive(Table)]` struct, `#[table(...)]` and the
//! `#[derive(Enum)]` enums of its enum columns.

use std::fmt::Write;

use lazy_appwrite::schema::{IndexEntry, TableEntry};

use super::column::{self, EnumType, literal};
use super::names::{self, Scope};

/// The source of the model of `table`, named `name`; `model_of` names the model of a
/// table by ID and `types` holds the type names taken so far.
pub(crate) fn model(
    table: &TableEntry,
    name: &str,
    types: &mut Scope,
    model_of: &dyn Fn(&str) -> String,
) -> Result<String, String> {
    let mut fields = Vec::new();
    let mut enums: Vec<EnumType> = Vec::new();
    let mut field_names = Scope::default();
    for entry in &table.columns {
        let field_name = field_names.claim(names::field(&entry.key));
        let enum_name = || types.claim(format!("{name}{}", names::type_name(&entry.key)));
        let (field, enum_type) = column::field(entry, field_name, enum_name, model_of)
            .map_err(|e| format!("table `{}`: {e}", table.id))?;
        enums.extend(enum_type);
        fields.push(field);
    }
    let mut out = String::new();
    for enum_type in &enums {
        out.push_str(&enum_source(enum_type));
        out.push('\n');
    }
    out.push_str("#[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]\n");
    let _ = writeln!(out, "#[table(\n{}\n)]", table_options(table).join(",\n"));
    let _ = writeln!(out, "pub struct {name} {{");
    for field in &fields {
        for attr in &field.attrs {
            let _ = writeln!(out, "    {attr}");
        }
        let _ = writeln!(out, "    pub {}: {},", field.name, field.ty);
    }
    out.push_str("}\n");
    Ok(out)
}

/// The options of `#[table(...)]`, one per line.
fn table_options(table: &TableEntry) -> Vec<String> {
    let mut options = vec![
        format!("    id = {}", literal(&table.id)),
        format!("    name = {}", literal(&table.name)),
        format!("    database = {}", literal(&table.database_id)),
    ];
    if !table.permissions.is_empty() {
        // Stored as `action("role")`, which is how the attribute takes them too.
        options.push(format!("    permissions({})", table.permissions.join(", ")));
    }
    if table.row_security {
        options.push("    row_security".to_owned());
    }
    if !table.enabled {
        options.push("    enabled = false".to_owned());
    }
    if let Some(description) = &table.description {
        options.push(format!("    description = {}", literal(description)));
    }
    options.extend(table.indexes.iter().map(index_option));
    options
}

fn index_option(index: &IndexEntry) -> String {
    let mut parts = vec![format!("key = {}", literal(&index.key))];
    if index.kind != "key" {
        parts.push(index.kind.clone());
    }
    let columns: Vec<String> = index.columns.iter().map(|c| literal(c)).collect();
    parts.push(format!("columns({})", columns.join(", ")));
    if !index.orders.is_empty() {
        let orders: Vec<String> = index
            .orders
            .iter()
            .map(|o| o.to_ascii_lowercase())
            .collect();
        parts.push(format!("orders({})", orders.join(", ")));
    }
    if index.lengths.iter().any(Option::is_some) {
        let lengths: Vec<String> = index
            .lengths
            .iter()
            .map(|l| l.map_or_else(|| "none".to_owned(), |l| l.to_string()))
            .collect();
        parts.push(format!("lengths({})", lengths.join(", ")));
    }
    format!("    index({})", parts.join(", "))
}

fn enum_source(enum_type: &EnumType) -> String {
    let mut variants = Scope::default();
    let mut out =
        String::from("#[derive(lazy_appwrite::Enum, Debug, Clone, Copy, PartialEq, Eq)]\n");
    let _ = writeln!(out, "pub enum {} {{", enum_type.name);
    for element in &enum_type.elements {
        let variant = variants.claim(names::type_name(element));
        if names::unraw(&variant) != element {
            let _ = writeln!(out, "    #[enum_value = {}]", literal(element));
        }
        let _ = writeln!(out, "    {variant},");
    }
    out.push_str("}\n");
    out
}
