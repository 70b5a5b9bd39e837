use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "places")]
struct Place {
    #[column(integer, default = [1, 2])]
    n: Option<i64>,
}

fn main() {}
