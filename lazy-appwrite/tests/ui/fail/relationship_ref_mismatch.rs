use lazy_appwrite::{Ref, Table};
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "authors")]
struct Author {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "publishers")]
struct Publisher {
    #[column(size = 64)]
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "books")]
struct Book {
    #[column(relationship(related = Author, kind = many_to_one))]
    author: Option<Ref<Publisher>>,
}

fn main() {}
