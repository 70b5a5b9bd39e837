use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(size = 8, default = "x")]
    tags: Vec<String>,
}

fn main() {}
