//! Checking parsed queries against a table, with the messages of utopia-php/database 5.2's
//! validators (`Validator/Queries.php`, `IndexedQueries.php`, `Query/{Filter, Order, Limit,
//! Offset, Cursor, Select}.php`), and turning them into a [`Plan`] the SQL layer runs.
//!
//! The validation core is shared with [`super::memory`], which checks metadata lists against
//! a fixed set of fields instead of a table.

use std::sync::Arc;

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

#[cfg(test)]
use super::parse::parse_query;
use super::parse::{MAX_NESTING, Method, MethodType, Query, parse_query_in};
use super::{spatial, sql};
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::php;
use crate::profile::AppwriteVersion;
use crate::schema::{ColumnKind, ColumnMeta, ColumnSpec, IndexKind, Range, Status, TableMeta};
use crate::store::layout;
use crate::store::relations::{self, End, Holding, Layout};

/// Most values one filter may carry on row queries (`APP_DATABASE_QUERY_MAX_VALUES`).
pub const MAX_QUERY_VALUES: usize = 500;
/// Default page size when no `limit` query is given.
pub const DEFAULT_LIMIT: i64 = 25;

/// `UID` validator description (utopia `Validator/UID.php`), shown for bad cursor values.
pub(super) const UID_DESCRIPTION: &str = "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore";

/// PHP_INT_MAX as Appwrite prints it in range messages: formatted as a float, hence `…808`.
const PHP_INT_MAX_FORMATTED: &str = "9,223,372,036,854,775,808";

// ------------------------------------------------------------------------------------------
// The plan
// ------------------------------------------------------------------------------------------

/// Direction of one ORDER BY term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderDirection {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
    /// `random()`; the term's column is only used for the cursor's null check.
    Random,
}

/// One ORDER BY term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderTerm {
    /// The attribute as the query named it (`title`, `$sequence`), for error messages.
    pub attribute: String,
    /// The physical column (`c3`, `_seq`, `_id`, `_created`, `_updated`).
    pub column: String,
    /// The direction.
    pub direction: OrderDirection,
}

/// Which side of the cursor row a page lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorDirection {
    /// `cursorAfter`: the rows following the cursor row.
    After,
    /// `cursorBefore`: the rows preceding it (still returned in the normal order).
    Before,
}

/// A keyset-pagination cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The cursor row's `$id`.
    pub row_id: String,
    /// After or before that row.
    pub direction: CursorDirection,
}

/// Comparison operators of [`Filter::Compare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `!=` (rows with NULL never match).
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// A validated filter over physical columns, operands already encoded for SQLite.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// All of them.
    And(Vec<Filter>),
    /// Any of them.
    Or(Vec<Filter>),
    /// `column IN (values)` (`equal`).
    In {
        /// Physical column.
        column: String,
        /// At least one value.
        values: Vec<SqlValue>,
    },
    /// `column <op> value`.
    Compare {
        /// Physical column.
        column: String,
        /// Operator.
        op: CompareOp,
        /// Operand.
        value: SqlValue,
    },
    /// `column [NOT] BETWEEN low AND high` (inclusive).
    Between {
        /// Physical column.
        column: String,
        /// Lower bound.
        low: SqlValue,
        /// Upper bound.
        high: SqlValue,
        /// `notBetween`.
        negated: bool,
    },
    /// `column IS [NOT] NULL`.
    Null {
        /// Physical column.
        column: String,
        /// `isNotNull`.
        negated: bool,
    },
    /// `column LIKE p1 OR column LIKE p2 …` (or, negated, `NOT LIKE … AND …`); the patterns
    /// are escaped with `\` (`ESCAPE '\'`).
    Like {
        /// Physical column.
        column: String,
        /// LIKE patterns.
        patterns: Vec<String>,
        /// `notStartsWith`, `notEndsWith`, `notContains`.
        negated: bool,
    },
    /// Some element of the JSON array in `column` equals one of `values` (negated: none does,
    /// and the column is not NULL).
    ArrayContains {
        /// Physical column holding a JSON array.
        column: String,
        /// Element values.
        values: Vec<SqlValue>,
        /// `notContains`.
        negated: bool,
    },
    /// Full-text match through the FTS5 table of a fulltext index.
    Search {
        /// The FTS5 table (`f{k}`).
        fts_table: String,
        /// The FTS5 MATCH expression; `None` when the search string has no words (nothing
        /// matches `search`, everything matches `notSearch`).
        expression: Option<String>,
        /// `notSearch`.
        negated: bool,
    },
    /// A spatial predicate or distance on a point/line/polygon column, computed by the
    /// `appwrite_spatial` SQLite function ([`spatial::register`]); NULL never matches.
    Spatial {
        /// Physical column holding the geometry's JSON.
        column: String,
        /// The query method (`intersects`, `notEqual`, `distanceLessThan`, …).
        method: Method,
        /// The JSON text of the filter's first value.
        operand: String,
    },
    /// A filter through a relationship (`rel.field`): `outer IN (SELECT select FROM from
    /// WHERE inner)`, or through a junction table for `manyToMany`.
    Related {
        /// The column of the filtered table compared with the subquery (`c{m}` or `_id`).
        outer: String,
        /// What the subquery selects from the related table (`_id` or `c{m}`).
        select: String,
        /// The related table (`r{n}`).
        from: String,
        /// The filters (and read-permission restriction) on the related table's rows.
        inner: Box<Plan>,
        /// For `manyToMany`: the junction table, the column holding the filtered table's
        /// row IDs and the one holding the related table's.
        junction: Option<(String, &'static str, &'static str)>,
    },
    /// Always true or always false.
    Const(bool),
}

/// A validated list request: what [`super::execute`] runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Filters, all of which must hold.
    pub filters: Vec<Filter>,
    /// ORDER BY terms, in priority order, as utopia's SQL adapter builds them: explicit
    /// orders, then `$sequence` ascending unless `$id` or `$sequence` is already ordered.
    /// Empty for a single-row GET.
    pub orders: Vec<OrderTerm>,
    /// The first `limit` query's value; `None` when none was given (see [`Plan::limit`]).
    pub limit: Option<i64>,
    /// The first `offset` query's value (default 0).
    pub offset: i64,
    /// The first cursor query.
    pub cursor: Option<Cursor>,
    /// The attributes of all `select` queries, in order, without duplicates; `None` without
    /// any `select`. Entries may be `*`, system attributes, or `rel.*` / `rel.field`.
    pub select: Option<Vec<String>>,
    /// When set, only rows whose `$permissions` contain at least one of these exact strings
    /// (e.g. `read("any")`) match. Not set by the planner; the caller fills it for
    /// permission-checked reads.
    pub any_permission: Option<Vec<String>>,
}

impl Plan {
    /// The page size: the `limit` given, or 25.
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }
}

/// Which rows of a table the caller may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Every row (table-level `read`, or the API key).
    All,
    /// Only rows whose `$permissions` hold one of these (`read("any")`, …): row security.
    Rows(Vec<String>),
    /// None: the table denies reading and has no row security.
    Denied,
}

/// What the planner needs to know about the other tables of the database, for filters
/// through relationships (`author.name`).
pub trait Relations {
    /// The table with this ID in the same database.
    fn table(&self, id: &str) -> Option<Arc<TableMeta>>;
    /// Which of `table`'s rows the caller may read.
    fn access(&self, table: &TableMeta) -> Access;
}

/// No other tables: filters through relationships match nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRelations;

impl Relations for NoRelations {
    fn table(&self, _: &str) -> Option<Arc<TableMeta>> {
        None
    }

    fn access(&self, _: &TableMeta) -> Access {
        Access::Denied
    }
}

/// Parses raw query strings, mapping failures to `400 general_query_invalid` (a bare
/// `500` where Appwrite's parser fails uncaught).
pub fn parse_queries(raw: &[String]) -> ApiResult<Vec<Query>> {
    parse_queries_in(raw, crate::profile::AppwriteVersion::default())
}

/// [`parse_queries`] by the parser of release `profile`.
pub fn parse_queries_in(
    raw: &[String],
    profile: crate::profile::AppwriteVersion,
) -> ApiResult<Vec<Query>> {
    raw.iter()
        .map(|r| {
            parse_query_in(r, profile).map_err(|e| {
                if e.uncaught {
                    ApiError::internal(e.message)
                } else {
                    ApiError::query_invalid(e.message)
                }
            })
        })
        .collect()
}

/// Validates the queries of a row list (or bulk update/delete) against `table`.
///
/// Errors are `400 general_query_invalid` with Appwrite's messages, in Appwrite's order: the
/// first cursor's ID format, then every query in order (nested ones first), then fulltext
/// indexes for `search`, then selections. Queries that pass validation but fail inside the
/// database on Appwrite (`exists` → 500) fail last. Filters through relationships match
/// nothing (see [`plan_rows_with`]).
pub fn plan_rows(
    queries: &[Query],
    table: &TableMeta,
    profile: AppwriteVersion,
) -> ApiResult<Plan> {
    plan_rows_with(queries, table, &NoRelations, profile)
}

/// [`plan_rows`], with filters through relationships (`rel.field`, top-level only, as
/// utopia's `convertRelationshipQueries`) run as subqueries on the related tables that
/// `relations` knows. Such a filter matches nothing when its nested queries are invalid for
/// the related table or the caller cannot read it (utopia swallows those errors).
pub fn plan_rows_with(
    queries: &[Query],
    table: &TableMeta,
    relations: &dyn Relations,
    profile: AppwriteVersion,
) -> ApiResult<Plan> {
    // The route checks the first cursor before anything else, without the "Invalid query: "
    // prefix.
    if let Some(first) = queries
        .iter()
        .find(|q| q.method.method_type() == MethodType::Cursor)
        && check_cursor(first).is_err()
    {
        return Err(ApiError::query_invalid(format!(
            "Invalid cursor: {UID_DESCRIPTION}"
        )));
    }
    plan_with(
        queries,
        &TableSchema {
            table,
            single: false,
            profile,
        },
        table,
        relations,
    )
}

/// Validates the queries of a single-row GET: only `select` is accepted (anything else →
/// `Invalid query method: equal`). The plan has only `select` set.
pub fn plan_get(queries: &[Query], table: &TableMeta) -> ApiResult<Plan> {
    let mut plan = plan_with(
        queries,
        &TableSchema {
            table,
            single: true,
            profile: AppwriteVersion::default(),
        },
        table,
        &NoRelations,
    )?;
    plan.orders.clear();
    Ok(plan)
}

fn plan_with(
    queries: &[Query],
    schema: &TableSchema<'_>,
    table: &TableMeta,
    relations: &dyn Relations,
) -> ApiResult<Plan> {
    let checked = check_list(queries, schema, 0).map_err(ApiError::query_invalid)?;
    search_check(queries, schema, 0).map_err(ApiError::query_invalid)?;
    let grouped = group(checked);
    if let Some(select) = &grouped.select {
        check_selections(select, table).map_err(ApiError::query_invalid)?;
    }
    if let Some(err) = grouped.filters.iter().find_map(Cond::deferred) {
        return Err(err);
    }
    let mut filters: Vec<Filter> = grouped
        .filters
        .iter()
        .filter(|c| !matches!(c, Cond::Path { .. }))
        .map(|c| to_filter(c, table))
        .collect();
    filters.extend(path_filters(
        &grouped.filters,
        table,
        relations,
        schema.profile,
    ));
    let orders = grouped
        .orders
        .into_iter()
        .map(|(attribute, direction)| OrderTerm {
            column: order_column(table, &attribute),
            attribute,
            direction,
        })
        .collect();
    Ok(Plan {
        filters,
        orders,
        limit: grouped.limit,
        offset: grouped.offset.unwrap_or(0),
        cursor: grouped.cursor,
        select: grouped.select,
        any_permission: None,
    })
}

// ------------------------------------------------------------------------------------------
// The validation core, shared with `memory`
// ------------------------------------------------------------------------------------------

/// Value types utopia's `Filter` validator distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VType {
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
pub(super) struct AttrSchema<'a> {
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
    pub(super) fn system(vtype: VType) -> Self {
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
pub(super) trait Schema {
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
pub(super) enum Cond {
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
    pub(super) fn deferred(&self) -> Option<ApiError> {
        match self {
            Cond::And(list) | Cond::Or(list) => list.iter().find_map(Cond::deferred),
            Cond::Leaf { .. } | Cond::Path { .. } => None,
            Cond::Deferred(e) => Some(e.clone()),
        }
    }
}

/// One validated query.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Checked {
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
pub(super) fn check_list(
    queries: &[Query],
    schema: &dyn Schema,
    depth: usize,
) -> Result<Vec<Checked>, String> {
    if depth > MAX_NESTING {
        return Err("Invalid query: Maximum stack depth exceeded".into());
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
            return Err(format!("Invalid query method: {}", query.method.as_str()));
        }
        let checked = match method_type {
            MethodType::Select => check_select(query, schema).map(Checked::Select),
            MethodType::Limit => check_limit(query).map(Checked::Limit),
            MethodType::Offset => check_offset(query).map(Checked::Offset),
            MethodType::Cursor => check_cursor(query).map(Checked::Cursor),
            MethodType::Order => check_order(query, schema),
            MethodType::Filter => check_filter(query, nested, schema).map(Checked::Filter),
        };
        out.push(checked.map_err(|d| format!("Invalid query: {d}"))?);
    }
    Ok(out)
}

/// `IndexedQueries::isValid`'s fulltext check: nested lists first, then this list's
/// `search`/`notSearch` filters, each needing a fulltext index on exactly its attribute.
pub(super) fn search_check(
    queries: &[Query],
    schema: &dyn Schema,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_NESTING {
        return Err("Invalid query: Maximum stack depth exceeded".into());
    }
    for query in queries.iter().filter(|q| q.method.is_logical()) {
        search_check(&query.nested, schema, depth + 1)?;
    }
    for query in queries {
        if matches!(query.method, Method::Search | Method::NotSearch)
            && !schema.has_fulltext(&query.attribute)
        {
            return Err(format!(
                "Searching by attribute \"{}\" requires a fulltext index.",
                query.attribute
            ));
        }
    }
    Ok(())
}

/// `Query::groupByType` plus the order list utopia's SQL adapter derives from it.
#[derive(Debug, Default)]
pub(super) struct Grouped {
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
pub(super) fn group(checked: Vec<Checked>) -> Grouped {
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
fn check_limit(query: &Query) -> Result<i64, String> {
    php_int_in_range(query.values.first(), 1).map_err(|e| match e {
        NumError::NotNumeric => "Invalid limit: Value must be a valid number".to_string(),
        NumError::OutOfRange => {
            format!(
                "Invalid limit: Value must be a valid range between 1 and {PHP_INT_MAX_FORMATTED}"
            )
        }
    })
}

/// `Offset` validator (its "not a number" message really says "limit").
fn check_offset(query: &Query) -> Result<i64, String> {
    php_int_in_range(query.values.first(), 0).map_err(|e| match e {
        NumError::NotNumeric => "Invalid limit: Value must be a valid number".to_string(),
        NumError::OutOfRange => {
            format!(
                "Invalid offset: Value must be a valid range between 0 and {PHP_INT_MAX_FORMATTED}"
            )
        }
    })
}

/// `Cursor` validator: the value must be a UID.
fn check_cursor(query: &Query) -> Result<Cursor, String> {
    match query.values.first() {
        Some(Value::String(id)) if is_uid(id) => Ok(Cursor {
            row_id: id.clone(),
            direction: if query.method == Method::CursorBefore {
                CursorDirection::Before
            } else {
                CursorDirection::After
            },
        }),
        _ => Err(format!("Invalid cursor: {UID_DESCRIPTION}")),
    }
}

/// utopia's `UID` (= `Key` without internal keys): 1–36 chars of `[A-Za-z0-9._-]`, not
/// starting with `_`, `.`, `-`.
pub(super) fn is_uid(value: &str) -> bool {
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
fn check_order(query: &Query, schema: &dyn Schema) -> Result<Checked, String> {
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
            return Err(format!("Cannot order by nested attribute: {attribute}"));
        }
    }
    if schema.lookup(attribute).is_none() {
        return Err(format!("Attribute not found in schema: {attribute}"));
    }
    Ok(Checked::Order {
        attribute: Some(full.to_string()),
        direction,
    })
}

/// Attributes `select` may always name (utopia `Database::INTERNAL_ATTRIBUTES`).
const SELECT_INTERNAL: &[&str] = &[
    "$id",
    "$sequence",
    "$collection",
    "$tenant",
    "$createdAt",
    "$updatedAt",
    "$permissions",
];

/// `Select` validator.
fn check_select(query: &Query, schema: &dyn Schema) -> Result<Vec<String>, String> {
    if query.values.is_empty() {
        return Err("No attributes selected".into());
    }
    let names: Vec<String> = query.values.iter().map(php::string_cast).collect();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            return Err("Duplicate attributes selected".into());
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
            return Err(format!("Attribute not found in schema: {attribute}"));
        }
    }
    Ok(names)
}

/// `Database::validateSelections`: plain (undotted) selections must be system attributes or
/// non-relationship columns, unless `*` is among the offenders.
fn check_selections(select: &[String], table: &TableMeta) -> Result<(), String> {
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
        return Err(format!("Cannot select attributes: {}", invalid.join(", ")));
    }
    Ok(())
}

/// PHP's `empty($values)`-style check utopia uses: no values, or a first value that is an
/// empty array.
fn is_empty_values(values: &[Value]) -> bool {
    match values.first() {
        None => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}

/// `Filter` validator.
fn check_filter(
    query: &Query,
    nested: Option<Vec<Checked>>,
    schema: &dyn Schema,
) -> Result<Cond, String> {
    let method = query.method;
    let values = &query.values;
    match method {
        Method::Equal
        | Method::Contains
        | Method::NotContains
        | Method::ContainsAny
        | Method::ContainsAll
        | Method::Exists
        | Method::NotExists => {
            if is_empty_values(values) {
                return Err(format!(
                    "{} queries require at least one value.",
                    method.ucfirst()
                ));
            }
            check_attribute_and_values(query, schema)
        }
        Method::DistanceEqual
        | Method::DistanceNotEqual
        | Method::DistanceGreaterThan
        | Method::DistanceLessThan => {
            let ok = values.len() == 1
                && match &values[0] {
                    Value::Array(a) => a.len() == 3,
                    Value::Object(o) => o.len() == 3,
                    _ => false,
                };
            if !ok {
                return Err("Distance query requires [[geometry, distance]] parameters".into());
            }
            check_attribute_and_values(query, schema)
        }
        Method::NotEqual
        | Method::LessThan
        | Method::LessThanEqual
        | Method::GreaterThan
        | Method::GreaterThanEqual
        | Method::Search
        | Method::NotSearch
        | Method::StartsWith
        | Method::NotStartsWith
        | Method::EndsWith
        | Method::NotEndsWith => {
            if values.len() != 1 {
                return Err(format!(
                    "{} queries require exactly one value.",
                    method.ucfirst()
                ));
            }
            check_attribute_and_values(query, schema)
        }
        Method::Between | Method::NotBetween => {
            if values.len() != 2 {
                return Err(format!(
                    "{} queries require exactly two values.",
                    method.ucfirst()
                ));
            }
            check_attribute_and_values(query, schema)
        }
        Method::IsNull | Method::IsNotNull => check_attribute_and_values(query, schema),
        _ if method.is_vector() => {
            check_attribute(&query.attribute, schema)?;
            // There are no vector columns in 1.8.
            Err("Vector queries can only be used on vector attributes".into())
        }
        Method::And | Method::Or => {
            let children = nested.unwrap_or_default();
            let count = children.len();
            // A relationship path inside `and`/`or` reaches the SQL builder as an unknown
            // column on Appwrite: a 500.
            let filters: Vec<Cond> = children
                .into_iter()
                .filter_map(|c| match c {
                    Checked::Filter(Cond::Path { .. }) => {
                        Some(Cond::Deferred(catalogue::server_error()))
                    }
                    Checked::Filter(f) => Some(f),
                    _ => None,
                })
                .collect();
            if filters.len() != count {
                return Err(format!(
                    "{} queries can only contain filter queries",
                    method.ucfirst()
                ));
            }
            if filters.len() < 2 {
                return Err(format!(
                    "{} queries require at least two queries",
                    method.ucfirst()
                ));
            }
            Ok(if method == Method::And {
                Cond::And(filters)
            } else {
                Cond::Or(filters)
            })
        }
        Method::ElemMatch => Err("elemMatch is not supported by the database".into()),
        _ if method.is_spatial() => {
            if is_empty_values(values) {
                return Err(format!(
                    "{} queries require at least one value.",
                    method.ucfirst()
                ));
            }
            check_attribute_and_values(query, schema)
        }
        // Not a filter method; `check_list` never routes one here.
        _ => Err("Invalid query".into()),
    }
}

/// `Filter::isValidAttribute`.
fn check_attribute(attribute: &str, schema: &dyn Schema) -> Result<(), String> {
    if schema.lookup(attribute).is_some_and(|a| a.encrypted) {
        return Err(format!("Cannot query encrypted attribute: {attribute}"));
    }
    let mut key = attribute;
    if key.contains('.') {
        if schema.lookup(key).is_some() {
            return Ok(());
        }
        key = first_segment(key);
    }
    if schema.lookup(key).is_none() {
        return Err(format!("Attribute not found in schema: {key}"));
    }
    Ok(())
}

/// `Filter::isValidAttributeAndValues`, then the operands encoded for SQLite.
fn check_attribute_and_values(query: &Query, schema: &dyn Schema) -> Result<Cond, String> {
    let method = query.method;
    let full = query.attribute.as_str();
    check_attribute(full, schema)?;
    let dotted = full.contains('.') && schema.lookup(full).is_none();
    let base = if dotted { first_segment(full) } else { full };

    if matches!(method, Method::Exists | Method::NotExists) {
        // Valid, but MariaDB's adapter throws "Exists queries are not supported by this
        // database" when building SQL: a 500 on Appwrite.
        return Ok(Cond::Deferred(catalogue::server_error()));
    }
    let Some(attr) = schema.lookup(base) else {
        return Err(format!("Attribute not found in schema: {base}"));
    };
    if attr.vtype == VType::Relationship && dotted {
        // utopia validates the nested part against the related table when it runs it.
        return Ok(Cond::Path {
            method,
            attribute: full.to_string(),
            values: query.values.clone(),
        });
    }
    if query.values.len() > schema.max_values() {
        return Err(format!(
            "Query on attribute has greater than {} values: {base}",
            schema.max_values()
        ));
    }
    if method.is_spatial() && attr.vtype != VType::Spatial {
        return Err(format!(
            "Spatial query \"{}\" cannot be applied on non-spatial attribute: {base}",
            method.as_str()
        ));
    }

    let mut encoded = Vec::with_capacity(query.values.len());
    for value in &query.values {
        if attr.vtype == VType::Spatial {
            if !matches!(value, Value::Array(_) | Value::Object(_)) {
                return Err("Spatial data must be an array".into());
            }
            encoded.push(SqlValue::Text(value.to_string()));
            continue;
        }
        match encode_operand(&attr, value) {
            Some(v) => encoded.push(v),
            None => return Err(format!("Query value is invalid for attribute \"{base}\"")),
        }
    }

    if attr.virtual_relationship {
        return Err("Cannot query on virtual relationship attribute".into());
    }
    let contains_family = matches!(
        method,
        Method::Contains | Method::NotContains | Method::ContainsAny | Method::ContainsAll
    );
    if !attr.array && contains_family && attr.vtype != VType::String && attr.vtype != VType::Spatial
    {
        // `containsAny`/`containsAll` report themselves as `contains`.
        let name = if method == Method::NotContains {
            "notContains"
        } else {
            "contains"
        };
        return Err(format!(
            "Cannot query {name} on attribute \"{base}\" because it is not an array, string, or object."
        ));
    }
    if attr.array
        && !matches!(
            method,
            Method::Contains
                | Method::NotContains
                | Method::ContainsAny
                | Method::ContainsAll
                | Method::IsNull
                | Method::IsNotNull
                | Method::Exists
                | Method::NotExists
        )
    {
        return Err(format!(
            "Cannot query {} on attribute \"{base}\" because it is an array.",
            method.as_str()
        ));
    }
    if dotted {
        // Appwrite filters the dotted name into an unknown SQL column: a database error.
        return Ok(Cond::Deferred(catalogue::server_error()));
    }
    if attr.vtype == VType::Spatial {
        return Ok(spatial_cond(method, base, &attr, query.values.first()));
    }
    Ok(Cond::Leaf {
        method,
        attribute: base.to_string(),
        array: attr.array,
        values: encoded,
    })
}

/// A validated filter on a spatial column, as MariaDB's adapter runs it: only the first value
/// counts; methods it has no spatial SQL for (`isNull`, `lessThan`, `startsWith`, …) and
/// geometries it cannot turn into WKT fail with a 500, `meters` between non-points with
/// `400 general_query_invalid` (`Distance in meters is not supported between …`).
fn spatial_cond(method: Method, base: &str, attr: &AttrSchema<'_>, first: Option<&Value>) -> Cond {
    if !spatial::supports(method) {
        return Cond::Deferred(catalogue::server_error());
    }
    let column_type = attr.spec.map_or("point", |s| s.kind.type_name());
    let Some(first) = first else {
        return Cond::Deferred(catalogue::server_error());
    };
    match spatial::operand(method, column_type, first) {
        Ok(_) => Cond::Leaf {
            method,
            attribute: base.to_string(),
            array: false,
            values: vec![SqlValue::Text(first.to_string())],
        },
        Err(spatial::OperandError::Unrecognized) => Cond::Deferred(catalogue::server_error()),
        Err(spatial::OperandError::Query(message)) => {
            Cond::Deferred(ApiError::query_invalid(message))
        }
    }
}

/// Checks one operand against the attribute's type (utopia's per-type validators) and
/// encodes it for SQLite; `None` means "Query value is invalid".
fn encode_operand(attr: &AttrSchema<'_>, value: &Value) -> Option<SqlValue> {
    // Columns: the value codec applies the same per-type rules (for arrays, to one element).
    if let Some(spec) = attr.spec {
        return crate::validate::value::encode_query_value(spec, value);
    }
    match attr.vtype {
        VType::Sequence { integers } => {
            match value {
                // `empty("0")` is true in PHP.
                Value::String(s) if s.is_empty() || s == "0" => return None,
                Value::String(_) => {}
                // 1.9's validator takes an `int` too (`0` is `empty`, then the range is
                // 1 and up); a float is neither string nor int.
                Value::Number(n) if integers && n.is_i64() => {}
                _ => return None,
            }
            php_int_in_range(Some(value), 1).ok().map(SqlValue::Integer)
        }
        VType::String => match value {
            Value::String(s) => Some(SqlValue::Text(s.clone())),
            _ => None,
        },
        VType::Integer { wide } => {
            let n = match value {
                Value::Number(n) => n.as_i64()?,
                _ => return None,
            };
            if !wide && i32::try_from(n).is_err() {
                return None;
            }
            Some(SqlValue::Integer(n))
        }
        VType::Float => match value {
            Value::Number(n) => n.as_f64().map(SqlValue::Real),
            _ => None,
        },
        VType::Boolean => match value {
            Value::Bool(b) => Some(SqlValue::Integer(i64::from(*b))),
            _ => None,
        },
        VType::Datetime => match value {
            Value::String(s) => crate::validate::datetime::parse_datetime(s).map(SqlValue::Text),
            _ => None,
        },
        VType::Relationship => match value {
            Value::String(s) if s.chars().count() <= 255 => Some(SqlValue::Text(s.clone())),
            _ => None,
        },
        VType::Spatial => Some(SqlValue::Text(value.to_string())),
    }
}

/// The part of a dotted attribute before the first `.`.
fn first_segment(attribute: &str) -> &str {
    attribute.split('.').next().unwrap_or(attribute)
}

#[derive(Debug, PartialEq, Eq)]
enum NumError {
    NotNumeric,
    OutOfRange,
}

/// utopia `Numeric` then `Range(min, PHP_INT_MAX, integer)`: the value must be numeric
/// (numbers or PHP numeric strings) and `$value + 0` must be an integer ≥ `min`.
fn php_int_in_range(value: Option<&Value>, min: i64) -> Result<i64, NumError> {
    let n = match value {
        Some(Value::Number(n)) => n.as_i64().ok_or(NumError::OutOfRange)?,
        Some(Value::String(s)) => match php::numeric_string_sum(s) {
            None => return Err(NumError::NotNumeric),
            Some(None) => return Err(NumError::OutOfRange),
            Some(Some(n)) => n,
        },
        _ => return Err(NumError::NotNumeric),
    };
    if n < min {
        return Err(NumError::OutOfRange);
    }
    Ok(n)
}

// ------------------------------------------------------------------------------------------
// Rows: the table schema and the physical filters
// ------------------------------------------------------------------------------------------

/// A table as the validators see it: `available` columns plus the system attributes.
struct TableSchema<'a> {
    table: &'a TableMeta,
    /// Single-row GET: only `select` is accepted and `$sequence` is not an attribute.
    single: bool,
    /// The release whose validators apply.
    profile: AppwriteVersion,
}

/// The `available` column with exactly this key.
fn exact_column<'a>(table: &'a TableMeta, key: &str) -> Option<&'a ColumnMeta> {
    table
        .columns
        .iter()
        .find(|c| c.is_available() && c.spec.key == key)
}

impl Schema for TableSchema<'_> {
    fn lookup(&self, key: &str) -> Option<AttrSchema<'_>> {
        match key {
            "$id" => return Some(AttrSchema::system(VType::String)),
            "$sequence" if !self.single => {
                return Some(AttrSchema::system(VType::Sequence {
                    integers: self.profile.sequence_query_takes_integers(),
                }));
            }
            "$createdAt" | "$updatedAt" => return Some(AttrSchema::system(VType::Datetime)),
            _ => {}
        }
        let column = exact_column(self.table, key)?;
        let spec = &column.spec;
        let vtype = match spec.kind {
            ColumnKind::String
            | ColumnKind::Email
            | ColumnKind::Ip
            | ColumnKind::Url
            | ColumnKind::Enum
            | ColumnKind::Varchar
            | ColumnKind::Text
            | ColumnKind::Mediumtext
            | ColumnKind::Longtext => VType::String,
            ColumnKind::Integer => VType::Integer {
                wide: match spec.range {
                    Range::Int { max, .. } => max > i64::from(i32::MAX),
                    _ => true,
                },
            },
            ColumnKind::Float => VType::Float,
            ColumnKind::Boolean => VType::Boolean,
            ColumnKind::Datetime => VType::Datetime,
            ColumnKind::Relationship => VType::Relationship,
            ColumnKind::Point | ColumnKind::Line | ColumnKind::Polygon => VType::Spatial,
        };
        let virtual_relationship = spec.relationship.as_ref().is_some_and(|r| {
            let child = r.side == "child";
            match r.relation_type.as_str() {
                "oneToOne" => !r.two_way && child,
                "oneToMany" => !child,
                "manyToOne" => child,
                "manyToMany" => true,
                _ => false,
            }
        });
        Some(AttrSchema {
            vtype,
            array: spec.array,
            encrypted: spec.encrypt,
            virtual_relationship,
            spec: Some(spec),
        })
    }

    fn accepts(&self, method_type: MethodType) -> bool {
        !self.single || method_type == MethodType::Select
    }

    fn max_values(&self) -> usize {
        MAX_QUERY_VALUES
    }

    fn has_fulltext(&self, key: &str) -> bool {
        fulltext_index(self.table, key).is_some()
    }
}

/// The internal sequence of an `available` fulltext index over exactly `[key]`.
fn fulltext_index(table: &TableMeta, key: &str) -> Option<i64> {
    table
        .indexes
        .iter()
        .find(|i| {
            i.status == Status::Available
                && i.spec.kind == IndexKind::Fulltext
                && i.spec.columns.len() == 1
                && i.spec.columns[0] == key
        })
        .map(|i| i.seq)
}

/// The physical column of a system attribute or an `available` column.
/// The ORDER BY expression of `attribute`: its physical column, compared as MariaDB compares
/// the stored JSON text for an array column (see [`super::collation`]) and the stored
/// geometry for a spatial one ([`spatial::compare_stored`]).
fn order_column(table: &TableMeta, attribute: &str) -> String {
    match physical_column(table, attribute) {
        Some(column) if exact_column(table, attribute).is_some_and(|c| c.spec.array) => {
            format!("{column} COLLATE {}", super::collation::JSON_NAME)
        }
        Some(column)
            if exact_column(table, attribute).is_some_and(|c| c.spec.kind.is_spatial()) =>
        {
            format!("{column} COLLATE {}", spatial::ORDER_COLLATION)
        }
        Some(column) => column,
        None => "_seq".into(),
    }
}

fn physical_column(table: &TableMeta, attribute: &str) -> Option<String> {
    layout::system_column(attribute)
        .map(str::to_string)
        .or_else(|| exact_column(table, attribute).map(ColumnMeta::physical))
}

/// The filters through relationships among the top-level conditions: one per relationship,
/// its dotted queries combined (utopia groups them by relationship key).
fn path_filters(
    conds: &[Cond],
    table: &TableMeta,
    relations: &dyn Relations,
    profile: AppwriteVersion,
) -> Vec<Filter> {
    let mut groups: Vec<(&str, Vec<Query>)> = Vec::new();
    for cond in conds {
        let Cond::Path {
            method,
            attribute,
            values,
        } = cond
        else {
            continue;
        };
        let Some((key, rest)) = attribute.split_once('.') else {
            continue;
        };
        let query = Query {
            method: *method,
            attribute: rest.to_string(),
            values: values.clone(),
            nested: Vec::new(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(query),
            None => groups.push((key, vec![query])),
        }
    }
    groups
        .into_iter()
        .map(|(key, queries)| {
            path_filter(table, key, &queries, relations, profile).unwrap_or(Filter::Const(false))
        })
        .collect()
}

/// The subquery filter for `queries` on the rows related through relationship `key`, or
/// `None` when it can match nothing.
fn path_filter(
    table: &TableMeta,
    key: &str,
    queries: &[Query],
    relations: &dyn Relations,
    profile: AppwriteVersion,
) -> Option<Filter> {
    let column = exact_column(table, key)?;
    let spec = relations::spec_of(column)?;
    let related = relations.table(&spec.related_table)?;
    let partner = relations::partner(table, column, &related)?;
    let mut inner = plan_rows_with(queries, &related, relations, profile).ok()?;
    inner.any_permission = match relations.access(&related) {
        Access::All => None,
        Access::Rows(allowed) => Some(allowed),
        Access::Denied => return None,
    };
    let inner = Box::new(Plan {
        filters: inner.filters,
        any_permission: inner.any_permission,
        ..Plan::default()
    });
    let from = related.physical();
    // Through a to-many side utopia reads the parent IDs off the related rows' own
    // relationship attribute, which the child side of a one-way relationship never fills.
    let partner_fills = relations::spec_of(partner).is_some_and(|p| !p.is_hidden());
    Some(match spec.holding() {
        Holding::Stored => Filter::Related {
            outer: column.physical(),
            select: "_id".into(),
            from,
            inner,
            junction: None,
        },
        Holding::Referenced if partner_fills => Filter::Related {
            outer: "_id".into(),
            select: partner.physical(),
            from,
            inner,
            junction: None,
        },
        Holding::Junction if partner_fills => {
            let layout = Layout::of(table, column, &related, partner)?;
            let end = End::of(spec);
            let other = if end == End::Parent {
                End::Child
            } else {
                End::Parent
            };
            Filter::Related {
                outer: "_id".into(),
                select: "_id".into(),
                from,
                inner,
                junction: Some((
                    layout.junction()?.physical(),
                    relations::Junction::column(end),
                    relations::Junction::column(other),
                )),
            }
        }
        _ => return None,
    })
}

/// Text of an operand inside a LIKE pattern (PHP string conversion of the value).
fn like_text(value: &SqlValue) -> String {
    match value {
        SqlValue::Text(s) => s.clone(),
        SqlValue::Integer(i) => i.to_string(),
        SqlValue::Real(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        SqlValue::Null | SqlValue::Blob(_) => String::new(),
    }
}

/// Maps a validated condition onto physical columns.
fn to_filter(cond: &Cond, table: &TableMeta) -> Filter {
    let (method, attribute, array, values) = match cond {
        Cond::And(list) => return Filter::And(list.iter().map(|c| to_filter(c, table)).collect()),
        Cond::Or(list) => return Filter::Or(list.iter().map(|c| to_filter(c, table)).collect()),
        Cond::Deferred(_) | Cond::Path { .. } => return Filter::Const(false),
        Cond::Leaf {
            method,
            attribute,
            array,
            values,
        } => (*method, attribute, *array, values),
    };
    if matches!(method, Method::Search | Method::NotSearch) {
        let negated = method == Method::NotSearch;
        return match fulltext_index(table, attribute) {
            Some(k) => Filter::Search {
                fts_table: format!("f{k}"),
                expression: values
                    .first()
                    .and_then(|v| sql::fts5_expression(&like_text(v))),
                negated,
            },
            None => Filter::Const(false),
        };
    }
    let Some(column) = physical_column(table, attribute) else {
        return Filter::Const(false);
    };
    if exact_column(table, attribute).is_some_and(|c| c.spec.kind.is_spatial()) {
        return match values.first() {
            Some(SqlValue::Text(operand)) => Filter::Spatial {
                column,
                method,
                operand: operand.clone(),
            },
            _ => Filter::Const(false),
        };
    }
    let first = || values.first().cloned().unwrap_or(SqlValue::Null);
    let compare = |op| Filter::Compare {
        column: column.clone(),
        op,
        value: first(),
    };
    let like = |negated: bool, pattern: &dyn Fn(&str) -> String| Filter::Like {
        column: column.clone(),
        patterns: values
            .iter()
            .map(|v| pattern(&sql::escape_like(&like_text(v))))
            .collect(),
        negated,
    };
    match method {
        Method::Equal => Filter::In {
            column,
            values: values.clone(),
        },
        Method::NotEqual => compare(CompareOp::Ne),
        Method::LessThan => compare(CompareOp::Lt),
        Method::LessThanEqual => compare(CompareOp::Le),
        Method::GreaterThan => compare(CompareOp::Gt),
        Method::GreaterThanEqual => compare(CompareOp::Ge),
        Method::Between | Method::NotBetween => Filter::Between {
            column,
            low: first(),
            high: values.get(1).cloned().unwrap_or(SqlValue::Null),
            negated: method == Method::NotBetween,
        },
        Method::IsNull => Filter::Null {
            column,
            negated: false,
        },
        Method::IsNotNull => Filter::Null {
            column,
            negated: true,
        },
        Method::StartsWith => like(false, &|p| format!("{p}%")),
        Method::NotStartsWith => like(true, &|p| format!("{p}%")),
        Method::EndsWith => like(false, &|p| format!("%{p}")),
        Method::NotEndsWith => like(true, &|p| format!("%{p}")),
        Method::Contains | Method::NotContains | Method::ContainsAny if array => {
            Filter::ArrayContains {
                column,
                values: values.clone(),
                negated: method == Method::NotContains,
            }
        }
        // Every value must be an element; on a scalar string Appwrite matches no row.
        Method::ContainsAll if array => Filter::And(
            values
                .iter()
                .map(|v| Filter::ArrayContains {
                    column: column.clone(),
                    values: vec![v.clone()],
                    negated: false,
                })
                .collect(),
        ),
        Method::ContainsAll => Filter::Const(false),
        Method::Contains | Method::ContainsAny => like(false, &|p| format!("%{p}%")),
        Method::NotContains => like(true, &|p| format!("%{p}%")),
        _ => Filter::Const(false),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::ErrorType;
    use crate::schema::{DatabaseMeta, IndexMeta, IndexSpec, RelationshipSpec, Status};

    pub(crate) fn column(seq: i64, key: &str, kind: ColumnKind) -> ColumnMeta {
        ColumnMeta {
            seq,
            spec: ColumnSpec::new(key, kind),
            status: Status::Available,
            error: String::new(),
            ready_at: None,
            created_at: "2024-01-01T00:00:00.000+00:00".into(),
            updated_at: "2024-01-01T00:00:00.000+00:00".into(),
        }
    }

    pub(crate) fn index(seq: i64, key: &str, kind: IndexKind, columns: &[&str]) -> IndexMeta {
        IndexMeta {
            seq,
            spec: IndexSpec {
                key: key.into(),
                kind,
                columns: columns.iter().map(|c| c.to_string()).collect(),
                orders: Vec::new(),
                lengths: Vec::new(),
            },
            status: Status::Available,
            error: String::new(),
            ready_at: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    /// Table `r1`: title (c1 string), count (c2 integer), tags (c3 string[]), price (c4 float),
    /// flag (c5 boolean), body (c6 text), when (c7 datetime), small (c8 integer 32-bit),
    /// secret (c9 encrypted string), pending (c10 processing string), author (c11 relationship
    /// manyToOne parent), fans (c12 relationship manyToMany), place (c13 point),
    /// nums (c14 integer[]); fulltext index on title (f1).
    pub(crate) fn table() -> TableMeta {
        let mut tags = column(3, "tags", ColumnKind::String);
        tags.spec.array = true;
        tags.spec.size = Some(64);
        let mut title = column(1, "title", ColumnKind::String);
        title.spec.size = Some(255);
        let mut small = column(8, "small", ColumnKind::Integer);
        small.spec.range = Range::Int {
            min: -10,
            max: 2_147_483_647,
        };
        let mut secret = column(9, "secret", ColumnKind::String);
        secret.spec.encrypt = true;
        let mut pending = column(10, "pending", ColumnKind::String);
        pending.status = Status::Processing;
        let rel = |kind: &str, side: &str| RelationshipSpec {
            related_table: "other".into(),
            relation_type: kind.into(),
            two_way: false,
            two_way_key: String::new(),
            on_delete: "restrict".into(),
            side: side.into(),
        };
        let mut author = column(11, "author", ColumnKind::Relationship);
        author.spec.relationship = Some(rel("manyToOne", "parent"));
        let mut fans = column(12, "fans", ColumnKind::Relationship);
        fans.spec.relationship = Some(rel("manyToMany", "parent"));
        let mut nums = column(14, "nums", ColumnKind::Integer);
        nums.spec.array = true;
        TableMeta {
            database: DatabaseMeta {
                seq: 1,
                id: "db".into(),
                name: "db".into(),
                enabled: true,
                kind: "tablesdb".into(),
                created_at: String::new(),
                updated_at: String::new(),
            },
            seq: 1,
            id: "movies".into(),
            name: "Movies".into(),
            permissions: Vec::new(),
            row_security: false,
            enabled: true,
            columns: vec![
                title,
                column(2, "count", ColumnKind::Integer),
                tags,
                column(4, "price", ColumnKind::Float),
                column(5, "flag", ColumnKind::Boolean),
                column(6, "body", ColumnKind::Text),
                column(7, "when", ColumnKind::Datetime),
                small,
                secret,
                pending,
                author,
                fans,
                column(13, "place", ColumnKind::Point),
                nums,
            ],
            indexes: vec![
                index(1, "ft_title", IndexKind::Fulltext, &["title"]),
                index(2, "k_count", IndexKind::Key, &["count"]),
            ],
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn q(raw: &str) -> Query {
        parse_query(raw).unwrap_or_else(|e| panic!("{raw}: {e}"))
    }

    fn plan(raws: &[&str]) -> ApiResult<Plan> {
        let queries: Vec<Query> = raws.iter().map(|r| q(r)).collect();
        plan_rows(&queries, &table(), AppwriteVersion::V1_8_1)
    }

    fn err(raws: &[&str]) -> String {
        let e = plan(raws).unwrap_err();
        assert_eq!(e.kind, ErrorType::GeneralQueryInvalid, "{e:?}");
        e.message
    }

    #[test]
    fn parse_queries_maps_errors() {
        let raw = vec![r#"{"method":"limit","values":[1]}"#.to_string()];
        assert_eq!(parse_queries(&raw).unwrap().len(), 1);
        let e = parse_queries(&["nope".to_string()]).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                ErrorType::GeneralQueryInvalid,
                "Invalid query: Syntax error"
            )
        );
    }

    #[test]
    fn defaults() {
        let p = plan(&[]).unwrap();
        assert_eq!(p.limit(), 25);
        assert_eq!(p.offset, 0);
        assert!(p.cursor.is_none());
        assert!(p.select.is_none());
        assert!(p.filters.is_empty());
        assert_eq!(
            p.orders,
            vec![OrderTerm {
                attribute: "$sequence".into(),
                column: "_seq".into(),
                direction: OrderDirection::Asc
            }]
        );
    }

    #[test]
    fn limits_offsets_cursors() {
        let p = plan(&[
            r#"{"method":"limit","values":[5]}"#,
            r#"{"method":"limit","values":[7]}"#,
            r#"{"method":"offset","values":["3"]}"#,
            r#"{"method":"cursorBefore","values":["row-9"]}"#,
            r#"{"method":"cursorAfter","values":["row-1"]}"#,
        ])
        .unwrap();
        assert_eq!(p.limit, Some(5));
        assert_eq!(p.offset, 3);
        assert_eq!(
            p.cursor,
            Some(Cursor {
                row_id: "row-9".into(),
                direction: CursorDirection::Before
            })
        );
        assert_eq!(
            plan(&[r#"{"method":"limit","values":[100000]}"#])
                .unwrap()
                .limit(),
            100000
        );

        let range1 = "Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808";
        assert_eq!(err(&[r#"{"method":"limit","values":[0]}"#]), range1);
        assert_eq!(err(&[r#"{"method":"limit","values":[2.5]}"#]), range1);
        assert_eq!(err(&[r#"{"method":"limit","values":[5.0]}"#]), range1);
        assert_eq!(err(&[r#"{"method":"limit","values":["1e2"]}"#]), range1);
        assert_eq!(
            err(&[r#"{"method":"limit","values":["x"]}"#]),
            "Invalid query: Invalid limit: Value must be a valid number"
        );
        assert_eq!(
            err(&[r#"{"method":"limit"}"#]),
            "Invalid query: Invalid limit: Value must be a valid number"
        );
        assert_eq!(
            err(&[r#"{"method":"offset","values":[-1]}"#]),
            "Invalid query: Invalid offset: Value must be a valid range between 0 and 9,223,372,036,854,775,808"
        );
        assert_eq!(
            err(&[r#"{"method":"offset","values":[true]}"#]),
            "Invalid query: Invalid limit: Value must be a valid number"
        );
        assert_eq!(
            plan(&[r#"{"method":"offset","values":[" 4 "]}"#])
                .unwrap()
                .offset,
            4
        );

        let uid = format!("Invalid cursor: {UID_DESCRIPTION}");
        assert_eq!(err(&[r#"{"method":"cursorAfter","values":["_x"]}"#]), uid);
        assert_eq!(err(&[r#"{"method":"cursorAfter","values":[5]}"#]), uid);
        assert_eq!(err(&[r#"{"method":"cursorAfter"}"#]), uid);
        assert_eq!(
            err(&[&format!(
                r#"{{"method":"cursorAfter","values":["{}"]}}"#,
                "a".repeat(37)
            )]),
            uid
        );
        // The first cursor is checked before everything else, without the prefix.
        assert_eq!(
            err(&[
                r#"{"method":"equal","attribute":"nope","values":[1]}"#,
                r#"{"method":"cursorAfter","values":["a\"; DROP TABLE x; --"]}"#
            ]),
            uid
        );
        // Later cursors go through the normal validator.
        assert_eq!(
            err(&[
                r#"{"method":"cursorAfter","values":["ok"]}"#,
                r#"{"method":"cursorBefore","values":["$x"]}"#
            ]),
            format!("Invalid query: {uid}")
        );
    }

    #[test]
    fn orders() {
        let p = plan(&[
            r#"{"method":"orderDesc","attribute":"count"}"#,
            r#"{"method":"orderAsc","attribute":"title"}"#,
        ])
        .unwrap();
        let dirs: Vec<(&str, &str, OrderDirection)> = p
            .orders
            .iter()
            .map(|o| (o.attribute.as_str(), o.column.as_str(), o.direction))
            .collect();
        assert_eq!(
            dirs,
            vec![
                ("count", "c2", OrderDirection::Desc),
                ("title", "c1", OrderDirection::Asc),
                ("$sequence", "_seq", OrderDirection::Asc)
            ]
        );
        let p = plan(&[r#"{"method":"orderDesc","attribute":"$id"}"#]).unwrap();
        assert_eq!(p.orders.len(), 1);
        assert_eq!(p.orders[0].column, "_id");
        let p = plan(&[r#"{"method":"orderDesc"}"#]).unwrap();
        assert_eq!(p.orders.len(), 1);
        assert_eq!(
            (p.orders[0].column.as_str(), p.orders[0].direction),
            ("_seq", OrderDirection::Desc)
        );
        let p = plan(&[r#"{"method":"orderRandom"}"#]).unwrap();
        assert_eq!(p.orders[0].direction, OrderDirection::Random);
        assert_eq!(p.orders.len(), 1);
        // Quirk: the random direction pairs with the first attribute.
        let p = plan(&[
            r#"{"method":"orderRandom"}"#,
            r#"{"method":"orderAsc","attribute":"count"}"#,
        ])
        .unwrap();
        assert_eq!(p.orders[0].direction, OrderDirection::Random);
        assert_eq!(p.orders[1].direction, OrderDirection::Asc);
        // Arrays and encrypted columns may be ordered.
        assert!(plan(&[r#"{"method":"orderAsc","attribute":"tags"}"#]).is_ok());
        assert!(plan(&[r#"{"method":"orderAsc","attribute":"secret"}"#]).is_ok());

        assert_eq!(
            err(&[r#"{"method":"orderAsc","attribute":"nope"}"#]),
            "Invalid query: Attribute not found in schema: nope"
        );
        assert_eq!(
            err(&[r#"{"method":"orderAsc","attribute":"pending"}"#]),
            "Invalid query: Attribute not found in schema: pending"
        );
        assert_eq!(
            err(&[r#"{"method":"orderAsc","attribute":"author.name"}"#]),
            "Invalid query: Cannot order by nested attribute: author"
        );
        assert_eq!(
            err(&[r#"{"method":"orderAsc","attribute":"x.y"}"#]),
            "Invalid query: Attribute not found in schema: x"
        );
        assert_eq!(
            err(&[r#"{"method":"orderAsc","attribute":"Title"}"#]),
            "Invalid query: Attribute not found in schema: Title"
        );
    }

    #[test]
    fn selects() {
        let p = plan(&[
            r#"{"method":"select","values":["title","$id","author.*"]}"#,
            r#"{"method":"select","values":["title","count"]}"#,
        ])
        .unwrap();
        assert_eq!(
            p.select,
            Some(vec![
                "title".into(),
                "$id".into(),
                "author.*".into(),
                "count".into()
            ])
        );
        assert!(plan(&[r#"{"method":"select","values":["*"]}"#]).is_ok());
        assert!(plan(&[r#"{"method":"select","values":["*","author"]}"#]).is_ok());
        assert_eq!(
            err(&[r#"{"method":"select","values":[]}"#]),
            "Invalid query: No attributes selected"
        );
        assert_eq!(
            err(&[r#"{"method":"select","values":["a","a"]}"#]),
            "Invalid query: Duplicate attributes selected"
        );
        assert_eq!(
            err(&[r#"{"method":"select","values":["title","nope"]}"#]),
            "Invalid query: Attribute not found in schema: nope"
        );
        assert_eq!(
            err(&[r#"{"method":"select","values":["author"]}"#]),
            "Cannot select attributes: author"
        );
        assert_eq!(
            err(&[r#"{"method":"select","values":["$tenant","title"]}"#]),
            "Cannot select attributes: $tenant"
        );
    }

    #[test]
    fn single_row_get() {
        let t = table();
        let get = |raws: &[&str]| {
            let qs: Vec<Query> = raws.iter().map(|r| q(r)).collect();
            plan_get(&qs, &t)
        };
        let p = get(&[r#"{"method":"select","values":["title","$id"]}"#]).unwrap();
        assert_eq!(p.select, Some(vec!["title".into(), "$id".into()]));
        assert!(p.orders.is_empty());
        for (raw, method) in [
            (
                r#"{"method":"equal","attribute":"$sequence","values":["1"]}"#,
                "equal",
            ),
            (r#"{"method":"limit","values":[1]}"#, "limit"),
            (r#"{"method":"orderAsc","attribute":"title"}"#, "orderAsc"),
            (r#"{"method":"cursorAfter","values":["x"]}"#, "cursorAfter"),
        ] {
            let e = get(&[raw]).unwrap_err();
            assert_eq!(e.kind, ErrorType::GeneralQueryInvalid);
            assert_eq!(e.message, format!("Invalid query method: {method}"));
        }
    }

    #[test]
    fn value_counts() {
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"title","values":[]}"#]),
            "Invalid query: Equal queries require at least one value."
        );
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"title"}"#]),
            "Invalid query: Equal queries require at least one value."
        );
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"title","values":[[]]}"#]),
            "Invalid query: Equal queries require at least one value."
        );
        assert_eq!(
            err(&[r#"{"method":"notContains","attribute":"title","values":[]}"#]),
            "Invalid query: NotContains queries require at least one value."
        );
        assert_eq!(
            err(&[r#"{"method":"notEqual","attribute":"title","values":["a","b"]}"#]),
            "Invalid query: NotEqual queries require exactly one value."
        );
        assert_eq!(
            err(&[r#"{"method":"greaterThan","attribute":"count","values":[]}"#]),
            "Invalid query: GreaterThan queries require exactly one value."
        );
        assert_eq!(
            err(&[r#"{"method":"between","attribute":"count","values":[1]}"#]),
            "Invalid query: Between queries require exactly two values."
        );
        assert_eq!(
            err(&[r#"{"method":"search","attribute":"title","values":["a","b"]}"#]),
            "Invalid query: Search queries require exactly one value."
        );
        let many: Vec<String> = (0..501).map(|i| i.to_string()).collect();
        let raw = format!(
            r#"{{"method":"equal","attribute":"count","values":[{}]}}"#,
            many.join(",")
        );
        assert_eq!(
            err(&[&raw]),
            "Invalid query: Query on attribute has greater than 500 values: count"
        );
        let raw = format!(
            r#"{{"method":"equal","attribute":"count","values":[{}]}}"#,
            many[..500].join(",")
        );
        assert!(plan(&[&raw]).is_ok());
    }

    #[test]
    fn attributes() {
        for attr in [
            "nope",
            "pending",
            "Title",
            "$permissions",
            "a\"; DROP TABLE x; --",
        ] {
            assert_eq!(
                err(&[&format!(
                    r#"{{"method":"equal","attribute":{},"values":["x"]}}"#,
                    serde_json::json!(attr)
                )]),
                format!("Invalid query: Attribute not found in schema: {attr}")
            );
        }
        assert_eq!(
            err(&[r#"{"method":"isNull","attribute":"x.y"}"#]),
            "Invalid query: Attribute not found in schema: x"
        );
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"secret","values":["x"]}"#]),
            "Invalid query: Cannot query encrypted attribute: secret"
        );
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"fans","values":["x"]}"#]),
            "Invalid query: Cannot query on virtual relationship attribute"
        );
        assert!(plan(&[r#"{"method":"equal","attribute":"author","values":["x"]}"#]).is_ok());
        // Filters through relationships are checked at the top level only; without the
        // related table they match nothing.
        let p = plan(&[r#"{"method":"equal","attribute":"author.name","values":[1]}"#]).unwrap();
        assert_eq!(p.filters, vec![Filter::Const(false)]);
        let p = plan(&[r#"{"method":"isNull","attribute":"fans.name"}"#]).unwrap();
        assert_eq!(p.filters, vec![Filter::Const(false)]);
        let e = plan(&[
            r#"{"method":"or","values":[{"method":"equal","attribute":"author.name","values":["x"]},{"method":"isNull","attribute":"title"}]}"#,
        ])
        .unwrap_err();
        assert_eq!(e.kind, ErrorType::GeneralUnknown);
    }

    #[test]
    fn operand_types() {
        let invalid = |attr: &str, value: &str| {
            err(&[&format!(
                r#"{{"method":"equal","attribute":"{attr}","values":[{value}]}}"#
            )])
        };
        let msg =
            |attr: &str| format!("Invalid query: Query value is invalid for attribute \"{attr}\"");
        assert_eq!(invalid("title", "5"), msg("title"));
        assert_eq!(invalid("title", "null"), msg("title"));
        assert_eq!(invalid("count", "\"5\""), msg("count"));
        assert_eq!(invalid("count", "5.0"), msg("count"));
        assert_eq!(invalid("count", "true"), msg("count"));
        assert_eq!(invalid("count", "9223372036854775808"), msg("count"));
        assert_eq!(invalid("small", "2147483648"), msg("small"));
        assert_eq!(invalid("price", "\"1\""), msg("price"));
        assert_eq!(invalid("flag", "1"), msg("flag"));
        assert_eq!(invalid("body", "[\"x\"]"), msg("body"));
        assert_eq!(invalid("$id", "1"), msg("$id"));
        assert_eq!(
            invalid("author", &format!("\"{}\"", "a".repeat(256))),
            msg("author")
        );
        for bad in [
            "12", "\"\"", "\"0\"", "\"-1\"", "\"1.5\"", "\"abc\"", "\"1e2\"",
        ] {
            assert_eq!(invalid("$sequence", bad), msg("$sequence"), "{bad}");
        }
        let p =
            plan(&[r#"{"method":"equal","attribute":"$sequence","values":["12"," 13"]}"#]).unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::In {
                column: "_seq".into(),
                values: vec![SqlValue::Integer(12), SqlValue::Integer(13)]
            }]
        );
        let p =
            plan(&[r#"{"method":"lessThan","attribute":"small","values":[2147483647]}"#]).unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::Compare {
                column: "c8".into(),
                op: CompareOp::Lt,
                value: SqlValue::Integer(2147483647)
            }]
        );
        let p = plan(&[r#"{"method":"equal","attribute":"price","values":[1, 2.5]}"#]).unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::In {
                column: "c4".into(),
                values: vec![SqlValue::Real(1.0), SqlValue::Real(2.5)]
            }]
        );
        let p = plan(&[r#"{"method":"notEqual","attribute":"flag","values":[false]}"#]).unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::Compare {
                column: "c5".into(),
                op: CompareOp::Ne,
                value: SqlValue::Integer(0)
            }]
        );
    }

    #[test]
    fn arrays_and_contains() {
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"tags","values":["x"]}"#]),
            "Invalid query: Cannot query equal on attribute \"tags\" because it is an array."
        );
        assert_eq!(
            err(&[r#"{"method":"startsWith","attribute":"tags","values":["x"]}"#]),
            "Invalid query: Cannot query startsWith on attribute \"tags\" because it is an array."
        );
        // Value type is checked before the array rule.
        assert_eq!(
            err(&[r#"{"method":"equal","attribute":"tags","values":[1]}"#]),
            "Invalid query: Query value is invalid for attribute \"tags\""
        );
        assert!(plan(&[r#"{"method":"isNull","attribute":"tags"}"#]).is_ok());
        assert!(plan(&[r#"{"method":"contains","attribute":"nums","values":[1,2]}"#]).is_ok());
        assert_eq!(
            plan(&[r#"{"method":"notContains","attribute":"tags","values":["a"]}"#])
                .unwrap()
                .filters,
            vec![Filter::ArrayContains {
                column: "c3".into(),
                values: vec![SqlValue::Text("a".into())],
                negated: true
            }]
        );
        assert_eq!(
            plan(&[r#"{"method":"contains","attribute":"title","values":["5%_\\"]}"#])
                .unwrap()
                .filters,
            vec![Filter::Like {
                column: "c1".into(),
                // The value's own `\` is left as an escape (it escapes the closing `%`).
                patterns: vec!["%5\\%\\_\\%".into()],
                negated: false
            }]
        );
        assert_eq!(
            err(&[r#"{"method":"contains","attribute":"count","values":[1]}"#]),
            "Invalid query: Cannot query contains on attribute \"count\" because it is not an array, string, or object."
        );
        assert_eq!(
            err(&[r#"{"method":"notContains","attribute":"count","values":[1]}"#]),
            "Invalid query: Cannot query notContains on attribute \"count\" because it is not an array, string, or object."
        );
        // The text kinds are strings too (tour-v19.jsonl 1.9.6 seq 2463: containsAny on text).
        for method in ["contains", "notContains", "containsAny"] {
            assert!(
                plan(&[&format!(
                    r#"{{"method":"{method}","attribute":"body","values":["x"]}}"#
                )])
                .is_ok(),
                "{method}"
            );
        }
    }

    #[test]
    fn search_needs_fulltext() {
        let p =
            plan(&[r#"{"method":"search","attribute":"title","values":["dune desert"]}"#]).unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::Search {
                fts_table: "f1".into(),
                expression: Some("\"dune\" OR \"desert\"*".into()),
                negated: false
            }]
        );
        assert_eq!(
            err(&[r#"{"method":"search","attribute":"body","values":["x"]}"#]),
            "Searching by attribute \"body\" requires a fulltext index."
        );
        // Other validation errors come first, even from later queries.
        assert_eq!(
            err(&[
                r#"{"method":"search","attribute":"body","values":["x"]}"#,
                r#"{"method":"limit","values":[0]}"#
            ]),
            "Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808"
        );
        // Nested searches are checked before top-level ones.
        assert_eq!(
            err(&[
                r#"{"method":"notSearch","attribute":"body","values":["x"]}"#,
                r#"{"method":"or","values":[{"method":"search","attribute":"count","values":[1]},{"method":"isNull","attribute":"title"}]}"#
            ]),
            "Searching by attribute \"count\" requires a fulltext index."
        );
        assert_eq!(
            err(&[r#"{"method":"search","attribute":"tags","values":["x"]}"#]),
            "Invalid query: Cannot query search on attribute \"tags\" because it is an array."
        );
        // A fulltext index that is not available does not count.
        let mut t = table();
        t.indexes[0].status = Status::Processing;
        let e = plan_rows(
            &[q(
                r#"{"method":"search","attribute":"title","values":["x"]}"#,
            )],
            &t,
            AppwriteVersion::V1_8_1,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Searching by attribute \"title\" requires a fulltext index."
        );
    }

    #[test]
    fn logical() {
        let p = plan(&[r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"and","values":[{"method":"greaterThan","attribute":"price","values":[5]},{"method":"lessThan","attribute":"price","values":[10]}]}]}"#]).unwrap();
        assert!(
            matches!(&p.filters[0], Filter::Or(list) if list.len() == 2 && matches!(&list[1], Filter::And(_)))
        );
        assert_eq!(
            err(&[
                r#"{"method":"and","values":[{"method":"equal","attribute":"count","values":[1]}]}"#
            ]),
            "Invalid query: And queries require at least two queries"
        );
        assert_eq!(
            err(&[r#"{"method":"or","values":[]}"#]),
            "Invalid query: Or queries require at least two queries"
        );
        assert_eq!(
            err(&[
                r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"limit","values":[1]}]}"#
            ]),
            "Invalid query: Or queries can only contain filter queries"
        );
        // Nested queries are validated first.
        assert_eq!(
            err(&[
                r#"{"method":"or","values":[{"method":"equal","attribute":"nope","values":[1]}]}"#
            ]),
            "Invalid query: Attribute not found in schema: nope"
        );
        assert_eq!(
            err(&[
                r#"{"method":"and","values":[{"method":"limit","values":[0]},{"method":"isNull","attribute":"count"}]}"#
            ]),
            "Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn not_1_8_features() {
        assert_eq!(
            err(&[
                r#"{"method":"elemMatch","attribute":"tags","values":[{"method":"equal","attribute":"title","values":["x"]}]}"#
            ]),
            "Invalid query: elemMatch is not supported by the database"
        );
        assert_eq!(
            err(&[
                r#"{"method":"elemMatch","attribute":"tags","values":[{"method":"equal","attribute":"sku","values":["x"]}]}"#
            ]),
            "Invalid query: Attribute not found in schema: sku"
        );
        assert_eq!(
            err(&[r#"{"method":"vectorDot","attribute":"title","values":[[1,2]]}"#]),
            "Invalid query: Vector queries can only be used on vector attributes"
        );
        assert_eq!(
            err(&[r#"{"method":"vectorCosine","attribute":"emb","values":[[1,2]]}"#]),
            "Invalid query: Attribute not found in schema: emb"
        );
        assert_eq!(
            err(&[r#"{"method":"exists","values":["title","count"]}"#]),
            "Invalid query: Attribute not found in schema: "
        );
        assert_eq!(
            err(&[r#"{"method":"notExists","values":[]}"#]),
            "Invalid query: NotExists queries require at least one value."
        );
        let e =
            plan(&[r#"{"method":"exists","attribute":"title","values":["title"]}"#]).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (ErrorType::GeneralUnknown, "Server Error")
        );
    }

    #[test]
    fn spatial() {
        assert_eq!(
            err(&[r#"{"method":"crosses","attribute":"title","values":[[1,2]]}"#]),
            "Invalid query: Spatial query \"crosses\" cannot be applied on non-spatial attribute: title"
        );
        assert_eq!(
            err(&[r#"{"method":"intersects","attribute":"place","values":[]}"#]),
            "Invalid query: Intersects queries require at least one value."
        );
        assert_eq!(
            err(&[r#"{"method":"distanceLessThan","attribute":"place","values":[[1,2]]}"#]),
            "Invalid query: Distance query requires [[geometry, distance]] parameters"
        );
        assert_eq!(
            err(&[r#"{"method":"intersects","attribute":"place","values":["x"]}"#]),
            "Invalid query: Spatial data must be an array"
        );
        let p = plan(&[r#"{"method":"intersects","attribute":"place","values":[[1,2],[3,4]]}"#])
            .unwrap();
        assert_eq!(
            p.filters,
            vec![Filter::Spatial {
                column: "c13".into(),
                method: Method::Intersects,
                operand: "[1,2]".into(),
            }]
        );
        for raw in [
            r#"{"method":"equal","attribute":"place","values":[[1,2]]}"#,
            r#"{"method":"notContains","attribute":"place","values":[[[0,0],[1,1]]]}"#,
            r#"{"method":"distanceLessThan","attribute":"place","values":[[[1,2],5,true]]}"#,
            r#"{"method":"distanceEqual","attribute":"place","values":[[[[0,0],[1,1]],5,false]]}"#,
        ] {
            assert!(plan(&[raw]).is_ok(), "{raw}");
        }
        // Methods MariaDB's adapter has no spatial SQL for, and geometries it cannot turn
        // into WKT, fail when run: a 500 on Appwrite.
        for raw in [
            r#"{"method":"isNull","attribute":"place"}"#,
            r#"{"method":"lessThan","attribute":"place","values":[[1,2]]}"#,
            r#"{"method":"intersects","attribute":"place","values":[["a","b","c"]]}"#,
            r#"{"method":"distanceLessThan","attribute":"place","values":[[[], 5, false]]}"#,
        ] {
            let e = plan(&[raw]).unwrap_err();
            assert_eq!(e.kind, ErrorType::GeneralUnknown, "{raw}");
        }
        assert_eq!(
            err(&[
                r#"{"method":"distanceLessThan","attribute":"place","values":[[[[0,0],[1,1]],5,true]]}"#
            ]),
            "Distance in meters is not supported between point and linestring"
        );
    }
}
