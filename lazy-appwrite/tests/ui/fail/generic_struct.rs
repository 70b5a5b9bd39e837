use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "boxes")]
struct Boxed<T> {
    value: T,
}

fn main() {}
