use lazy_appwrite::{Ref, Table};
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "authors")]
struct Author {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "books")]
struct Book {
    author: Option<Ref<Author>>,
}

fn main() {}
