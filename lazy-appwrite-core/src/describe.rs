//! Descriptions (Appwrite 2.6.0 and later): the text a model's doc comments give its
//! table and columns, as rustdoc joins the lines, and the longest one Appwrite takes.

/// The longest `description` Appwrite takes on a table or column, in characters.
///
/// ```
/// assert_eq!(lazy_appwrite_core::describe::DESCRIPTION_MAX_CHARS, 256);
/// ```
pub const DESCRIPTION_MAX_CHARS: usize = 256;

/// The lines of `#[doc = "..."]` attributes joined as rustdoc joins them: one leading
/// space trimmed from each line, the lines joined with `\n`, the ends trimmed. `None`
/// when nothing is left.
///
/// ```
/// use lazy_appwrite_core::describe::join_doc_lines;
/// assert_eq!(join_doc_lines([" A book.", "", " With  spaces. "]).as_deref(), Some("A book.\n\nWith  spaces."));
/// assert_eq!(join_doc_lines(["  "]), None);
/// ```
pub fn join_doc_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let joined = lines
        .into_iter()
        .flat_map(|text| text.split('\n'))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    let trimmed = joined.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// `text` cut to [`DESCRIPTION_MAX_CHARS`] characters (at a character boundary, the end
/// trimmed), or whole when it fits.
///
/// ```
/// use lazy_appwrite_core::describe::{DESCRIPTION_MAX_CHARS, truncate};
/// let long = "é".repeat(DESCRIPTION_MAX_CHARS + 10);
/// assert_eq!(truncate(&long).chars().count(), DESCRIPTION_MAX_CHARS);
/// assert_eq!(truncate("short"), "short");
/// ```
pub fn truncate(text: &str) -> &str {
    match text.char_indices().nth(DESCRIPTION_MAX_CHARS) {
        Some((end, _)) => text[..end].trim_end(),
        None => text,
    }
}
