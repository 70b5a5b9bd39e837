//! A table's or column's description: the `description` attribute, or else the doc
//! comment, joined as rustdoc joins it.

use darling::error::Accumulator;
use lazy_appwrite_core::describe::{DESCRIPTION_MAX_CHARS, join_doc_lines, truncate};
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use crate::attr::{DescriptionAttr, error_at};

/// The description to send: the attribute's text (an error past Appwrite's limit), none
/// for `description = false`, or else the doc comment cut to the limit (long docs are
/// no mistake, so they are not refused).
pub fn resolve(
    attr: Option<&DescriptionAttr>,
    attrs: &[Attribute],
    errors: &mut Accumulator,
) -> Option<String> {
    match attr {
        Some(DescriptionAttr::Off) => None,
        Some(DescriptionAttr::Text(text)) => {
            let len = text.chars().count();
            if len > DESCRIPTION_MAX_CHARS {
                errors.push(error_at(
                    text.span(),
                    format!(
                        "a description has at most {DESCRIPTION_MAX_CHARS} characters, not {len}"
                    ),
                ));
            }
            Some((**text).clone()).filter(|t| !t.is_empty())
        }
        None => {
            let lines: Vec<String> = attrs.iter().filter_map(doc_line).collect();
            join_doc_lines(lines.iter().map(String::as_str)).map(|doc| truncate(&doc).to_owned())
        }
    }
}

/// The text of a `#[doc = "..."]` attribute (what `///` lowers to); `None` for other
/// attributes and for docs that are not a literal.
fn doc_line(attr: &Attribute) -> Option<String> {
    match &attr.meta {
        Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}
