//! Every table attribute, including the crate path override for a renamed dependency.
use lazy_appwrite as aw;
use serde::{Deserialize, Serialize};

#[derive(aw::Table, Serialize, Deserialize)]
#[table(
    crate = aw,
    id = "accounts",
    name = "Bank accounts",
    database = "bank",
    permissions(
        create("users"),
        read("any", "guests", "users/verified", "user:u1/unverified", "member:m1", "label:vip"),
        update("team:t1"),
        delete("team:t1/owner"),
        write("user:u2"),
    ),
    row_security = true,
    enabled = false,
    index(key = "by_owner", columns(owner)),
    index(key = "by_iban", unique, columns("iban", "$createdAt"), orders(asc, desc), lengths(20, none)),
    index(key = "by_note", fulltext, columns(note)),
)]
struct Account {
    #[column(size = 64)]
    owner: String,
    #[column(varchar(size = 34))]
    iban: String,
    #[column(text)]
    note: Option<String>,
}

fn main() {
    use aw::Table as _;
    let s = Account::SCHEMA;
    assert_eq!(s.permissions.len(), 12);
    assert_eq!(s.indexes.len(), 3);
    let _ = Account::columns().note.search("rent");
}
