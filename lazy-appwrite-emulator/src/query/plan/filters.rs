//! utopia's `Filter` validator: attributes, methods and operands of filter queries.

use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::error::ApiError;
use crate::error::catalogue;
use crate::error::catalogue::queries;
use crate::php;
use crate::query::parse::{Method, Query};
use crate::query::spatial;

use super::*;

/// `Filter` validator.
pub(super) fn check_filter(
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
                return Err(queries::at_least_one_value(&method.ucfirst()));
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
                return Err(queries::distance_parameters().into());
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
                return Err(queries::exactly_one_value(&method.ucfirst()));
            }
            check_attribute_and_values(query, schema)
        }
        Method::Between | Method::NotBetween => {
            if values.len() != 2 {
                return Err(queries::exactly_two_values(&method.ucfirst()));
            }
            check_attribute_and_values(query, schema)
        }
        Method::IsNull | Method::IsNotNull => check_attribute_and_values(query, schema),
        _ if method.is_vector() => {
            check_attribute(&query.attribute, schema)?;
            // There are no vector columns in 1.8.
            Err(queries::vector_only().into())
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
                return Err(queries::only_filters(&method.ucfirst()));
            }
            if filters.len() < 2 {
                return Err(queries::at_least_two_queries(&method.ucfirst()));
            }
            Ok(if method == Method::And {
                Cond::And(filters)
            } else {
                Cond::Or(filters)
            })
        }
        Method::ElemMatch => Err(queries::elem_match_unsupported().into()),
        _ if method.is_spatial() => {
            if is_empty_values(values) {
                return Err(queries::at_least_one_value(&method.ucfirst()));
            }
            check_attribute_and_values(query, schema)
        }
        // Not a filter method; `check_list` never routes one here.
        _ => Err(queries::invalid().into()),
    }
}

/// `Filter::isValidAttribute`.
pub(super) fn check_attribute(attribute: &str, schema: &dyn Schema) -> Result<(), String> {
    if schema.lookup(attribute).is_some_and(|a| a.encrypted) {
        return Err(queries::encrypted(attribute));
    }
    let mut key = attribute;
    if key.contains('.') {
        if schema.lookup(key).is_some() {
            return Ok(());
        }
        key = first_segment(key);
    }
    if schema.lookup(key).is_none() {
        return Err(queries::attribute_not_found(key));
    }
    Ok(())
}

/// `Filter::isValidAttributeAndValues`, then the operands encoded for SQLite.
pub(super) fn check_attribute_and_values(
    query: &Query,
    schema: &dyn Schema,
) -> Result<Cond, String> {
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
        return Err(queries::attribute_not_found(base));
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
        return Err(queries::too_many_values(schema.max_values(), base));
    }
    if method.is_spatial() && attr.vtype != VType::Spatial {
        return Err(queries::spatial_on_non_spatial(method.as_str(), base));
    }

    let mut encoded = Vec::with_capacity(query.values.len());
    for value in &query.values {
        if attr.vtype == VType::Spatial {
            if !matches!(value, Value::Array(_) | Value::Object(_)) {
                return Err(queries::spatial_not_array().into());
            }
            encoded.push(SqlValue::Text(value.to_string()));
            continue;
        }
        match encode_operand(&attr, value) {
            Some(v) => encoded.push(v),
            None => return Err(queries::value_invalid(base)),
        }
    }

    if attr.virtual_relationship {
        return Err(queries::virtual_relationship().into());
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
        return Err(queries::not_containable(name, base));
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
        return Err(queries::on_array(method.as_str(), base));
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
pub(super) fn spatial_cond(
    method: Method,
    base: &str,
    attr: &AttrSchema<'_>,
    first: Option<&Value>,
) -> Cond {
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
pub(super) fn encode_operand(attr: &AttrSchema<'_>, value: &Value) -> Option<SqlValue> {
    // Columns: the value codec applies the same per-type rules (for arrays, to one element).
    if let Some(spec) = attr.spec {
        return crate::store::codec::encode_query_value(spec, value);
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
pub(super) fn first_segment(attribute: &str) -> &str {
    attribute.split('.').next().unwrap_or(attribute)
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum NumError {
    NotNumeric,
    OutOfRange,
}

/// utopia `Numeric` then `Range(min, PHP_INT_MAX, integer)`: the value must be numeric
/// (numbers or PHP numeric strings) and `$value + 0` must be an integer ≥ `min`.
pub(super) fn php_int_in_range(value: Option<&Value>, min: i64) -> Result<i64, NumError> {
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
