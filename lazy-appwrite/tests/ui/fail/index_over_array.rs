use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_tags", columns(tags)))]
struct User {
    #[column(size = 16)]
    tags: Vec<String>,
}

fn main() {}
