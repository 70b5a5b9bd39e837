//! One field's `#[column(...)]` turned into a [`ColumnModel`], every problem reported.

use darling::error::Accumulator;
use darling::util::{Override, SpannedValue};
use proc_macro2::Span;
use syn::spanned::Spanned;

use lazy_appwrite_core::kinds::{KindInfo, Shape};

use super::{
    ColumnModel, ExplicitKind, Kind, KindOptions, Related, RelationshipModel, Required, description,
};
use crate::attr::{ColumnAttr, EnumAttr, Number, NumberValue, RangeAttr, SizedAttr, error_at};
use crate::rules::{closest, key_problem};
use crate::serde_attr;

/// The largest size of sized kind `name`, from the kind table.
fn size_limit(name: &str) -> u64 {
    KindInfo::by_name(name).and_then(|k| k.chars).unwrap_or(0)
}

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
        .and_then(|d| super::default::default(d, &kind, errors));

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
    if let (Kind::Explicit(k, _), Some(r)) = (&kind, &attr.required)
        && k.relationship().is_some()
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
        description: description::resolve(attr.description.as_ref(), &attr.attrs, errors),
        span,
    })
}

/// The one kind the attribute names (or `Inferred`); a second kind is an error.
fn kind(attr: &ColumnAttr, errors: &mut Accumulator) -> Kind {
    let mut found: Vec<(ExplicitKind, Span)> = Vec::new();
    let encrypt = attr.encrypt.is_present();
    if let Some(named) = &attr.kind {
        if let Some(kind) = named_kind(named, attr, errors) {
            found.push((kind, named.span()));
        }
    } else if let Some(size) = &attr.size
        && let Some(size) = size_of(
            Some(size),
            size_limit("string"),
            "string",
            size.span,
            errors,
        )
    {
        found.push((
            ExplicitKind::new("string", KindOptions::Sized { size, encrypt }),
            size_span(attr),
        ));
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
    for (v, name) in [(&attr.string, "string"), (&attr.varchar, "varchar")] {
        if let Some(v) = v
            && let Some((size, encrypt)) = sized(v, size_limit(name), name, errors)
        {
            found.push((
                ExplicitKind::new(name, KindOptions::Sized { size, encrypt }),
                v.span(),
            ));
        }
    }
    let flags = [
        (&attr.text, "text"),
        (&attr.mediumtext, "mediumtext"),
        (&attr.longtext, "longtext"),
        (&attr.boolean, "boolean"),
        (&attr.datetime, "datetime"),
        (&attr.email, "email"),
        (&attr.url, "url"),
        (&attr.ip, "ip"),
        (&attr.point, "point"),
        (&attr.line, "line"),
        (&attr.polygon, "polygon"),
    ];
    for (flag, name) in flags {
        if flag.is_present() {
            let options = match KindInfo::by_name(name).map(|k| k.shape) {
                Some(Shape::Text) => KindOptions::Text { encrypt },
                _ => KindOptions::Plain,
            };
            found.push((ExplicitKind::new(name, options), flag.span()));
        }
    }
    for (v, name) in [(&attr.integer, "integer"), (&attr.bigint, "bigint")] {
        if let Some(v) = v {
            let (min, max) = int_range(v, name, errors);
            found.push((
                ExplicitKind::new(name, KindOptions::Int { min, max }),
                v.span(),
            ));
        }
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
        found.push((
            ExplicitKind::new("float", KindOptions::Float { min, max }),
            v.span(),
        ));
    }
    if let Some(v) = &attr.enumeration {
        let elements = match &**v {
            Override::Explicit(EnumAttr {
                elements: Some(list),
            }) => Some(enum_elements(list, errors)),
            Override::Explicit(EnumAttr { elements: None }) | Override::Inherit => None,
        };
        found.push((
            ExplicitKind::new("enum", KindOptions::Elements(elements)),
            v.span(),
        ));
    }
    if let Some(v) = &attr.relationship
        && let Some(rel) = relationship(v, errors)
    {
        found.push((
            ExplicitKind::new("relationship", KindOptions::Link(rel)),
            v.span(),
        ));
    }

    if encrypt
        && !found.iter().any(|(k, _)| {
            matches!(
                k.options,
                KindOptions::Sized { .. } | KindOptions::Text { .. }
            )
        })
    {
        errors.push(error_at(
            attr.encrypt.span(),
            "`encrypt` applies to string, varchar and text columns",
        ));
    }
    for (kind, span) in &found {
        if let KindOptions::Sized {
            size,
            encrypt: true,
        } = kind.options
            && size < 150
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

/// The bounds of integer kind `name` (`integer(min = A, max = B)`), each a 64-bit
/// integer and `min` not above `max`.
fn int_range(
    v: &SpannedValue<Override<RangeAttr>>,
    name: &str,
    errors: &mut Accumulator,
) -> (Option<i64>, Option<i64>) {
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
                errors.push(error_at(
                    n.span,
                    format!("{name} columns take integer bounds"),
                ));
                None
            }
        })
    };
    let min_span = min.as_ref().map(|n| n.span);
    let (min, max) = (int(min, errors), int(max, errors));
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        errors.push(error_at(
            min_span.unwrap_or(v.span()),
            format!("`min` ({a}) is greater than `max` ({b})"),
        ));
    }
    (min, max)
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

/// `kind = "name"`: any kind of the kind table by name, with the options the attribute
/// gives it (`size = N` for sized kinds, `encrypt` for text kinds; numeric kinds without a
/// range; enums and relationships have their own attributes).
fn named_kind(
    named: &SpannedValue<String>,
    attr: &ColumnAttr,
    errors: &mut Accumulator,
) -> Option<ExplicitKind> {
    let Some(info) = KindInfo::by_name(named) else {
        let names: Vec<&str> = lazy_appwrite_core::kinds::KINDS
            .iter()
            .map(|k| k.name)
            .collect();
        let hint = closest(named, &names)
            .map(|c| format!(": did you mean `{c}`?"))
            .unwrap_or_default();
        errors.push(error_at(
            named.span(),
            format!(
                "unknown column kind `{}`{hint} (one of {})",
                **named,
                names.join(", ")
            ),
        ));
        return None;
    };
    let encrypt = attr.encrypt.is_present();
    let options = match info.shape {
        Shape::Sized => {
            let size = size_of(
                attr.size.as_ref(),
                info.chars.unwrap_or(0),
                info.name,
                named.span(),
                errors,
            )?;
            KindOptions::Sized { size, encrypt }
        }
        Shape::Text => KindOptions::Text { encrypt },
        Shape::Int => KindOptions::Int {
            min: None,
            max: None,
        },
        Shape::Float => KindOptions::Float {
            min: None,
            max: None,
        },
        Shape::Elements | Shape::Link => {
            errors.push(error_at(
                named.span(),
                format!("`{0}` columns are declared with `{0}(…)`", info.name),
            ));
            return None;
        }
        Shape::Flag | Shape::Time | Shape::Formatted | Shape::Spatial => KindOptions::Plain,
    };
    Some(ExplicitKind { info, options })
}
