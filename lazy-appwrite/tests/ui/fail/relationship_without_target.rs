use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "books")]
struct Book {
    // An ID field names no model: `related`/`related_id` is needed.
    #[column(relationship(kind = many_to_one))]
    author: Option<String>,
}

fn main() {}
