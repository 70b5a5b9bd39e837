use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users", index(key = "by_team", columns(team)))]
struct User {
    #[column(relationship(related_id = "teams", kind = many_to_one))]
    team: Option<String>,
}

fn main() {}
