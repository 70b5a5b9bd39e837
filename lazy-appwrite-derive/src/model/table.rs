//! `#[derive(Table)]` input turned into a [`TableModel`], or every error found.

use darling::{Error, FromDeriveInput, FromField, Result};
use syn::spanned::Spanned;

use super::{TableModel, column, index};
use crate::attr::{ColumnAttr, TableAttr, error_at};
use crate::rules::{closest, key_problem, role_problem};
use crate::serde_attr;

const ACTIONS: &[&str] = &["create", "read", "update", "delete", "write"];

/// Parses and validates the input.
pub fn build(input: &syn::DeriveInput) -> Result<TableModel> {
    let mut errors = Error::accumulator();
    let fields: Vec<&syn::Field> = match &input.data {
        syn::Data::Struct(syn::DataStruct {
            fields: syn::Fields::Named(named),
            ..
        }) => named.named.iter().collect(),
        _ => {
            return Err(error_at(
                input.ident.span(),
                "`#[derive(Table)]` applies to structs with named fields",
            ));
        }
    };
    // Every field is read even when the container (or another field) has errors.
    let attr = errors.handle(TableAttr::from_derive_input(input));
    let column_attrs: Vec<ColumnAttr> = fields
        .iter()
        .filter_map(|f| errors.handle(ColumnAttr::from_field(f)))
        .collect();
    let serde = serde_attr::read(&input.attrs);
    let mut columns = Vec::new();
    for field in &column_attrs {
        if let Some(c) = column::build(field, serde.rename_all.as_deref(), &mut errors) {
            columns.push(c);
        }
    }
    for (i, c) in columns.iter().enumerate() {
        if let Some(first) = columns[..i]
            .iter()
            .find(|o| o.key.eq_ignore_ascii_case(&c.key))
        {
            errors.push(error_at(
                c.span,
                format!(
                    "the column key `{}` is already used by `{}` (keys are case-insensitive)",
                    c.key, first.ident
                ),
            ));
        }
    }
    if columns.len() > 1010 {
        errors.push(error_at(
            input.ident.span(),
            "a table has at most 1010 columns",
        ));
    }
    if !input.generics.params.is_empty() {
        errors.push(error_at(
            input.generics.span(),
            "`#[derive(Table)]` does not support generic structs",
        ));
    }
    let Some(attr) = attr else {
        return Err(errors
            .finish()
            .err()
            .unwrap_or_else(|| Error::custom("invalid #[table] attribute")));
    };
    let id = match &attr.id {
        Some(id) => {
            if let Some(problem) = key_problem(id) {
                errors.push(error_at(
                    id.span(),
                    format!("the table ID `{}` {problem}", **id),
                ));
            } else if id.starts_with('$') {
                errors.push(error_at(
                    id.span(),
                    format!("the table ID `{}` cannot start with `$`", **id),
                ));
            }
            (**id).clone()
        }
        None => {
            errors.push(error_at(
                input.ident.span(),
                "a table needs an ID: `#[table(id = \"users\")]`",
            ));
            String::new()
        }
    };
    let name = match &attr.name {
        Some(name) => {
            let len = name.chars().count();
            if !(1..=128).contains(&len) {
                errors.push(error_at(
                    name.span(),
                    format!("a table name has 1 to 128 characters, not {len}"),
                ));
            }
            (**name).clone()
        }
        None => id.clone(),
    };
    if let Some(db) = &attr.database
        && let Some(problem) = key_problem(db)
    {
        errors.push(error_at(
            db.span(),
            format!("the database ID `{}` {problem}", **db),
        ));
    }

    let mut permissions: Vec<String> = Vec::new();
    for (action, roles) in attr.permissions.iter().flat_map(|p| &p.items) {
        if !ACTIONS.contains(&action.value.as_str()) {
            let hint = closest(&action.value, ACTIONS)
                .map(|c| format!(": did you mean `{c}`?"))
                .unwrap_or_default();
            errors.push(error_at(
                action.span,
                format!(
                    "unknown permission `{}`{hint} (one of create, read, update, delete, write)",
                    action.value
                ),
            ));
            continue;
        }
        if roles.is_empty() {
            errors.push(error_at(
                action.span,
                format!(
                    "`{}` needs at least one role, like `{}(\"any\")`",
                    action.value, action.value
                ),
            ));
        }
        for (role, span) in roles {
            if let Some(problem) = role_problem(role) {
                errors.push(error_at(*span, format!("`{role}` {problem}")));
                continue;
            }
            let expanded: &[&str] = if action.value == "write" {
                &["create", "update", "delete"]
            } else {
                &[action.value.as_str()]
            };
            for a in expanded {
                let p = format!("{a}(\"{role}\")");
                if !permissions.contains(&p) {
                    permissions.push(p);
                }
            }
        }
    }
    if permissions.len() > 100 {
        errors.push(error_at(
            input.ident.span(),
            format!(
                "a table has at most 100 permissions, not {}",
                permissions.len()
            ),
        ));
    }

    let indexes = index::build(&attr.indexes, &mut columns, &mut errors);
    if indexes.len() > 58 {
        errors.push(error_at(
            input.ident.span(),
            "a table has at most 58 indexes",
        ));
    }

    let krate = attr
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::lazy_appwrite));
    errors.finish_with(TableModel {
        ident: input.ident.clone(),
        vis: input.vis.clone(),
        krate,
        id,
        name,
        database: attr.database.as_ref().map(|d| (**d).clone()),
        permissions,
        row_security: attr.row_security.as_ref().is_some_and(|r| **r),
        enabled: attr.enabled.as_ref().is_none_or(|e| **e),
        columns,
        indexes,
    })
}
