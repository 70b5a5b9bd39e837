//! Row queries: every filter method, select, ordering, limit/offset, logical nesting, system
//! attributes, both query-string encodings, and query errors.

use crate::common;

use common::{Api, Res, q};
use serde_json::{Value, json};

/// `movies` with five rows:
///
/// | id | title | year | rating | tags | released | note | body |
/// |---|---|---|---|---|---|---|---|
/// | m1 | The Matrix | 1999 | 8.7 | [action, scifi] | true | classic | "red pill" |
/// | m2 | Dune | 2021 | 8.0 | [scifi] | true | null | "desert planet" |
/// | m3 | Dune Part Two | 2024 | 8.5 | [scifi, sequel] | true | sequel | "desert war" |
/// | m4 | Arrival | 2016 | 7.9 | [] | false | null | "language" |
/// | m5 | Amélie | 2001 | null | null | null | French | null |
async fn movies() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "movies",
        json!([
            {"key": "title", "type": "string", "size": 100, "required": true},
            {"key": "year", "type": "integer"},
            {"key": "rating", "type": "double"},
            {"key": "tags", "type": "string", "size": 20, "array": true},
            {"key": "released", "type": "boolean"},
            {"key": "note", "type": "string", "size": 50},
            {"key": "body", "type": "varchar", "size": 100},
            {"key": "at", "type": "datetime"}
        ]),
        json!([{"key": "ft_title", "type": "fulltext", "attributes": ["title"]}]),
    )
    .await;
    let rows = [
        (
            "m1",
            json!({"title": "The Matrix", "year": 1999, "rating": 8.7, "tags": ["action", "scifi"], "released": true, "note": "classic", "body": "red pill", "at": "1999-03-31"}),
        ),
        (
            "m2",
            json!({"title": "Dune", "year": 2021, "rating": 8.0, "tags": ["scifi"], "released": true, "body": "desert planet", "at": "2021-10-22"}),
        ),
        (
            "m3",
            json!({"title": "Dune Part Two", "year": 2024, "rating": 8.5, "tags": ["scifi", "sequel"], "released": true, "note": "sequel", "body": "desert war", "at": "2024-03-01"}),
        ),
        (
            "m4",
            json!({"title": "Arrival", "year": 2016, "rating": 7.9, "tags": [], "released": false, "body": "language", "at": "2016-11-11"}),
        ),
        (
            "m5",
            json!({"title": "Amélie", "year": 2001, "note": "French"}),
        ),
    ];
    for (id, data) in rows {
        api.row("db", "movies", id, data).await.assert_status(201);
    }
    api
}

async fn find(api: &Api, queries: &[Value]) -> Vec<String> {
    let r = api.rows("db", "movies", queries).await;
    r.assert_status(200);
    r.ids()
}

async fn fails(api: &Api, queries: &[Value]) -> Res {
    api.rows("db", "movies", queries).await
}

#[tokio::test]
async fn equal_has_in_semantics() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("equal", "title", json!(["Dune"]))]).await,
        ["m2"]
    );
    assert_eq!(
        find(&api, &[q("equal", "year", json!([1999, 2024, 1234]))]).await,
        ["m1", "m3"]
    );
    assert_eq!(
        find(&api, &[q("equal", "released", json!([false]))]).await,
        ["m4"]
    );
    assert_eq!(
        find(&api, &[q("equal", "rating", json!([8.5]))]).await,
        ["m3"]
    );
    assert_eq!(
        find(
            &api,
            &[q("equal", "at", json!(["2021-10-22T00:00:00.000+00:00"]))]
        )
        .await,
        ["m2"]
    );
    assert!(
        find(&api, &[q("equal", "title", json!(["Nothing"]))])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn not_equal_skips_nulls() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("notEqual", "note", json!(["classic"]))]).await,
        ["m3", "m5"]
    );
    assert_eq!(
        find(&api, &[q("notEqual", "released", json!([true]))]).await,
        ["m4"]
    );
    fails(&api, &[q("notEqual", "year", json!([1, 2]))])
        .await
        .assert_error(400, "general_query_invalid");
}

#[tokio::test]
async fn comparisons() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("lessThan", "year", json!([2001]))]).await,
        ["m1"]
    );
    assert_eq!(
        find(&api, &[q("lessThanEqual", "year", json!([2001]))]).await,
        ["m1", "m5"]
    );
    assert_eq!(
        find(&api, &[q("greaterThan", "year", json!([2016]))]).await,
        ["m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("greaterThanEqual", "year", json!([2016]))]).await,
        ["m2", "m3", "m4"]
    );
    // NULL never matches a comparison.
    assert_eq!(
        find(&api, &[q("lessThan", "rating", json!([8.1]))]).await,
        ["m2", "m4"]
    );
    assert_eq!(
        find(&api, &[q("greaterThan", "title", json!(["Dune"]))]).await,
        ["m1", "m3"]
    );
    assert_eq!(
        find(&api, &[q("lessThan", "at", json!(["2001-01-01"]))]).await,
        ["m1"]
    );
}

#[tokio::test]
async fn between_and_not_between() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("between", "year", json!([2001, 2021]))]).await,
        ["m2", "m4", "m5"]
    );
    assert_eq!(
        find(&api, &[q("notBetween", "year", json!([2001, 2021]))]).await,
        ["m1", "m3"]
    );
    assert_eq!(
        find(&api, &[q("between", "rating", json!([8, 8.5]))]).await,
        ["m2", "m3"]
    );
    fails(&api, &[q("between", "year", json!([2001]))])
        .await
        .assert_error(400, "general_query_invalid");
}

#[tokio::test]
async fn is_null_and_is_not_null() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[json!({"method": "isNull", "attribute": "note"})]).await,
        ["m2", "m4"]
    );
    assert_eq!(
        find(&api, &[json!({"method": "isNotNull", "attribute": "note"})]).await,
        ["m1", "m3", "m5"]
    );
    // Allowed on arrays too.
    assert_eq!(
        find(&api, &[json!({"method": "isNull", "attribute": "tags"})]).await,
        ["m5"]
    );
    assert_eq!(
        find(
            &api,
            &[json!({"method": "isNotNull", "attribute": "rating"})]
        )
        .await,
        ["m1", "m2", "m3", "m4"]
    );
}

#[tokio::test]
async fn starts_and_ends_with() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("startsWith", "title", json!(["Dune"]))]).await,
        ["m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("endsWith", "title", json!(["Two"]))]).await,
        ["m3"]
    );
    assert_eq!(
        find(&api, &[q("notStartsWith", "title", json!(["Dune"]))]).await,
        ["m1", "m4", "m5"]
    );
    assert_eq!(
        find(&api, &[q("notEndsWith", "title", json!(["e"]))]).await,
        ["m1", "m3", "m4"]
    );
    // LIKE wildcards in the value are literal.
    assert!(
        find(&api, &[q("startsWith", "title", json!(["%"]))])
            .await
            .is_empty()
    );
    assert!(
        find(&api, &[q("startsWith", "title", json!(["_une"]))])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn contains_on_strings_is_substring() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("contains", "title", json!(["atri"]))]).await,
        ["m1"]
    );
    assert_eq!(
        find(&api, &[q("contains", "title", json!(["Part", "rriv"]))]).await,
        ["m3", "m4"]
    );
    assert_eq!(
        find(&api, &[q("notContains", "title", json!(["Dune"]))]).await,
        ["m1", "m4", "m5"]
    );
    assert!(
        find(&api, &[q("contains", "title", json!(["%"]))])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn contains_on_arrays_matches_whole_elements() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("contains", "tags", json!(["scifi"]))]).await,
        ["m1", "m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("contains", "tags", json!(["action", "sequel"]))]).await,
        ["m1", "m3"]
    );
    assert!(
        find(&api, &[q("contains", "tags", json!(["sci"]))])
            .await
            .is_empty(),
        "no partial element match"
    );
    let not = find(&api, &[q("notContains", "tags", json!(["scifi"]))]).await;
    assert!(not.contains(&"m4".to_string()), "{not:?}");
    assert!(
        !not.iter()
            .any(|id| ["m1", "m2", "m3"].contains(&id.as_str())),
        "{not:?}"
    );
}

#[tokio::test]
async fn contains_family_works_on_varchar() {
    let api = movies().await;
    // The text kinds are strings to Appwrite's query validator: `containsAny` on a varchar
    // or text column matches substrings (tour-v19.jsonl 1.9.6 seq 2462, 2463), and
    // `contains` passes the same check; `containsAll` on a scalar column matches no row
    // (seq 2476).
    assert_eq!(
        find(&api, &[q("contains", "body", json!(["desert"]))]).await,
        ["m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("containsAny", "body", json!(["pill", "war"]))]).await,
        ["m1", "m3"]
    );
    assert!(
        find(&api, &[q("containsAll", "body", json!(["desert"]))])
            .await
            .is_empty()
    );
    fails(&api, &[q("contains", "year", json!([1999]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Cannot query contains on attribute \"year\"",
        );
}

#[tokio::test]
async fn array_columns_refuse_scalar_filters() {
    let api = movies().await;
    fails(&api, &[q("equal", "tags", json!(["scifi"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Cannot query equal on attribute \"tags\" because it is an array.",
        );
}

#[tokio::test]
async fn search_needs_a_fulltext_index() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("search", "title", json!(["dune"]))]).await,
        ["m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("search", "title", json!(["matrix"]))]).await,
        ["m1"]
    );
    let not = find(&api, &[q("notSearch", "title", json!(["dune"]))]).await;
    assert_eq!(not, ["m1", "m4", "m5"]);
    fails(&api, &[q("search", "note", json!(["classic"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Searching by attribute \"note\" requires a fulltext index.",
        );
    fails(&api, &[q("notSearch", "body", json!(["x"]))])
        .await
        .assert_error_msg(400, "general_query_invalid", "requires a fulltext index");
}

#[tokio::test]
async fn select_projects_columns() {
    let api = movies().await;
    let r = api
        .rows(
            "db",
            "movies",
            &[
                json!({"method": "select", "values": ["title", "year"]}),
                q("equal", "$id", json!(["m1"])),
            ],
        )
        .await;
    r.assert_status(200);
    let row = r.body["rows"][0].as_object().unwrap();
    assert_eq!(row["title"], "The Matrix");
    assert_eq!(row["year"], 1999);
    assert!(
        !row.contains_key("rating") && !row.contains_key("tags"),
        "{row:?}"
    );
    assert!(
        row.contains_key("$id")
            && row.contains_key("$sequence")
            && row.contains_key("$permissions")
    );
    fails(
        &api,
        &[json!({"method": "select", "values": ["title", "nope"]})],
    )
    .await
    .assert_error(400, "general_query_invalid");
    fails(&api, &[json!({"method": "select", "values": []})])
        .await
        .assert_error(400, "general_query_invalid");
}

#[tokio::test]
async fn ordering() {
    let api = movies().await;
    let asc = |a: &str| json!({"method": "orderAsc", "attribute": a});
    let desc = |a: &str| json!({"method": "orderDesc", "attribute": a});
    assert_eq!(
        find(&api, &[asc("year")]).await,
        ["m1", "m5", "m4", "m2", "m3"]
    );
    assert_eq!(
        find(&api, &[desc("year")]).await,
        ["m3", "m2", "m4", "m5", "m1"]
    );
    assert_eq!(
        find(&api, &[asc("title")]).await,
        ["m5", "m4", "m2", "m3", "m1"]
    );
    // Several orders: first has priority; ties keep insertion order.
    assert_eq!(
        find(&api, &[desc("released"), asc("title")])
            .await
            .first()
            .map(String::as_str),
        Some("m2")
    );
    assert_eq!(
        find(&api, &[desc("released"), desc("year")]).await[..3],
        ["m3", "m2", "m1"]
    );
    let r = find(&api, &[json!({"method": "orderRandom"})]).await;
    let mut sorted = r.clone();
    sorted.sort();
    assert_eq!(sorted, ["m1", "m2", "m3", "m4", "m5"]);
    fails(&api, &[asc("nope")]).await.assert_error_msg(
        400,
        "general_query_invalid",
        "Attribute not found in schema: nope",
    );
}

#[tokio::test]
async fn limit_and_offset() {
    let api = movies().await;
    let limit = |n: i64| json!({"method": "limit", "values": [n]});
    let offset = |n: i64| json!({"method": "offset", "values": [n]});
    let r = api.rows("db", "movies", &[limit(2)]).await;
    assert_eq!(r.ids(), ["m1", "m2"]);
    assert_eq!(r.body["total"], 5, "total ignores limit");
    let r = api.rows("db", "movies", &[limit(2), offset(2)]).await;
    assert_eq!(r.ids(), ["m3", "m4"]);
    assert_eq!(r.body["total"], 5);
    assert_eq!(find(&api, &[offset(4)]).await, ["m5"]);
    assert!(find(&api, &[offset(5)]).await.is_empty());
    // Only the first limit counts.
    assert_eq!(find(&api, &[limit(1), limit(3)]).await, ["m1"]);
    fails(&api, &[limit(0)])
        .await
        .assert_error_msg(400, "general_query_invalid", "Invalid limit");
    fails(&api, &[offset(-1)]).await.assert_error_msg(
        400,
        "general_query_invalid",
        "Invalid offset",
    );
}

#[tokio::test]
async fn default_limit_is_25_and_total_counts_all() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    for i in 0..30 {
        api.row("db", "t", &format!("r{i:02}"), json!({"n": i}))
            .await
            .assert_status(201);
    }
    let r = api.rows("db", "t", &[]).await;
    assert_eq!(r.ids().len(), 25);
    assert_eq!(r.ids()[24], "r24");
    assert_eq!(r.body["total"], 30);
    let r = api
        .list("/tablesdb/db/tables/t/rows", &[], &[("total", "false")])
        .await;
    // Real Appwrite (1.8.1 and 1.9.6) reads the text `false` as true: it still counts.
    assert_eq!(r.body["total"], 30);
    assert_eq!(r.ids().len(), 25);
    let r = api
        .list("/tablesdb/db/tables/t/rows", &[], &[("total", "0")])
        .await;
    assert_eq!(r.body["total"], 0);
    let r = api
        .list(
            "/tablesdb/db/tables/t/rows",
            &[json!({"method": "limit", "values": [100]})],
            &[("total", "true")],
        )
        .await;
    assert_eq!(r.ids().len(), 30);
    assert_eq!(r.body["total"], 30);
}

#[tokio::test]
async fn total_counts_filtered_rows() {
    let api = movies().await;
    let r = api
        .rows(
            "db",
            "movies",
            &[
                q("contains", "tags", json!(["scifi"])),
                json!({"method": "limit", "values": [1]}),
            ],
        )
        .await;
    assert_eq!(r.ids(), ["m1"]);
    assert_eq!(r.body["total"], 3);
}

#[tokio::test]
async fn and_or_nesting() {
    let api = movies().await;
    let or = json!({"method": "or", "values": [q("equal", "year", json!([1999])), q("startsWith", "title", json!(["Arr"]))]});
    assert_eq!(find(&api, &[or]).await, ["m1", "m4"]);
    let and = json!({"method": "and", "values": [q("greaterThan", "year", json!([2000])), q("equal", "released", json!([true]))]});
    assert_eq!(find(&api, &[and]).await, ["m2", "m3"]);
    let nested = json!({"method": "or", "values": [
        q("equal", "$id", json!(["m5"])),
        {"method": "and", "values": [q("greaterThan", "rating", json!([8])), q("lessThan", "rating", json!([8.6]))]}
    ]});
    assert_eq!(find(&api, &[nested]).await, ["m3", "m5"]);
    // Top-level queries are ANDed.
    assert_eq!(
        find(
            &api,
            &[
                q("greaterThan", "year", json!([2000])),
                q("lessThan", "year", json!([2020]))
            ]
        )
        .await,
        ["m4", "m5"]
    );
    let bad = json!({"method": "or", "values": [q("equal", "nope", json!([1])), q("equal", "year", json!([1]))]});
    fails(&api, &[bad]).await.assert_error_msg(
        400,
        "general_query_invalid",
        "Attribute not found in schema: nope",
    );
}

#[tokio::test]
async fn sequence_query_takes_only_strings_on_1_8_1() {
    let api =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    api.table("db", "t").await;
    api.column(
        "db",
        "t",
        "string",
        json!({"key": "name", "size": 10, "required": false}),
    )
    .await;
    api.row("db", "t", "r1", json!({"name": "a"}))
        .await
        .assert_status(201);
    let r = api
        .rows("db", "t", &[q("equal", "$sequence", json!(["1"]))])
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["r1"]);
    api.rows("db", "t", &[q("equal", "$sequence", json!([1]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Invalid query: Query value is invalid for attribute \"$sequence\"",
        );
}

#[tokio::test]
async fn system_attributes_are_filterable_and_sortable() {
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("equal", "$id", json!(["m2", "m4"]))]).await,
        ["m2", "m4"]
    );
    assert_eq!(
        find(&api, &[json!({"method": "orderDesc", "attribute": "$id"})]).await,
        ["m5", "m4", "m3", "m2", "m1"]
    );
    assert_eq!(
        find(&api, &[q("equal", "$sequence", json!(["2"]))]).await,
        ["m2"]
    );
    assert_eq!(
        find(&api, &[q("greaterThan", "$sequence", json!(["3"]))]).await,
        ["m4", "m5"]
    );
    assert_eq!(
        find(
            &api,
            &[
                json!({"method": "orderDesc", "attribute": "$sequence"}),
                json!({"method": "limit", "values": [2]})
            ]
        )
        .await,
        ["m5", "m4"]
    );
    // 1.9 takes an integer too, from 1 up (`0` is PHP-`empty`).
    assert_eq!(
        find(&api, &[q("equal", "$sequence", json!([2]))]).await,
        ["m2"]
    );
    assert_eq!(
        find(&api, &[q("greaterThan", "$sequence", json!([3]))]).await,
        ["m4", "m5"]
    );
    for bad in [json!([0]), json!([-1]), json!([1.5]), json!(["0"])] {
        fails(&api, &[q("greaterThan", "$sequence", bad)])
            .await
            .assert_error_msg(
                400,
                "general_query_invalid",
                "Invalid query: Query value is invalid for attribute \"$sequence\"",
            );
    }
    assert_eq!(
        find(
            &api,
            &[q(
                "greaterThan",
                "$createdAt",
                json!(["2000-01-01T00:00:00.000+00:00"])
            )]
        )
        .await
        .len(),
        5
    );
    assert!(
        find(&api, &[q("lessThan", "$updatedAt", json!(["2000-01-01"]))])
            .await
            .is_empty()
    );
    assert_eq!(
        find(
            &api,
            &[json!({"method": "orderAsc", "attribute": "$createdAt"})]
        )
        .await
        .len(),
        5
    );
}

#[tokio::test]
async fn created_at_set_by_key_orders_rows() {
    let api = Api::start().await;
    api.table("db", "t").await;
    for (id, at) in [
        ("a", "2022-01-01"),
        ("b", "2020-01-01"),
        ("c", "2021-01-01"),
    ] {
        api.row("db", "t", id, json!({"$createdAt": at}))
            .await
            .assert_status(201);
    }
    let r = api
        .rows(
            "db",
            "t",
            &[json!({"method": "orderAsc", "attribute": "$createdAt"})],
        )
        .await;
    assert_eq!(r.ids(), ["b", "c", "a"]);
    let r = api
        .rows(
            "db",
            "t",
            &[q(
                "between",
                "$createdAt",
                json!(["2020-06-01", "2022-06-01"]),
            )],
        )
        .await;
    assert_eq!(r.ids(), ["a", "c"]);
}

#[tokio::test]
async fn both_query_string_encodings() {
    let api = movies().await;
    let queries = [
        q("greaterThan", "year", json!([2000])),
        json!({"method": "limit", "values": [2]}),
    ];
    let bracket = api
        .list("/tablesdb/db/tables/movies/rows", &queries, &[])
        .await;
    let indexed = api
        .list_indexed("/tablesdb/db/tables/movies/rows", &queries, &[])
        .await;
    bracket.assert_status(200);
    indexed.assert_status(200);
    assert_eq!(bracket.ids(), ["m2", "m3"]);
    assert_eq!(indexed.ids(), bracket.ids());
    // Indexed parameters are taken in index order, whatever order they arrive in.
    let first = urlencode(&json!({"method": "limit", "values": [1]}).to_string());
    let second = urlencode(&json!({"method": "orderDesc", "attribute": "year"}).to_string());
    let r = api
        .send(api.request(
            reqwest::Method::GET,
            &format!(
                "/tablesdb/db/tables/movies/rows?queries%5B1%5D={second}&queries%5B0%5D={first}"
            ),
        ))
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["m3"]);
    // Spaces arrive as `+` (form encoding).
    let r = api
        .send(api.request(reqwest::Method::GET, "/tablesdb/db/tables/movies/rows?queries%5B%5D=%7B%22method%22%3A%22equal%22%2C%22attribute%22%3A%22title%22%2C%22values%22%3A%5B%22The+Matrix%22%5D%7D"))
        .await;
    assert_eq!(r.ids(), ["m1"]);
    // A bare `queries=` is not an array.
    let r = api
        .send(api.request(
            reqwest::Method::GET,
            &format!("/tablesdb/db/tables/movies/rows?queries={first}"),
        ))
        .await;
    r.assert_error(400, "general_argument_invalid");
    // `queries[key]=` is a PHP array too: its values are the queries (tour-queries.jsonl
    // 1.8.1 seq 1543).
    let r = api
        .send(api.request(
            reqwest::Method::GET,
            &format!("/tablesdb/db/tables/movies/rows?queries%5Ba%5D={first}"),
        ))
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["m1"]);
}

/// A nested query that is not a query object fails Appwrite's parser with a bare `500`
/// (tour-queries.jsonl 1.8.1 seq 1497, 1.9.6 seq 1531); 1.8.1 knows no `exists` or
/// `elemMatch` (1.8.1 seqs 1532, 1533).
#[tokio::test]
async fn query_parser_quirks() {
    let api = movies().await;
    const ROWS: &str = "/tablesdb/db/tables/movies/rows";
    api.list(
        ROWS,
        &[json!({"method": "and", "values": ["not an object"]})],
        &[],
    )
    .await
    .assert_error(500, "general_unknown");
    api.list(
        ROWS,
        &[json!({"method": "elemMatch", "attribute": "tags", "values": ["x"]})],
        &[],
    )
    .await
    .assert_error(500, "general_unknown");
    let old =
        Api::start_custom(|b| b.appwrite_version(lazy_appwrite_emulator::AppwriteVersion::V1_8_1))
            .await;
    old.table("db", "t").await;
    for method in ["exists", "elemMatch"] {
        old.list(
            "/tablesdb/db/tables/t/rows",
            &[json!({"method": method, "attribute": "x", "values": ["x"]})],
            &[],
        )
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            &format!("Invalid query method: {method}"),
        );
    }
}

/// Text columns compare as MariaDB's `utf8mb4_general_ci` (a letter with a diacritic
/// weighs as its base letter; tour-queries.jsonl 1.8.1 seq 1447), and a backslash in a
/// `startsWith` value escapes what follows (seq 1403).
#[tokio::test]
async fn text_collation_and_like_escapes() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "name", "type": "string", "size": 20}]),
        json!([]),
    )
    .await;
    for (id, name) in [
        ("s", "Simmons"),
        ("n", "Ñame"),
        ("h", "Herbert"),
        ("b", "Sym\\bol"),
    ] {
        api.row("db", "t", id, json!({"name": name}))
            .await
            .assert_status(201);
    }
    const ROWS: &str = "/tablesdb/db/tables/t/rows";
    let r = api
        .list(
            ROWS,
            &[json!({"method": "orderAsc", "attribute": "name"})],
            &[],
        )
        .await;
    assert_eq!(r.ids(), ["h", "n", "s", "b"]);
    let r = api
        .list(ROWS, &[q("equal", "name", json!(["name"]))], &[])
        .await;
    assert_eq!(r.ids(), ["n"]);
    let r = api
        .list(ROWS, &[q("startsWith", "name", json!(["Sym\\"]))], &[])
        .await;
    assert_eq!(r.ids(), Vec::<String>::new());
    let r = api
        .list(ROWS, &[q("startsWith", "name", json!(["Sym\\\\"]))], &[])
        .await;
    assert_eq!(r.ids(), ["b"]);
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn query_errors() {
    let api = movies().await;
    fails(
        &api,
        &[json!({"method": "foo", "attribute": "title", "values": ["x"]})],
    )
    .await
    .assert_error_msg(400, "general_query_invalid", "Invalid query method: foo");
    fails(&api, &[q("equal", "nope", json!(["x"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Invalid query: Attribute not found in schema: nope",
        );
    fails(&api, &[q("equal", "year", json!(["1999"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Query value is invalid for attribute \"year\"",
        );
    fails(&api, &[q("equal", "released", json!(["true"]))])
        .await
        .assert_error(400, "general_query_invalid");
    fails(&api, &[q("equal", "at", json!(["not a date"]))])
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Query value is invalid for attribute \"at\"",
        );
    let many: Vec<i64> = (0..501).collect();
    fails(&api, &[q("equal", "year", json!(many))])
        .await
        .assert_error_msg(400, "general_query_invalid", "greater than 500 values");
    let r = api
        .send(
            api.request(reqwest::Method::GET, "/tablesdb/db/tables/movies/rows")
                .query(&[("queries[]", "{not json")]),
        )
        .await;
    r.assert_error_msg(400, "general_query_invalid", "Invalid query: Syntax error");
    let r = api
        .send(
            api.request(reqwest::Method::GET, "/tablesdb/db/tables/movies/rows")
                .query(&[("queries[]", "[1,2]")]),
        )
        .await;
    r.assert_error(400, "general_query_invalid");
    fails(
        &api,
        &[json!({"method": "or", "values": [q("equal", "year", json!([1]))]})],
    )
    .await
    .assert_error(400, "general_query_invalid");
    // A method real Appwrite does not know (1.9.6 refuses `regex` too; `containsAny` and
    // `containsAll` exist from 1.9 and are refused on the 1.8.1 profile).
    for method in ["regex"] {
        fails(&api, &[q(method, "title", json!(["^D"]))])
            .await
            .assert_error_msg(
                400,
                "general_query_invalid",
                &format!("Invalid query method: {method}"),
            );
    }
}

#[tokio::test]
async fn total_is_capped_at_5000() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "n", "type": "integer"}]),
        json!([]),
    )
    .await;
    // Filled with the bulk create endpoint (100 rows a call) to stay fast.
    for batch in 0..51 {
        let rows: Vec<Value> = (0..100)
            .map(|i| json!({"$id": format!("r{batch}-{i}"), "n": batch * 100 + i}))
            .collect();
        api.post("/tablesdb/db/tables/t/rows", json!({"rows": rows}))
            .await
            .assert_status(201);
    }
    let r = api
        .rows("db", "t", &[json!({"method": "limit", "values": [1]})])
        .await;
    r.assert_status(200);
    assert_eq!(r.body["total"], 5000);
    let r = api
        .rows(
            "db",
            "t",
            &[
                q("greaterThanEqual", "n", json!([100])),
                json!({"method": "limit", "values": [1]}),
            ],
        )
        .await;
    assert_eq!(r.body["total"], 5000);
    let r = api
        .rows(
            "db",
            "t",
            &[
                q("greaterThanEqual", "n", json!([200])),
                json!({"method": "limit", "values": [1]}),
            ],
        )
        .await;
    assert_eq!(r.body["total"], 4900);
    // Past the cap, pages still reach every row.
    let r = api
        .rows("db", "t", &[json!({"method": "offset", "values": [5099]})])
        .await;
    assert_eq!(r.ids(), ["r50-99"]);
}

#[tokio::test]
async fn search_matches_any_word_with_a_prefix_on_the_last() {
    // utopia's SQL adapter (`getFulltextValue`): operator characters become spaces, a `*` is
    // appended to the last word, and a fully quoted value is a phrase (MariaDB boolean mode).
    let api = movies().await;
    assert_eq!(
        find(&api, &[q("search", "title", json!(["dun"]))]).await,
        ["m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("search", "title", json!(["matrix dune"]))]).await,
        ["m1", "m2", "m3"]
    );
    assert_eq!(
        find(&api, &[q("search", "title", json!(["\"dune part\""]))]).await,
        ["m3"]
    );
    assert_eq!(
        find(&api, &[q("search", "title", json!(["+arrival -(dune)"]))]).await,
        ["m2", "m3", "m4"]
    );
    assert!(
        find(&api, &[q("search", "title", json!(["zzz"]))])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn array_columns_order_by_their_json_text() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "tags", "type": "string", "size": 20, "array": true}]),
        json!([]),
    )
    .await;
    for (id, tags) in [
        ("empty", json!([])),
        ("classic", json!(["classic"])),
        ("umlaut", json!(["ünï"])),
        ("percent", json!(["%", "_"])),
        ("upper", json!(["Zed"])),
    ] {
        api.row("db", "t", id, json!({"tags": tags}))
            .await
            .assert_status(201);
    }
    // MariaDB compares the stored `json_encode` text byte by byte: `\u00fc…` sorts after
    // `%` and before `c`, and `[]` after every non-empty array (tour-queries.jsonl 1.8.1
    // seq 1457).
    let r = api
        .list(
            "/tablesdb/db/tables/t/rows",
            &[json!({"method": "orderAsc", "attribute": "tags"})],
            &[],
        )
        .await;
    assert_eq!(r.ids(), ["percent", "upper", "umlaut", "classic", "empty"]);
    // Cursors compare the same way.
    let r = api
        .list(
            "/tablesdb/db/tables/t/rows",
            &[
                json!({"method": "orderAsc", "attribute": "tags"}),
                json!({"method": "cursorAfter", "values": ["umlaut"]}),
            ],
            &[],
        )
        .await;
    assert_eq!(r.ids(), ["classic", "empty"]);
}

/// Appwrite checks a list's declared parameters before its action looks anything up: an
/// invalid `total` or `queries` on a table that does not exist is that parameter's `400`,
/// not the table's `404`.
#[tokio::test]
async fn list_parameters_are_checked_before_the_lookup() {
    let api = Api::start().await;
    api.table_with("db", "t", json!([]), json!([])).await;
    let missing = "/tablesdb/db/tables/nope/rows";
    api.list(missing, &[], &[("total", "maybe")])
        .await
        .assert_error_msg(400, "general_argument_invalid", "`total`");
    api.list(missing, &[], &[("queries", "bare")])
        .await
        .assert_error_msg(400, "general_argument_invalid", "`queries`");
    api.list(missing, &[], &[])
        .await
        .assert_error(404, "table_not_found");
    api.list(
        "/tablesdb/nope/tables",
        &[],
        &[("search", &"s".repeat(300))],
    )
    .await
    .assert_error_msg(400, "general_argument_invalid", "`search`");
    api.list("/tablesdb/nope/tables", &[], &[])
        .await
        .assert_error(404, "database_not_found");
}
