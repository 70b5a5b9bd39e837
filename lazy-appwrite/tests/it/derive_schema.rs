//! The schema constant `#[derive(Table)]` generates: every column kind and option, table
//! settings, indexes, and the JSON bodies built from them.

use lazy_appwrite::schema::{
    ColumnType, DefaultValue, IndexKind, IndexOrder, Line, OnDeleteAction, Point, Polygon,
    Relation, RelationshipSchema, differences, related_model,
};
use lazy_appwrite::{Enum, Table, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
#[enum_value(rename_all = "lowercase")]
enum Genre {
    Fiction,
    History,
    #[enum_value = "sci-fi"]
    SciFi,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "authors", database = "shop")]
struct Author {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(
    id = "books",
    name = "Books",
    database = "shop",
    permissions(
        read("any", "users/verified"),
        write("team:t1/owner"),
        create("label:vip")
    ),
    row_security,
    enabled = false,
    index(key = "by_title", fulltext, columns(title)),
    index(
        key = "by_year",
        unique,
        columns(year, "isbn"),
        orders(desc, asc),
        lengths(none, 8)
    ),
    index(key = "by_created", columns("$createdAt"))
)]
#[serde(rename_all = "camelCase")]
struct Book {
    #[column(size = 128)]
    title: String,
    #[column(varchar(size = 13))]
    isbn: Option<String>,
    #[column(text)]
    summary: Option<String>,
    #[column(mediumtext)]
    body: Option<String>,
    #[column(longtext, encrypt)]
    notes: Option<String>,
    #[column(string(size = 200, encrypt))]
    secret: Option<String>,
    #[column(integer(min = 0, max = 3000))]
    year: i64,
    pages: Option<u16>,
    #[column(float(min = 0.0, max = 1000.0), default = 9.5)]
    price: f64,
    rating: Option<f32>,
    #[column(boolean, default = false)]
    sold_out: bool,
    published_at: Option<Timestamp>,
    #[column(datetime, default = "2024-01-01")]
    reviewed_at: Option<String>,
    #[column(email)]
    contact: Option<String>,
    #[column(url)]
    homepage: Option<String>,
    #[column(ip)]
    last_ip: Option<String>,
    #[column(enum(elements("new", "used")), default = "new")]
    condition: Option<String>,
    genre: Genre,
    #[column(enum)]
    genres: Vec<Genre>,
    #[column(relationship(related = Author, kind = many_to_one, two_way_key = "books", on_delete = cascade))]
    author: Option<String>,
    #[column(relationship(related_id = "reviews", kind = one_to_many))]
    reviews: Vec<String>,
    store: Option<Point>,
    #[column(line)]
    route: Option<Line>,
    #[column(polygon)]
    area: Option<Polygon>,
    #[column(size = 16)]
    tags: Option<Vec<String>>,
    #[serde(rename = "ISBN13")]
    #[column(key = "ISBN13", required = false, size = 13)]
    isbn13: String,
    #[serde(rename = "shelfCode")]
    #[column(size = 8)]
    shelf: Option<String>,
    #[column(skip)]
    #[serde(skip)]
    #[allow(dead_code)]
    cached: Vec<u8>,
}

#[test]
fn table_settings() {
    let s = Book::SCHEMA;
    assert_eq!(Book::ID, "books");
    assert_eq!((s.id, s.name, s.database), ("books", "Books", Some("shop")));
    assert!(s.row_security);
    assert!(!s.enabled);
    assert_eq!(
        s.permissions,
        [
            r#"read("any")"#,
            r#"read("users/verified")"#,
            r#"create("team:t1/owner")"#,
            r#"update("team:t1/owner")"#,
            r#"delete("team:t1/owner")"#,
            r#"create("label:vip")"#,
        ]
    );
    assert_eq!(
        s.permissions
            .iter()
            .filter(|p| p.parse::<lazy_appwrite::Permission>().is_ok())
            .count(),
        6
    );
    let author = Author::SCHEMA;
    assert_eq!(
        (
            author.name,
            author.permissions.len(),
            author.row_security,
            author.enabled
        ),
        ("authors", 0, false, true)
    );
}

#[test]
fn every_column_kind() {
    let s = Book::SCHEMA;
    let kind = |key: &str| {
        s.column(key)
            .map(|c| c.kind)
            .unwrap_or_else(|| panic!("no column {key}"))
    };
    assert_eq!(
        kind("title"),
        ColumnType::String {
            size: 128,
            encrypt: false
        }
    );
    assert_eq!(
        kind("isbn"),
        ColumnType::Varchar {
            size: 13,
            encrypt: false
        }
    );
    assert_eq!(kind("summary"), ColumnType::Text { encrypt: false });
    assert_eq!(kind("body"), ColumnType::MediumText { encrypt: false });
    assert_eq!(kind("notes"), ColumnType::LongText { encrypt: true });
    assert_eq!(
        kind("secret"),
        ColumnType::String {
            size: 200,
            encrypt: true
        }
    );
    assert_eq!(
        kind("year"),
        ColumnType::Integer {
            min: Some(0),
            max: Some(3000)
        }
    );
    assert_eq!(
        kind("pages"),
        ColumnType::Integer {
            min: Some(0),
            max: Some(65535)
        }
    );
    assert_eq!(
        kind("price"),
        ColumnType::Float {
            min: Some(0.0),
            max: Some(1000.0)
        }
    );
    assert_eq!(
        kind("rating"),
        ColumnType::Float {
            min: None,
            max: None
        }
    );
    assert_eq!(kind("soldOut"), ColumnType::Boolean);
    assert_eq!(kind("publishedAt"), ColumnType::Datetime);
    assert_eq!(kind("reviewedAt"), ColumnType::Datetime);
    assert_eq!(kind("contact"), ColumnType::Email);
    assert_eq!(kind("homepage"), ColumnType::Url);
    assert_eq!(kind("lastIp"), ColumnType::Ip);
    assert_eq!(
        kind("condition"),
        ColumnType::Enum {
            elements: &["new", "used"]
        }
    );
    assert_eq!(
        kind("genre"),
        ColumnType::Enum {
            elements: &["fiction", "history", "sci-fi"]
        }
    );
    assert_eq!(
        kind("genres"),
        ColumnType::Enum {
            elements: &["fiction", "history", "sci-fi"]
        }
    );
    assert_eq!(
        kind("author"),
        ColumnType::Relationship(
            RelationshipSchema::new("authors", Relation::ManyToOne)
                .two_way("books")
                .on_delete(OnDeleteAction::Cascade)
                .related_model(related_model::<Author>())
        )
    );
    assert_eq!(
        kind("reviews"),
        ColumnType::Relationship(RelationshipSchema::new("reviews", Relation::OneToMany))
    );
    assert_eq!(kind("store"), ColumnType::Point);
    assert_eq!(kind("route"), ColumnType::Line);
    assert_eq!(kind("area"), ColumnType::Polygon);
    assert_eq!(
        kind("tags"),
        ColumnType::String {
            size: 16,
            encrypt: false
        }
    );
    assert_eq!(
        kind("ISBN13"),
        ColumnType::String {
            size: 13,
            encrypt: false
        }
    );
    assert_eq!(
        kind("shelfCode"),
        ColumnType::String {
            size: 8,
            encrypt: false
        }
    );
    assert!(s.column("cached").is_none());
    assert_eq!(s.columns.len(), 27);
}

#[test]
fn required_array_default_and_keys() {
    let s = Book::SCHEMA;
    let col = |key: &str| s.column(key).unwrap_or_else(|| panic!("no column {key}"));
    assert!(col("title").required, "not an Option: required");
    assert!(!col("isbn").required, "an Option: optional");
    assert!(!col("price").required, "a default makes it optional");
    assert_eq!(col("price").default, Some(DefaultValue::Float(9.5)));
    assert_eq!(col("soldOut").default, Some(DefaultValue::Boolean(false)));
    assert_eq!(
        col("reviewedAt").default,
        Some(DefaultValue::String("2024-01-01"))
    );
    assert_eq!(col("condition").default, Some(DefaultValue::String("new")));
    assert!(!col("ISBN13").required, "required = false overrides");
    assert_eq!(col("ISBN13").field, "isbn13");
    assert_eq!(col("soldOut").field, "sold_out");
    assert!(col("genres").array && col("tags").array && !col("genre").array);
    assert!(
        !col("reviews").array,
        "relationships are never array columns"
    );
    assert!(!col("author").required);
}

#[test]
fn indexes() {
    let s = Book::SCHEMA;
    assert_eq!(s.indexes.len(), 3);
    let by_year = s.index("by_year").expect("by_year");
    assert_eq!(by_year.kind, IndexKind::Unique);
    assert_eq!(by_year.columns, ["year", "isbn"]);
    assert_eq!(by_year.orders, [IndexOrder::Desc, IndexOrder::Asc]);
    assert_eq!(by_year.lengths, [None, Some(8)]);
    assert_eq!(
        s.index("by_title").map(|i| i.kind),
        Some(IndexKind::Fulltext)
    );
    assert_eq!(
        s.index("by_created").map(|i| i.columns),
        Some(&["$createdAt"][..])
    );
}

#[test]
fn json_bodies() {
    let s = Book::SCHEMA;
    let body = s.create_body();
    assert_eq!(body["tableId"], "books");
    assert_eq!(body["rowSecurity"], true);
    assert_eq!(body["enabled"], false);
    let inline: Vec<&str> = body["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(
        inline.contains(&"title") && !inline.contains(&"author") && !inline.contains(&"summary")
    );
    let deferred: Vec<&str> = s.deferred_columns().map(|c| c.key).collect();
    assert_eq!(
        deferred,
        ["isbn", "summary", "body", "notes", "author", "reviews"]
    );
    let deferred_indexes: Vec<&str> = s.deferred_indexes().map(|i| i.key).collect();
    assert_eq!(deferred_indexes, ["by_year"]);
    assert_eq!(
        s.column("year").unwrap().create_body(),
        json!({"key": "year", "required": true, "min": 0, "max": 3000})
    );
    assert_eq!(
        s.column("condition").unwrap().inline_body().unwrap(),
        json!({"key": "condition", "type": "string", "required": false, "format": "enum", "elements": ["new", "used"], "size": 255, "default": "new"})
    );
    assert_eq!(
        s.column("author").unwrap().create_body(),
        json!({"relatedTableId": "authors", "type": "manyToOne", "twoWay": true, "key": "author", "twoWayKey": "books", "onDelete": "cascade"})
    );
    assert_eq!(
        s.index("by_year").unwrap().create_body(),
        json!({"key": "by_year", "type": "unique", "columns": ["year", "isbn"], "orders": ["DESC", "ASC"], "lengths": [null, 8]})
    );
    for column in s.columns {
        use lazy_appwrite::columns::ColumnSpec;
        assert_eq!(ColumnSpec::key(column), column.key);
        assert_eq!(column.kind(), column.kind.endpoint());
    }
}

#[test]
fn server_columns_compare() {
    let s = Book::SCHEMA;
    let server: lazy_appwrite::response::ColumnInfo = serde_json::from_value(json!({
        "key": "year", "type": "integer", "status": "available", "required": true, "array": false,
        "min": 0, "max": 3000, "default": null
    }))
    .unwrap();
    assert!(differences(s.column("year").unwrap(), &server).is_empty());
    let server: lazy_appwrite::response::ColumnInfo = serde_json::from_value(json!({
        "key": "price", "type": "double", "status": "available", "required": false, "array": false,
        "min": 0, "max": 1000, "default": 2.5
    }))
    .unwrap();
    let diffs = differences(s.column("price").unwrap(), &server);
    assert_eq!(diffs.len(), 1, "{diffs:?}");
}

#[test]
fn enum_derive_round_trips() {
    use lazy_appwrite::schema::EnumValue;
    assert_eq!(serde_json::to_string(&Genre::SciFi).unwrap(), r#""sci-fi""#);
    assert_eq!(
        serde_json::from_str::<Genre>(r#""history""#).unwrap(),
        Genre::History
    );
    assert!(serde_json::from_str::<Genre>(r#""History""#).is_err());
    assert_eq!(Genre::from_element("fiction"), Some(Genre::Fiction));
}

/// `kind = "name"` picks a kind of the core crate's kind table by name.
#[derive(Table, Serialize, Deserialize)]
#[table(id = "named")]
struct Named {
    #[column(kind = "varchar", size = 16)]
    code: String,
    #[column(kind = "mediumtext", encrypt)]
    notes: Option<String>,
    #[column(kind = "integer")]
    count: i64,
}

#[test]
fn kinds_picked_by_name() {
    let s = Named::SCHEMA;
    assert_eq!(
        s.column("code").unwrap().kind,
        ColumnType::Varchar {
            size: 16,
            encrypt: false
        }
    );
    assert_eq!(
        s.column("notes").unwrap().kind,
        ColumnType::MediumText { encrypt: true }
    );
    assert_eq!(
        s.column("count").unwrap().kind,
        ColumnType::Integer {
            min: None,
            max: None
        }
    );
}
