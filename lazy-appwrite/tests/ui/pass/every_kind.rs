//! Every column kind, explicit and inferred, with every column attribute.
use lazy_appwrite::schema::{Line, Point, Polygon};
use lazy_appwrite::{Enum, Table, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Enum)]
enum Plan {
    Free,
    Pro,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "teams")]
struct Team {
    #[column(size = 32)]
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "kinds")]
struct Kinds {
    #[column(size = 10)]
    size_shorthand: String,
    #[column(string(size = 10))]
    string: String,
    #[column(string(size = 150, encrypt))]
    secret: Option<String>,
    #[column(varchar(size = 20), default = "v")]
    varchar: Option<String>,
    #[column(text)]
    text: String,
    #[column(mediumtext, encrypt)]
    mediumtext: Option<String>,
    #[column(longtext)]
    longtext: Option<String>,
    #[column(integer)]
    integer: i64,
    #[column(integer(min = -5, max = 5), default = -1)]
    bounded: i32,
    inferred_int: Option<u32>,
    #[column(bigint)]
    bigint: i64,
    // The type's own lower limit, and an upper one past f64's exact integers (2^53 + 1).
    #[column(bigint(min = -9_223_372_036_854_775_808, max = 9_007_199_254_740_993), default = 4_000_000_000)]
    big_ranged: Option<i64>,
    #[column(float)]
    float: f64,
    #[column(float(min = -1.5, max = 1e3), default = 2)]
    ranged: f32,
    #[column(boolean, default = true)]
    boolean: bool,
    inferred_bool: Option<bool>,
    #[column(datetime, default = "2024-01-01T00:00:00+00:00")]
    datetime_text: Option<String>,
    datetime: Timestamp,
    #[column(email, default = "a@b.io")]
    email: Option<String>,
    #[column(url)]
    url: String,
    #[column(ip)]
    ip: Option<String>,
    #[column(enum(elements("a", "b")))]
    enum_text: String,
    #[column(enum)]
    enum_derived: Plan,
    #[column(default = "Pro")]
    enum_inferred: Plan,
    #[column(relationship(related = Team, kind = many_to_one, two_way, on_delete = set_null))]
    team: Option<String>,
    #[column(relationship(related_id = "posts", kind = one_to_many, two_way_key = "author"))]
    posts: Vec<String>,
    #[column(relationship(related = Team, kind = one_to_one))]
    captain_of: Option<String>,
    #[column(relationship(related = Team, kind = many_to_many, on_delete = cascade))]
    guilds: Option<Vec<String>>,
    #[column(point)]
    point: Point,
    line: Option<Line>,
    #[column(polygon)]
    polygon: Option<Polygon>,
    #[column(point, default = [2.35, -48])]
    point_default: Option<Point>,
    #[column(default = [[0, 0], [1.5, 1]])]
    line_default: Option<Line>,
    #[column(polygon, default = [[[0, 0], [0, 1], [1, 1], [0, 0]], [[5, 5], [5, 6], [6, 6], [5, 5]]])]
    polygon_default: Option<Polygon>,
    #[column(size = 8)]
    tags: Vec<String>,
    flags: Option<Vec<bool>>,
    #[column(polygon)]
    json: serde_json::Value,
    #[column(required)]
    forced: Option<i64>,
    #[column(required = false)]
    relaxed: i64,
    #[column(key = "renamedKey")]
    #[serde(rename = "renamedKey")]
    renamed: i64,
    #[column(skip)]
    #[serde(skip)]
    skipped: std::collections::HashMap<String, String>,
}

fn main() {
    assert_eq!(Kinds::SCHEMA.columns.len(), 40);
    let _ = Kinds::columns().team.equal("t1");
    let default = |key| Kinds::SCHEMA.column(key).and_then(|c| c.default).map(|d| d.to_json());
    assert_eq!(default("point_default"), Some(serde_json::json!([2.35, -48.0])));
    assert_eq!(default("line_default"), Some(serde_json::json!([[0.0, 0.0], [1.5, 1.0]])));
    assert_eq!(default("polygon_default").unwrap()[1][3], serde_json::json!([5.0, 5.0]));
    let _ = Team::ID;
}
