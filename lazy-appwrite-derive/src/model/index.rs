//! `index(...)` entries turned into [`IndexModel`]s, checked against the columns.

use darling::error::Accumulator;
use darling::util::SpannedValue;

use super::{ColumnModel, IndexModel, Kind};
use crate::attr::{IndexAttr, IndexColumn, error_at};
use crate::rules::{closest, key_problem};

const SYSTEM_COLUMNS: &[&str] = &["$id", "$createdAt", "$updatedAt"];

/// Builds the indexes and marks the columns they cover.
pub fn build(
    attrs: &[SpannedValue<IndexAttr>],
    columns: &mut [ColumnModel],
    errors: &mut Accumulator,
) -> Vec<IndexModel> {
    let mut out: Vec<IndexModel> = Vec::new();
    for attr in attrs {
        let Some(key) = &attr.key else {
            errors.push(error_at(
                attr.span(),
                "an index needs a key: `index(key = \"by_name\", columns(name))`",
            ));
            continue;
        };
        if let Some(problem) = key_problem(key) {
            errors.push(error_at(
                key.span(),
                format!("the index key `{}` {problem}", **key),
            ));
        } else if key.eq_ignore_ascii_case("primary") {
            errors.push(error_at(key.span(), "the index key `primary` is reserved"));
        }
        if out.iter().any(|i| i.key.eq_ignore_ascii_case(key)) {
            errors.push(error_at(
                key.span(),
                format!("two indexes have the key `{}`", **key),
            ));
        }
        let kind = match (attr.unique.is_present(), attr.fulltext.is_present()) {
            (true, true) => {
                errors.push(error_at(
                    attr.fulltext.span(),
                    "an index is `unique` or `fulltext`, not both",
                ));
                "Unique"
            }
            (true, false) => "Unique",
            (false, true) => "Fulltext",
            (false, false) => "Key",
        };
        let Some(list) = &attr.columns else {
            errors.push(error_at(
                attr.span(),
                "an index needs columns: `columns(name, age)`",
            ));
            continue;
        };
        if list.items.is_empty() {
            errors.push(error_at(list.span, "an index needs at least one column"));
        }
        let mut keys: Vec<String> = Vec::new();
        let mut positions: Vec<Option<usize>> = Vec::new();
        for item in &list.items {
            let found = match item {
                IndexColumn::Field(ident) => columns.iter().position(|c| c.ident == *ident),
                IndexColumn::Key(k, _) => columns.iter().position(|c| c.key == *k),
            };
            let name = match item {
                IndexColumn::Field(ident) => ident.to_string(),
                IndexColumn::Key(k, _) => k.clone(),
            };
            let key = match (found, item) {
                (Some(i), _) => columns[i].key.clone(),
                (None, IndexColumn::Key(k, _)) if SYSTEM_COLUMNS.contains(&k.as_str()) => k.clone(),
                (None, _) => {
                    let names: Vec<&str> = columns
                        .iter()
                        .map(|c| {
                            if matches!(item, IndexColumn::Field(_)) {
                                ""
                            } else {
                                c.key.as_str()
                            }
                        })
                        .collect();
                    let fields: Vec<String> = columns.iter().map(|c| c.ident.to_string()).collect();
                    let field_refs: Vec<&str> = fields.iter().map(String::as_str).collect();
                    let candidates = if matches!(item, IndexColumn::Field(_)) {
                        field_refs
                    } else {
                        names
                    };
                    let hint = closest(&name, &candidates)
                        .map(|c| format!(": did you mean `{c}`?"))
                        .unwrap_or_default();
                    errors.push(error_at(
                        item.span(),
                        format!(
                            "the index `{}` covers `{name}`, which is not a column{hint}",
                            **key
                        ),
                    ));
                    continue;
                }
            };
            if keys.contains(&key) {
                errors.push(error_at(
                    item.span(),
                    format!("the index covers `{key}` twice"),
                ));
            }
            keys.push(key);
            positions.push(found);
            if let Some(i) = found {
                let column = &columns[i];
                match &column.kind {
                    Kind::Explicit(k, _) if k.relationship().is_some() => {
                        errors.push(error_at(
                            item.span(),
                            format!("relationship columns cannot be indexed: `{}`", column.key),
                        ));
                    }
                    Kind::Explicit(k, _) if kind == "Fulltext" && !k.is_textual() => {
                        errors.push(error_at(
                            item.span(),
                            format!(
                                "a fulltext index covers string, varchar and text columns only; `{}` is {} {} column",
                                column.key,
                                if k.name().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                                k.name()
                            ),
                        ));
                    }
                    _ => {}
                }
            } else if kind == "Fulltext" {
                errors.push(error_at(
                    item.span(),
                    "a fulltext index covers string, varchar and text columns only",
                ));
            }
        }
        let n = list.items.len();
        let orders = match &attr.orders {
            None => Vec::new(),
            Some(orders) => {
                if orders.items.len() != n {
                    errors.push(error_at(
                        orders.span,
                        format!(
                            "{} orders for {n} columns: give one order per column",
                            orders.items.len()
                        ),
                    ));
                }
                orders
                    .items
                    .iter()
                    .filter_map(|w| match w.value.to_ascii_lowercase().as_str() {
                        "asc" => Some("Asc"),
                        "desc" => Some("Desc"),
                        _ => {
                            errors.push(error_at(
                                w.span,
                                format!("unknown order `{}`: `asc` or `desc`", w.value),
                            ));
                            None
                        }
                    })
                    .collect()
            }
        };
        let lengths = match &attr.lengths {
            None => Vec::new(),
            Some(lengths) => {
                if lengths.items.len() != n {
                    errors.push(error_at(
                        lengths.span,
                        format!(
                            "{} lengths for {n} columns: give one length (or `none`) per column",
                            lengths.items.len()
                        ),
                    ));
                }
                for ((length, span), position) in lengths.items.iter().zip(&positions) {
                    let (Some(length), Some(i)) = (length, position) else {
                        continue;
                    };
                    let column = &columns[*i];
                    match &column.kind {
                        Kind::Explicit(k, _) if k.is_textual() => {
                            if let Some(size) = k.max_chars().filter(|size| length > size) {
                                errors.push(error_at(*span, format!("the length {length} is larger than the size of `{}`, {size}", column.key)));
                            }
                        }
                        Kind::Explicit(k, _) => {
                            errors.push(error_at(
                                *span,
                                format!(
                                    "a length applies to text columns, not to the {} column `{}`",
                                    k.name(),
                                    column.key
                                ),
                            ));
                        }
                        Kind::Inferred => {
                            errors.push(error_at(
                                *span,
                                format!(
                                    "a length applies to text columns; `{}` is not one",
                                    column.key
                                ),
                            ));
                        }
                    }
                }
                lengths.items.iter().map(|(l, _)| *l).collect()
            }
        };
        for position in positions.iter().flatten() {
            let column = &mut columns[*position];
            column.indexed = true;
            if kind == "Fulltext" && matches!(column.kind, Kind::Inferred) {
                column.fulltext_inferred = true;
            }
        }
        if kind == "Fulltext"
            && let [Some(i)] = positions.as_slice()
        {
            columns[*i].searchable = true;
        }
        out.push(IndexModel {
            key: (**key).clone(),
            kind,
            columns: keys,
            orders,
            lengths,
        });
    }
    out
}
