use lazy_appwrite::Table;
use lazy_appwrite::schema::Point;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(default = [200, 0])]
    home: Option<Point>,
}

fn main() {}
