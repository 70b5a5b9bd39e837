use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_age", columns(age)), index(key = "BY_AGE", columns(age)))]
struct User {
    age: i64,
}

fn main() {}
