use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(integer(min = 10, max = -5))]
    age: i64,
}

fn main() {}
