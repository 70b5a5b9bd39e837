//! The body of `PATCH …/columns/{kind}/{key}`, read as Appwrite reads it: the route's
//! kind decides which parameters exist and how they are validated, and the result is
//! applied to the stored column whatever its kind.
//!
//! Appwrite's check that the route's kind matches the column never fires (both recorded
//! releases), so `PATCH …/columns/integer/{a string column}` succeeds: it sets `required`
//! and `default`, and only the options the stored column has (size, range, elements)
//! (columns.jsonl 1.8.1 seqs 342, 343, 380, 447, 513).

use serde_json::Value;

use super::column_def::apply_options;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::http::params::Params;
use crate::schema::{ColumnKind, ColumnSpec, Range};
use crate::validate::ids::KEY_DESCRIPTION;
use crate::validate::value::check_default;

/// Parses the update body sent through the route of kind `route` and applies it to the
/// stored column `current`.
pub fn parse_update(
    route: ColumnKind,
    current: &ColumnSpec,
    params: &Params,
) -> ApiResult<ColumnSpec> {
    let mut spec = current.clone();
    spec.required = params
        .bool_strict("required")?
        .ok_or_else(|| ApiError::param_missing("required"))?;
    if !route.is_spatial() && !params.has_key("default") {
        return Err(ApiError::param_missing("default"));
    }
    if let Some(new_key) = params.get("newKey") {
        let description = crate::error::catalogue::validators::or_null(KEY_DESCRIPTION);
        let Value::String(new_key) = new_key else {
            return Err(ApiError::param_invalid("newKey", &description));
        };
        if !crate::validate::ids::is_valid_id(new_key) {
            return Err(ApiError::param_invalid("newKey", &description));
        }
        spec.key = new_key.clone();
    }
    // The route's options (size, min/max, elements), parsed with the column's current
    // values as fallbacks.
    let mut asked = if route == current.kind {
        current.clone()
    } else {
        let mut asked = ColumnSpec::new(current.key.clone(), route);
        asked.range = match (route, current.range) {
            (ColumnKind::Float, Range::Int { min, max }) => Range::Float {
                min: min as f64,
                max: max as f64,
            },
            (ColumnKind::Integer, Range::Float { min, max }) => Range::Int {
                min: min as i64,
                max: max as i64,
            },
            (_, range) if route.is_numeric() && range != Range::None => range,
            _ => asked.range,
        };
        asked
    };
    apply_options(&mut asked, params, false)?;
    merge_options(&mut spec, route, &asked)?;
    // The default passes the route's validator and the stored column's range or elements.
    // A string default may exceed the size on update (columns.jsonl 1.8.1 seq 331).
    let default = match params.get("default") {
        None | Some(Value::Null) => Value::Null,
        Some(default) => {
            let mut probe = asked.clone();
            probe.range = spec.range;
            probe.elements = spec.elements.clone();
            if matches!(route, ColumnKind::String | ColumnKind::Varchar) {
                probe.size = None;
            }
            let default = check_default(&probe, default)?;
            if route != current.kind && !fits_stored_type(current.kind, &default) {
                // Appwrite's storage layer refuses a default of another type (an exception
                // no recording shows); the emulator refuses it as a kind mismatch.
                return Err(catalogue::column_type_invalid(&current.key));
            }
            default
        }
    };
    // Sending `null` clears the default in the model only; rows keep getting the old one
    // unless the column becomes required.
    let before = current.row_default().clone();
    spec.kept_default =
        (default.is_null() && !spec.required && !before.is_null()).then_some(before);
    spec.default = params.get("default").map(|_| default);
    Ok(spec)
}

/// Applies the options the route parsed (`asked`) to the stored column, as far as the
/// stored column has them.
fn merge_options(spec: &mut ColumnSpec, route: ColumnKind, asked: &ColumnSpec) -> ApiResult<()> {
    match spec.kind {
        ColumnKind::String | ColumnKind::Varchar
            if matches!(route, ColumnKind::String | ColumnKind::Varchar)
                && asked.size.is_some() =>
        {
            spec.size = asked.size;
        }
        ColumnKind::Integer => match asked.range {
            Range::Int { min, max } => {
                spec.int_width = Some(crate::schema::column_width(spec));
                spec.range = Range::Int { min, max }
            }
            Range::Float { min, max } => {
                spec.range = Range::Int {
                    min: min as i64,
                    max: max as i64,
                }
            }
            Range::None => {}
        },
        // Reproduced bug (both releases): the integer route on a float column fails with
        // a bare `500` and changes nothing (columns.jsonl 1.8.1 seq 399).
        ColumnKind::Float if route == ColumnKind::Integer => {
            return Err(ApiError::internal("integer update of a float column"));
        }
        ColumnKind::Float => {
            if let Range::Float { min, max } = asked.range {
                spec.range = Range::Float { min, max };
            }
        }
        // Only the enum route has `elements`: any other leaves them empty.
        ColumnKind::Enum if route != ColumnKind::Enum => {
            return Err(catalogue::enum_elements_empty());
        }
        ColumnKind::Enum => spec.elements = asked.elements.clone(),
        _ => {}
    }
    Ok(())
}

/// Whether `default` has the JSON type the stored column's kind keeps (a string for the
/// textual kinds and datetimes, an integer, a number, a boolean, an array for spatial).
fn fits_stored_type(kind: ColumnKind, default: &Value) -> bool {
    match kind {
        ColumnKind::Integer => default.is_i64() || default.is_u64(),
        ColumnKind::Float => default.is_f64(),
        ColumnKind::Boolean => default.is_boolean(),
        ColumnKind::Point | ColumnKind::Line | ColumnKind::Polygon => default.is_array(),
        ColumnKind::Relationship => false,
        _ => default.is_string(),
    }
}
