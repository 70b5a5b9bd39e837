use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_age", columns(age), lengths(4)))]
struct User {
    #[column(integer)]
    age: i64,
}

fn main() {}
