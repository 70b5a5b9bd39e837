use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_name", columns(name), lengths(16)))]
struct User {
    #[column(size = 8)]
    name: String,
}

fn main() {}
