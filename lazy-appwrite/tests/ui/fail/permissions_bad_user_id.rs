use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "notes", row_security, permissions(read(any), update(user("bad id"))))]
struct Note {
    #[column(size = 64)]
    text: String,
}

fn main() {}
