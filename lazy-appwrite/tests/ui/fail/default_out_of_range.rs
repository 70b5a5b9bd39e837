use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(integer(min = 0, max = 10), default = 20)]
    age: i64,
}

fn main() {}
