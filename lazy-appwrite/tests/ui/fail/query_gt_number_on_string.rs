use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(size = 64)]
    name: String,
}

fn main() {
    // One error: the method, not also the number.
    let _ = User::columns().name.gt(18);
}
