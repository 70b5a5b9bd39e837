use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "notes", row_security, permissions(read(member(m1)), update(team("t1", owner))))]
struct Note {
    #[column(size = 64)]
    text: String,
}

fn main() {}
