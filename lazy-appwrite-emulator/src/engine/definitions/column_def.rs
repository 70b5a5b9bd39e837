//! Column definitions from request parameters: the create and update bodies of
//! `…/columns/{type}` and the inline `columns` of create-table.

use serde_json::Value;

use crate::error::catalogue;
use crate::error::catalogue::{definitions, validators};
use crate::error::{ApiError, ApiResult};
use crate::http::params::Params;
use crate::schema::{ColumnKind, ColumnSpec, Range, TableMeta, column_width};
use crate::validate::ids::{KEY_DESCRIPTION, check_key};
use crate::validate::value::check_default;

/// Most columns a table may have.
pub const MAX_COLUMNS: usize = 1010;
const STRING_MAX: i64 = 1_073_741_824;
const VARCHAR_MAX: i64 = 16_381;

fn range_description(min: i64, max: i64) -> String {
    validators::range(group(min), group(max))
}

/// Formats an integer with thousands separators, as PHP's number_format does.
fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Parses the body of `POST …/columns/{kind}` into a column, checking parameters and the
/// default against size, range and elements (not yet against the table).
pub fn parse_create(kind: ColumnKind, params: &Params) -> ApiResult<ColumnSpec> {
    let key = match params.required("key")? {
        Value::String(s) => s.clone(),
        _ => return Err(ApiError::param_invalid("key", KEY_DESCRIPTION)),
    };
    check_key("key", &key)?;
    let mut spec = ColumnSpec::new(key, kind);
    // Required for every kind, spatial ones included (`param('required', null, new
    // Boolean())` in Appwrite's Point/Line/Polygon create endpoints).
    spec.required = params
        .bool_strict("required")?
        .ok_or_else(|| ApiError::param_missing("required"))?;
    if !kind.is_spatial() {
        spec.array = params.bool_strict("array")?.unwrap_or(false);
    }
    apply_options(&mut spec, params, true)?;
    if let Some(default) = params.get("default") {
        spec.default = Some(check_default(&spec, default)?);
    }
    Ok(spec)
}

/// Applies the kind-specific options (size, min/max, elements, encrypt) of a create or
/// update body to `spec`.
pub fn apply_options(spec: &mut ColumnSpec, params: &Params, creating: bool) -> ApiResult<()> {
    match spec.kind {
        ColumnKind::String | ColumnKind::Varchar => {
            let max = if spec.kind == ColumnKind::String {
                STRING_MAX
            } else {
                VARCHAR_MAX
            };
            // On update the parameter is optional: its description ends "or null".
            let description = if creating {
                range_description(1, max)
            } else {
                format!("{} or null", range_description(1, max))
            };
            match params
                .int_loose("size")
                .map_err(|_| ApiError::param_invalid("size", &description))?
            {
                Some(size) if (1..=max).contains(&size) => spec.size = Some(size),
                Some(_) => return Err(ApiError::param_invalid("size", &description)),
                None if creating => return Err(ApiError::param_missing("size")),
                None => {}
            }
        }
        ColumnKind::Integer => {
            let (cur_min, cur_max) = match spec.range {
                Range::Int { min, max } => (min, max),
                _ => (i64::MIN, i64::MAX),
            };
            let int = |name: &str| {
                params.int(name).map_err(|_| {
                    ApiError::param_invalid(
                        name,
                        &validators::or_null(validators::signed_integer(64)),
                    )
                })
            };
            let min = int("min")?.unwrap_or(cur_min);
            let max = int("max")?.unwrap_or(cur_max);
            if min > max {
                return Err(catalogue::min_not_below_max());
            }
            spec.range = Range::Int { min, max };
        }
        ColumnKind::Float => {
            let (cur_min, cur_max) = match spec.range {
                Range::Float { min, max } => (min, max),
                _ => (-f64::MAX, f64::MAX),
            };
            let number = |name: &str| {
                params.number(name).map_err(|_| {
                    ApiError::param_invalid(name, &validators::or_null(validators::float()))
                })
            };
            let min = number("min")?.unwrap_or(cur_min);
            let max = number("max")?.unwrap_or(cur_max);
            if min > max {
                return Err(catalogue::min_not_below_max());
            }
            spec.range = Range::Float { min, max };
        }
        // Create takes an empty list (columns.jsonl 1.8.1 seq 483); update refuses it.
        ColumnKind::Enum => match params.string_list("elements", 100, 255)? {
            Some(elements) if creating || !elements.is_empty() => spec.elements = elements,
            Some(_) => {
                return Err(catalogue::enum_elements_empty());
            }
            None => return Err(ApiError::param_missing("elements")),
        },
        _ => {}
    }
    if creating && spec.kind.is_textual() {
        spec.encrypt = params.bool_strict("encrypt")?.unwrap_or(false);
        if spec.encrypt && spec.size.unwrap_or(0) < 150 {
            return Err(catalogue::encrypted_size_too_small());
        }
    }
    Ok(())
}

/// The checks that need the table: required/array against default, duplicate keys, and the
/// table's column count and row width.
pub fn check_against_table(
    spec: &ColumnSpec,
    table: &TableMeta,
    replacing: Option<&str>,
) -> ApiResult<()> {
    check_default_rules(spec)?;
    let clash = table
        .columns
        .iter()
        .filter(|c| replacing.is_none_or(|r| !c.spec.key.eq_ignore_ascii_case(r)))
        .any(|c| c.spec.key.eq_ignore_ascii_case(&spec.key));
    if clash {
        return Err(catalogue::column_exists(&spec.key));
    }
    if replacing.is_none() {
        let width = table.bytes_used() + column_width(spec);
        if table.columns.len() >= MAX_COLUMNS || width >= crate::schema::MAX_ROW_BYTES {
            return Err(catalogue::column_limit(&table.id));
        }
    }
    Ok(())
}

/// `required` or `array` together with a default is refused.
pub fn check_default_rules(spec: &ColumnSpec) -> ApiResult<()> {
    let has_default = spec.default.as_ref().is_some_and(|d| !d.is_null());
    if has_default && spec.required {
        return Err(catalogue::default_on_required());
    }
    if has_default && spec.array {
        return Err(catalogue::default_on_array());
    }
    Ok(())
}

/// Parses one inline column of create-table: `{key, type, size?, required?, default?,
/// array?, format?, elements?, min?, max?}`. Every failure is `general_argument_invalid`.
pub fn parse_inline(definition: &serde_json::Map<String, Value>) -> ApiResult<ColumnSpec> {
    let params = Params::from_map(definition.clone());
    let invalid = |why: String| ApiError::param_invalid("columns", &why);
    let type_name = params
        .required_text("type", 1, 64)
        .map_err(|e| invalid(e.message))?;
    let format = params
        .text("format", 0, 64)
        .map_err(|e| invalid(e.message))?;
    let kind = match (type_name.as_str(), format.as_deref().unwrap_or("")) {
        ("string", "") => ColumnKind::String,
        ("string", "email") => ColumnKind::Email,
        ("string", "enum") => ColumnKind::Enum,
        ("string", "ip") => ColumnKind::Ip,
        ("string", "url") => ColumnKind::Url,
        ("varchar", "") => ColumnKind::Varchar,
        ("text", "") => ColumnKind::Text,
        ("mediumtext", "") => ColumnKind::Mediumtext,
        ("longtext", "") => ColumnKind::Longtext,
        ("integer" | "bigint", "") => ColumnKind::Integer,
        ("double" | "float", "") => ColumnKind::Float,
        ("boolean", "") => ColumnKind::Boolean,
        ("datetime", "" | "datetime") => ColumnKind::Datetime,
        ("point", "") => ColumnKind::Point,
        ("linestring", "") => ColumnKind::Line,
        ("polygon", "") => ColumnKind::Polygon,
        (t, f) => {
            return Err(invalid(definitions::unknown_column_type(t, f)));
        }
    };
    let mut with_required = definition.clone();
    with_required
        .entry("required")
        .or_insert(Value::Bool(false));
    if matches!(
        kind,
        ColumnKind::Email | ColumnKind::Ip | ColumnKind::Url | ColumnKind::Enum
    ) {
        with_required.remove("size");
    }
    let unset_bounds = [
        !definition.contains_key("min"),
        !definition.contains_key("max"),
    ];
    let mut spec =
        parse_create(kind, &Params::from_map(with_required)).map_err(|e| invalid(e.message))?;
    if kind == ColumnKind::Integer || kind == ColumnKind::Float {
        spec.unset_bounds = unset_bounds;
    }
    spec.bigint = type_name == "bigint";
    // A format column keeps the `size` its inline definition gives (it counts in the
    // table's `bytesUsed`: an enum of size 16 takes 65 bytes, tour-v19.jsonl 1.9.6 seq 2118);
    // the model shows no size for these kinds.
    if kind != ColumnKind::String
        && kind.fixed_size().is_some()
        && let Some(size) = definition
            .get("size")
            .and_then(Value::as_i64)
            .filter(|s| (1..=STRING_MAX).contains(s))
    {
        spec.size = Some(size);
    }
    // An inline integer without bounds is a 32-bit column.
    if let Range::Int { min, max } = &mut spec.range
        && unset_bounds == [true, true]
        && !spec.bigint
    {
        *min = i64::from(i32::MIN);
        *max = i64::from(i32::MAX);
    }
    check_default_rules(&spec).map_err(|e| invalid(e.message))?;
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_format_groups_thousands() {
        assert_eq!(group(1_073_741_824), "1,073,741,824");
        assert_eq!(group(-5), "-5");
        assert_eq!(group(100), "100");
    }
}
