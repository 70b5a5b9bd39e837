//! Typed queries: column handles, filters, orders and list queries produce the queries the
//! client sends.

use lazy_appwrite::schema::Point;
use lazy_appwrite::typed::{Filter, ListQuery};
use lazy_appwrite::{Enum, Query, Table, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
enum Status {
    Draft,
    Live,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "posts", index(key = "by_body", fulltext, columns(body)))]
struct Post {
    #[column(size = 64)]
    title: String,
    #[column(text)]
    body: String,
    #[column(email)]
    author: Option<String>,
    views: i64,
    score: Option<f64>,
    published: Option<Timestamp>,
    draft: bool,
    status: Status,
    #[column(size = 16)]
    tags: Vec<String>,
    place: Option<Point>,
}

fn json(filter: Filter<Post>) -> String {
    filter.into_query().to_json()
}

#[test]
fn handles_build_the_queries_appwrite_expects() {
    let c = Post::columns();
    let cases = [
        (c.views.equal(3), Query::equal("views", 3)),
        (c.views.not_equal(3), Query::not_equal("views", 3)),
        (c.views.is_in([1, 2]), Query::equal("views", [1, 2])),
        (c.views.gt(3), Query::greater_than("views", 3)),
        (c.views.gte(3), Query::greater_than_equal("views", 3)),
        (c.views.lt(3), Query::less_than("views", 3)),
        (c.views.lte(3), Query::less_than_equal("views", 3)),
        (c.views.between(1, 9), Query::between("views", 1, 9)),
        (c.views.not_between(1, 9), Query::not_between("views", 1, 9)),
        (c.score.gt(1.5), Query::greater_than("score", 1.5)),
        (c.score.is_null(), Query::is_null("score")),
        (c.score.is_not_null(), Query::is_not_null("score")),
        (c.title.starts_with("Du"), Query::starts_with("title", "Du")),
        (c.title.ends_with("ne"), Query::ends_with("title", "ne")),
        (
            c.title.not_starts_with("A"),
            Query::not_starts_with("title", "A"),
        ),
        (
            c.title.not_ends_with("Z"),
            Query::not_ends_with("title", "Z"),
        ),
        (c.title.contains("un"), Query::contains("title", "un")),
        (
            c.title.not_contains("zz"),
            Query::not_contains("title", "zz"),
        ),
        (
            c.author.contains("@example"),
            Query::contains("author", "@example"),
        ),
        (c.body.search("dune"), Query::search("body", "dune")),
        (c.body.contains("spice"), Query::contains("body", "spice")),
        (c.body.not_search("emma"), Query::not_search("body", "emma")),
        (c.tags.contains("rust"), Query::contains("tags", "rust")),
        (c.tags.not_contains("go"), Query::not_contains("tags", "go")),
        (
            c.tags.contains_any(["rust", "go"]),
            Query::contains_any("tags", ["rust", "go"]),
        ),
        (
            c.title.contains_any(["Du", "Em"]),
            Query::contains_any("title", ["Du", "Em"]),
        ),
        (
            c.tags.contains_all(["rust", "go"]),
            Query::contains_all("tags", ["rust", "go"]),
        ),
        (c.draft.equal(false), Query::equal("draft", false)),
        (c.status.equal(Status::Live), Query::equal("status", "Live")),
        (
            c.status.is_in([Status::Draft, Status::Live]),
            Query::equal("status", ["Draft", "Live"]),
        ),
        (
            c.published.gt(Timestamp::from_unix_millis(0)),
            Query::greater_than("published", "1970-01-01T00:00:00.000+00:00"),
        ),
        (
            c.place.equal(Point::new(1.0, 2.0)),
            Query::equal("place", serde_json::json!([1.0, 2.0])),
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(filter.into_query(), expected);
    }
}

#[test]
fn and_or_flatten() {
    let c = Post::columns();
    let f = c.views.gt(1) & c.views.lt(9) & c.draft.equal(false);
    assert_eq!(
        json(f),
        r#"{"method":"and","values":[{"method":"greaterThan","attribute":"views","values":[1]},{"method":"lessThan","attribute":"views","values":[9]},{"method":"equal","attribute":"draft","values":[false]}]}"#
    );
    let g = (c.views.gt(100) | c.tags.contains("hot")).and(c.draft.equal(false));
    assert_eq!(
        json(g),
        r#"{"method":"and","values":[{"method":"or","values":[{"method":"greaterThan","attribute":"views","values":[100]},{"method":"contains","attribute":"tags","values":["hot"]}]},{"method":"equal","attribute":"draft","values":[false]}]}"#
    );
}

#[test]
fn list_queries() {
    let c = Post::columns();
    let q: ListQuery<Post> = Post::query()
        .filter_with(|c| c.views.gt(10))
        .filter(Post::filter(|c| c.draft.equal(false)))
        .order(c.views.desc())
        .order(c.title.asc())
        .order_random()
        .limit(5)
        .offset(10)
        .cursor_after("row-1")
        .cursor_before("row-9")
        .select(c.title)
        .select(c.views)
        .select(c.title);
    let got: Vec<Query> = q.into_iter().collect();
    assert_eq!(
        got,
        [
            Query::greater_than("views", 10),
            Query::equal("draft", false),
            Query::order_desc("views"),
            Query::order_asc("title"),
            Query::order_random(),
            Query::limit(5),
            Query::offset(10),
            Query::cursor_after("row-1"),
            Query::cursor_before("row-9"),
            // The columns every `Post` needs come too, so the rows decode: the required
            // `body`, `draft` and `status` (and `views`), and the array `tags`.
            Query::select(["title", "body", "views", "draft", "status", "tags"]),
        ]
    );
    assert_eq!(c.title.key(), "title");
    assert_eq!(format!("{:?}", c.views), r#"Column("views": integer)"#);
}

#[tokio::test(flavor = "current_thread")]
async fn typed_lists_run_against_the_emulator() -> Result<(), Box<dyn std::error::Error>> {
    #[derive(Table, Serialize, Deserialize, Debug)]
    #[table(
        id = "items",
        database = "shop",
        index(key = "by_name", fulltext, columns(name))
    )]
    struct Item {
        #[column(size = 32)]
        name: String,
        #[column(integer(min = 0))]
        stock: i64,
        price: Option<f64>,
    }

    let emulator = lazy_appwrite_emulator::Emulator::builder()
        .processing_delay(std::time::Duration::ZERO)
        .start()
        .await?;
    let client = lazy_appwrite::Client::builder()
        .endpoint(emulator.endpoint())
        .project(emulator.project())
        .api_key(emulator.key())
        .build()?;
    client.databases().create("shop", "Shop").await?;
    let schema = Item::SCHEMA;
    client.tables("shop").create(schema.id, schema.name).await?;
    let columns = client.columns("shop", "items");
    for column in schema.columns {
        columns.create(column).await?;
    }
    columns
        .wait_until_available(&["name", "stock", "price"])
        .await?;

    let items = Item::rows(&client)?;
    for (name, stock, price) in [
        ("apple", 3, Some(1.5)),
        ("pear", 0, None),
        ("plum", 7, Some(3.0)),
    ] {
        let item = Item {
            name: name.into(),
            stock,
            price,
        };
        item.validate()?;
        items.create(lazy_appwrite::ID::unique(), &item).await?;
    }
    let in_stock = items.list().filter(|c| c.stock.gt(0)).await?;
    assert_eq!(in_stock.total, 2);
    let c = Item::columns();
    let page = items
        .list()
        .typed(
            Item::query()
                .filter(c.price.is_null() | c.stock.gte(7))
                .order(c.name.asc()),
        )
        .await?;
    let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["pear", "plum"]);

    let row = items
        .list()
        .typed(Item::query().filter(c.name.equal("apple")))
        .await?;
    let id = row.rows[0].id.clone();
    let patch = Item::patch().stock(10);
    lazy_appwrite::schema::Patch::validate(&patch)?;
    let updated = items.update(&id).data(&patch).await?;
    assert_eq!(updated.stock, 10);
    assert_eq!(updated.price, Some(1.5));
    emulator.shutdown().await;
    Ok(())
}
