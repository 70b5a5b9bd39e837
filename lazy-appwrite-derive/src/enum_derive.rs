//! `#[derive(Enum)]`: a Rust enum stored in an Appwrite `enum` column.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, ExprLit, Fields, Lit, Meta};

use crate::attr::error_at;
use crate::serde_attr;

struct EnumAttrs {
    rename_all: Option<(String, Span)>,
    krate: Option<syn::Path>,
}

fn container_attrs(input: &DeriveInput, errors: &mut darling::error::Accumulator) -> EnumAttrs {
    let mut out = EnumAttrs {
        rename_all: None,
        krate: None,
    };
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("enum_value"))
    {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                out.rename_all = Some((lit.value(), lit.span()));
                Ok(())
            } else if meta.path.is_ident("crate") {
                let lit: syn::Path = meta.value()?.parse()?;
                out.krate = Some(lit);
                Ok(())
            } else {
                Err(meta.error("unknown option: expected `rename_all = \"…\"` or `crate = path`"))
            }
        });
        if let Err(e) = result {
            errors.push(e.into());
        }
    }
    out
}

fn variant_value(
    variant: &syn::Variant,
    errors: &mut darling::error::Accumulator,
) -> Option<(String, Span)> {
    let mut value = None;
    for attr in variant
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("enum_value"))
    {
        match &attr.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => value = Some((s.value(), s.span())),
                other => errors.push(error_at(
                    other.span(),
                    "expected a string: `#[enum_value = \"…\"]`",
                )),
            },
            other => errors.push(error_at(other.span(), "expected `#[enum_value = \"…\"]`")),
        }
    }
    value
}

/// The expansion, or every error.
pub fn expand(input: &DeriveInput) -> darling::Result<TokenStream> {
    let mut errors = darling::Error::accumulator();
    let Data::Enum(data) = &input.data else {
        return Err(error_at(
            input.ident.span(),
            "`#[derive(Enum)]` applies to enums with unit variants",
        ));
    };
    if !input.generics.params.is_empty() {
        errors.push(error_at(
            input.generics.span(),
            "`#[derive(Enum)]` does not support generic enums",
        ));
    }
    let attrs = container_attrs(input, &mut errors);
    let serde = serde_attr::read(&input.attrs);
    let rule = attrs
        .rename_all
        .clone()
        .map(|(r, s)| (r, Some(s)))
        .or(serde.rename_all.map(|r| (r, None)));
    if let Some((rule, Some(span))) = &rule
        && serde_attr::rename_variant("X", rule).is_none()
    {
        errors.push(error_at(*span, format!("unknown rename rule `{rule}`: lowercase, UPPERCASE, PascalCase, camelCase, snake_case, SCREAMING_SNAKE_CASE, kebab-case or SCREAMING-KEBAB-CASE")));
    }
    if data.variants.is_empty() {
        errors.push(error_at(
            input.ident.span(),
            "an enum column needs at least one variant",
        ));
    }
    if data.variants.len() > 100 {
        errors.push(error_at(
            input.ident.span(),
            "an enum column has at most 100 elements",
        ));
    }
    let mut elements: Vec<String> = Vec::new();
    let mut idents = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(error_at(
                variant.fields.span(),
                "enum columns hold unit variants only",
            ));
            continue;
        }
        let name = variant.ident.to_string();
        let explicit = variant_value(variant, &mut errors).or_else(|| {
            serde_attr::read(&variant.attrs)
                .rename
                .map(|r| (r, variant.ident.span()))
        });
        let (value, span) = match explicit {
            Some(v) => v,
            None => {
                let renamed = rule
                    .as_ref()
                    .and_then(|(r, _)| serde_attr::rename_variant(&name, r));
                (renamed.unwrap_or(name), variant.ident.span())
            }
        };
        let len = value.chars().count();
        if len == 0 || len > 255 {
            errors.push(error_at(span, "an enum element has 1 to 255 characters"));
        }
        if elements.contains(&value) {
            errors.push(error_at(
                span,
                format!("two variants are stored as `{value}`"),
            ));
        }
        elements.push(value);
        idents.push(&variant.ident);
    }
    errors.finish()?;

    let ident = &input.ident;
    let krate = attrs
        .krate
        .unwrap_or_else(|| syn::parse_quote!(::lazy_appwrite));
    let p = quote!(#krate::__private);
    Ok(quote! {
        #[allow(clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #p::EnumValue for #ident {
                const ELEMENTS: &'static [&'static str] = &[#(#elements),*];
                fn as_str(&self) -> &'static str {
                    match self { #(Self::#idents => #elements,)* }
                }
                fn from_element(element: &str) -> ::core::option::Option<Self> {
                    match element {
                        #(#elements => ::core::option::Option::Some(Self::#idents),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }

            #[automatically_derived]
            impl #p::Scalar for #ident {}

            #[automatically_derived]
            impl #p::HoldsEnum for #ident {}

            #[automatically_derived]
            impl #p::InferKind for #ident {
                type Kind = #p::kind::Enum;
                const KIND: #p::ColumnType = #p::ColumnType::Enum { elements: <Self as #p::EnumValue>::ELEMENTS };
            }

            #[automatically_derived]
            impl #p::CheckValue for #ident {
                fn check(&self, column: &#p::ColumnSchema) -> ::core::result::Result<(), #p::Violation> {
                    #p::check_enum_element(#p::EnumValue::as_str(self), column)
                }
            }

            #[automatically_derived]
            impl #p::Operand<#ident> for #ident {
                fn into_operand(self) -> #p::serde_json::Value {
                    #p::serde_json::Value::from(#p::EnumValue::as_str(&self))
                }
            }

            #[automatically_derived]
            impl #p::serde::Serialize for #ident {
                fn serialize<S: #p::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(#p::EnumValue::as_str(self))
                }
            }

            #[automatically_derived]
            impl<'de> #p::serde::Deserialize<'de> for #ident {
                fn deserialize<D: #p::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    let text = <::std::string::String as #p::serde::Deserialize>::deserialize(deserializer)?;
                    <Self as #p::EnumValue>::from_element(&text).ok_or_else(|| {
                        <D::Error as #p::serde::de::Error>::unknown_variant(&text, <Self as #p::EnumValue>::ELEMENTS)
                    })
                }
            }
        };
    })
}
