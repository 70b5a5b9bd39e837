use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "users")]
struct User {
    #[column(size = 64)]
    name: String,
    #[column(varchar(size = 64))]
    nick: String,
    age: i64,
    admin: bool,
    #[column(size = 16)]
    tags: Vec<String>,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "posts")]
struct Post {
    views: i64,
}


fn main() {
    let c = User::columns();
    let _ = c.age.contains_any([1, 2]);
}
