use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(relationship(related_id = "teams", kind = many_to_one, on_delete = cascde))]
    team: Option<String>,
}

fn main() {}
