use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(lazy_appwrite::Enum)]
enum Plan {
    Free,
    Pro,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(default = "Gold")]
    plan: Plan,
}

fn main() {}
