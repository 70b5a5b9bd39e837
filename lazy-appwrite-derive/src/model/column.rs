//! One field's `#[column(...)]` turned into a [`ColumnModel`], every problem reported.

use darling::error::Accumulator;
use darling::util::{Override, SpannedValue};
use proc_macro2::Span;
use syn::spanned::Spanned;

use super::{
    ColumnModel, DefaultModel, DefaultValue, ExplicitKind, Kind, Related, RelationshipModel,
    Required,
};
use crate::attr::{
    ColumnAttr, DefaultLit, EnumAttr, Number, NumberValue, RangeAttr, SizedAttr, error_at,
};
use crate::rules::{closest, key_problem};
use crate::serde_attr;

const STRING_MAX: u64 = 1_073_741_824;
const VARCHAR_MAX: u64 = 16_381;

/// The column for a field, or `None` when the field is skipped (or broken beyond use).
pub fn build(
    attr: &ColumnAttr,
    rename_all: Option<&str>,
    errors: &mut Accumulator,
) -> Option<ColumnModel> {
    let ident = attr.ident.clone()?;
    let serde = serde_attr::read(&attr.attrs);
    if attr.skip.is_present() || serde.skip {
        return None;
    }
    let span = ident.span();
    let field_name = ident.to_string();
    let field_name = field_name
        .strip_prefix("r#")
        .unwrap_or(&field_name)
        .to_owned();

    let serde_key = serde
        .rename
        .clone()
        .or_else(|| rename_all.and_then(|r| serde_attr::rename_field(&field_name, r)));
    let key = match (&attr.key, &serde_key) {
        (Some(key), Some(serde_key)) if **key != *serde_key => {
            errors.push(error_at(
                key.span(),
                format!("the column key `{}` differs from the key serde writes, `{serde_key}`: use one of them", **key),
            ));
            (**key).clone()
        }
        (Some(key), _) => (**key).clone(),
        (None, Some(serde_key)) => serde_key.clone(),
        (None, None) => field_name,
    };
    let key_span = attr.key.as_ref().map_or(span, SpannedValue::span);
    if key.starts_with('$') {
        errors.push(error_at(
            key_span,
            format!("`{key}` is a system field, not a column: mark the field `#[column(skip)]`"),
        ));
    } else if let Some(problem) = key_problem(&key) {
        errors.push(error_at(
            key_span,
            format!("the column key `{key}` {problem}"),
        ));
    }

    let kind = kind(attr, errors);
    let default = attr
        .default
        .as_ref()
        .and_then(|d| default(d, &kind, errors));

    let required = match (&attr.required, &default) {
        (Some(r), Some(d)) if **r => {
            errors.push(error_at(
                d.span,
                "a required column cannot have a default: remove `required` or `default`",
            ));
            Required::Fixed(true)
        }
        (Some(r), _) => Required::Fixed(**r),
        (None, Some(_)) => Required::Fixed(false),
        (None, None) => Required::FromType,
    };
    if let (Kind::Explicit(ExplicitKind::Relationship(_), _), Some(r)) = (&kind, &attr.required)
        && **r
    {
        errors.push(error_at(
            r.span(),
            "relationship columns cannot be required",
        ));
    }

    Some(ColumnModel {
        ident,
        ty: attr.ty.clone(),
        key,
        kind,
        required,
        default,
        searchable: false,
        indexed: false,
        fulltext_inferred: false,
        span,
    })
}

/// The one kind the attribute names (or `Inferred`); a second kind is an error.
fn kind(attr: &ColumnAttr, errors: &mut Accumulator) -> Kind {
    let mut found: Vec<(ExplicitKind, Span)> = Vec::new();
    let encrypt = attr.encrypt.is_present();
    if let Some(size) = &attr.size
        && let Some(size) = size_of(Some(size), STRING_MAX, "string", size.span, errors)
    {
        found.push((ExplicitKind::String { size, encrypt }, size_span(attr)));
    }
    let sized =
        |v: &SpannedValue<Override<SizedAttr>>, max: u64, name: &str, errors: &mut Accumulator| {
            let opts = match &**v {
                Override::Explicit(o) => Some(o),
                Override::Inherit => None,
            };
            let size = size_of(
                opts.and_then(|o| o.size.as_ref()),
                max,
                name,
                v.span(),
                errors,
            );
            let enc = encrypt || opts.is_some_and(|o| o.encrypt.is_present());
            size.map(|s| (s, enc))
        };
    if let Some(v) = &attr.string
        && let Some((size, encrypt)) = sized(v, STRING_MAX, "string", errors)
    {
        found.push((ExplicitKind::String { size, encrypt }, v.span()));
    }
    if let Some(v) = &attr.varchar
        && let Some((size, encrypt)) = sized(v, VARCHAR_MAX, "varchar", errors)
    {
        found.push((ExplicitKind::Varchar { size, encrypt }, v.span()));
    }
    let flags = [
        (&attr.text, ExplicitKind::Text { encrypt }),
        (&attr.mediumtext, ExplicitKind::MediumText { encrypt }),
        (&attr.longtext, ExplicitKind::LongText { encrypt }),
        (&attr.boolean, ExplicitKind::Boolean),
        (&attr.datetime, ExplicitKind::Datetime),
        (&attr.email, ExplicitKind::Email),
        (&attr.url, ExplicitKind::Url),
        (&attr.ip, ExplicitKind::Ip),
        (&attr.point, ExplicitKind::Point),
        (&attr.line, ExplicitKind::Line),
        (&attr.polygon, ExplicitKind::Polygon),
    ];
    for (flag, kind) in flags {
        if flag.is_present() {
            found.push((kind, flag.span()));
        }
    }
    if let Some(v) = &attr.integer {
        let (min, max) = range(v, errors);
        let int = |n: Option<Number>, errors: &mut Accumulator| {
            n.and_then(|n| match n.value {
                NumberValue::Int(i) => match i64::try_from(i) {
                    Ok(i) => Some(i),
                    Err(_) => {
                        errors.push(error_at(n.span, "out of range for a 64-bit integer"));
                        None
                    }
                },
                NumberValue::Float(_) => {
                    errors.push(error_at(n.span, "integer columns take integer bounds"));
                    None
                }
            })
        };
        let (min_span, max_span) = (min.as_ref().map(|n| n.span), max.as_ref().map(|n| n.span));
        let (min, max) = (int(min, errors), int(max, errors));
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            errors.push(error_at(
                min_span.unwrap_or(v.span()),
                format!("`min` ({a}) is greater than `max` ({b})"),
            ));
        }
        let _ = max_span;
        found.push((ExplicitKind::Integer { min, max }, v.span()));
    }
    if let Some(v) = &attr.float {
        let (min, max) = range(v, errors);
        let min_span = min.as_ref().map(|n| n.span);
        let (min, max) = (min.map(|n| n.value.as_f64()), max.map(|n| n.value.as_f64()));
        if let (Some(a), Some(b)) = (min, max)
            && a > b
        {
            errors.push(error_at(
                min_span.unwrap_or(v.span()),
                format!("`min` ({a}) is greater than `max` ({b})"),
            ));
        }
        found.push((ExplicitKind::Float { min, max }, v.span()));
    }
    if let Some(v) = &attr.enumeration {
        let elements = match &**v {
            Override::Explicit(EnumAttr {
                elements: Some(list),
            }) => Some(enum_elements(list, errors)),
            Override::Explicit(EnumAttr { elements: None }) | Override::Inherit => None,
        };
        found.push((ExplicitKind::Enum { elements }, v.span()));
    }
    if let Some(v) = &attr.relationship
        && let Some(rel) = relationship(v, errors)
    {
        found.push((ExplicitKind::Relationship(rel), v.span()));
    }

    if encrypt
        && !found.iter().any(|(k, _)| {
            matches!(
                k,
                ExplicitKind::String { .. }
                    | ExplicitKind::Varchar { .. }
                    | ExplicitKind::Text { .. }
                    | ExplicitKind::MediumText { .. }
                    | ExplicitKind::LongText { .. }
            )
        })
    {
        errors.push(error_at(
            attr.encrypt.span(),
            "`encrypt` applies to string, varchar and text columns",
        ));
    }
    for (kind, span) in &found {
        if let ExplicitKind::String {
            size,
            encrypt: true,
        }
        | ExplicitKind::Varchar {
            size,
            encrypt: true,
        } = kind
            && *size < 150
        {
            errors.push(error_at(
                *span,
                format!("encrypted columns need a size of at least 150, not {size}"),
            ));
        }
    }

    let mut kinds = found.into_iter();
    let Some((first, span)) = kinds.next() else {
        return Kind::Inferred;
    };
    for (other, other_span) in kinds {
        errors.push(error_at(
            other_span,
            format!(
                "a column has one kind: `{}` and `{}` are both given",
                first.name(),
                other.name()
            ),
        ));
    }
    Kind::Explicit(first, span)
}

fn size_span(attr: &ColumnAttr) -> Span {
    attr.size.as_ref().map_or_else(Span::call_site, |s| s.span)
}

fn size_of(
    size: Option<&Number>,
    max: u64,
    name: &str,
    span: Span,
    errors: &mut Accumulator,
) -> Option<u64> {
    let Some(size) = size else {
        errors.push(error_at(
            span,
            format!("{name} columns need a size in characters: `{name}(size = 255)`"),
        ));
        return None;
    };
    match size.value {
        NumberValue::Int(n) if n >= 1 && n <= i128::from(max) => u64::try_from(n).ok(),
        NumberValue::Int(n) => {
            errors.push(error_at(
                size.span,
                format!("the size of a {name} column is 1 to {max}, not {n}"),
            ));
            None
        }
        NumberValue::Float(_) => {
            errors.push(error_at(
                size.span,
                "a size is a whole number of characters",
            ));
            None
        }
    }
}

fn range(
    v: &SpannedValue<Override<RangeAttr>>,
    _errors: &mut Accumulator,
) -> (Option<Number>, Option<Number>) {
    match &**v {
        Override::Explicit(r) => (r.min.clone(), r.max.clone()),
        Override::Inherit => (None, None),
    }
}

fn enum_elements(list: &crate::attr::StrList, errors: &mut Accumulator) -> Vec<String> {
    if list.items.is_empty() {
        errors.push(error_at(list.span, "an enum needs at least one element"));
    }
    if list.items.len() > 100 {
        errors.push(error_at(
            list.span,
            format!("an enum has at most 100 elements, not {}", list.items.len()),
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (element, span) in &list.items {
        let len = element.chars().count();
        if len == 0 || len > 255 {
            errors.push(error_at(*span, "an enum element has 1 to 255 characters"));
        }
        if seen.contains(&element.as_str()) {
            errors.push(error_at(
                *span,
                format!("the element `{element}` is listed twice"),
            ));
        }
        seen.push(element);
    }
    list.items.iter().map(|(e, _)| e.clone()).collect()
}

const RELATIONS: &[(&str, &str)] = &[
    ("one_to_one", "OneToOne"),
    ("many_to_one", "ManyToOne"),
    ("one_to_many", "OneToMany"),
    ("many_to_many", "ManyToMany"),
];
const ON_DELETE: &[(&str, &str)] = &[
    ("restrict", "Restrict"),
    ("cascade", "Cascade"),
    ("set_null", "SetNull"),
];

fn pick(
    word: &crate::attr::Word,
    table: &[(&str, &'static str)],
    what: &str,
    errors: &mut Accumulator,
) -> Option<&'static str> {
    if let Some((_, v)) = table.iter().find(|(k, _)| *k == word.value) {
        return Some(v);
    }
    let names: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
    let hint = closest(&word.value, &names)
        .map(|c| format!(": did you mean `{c}`?"))
        .unwrap_or_default();
    errors.push(error_at(
        word.span,
        format!(
            "unknown {what} `{}`{hint} (one of {})",
            word.value,
            names.join(", ")
        ),
    ));
    None
}

fn relationship(
    v: &SpannedValue<crate::attr::RelationshipAttr>,
    errors: &mut Accumulator,
) -> Option<RelationshipModel> {
    let related = match (&v.related, &v.related_id) {
        (Some(path), None) => Some(Related::Model(path.clone())),
        (None, Some(id)) => {
            if let Some(problem) = key_problem(id) {
                errors.push(error_at(
                    id.span(),
                    format!("the table ID `{}` {problem}", **id),
                ));
            }
            Some(Related::Id((**id).clone()))
        }
        (Some(path), Some(_)) => {
            errors.push(error_at(
                path.span(),
                "give `related` (a model) or `related_id` (a table ID), not both",
            ));
            None
        }
        (None, None) => Some(Related::FromField),
    };
    let relation = match &v.kind {
        Some(word) => pick(word, RELATIONS, "relationship kind", errors),
        None => {
            errors.push(error_at(
                v.span(),
                "a relationship needs a kind: `kind = one_to_one`, `many_to_one`, `one_to_many` or `many_to_many`",
            ));
            None
        }
    };
    let on_delete = match &v.on_delete {
        Some(word) => pick(word, ON_DELETE, "on_delete action", errors),
        None => Some("Restrict"),
    };
    if let Some(key) = &v.two_way_key
        && let Some(problem) = key_problem(key)
    {
        errors.push(error_at(
            key.span(),
            format!("the column key `{}` {problem}", **key),
        ));
    }
    Some(RelationshipModel {
        related: related?,
        relation: relation?,
        two_way: v.two_way.is_present() || v.two_way_key.is_some(),
        two_way_key: v.two_way_key.as_ref().map(|k| (**k).clone()),
        on_delete: on_delete?,
    })
}

/// The default, checked against an explicit kind (inferred kinds are checked by rustc).
fn default(lit: &DefaultLit, kind: &Kind, errors: &mut Accumulator) -> Option<DefaultModel> {
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
    };
    let Kind::Explicit(kind, _) = kind else {
        return Some(DefaultModel { value, span });
    };
    let problem = match (kind, &value) {
        (ExplicitKind::Relationship(_), _) => Some("relationship columns cannot have a default".to_owned()),
        (ExplicitKind::Point | ExplicitKind::Line | ExplicitKind::Polygon, _) => {
            Some("point, line and polygon defaults are not supported by #[derive(Table)]".to_owned())
        }
        (ExplicitKind::Integer { min, max }, DefaultValue::Int(v)) => range_problem(*v as f64, min.map(|m| m as f64), max.map(|m| m as f64)),
        (ExplicitKind::Integer { .. }, _) => Some("the default of an integer column must be an integer".to_owned()),
        (ExplicitKind::Float { min, max }, DefaultValue::Int(v)) => range_problem(*v as f64, *min, *max),
        (ExplicitKind::Float { min, max }, DefaultValue::Float(v)) => range_problem(*v, *min, *max),
        (ExplicitKind::Float { .. }, _) => Some("the default of a float column must be a number".to_owned()),
        (ExplicitKind::Boolean, DefaultValue::Bool(_)) => None,
        (ExplicitKind::Boolean, _) => Some("the default of a boolean column must be `true` or `false`".to_owned()),
        (ExplicitKind::Enum { elements: Some(elements) }, DefaultValue::Str(s)) => (!elements.contains(s))
            .then(|| format!("the default `{s}` is not one of the enum's elements ({})", elements.join(", "))),
        (ExplicitKind::Datetime, DefaultValue::Str(s)) => (!looks_like_datetime(s))
            .then(|| format!("the default `{s}` is not a datetime like `2024-01-31` or `2024-01-31T12:00:00+00:00`")),
        (ExplicitKind::Email, DefaultValue::Str(s)) => {
            (!(s.contains('@') && !s.starts_with('@') && !s.ends_with('@'))).then(|| format!("the default `{s}` is not an email address"))
        }
        (ExplicitKind::Url, DefaultValue::Str(s)) => (!s.contains("://")).then(|| format!("the default `{s}` is not an absolute URL")),
        (ExplicitKind::Ip, DefaultValue::Str(s)) => {
            s.parse::<std::net::IpAddr>().is_err().then(|| format!("the default `{s}` is not an IP address"))
        }
        (k, DefaultValue::Str(s)) => match k.max_chars() {
            Some(max) if s.chars().count() as u64 > max => Some(format!(
                "the default is {} characters long; the column's size is {max}",
                s.chars().count()
            )),
            _ => None,
        },
        (k, _) => Some(format!("the default of a {} column must be a string literal", k.name())),
    };
    match problem {
        Some(problem) => {
            errors.push(error_at(span, problem));
            None
        }
        None => Some(DefaultModel { value, span }),
    }
}

#[allow(clippy::cast_precision_loss)]
fn range_problem(v: f64, min: Option<f64>, max: Option<f64>) -> Option<String> {
    if let Some(min) = min.filter(|m| v < *m) {
        return Some(format!(
            "the default {v} is less than the column's minimum {min}"
        ));
    }
    max.filter(|m| v > *m)
        .map(|max| format!("the default {v} is more than the column's maximum {max}"))
}

/// `YYYY-MM-DD` optionally followed by a time: the shape Appwrite's datetime defaults take.
fn looks_like_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    let month = s
        .get(5..7)
        .and_then(|m| m.parse::<u8>().ok())
        .is_some_and(|m| (1..=12).contains(&m));
    let day = s
        .get(8..10)
        .and_then(|d| d.parse::<u8>().ok())
        .is_some_and(|d| (1..=31).contains(&d));
    date && month && day && (b.len() == 10 || matches!(b.get(10), Some(b'T' | b' ')))
}
