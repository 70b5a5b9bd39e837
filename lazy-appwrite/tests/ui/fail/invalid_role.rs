use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", permissions(read("everyone")))]
struct User {
    age: i64,
}

fn main() {}
