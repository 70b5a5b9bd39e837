use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "ledger")]
struct Entry {
    #[column(bigint(min = 5_000_000_000, max = -5))]
    cents: Option<i64>,
}

fn main() {}
