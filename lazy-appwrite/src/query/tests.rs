//! Queries serialize exactly as the official SDKs send them.

use super::*;
use serde_json::json;

/// Every query node-appwrite sends, as captured from the SDK.
#[test]
fn matches_the_captured_node_queries() {
    let cases: Vec<(Query, &str)> = vec![
        (
            Query::equal("genre", ["fiction", "science"]),
            r#"{"method":"equal","attribute":"genre","values":["fiction","science"]}"#,
        ),
        (
            Query::equal("published", true),
            r#"{"method":"equal","attribute":"published","values":[true]}"#,
        ),
        (
            Query::not_equal("title", "x"),
            r#"{"method":"notEqual","attribute":"title","values":["x"]}"#,
        ),
        (
            Query::greater_than("count", 2),
            r#"{"method":"greaterThan","attribute":"count","values":[2]}"#,
        ),
        (
            Query::greater_than_equal("price", 1.5),
            r#"{"method":"greaterThanEqual","attribute":"price","values":[1.5]}"#,
        ),
        (
            Query::less_than("count", 100),
            r#"{"method":"lessThan","attribute":"count","values":[100]}"#,
        ),
        (
            Query::less_than_equal("count", 99),
            r#"{"method":"lessThanEqual","attribute":"count","values":[99]}"#,
        ),
        (
            Query::between("price", 1, 20.5),
            r#"{"method":"between","attribute":"price","values":[1,20.5]}"#,
        ),
        (
            Query::not_between("count", 5, 10),
            r#"{"method":"notBetween","attribute":"count","values":[5,10]}"#,
        ),
        (
            Query::starts_with("title", "Du"),
            r#"{"method":"startsWith","attribute":"title","values":["Du"]}"#,
        ),
        (
            Query::ends_with("title", "ne"),
            r#"{"method":"endsWith","attribute":"title","values":["ne"]}"#,
        ),
        (
            Query::not_starts_with("title", "A"),
            r#"{"method":"notStartsWith","attribute":"title","values":["A"]}"#,
        ),
        (
            Query::not_ends_with("title", "Z"),
            r#"{"method":"notEndsWith","attribute":"title","values":["Z"]}"#,
        ),
        (
            Query::contains("title", "un"),
            r#"{"method":"contains","attribute":"title","values":["un"]}"#,
        ),
        (
            Query::contains("tags", ["a", "b"]),
            r#"{"method":"contains","attribute":"tags","values":["a","b"]}"#,
        ),
        (
            Query::not_contains("title", "zz"),
            r#"{"method":"notContains","attribute":"title","values":["zz"]}"#,
        ),
        (
            Query::contains_any("tags", ["a", "c"]),
            r#"{"method":"containsAny","attribute":"tags","values":["a","c"]}"#,
        ),
        (
            Query::contains_all("tags", ["a", "b"]),
            r#"{"method":"containsAll","attribute":"tags","values":["a","b"]}"#,
        ),
        (
            Query::search("title", "dune desert"),
            r#"{"method":"search","attribute":"title","values":["dune desert"]}"#,
        ),
        (
            Query::not_search("title", "foo"),
            r#"{"method":"notSearch","attribute":"title","values":["foo"]}"#,
        ),
        (
            Query::regex("title", "^D.*e$"),
            r#"{"method":"regex","attribute":"title","values":["^D.*e$"]}"#,
        ),
        (
            Query::is_null("publishedAt"),
            r#"{"method":"isNull","attribute":"publishedAt"}"#,
        ),
        (
            Query::is_not_null("title"),
            r#"{"method":"isNotNull","attribute":"title"}"#,
        ),
        (
            Query::exists(["title", "count"]),
            r#"{"method":"exists","values":["title","count"]}"#,
        ),
        (
            Query::not_exists(["nothing"]),
            r#"{"method":"notExists","values":["nothing"]}"#,
        ),
        (
            Query::order_desc("count"),
            r#"{"method":"orderDesc","attribute":"count"}"#,
        ),
        (
            Query::order_asc("$createdAt"),
            r#"{"method":"orderAsc","attribute":"$createdAt"}"#,
        ),
        (Query::order_random(), r#"{"method":"orderRandom"}"#),
        (Query::limit(25), r#"{"method":"limit","values":[25]}"#),
        (Query::offset(5), r#"{"method":"offset","values":[5]}"#),
        (
            Query::cursor_after("row-1"),
            r#"{"method":"cursorAfter","values":["row-1"]}"#,
        ),
        (
            Query::cursor_before("row-9"),
            r#"{"method":"cursorBefore","values":["row-9"]}"#,
        ),
        (
            Query::select(["title", "count", "$id"]),
            r#"{"method":"select","values":["title","count","$id"]}"#,
        ),
        (
            Query::select(["title", "count", "author.*"]),
            r#"{"method":"select","values":["title","count","author.*"]}"#,
        ),
        (
            Query::or([
                Query::equal("count", 1),
                Query::and([
                    Query::greater_than("price", 5),
                    Query::less_than("price", 10),
                ]),
            ]),
            r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"and","values":[{"method":"greaterThan","attribute":"price","values":[5]},{"method":"lessThan","attribute":"price","values":[10]}]}]}"#,
        ),
        (
            Query::and([
                Query::starts_with("title", "D"),
                Query::not_equal("genre", "history"),
            ]),
            r#"{"method":"and","values":[{"method":"startsWith","attribute":"title","values":["D"]},{"method":"notEqual","attribute":"genre","values":["history"]}]}"#,
        ),
        (
            Query::elem_match(
                "items",
                [Query::equal("sku", "x1"), Query::greater_than("qty", 2)],
            ),
            r#"{"method":"elemMatch","attribute":"items","values":[{"method":"equal","attribute":"sku","values":["x1"]},{"method":"greaterThan","attribute":"qty","values":[2]}]}"#,
        ),
        (
            Query::equal("big", 9_007_199_254_740_993_i64),
            r#"{"method":"equal","attribute":"big","values":[9007199254740993]}"#,
        ),
        (
            Query::equal("nil", Value::Null),
            r#"{"method":"equal","attribute":"nil","values":[null]}"#,
        ),
        (
            Query::equal("empty", Vec::<i32>::new()),
            r#"{"method":"equal","attribute":"empty","values":[]}"#,
        ),
    ];
    for (query, expected) in cases {
        assert_eq!(query.to_json(), expected);
    }
}

#[test]
fn spatial_and_vector_shapes() {
    let point = json!([1.0, 2.0]);
    assert_eq!(
        Query::distance_less_than("loc", point.clone(), 10.0, true).to_json(),
        r#"{"method":"distanceLessThan","attribute":"loc","values":[[[1.0,2.0],10.0,true]]}"#
    );
    assert_eq!(
        Query::intersects("area", point).to_json(),
        r#"{"method":"intersects","attribute":"area","values":[[1.0,2.0]]}"#
    );
    assert_eq!(
        Query::vector_cosine("emb", [0.5, 1.0]).to_json(),
        r#"{"method":"vectorCosine","attribute":"emb","values":[[0.5,1.0]]}"#
    );
}

#[test]
fn non_finite_numbers_become_null_instead_of_failing() {
    assert_eq!(
        Query::equal("x", f64::NAN).to_json(),
        r#"{"method":"equal","attribute":"x","values":[null]}"#
    );
}
