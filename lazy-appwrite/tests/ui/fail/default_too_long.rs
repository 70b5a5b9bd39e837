use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(size = 3, default = "abcd")]
    code: Option<String>,
}

fn main() {}
