//! The `validate` method: each column's value checked by the runtime's rules.

use proc_macro2::TokenStream;
use quote::quote;

use super::{column_const, private, respan};
use crate::model::TableModel;
use syn::spanned::Spanned;

/// `fn validate(&self)`.
pub fn validate(model: &TableModel) -> TokenStream {
    let p = private(model);
    let id = &model.id;
    let checks = model.columns.iter().enumerate().map(|(i, c)| {
        let (field, key, name) = (&c.ident, &c.key, column_const(i));
        let check = respan(quote!(#p::CheckValue::check), c.ty.span());
        quote! {
            #check(&self.#field, &#name).map_err(|v| #p::ViolationAt::at(v, #id, #key))?;
        }
    });
    quote! {
        fn validate(&self) -> ::core::result::Result<(), #p::Error> {
            #(#checks)*
            ::core::result::Result::Ok(())
        }
    }
}
