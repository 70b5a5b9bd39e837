//! Checking parsed queries against a table, with the messages of utopia-php/database 5.2's
//! validators (`Validator/Queries.php`, `IndexedQueries.php`, `Query/{Filter, Order, Limit,
//! Offset, Cursor, Select}.php`), and turning them into a [`Plan`] the SQL layer runs.
//!
//! The validation core is shared with [`super::memory`], which checks metadata lists against
//! a fixed set of fields instead of a table.

use std::sync::Arc;

use rusqlite::types::Value as SqlValue;

use super::parse::{Method, MethodType, Query, parse_query_in};
use crate::error::{ApiError, ApiResult};
use crate::profile::AppwriteVersion;
use crate::schema::TableMeta;
use crate::store::relations::{self, End, Holding, Layout};

/// Most values one filter may carry on row queries (`APP_DATABASE_QUERY_MAX_VALUES`).
pub const MAX_QUERY_VALUES: usize = 500;
/// Default page size when no `limit` query is given.
pub const DEFAULT_LIMIT: i64 = 25;

pub(super) use crate::error::catalogue::validators::UID_DESCRIPTION;

/// PHP_INT_MAX as Appwrite prints it in range messages: formatted as a float, hence `…808`.
const PHP_INT_MAX_FORMATTED: &str = "9,223,372,036,854,775,808";

mod checks;
mod filters;
mod table;
#[cfg(test)]
pub(crate) mod tests;

pub(super) use checks::*;
use filters::*;
use table::*;

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
        return Err(ApiError::query_invalid(
            crate::error::catalogue::queries::cursor_invalid(UID_DESCRIPTION),
        ));
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
