//! The checks rustc makes for the derive, each spanned at the field it is about: the
//! field's type fits its kind, a default fits what only the type reveals, an indexed
//! column is not an array.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

use super::{column_const, private, respan};
use crate::model::{ExplicitKind, Kind, Related, TableModel};

/// The marker type's name: the kind's variant in the kind table.
fn kind_marker(kind: &ExplicitKind) -> &'static str {
    kind.info.variant
}

/// The kind marker type of a column.
pub fn kind_type(p: &TokenStream, kind: &Kind, ty: &syn::Type) -> TokenStream {
    match kind {
        Kind::Explicit(kind, _) => {
            let marker = format_ident!("{}", kind_marker(kind));
            respan(quote!(#p::kind::#marker), ty.span())
        }
        Kind::Inferred => respan(
            quote!(<<#ty as #p::Field>::Elem as #p::InferKind>::Kind),
            ty.span(),
        ),
    }
}

/// All checks, as `const _: () = …;` items.
pub fn checks(model: &TableModel) -> TokenStream {
    let p = private(model);
    let mut out = TokenStream::new();
    for (i, column) in model.columns.iter().enumerate() {
        let ty = &column.ty;
        let span = ty.span();
        let mut checks = quote!(const _: () = #p::assert_field::<#ty>(););
        if let Kind::Explicit(kind, _) = &column.kind {
            let marker = format_ident!("{}", kind_marker(kind));
            checks.extend(quote!(
                const _: () = #p::assert_holds::<#p::kind::#marker, <#ty as #p::Field>::Elem>();
            ));
            if let Some(rel) = kind.relationship() {
                let side = format_ident!("{}", if rel.is_to_many() { "ToMany" } else { "ToOne" });
                checks.extend(quote!(const _: () = #p::assert_relation_shape::<#p::#side, #ty>();));
                match &rel.related {
                    Related::Model(path) => {
                        checks.extend(quote!(const _: () = #p::assert_links_to::<#path, #ty>();))
                    }
                    Related::Id(id) => {
                        checks.extend(quote!(const _: () = #p::assert_related_id::<#ty>(#id);))
                    }
                    Related::FromField => {}
                }
            }
        }
        if column.indexed {
            checks.extend(quote!(const _: () = #p::assert_indexable::<#ty>();));
        }
        if column.fulltext_inferred {
            let kind = kind_type(&p, &column.kind, ty);
            checks.extend(quote!(const _: () = #p::assert_fulltext::<#kind>();));
        }
        out.extend(respan(checks, span));
        let name = column_const(i);
        let check_span = column.default.as_ref().map_or(span, |d| d.span);
        out.extend(respan(
            quote!(const _: () = #p::assert_column(&#name);),
            check_span,
        ));
    }
    out
}
