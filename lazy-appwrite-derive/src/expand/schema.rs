//! The schema constant: one `const __COLUMN_i: ColumnSchema` per column and the
//! `TableSchema` built from them.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{column_const, private, respan};
use crate::model::{ColumnModel, DefaultValue, Kind, KindOptions, Related, Required, TableModel};
use syn::spanned::Spanned;

fn opt<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn float(v: f64) -> Literal {
    Literal::f64_suffixed(if v.is_finite() { v } else { 0.0 })
}

/// `[lon, lat]` as an `[f64; 2]` expression.
fn point_tokens([lon, lat]: &[f64; 2]) -> TokenStream {
    let (lon, lat) = (float(*lon), float(*lat));
    quote!([#lon, #lat])
}

/// The `ColumnType` expression of a column.
pub fn column_type(p: &TokenStream, column: &ColumnModel) -> TokenStream {
    let ty = &column.ty;
    let Kind::Explicit(kind, _) = &column.kind else {
        return respan(
            quote!(<<#ty as #p::Field>::Elem as #p::InferKind>::KIND),
            ty.span(),
        );
    };
    let variant = format_ident!("{}", kind.info.variant);
    let kind_type = quote!(#p::ColumnType::#variant);
    match &kind.options {
        KindOptions::Sized { size, encrypt } => {
            quote!(#kind_type { size: #size, encrypt: #encrypt })
        }
        KindOptions::Text { encrypt } => quote!(#kind_type { encrypt: #encrypt }),
        KindOptions::Int { min, max } => {
            let (min, max) = (
                opt(min.map(Literal::i64_suffixed)),
                opt(max.map(Literal::i64_suffixed)),
            );
            quote!(#kind_type { min: #min, max: #max })
        }
        KindOptions::Float { min, max } => {
            let (min, max) = (opt(min.map(float)), opt(max.map(float)));
            quote!(#kind_type { min: #min, max: #max })
        }
        KindOptions::Plain => kind_type,
        KindOptions::Elements(Some(elements)) => quote!(#kind_type { elements: &[#(#elements),*] }),
        KindOptions::Elements(None) => {
            let elements = respan(
                quote!(<<#ty as #p::Field>::Elem as #p::EnumValue>::ELEMENTS),
                ty.span(),
            );
            quote!(#kind_type { elements: #elements })
        }
        KindOptions::Link(rel) => {
            let model = match &rel.related {
                Related::Model(path) => Some(quote!(#path)),
                Related::FromField => Some(respan(
                    quote!(<<#ty as #p::Field>::Elem as #p::RefTarget>::Model),
                    ty.span(),
                )),
                Related::Id(_) => None,
            };
            let related = match (&rel.related, &model) {
                (Related::Id(id), _) => quote!(#id),
                (_, model) => quote!(<#model as #p::Table>::ID),
            };
            let related_model = model.map(|m| quote!(.related_model(#p::related_model::<#m>())));
            let relation = format_ident!("{}", rel.relation);
            let on_delete = format_ident!("{}", rel.on_delete);
            let two_way = rel.two_way;
            let key = rel.two_way_key.as_ref().map(|k| quote!(.two_way(#k)));
            quote! {
                #kind_type(
                    #p::RelationshipSchema::new(#related, #p::Relation::#relation)
                        .two_way_flag(#two_way)
                        #key
                        .on_delete(#p::OnDeleteAction::#on_delete)
                        #related_model
                )
            }
        }
    }
}

/// The `const __COLUMN_i` items.
pub fn column_consts(model: &TableModel) -> TokenStream {
    let p = private(model);
    let items = model.columns.iter().enumerate().map(|(i, column)| {
        let name = column_const(i);
        let ty = &column.ty;
        let key = &column.key;
        let field = column.ident.to_string();
        let field = field.strip_prefix("r#").unwrap_or(&field);
        let kind = column_type(&p, column);
        let required = match column.required {
            Required::Fixed(r) => quote!(#r),
            Required::FromType => respan(quote!(!<#ty as #p::Field>::NULLABLE), ty.span()),
        };
        let array = match &column.kind {
            Kind::Explicit(kind, _) if kind.relationship().is_some() => quote!(false),
            _ => respan(quote!(<#ty as #p::Field>::ARRAY), ty.span()),
        };
        let default = column.default.as_ref().map(|d| {
            let value = match &d.value {
                DefaultValue::Str(s) => quote!(String(#s)),
                DefaultValue::Int(i) => {
                    let i = Literal::i64_suffixed(*i);
                    quote!(Integer(#i))
                }
                DefaultValue::Float(f) => {
                    let f = float(*f);
                    quote!(Float(#f))
                }
                DefaultValue::Bool(b) => quote!(Boolean(#b)),
                DefaultValue::Point(point) => {
                    let point = point_tokens(point);
                    quote!(Point(#point))
                }
                DefaultValue::Line(line) => {
                    let points = line.iter().map(point_tokens);
                    quote!(Line(&[#(#points),*]))
                }
                DefaultValue::Polygon(rings) => {
                    let rings = rings.iter().map(|ring| {
                        let points = ring.iter().map(point_tokens);
                        quote!(&[#(#points),*])
                    });
                    quote!(Polygon(&[#(#rings),*]))
                }
            };
            quote!(.default_value(#p::DefaultValue::#value))
        });
        let description = column
            .description
            .as_ref()
            .map(|d| quote!(.description(#d)));
        quote! {
            const #name: #p::ColumnSchema = #p::ColumnSchema::new(#key, #kind)
                .field(#field)
                .required(#required)
                .array(#array)
                #default
                #description;
        }
    });
    quote!(#(#items)*)
}

/// The `TableSchema` expression.
pub fn schema(model: &TableModel) -> TokenStream {
    let p = private(model);
    let (id, name) = (&model.id, &model.name);
    let database = model.database.as_ref().map(|db| quote!(.database(#db)));
    let permissions = &model.permissions;
    let (row_security, enabled) = (model.row_security, model.enabled);
    let columns = (0..model.columns.len()).map(column_const);
    let description = model.description.as_ref().map(|d| quote!(.description(#d)));
    let indexes = model.indexes.iter().map(|index| {
        let key = &index.key;
        let kind = format_ident!("{}", index.kind);
        let cols = &index.columns;
        let orders = index.orders.iter().map(|o| format_ident!("{}", o));
        let lengths = index
            .lengths
            .iter()
            .map(|l| opt(l.map(Literal::u64_suffixed)));
        let orders =
            (!index.orders.is_empty()).then(|| quote!(.orders(&[#(#p::IndexOrder::#orders),*])));
        let lengths = (!index.lengths.is_empty()).then(|| quote!(.lengths(&[#(#lengths),*])));
        quote!(#p::IndexSchema::new(#key, #p::IndexKind::#kind, &[#(#cols),*]) #orders #lengths)
    });
    quote! {
        #p::TableSchema::new(#id, #name)
            #database
            .permissions(&[#(#permissions),*])
            .row_security(#row_security)
            .enabled(#enabled)
            .columns(&[#(#columns),*])
            .indexes(&[#(#indexes),*])
            #description
    }
}
