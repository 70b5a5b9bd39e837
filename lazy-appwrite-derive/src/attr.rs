//! The attributes as written: `#[table(...)]` and `#[column(...)]`, read with darling.
//!
//! Nothing here is checked beyond its syntax; `crate::model` validates and reports every
//! problem at once.

use darling::ast::NestedMeta;
use darling::util::{Flag, Override, SpannedValue};
use darling::{Error, FromDeriveInput, FromField, FromMeta, Result};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, UnOp};

// By path, so that it resolves alike where the fuzz crate includes this file by path.
#[path = "attr/default_lit.rs"]
mod default_lit;

pub use default_lit::{DefaultLit, GeometryLit};

/// An error at `span`.
pub fn error_at(span: Span, message: impl std::fmt::Display) -> Error {
    Error::from(syn::Error::new(span, message.to_string()))
}

/// `#[table(...)]` on the struct (its fields are read one by one, so an error in one does
/// not hide the others).
#[derive(FromDeriveInput)]
#[darling(attributes(table), supports(struct_named))]
pub struct TableAttr {
    pub id: Option<SpannedValue<String>>,
    pub name: Option<SpannedValue<String>>,
    pub database: Option<SpannedValue<String>>,
    #[darling(default)]
    pub permissions: Option<Permissions>,
    #[darling(default)]
    pub row_security: Option<SpannedValue<bool>>,
    #[darling(default)]
    pub enabled: Option<SpannedValue<bool>>,
    #[darling(multiple, rename = "index")]
    pub indexes: Vec<SpannedValue<IndexAttr>>,
    #[darling(rename = "crate")]
    pub krate: Option<syn::Path>,
    pub description: Option<DescriptionAttr>,
}

/// `#[column(...)]` on a field.
#[derive(FromField)]
#[darling(attributes(column), forward_attrs(serde, doc))]
pub struct ColumnAttr {
    pub ident: Option<syn::Ident>,
    pub ty: syn::Type,
    pub attrs: Vec<syn::Attribute>,
    pub key: Option<SpannedValue<String>>,
    pub skip: Flag,
    pub required: Option<SpannedValue<bool>>,
    pub default: Option<DefaultLit>,
    pub size: Option<Number>,
    pub encrypt: Flag,
    /// `kind = "bigint"`: any kind of the kind table by name.
    pub kind: Option<SpannedValue<String>>,
    pub string: Option<SpannedValue<Override<SizedAttr>>>,
    pub varchar: Option<SpannedValue<Override<SizedAttr>>>,
    pub text: Flag,
    pub mediumtext: Flag,
    pub longtext: Flag,
    pub integer: Option<SpannedValue<Override<RangeAttr>>>,
    pub bigint: Option<SpannedValue<Override<RangeAttr>>>,
    pub float: Option<SpannedValue<Override<RangeAttr>>>,
    pub boolean: Flag,
    pub datetime: Flag,
    pub email: Flag,
    pub url: Flag,
    pub ip: Flag,
    #[darling(rename = "enum")]
    pub enumeration: Option<SpannedValue<Override<EnumAttr>>>,
    pub relationship: Option<SpannedValue<RelationshipAttr>>,
    pub point: Flag,
    pub line: Flag,
    pub polygon: Flag,
    pub description: Option<DescriptionAttr>,
}

/// `description = "..."` (instead of the doc comment) or `description = false` (none).
#[derive(Clone, Debug)]
pub enum DescriptionAttr {
    /// The text, with the span of its literal.
    Text(SpannedValue<String>),
    /// No description, whatever the doc comment says.
    Off,
}

impl FromMeta for DescriptionAttr {
    fn from_expr(expr: &Expr) -> Result<Self> {
        match unwrap_group(expr) {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(DescriptionAttr::Text(SpannedValue::new(
                s.value(),
                s.span(),
            ))),
            Expr::Lit(ExprLit {
                lit: Lit::Bool(b), ..
            }) if !b.value => Ok(DescriptionAttr::Off),
            other => Err(error_at(
                other.span(),
                "a description is text (`description = \"…\"`), or `false` for none",
            )),
        }
    }
}

/// `string(size = N, encrypt)` / `varchar(...)`.
#[derive(FromMeta, Default)]
pub struct SizedAttr {
    pub size: Option<Number>,
    pub encrypt: Flag,
}

/// `integer(min = A, max = B)` / `bigint(...)` / `float(...)`.
#[derive(FromMeta, Default)]
pub struct RangeAttr {
    pub min: Option<Number>,
    pub max: Option<Number>,
}

/// `enum(elements("a", "b"))`.
#[derive(FromMeta, Default)]
pub struct EnumAttr {
    pub elements: Option<StrList>,
}

/// `relationship(related = Author | related_id = "authors", kind = many_to_one, two_way,
/// two_way_key = "books", on_delete = cascade)`.
#[derive(FromMeta)]
pub struct RelationshipAttr {
    pub related: Option<syn::Path>,
    pub related_id: Option<SpannedValue<String>>,
    pub kind: Option<Word>,
    pub two_way: Flag,
    pub two_way_key: Option<SpannedValue<String>>,
    pub on_delete: Option<Word>,
}

/// `index(key = "by_x", unique | fulltext, columns(a, "b"), orders(asc, desc), lengths(16, none))`.
#[derive(FromMeta)]
pub struct IndexAttr {
    pub key: Option<SpannedValue<String>>,
    pub unique: Flag,
    pub fulltext: Flag,
    pub columns: Option<IndexColumns>,
    pub orders: Option<WordList>,
    pub lengths: Option<Lengths>,
}

/// A number literal, possibly negative: `5`, `-3`, `1.5`.
#[derive(Clone, Debug)]
pub struct Number {
    pub value: NumberValue,
    pub span: Span,
}

/// The value of a [`Number`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberValue {
    Int(i128),
    Float(f64),
}

impl NumberValue {
    pub fn as_f64(self) -> f64 {
        match self {
            #[allow(clippy::cast_precision_loss)]
            NumberValue::Int(i) => i as f64,
            NumberValue::Float(f) => f,
        }
    }
}

fn number_of(lit: &Lit, negative: bool) -> Option<NumberValue> {
    let (sign, fsign) = if negative { (-1, -1.0) } else { (1, 1.0) };
    match lit {
        Lit::Int(i) => i
            .base10_parse::<i128>()
            .ok()
            .map(|v| NumberValue::Int(sign * v)),
        Lit::Float(f) => f
            .base10_parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| NumberValue::Float(fsign * v)),
        _ => None,
    }
}

fn unwrap_group(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(g) => unwrap_group(&g.expr),
        Expr::Paren(p) => unwrap_group(&p.expr),
        other => other,
    }
}

impl FromMeta for Number {
    fn from_expr(expr: &Expr) -> Result<Self> {
        let value = match unwrap_group(expr) {
            Expr::Lit(ExprLit { lit, .. }) => number_of(lit, false),
            Expr::Unary(ExprUnary {
                op: UnOp::Neg(_),
                expr,
                ..
            }) => match unwrap_group(expr) {
                Expr::Lit(ExprLit { lit, .. }) => number_of(lit, true),
                _ => None,
            },
            _ => None,
        };
        value
            .map(|value| Number {
                value,
                span: expr.span(),
            })
            .ok_or_else(|| {
                error_at(
                    expr.span(),
                    "expected a number literal, like `10` or `-2.5`",
                )
            })
    }

    fn from_value(lit: &Lit) -> Result<Self> {
        number_of(lit, false)
            .map(|value| Number {
                value,
                span: lit.span(),
            })
            .ok_or_else(|| error_at(lit.span(), "expected a number literal, like `10` or `-2.5`"))
    }
}

/// A bare word or a string: `kind = many_to_one` or `kind = "many_to_one"`.
#[derive(Clone, Debug)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

fn word_of(expr: &Expr) -> Option<String> {
    match unwrap_group(expr) {
        Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    }
}

impl FromMeta for Word {
    fn from_expr(expr: &Expr) -> Result<Self> {
        word_of(expr)
            .map(|value| Word {
                value,
                span: expr.span(),
            })
            .ok_or_else(|| error_at(expr.span(), "expected a word, like `cascade`"))
    }
}

/// `("a", "b")` or `= ["a", "b"]`: string literals.
#[derive(Clone, Debug)]
pub struct StrList {
    pub items: Vec<(String, Span)>,
    pub span: Span,
}

impl FromMeta for StrList {
    fn from_list(items: &[NestedMeta]) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Lit(Lit::Str(s)) => out.push((s.value(), s.span())),
                other => errors.push(error_at(other.span(), "expected a string literal")),
            }
        }
        let span = items.first().map_or_else(Span::call_site, Spanned::span);
        errors.finish_with(StrList { items: out, span })
    }

    fn from_expr(expr: &Expr) -> Result<Self> {
        match unwrap_group(expr) {
            Expr::Array(array) => {
                let mut errors = Error::accumulator();
                let mut out = Vec::new();
                for e in &array.elems {
                    match unwrap_group(e) {
                        Expr::Lit(ExprLit {
                            lit: Lit::Str(s), ..
                        }) => out.push((s.value(), s.span())),
                        other => errors.push(error_at(other.span(), "expected a string literal")),
                    }
                }
                errors.finish_with(StrList {
                    items: out,
                    span: expr.span(),
                })
            }
            other => Err(error_at(
                other.span(),
                "expected a list of strings: `(\"a\", \"b\")`",
            )),
        }
    }
}

/// `(asc, desc)`: words.
#[derive(Clone, Debug)]
pub struct WordList {
    pub items: Vec<Word>,
    pub span: Span,
}

impl FromMeta for WordList {
    fn from_list(items: &[NestedMeta]) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Meta(syn::Meta::Path(p)) if p.get_ident().is_some() => {
                    out.push(Word {
                        value: p.get_ident().map(ToString::to_string).unwrap_or_default(),
                        span: p.span(),
                    });
                }
                NestedMeta::Lit(Lit::Str(s)) => out.push(Word {
                    value: s.value(),
                    span: s.span(),
                }),
                other => errors.push(error_at(other.span(), "expected `asc` or `desc`")),
            }
        }
        let span = items.first().map_or_else(Span::call_site, Spanned::span);
        errors.finish_with(WordList { items: out, span })
    }
}

/// An indexed column: a field name (`title`) or a column key (`"title"`, `"$createdAt"`).
#[derive(Clone, Debug)]
pub enum IndexColumn {
    Field(syn::Ident),
    Key(String, Span),
}

impl IndexColumn {
    pub fn span(&self) -> Span {
        match self {
            IndexColumn::Field(i) => i.span(),
            IndexColumn::Key(_, s) => *s,
        }
    }
}

/// `columns(title, "count")`.
#[derive(Clone, Debug)]
pub struct IndexColumns {
    pub items: Vec<IndexColumn>,
    pub span: Span,
}

impl FromMeta for IndexColumns {
    fn from_list(items: &[NestedMeta]) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Meta(syn::Meta::Path(p)) => match p.get_ident() {
                    Some(ident) => out.push(IndexColumn::Field(ident.clone())),
                    None => {
                        errors.push(error_at(p.span(), "expected a field name or a column key"))
                    }
                },
                NestedMeta::Lit(Lit::Str(s)) => out.push(IndexColumn::Key(s.value(), s.span())),
                other => errors.push(error_at(
                    other.span(),
                    "expected a field name or a column key",
                )),
            }
        }
        let span = items.first().map_or_else(Span::call_site, Spanned::span);
        errors.finish_with(IndexColumns { items: out, span })
    }
}

/// `lengths(16, none)`.
#[derive(Clone, Debug)]
pub struct Lengths {
    pub items: Vec<(Option<u64>, Span)>,
    pub span: Span,
}

impl FromMeta for Lengths {
    fn from_list(items: &[NestedMeta]) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Lit(Lit::Int(i)) => match i.base10_parse::<u64>() {
                    Ok(v) => out.push((Some(v), i.span())),
                    Err(e) => errors.push(e.into()),
                },
                NestedMeta::Meta(syn::Meta::Path(p)) if p.is_ident("none") => {
                    out.push((None, p.span()))
                }
                other => errors.push(error_at(
                    other.span(),
                    "expected a length, like `16`, or `none`",
                )),
            }
        }
        let span = items.first().map_or_else(Span::call_site, Spanned::span);
        errors.finish_with(Lengths { items: out, span })
    }
}

/// `permissions(read("any"), write("user:u1", team("t1", "owner")))`: each action with its
/// roles, as strings or typed.
#[derive(Clone, Debug)]
pub struct Permissions {
    pub items: Vec<(Word, Vec<RoleSpec>)>,
}

/// One role as written: a string (`"team:t1/owner"`), or typed like the runtime's `Role`
/// constructors (`any`, `users(verified)`, `team("t1", "owner")`).
#[derive(Clone, Debug)]
pub enum RoleSpec {
    Text(String, Span),
    Typed {
        /// `any`, `user`, `team`, …
        name: Word,
        /// The arguments in parentheses (none for a bare word).
        args: Vec<RoleArg>,
        /// The whole role.
        span: Span,
    },
}

/// An argument of a typed role: a string literal (`"u1"`) or a word (`verified`).
#[derive(Clone, Debug)]
pub struct RoleArg {
    pub value: String,
    pub is_word: bool,
    pub span: Span,
}

impl RoleSpec {
    fn from_nested(item: &NestedMeta) -> Result<Self> {
        match item {
            NestedMeta::Lit(Lit::Str(s)) => Ok(RoleSpec::Text(s.value(), s.span())),
            NestedMeta::Meta(syn::Meta::Path(p)) if p.get_ident().is_some() => {
                Ok(RoleSpec::Typed {
                    name: Word {
                        value: p.get_ident().map(ToString::to_string).unwrap_or_default(),
                        span: p.span(),
                    },
                    args: Vec::new(),
                    span: p.span(),
                })
            }
            NestedMeta::Meta(syn::Meta::List(list)) if list.path.get_ident().is_some() => {
                let nested = NestedMeta::parse_meta_list(list.tokens.clone())?;
                let mut errors = Error::accumulator();
                let mut args = Vec::new();
                for arg in &nested {
                    match arg {
                        NestedMeta::Lit(Lit::Str(s)) => args.push(RoleArg {
                            value: s.value(),
                            is_word: false,
                            span: s.span(),
                        }),
                        NestedMeta::Meta(syn::Meta::Path(p)) if p.get_ident().is_some() => args
                            .push(RoleArg {
                                value: p.get_ident().map(ToString::to_string).unwrap_or_default(),
                                is_word: true,
                                span: p.span(),
                            }),
                        other => errors.push(error_at(
                            other.span(),
                            "expected a string literal like `\"u1\"` or a word like `verified`",
                        )),
                    }
                }
                errors.finish_with(RoleSpec::Typed {
                    name: Word {
                        value: list
                            .path
                            .get_ident()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        span: list.path.span(),
                    },
                    args,
                    span: list.span(),
                })
            }
            other => Err(error_at(
                other.span(),
                "expected a role: a string like `\"user:u1\"`, or typed like `any`, `users`, \
                 `user(\"u1\")` or `team(\"t1\", \"owner\")`",
            )),
        }
    }
}

impl FromMeta for Permissions {
    fn from_list(items: &[NestedMeta]) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut out = Vec::new();
        for item in items {
            match item {
                NestedMeta::Meta(syn::Meta::List(list)) => {
                    let action = Word {
                        value: list.path.get_ident().map(ToString::to_string).unwrap_or_default(),
                        span: list.path.span(),
                    };
                    let Some(nested) = errors.handle(
                        NestedMeta::parse_meta_list(list.tokens.clone()).map_err(Error::from),
                    ) else {
                        continue;
                    };
                    let roles: Vec<RoleSpec> = nested
                        .iter()
                        .filter_map(|role| errors.handle(RoleSpec::from_nested(role)))
                        .collect();
                    // An action with a malformed role is reported once, not also as empty.
                    if roles.len() == nested.len() {
                        out.push((action, roles));
                    }
                }
                other => errors.push(error_at(
                    other.span(),
                    "expected a permission like `read(\"any\")`, `read(any)` or `write(user(\"u1\"), team(\"t1\"))`",
                )),
            }
        }
        errors.finish_with(Permissions { items: out })
    }
}
