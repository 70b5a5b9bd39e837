//! A column's `default = …` turned into its value, checked against the kind the
//! attribute names (a kind from the field's type is checked by rustc).

use darling::error::Accumulator;

use lazy_appwrite_core::{declare, rules};

use super::{DefaultModel, DefaultValue, Kind, KindOptions};
use crate::attr::{DefaultLit, GeometryLit, NumberValue, error_at};

/// The default, checked against an explicit kind (inferred kinds are checked by rustc).
pub(super) fn default(
    lit: &DefaultLit,
    kind: &Kind,
    errors: &mut Accumulator,
) -> Option<DefaultModel> {
    let span = lit.span();
    let value = match lit {
        DefaultLit::Str(s, _) => DefaultValue::Str(s.clone()),
        DefaultLit::Bool(b, _) => DefaultValue::Bool(*b),
        DefaultLit::Number(n) => match n.value {
            NumberValue::Int(i) => match i64::try_from(i) {
                Ok(i) => DefaultValue::Int(i),
                Err(_) => {
                    errors.push(error_at(span, "out of range for a 64-bit integer"));
                    return None;
                }
            },
            NumberValue::Float(f) => DefaultValue::Float(f),
        },
        DefaultLit::Geometry(g) => geometry(g, errors)?,
    };
    let Kind::Explicit(kind, _) = kind else {
        return Some(DefaultModel { value, span });
    };
    let problem = match (&kind.options, &value) {
        (KindOptions::Elements(Some(elements)), DefaultValue::Str(s)) => {
            let elements: Vec<&str> = elements.iter().map(String::as_str).collect();
            rules::check_enum(s, &elements)
                .err()
                .map(|v| declare::default_violation(&v))
        }
        (KindOptions::Elements(_), DefaultValue::Str(_)) => None,
        (KindOptions::Elements(_), _) => Some(declare::TEXT_DEFAULT.to_owned()),
        (KindOptions::Link(_), _) => Some(declare::RELATIONSHIP_DEFAULT.to_owned()),
        _ => kind
            .column_type()
            .and_then(|kind| declare::default_error(&kind, &value.to_json())),
    };
    match problem {
        Some(problem) => {
            errors.push(error_at(span, problem));
            None
        }
        None => Some(DefaultModel { value, span }),
    }
}

/// A geometry default by its depth: a point `[lon, lat]`, a line `[[lon, lat], …]` or a
/// polygon `[[[lon, lat], …], …]`; each point two coordinates. (Ranges, lengths and closed
/// rings are the kind's value rules, checked with the kind.)
fn geometry(lit: &GeometryLit, errors: &mut Accumulator) -> Option<DefaultValue> {
    fn depth(lit: &GeometryLit) -> usize {
        match lit {
            GeometryLit::Coordinate(..) => 0,
            GeometryLit::List(items, _) => 1 + items.first().map_or(0, depth),
        }
    }
    fn point(lit: &GeometryLit, errors: &mut Accumulator) -> Option<[f64; 2]> {
        if let GeometryLit::List(items, _) = lit
            && let [
                GeometryLit::Coordinate(lon, _),
                GeometryLit::Coordinate(lat, _),
            ] = items.as_slice()
        {
            return Some([*lon, *lat]);
        }
        errors.push(error_at(
            lit.span(),
            "a point is two numbers: `[longitude, latitude]`",
        ));
        None
    }
    /// Each item of a list by `each`, every bad one reported.
    fn each<T>(
        lit: &GeometryLit,
        errors: &mut Accumulator,
        each: fn(&GeometryLit, &mut Accumulator) -> Option<T>,
    ) -> Option<Vec<T>> {
        let GeometryLit::List(items, _) = lit else {
            errors.push(error_at(lit.span(), "expected a list"));
            return None;
        };
        let out: Vec<Option<T>> = items.iter().map(|item| each(item, errors)).collect();
        out.into_iter().collect()
    }
    fn line(lit: &GeometryLit, errors: &mut Accumulator) -> Option<Vec<[f64; 2]>> {
        each(lit, errors, point)
    }
    match depth(lit) {
        1 => point(lit, errors).map(DefaultValue::Point),
        2 => line(lit, errors).map(DefaultValue::Line),
        3 => each(lit, errors, line).map(DefaultValue::Polygon),
        _ => {
            errors.push(error_at(
                lit.span(),
                "a geometry default is a point `[longitude, latitude]`, a line \
                 `[[longitude, latitude], …]` or a polygon `[[[longitude, latitude], …], …]`",
            ));
            None
        }
    }
}
