use lazy_appwrite::Table;
use lazy_appwrite::schema::Line;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(default = [1, 2])]
    route: Option<Line>,
}

fn main() {}
