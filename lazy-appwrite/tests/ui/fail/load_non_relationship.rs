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
    #[column(size = 64)]
    title: String,
    #[column(relationship(related_id = "authors", kind = many_to_one))]
    editor: Option<String>,
    #[column(relationship(kind = many_to_one))]
    author: Option<Ref<Author>>,
}

fn main() {
    let c = Book::columns();
    // Only relationships load, and only with a `Ref<…>` field to decode into.
    let _ = Book::query().load(c.title);
    let _ = Book::query().load(c.editor);
    // A path continues with the related model's columns, not another table's.
    let _ = c.author.then(Book::columns().author);
}
