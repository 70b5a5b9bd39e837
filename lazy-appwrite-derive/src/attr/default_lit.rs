//! `default = …` as written: text, a number, a boolean, or a geometry's nested lists of
//! coordinates.

use darling::{FromMeta, Result};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, Lit};

use super::{Error, Number, error_at, unwrap_group};

/// A column default as written: text, a number, a boolean or a geometry.
#[derive(Clone, Debug)]
pub enum DefaultLit {
    Str(String, Span),
    Number(Number),
    Bool(bool, Span),
    /// A list of numbers or of lists (`[2.35, 48.85]`, `[[0, 0], [1, 1]]`).
    Geometry(GeometryLit),
}

impl DefaultLit {
    pub fn span(&self) -> Span {
        match self {
            DefaultLit::Str(_, s) | DefaultLit::Bool(_, s) => *s,
            DefaultLit::Number(n) => n.span,
            DefaultLit::Geometry(g) => g.span(),
        }
    }
}

/// A geometry as written: a coordinate, or a list of geometries (its shape is checked
/// by `crate::model`).
#[derive(Clone, Debug)]
pub enum GeometryLit {
    Coordinate(f64, Span),
    List(Vec<GeometryLit>, Span),
}

impl GeometryLit {
    pub fn span(&self) -> Span {
        match self {
            GeometryLit::Coordinate(_, s) | GeometryLit::List(_, s) => *s,
        }
    }

    fn from_expr(expr: &Expr) -> Result<Self> {
        match unwrap_group(expr) {
            Expr::Array(array) => {
                let mut errors = Error::accumulator();
                let items = array
                    .elems
                    .iter()
                    .filter_map(|e| errors.handle(GeometryLit::from_expr(e)))
                    .collect();
                errors.finish_with(GeometryLit::List(items, expr.span()))
            }
            Expr::Lit(_) | Expr::Unary(_) => {
                Number::from_expr(expr).map(|n| GeometryLit::Coordinate(n.value.as_f64(), n.span))
            }
            other => Err(error_at(
                other.span(),
                "a geometry is made of number literals: `[2.35, 48.85]`",
            )),
        }
    }
}

impl FromMeta for DefaultLit {
    fn from_expr(expr: &Expr) -> Result<Self> {
        match unwrap_group(expr) {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(DefaultLit::Str(s.value(), s.span())),
            Expr::Lit(ExprLit {
                lit: Lit::Bool(b), ..
            }) => Ok(DefaultLit::Bool(b.value, b.span())),
            Expr::Lit(_) | Expr::Unary(_) => Number::from_expr(expr).map(DefaultLit::Number),
            Expr::Array(_) => GeometryLit::from_expr(expr).map(DefaultLit::Geometry),
            other => Err(error_at(
                other.span(),
                "a default is a literal: text (`\"x\"`), a number (`3`, `-1.5`), a boolean, \
                 or a geometry (`[2.35, 48.85]`)",
            )),
        }
    }
}
