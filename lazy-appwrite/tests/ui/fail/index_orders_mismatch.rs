use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_age", columns(age, name), orders(asc)))]
struct User {
    age: i64,
    #[column(size = 8)]
    name: String,
}

fn main() {}
