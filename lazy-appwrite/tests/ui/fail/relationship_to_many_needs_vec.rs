use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(relationship(related_id = "posts", kind = one_to_many))]
    posts: String,
}

fn main() {}
