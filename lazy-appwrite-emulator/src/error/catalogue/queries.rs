//! The query validator's messages (utopia's `Query` parser, `Queries` and its `Filter`,
//! `Order`, `Select`, `Limit`, `Offset` and `Cursor` validators), as Appwrite reports them
//! after "Invalid `queries` param: ". A check's own detail is wrapped by [`invalid_query`].

/// A check's `detail`, as the `Queries` validator reports it.
pub fn invalid_query(detail: &str) -> String {
    format!("Invalid query: {detail}")
}

/// `Invalid query` alone: a query no validator accepts.
pub fn invalid() -> &'static str {
    "Invalid query"
}

/// PHP's `json_decode` error for nesting deeper than its depth (and the validator's own
/// nesting limit).
pub fn stack_depth() -> &'static str {
    "Maximum stack depth exceeded"
}

/// PHP's `json_decode` error for a raw control character in a string.
pub fn control_character() -> &'static str {
    "Control character error, possibly incorrectly encoded"
}

/// PHP's `json_decode` error for a lone UTF-16 surrogate escape.
pub fn unpaired_surrogate() -> &'static str {
    "Single unpaired UTF-16 surrogate in unicode escape"
}

/// PHP's `json_decode` error for any other malformed JSON.
pub fn syntax_error() -> &'static str {
    "Syntax error"
}

/// The parser: a query that decodes to `php_type` instead of an array.
pub fn not_an_array(php_type: &str) -> String {
    format!("Invalid query. Must be an array, got {php_type}")
}

/// The parser: a method it does not know (`name` may be empty).
pub fn unknown_method(name: &str) -> String {
    format!("Invalid query method: {name}")
}

/// The parser: a `method` of `php_type` instead of a string.
pub fn method_not_string(php_type: &str) -> String {
    format!("Invalid query method. Must be a string, got {php_type}")
}

/// The parser: an `attribute` of `php_type` instead of a string.
pub fn attribute_not_string(php_type: &str) -> String {
    format!("Invalid query attribute. Must be a string, got {php_type}")
}

/// The parser: `values` of `php_type` instead of an array.
pub fn values_not_array(php_type: &str) -> String {
    format!("Invalid query values. Must be an array, got {php_type}")
}

/// The indexed-queries check: a search on an attribute without a fulltext index.
pub fn fulltext_required(attribute: &str) -> String {
    format!("Searching by attribute \"{attribute}\" requires a fulltext index.")
}

/// The `Limit` validator around a validator's `description` (the `Offset` validator's
/// "not a number" refusal says "limit" too).
pub fn limit_invalid(description: &str) -> String {
    format!("Invalid limit: {description}")
}

/// The `Offset` validator around a validator's `description`.
pub fn offset_invalid(description: &str) -> String {
    format!("Invalid offset: {description}")
}

/// The `Cursor` validator around a validator's `description`.
pub fn cursor_invalid(description: &str) -> String {
    format!("Invalid cursor: {description}")
}

/// The `Order` validator: an order on a relationship's nested attribute.
pub fn nested_order(attribute: &str) -> String {
    format!("Cannot order by nested attribute: {attribute}")
}

/// An attribute the table does not have.
pub fn attribute_not_found(attribute: &str) -> String {
    format!("Attribute not found in schema: {attribute}")
}

/// The `Select` validator: a `select` without values.
pub fn no_selection() -> &'static str {
    "No attributes selected"
}

/// The `Select` validator: a `select` naming an attribute twice.
pub fn duplicate_selection() -> &'static str {
    "Duplicate attributes selected"
}

/// The database's selection check: `listed` (comma-separated) cannot be selected.
pub fn cannot_select(listed: &str) -> String {
    format!("Cannot select attributes: {listed}")
}

/// The `Filter` validator: a distance query without `[[geometry, distance]]`.
pub fn distance_parameters() -> &'static str {
    "Distance query requires [[geometry, distance]] parameters"
}

/// The `Filter` validator: `method` (capitalised) needs exactly one value.
pub fn exactly_one_value(method: &str) -> String {
    format!("{method} queries require exactly one value.")
}

/// The `Filter` validator: `method` (capitalised) needs exactly two values.
pub fn exactly_two_values(method: &str) -> String {
    format!("{method} queries require exactly two values.")
}

/// The `Filter` validator: `method` (capitalised) needs at least one value.
pub fn at_least_one_value(method: &str) -> String {
    format!("{method} queries require at least one value.")
}

/// The `Filter` validator: a vector query on an attribute that is not a vector.
pub fn vector_only() -> &'static str {
    "Vector queries can only be used on vector attributes"
}

/// The `Filter` validator: a logical `method` (capitalised) holding a non-filter query.
pub fn only_filters(method: &str) -> String {
    format!("{method} queries can only contain filter queries")
}

/// The `Filter` validator: a logical `method` (capitalised) of fewer than two queries.
pub fn at_least_two_queries(method: &str) -> String {
    format!("{method} queries require at least two queries")
}

/// The `Filter` validator: `elemMatch`, which the SQL adapters do not support.
pub fn elem_match_unsupported() -> &'static str {
    "elemMatch is not supported by the database"
}

/// The `Filter` validator: a query on an encrypted attribute.
pub fn encrypted(attribute: &str) -> String {
    format!("Cannot query encrypted attribute: {attribute}")
}

/// The `Filter` validator: more than `max` values.
pub fn too_many_values(max: usize, attribute: &str) -> String {
    format!("Query on attribute has greater than {max} values: {attribute}")
}

/// The `Filter` validator: a spatial `method` on an attribute that is not spatial.
pub fn spatial_on_non_spatial(method: &str, attribute: &str) -> String {
    format!("Spatial query \"{method}\" cannot be applied on non-spatial attribute: {attribute}")
}

/// The `Filter` validator: a spatial operand that is not an array.
pub fn spatial_not_array() -> &'static str {
    "Spatial data must be an array"
}

/// The `Filter` validator: an operand the attribute's type does not accept.
pub fn value_invalid(attribute: &str) -> String {
    format!("Query value is invalid for attribute \"{attribute}\"")
}

/// The `Filter` validator: a query on the side of a relationship that stores nothing.
pub fn virtual_relationship() -> &'static str {
    "Cannot query on virtual relationship attribute"
}

/// The `Filter` validator: `contains`/`notContains` on a scalar that is not a string.
pub fn not_containable(method: &str, attribute: &str) -> String {
    format!(
        "Cannot query {method} on attribute \"{attribute}\" because it is not an array, string, or object."
    )
}

/// The `Filter` validator: a non-`contains` `method` on an array attribute.
pub fn on_array(method: &str, attribute: &str) -> String {
    format!("Cannot query {method} on attribute \"{attribute}\" because it is an array.")
}

/// Cursor pagination on rows whose cursor has a null order value (1.8.1's wording, which
/// names no column).
pub fn order_null_unnamed() -> &'static str {
    "The order attribute/column had a null value. Cursor pagination requires all documents/rows order attribute/column values are non-null."
}

/// Cursor pagination whose cursor has a null value in order column `column`.
pub fn order_null_column(column: &str) -> String {
    format!(
        "The order column '{column}' had a null value. Cursor pagination requires all rows order column values are non-null."
    )
}
