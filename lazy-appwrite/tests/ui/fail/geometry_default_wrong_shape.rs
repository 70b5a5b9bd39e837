use lazy_appwrite::Table;
use lazy_appwrite::schema::Point;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(point, default = [[0, 0], [1, 1]])]
    home: Option<Point>,
}

fn main() {}
