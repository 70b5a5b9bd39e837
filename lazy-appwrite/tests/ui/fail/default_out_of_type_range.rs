use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(default = 300)]
    level: u8,
}

fn main() {}
