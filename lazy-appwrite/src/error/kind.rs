//! [`AppwriteErrorType`]: the server's error `type`, parsed in this one place.

use std::fmt;

/// Appwrite's error `type` (the `type` field of an error answer), for the types the
/// client acts on; any other is kept as it came in [`AppwriteErrorType::Other`].
///
/// It is parsed from the wire string and displays as that exact string again.
///
/// ```
/// use lazy_appwrite::AppwriteErrorType;
///
/// let kind = AppwriteErrorType::parse("row_not_found");
/// assert_eq!(kind, AppwriteErrorType::RowNotFound);
/// assert_eq!(kind.to_string(), "row_not_found");
/// let other = AppwriteErrorType::parse("team_not_found");
/// assert_eq!(other, AppwriteErrorType::Other("team_not_found".into()));
/// assert_eq!(other.as_str(), "team_not_found");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AppwriteErrorType {
    /// `row_not_found`: no row has the ID.
    RowNotFound,
    /// `row_already_exists`: the row ID is taken (before Appwrite 2.0 also a unique-index
    /// clash, see [`crate::Error::UniqueViolation`]).
    RowAlreadyExists,
    /// `row_unique_constraint_violation`: a unique index already holds the values.
    RowUniqueConstraintViolation,
    /// `row_update_conflict`: the row changed after the guard's time.
    RowUpdateConflict,
    /// `row_delete_restricted`: a `restrict` relationship still has related rows.
    RowDeleteRestricted,
    /// `row_invalid_structure`: the row does not fit the table (an unknown column among
    /// other causes).
    RowInvalidStructure,
    /// `table_not_found`: the table does not exist.
    TableNotFound,
    /// `database_not_found`: the database does not exist.
    DatabaseNotFound,
    /// `column_not_found`: the column does not exist.
    ColumnNotFound,
    /// `general_query_invalid`: a query is refused (a column it names is missing, among
    /// other causes).
    GeneralQueryInvalid,
    /// `general_rate_limit_exceeded`: the endpoint's rate limit is used up.
    GeneralRateLimitExceeded,
    /// `general_unauthorized_scope`: the caller lacks a scope the call needs.
    GeneralUnauthorizedScope,
    /// `user_unauthorized`: the caller may not do this.
    UserUnauthorized,
    /// `user_blocked`: the user (or project) is blocked.
    UserBlocked,
    /// Any other type, as the server sent it (empty when it sent none).
    Other(String),
}

/// Each known type with its wire string: the one table both directions use.
const KNOWN: &[(AppwriteErrorType, &str)] = &[
    (AppwriteErrorType::RowNotFound, "row_not_found"),
    (AppwriteErrorType::RowAlreadyExists, "row_already_exists"),
    (
        AppwriteErrorType::RowUniqueConstraintViolation,
        "row_unique_constraint_violation",
    ),
    (AppwriteErrorType::RowUpdateConflict, "row_update_conflict"),
    (
        AppwriteErrorType::RowDeleteRestricted,
        "row_delete_restricted",
    ),
    (
        AppwriteErrorType::RowInvalidStructure,
        "row_invalid_structure",
    ),
    (AppwriteErrorType::TableNotFound, "table_not_found"),
    (AppwriteErrorType::DatabaseNotFound, "database_not_found"),
    (AppwriteErrorType::ColumnNotFound, "column_not_found"),
    (
        AppwriteErrorType::GeneralQueryInvalid,
        "general_query_invalid",
    ),
    (
        AppwriteErrorType::GeneralRateLimitExceeded,
        "general_rate_limit_exceeded",
    ),
    (
        AppwriteErrorType::GeneralUnauthorizedScope,
        "general_unauthorized_scope",
    ),
    (AppwriteErrorType::UserUnauthorized, "user_unauthorized"),
    (AppwriteErrorType::UserBlocked, "user_blocked"),
];

impl AppwriteErrorType {
    /// The type of this wire string.
    ///
    /// ```
    /// use lazy_appwrite::AppwriteErrorType;
    /// assert_eq!(AppwriteErrorType::parse("user_blocked"), AppwriteErrorType::UserBlocked);
    /// ```
    pub fn parse(wire: &str) -> Self {
        KNOWN
            .iter()
            .find(|(_, known)| *known == wire)
            .map_or_else(|| Self::Other(wire.to_owned()), |(kind, _)| kind.clone())
    }

    /// The wire string, e.g. `row_not_found` (empty when the server sent none).
    ///
    /// ```
    /// use lazy_appwrite::AppwriteErrorType;
    /// assert_eq!(AppwriteErrorType::TableNotFound.as_str(), "table_not_found");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Self::Other(wire) => wire,
            known => KNOWN
                .iter()
                .find(|(kind, _)| kind == known)
                .map_or("", |(_, wire)| wire),
        }
    }

    /// Whether the server sent no type.
    ///
    /// ```
    /// use lazy_appwrite::AppwriteErrorType;
    /// assert!(AppwriteErrorType::parse("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl fmt::Display for AppwriteErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for AppwriteErrorType {
    fn from(wire: &str) -> Self {
        Self::parse(wire)
    }
}

impl From<String> for AppwriteErrorType {
    fn from(wire: String) -> Self {
        Self::parse(&wire)
    }
}

impl PartialEq<str> for AppwriteErrorType {
    fn eq(&self, wire: &str) -> bool {
        self.as_str() == wire
    }
}

impl PartialEq<&str> for AppwriteErrorType {
    fn eq(&self, wire: &&str) -> bool {
        self.as_str() == *wire
    }
}

/// The column a refused write or query names as missing from the table. Appwrite has no
/// type of its own for it: a write answers `400 row_invalid_structure` with `Unknown
/// attribute: "likes"`, a query `400 general_query_invalid` with `Attribute not found in
/// schema: likes`; only the message names the column.
pub(crate) fn unknown_column<'m>(kind: &AppwriteErrorType, message: &'m str) -> Option<&'m str> {
    let (_, rest) = match kind {
        AppwriteErrorType::RowInvalidStructure => message.split_once("Unknown attribute: ")?,
        AppwriteErrorType::GeneralQueryInvalid => {
            message.split_once("Attribute not found in schema: ")?
        }
        _ => return None,
    };
    let name = rest.trim_end_matches('.').trim().trim_matches('"');
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_type_displays_as_the_string_it_was_parsed_from() {
        for (kind, wire) in KNOWN {
            assert_eq!(&AppwriteErrorType::parse(wire), kind);
            assert_eq!(kind.to_string(), *wire);
        }
        assert_eq!(AppwriteErrorType::parse("").to_string(), "");
    }

    /// The messages real Appwrite servers answer (1.8.1 and 1.9.6 alike).
    #[test]
    fn an_unknown_column_is_read_from_the_answers_appwrite_gives() {
        let write = AppwriteErrorType::RowInvalidStructure;
        let query = AppwriteErrorType::GeneralQueryInvalid;
        assert_eq!(
            unknown_column(
                &write,
                "Invalid document structure: Unknown attribute: \"likes\""
            ),
            Some("likes")
        );
        assert_eq!(
            unknown_column(
                &query,
                "Invalid query: Attribute not found in schema: likes"
            ),
            Some("likes")
        );
        let operator = "Invalid document structure: Cannot apply toggle operator to \
                        non-boolean field 'title'";
        assert_eq!(unknown_column(&write, operator), None);
        assert_eq!(
            unknown_column(
                &AppwriteErrorType::RowNotFound,
                "Unknown attribute: \"likes\""
            ),
            None
        );
    }
}
