use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "ledger")]
struct Entry {
    #[column(kind = "bigint")]
    cents: String,
}

fn main() {}
