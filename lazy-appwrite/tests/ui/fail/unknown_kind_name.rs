use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "notes")]
struct Note {
    #[column(kind = "varchr", size = 16)]
    code: String,
}

fn main() {}
