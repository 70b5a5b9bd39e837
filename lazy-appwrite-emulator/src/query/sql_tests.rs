//! Tests of `sql`: filters translated to SQL and run on an in-memory table.

use rusqlite::{Connection, params_from_iter};

use super::*;
use crate::profile::AppwriteVersion;
use crate::query::parse::{Query, parse_query};
use crate::query::plan::plan_rows;
use crate::query::plan::tests::table;

/// id, title, count, tags, price, flag, permissions.
type TestRow = (
    &'static str,
    Option<&'static str>,
    Option<i64>,
    Option<&'static str>,
    Option<f64>,
    Option<i64>,
    &'static str,
);

/// An in-memory database with the test table `r1` (see `plan::tests::table`) and rows.
pub(crate) fn database() -> Connection {
    let conn = Connection::open_in_memory().expect("open");
    crate::query::spatial::register(&conn).expect("register");
    crate::query::fulltext::register(&conn).expect("register");
    conn.execute_batch(
        "CREATE TABLE r1 (
            _seq INTEGER PRIMARY KEY AUTOINCREMENT,
            _id TEXT NOT NULL UNIQUE COLLATE NOCASE,
            _created TEXT NOT NULL,
            _updated TEXT NOT NULL,
            _perms TEXT NOT NULL DEFAULT '[]',
            c1 TEXT COLLATE NOCASE, c2 INTEGER, c3 TEXT, c4 REAL, c5 INTEGER,
            c6 TEXT COLLATE NOCASE, c7 TEXT, c8 INTEGER, c9 TEXT COLLATE NOCASE,
            c10 TEXT COLLATE NOCASE, c11 TEXT, c12 TEXT, c13 TEXT, c14 TEXT
        );
        CREATE VIRTUAL TABLE f1 USING fts5(c1, content='r1', content_rowid='_seq');
        CREATE TRIGGER f1_ai AFTER INSERT ON r1 BEGIN
            INSERT INTO f1(rowid, c1) VALUES (new._seq, appwrite_ft(new.c1));
        END;",
    )
    .expect("schema");
    let rows: &[TestRow] = &[
        (
            "a",
            Some("Dune"),
            Some(1),
            Some(r#"["sci","classic"]"#),
            Some(9.5),
            Some(1),
            r#"["read(\"any\")"]"#,
        ),
        (
            "b",
            Some("Dune Messiah"),
            Some(2),
            Some(r#"["sci"]"#),
            Some(5.0),
            Some(0),
            "[]",
        ),
        (
            "c",
            Some("100% Pure_Fun"),
            Some(2),
            Some("[]"),
            None,
            None,
            r#"["read(\"users\")"]"#,
        ),
        (
            "d",
            Some("1000 Pure Fun"),
            None,
            None,
            Some(20.5),
            Some(1),
            "[]",
        ),
        (
            "e",
            Some("Spider-Man: Far From Home"),
            Some(3),
            Some(r#"["Tom Holland"]"#),
            Some(1.0),
            Some(0),
            "[]",
        ),
        (
            "f",
            Some("spider-man: homecoming"),
            Some(3),
            Some(r#"["Tom"]"#),
            Some(2.0),
            Some(1),
            "[]",
        ),
        (
            "g",
            None,
            Some(4),
            Some(r#"["a\"; DROP TABLE r1; --"]"#),
            None,
            None,
            "[]",
        ),
        (
            "h",
            Some("back\\slash"),
            Some(5),
            None,
            Some(3.0),
            None,
            "[]",
        ),
    ];
    for (i, (id, title, count, tags, price, flag, perms)) in rows.iter().enumerate() {
        conn.execute(
            "INSERT INTO r1 (_id, _created, _updated, _perms, c1, c2, c3, c4, c5, c7)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                id,
                format!("2024-01-0{}T00:00:00.000+00:00", i + 1),
                perms,
                title,
                count,
                tags,
                price,
                flag,
                if i % 2 == 0 {
                    Some(format!("2020-0{}-01T00:00:00.000+00:00", i + 1))
                } else {
                    None
                },
            ],
        )
        .expect("insert");
    }
    conn
}

fn ids_where(conn: &Connection, plan: &Plan) -> Vec<String> {
    let t = table();
    let (clause, params) = where_clause(plan, &t);
    let sql = format!(
        "SELECT _id FROM {} WHERE {clause} ORDER BY _seq",
        t.physical()
    );
    let mut stmt = conn.prepare(&sql).expect("prepare");
    stmt.query_map(params_from_iter(params), |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows")
}

fn ids(conn: &Connection, raws: &[&str]) -> String {
    let queries: Vec<Query> = raws
        .iter()
        .map(|r| parse_query(r).expect("parse"))
        .collect();
    let plan = plan_rows(&queries, &table(), AppwriteVersion::default())
        .unwrap_or_else(|e| panic!("{raws:?}: {e}"));
    ids_where(conn, &plan).join(",")
}

fn one(method: &str, attribute: &str, values: &str) -> String {
    format!(r#"{{"method":"{method}","attribute":"{attribute}","values":{values}}}"#)
}

#[test]
fn no_filter_is_true() {
    let (clause, params) = where_clause(&Plan::default(), &table());
    assert_eq!(clause, "1");
    assert!(params.is_empty());
}

#[test]
fn equality_and_comparisons() {
    let db = database();
    let q = |m: &str, a: &str, v: &str| ids(&db, &[&one(m, a, v)]);
    assert_eq!(q("equal", "count", "[2,3]"), "b,c,e,f");
    assert_eq!(q("equal", "title", r#"["dune"]"#), "a", "case-insensitive");
    assert_eq!(q("equal", "$id", r#"["A","b"]"#), "a,b");
    assert_eq!(
        q("notEqual", "count", "[2]"),
        "a,e,f,g,h",
        "NULL never matches"
    );
    assert_eq!(q("notEqual", "title", r#"["DUNE"]"#), "b,c,d,e,f,h");
    assert_eq!(q("lessThan", "count", "[2]"), "a");
    assert_eq!(q("lessThanEqual", "count", "[2]"), "a,b,c");
    assert_eq!(q("greaterThan", "price", "[5]"), "a,d");
    assert_eq!(q("greaterThanEqual", "price", "[5]"), "a,b,d");
    assert_eq!(q("between", "count", "[2,3]"), "b,c,e,f");
    assert_eq!(q("notBetween", "count", "[2,3]"), "a,g,h");
    assert_eq!(q("between", "price", "[1,2.0]"), "e,f");
    assert_eq!(q("isNull", "count", "[]"), "d");
    assert_eq!(q("isNotNull", "price", "[]"), "a,b,d,e,f,h");
    assert_eq!(q("equal", "flag", "[true]"), "a,d,f");
    assert_eq!(q("equal", "$sequence", r#"["3"]"#), "c");
    assert_eq!(q("greaterThan", "$sequence", r#"["6"]"#), "g,h");
    assert_eq!(
        q(
            "greaterThan",
            "$createdAt",
            r#"["2024-01-07T00:00:00.000+00:00"]"#
        ),
        "h"
    );
    assert_eq!(
        q(
            "lessThan",
            "$updatedAt",
            r#"["2024-01-02T00:00:00.000+00:00"]"#
        ),
        "a"
    );
    assert_eq!(
        q(
            "between",
            "$createdAt",
            r#"["2024-01-02T00:00:00.000+00:00","2024-01-03T00:00:00.000+00:00"]"#
        ),
        "b,c"
    );
    assert_eq!(
        q(
            "greaterThan",
            "when",
            r#"["2020-03-01T00:00:00.000+00:00"]"#
        ),
        "e,g"
    );
    assert_eq!(q("equal", "title", r#"["a\"; DROP TABLE r1; --"]"#), "");
}

#[test]
fn like_methods() {
    let db = database();
    let q = |m: &str, a: &str, v: &str| ids(&db, &[&one(m, a, v)]);
    assert_eq!(q("startsWith", "title", r#"["du"]"#), "a,b");
    assert_eq!(q("startsWith", "title", r#"["100%"]"#), "c", "% is literal");
    assert_eq!(q("startsWith", "title", r#"["10_0"]"#), "", "_ is literal");
    assert_eq!(q("endsWith", "title", r#"["_fun"]"#), "c");
    assert_eq!(q("endsWith", "title", r#"["FUN"]"#), "c,d");
    assert_eq!(
        q("notStartsWith", "title", r#"["dune"]"#),
        "c,d,e,f,h",
        "NULL excluded"
    );
    assert_eq!(q("notEndsWith", "title", r#"["fun"]"#), "a,b,e,f,h");
    assert_eq!(q("contains", "title", r#"["e_f"]"#), "c");
    assert_eq!(q("contains", "title", r#"["messiah","home"]"#), "b,e,f");
    assert_eq!(q("notContains", "title", r#"["spider","pure"]"#), "a,b,h");
    // As in MariaDB's LIKE, a backslash of the value escapes what follows it: `k\s`
    // looks for `ks`, and `k\\s` for `k\s`.
    assert_eq!(q("contains", "title", r#"["k\\s"]"#), "");
    assert_eq!(q("contains", "title", r#"["k\\\\s"]"#), "h");
    assert_eq!(q("contains", "title", r#"["%"]"#), "c");
    assert_eq!(
        q("startsWith", "count", "[1]"),
        "a",
        "LIKE on a number, as MariaDB"
    );
}

#[test]
fn array_contains() {
    let db = database();
    let q = |m: &str, a: &str, v: &str| ids(&db, &[&one(m, a, v)]);
    assert_eq!(q("contains", "tags", r#"["sci"]"#), "a,b");
    assert_eq!(
        q("contains", "tags", r#"["Tom"]"#),
        "f",
        "whole elements, not substrings"
    );
    assert_eq!(q("contains", "tags", r#"["classic","Tom Holland"]"#), "a,e");
    assert_eq!(
        q("notContains", "tags", r#"["sci"]"#),
        "c,e,f,g",
        "NULL arrays excluded"
    );
    assert_eq!(q("contains", "tags", r#"["a\"; DROP TABLE r1; --"]"#), "g");
    assert_eq!(q("isNull", "tags", "[]"), "d,h");
}

#[test]
fn search() {
    let db = database();
    let q = |m: &str, v: &str| ids(&db, &[&one(m, "title", v)]);
    assert_eq!(q("search", r#"["spider"]"#), "e,f");
    assert_eq!(q("search", r#"["spid"]"#), "e,f", "last word is a prefix");
    assert_eq!(
        q("search", r#"["messiah home"]"#),
        "b,e,f",
        "words are OR'ed, home* prefix"
    );
    assert_eq!(
        q("search", r#"["home messiah"]"#),
        "b,e",
        "only the last is a prefix"
    );
    assert_eq!(q("search", r#"["\"far from home\""]"#), "e", "phrase");
    assert_eq!(
        q("search", r#"["\"home far\""]"#),
        "",
        "a phrase keeps its order"
    );
    assert_eq!(
        q("search", r#"["+dune -messiah"]"#),
        "a,b",
        "operators stripped"
    );
    assert_eq!(q("search", r#"["***"]"#), "");
    assert_eq!(q("notSearch", r#"["dune"]"#), "c,d,e,f,g,h");
    assert_eq!(q("notSearch", r#"["()"]"#), "a,b,c,d,e,f,g,h");
    assert_eq!(q("search", r#"["NEAR(a b) OR x:y ^z \"q"]"#), "");
}

#[test]
fn logical() {
    let db = database();
    let or = r#"{"method":"or","values":[{"method":"equal","attribute":"count","values":[1]},{"method":"and","values":[{"method":"greaterThan","attribute":"price","values":[1]},{"method":"lessThan","attribute":"price","values":[5]}]}]}"#;
    assert_eq!(ids(&db, &[or]), "a,f,h");
    assert_eq!(ids(&db, &[or, &one("isNotNull", "flag", "[]")]), "a,f");
}

#[test]
fn permissions() {
    let db = database();
    let mut plan = Plan {
        any_permission: Some(vec!["read(\"any\")".into(), "read(\"users\")".into()]),
        ..Plan::default()
    };
    assert_eq!(ids_where(&db, &plan).join(","), "a,c");
    plan.any_permission = Some(Vec::new());
    assert!(ids_where(&db, &plan).is_empty());
}

#[test]
fn only_catalogue_names_in_sql() {
    let queries: Vec<Query> = [
        one("equal", "title", r#"["x'); DROP TABLE r1; --"]"#),
        one("search", "title", r#"["x' OR 1=1 --"]"#),
        one("contains", "tags", r#"["'"]"#),
    ]
    .iter()
    .map(|r| parse_query(r).expect("parse"))
    .collect();
    let plan = plan_rows(&queries, &table(), AppwriteVersion::default()).expect("plan");
    let (clause, params) = where_clause(&plan, &table());
    assert!(!clause.contains("DROP") && !clause.contains("1=1"));
    assert!(
        !clause.replace("ESCAPE '\\'", "").contains('\''),
        "{clause}"
    );
    assert_eq!(params.len(), 3);
}
