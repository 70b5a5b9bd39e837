//! What serde's attributes say about keys, so column keys agree with what serde writes:
//! `#[serde(rename_all = "…")]` on the struct, `#[serde(rename = "…")]` and
//! `#[serde(skip)]` on fields. Other serde options are ignored.

use darling::ast::NestedMeta;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// Serde's view of a container or a field.
#[derive(Default, Debug)]
pub struct SerdeAttrs {
    /// `rename = "…"` (or `rename(serialize = "…")`).
    pub rename: Option<String>,
    /// `rename_all = "…"` (or `rename_all(serialize = "…")`).
    pub rename_all: Option<String>,
    /// `skip` or `skip_serializing`.
    pub skip: bool,
}

fn string_of(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

fn serialize_name(meta: &Meta) -> Option<String> {
    match meta {
        Meta::NameValue(nv) => string_of(&nv.value),
        Meta::List(list) => NestedMeta::parse_meta_list(list.tokens.clone())
            .ok()?
            .iter()
            .find_map(|n| match n {
                NestedMeta::Meta(Meta::NameValue(nv)) if nv.path.is_ident("serialize") => {
                    string_of(&nv.value)
                }
                _ => None,
            }),
        Meta::Path(_) => None,
    }
}

/// Reads the `#[serde(...)]` attributes among `attrs`.
pub fn read(attrs: &[Attribute]) -> SerdeAttrs {
    let mut out = SerdeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let Meta::List(list) = &attr.meta else {
            continue;
        };
        let Ok(items) = NestedMeta::parse_meta_list(list.tokens.clone()) else {
            continue;
        };
        for item in items {
            let NestedMeta::Meta(meta) = item else {
                continue;
            };
            let path = meta.path();
            if path.is_ident("rename") {
                out.rename = serialize_name(&meta).or(out.rename);
            } else if path.is_ident("rename_all") {
                out.rename_all = serialize_name(&meta).or(out.rename_all);
            } else if path.is_ident("skip") || path.is_ident("skip_serializing") {
                out.skip = true;
            }
        }
    }
    out
}

fn words(field: &str) -> Vec<String> {
    field
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A snake_case field name under serde's `rename_all` rule (`None` for an unknown rule).
pub fn rename_field(field: &str, rule: &str) -> Option<String> {
    let w = words(field);
    Some(match rule {
        "lowercase" => field.to_lowercase(),
        "UPPERCASE" => field.to_uppercase(),
        "snake_case" => field.to_owned(),
        "SCREAMING_SNAKE_CASE" => field.to_uppercase(),
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.replace('_', "-").to_uppercase(),
        "camelCase" => {
            let mut out = w.first().cloned().unwrap_or_default();
            out.extend(w.iter().skip(1).map(|s| capitalized(s)));
            out
        }
        "PascalCase" => w.iter().map(|s| capitalized(s)).collect(),
        _ => return None,
    })
}

/// A PascalCase variant name under serde's `rename_all` rule (`None` for an unknown rule).
pub fn rename_variant(variant: &str, rule: &str) -> Option<String> {
    let mut snake = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.extend(c.to_lowercase());
    }
    match rule {
        "PascalCase" => Some(variant.to_owned()),
        "lowercase" => Some(variant.to_lowercase()),
        "UPPERCASE" => Some(variant.to_uppercase()),
        other => rename_field(&snake, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(
            rename_field("first_name", "camelCase").as_deref(),
            Some("firstName")
        );
        assert_eq!(
            rename_field("first_name", "PascalCase").as_deref(),
            Some("FirstName")
        );
        assert_eq!(
            rename_field("first_name", "kebab-case").as_deref(),
            Some("first-name")
        );
        assert_eq!(
            rename_variant("NonFiction", "snake_case").as_deref(),
            Some("non_fiction")
        );
        assert_eq!(
            rename_variant("NonFiction", "kebab-case").as_deref(),
            Some("non-fiction")
        );
        assert_eq!(
            rename_variant("NonFiction", "camelCase").as_deref(),
            Some("nonFiction")
        );
        assert_eq!(rename_field("x", "weird"), None);
    }

    #[test]
    fn reads_serde_attributes() {
        let field: syn::Field = syn::parse_quote! {
            #[serde(rename = "firstName", skip_serializing_if = "Option::is_none", with = "x")]
            first_name: String
        };
        let attrs = read(&field.attrs);
        assert_eq!(attrs.rename.as_deref(), Some("firstName"));
        assert!(!attrs.skip);
    }
}
