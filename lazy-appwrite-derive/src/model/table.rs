//! `#[derive(Table)]` input turned into a [`TableModel`], or every error found.

use darling::{Error, FromDeriveInput, FromField, Result};
use syn::spanned::Spanned;

use super::{TableModel, column, description, index};
use crate::attr::{ColumnAttr, RoleArg, RoleSpec, TableAttr, Word, error_at};
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
        for spec in roles {
            let Some(role) = role_string(spec, &mut errors) else {
                continue;
            };
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
    let description = description::resolve(attr.description.as_ref(), &input.attrs, &mut errors);
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
        description,
    })
}

/// The typed roles, mirroring the runtime's `Role` constructors.
const ROLES: &[&str] = &[
    "any",
    "guests",
    "users",
    "verified_users",
    "unverified_users",
    "user",
    "verified_user",
    "unverified_user",
    "team",
    "team_role",
    "member",
    "label",
];

/// The role string of a role as written (`"user:u1"` or `user("u1")`), or `None` after
/// reporting why it is not a role.
fn role_string(spec: &RoleSpec, errors: &mut darling::error::Accumulator) -> Option<String> {
    let role = match spec {
        RoleSpec::Text(role, span) => match role_problem(role) {
            Some(problem) => Err(error_at(*span, format!("`{role}` {problem}"))),
            None => Ok(role.clone()),
        },
        RoleSpec::Typed { name, args, span } => typed_role(name, args, *span),
    };
    errors.handle(role)
}

/// A typed role, checked argument by argument.
fn typed_role(name: &Word, args: &[RoleArg], span: proc_macro2::Span) -> Result<String> {
    let n = name.value.as_str();
    Ok(match (n, args) {
        ("any" | "guests" | "users", []) => n.to_owned(),
        ("verified_users", []) => "users/verified".into(),
        ("unverified_users", []) => "users/unverified".into(),
        ("users", [state]) => format!("users/{}", verification(state)?),
        ("user", [id]) => format!("user:{}", role_id(id, "user ID")?),
        ("user", [id, state]) => {
            format!("user:{}/{}", role_id(id, "user ID")?, verification(state)?)
        }
        ("verified_user", [id]) => format!("user:{}/verified", role_id(id, "user ID")?),
        ("unverified_user", [id]) => format!("user:{}/unverified", role_id(id, "user ID")?),
        ("team", [id]) => format!("team:{}", role_id(id, "team ID")?),
        ("team" | "team_role", [id, role]) => {
            format!(
                "team:{}/{}",
                role_id(id, "team ID")?,
                role_id(role, "team role")?
            )
        }
        ("member", [id]) => format!("member:{}", role_id(id, "membership ID")?),
        ("label", [label]) => format!("label:{}", role_label(label)?),
        _ => {
            let Some(usage) = role_usage(n) else {
                let hint = closest(n, ROLES)
                    .map(|c| format!(": did you mean `{c}`?"))
                    .unwrap_or_default();
                return Err(error_at(
                    name.span,
                    format!(
                        "unknown role `{n}`{hint} (roles: `any`, `guests`, `users`, \
                         `users(verified)`, `user(\"ID\")`, `team(\"ID\")`, \
                         `team(\"ID\", \"ROLE\")`, `member(\"ID\")`, `label(\"NAME\")`, \
                         or a string like `\"user:ID\"`)"
                    ),
                ));
            };
            let problem = if matches!(n, "any" | "guests" | "verified_users" | "unverified_users") {
                "takes no arguments"
            } else {
                "has the wrong arguments"
            };
            return Err(error_at(
                span,
                format!("the role `{n}` {problem}: write {usage}"),
            ));
        }
    })
}

/// How a typed role is written, for the error about its arguments.
fn role_usage(name: &str) -> Option<&'static str> {
    Some(match name {
        "any" => "`any`",
        "guests" => "`guests`",
        "users" => "`users`, `users(verified)` or `users(unverified)`",
        "verified_users" => "`verified_users`",
        "unverified_users" => "`unverified_users`",
        "user" => "`user(\"ID\")` or `user(\"ID\", verified)`",
        "verified_user" => "`verified_user(\"ID\")`",
        "unverified_user" => "`unverified_user(\"ID\")`",
        "team" => "`team(\"ID\")` or `team(\"ID\", \"ROLE\")`",
        "team_role" => "`team_role(\"ID\", \"ROLE\")`",
        "member" => "`member(\"MEMBERSHIP_ID\")`",
        "label" => "`label(\"NAME\")`",
        _ => return None,
    })
}

/// An ID inside a typed role: a string literal following Appwrite's ID rules.
fn role_id(arg: &RoleArg, what: &str) -> Result<String> {
    let v = &arg.value;
    if arg.is_word {
        return Err(error_at(
            arg.span,
            format!("the {what} is a string literal: `\"{v}\"`"),
        ));
    }
    if v.starts_with('$') {
        return Err(error_at(
            arg.span,
            format!("the {what} `{v}` cannot start with `$`"),
        ));
    }
    match key_problem(v) {
        Some(problem) => Err(error_at(arg.span, format!("the {what} `{v}` {problem}"))),
        None => Ok(v.clone()),
    }
}

/// A label: 1 to 36 letters or digits.
fn role_label(arg: &RoleArg) -> Result<String> {
    let v = &arg.value;
    if arg.is_word {
        return Err(error_at(
            arg.span,
            format!("the label is a string literal: `\"{v}\"`"),
        ));
    }
    if v.is_empty() || v.len() > 36 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(error_at(
            arg.span,
            format!("the label `{v}` must have 1 to 36 letters or digits (a-z, A-Z, 0-9)"),
        ));
    }
    Ok(v.clone())
}

/// `verified` or `unverified`, as a word or a string.
fn verification(arg: &RoleArg) -> Result<&str> {
    match arg.value.as_str() {
        v @ ("verified" | "unverified") => Ok(v),
        v => {
            let hint = closest(v, &["verified", "unverified"])
                .map(|c| format!(": did you mean `{c}`?"))
                .unwrap_or_default();
            Err(error_at(
                arg.span,
                format!("`{v}` is not a verification state{hint} (`verified` or `unverified`)"),
            ))
        }
    }
}
