use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(name = "Users")]
struct User {
    age: i64,
}

fn main() {}
