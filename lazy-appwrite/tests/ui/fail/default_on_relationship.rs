use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(relationship(related_id = "teams", kind = many_to_one), default = "t1")]
    team: Option<String>,
}

fn main() {}
