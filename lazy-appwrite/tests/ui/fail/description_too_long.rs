use lazy_appwrite::Table;
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "notes")]
struct Note {
    #[column(description = "This explicit description is far too long for Appwrite, which keeps at most two hundred and fifty-six characters of a description on a table or a column; doc comments are cut to fit, but text written in the attribute is meant to be sent whole, so it is refused.")]
    body: String,
    #[column(description = true)]
    title: String,
}

fn main() {}
