//! Descriptions (Appwrite 2.6.0 and later): the doc comments of a model become its
//! table's and columns' `description`s, which the sync sends only to servers that have
//! them.

use lazy_appwrite::Table;
use lazy_appwrite::schema::DESCRIPTION_MAX_CHARS;
use serde::{Deserialize, Serialize};

/// A book on the shelf.
///
/// Kept  with its shelf number.
#[derive(Table, Serialize, Deserialize)]
#[table(id = "described_books")]
pub(crate) struct DescribedBook {
    /// The title,
    /// as printed on the cover.
    #[column(size = 64)]
    pub(crate) title: String,
    /// Ignored: the attribute wins.
    #[column(description = "Where it stands.")]
    pub(crate) shelf: Option<i64>,
    /// Not sent.
    #[column(size = 64, description = false)]
    pub(crate) notes: Option<String>,
    pub(crate) read: Option<bool>,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "long_docs", description = "Set by the attribute.")]
struct LongDocs {
    #[doc = "A very long doc comment. "]
    #[doc = "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"]
    #[column(size = 64)]
    body: Option<String>,
}

#[test]
fn doc_comments_become_descriptions() {
    let schema = &DescribedBook::SCHEMA;
    assert_eq!(
        schema.description,
        Some("A book on the shelf.\n\nKept  with its shelf number.")
    );
    let description = |key: &str| schema.column(key).and_then(|c| c.description);
    assert_eq!(
        description("title"),
        Some("The title,\nas printed on the cover.")
    );
    assert_eq!(description("shelf"), Some("Where it stands."));
    assert_eq!(description("notes"), None);
    assert_eq!(description("read"), None);
}

#[test]
fn an_attribute_overrides_and_long_docs_are_cut() {
    assert_eq!(LongDocs::SCHEMA.description, Some("Set by the attribute."));
    let body = LongDocs::SCHEMA
        .column("body")
        .and_then(|c| c.description)
        .unwrap_or_default();
    assert_eq!(body.chars().count(), DESCRIPTION_MAX_CHARS);
    assert!(body.starts_with("A very long doc comment. \néé"));
}
