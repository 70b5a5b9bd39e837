use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(float(min = 1.5, max = 0.5))]
    score: f64,
}

fn main() {}
