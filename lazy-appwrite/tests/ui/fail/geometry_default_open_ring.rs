use lazy_appwrite::Table;
use lazy_appwrite::schema::Polygon;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(polygon, default = [[[0, 0], [0, 1], [1, 1], [1, 0]]])]
    area: Option<Polygon>,
}

fn main() {}
