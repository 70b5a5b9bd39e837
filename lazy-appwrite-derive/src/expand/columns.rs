//! The columns struct (`UserColumns`): one typed handle per column, for typed queries.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::kind_type;
use super::{private, respan};
use crate::model::TableModel;
use syn::spanned::Spanned;

/// The struct, and the `columns()` method of the `Table` impl.
pub fn columns(model: &TableModel, name: &syn::Ident) -> (TokenStream, TokenStream) {
    let p = private(model);
    let (ident, vis) = (&model.ident, &model.vis);
    let fields = model.columns.iter().map(|c| {
        let (field, ty, key) = (&c.ident, &c.ty, &c.key);
        let kind = kind_type(&p, &c.kind, ty);
        let search = if c.searchable {
            quote!(Indexed)
        } else {
            quote!(NotIndexed)
        };
        let doc = format!("The `{key}` column.");
        let handle = respan(
            quote!(#p::Column<#ident, #ty, #kind, #p::kind::search::#search>),
            ty.span(),
        );
        quote! {
            #[doc = #doc]
            pub #field: #handle
        }
    });
    let inits = model.columns.iter().map(|c| {
        let (field, key) = (&c.ident, &c.key);
        let new = respan(quote!(#p::Column::new(#key)), c.ty.span());
        quote!(#field: #new)
    });
    let doc = format!(
        "The columns of [`{ident}`] as typed handles, for filters and orders (from `#[derive(Table)]`)."
    );
    let strukt = quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        #[allow(non_camel_case_types)]
        #vis struct #name {
            #(#fields,)*
        }
    };
    let method = quote! {
        fn columns() -> &'static #name {
            const COLUMNS: &#name = &#name { #(#inits,)* };
            COLUMNS
        }
    };
    (strukt, method)
}
