//! The validation core, shared with `memory`: the attribute schema a validator sees, the
//! checked conditions, and the limit, offset, cursor, order and select validators.

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::error::ApiError;
use crate::error::catalogue::{queries, validators};
use crate::php;
use crate::query::parse::{MAX_NESTING, Method, MethodType, Query};
use crate::schema::{ColumnKind, ColumnSpec, TableMeta};

use super::*;

// ------------------------------------------------------------------------------------------
// The validation core, shared with `memory`
// ------------------------------------------------------------------------------------------

/// Value types utopia's `Filter` validator distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::query) enum VType {
    /// `$sequence` on rows: a numeric string ≥ 1, or (`integers`, 1.9) also a JSON
    /// integer ≥ 1.
    Sequence {
        /// Whether a JSON integer is accepted besides a numeric string.
        integers: bool,
    },
    /// Any string: every text kind (string and its formats, varchar, text, mediumtext,
    /// longtext) and `$id`; the `contains` family is allowed.
    String,
    /// Integers of 32 or 64 bits.
    Integer {
        /// 64-bit (`max > 2147483647`).
        wide: bool,
    },
    /// Any JSON number.
    Float,
    /// JSON booleans.
    Boolean,
    /// Datetime strings.
    Datetime,
    /// Relationship: the related row's ID, a string of at most 255 chars.
    Relationship,
    /// point, line, polygon.
    Spatial,
}

/// What the validator knows of one attribute.
#[derive(Debug, Clone, Copy)]
pub(in crate::query) struct AttrSchema<'a> {
    /// The value type.
    pub vtype: VType,
    /// Whether the attribute holds a list.
    pub array: bool,
    /// Encrypted columns cannot be filtered.
    pub encrypted: bool,
    /// The side of a relationship that stores nothing ("Cannot query on virtual …").
    pub virtual_relationship: bool,
    /// The column spec; operands of columns are encoded by the value codec.
    pub spec: Option<&'a ColumnSpec>,
}

impl AttrSchema<'_> {
    /// A scalar, unencrypted attribute without a column spec.
    pub(in crate::query) fn system(vtype: VType) -> Self {
        AttrSchema {
            vtype,
            array: false,
            encrypted: false,
            virtual_relationship: false,
            spec: None,
        }
    }
}

/// The attributes and validators a list of queries is checked against.
pub(in crate::query) trait Schema {
    /// The attribute with exactly this key (keys are case-sensitive in utopia's validators).
    fn lookup(&self, key: &str) -> Option<AttrSchema<'_>>;
    /// Whether a validator for this method family exists.
    fn accepts(&self, method_type: MethodType) -> bool;
    /// Most values one filter may carry.
    fn max_values(&self) -> usize;
    /// Whether an available fulltext index covers exactly `[key]`.
    fn has_fulltext(&self, key: &str) -> bool;
}

/// A validated filter over attributes (not yet physical columns).
#[derive(Debug, Clone, PartialEq)]
pub(in crate::query) enum Cond {
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Leaf {
        method: Method,
        attribute: String,
        array: bool,
        values: Vec<SqlValue>,
    },
    /// Passes validation but fails when run (as on Appwrite), or is not supported yet.
    Deferred(ApiError),
    /// A filter through a relationship (`rel.field`), validated at the top level only.
    Path {
        method: Method,
        /// The dotted attribute.
        attribute: String,
        /// The operands, unchecked (the related table's validators check them).
        values: Vec<Value>,
    },
}

impl Cond {
    /// The first deferred failure, depth-first.
    pub(in crate::query) fn deferred(&self) -> Option<ApiError> {
        match self {
            Cond::And(list) | Cond::Or(list) => list.iter().find_map(Cond::deferred),
            Cond::Leaf { .. } | Cond::Path { .. } => None,
            Cond::Deferred(e) => Some(e.clone()),
        }
    }
}

/// One validated query.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::query) enum Checked {
    Filter(Cond),
    Order {
        attribute: Option<String>,
        direction: OrderDirection,
    },
    Limit(i64),
    Offset(i64),
    Cursor(Cursor),
    Select(Vec<String>),
}

/// `Queries::isValid`: each query in order, nested ones first; the message is the full one
/// Appwrite reports (`Invalid query: …` or `Invalid query method: …`).
pub(in crate::query) fn check_list(
    queries: &[Query],
    schema: &dyn Schema,
    depth: usize,
) -> Result<Vec<Checked>, String> {
    if depth > MAX_NESTING {
        return Err(queries::invalid_query(queries::stack_depth()));
    }
    let mut out = Vec::with_capacity(queries.len());
    for query in queries {
        let nested = if query.method.is_logical() {
            Some(check_list(&query.nested, schema, depth + 1)?)
        } else {
            None
        };
        let method_type = query.method.method_type();
        if !schema.accepts(method_type) {
            return Err(queries::unknown_method(query.method.as_str()));
        }
        let checked = match method_type {
            MethodType::Select => check_select(query, schema).map(Checked::Select),
            MethodType::Limit => check_limit(query).map(Checked::Limit),
            MethodType::Offset => check_offset(query).map(Checked::Offset),
            MethodType::Cursor => check_cursor(query).map(Checked::Cursor),
            MethodType::Order => check_order(query, schema),
            MethodType::Filter => check_filter(query, nested, schema).map(Checked::Filter),
        };
        out.push(checked.map_err(|d| queries::invalid_query(&d))?);
    }
    Ok(out)
}

/// `IndexedQueries::isValid`'s fulltext check: nested lists first, then this list's
/// `search`/`notSearch` filters, each needing a fulltext index on exactly its attribute.
pub(in crate::query) fn search_check(
    queries: &[Query],
    schema: &dyn Schema,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_NESTING {
        return Err(queries::invalid_query(queries::stack_depth()));
    }
    for query in queries.iter().filter(|q| q.method.is_logical()) {
        search_check(&query.nested, schema, depth + 1)?;
    }
    for query in queries {
        if matches!(query.method, Method::Search | Method::NotSearch)
            && !schema.has_fulltext(&query.attribute)
        {
            return Err(queries::fulltext_required(&query.attribute));
        }
    }
    Ok(())
}

/// `Query::groupByType` plus the order list utopia's SQL adapter derives from it.
#[derive(Debug, Default)]
pub(in crate::query) struct Grouped {
    /// Filters, all of which must hold.
    pub filters: Vec<Cond>,
    /// (attribute, direction) pairs, tie-breaker included.
    pub orders: Vec<(String, OrderDirection)>,
    /// The first `limit`.
    pub limit: Option<i64>,
    /// The first `offset`.
    pub offset: Option<i64>,
    /// The first cursor.
    pub cursor: Option<Cursor>,
    /// All selections.
    pub select: Option<Vec<String>>,
}

/// Groups validated queries like `Query::groupByType`.
pub(in crate::query) fn group(checked: Vec<Checked>) -> Grouped {
    let mut g = Grouped::default();
    let mut attributes: Vec<String> = Vec::new();
    let mut directions: Vec<OrderDirection> = Vec::new();
    for item in checked {
        match item {
            Checked::Filter(c) => g.filters.push(c),
            Checked::Order {
                attribute,
                direction,
            } => {
                // `orderRandom` adds a direction but no attribute, so later directions pair
                // with earlier attributes (utopia quirk, kept).
                if let Some(a) = attribute {
                    attributes.push(a);
                }
                directions.push(direction);
            }
            Checked::Limit(n) => {
                g.limit.get_or_insert(n);
            }
            Checked::Offset(n) => {
                g.offset.get_or_insert(n);
            }
            Checked::Cursor(c) => {
                g.cursor.get_or_insert(c);
            }
            Checked::Select(list) => {
                let select = g.select.get_or_insert_with(Vec::new);
                for s in list {
                    if !select.contains(&s) {
                        select.push(s);
                    }
                }
            }
        }
    }
    if !attributes.iter().any(|a| a == "$id" || a == "$sequence") {
        attributes.push("$sequence".into());
    }
    g.orders = attributes
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a, directions.get(i).copied().unwrap_or(OrderDirection::Asc)))
        .collect();
    g
}

/// `Limit` validator.
pub(super) fn check_limit(query: &Query) -> Result<i64, String> {
    php_int_in_range(query.values.first(), 1).map_err(|e| match e {
        NumError::NotNumeric => queries::limit_invalid(validators::number()),
        NumError::OutOfRange => {
            queries::limit_invalid(&validators::range(1, PHP_INT_MAX_FORMATTED))
        }
    })
}

/// `Offset` validator (its "not a number" message really says "limit").
pub(super) fn check_offset(query: &Query) -> Result<i64, String> {
    php_int_in_range(query.values.first(), 0).map_err(|e| match e {
        NumError::NotNumeric => queries::limit_invalid(validators::number()),
        NumError::OutOfRange => {
            queries::offset_invalid(&validators::range(0, PHP_INT_MAX_FORMATTED))
        }
    })
}

/// `Cursor` validator: the value must be a UID.
pub(super) fn check_cursor(query: &Query) -> Result<Cursor, String> {
    match query.values.first() {
        Some(Value::String(id)) if is_uid(id) => Ok(Cursor {
            row_id: id.clone(),
            direction: if query.method == Method::CursorBefore {
                CursorDirection::Before
            } else {
                CursorDirection::After
            },
        }),
        _ => Err(queries::cursor_invalid(UID_DESCRIPTION)),
    }
}

/// utopia's `UID` (= `Key` without internal keys): 1–36 chars of `[A-Za-z0-9._-]`, not
/// starting with `_`, `.`, `-`.
pub(in crate::query) fn is_uid(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    !matches!(first, '_' | '.' | '-' | '$')
        && value.chars().count() <= 36
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `Order` validator.
pub(super) fn check_order(query: &Query, schema: &dyn Schema) -> Result<Checked, String> {
    let direction = match query.method {
        Method::OrderRandom => {
            return Ok(Checked::Order {
                attribute: None,
                direction: OrderDirection::Random,
            });
        }
        Method::OrderDesc => OrderDirection::Desc,
        _ => OrderDirection::Asc,
    };
    let full = query.attribute.as_str();
    let mut attribute = full;
    if full.contains('.') && schema.lookup(full).is_none() {
        attribute = first_segment(full);
        if schema.lookup(attribute).is_some() {
            return Err(queries::nested_order(attribute));
        }
    }
    if schema.lookup(attribute).is_none() {
        return Err(queries::attribute_not_found(attribute));
    }
    Ok(Checked::Order {
        attribute: Some(full.to_string()),
        direction,
    })
}

/// Attributes `select` may always name (utopia `Database::INTERNAL_ATTRIBUTES`).
pub(super) const SELECT_INTERNAL: &[&str] = &[
    "$id",
    "$sequence",
    "$collection",
    "$tenant",
    "$createdAt",
    "$updatedAt",
    "$permissions",
];

/// `Select` validator.
pub(super) fn check_select(query: &Query, schema: &dyn Schema) -> Result<Vec<String>, String> {
    if query.values.is_empty() {
        return Err(queries::no_selection().into());
    }
    let names: Vec<String> = query.values.iter().map(php::string_cast).collect();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            return Err(queries::duplicate_selection().into());
        }
    }
    for name in &names {
        let mut attribute = name.as_str();
        if attribute.contains('.') {
            if schema.lookup(attribute).is_some() {
                continue;
            }
            attribute = first_segment(attribute);
        }
        if SELECT_INTERNAL.contains(&attribute) {
            continue;
        }
        if schema.lookup(attribute).is_none() && attribute != "*" {
            return Err(queries::attribute_not_found(attribute));
        }
    }
    Ok(names)
}

/// `Database::validateSelections`: plain (undotted) selections must be system attributes or
/// non-relationship columns, unless `*` is among the offenders.
pub(super) fn check_selections(select: &[String], table: &TableMeta) -> Result<(), String> {
    let invalid: Vec<&str> = select
        .iter()
        .map(String::as_str)
        .filter(|s| !s.contains('.'))
        .filter(|s| {
            (!SELECT_INTERNAL.contains(s) || *s == "$tenant")
                && !table.columns.iter().any(|c| {
                    c.is_available() && c.spec.kind != ColumnKind::Relationship && c.spec.key == *s
                })
        })
        .collect();
    if !invalid.is_empty() && !invalid.contains(&"*") {
        return Err(queries::cannot_select(&invalid.join(", ")));
    }
    Ok(())
}

/// PHP's `empty($values)`-style check utopia uses: no values, or a first value that is an
/// empty array.
pub(super) fn is_empty_values(values: &[Value]) -> bool {
    match values.first() {
        None => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}
