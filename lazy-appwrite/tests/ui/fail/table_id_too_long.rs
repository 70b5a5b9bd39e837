use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "a_table_id_that_is_far_too_long_for_appwrite")]
struct User {
    age: i64,
}

fn main() {}
