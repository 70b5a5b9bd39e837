//! Comparing a declared column or index with what the server reports.
//!
//! The diff that decides what to create or change is the sync engine's; this module only
//! says, item by item, how a declared column or index differs from the server's.

use super::column::{ColumnSchema, ColumnType, DefaultValue, Options};
use super::table::IndexSchema;
use crate::response::{
    ColumnIndex, ColumnInfo, IndexType, KindView, OnDelete, RelationSide, RelationType,
};

/// One way a server column differs from its declaration.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ColumnDifference {
    /// The server's `type`/`format` differ: the column would have to be recreated.
    Kind {
        /// What the model declares, as `type` or `type/format`.
        declared: String,
        /// What the server has.
        actual: String,
    },
    /// `required` differs.
    Required {
        /// The model's value.
        declared: bool,
    },
    /// `array` differs (the column would have to be recreated).
    Array {
        /// The model's value.
        declared: bool,
    },
    /// A kind option differs (`size`, `min`, `max`, `elements`, `encrypt`, a relationship
    /// setting), changeable in place unless noted by the sync engine.
    Option {
        /// The option's name.
        name: &'static str,
        /// The model's value, as text.
        declared: String,
        /// The server's value, as text.
        actual: String,
    },
    /// The default differs.
    Default {
        /// The model's default, as JSON text (`null` for none).
        declared: String,
        /// The server's default, as JSON text.
        actual: String,
    },
}

fn kind_label(type_name: &str, format: Option<&str>) -> String {
    match format {
        Some(f) if !f.is_empty() => format!("{type_name}/{f}"),
        _ => type_name.to_owned(),
    }
}

fn same_default(
    declared: Option<&DefaultValue>,
    actual: &serde_json::Value,
    kind: &ColumnType,
) -> bool {
    match (declared, actual) {
        (None, serde_json::Value::Null) => true,
        (Some(DefaultValue::String(d)), serde_json::Value::String(a))
            if matches!(kind.options(), Options::Time) =>
        {
            let parse = |s: &str| crate::Timestamp::parse(s).ok();
            parse(d).is_some() && parse(d) == parse(a)
        }
        (Some(d), a) if matches!(kind, ColumnType::Polygon) => {
            same_json(&d.to_json(), &lazy_appwrite_core::rules::polygon_rings(a))
        }
        (Some(d), a) => same_json(&d.to_json(), a),
        (None, _) => false,
    }
}

/// Whether two JSON values are equal, numbers by value: integers exactly (bigint bounds
/// and defaults go past f64's exact integers), others as floats (`1` and `1.0` alike, as
/// a server reports a geometry's `[0, 0]` that a model writes `[0.0, 0.0]`).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        _ => a == b,
    }
}

fn option<T: PartialEq + std::fmt::Debug>(
    out: &mut Vec<ColumnDifference>,
    name: &'static str,
    declared: T,
    actual: T,
) {
    if declared != actual {
        out.push(ColumnDifference::Option {
            name,
            declared: format!("{declared:?}"),
            actual: format!("{actual:?}"),
        });
    }
}

/// How the server's column differs from the declaration `declared` (empty: it matches).
///
/// Integer and float bounds the model leaves open match the server's type extremes.
///
/// ```
/// use lazy_appwrite::response::ColumnInfo;
/// use lazy_appwrite::schema::{ColumnDifference, ColumnSchema, ColumnType, differences};
///
/// let server: ColumnInfo = serde_json::from_str(r#"{"key":"title","type":"string","status":"available",
///     "required":true,"array":false,"size":128,"default":null}"#)?;
/// let declared = ColumnSchema::new("title", ColumnType::String { size: 128, encrypt: false }).required(true);
/// assert!(differences(&declared, &server).is_empty());
///
/// let email = ColumnSchema::new("title", ColumnType::Email).required(true);
/// assert!(matches!(differences(&email, &server)[0], ColumnDifference::Kind { .. }));
///
/// // Defaults compare by value: a geometry's integers as floats, integers exactly.
/// use lazy_appwrite::schema::DefaultValue;
/// let server: ColumnInfo = serde_json::from_str(r#"{"key":"at","type":"point","status":"available",
///     "required":false,"array":false,"default":[0, 1]}"#)?;
/// let at = ColumnSchema::new("at", ColumnType::Point).default_value(DefaultValue::Point([0.0, 1.0]));
/// assert!(differences(&at, &server).is_empty());
/// // A polygon default the server was given as its one ring is that ring.
/// let server: ColumnInfo = serde_json::from_str(r#"{"key":"area","type":"polygon","status":"available",
///     "required":false,"array":false,"default":[[0, 0], [0, 1], [1, 1], [0, 0]]}"#)?;
/// const RING: &[[f64; 2]] = &[[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]];
/// let area = ColumnSchema::new("area", ColumnType::Polygon).default_value(DefaultValue::Polygon(&[RING]));
/// assert!(differences(&area, &server).is_empty());
/// let server: ColumnInfo = serde_json::from_str(r#"{"key":"n","type":"bigint","status":"available",
///     "required":false,"array":false,"min":null,"max":null,"default":9007199254740993}"#)?;
/// let n = ColumnSchema::new("n", ColumnType::BigInt { min: None, max: None })
///     .default_value(DefaultValue::Integer(9_007_199_254_740_992));
/// assert!(matches!(differences(&n, &server)[..], [ColumnDifference::Default { .. }]));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn differences(declared: &ColumnSchema, server: &ColumnInfo) -> Vec<ColumnDifference> {
    let mut out = Vec::new();
    let actual_format = server.kind.info().and_then(|k| k.server_format);
    if declared.kind.type_name() != server.kind.type_name()
        || declared.kind.format() != actual_format
    {
        out.push(ColumnDifference::Kind {
            declared: kind_label(declared.kind.type_name(), declared.kind.format()),
            actual: kind_label(server.kind.type_name(), actual_format),
        });
        return out;
    }
    if declared.required != server.required && !declared.is_relationship() {
        out.push(ColumnDifference::Required {
            declared: declared.required,
        });
    }
    if declared.array != server.array && !declared.is_relationship() {
        out.push(ColumnDifference::Array {
            declared: declared.array,
        });
    }
    let (view, actual_default) = server.kind.view();
    match (declared.kind.options(), view) {
        (
            Options::Sized { size, encrypt },
            KindView::Sized {
                size: s,
                encrypt: e,
            },
        ) => {
            option(&mut out, "size", size, s);
            option(&mut out, "encrypt", encrypt, e);
        }
        (Options::Text { encrypt }, KindView::Text { encrypt: e }) => {
            option(&mut out, "encrypt", encrypt, e);
        }
        // A server that reports no range at all (`min` and `max` null) keeps none for
        // this column and takes none: real 1.9.6 servers answer so for a numeric column
        // created inline without a range, and still after an update that sets one. The
        // model's range is then enforced by the client's validation alone.
        (
            Options::Int { .. },
            KindView::Int {
                min: None,
                max: None,
            },
        )
        | (
            Options::Float { .. },
            KindView::Float {
                min: None,
                max: None,
            },
        ) => {}
        (Options::Int { min, max }, KindView::Int { min: a, max: b }) => {
            option(
                &mut out,
                "min",
                min.unwrap_or(i64::MIN),
                a.unwrap_or(i64::MIN),
            );
            option(
                &mut out,
                "max",
                max.unwrap_or(i64::MAX),
                b.unwrap_or(i64::MAX),
            );
        }
        (Options::Float { min, max }, KindView::Float { min: a, max: b }) => {
            option(
                &mut out,
                "min",
                min.unwrap_or(f64::MIN),
                a.unwrap_or(f64::MIN),
            );
            option(
                &mut out,
                "max",
                max.unwrap_or(f64::MAX),
                b.unwrap_or(f64::MAX),
            );
        }
        (Options::Elements(elements), KindView::Elements(e)) => {
            option(
                &mut out,
                "elements",
                elements.to_vec(),
                e.iter().map(String::as_str).collect(),
            );
        }
        (Options::Link(rel), KindView::Link(link)) => {
            option(
                &mut out,
                "relatedTable",
                rel.related_table,
                link.related_table,
            );
            // The partner column of a two-way relationship reports the type as the
            // declaring side made it: a book's `manyToOne` author is, on the authors'
            // side, a `manyToOne` child, which the author model declares `one_to_many`.
            let relation = match link.side {
                RelationSide::Child => rel.relation.mirrored(),
                _ => rel.relation,
            };
            option(
                &mut out,
                "relationType",
                RelationType::from(relation),
                link.relation_type.clone(),
            );
            option(&mut out, "twoWay", rel.two_way, link.two_way);
            if let Some(key) = rel.two_way_key {
                option(&mut out, "twoWayKey", key, link.two_way_key);
            }
            option(
                &mut out,
                "onDelete",
                OnDelete::from(rel.on_delete),
                link.on_delete.clone(),
            );
        }
        _ => {}
    }
    if !declared.is_relationship()
        && !same_default(declared.default.as_ref(), &actual_default, &declared.kind)
    {
        out.push(ColumnDifference::Default {
            declared: declared
                .default
                .map_or_else(|| "null".to_owned(), |d| d.to_json().to_string()),
            actual: actual_default.to_string(),
        });
    }
    out
}

/// Whether the server's index is the declared one: same key, kind, columns, and (when
/// declared) orders and lengths.
///
/// ```
/// use lazy_appwrite::response::ColumnIndex;
/// use lazy_appwrite::schema::{IndexKind, IndexSchema, index_matches};
/// let server: ColumnIndex = serde_json::from_str(
///     r#"{"key":"by_title","type":"key","columns":["title"],"orders":["asc"],"lengths":[null]}"#)?;
/// assert!(index_matches(&IndexSchema::new("by_title", IndexKind::Key, &["title"]), &server));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn index_matches(declared: &IndexSchema, server: &ColumnIndex) -> bool {
    let orders_match = declared.orders.is_empty()
        || (declared.orders.len() == server.orders.len()
            && declared
                .orders
                .iter()
                .zip(&server.orders)
                .all(|(o, s)| o.as_str().eq_ignore_ascii_case(s)));
    let lengths_match = declared.lengths.is_empty()
        || declared
            .lengths
            .iter()
            .zip(&server.lengths)
            .all(|(l, s)| l.is_none() || l == s);
    declared.key == server.key
        && IndexType::from(declared.kind) == server.kind
        && declared
            .columns
            .iter()
            .copied()
            .eq(server.columns.iter().map(String::as_str))
        && orders_match
        && lengths_match
}
