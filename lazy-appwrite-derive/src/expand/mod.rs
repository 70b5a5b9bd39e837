//! From a validated [`TableModel`] to the generated code.
//!
//! Everything is named through `::lazy_appwrite::__private` (or the `crate = …` override)
//! and, except the columns struct and the patch type that users name, wrapped in
//! `const _: () = { … };`.

mod checks;
mod columns;
mod patch;
mod schema;
mod validate;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::TableModel;

/// The `__private` path.
pub fn private(model: &TableModel) -> TokenStream {
    let krate = &model.krate;
    quote!(#krate::__private)
}

/// `tokens` with every token at `span`, so rustc reports an unsatisfied bound of generated
/// code at the user's field rather than at the derive.
pub fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(g) = &tree {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                tree = proc_macro2::TokenTree::Group(group);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// The name of column `i`'s constant.
pub fn column_const(i: usize) -> syn::Ident {
    format_ident!("__COLUMN_{}", i)
}

/// The whole expansion.
pub fn expand(model: &TableModel) -> TokenStream {
    let p = private(model);
    let ident = &model.ident;
    let columns_ident = format_ident!("{}Columns", ident);
    let patch_ident = format_ident!("{}Patch", ident);

    let column_consts = schema::column_consts(model);
    let schema = schema::schema(model);
    let checks = checks::checks(model);
    let (columns_struct, columns_fn) = columns::columns(model, &columns_ident);
    let (patch_struct, patch_impls) = patch::patch(model, &patch_ident);
    let validate = validate::validate(model);
    let id = &model.id;

    quote! {
        #columns_struct
        #patch_struct

        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            #column_consts
            #checks
            // Rows are written and read through serde: said once, here, if it is missing.
            const _: () = #p::assert_serde::<#ident>();

            // A static, not a promoted constant: every use of `SCHEMA` is then the same
            // address, and the client tells a verified model apart by pointer alone.
            static __LAZY_APPWRITE_SCHEMA: #p::TableSchema = #schema;

            #[automatically_derived]
            impl #p::Table for #ident {
                const ID: &'static str = #id;
                const SCHEMA: &'static #p::TableSchema = &__LAZY_APPWRITE_SCHEMA;
                type Columns = #columns_ident;
                type Patch = #patch_ident;
                #columns_fn
                #validate
            }

            #patch_impls

        };
    }
}
