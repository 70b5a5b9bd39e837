//! The query methods each kind of column has.
use lazy_appwrite::schema::Point;
use lazy_appwrite::{Enum, Table, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Enum, Clone, Copy)]
enum Status {
    Draft,
    Live,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "posts", index(key = "by_body", fulltext, columns(body)))]
struct Post {
    #[column(size = 64)]
    title: String,
    #[column(varchar(size = 64))]
    slug: Option<String>,
    #[column(text)]
    body: String,
    #[column(email)]
    author: String,
    views: Option<i64>,
    score: f64,
    published: Option<Timestamp>,
    draft: bool,
    status: Status,
    #[column(size = 16)]
    tags: Vec<String>,
    ratings: Option<Vec<i64>>,
    place: Point,
    #[column(relationship(related_id = "users", kind = many_to_one))]
    editor: Option<String>,
}

fn main() {
    let c = Post::columns();
    let title = String::from("t");
    let _ = c.title.equal("x") | c.title.equal(title.clone()) | c.title.equal(&title);
    let _ = c.title.not_equal("x") & c.title.is_in(["a", "b"]) & c.title.is_in(vec![title]);
    let _ = c.title.starts_with("a")
        & c.title.ends_with("b")
        & c.title.not_starts_with("c")
        & c.title.not_ends_with("d");
    let _ = c.title.contains("x") & c.title.not_contains("y") & c.author.contains("@x.io");
    let _ = c.slug.starts_with("a") & c.slug.is_null() & c.slug.is_not_null();
    let _ = c.body.search("x") & c.body.not_search("y");
    let _ = c.views.gt(1)
        & c.views.gte(1u8)
        & c.views.lt(2i32)
        & c.views.lte(3)
        & c.views.between(1, 2)
        & c.views.not_between(3, 4);
    let _ = c.score.gt(1) & c.score.lt(2.5) & c.score.between(0, 1.5);
    let _ = c.published.gt(Timestamp::now())
        & c.published
            .between(Timestamp::from_unix_millis(0), Timestamp::now());
    let _ = c.draft.equal(true) & c.draft.not_equal(false);
    let _ = c.status.equal(Status::Live) & c.status.is_in([Status::Draft]);
    let _ = c.tags.contains("x")
        & c.tags.not_contains("y")
        & c.ratings.contains(5)
        & c.ratings.is_null();
    let _ = c.place.equal(Point::new(1.0, 2.0));
    let _ = c.editor.equal("u1") & c.editor.is_null();
    let _ = Post::query()
        .filter_with(|c| c.views.gt(10))
        .order(c.views.desc())
        .order(c.title.asc())
        .limit(10)
        .offset(5)
        .cursor_after("r1")
        .select(c.title)
        .into_queries();
}
