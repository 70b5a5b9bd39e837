use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "my users")]
struct User {
    age: i64,
}

fn main() {}
