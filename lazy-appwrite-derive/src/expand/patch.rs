//! The patch type (`UserPatch`): typed setters, serializing only the columns set.

use proc_macro2::TokenStream;
use quote::quote;

use super::{column_const, private};
use crate::model::TableModel;

/// The struct with its setters, and its `Default`, `Serialize` and `Patch` impls.
pub fn patch(model: &TableModel, name: &syn::Ident) -> (TokenStream, TokenStream) {
    let p = private(model);
    let (ident, vis, id) = (&model.ident, &model.vis, &model.id);
    let fields: Vec<_> = model.columns.iter().map(|c| &c.ident).collect();
    let types: Vec<_> = model.columns.iter().map(|c| &c.ty).collect();
    let keys: Vec<_> = model.columns.iter().map(|c| &c.key).collect();
    let consts: Vec<_> = (0..model.columns.len()).map(column_const).collect();
    let setters = model.columns.iter().map(|c| {
        let (field, ty, key) = (&c.ident, &c.ty, &c.key);
        let doc = format!("Sets the `{key}` column.");
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #field(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                self.#field = ::core::option::Option::Some(value.into());
                self
            }
        }
    });
    let doc = format!(
        "A partial update of [`{ident}`]: only the columns set are sent, each checked like the model (from `#[derive(Table)]`)."
    );
    let strukt = quote! {
        #[doc = #doc]
        #[allow(non_camel_case_types)]
        #vis struct #name {
            #(#fields: ::core::option::Option<#types>,)*
        }

        impl #name {
            #(#setters)*
        }
    };
    let impls = quote! {
        #[automatically_derived]
        impl ::core::default::Default for #name {
            fn default() -> Self {
                Self { #(#fields: ::core::option::Option::None,)* }
            }
        }

        #[automatically_derived]
        impl #p::serde::Serialize for #name {
            fn serialize<S: #p::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use #p::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                #(
                    if let ::core::option::Option::Some(value) = &self.#fields {
                        map.serialize_entry(#keys, value)?;
                    }
                )*
                map.end()
            }
        }

        #[automatically_derived]
        impl #p::Patch for #name {
            type Table = #ident;

            fn validate(&self) -> ::core::result::Result<(), #p::Error> {
                #(
                    if let ::core::option::Option::Some(value) = &self.#fields {
                        #p::CheckValue::check(value, &#consts).map_err(|v| #p::ViolationAt::at(v, #id, #keys))?;
                    }
                )*
                ::core::result::Result::Ok(())
            }

            fn is_empty(&self) -> bool {
                true #(&& self.#fields.is_none())*
            }
        }
    };
    (strukt, impls)
}
