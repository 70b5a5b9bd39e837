use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "ledger")]
struct Entry {
    #[column(bigint(min = 10, max = 9_223_372_036_854_775_808))]
    cents: i64,
}

fn main() {}
