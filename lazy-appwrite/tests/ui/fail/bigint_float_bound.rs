use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "ledger")]
struct Entry {
    #[column(bigint(min = 0.5))]
    cents: i64,
}

fn main() {}
