//! Request paths: fixed segments and IDs, each ID checked. An ID Appwrite takes holds
//! only `A-Z a-z 0-9 . - _`, which `encodeURIComponent` leaves as they are: it goes into
//! the path unchanged.
//!
//! An ID that Appwrite would not take is kept aside instead of being encoded, and the
//! transport refuses to send the call (see `Client::run`). That is not only tidiness: a
//! real Appwrite router drops an empty path segment, so `DELETE …/tables/t/rows/` (the row
//! `""`) is the bulk delete and removes every row of the table, and `PATCH …/rows/` updates
//! every row. No path with such an ID can leave the client.

use crate::error::Error;
use crate::error::IdKind;
use crate::id::{check_path_id, is_valid};

/// An encoded path below the endpoint (`/tablesdb/shop/tables/books`), or the first ID
/// in it that Appwrite would refuse.
#[derive(Debug, Clone)]
pub(crate) struct ApiPath {
    encoded: String,
    /// The first ID that failed the check, kept out of `encoded`.
    refused: Option<(IdKind, String)>,
}

impl ApiPath {
    /// `/tablesdb`, where every TablesDB path starts.
    pub(crate) fn tablesdb() -> Self {
        Self::root("tablesdb")
    }

    /// A path that starts with this fixed segment (`/health`).
    pub(crate) fn root(segment: &'static str) -> Self {
        Self {
            encoded: String::with_capacity(80),
            refused: None,
        }
        .fixed(segment)
    }

    /// Appends a fixed segment of the route, such as `tables` or `increment`.
    pub(crate) fn fixed(mut self, segment: &'static str) -> Self {
        self.encoded.push('/');
        self.encoded.push_str(segment);
        self
    }

    /// Appends an ID (one Appwrite takes needs no escaping); an ID Appwrite would refuse
    /// poisons the path instead.
    pub(crate) fn id(mut self, what: IdKind, id: &str) -> Self {
        if self.refused.is_some() {
            return self;
        }
        if is_valid(id) {
            self.encoded.push('/');
            self.encoded.push_str(id);
        } else {
            self.refused = Some((what, id.to_owned()));
        }
        self
    }

    /// The encoded path; meaningful only when [`ApiPath::check`] passed.
    pub(crate) fn as_str(&self) -> &str {
        &self.encoded
    }

    /// The error to answer instead of sending, when an ID was refused.
    pub(crate) fn check(&self, operation: &'static str, table: Option<&str>) -> Result<(), Error> {
        match &self.refused {
            None => Ok(()),
            Some((what, id)) => check_path_id(operation, table, *what, id),
        }
    }
}

impl std::fmt::Display for ApiPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.encoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tablesdb_paths() {
        let path = ApiPath::tablesdb()
            .id(IdKind::Database, "shop")
            .fixed("tables")
            .id(IdKind::Table, "books.v2");
        assert_eq!(path.as_str(), "/tablesdb/shop/tables/books.v2");
        assert!(path.check("tables.get", None).is_ok());
    }

    #[test]
    fn every_character_an_id_may_hold_is_one_a_path_takes_unescaped() {
        // `encodeURIComponent` leaves `A-Z a-z 0-9 - _ . ! ~ * ' ( )` as they are.
        for b in 0..=u8::MAX {
            let c = char::from(b);
            let id = format!("a{c}");
            if is_valid(&id) {
                assert!(
                    c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn refuses_every_id_appwrite_would_refuse() {
        for bad in [
            "", ".", "..", "a b", "c/d", "e?f", "g#h", "x%2F", "é", "_x", "-x", "unique()",
        ] {
            let path = ApiPath::tablesdb()
                .id(IdKind::Database, "shop")
                .fixed("tables")
                .id(IdKind::Table, "t")
                .fixed("rows")
                .id(IdKind::Row, bad);
            let err = path.check("rows.delete", Some("t")).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidId { what: IdKind::Row, id, table: Some(t), .. }
                    if id == bad && t == "t"),
                "{bad:?}: {err}"
            );
        }
        let long = "x".repeat(37);
        let path = ApiPath::tablesdb().id(IdKind::Database, &long);
        assert!(path.check("databases.get", None).is_err());
    }

    #[test]
    fn the_first_refused_id_is_the_one_reported() {
        let path = ApiPath::tablesdb()
            .id(IdKind::Database, "")
            .fixed("tables")
            .id(IdKind::Table, "");
        let err = path.check("tables.get", None).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidId {
                what: IdKind::Database,
                ..
            }
        ));
    }
}
