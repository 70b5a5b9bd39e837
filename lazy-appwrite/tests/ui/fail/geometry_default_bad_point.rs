use lazy_appwrite::Table;
use lazy_appwrite::schema::Line;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(line, default = [[0, 0], [1, 1, 2], [3]])]
    route: Option<Line>,
}

fn main() {}
