use lazy_appwrite::{Ref, Table};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Author {
    name: String,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "books")]
struct Book {
    #[column(size = 64)]
    title: String,
    // `Author` has no `#[derive(Table)]`.
    #[column(relationship(kind = many_to_one))]
    author: Option<Ref<Author>>,
    #[column(relationship(related = Author, kind = many_to_one))]
    editor: Option<String>,
}

fn main() {}
