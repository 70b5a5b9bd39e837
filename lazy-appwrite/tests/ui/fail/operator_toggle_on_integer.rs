use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "items")]
struct Item {
    #[column(size = 64)]
    name: String,
    #[column(varchar(size = 64))]
    nick: String,
    stock: i64,
    active: bool,
    #[column(size = 16)]
    tags: Vec<String>,
    scores: Vec<i64>,
}

fn main() {
    let c = Item::columns();
    let _ = c.stock.toggle();
}
