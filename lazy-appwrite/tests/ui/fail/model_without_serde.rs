use lazy_appwrite::Table;

// Rows are written and read through serde: `Serialize` and `Deserialize` are missing.
#[derive(Table)]
#[table(id = "users")]
struct User {
    #[column(size = 64)]
    name: String,
}

fn main() {}
