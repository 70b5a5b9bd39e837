//! The table adapter: a table as the validators see it, and checked conditions turned into
//! the physical filters the SQL layer runs.

use rusqlite::types::Value as SqlValue;

use crate::profile::AppwriteVersion;
use crate::query::parse::{Method, MethodType, Query};
use crate::query::spatial;
use crate::schema::{ColumnKind, ColumnMeta, IndexKind, Range, Status, TableMeta};
use crate::store::layout;

use super::*;

// ------------------------------------------------------------------------------------------
// Rows: the table schema and the physical filters
// ------------------------------------------------------------------------------------------

/// A table as the validators see it: `available` columns plus the system attributes.
pub(super) struct TableSchema<'a> {
    pub(super) table: &'a TableMeta,
    /// Single-row GET: only `select` is accepted and `$sequence` is not an attribute.
    pub(super) single: bool,
    /// The release whose validators apply.
    pub(super) profile: AppwriteVersion,
}

/// The `available` column with exactly this key.
pub(super) fn exact_column<'a>(table: &'a TableMeta, key: &str) -> Option<&'a ColumnMeta> {
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
pub(super) fn fulltext_index(table: &TableMeta, key: &str) -> Option<i64> {
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
/// the stored JSON text for an array column (see [`crate::query::collation`]) and the stored
/// geometry for a spatial one ([`spatial::compare_stored`]).
pub(super) fn order_column(table: &TableMeta, attribute: &str) -> String {
    match physical_column(table, attribute) {
        Some(column) if exact_column(table, attribute).is_some_and(|c| c.spec.array) => {
            format!("{column} COLLATE {}", crate::query::collation::JSON_NAME)
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

pub(super) fn physical_column(table: &TableMeta, attribute: &str) -> Option<String> {
    layout::system_column(attribute)
        .map(str::to_string)
        .or_else(|| exact_column(table, attribute).map(ColumnMeta::physical))
}

/// The filters through relationships among the top-level conditions: one per relationship,
/// its dotted queries combined (utopia groups them by relationship key).
pub(super) fn path_filters(
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
pub(super) fn path_filter(
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
pub(super) fn like_text(value: &SqlValue) -> String {
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
pub(super) fn to_filter(cond: &Cond, table: &TableMeta) -> Filter {
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
                    .and_then(|v| crate::query::fulltext::fts5_expression(&like_text(v))),
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
            .map(|v| pattern(&escape_like(&like_text(v))))
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

/// Escapes `%` and `_` for a LIKE pattern with `ESCAPE '\'`. A `\` of the value is left
/// alone, as Appwrite's storage layer does, so it escapes what follows it
/// (tour-queries.jsonl 1.8.1 seq 1403: `startsWith("Sym\\")` is `LIKE 'Sym\%'` and does not
/// find `Sym\bol`).
pub(super) fn escape_like(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
