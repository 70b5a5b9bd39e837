//! The exact requests the client sends (method, path, query string, headers, body) for every
//! low-level operation, and how it reads answers: both response formats, errors, redirects.

use crate::support;

use std::future::Future;
use std::pin::Pin;

use lazy_appwrite::api::rows::RowInput;
use lazy_appwrite::api::transactions::Operation;
use lazy_appwrite::columns::*;
use lazy_appwrite::indexes::Order;
use lazy_appwrite::response::{IndexType, OnDelete, RelationType, ReportedKind, TransactionStatus};
use lazy_appwrite::{Client, Credentials, Error, Permission, Query, RetryPolicy, Role, Timestamp};
use serde::Deserialize;
use serde_json::json;
use support::{FakeServer, Reply};

const KEY: &str = "standard_fakeapikey0123456789";

/// An answer every model decodes from: a row, a database, a table, a column, an index, a
/// transaction and an (empty) list at once.
const ANY: &str = r#"{"$id":"x","$sequence":"1","$tableId":"books","$databaseId":"shop",
  "$createdAt":"2026-01-01T00:00:00.000+00:00","$updatedAt":"2026-01-01T00:00:00.000+00:00",
  "$permissions":[],"name":"n","key":"k","type":"key","status":"available","total":0,
  "title":"t","count":1}"#;

async fn universal() -> FakeServer {
    FakeServer::start(|req, _| {
        if req.method == "DELETE" && !req.path.ends_with("/rows") {
            Reply::empty(204)
        } else {
            Reply::json(200, ANY)
        }
    })
    .await
}

fn client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .project("test-project")
        .api_key(KEY)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Book {
    title: String,
    count: i64,
}

type Op = Pin<Box<dyn Future<Output = lazy_appwrite::Result<()>>>>;

macro_rules! case {
    ($c:ident, $op:expr => $method:literal $path:literal ? $query:literal, $body:expr) => {{
        let $c = $c.clone();
        let op: Op = Box::pin(async move { $op.await.map(|_| ()) });
        (op, $method, $path, $query, $body)
    }};
}

#[derive(serde::Serialize)]
struct NewBook {
    title: &'static str,
    count: i64,
}

#[tokio::test]
async fn every_operation_sends_the_exact_request() {
    let server = universal().await;
    // A server whose version the client knows: no version question among the requests.
    let c = Client::builder()
        .endpoint(server.endpoint())
        .project("test-project")
        .api_key(KEY)
        .retry(RetryPolicy::none())
        .server_version("1.9.6")
        .build()
        .unwrap();
    let books = c.rows::<Book>("shop", "books");
    let cases: Vec<(Op, &str, &str, &str, Option<&str>)> = vec![
        // Databases
        case!(c, c.databases().create("shop", "Shop").enabled(false)
            => "POST" "/v1/tablesdb" ? "", Some(r#"{"databaseId":"shop","name":"Shop","enabled":false}"#)),
        case!(c, c.databases().get("shop") => "GET" "/v1/tablesdb/shop" ? "", None),
        case!(c, c.databases().list().query(Query::limit(1)).search("sh op").total(false)
            => "GET" "/v1/tablesdb" ? "queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D&search=sh+op&total=false", None),
        case!(c, c.databases().update("shop").name("Store").enabled(true)
            => "PUT" "/v1/tablesdb/shop" ? "", Some(r#"{"name":"Store","enabled":true}"#)),
        case!(c, c.databases().delete("shop") => "DELETE" "/v1/tablesdb/shop" ? "", Some("{}")),
        // Tables (the create body is the captured node-appwrite one)
        case!(c, c.tables("shop").create("books", "Books")
                .permissions([Permission::read(Role::any()), Permission::create(Role::users())])
                .row_security(true)
            => "POST" "/v1/tablesdb/shop/tables" ? "",
            Some(r#"{"tableId":"books","name":"Books","permissions":["read(\"any\")","create(\"users\")"],"rowSecurity":true}"#)),
        case!(c, c.tables("shop").get("books") => "GET" "/v1/tablesdb/shop/tables/books" ? "", None),
        case!(c, c.tables("shop").list().query(Query::limit(1))
            => "GET" "/v1/tablesdb/shop/tables" ? "queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D", None),
        case!(c, c.tables("shop").update("books").name("B").permissions([]).row_security(false).enabled(true)
            => "PUT" "/v1/tablesdb/shop/tables/books" ? "", Some(r#"{"name":"B","permissions":[],"rowSecurity":false,"enabled":true}"#)),
        case!(c, c.tables("shop").delete("books") => "DELETE" "/v1/tablesdb/shop/tables/books" ? "", Some("{}")),
        // Columns (bodies as captured from node-appwrite, except floats written as floats)
        case!(c, c.columns("shop", "books").create(&StringColumn::new("title", 255).required(true))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/string" ? "", Some(r#"{"key":"title","size":255,"required":true}"#)),
        case!(c, c.columns("shop", "books").create(&StringColumn::new("tags", 64).default("none").array(true).encrypt(false))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/string" ? "",
            Some(r#"{"key":"tags","size":64,"required":false,"default":"none","array":true,"encrypt":false}"#)),
        case!(c, c.columns("shop", "books").create(&VarcharColumn::new("code", 32))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/varchar" ? "", Some(r#"{"key":"code","size":32,"required":false}"#)),
        case!(c, c.columns("shop", "books").create(&TextColumn::new("body"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/text" ? "", Some(r#"{"key":"body","required":false}"#)),
        case!(c, c.columns("shop", "books").create(&MediumTextColumn::new("body"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/mediumtext" ? "", Some(r#"{"key":"body","required":false}"#)),
        case!(c, c.columns("shop", "books").create(&LongTextColumn::new("body").encrypt(true))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/longtext" ? "", Some(r#"{"key":"body","required":false,"encrypt":true}"#)),
        case!(c, c.columns("shop", "books").create(&IntegerColumn::new("count").min(0).max(1000).default(0))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/integer" ? "", Some(r#"{"key":"count","required":false,"min":0,"max":1000,"default":0}"#)),
        case!(c, c.columns("shop", "books").create(&FloatColumn::new("price").min(0.0).max(99999.99).default(1.5))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/float" ? "", Some(r#"{"key":"price","required":false,"min":0.0,"max":99999.99,"default":1.5}"#)),
        case!(c, c.columns("shop", "books").create(&BooleanColumn::new("published").default(false))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/boolean" ? "", Some(r#"{"key":"published","required":false,"default":false}"#)),
        case!(c, c.columns("shop", "books").create(&DatetimeColumn::new("reviewedAt").default(Timestamp::parse("2024-01-01").unwrap()))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/datetime" ? "",
            Some(r#"{"key":"reviewedAt","required":false,"default":"2024-01-01T00:00:00.000+00:00"}"#)),
        case!(c, c.columns("shop", "books").create(&EmailColumn::new("authorEmail"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/email" ? "", Some(r#"{"key":"authorEmail","required":false}"#)),
        case!(c, c.columns("shop", "books").create(&UrlColumn::new("site").array(true))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/url" ? "", Some(r#"{"key":"site","required":false,"array":true}"#)),
        case!(c, c.columns("shop", "books").create(&IpColumn::new("ip"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/ip" ? "", Some(r#"{"key":"ip","required":false}"#)),
        case!(c, c.columns("shop", "books").create(&EnumColumn::new("genre", ["fiction", "science", "history"]).default("fiction"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/enum" ? "",
            Some(r#"{"key":"genre","elements":["fiction","science","history"],"required":false,"default":"fiction"}"#)),
        case!(c, c.columns("shop", "books").create(&PointColumn::new("at").default(json!([1.5, 2.0])))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/point" ? "", Some(r#"{"key":"at","required":false,"default":[1.5,2.0]}"#)),
        case!(c, c.columns("shop", "books").create(&LineColumn::new("route"))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/line" ? "", Some(r#"{"key":"route","required":false}"#)),
        case!(c, c.columns("shop", "books").create(&PolygonColumn::new("area").required(true))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/polygon" ? "", Some(r#"{"key":"area","required":true}"#)),
        case!(c, c.columns("shop", "books").create(
                &RelationshipColumn::new("authors", RelationType::ManyToOne).two_way(true).key("author").two_way_key("books").on_delete(OnDelete::Cascade))
            => "POST" "/v1/tablesdb/shop/tables/books/columns/relationship" ? "",
            Some(r#"{"relatedTableId":"authors","type":"manyToOne","twoWay":true,"key":"author","twoWayKey":"books","onDelete":"cascade"}"#)),
        case!(c, c.columns("shop", "books").rename(&StringColumn::new("title", 300), "name")
            => "PATCH" "/v1/tablesdb/shop/tables/books/columns/string/title" ? "",
            Some(r#"{"required":false,"default":null,"size":300,"newKey":"name"}"#)),
        case!(c, c.columns("shop", "books").update(&IntegerColumn::new("count").max(10).default(1))
            => "PATCH" "/v1/tablesdb/shop/tables/books/columns/integer/count" ? "", Some(r#"{"required":false,"max":10,"default":1}"#)),
        case!(c, c.columns("shop", "books").update(&EnumColumn::new("genre", ["a"]))
            => "PATCH" "/v1/tablesdb/shop/tables/books/columns/enum/genre" ? "", Some(r#"{"elements":["a"],"required":false,"default":null}"#)),
        case!(c, c.columns("shop", "books").update(&PointColumn::new("at"))
            => "PATCH" "/v1/tablesdb/shop/tables/books/columns/point/at" ? "", Some(r#"{"required":false}"#)),
        case!(c, c.columns("shop", "books").update_relationship("author", Some(OnDelete::SetNull), Some("writer"))
            => "PATCH" "/v1/tablesdb/shop/tables/books/columns/author/relationship" ? "", Some(r#"{"onDelete":"setNull","newKey":"writer"}"#)),
        case!(c, c.columns("shop", "books").get("title") => "GET" "/v1/tablesdb/shop/tables/books/columns/title" ? "", None),
        case!(c, c.columns("shop", "books").list().total(true)
            => "GET" "/v1/tablesdb/shop/tables/books/columns" ? "total=true", None),
        case!(c, c.columns("shop", "books").delete("title") => "DELETE" "/v1/tablesdb/shop/tables/books/columns/title" ? "", Some("{}")),
        // Indexes (captured bodies)
        case!(c, c.indexes("shop", "books").create("idx_title", IndexType::Key, ["title", "count"]).orders([Order::Asc, Order::Desc])
            => "POST" "/v1/tablesdb/shop/tables/books/indexes" ? "",
            Some(r#"{"key":"idx_title","type":"key","columns":["title","count"],"orders":["asc","desc"]}"#)),
        case!(c, c.indexes("shop", "books").create("uniq_email", IndexType::Unique, ["authorEmail"]).lengths([Some(128)])
            => "POST" "/v1/tablesdb/shop/tables/books/indexes" ? "",
            Some(r#"{"key":"uniq_email","type":"unique","columns":["authorEmail"],"lengths":[128]}"#)),
        case!(c, c.indexes("shop", "books").get("idx_title") => "GET" "/v1/tablesdb/shop/tables/books/indexes/idx_title" ? "", None),
        case!(c, c.indexes("shop", "books").list() => "GET" "/v1/tablesdb/shop/tables/books/indexes" ? "", None),
        case!(c, c.indexes("shop", "books").delete("idx_title") => "DELETE" "/v1/tablesdb/shop/tables/books/indexes/idx_title" ? "", Some("{}")),
    ];
    let row_cases: Vec<(Op, &str, &str, &str, Option<&str>)> = {
        let c = books.clone();
        vec![
            case!(c, c.create("row-1", &NewBook { title: "Dune", count: 3 })
                    .permissions([Permission::read(Role::any()), Permission::update(Role::user("u1"))])
                => "POST" "/v1/tablesdb/shop/tables/books/rows" ? "",
                Some(r#"{"rowId":"row-1","data":{"title":"Dune","count":3},"permissions":["read(\"any\")","update(\"user:u1\")"]}"#)),
            case!(c, c.create("unique()", &json!({"title": "x"})).transaction("tx1")
                => "POST" "/v1/tablesdb/shop/tables/books/rows" ? "", Some(r#"{"rowId":"unique()","data":{"title":"x"},"transactionId":"tx1"}"#)),
            case!(c, c.get("row-1").select(["title", "$id"]).transaction("tx1")
                => "GET" "/v1/tablesdb/shop/tables/books/rows/row-1"
                ? "queries%5B%5D=%7B%22method%22%3A%22select%22%2C%22values%22%3A%5B%22title%22%2C%22%24id%22%5D%7D&transactionId=tx1", None),
            // IDs Appwrite refuses are refused before sending (tests/ids.rs); these pass.
            case!(c, c.get("r.1-x_2") => "GET" "/v1/tablesdb/shop/tables/books/rows/r.1-x_2" ? "", None),
            case!(c, c.list().query(Query::limit(1)).total(false).transaction("tx123")
                => "GET" "/v1/tablesdb/shop/tables/books/rows"
                ? "queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D&total=false&transactionId=tx123", None),
            case!(c, c.update("row-1").data(&json!({"count": 9}))
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows/row-1" ? "", Some(r#"{"data":{"count":9}}"#)),
            case!(c, c.update("row-1").permissions([])
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows/row-1" ? "", Some(r#"{"permissions":[]}"#)),
            case!(c, c.upsert("row-1", &NewBook { title: "t", count: 1 })
                => "PUT" "/v1/tablesdb/shop/tables/books/rows/row-1" ? "", Some(r#"{"data":{"title":"t","count":1}}"#)),
            case!(c, c.delete("row-1") => "DELETE" "/v1/tablesdb/shop/tables/books/rows/row-1" ? "", Some("{}")),
            case!(c, c.delete("row-1").transaction("tx1")
                => "DELETE" "/v1/tablesdb/shop/tables/books/rows/row-1" ? "", Some(r#"{"transactionId":"tx1"}"#)),
            case!(c, c.create_many([
                    RowInput::with_id("bulk-1", &json!({"title": "Bulk 1"})).permissions([Permission::read(Role::any())]),
                    RowInput::new(&json!({"title": "no $id"})),
                ])
                => "POST" "/v1/tablesdb/shop/tables/books/rows" ? "",
                Some(r#"{"rows":[{"$id":"bulk-1","$permissions":["read(\"any\")"],"title":"Bulk 1"},{"title":"no $id"}]}"#)),
            case!(c, c.upsert_many([RowInput::with_id("bulk-2", &json!({"title": "Bulk 2b"}))])
                => "PUT" "/v1/tablesdb/shop/tables/books/rows" ? "", Some(r#"{"rows":[{"$id":"bulk-2","title":"Bulk 2b"}]}"#)),
            case!(c, c.update_many(&json!({"published": false})).query(Query::equal("published", true))
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows" ? "",
                Some(r#"{"data":{"published":false},"queries":["{\"method\":\"equal\",\"attribute\":\"published\",\"values\":[true]}"]}"#)),
            case!(c, c.delete_many().query(Query::equal("title", "b1"))
                => "DELETE" "/v1/tablesdb/shop/tables/books/rows" ? "",
                Some(r#"{"queries":["{\"method\":\"equal\",\"attribute\":\"title\",\"values\":[\"b1\"]}"]}"#)),
            case!(c, c.delete_many() => "DELETE" "/v1/tablesdb/shop/tables/books/rows" ? "", Some("{}")),
            case!(c, c.increment("row-1", "count").by(2.0).max(10.0)
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows/row-1/count/increment" ? "", Some(r#"{"value":2,"max":10}"#)),
            case!(c, c.decrement("row-1", "count").by(1.5).min(0.0).transaction("tx1")
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows/row-1/count/decrement" ? "", Some(r#"{"value":1.5,"min":0,"transactionId":"tx1"}"#)),
            case!(c, c.increment("row-1", "count")
                => "PATCH" "/v1/tablesdb/shop/tables/books/rows/row-1/count/increment" ? "", Some("{}")),
        ]
    };
    let tx_cases: Vec<(Op, &str, &str, &str, Option<&str>)> = vec![
        case!(c, c.transactions().create().ttl(60) => "POST" "/v1/tablesdb/transactions" ? "", Some(r#"{"ttl":60}"#)),
        case!(c, c.transactions().create() => "POST" "/v1/tablesdb/transactions" ? "", Some("{}")),
        case!(c, c.transactions().get("tx123") => "GET" "/v1/tablesdb/transactions/tx123" ? "", None),
        case!(c, c.transactions().list().query(Query::limit(1)) => "GET" "/v1/tablesdb/transactions" ? "queries%5B%5D=%7B%22method%22%3A%22limit%22%2C%22values%22%3A%5B1%5D%7D", None),
        case!(c, c.transactions().commit("tx123") => "PATCH" "/v1/tablesdb/transactions/tx123" ? "", Some(r#"{"commit":true}"#)),
        case!(c, c.transactions().rollback("tx123") => "PATCH" "/v1/tablesdb/transactions/tx123" ? "", Some(r#"{"rollback":true}"#)),
        case!(c, c.transactions().delete("tx123") => "DELETE" "/v1/tablesdb/transactions/tx123" ? "", Some("{}")),
        case!(c, c.transactions().create_operations("tx123", [
                Operation::create("testdb", "books", "tx-row-1", &json!({"title": "in tx"})),
                Operation::update("testdb", "books", "row-1", &json!({"count": 9})),
                Operation::delete("testdb", "books", "row-2"),
                Operation::bulk_delete("testdb", "books", [Query::equal("title", "b1")]),
            ])
            => "POST" "/v1/tablesdb/transactions/tx123/operations" ? "",
            Some(r#"{"operations":[{"action":"create","databaseId":"testdb","tableId":"books","rowId":"tx-row-1","data":{"title":"in tx"}},{"action":"update","databaseId":"testdb","tableId":"books","rowId":"row-1","data":{"count":9}},{"action":"delete","databaseId":"testdb","tableId":"books","rowId":"row-2"},{"action":"bulkDelete","databaseId":"testdb","tableId":"books","data":{"queries":["{\"method\":\"equal\",\"attribute\":\"title\",\"values\":[\"b1\"]}"]}}]}"#)),
    ];
    let all: Vec<_> = cases.into_iter().chain(row_cases).chain(tx_cases).collect();
    let total = all.len();
    for (i, (op, method, path, query, body)) in all.into_iter().enumerate() {
        server.clear();
        if let Err(e) = op.await {
            panic!("case {i} ({method} {path}) failed: {e}");
        }
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "case {i} ({method} {path}): one request");
        let req = &requests[0];
        assert_eq!(
            (req.method.as_str(), req.path.as_str()),
            (method, path),
            "case {i}"
        );
        assert_eq!(req.query, query, "case {i} ({method} {path}) query");
        match body {
            Some(body) => {
                assert_eq!(req.body_str(), body, "case {i} ({method} {path}) body");
                assert_eq!(
                    req.header("content-type"),
                    Some("application/json"),
                    "case {i}"
                );
                assert_eq!(req.header_count("content-type"), 1, "case {i}");
            }
            None => {
                assert!(req.body.is_empty(), "case {i}: GET without body");
                assert_eq!(
                    req.header("content-type"),
                    None,
                    "case {i}: no content type on GET"
                );
            }
        }
    }
    assert!(total >= 60, "every operation is covered ({total} cases)");
}

#[tokio::test]
async fn headers_carry_project_key_format_and_agent() {
    let server = universal().await;
    let c = client(&server.endpoint());
    c.databases().get("shop").await.unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.header("x-appwrite-project"), Some("test-project"));
    assert_eq!(req.header("x-appwrite-key"), Some(KEY));
    assert_eq!(req.header("x-appwrite-response-format"), Some("1.8.0"));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("x-sdk-name"), Some("lazy-appwrite"));
    assert_eq!(req.header("x-sdk-language"), Some("rust"));
    assert!(
        req.header("user-agent")
            .unwrap()
            .starts_with("LazyAppwriteRust/")
    );
    assert_eq!(req.header("x-appwrite-jwt"), None);
}

#[tokio::test]
async fn acting_as_a_user_overlays_the_credentials_per_call() {
    let server = universal().await;
    let admin = client(&server.endpoint());
    let alice = admin.as_user(Credentials::jwt("alice.jwt").unwrap());
    let bob = admin.as_user(Credentials::session("bob-session").unwrap());
    alice.databases().get("a").await.unwrap();
    bob.databases().get("b").await.unwrap();
    admin.databases().get("c").await.unwrap();
    let reqs = server.requests();
    assert_eq!(reqs[0].header("x-appwrite-jwt"), Some("alice.jwt"));
    assert_eq!(reqs[0].header("x-appwrite-key"), None);
    assert_eq!(reqs[0].header("x-appwrite-session"), None);
    assert_eq!(reqs[1].header("x-appwrite-session"), Some("bob-session"));
    assert_eq!(reqs[1].header("x-appwrite-jwt"), None);
    assert_eq!(reqs[2].header("x-appwrite-key"), Some(KEY));
    assert_eq!(reqs[2].header("x-appwrite-jwt"), None);
}

#[tokio::test]
async fn guarded_writes_send_the_timestamp_header() {
    let server = universal().await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    let since = Timestamp::parse("2026-01-01T00:00:00.000+00:00").unwrap();
    books
        .update("r")
        .data(&json!({"count": 1}))
        .unless_modified_since(since.clone())
        .await
        .unwrap();
    books
        .upsert("r", &json!({"count": 1}))
        .unless_modified_since(since.clone())
        .await
        .unwrap();
    books
        .delete("r")
        .unless_modified_since(since)
        .await
        .unwrap();
    books.delete("r").await.unwrap();
    let reqs = server.requests();
    for req in &reqs[..3] {
        assert_eq!(
            req.header("x-appwrite-timestamp"),
            Some("2026-01-01T00:00:00.000+00:00")
        );
    }
    assert_eq!(reqs[3].header("x-appwrite-timestamp"), None);
}

#[tokio::test]
async fn connections_are_kept_alive() {
    let server = universal().await;
    let c = client(&server.endpoint());
    for _ in 0..10 {
        c.databases().get("shop").await.unwrap();
    }
    assert_eq!(server.count(), 10);
    assert_eq!(
        server.connections(),
        1,
        "one keep-alive connection for sequential calls"
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = universal().await;
    let target = format!("{}/tablesdb/shop", elsewhere.endpoint());
    let server = FakeServer::always(Reply::empty(307).header("location", target)).await;
    let err = client(&server.endpoint())
        .databases()
        .get("shop")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { status: 307, .. }), "{err:?}");
    assert!(err.to_string().contains("not followed"), "{err}");
    assert_eq!(
        elsewhere.count(),
        0,
        "the key never travels to the redirect target"
    );
}

const ROW_18: &str = r#"{"$id":"row-1","$sequence":5,"$tableId":"books","$databaseId":"testdb",
  "$createdAt":"2026-11-22T19:46:00.304+00:00","$updatedAt":"2026-11-22T19:46:00.304+00:00",
  "$permissions":["read(\"any\")"],"title":"hello","count":1}"#;
const ROW_19: &str = r#"{"$id":"row-1","$sequence":"5","$tableId":"books","$databaseId":"testdb",
  "$createdAt":"2026-11-22T19:46:00.304+00:00","$updatedAt":"2026-11-22T19:46:00.304+00:00",
  "$permissions":["read(\"any\")"],"title":"hello","count":1}"#;

#[tokio::test]
async fn rows_decode_from_both_response_formats() {
    for row in [ROW_18, ROW_19] {
        let list = format!(r#"{{"total":"1","rows":[{row}]}}"#);
        let server = FakeServer::start(move |req, _| {
            if req.path.ends_with("/rows") {
                Reply::json(200, list.clone())
            } else {
                Reply::json(200, row)
            }
        })
        .await;
        let books = client(&server.endpoint()).rows::<Book>("testdb", "books");
        let one = books.get("row-1").await.unwrap();
        assert_eq!(
            (one.id.as_str(), one.sequence, one.title.as_str()),
            ("row-1", Some(5), "hello")
        );
        assert_eq!(
            one.created_at.as_ref().and_then(Timestamp::unix_millis),
            Some(1_795_376_760_304)
        );
        let page = books.list().await.unwrap();
        assert_eq!((page.total, page.rows.len()), (1, 1));
    }
}

#[tokio::test]
async fn schema_models_decode_from_both_formats() {
    // 1.8: integer lengths may be null, no policies; 1.9/Cloud: description, policies, archives.
    let table_18 = r#"{"$id":"books","$createdAt":"2026-01-05T10:00:00.123+00:00","$updatedAt":"2026-01-05T10:00:00.123+00:00",
      "$permissions":["read(\"any\")","create(\"users\")","update(\"users\")","delete(\"users\")"],"databaseId":"shop","name":"Books",
      "enabled":true,"rowSecurity":false,
      "columns":[{"key":"qty","type":"integer","status":"processing","error":"","required":false,"array":false,"$createdAt":"x","$updatedAt":"x","min":0,"max":9223372036854775807,"default":1},
                 {"key":"authorEmail","type":"string","format":"email","status":"available","error":"","required":false,"array":false,"size":254,"default":null},
                 {"key":"price","type":"double","status":"available","required":false,"array":false,"min":-1.7976931348623157e+308,"max":1.7976931348623157e+308,"default":null},
                 {"key":"author","type":"relationship","status":"available","required":false,"array":false,"relatedTable":"authors","relationType":"manyToOne","twoWay":true,"twoWayKey":"books","onDelete":"cascade","side":"parent"}],
      "indexes":[{"$id":"1_2_idx","key":"idx","type":"key","status":"available","error":"","columns":["qty"],"lengths":[null],"orders":[]}]}"#;
    let table_19 = r#"{"$id":"books","$createdAt":"…","$updatedAt":"…","$permissions":[],"databaseId":"shop","name":"Books","description":"",
      "enabled":true,"rowSecurity":true,"columns":[{"key":"title","description":"","type":"string","status":"available","error":"","required":true,"array":false,"$createdAt":"…","$updatedAt":"…","size":255,"default":null,"encrypt":false}],
      "indexes":[{"$id":"idx_title","$createdAt":"…","$updatedAt":"…","key":"idx_title","description":"","type":"key","status":"available","error":"","columns":["title","count"],"lengths":[],"orders":["asc","desc"]}],
      "bytesMax":65535,"bytesUsed":0}"#;
    for (i, table) in [table_18, table_19].into_iter().enumerate() {
        let server = FakeServer::always(Reply::json(200, table)).await;
        let t = client(&server.endpoint())
            .tables("shop")
            .get("books")
            .await
            .unwrap();
        assert_eq!(t.id, "books");
        if i == 0 {
            assert_eq!(t.bytes_max, None);
            assert!(matches!(
                t.columns[0].kind,
                ReportedKind::Integer {
                    max: Some(i64::MAX),
                    default: Some(1),
                    ..
                }
            ));
            assert!(matches!(t.columns[1].kind, ReportedKind::Email { .. }));
            assert!(matches!(t.columns[2].kind, ReportedKind::Float { .. }));
            assert!(
                matches!(&t.columns[3].kind, ReportedKind::Relationship { related_table, .. } if related_table == "authors")
            );
            assert_eq!(t.indexes[0].lengths, [None]);
        } else {
            assert_eq!(t.bytes_max, Some(65535));
            assert!(matches!(
                t.columns[0].kind,
                ReportedKind::String {
                    size: 255,
                    default: None,
                    ..
                }
            ));
            assert_eq!(t.indexes[0].orders, ["asc", "desc"]);
        }
    }
    let db = r#"{"$id":"testdb","name":"Test DB","description":"","$createdAt":"2026-11-22T19:48:54.342+00:00","$updatedAt":"2026-11-22T19:48:54.342+00:00","enabled":true,"type":"tablesdb","policies":[],"archives":[]}"#;
    let server = FakeServer::always(Reply::json(200, db)).await;
    assert_eq!(
        client(&server.endpoint())
            .databases()
            .get("testdb")
            .await
            .unwrap()
            .name,
        "Test DB"
    );
    let tx = r#"{"$id":"tx123","$createdAt":"…","$updatedAt":"…","status":"pending","operations":"0","expiresAt":"2026-11-22T19:58:54.342+00:00"}"#;
    let server = FakeServer::always(Reply::json(200, tx)).await;
    let tx = client(&server.endpoint())
        .transactions()
        .get("tx123")
        .await
        .unwrap();
    assert_eq!((tx.status, tx.operations), (TransactionStatus::Pending, 0));
}

#[tokio::test]
async fn server_errors_keep_status_type_message_operation_and_table() {
    let server = FakeServer::start(|req, _| match req.path.as_str() {
        p if p.ends_with("/missing") => Reply::error(
            404,
            "row_not_found",
            "Row with the requested ID could not be found.",
        ),
        p if p.ends_with("/dup") => Reply::error(409, "row_already_exists", "Row already exists"),
        p if p.ends_with("/plain") => Reply::text(500, "text/plain", "Internal boom (plain text)"),
        p if p.ends_with("/html") => Reply::text(200, "text/html", "<html>captive portal</html>"),
        _ => Reply::json(400, r#"{"code":400}"#),
    })
    .await;
    let books = client(&server.endpoint()).rows::<Book>("shop", "books");
    match books.get("missing").await.unwrap_err() {
        Error::NotFound { answer } => {
            assert_eq!(
                (
                    answer.kind.as_str(),
                    answer.operation,
                    answer.table.as_deref()
                ),
                ("row_not_found", "rows.get", Some("books"))
            )
        }
        other => panic!("{other:?}"),
    }
    let err = books.upsert("dup", &json!({})).await.unwrap_err();
    assert_eq!(
        (err.status(), err.appwrite_type()),
        (Some(409), Some("row_already_exists"))
    );
    let err = books.get("plain").await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 500, answer } if answer.message == "Internal boom (plain text)")
    );
    assert!(err.is_retryable());
    let err = books.get("html").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { reason, .. } if reason.contains("text/html")),
        "{err:?}"
    );
    let err = books.get("other").await.unwrap_err();
    assert!(matches!(&err, Error::Api { status: 400, .. }) && !err.is_retryable());
}

#[tokio::test]
async fn decode_errors_name_the_table_and_the_field() {
    let server = FakeServer::always(Reply::json(
        200,
        r#"{"total":2,"rows":[{"$id":"a","title":"t","count":1},{"$id":"b","title":"t","count":"many"}]}"#,
    ))
    .await;
    let err = client(&server.endpoint())
        .rows::<Book>("shop", "books")
        .list()
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            table,
            path,
            operation,
            ..
        } => {
            assert_eq!(
                (table.as_deref(), path.as_str(), *operation),
                (Some("books"), "rows[1].count", "rows.list")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().contains("rows[1].count") && err.to_string().contains("`books`"),
        "{err}"
    );
}

#[tokio::test]
async fn local_validation_errors_send_nothing() {
    let server = universal().await;
    let c = client(&server.endpoint());
    let books = c.rows::<Book>("shop", "books");
    assert!(matches!(
        books.create("bad id", &json!({})).await,
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        books.create("ok", &5).await,
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        books.increment("r", "count").by(f64::NAN).await,
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        c.databases().create("_x", "X").await,
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        c.columns("s", "t")
            .create(&StringColumn::new("$bad", 5))
            .await,
        Err(Error::Validation { .. })
    ));
    assert_eq!(server.count(), 0);
}

/// What real 1.8.1 and 1.9.6 servers answer on `GET /v1/health/version`: the version to a
/// caller without credentials, 401 `general_unauthorized_scope` to an API key.
async fn health_server(version: &'static str) -> FakeServer {
    FakeServer::start(move |req, _| {
        if req.path != "/v1/health/version" {
            Reply::json(200, ANY)
        } else if req.header("x-appwrite-key").is_some() {
            Reply::error(
                401,
                "general_unauthorized_scope",
                "app.test@service.127.0.0.1 (role: applications) missing scopes ([\"public\"])",
            )
        } else {
            Reply::json(200, format!(r#"{{"version":"{version}"}}"#))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_version_is_learned_once_without_credentials() {
    use lazy_appwrite::Feature;

    let server = health_server("1.8.1").await;
    let client = client(&server.endpoint());
    // Eight first calls at once: one request between them.
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.server_version().await })
        })
        .collect();
    let mut versions = Vec::new();
    for task in tasks {
        versions.push(task.await.unwrap());
    }
    for version in versions {
        let version = version.unwrap();
        assert_eq!(version.release(), Some((1, 8, 1)));
        assert!(!version.has(Feature::InlineColumns));
    }
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "one request for every caller: {sent:?}");
    assert_eq!(sent[0].path, "/v1/health/version");
    assert_eq!(sent[0].header("x-appwrite-key"), None);
    assert_eq!(sent[0].header("x-appwrite-project"), Some("test-project"));
    // A clone shares what was learned.
    client.clone().server_version().await.unwrap();
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_server_that_does_not_say_its_version_is_unknown() {
    let server =
        FakeServer::always(Reply::error(404, "general_route_not_found", "Not found")).await;
    let version = client(&server.endpoint()).server_version().await.unwrap();
    assert_eq!(version.release(), None);
    assert!(version.has(lazy_appwrite::Feature::TextColumnKinds));

    let server = FakeServer::always(Reply::text(200, "text/html", "<html>proxy</html>")).await;
    let version = client(&server.endpoint()).server_version().await.unwrap();
    assert_eq!(version.release(), None);
}

#[tokio::test]
async fn a_given_server_version_sends_nothing() {
    let server = health_server("1.9.6").await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .project("shop")
        .api_key(KEY)
        .server_version("1.8.1")
        .build()
        .unwrap();
    let version = client.server_version().await.unwrap();
    assert_eq!(version.release(), Some((1, 8, 1)));
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_guarded_upsert_of_a_row_created_meanwhile_is_modified() {
    // The guarded update finds no row; by the time the create arrives, someone made it.
    let server = FakeServer::start(|req, _| match req.method.as_str() {
        "PATCH" => Reply::error(
            404,
            "row_not_found",
            "Row with the requested ID could not be found.",
        ),
        _ => Reply::error(
            409,
            "row_already_exists",
            "Row with the requested ID already exists.",
        ),
    })
    .await;
    let err = client(&server.endpoint())
        .rows::<serde_json::Value>("shop", "books")
        .upsert("r1", &json!({"title": "mine"}))
        .unless_modified_since(Timestamp::parse("2026-01-01T00:00:00.000+00:00").unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Modified { answer } if answer.operation == "rows.upsert"
        ),
        "{err:?}"
    );
    let sent: Vec<(String, Option<String>)> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.header("x-appwrite-timestamp").map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            (
                "PATCH".to_owned(),
                Some("2026-01-01T00:00:00.000+00:00".to_owned())
            ),
            ("POST".to_owned(), None),
        ]
    );
}

#[tokio::test]
async fn a_refused_key_says_what_to_check() {
    // What a real server answers a key of another project (recorded on 1.8.1 and 1.9.6).
    let server = FakeServer::always(Reply::error(
        401,
        "user_unauthorized",
        "The current user is not authorized to perform the requested action.",
    ))
    .await;
    let err = client(&server.endpoint())
        .databases()
        .get("shop")
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(
            "databases.get: HTTP 401 (user_unauthorized): The current user is not authorized"
        ) && text.contains(
            "hint: the API key was not accepted; check that it is a key of project `test-project`"
        ),
        "{text}"
    );
    assert!(!text.contains(KEY), "the key itself is never shown");

    // A guest (no key) missing a scope is told so.
    let server = FakeServer::always(Reply::error(
        401,
        "general_unauthorized_scope",
        "User (role: guests) missing scopes ([\"databases.read\"])",
    ))
    .await;
    let guest = Client::builder()
        .endpoint(server.endpoint())
        .project("test-project")
        .build()
        .unwrap();
    let err = guest.databases().get("shop").await.unwrap_err();
    assert!(
        err.to_string()
            .contains("hint: the call carried no API key"),
        "{err}"
    );
}
