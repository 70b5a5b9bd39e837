use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(key = "-age")]
    #[serde(rename = "-age")]
    age: i64,
}

fn main() {}
