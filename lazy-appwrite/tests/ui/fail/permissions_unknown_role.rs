use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "notes", row_security, permissions(read(any), update(gusts)))]
struct Note {
    #[column(size = 64)]
    text: String,
}

fn main() {}
