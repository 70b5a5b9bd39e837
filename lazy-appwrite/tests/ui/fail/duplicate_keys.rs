use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    age: i64,
    #[column(key = "Age")]
    #[serde(rename = "Age")]
    age2: i64,
}

fn main() {}
