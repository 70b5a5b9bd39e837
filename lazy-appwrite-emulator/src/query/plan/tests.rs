//! The planner's tests (the table helpers are shared with other modules' tests).

use super::*;
use crate::error::ErrorType;
use crate::query::parse::{Method, parse_query};
use crate::schema::{ColumnKind, ColumnMeta, ColumnSpec, IndexKind, Range, TableMeta};
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
    let p = plan(&[r#"{"method":"equal","attribute":"$sequence","values":["12"," 13"]}"#]).unwrap();
    assert_eq!(
        p.filters,
        vec![Filter::In {
            column: "_seq".into(),
            values: vec![SqlValue::Integer(12), SqlValue::Integer(13)]
        }]
    );
    let p = plan(&[r#"{"method":"lessThan","attribute":"small","values":[2147483647]}"#]).unwrap();
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
    let p = plan(&[r#"{"method":"search","attribute":"title","values":["dune desert"]}"#]).unwrap();
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
        err(&[r#"{"method":"or","values":[{"method":"equal","attribute":"nope","values":[1]}]}"#]),
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
    let e = plan(&[r#"{"method":"exists","attribute":"title","values":["title"]}"#]).unwrap_err();
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
    let p =
        plan(&[r#"{"method":"intersects","attribute":"place","values":[[1,2],[3,4]]}"#]).unwrap();
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

#[test]
fn like_patterns_escape_wildcards_but_not_backslashes() {
    assert_eq!(escape_like("a%b_c\\d"), "a\\%b\\_c\\d");
}
