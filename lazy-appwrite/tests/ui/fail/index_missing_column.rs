use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_name", columns(nmae)))]
struct User {
    age: i64,
}

fn main() {}
