//! Which Appwrite a client talks to, and what differs between versions: one table of
//! version gates that everything else reads.

use std::fmt;

/// An Appwrite server's version, as `GET /v1/health/version` reports it.
///
/// [`crate::Client::server_version`] learns it once per client; a server that does not
/// say (a proxy in the way, an answer that is not a version) is *unknown*, and an unknown
/// server is taken to have every [`Feature`], as Appwrite Cloud and the newest
/// self-hosted releases do.
///
/// ```
/// use lazy_appwrite::{Feature, ServerVersion};
///
/// let v = ServerVersion::parse("1.8.1");
/// assert_eq!(v.release(), Some((1, 8, 1)));
/// assert!(!v.has(Feature::InlineColumns));
/// assert!(ServerVersion::parse("1.9.6").has(Feature::InlineColumns));
/// assert!(!ServerVersion::parse("1.9.4").has(Feature::BigIntColumns));
/// assert!(ServerVersion::parse("2.7.1").has(Feature::UniqueViolationType));
///
/// let cloud = ServerVersion::parse("cloud");
/// assert_eq!(cloud.release(), None);
/// assert!(cloud.has(Feature::TextColumnKinds));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVersion {
    release: Option<(u32, u32, u32)>,
    text: String,
}

impl ServerVersion {
    /// Reads a version such as `1.9.6`, `2.0.0-RC1` or `v1.8.1`; anything without a
    /// leading `major.minor` is kept as an unknown version.
    ///
    /// ```
    /// use lazy_appwrite::ServerVersion;
    /// assert_eq!(ServerVersion::parse("2.0.0-RC1").release(), Some((2, 0, 0)));
    /// assert_eq!(ServerVersion::parse("v1.8").release(), Some((1, 8, 0)));
    /// assert_eq!(ServerVersion::parse("").release(), None);
    /// ```
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        let digits = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let core = digits.split(['-', '+', ' ']).next().unwrap_or_default();
        let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
        let release = match (parts.next().flatten(), parts.next().flatten(), parts.next()) {
            (Some(major), Some(minor), None) => Some((major, minor, 0)),
            (Some(major), Some(minor), Some(Some(patch))) if parts.next().is_none() => {
                Some((major, minor, patch))
            }
            _ => None,
        };
        Self {
            release,
            text: text.to_owned(),
        }
    }

    /// A version the server did not tell (taken to have every [`Feature`]).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::ServerVersion::unknown().to_string(), "an unknown version");
    /// ```
    pub fn unknown() -> Self {
        Self {
            release: None,
            text: String::new(),
        }
    }

    /// `(major, minor, patch)`, or `None` for an unknown version.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::ServerVersion::parse("1.9.6").release(), Some((1, 9, 6)));
    /// ```
    pub fn release(&self) -> Option<(u32, u32, u32)> {
        self.release
    }

    /// The version as the server wrote it (empty when it did not say).
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::ServerVersion::parse("1.9.6").as_str(), "1.9.6");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this server has `feature`: its version is the feature's
    /// [`Feature::since`] or later, or the version is unknown.
    ///
    /// ```
    /// use lazy_appwrite::{Feature, ServerVersion};
    /// assert!(ServerVersion::parse("1.9.5").has(Feature::BigIntColumns));
    /// ```
    pub fn has(&self, feature: Feature) -> bool {
        self.release
            .is_none_or(|release| release >= feature.since())
    }
}

impl ServerVersion {
    /// The feature a column of kind `kind` (by wire name) needs and this server lacks, if
    /// any. The one place the sync and `Columns::create` decide it.
    pub(crate) fn lacks_for_column_kind(&self, kind: &str) -> Option<Feature> {
        Feature::for_column_kind(kind).filter(|feature| !self.has(*feature))
    }
}

impl fmt::Display for ServerVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.release {
            Some(_) => write!(f, "Appwrite {}", self.text),
            None if self.text.is_empty() => f.write_str("an unknown version"),
            None => write!(f, "Appwrite `{}` (an unknown version)", self.text),
        }
    }
}

/// Something the TablesDB API does in some Appwrite versions and not in others.
///
/// Each feature has the first version that has it ([`Feature::since`]); the client and
/// the sync read this table, and nothing else decides by version.
///
/// ```
/// use lazy_appwrite::Feature;
/// assert_eq!(Feature::BigIntColumns.since(), (1, 9, 5));
/// assert_eq!(
///     Feature::TextColumnKinds.to_string(),
///     "the varchar, text, mediumtext and longtext column kinds (Appwrite 1.9.0 and later)"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// Create-table takes `columns` and `indexes` and makes them at once. Appwrite 1.8.1
    /// accepts the parameters and ignores them: the table is made empty.
    InlineColumns,
    /// The `varchar`, `text`, `mediumtext` and `longtext` column kinds. On 1.8.1 their
    /// routes answer `404 general_route_not_found`.
    TextColumnKinds,
    /// The `bigint` column kind.
    BigIntColumns,
    /// A unique-index clash is `409 row_unique_constraint_violation`; before, it is
    /// `409 row_already_exists`, the same answer as a taken row ID.
    UniqueViolationType,
    /// A blocked user is answered `403 user_blocked`; before, `401 user_blocked`.
    BlockedIs403,
    /// The `containsAny` and `containsAll` queries.
    ContainsAnyAll,
    /// The per-caller list cache: `ttl` on a row list, and `purge` on a table update.
    ListCache,
    /// A `description` on tables and columns: create and update take it, and the table
    /// and column answers report it.
    Descriptions,
}

impl Feature {
    /// The gate table: the first version with the feature, and what it is. A `match`, so
    /// a new feature cannot go without its gate.
    fn gate(self) -> ((u32, u32, u32), &'static str) {
        match self {
            Feature::InlineColumns => (
                (1, 9, 0),
                "columns and indexes created inline with their table",
            ),
            // A kind's first version is its entry's in the kind table.
            Feature::TextColumnKinds => (
                kinds_since(self),
                "the varchar, text, mediumtext and longtext column kinds",
            ),
            Feature::BigIntColumns => (kinds_since(self), "the bigint column kind"),
            Feature::UniqueViolationType => (
                (2, 0, 0),
                "the `row_unique_constraint_violation` error type",
            ),
            Feature::BlockedIs403 => ((1, 9, 0), "403 (not 401) for a blocked user"),
            Feature::ContainsAnyAll => ((1, 9, 0), "the containsAny and containsAll queries"),
            Feature::ListCache => ((1, 9, 0), "the list cache (`ttl` and `purge`)"),
            Feature::Descriptions => ((2, 6, 0), "descriptions on tables and columns"),
        }
    }

    /// The feature a query method needs, by its wire name, for the methods that not every
    /// supported Appwrite version has. `regex`, `exists`, `notExists` and `elemMatch` are
    /// not here: whether the server takes them depends on its database, not its version
    /// (Appwrite 1.9.6 on MariaDB refuses them all), so the server's answer says.
    ///
    /// ```
    /// use lazy_appwrite::Feature;
    /// assert_eq!(Feature::for_query_method("containsAny"), Some(Feature::ContainsAnyAll));
    /// assert_eq!(Feature::for_query_method("contains"), None);
    /// ```
    pub fn for_query_method(method: &str) -> Option<Feature> {
        match method {
            "containsAny" | "containsAll" => Some(Feature::ContainsAnyAll),
            _ => None,
        }
    }

    /// The feature a column kind needs, by the kind's wire name (`text`, `varchar`, …), for
    /// the kinds that not every supported Appwrite version has.
    ///
    /// ```
    /// use lazy_appwrite::Feature;
    /// assert_eq!(Feature::for_column_kind("mediumtext"), Some(Feature::TextColumnKinds));
    /// assert_eq!(Feature::for_column_kind("string"), None);
    /// ```
    pub fn for_column_kind(kind: &str) -> Option<Feature> {
        kind_gates()
            .find(|(name, _, _)| *name == kind)
            .map(|(_, feature, _)| feature)
    }

    /// The first Appwrite version that has it, as `(major, minor, patch)`.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Feature::InlineColumns.since(), (1, 9, 0));
    /// ```
    pub fn since(self) -> (u32, u32, u32) {
        self.gate().0
    }
}

/// The kinds of the kind table that not every supported release has: name, feature, first
/// release.
macro_rules! kind_gates {
    ($($(#[$doc:meta])* $kind:ident {
        name: $name:literal, shape: $shape:ident, family: $family:ident,
        reports: $type:literal / $format:literal, inline: $inline:literal, array: $array:literal,
        chars: $chars:literal, since: [$($major:literal, $minor:literal, $patch:literal => $gate:ident)?],
        holds: $holds:ident, builder: $builder:ident,
    })*) => {
        fn kind_gates() -> impl Iterator<Item = (&'static str, Feature, (u32, u32, u32))> {
            [$($(($name, Feature::$gate, ($major, $minor, $patch)),)?)*].into_iter()
        }
    };
}

lazy_appwrite_core::column_kinds!(kind_gates);

/// The first release with the kinds behind `feature`: the earliest of their entries' (a
/// feature no kind names yet is in no release).
fn kinds_since(feature: Feature) -> (u32, u32, u32) {
    kind_gates()
        .filter(|(_, f, _)| *f == feature)
        .map(|(_, _, since)| since)
        .min()
        .unwrap_or((u32::MAX, 0, 0))
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ((major, minor, patch), what) = self.gate();
        write!(f, "{what} (Appwrite {major}.{minor}.{patch} and later)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_compare() {
        let v181 = ServerVersion::parse("1.8.1");
        let v196 = ServerVersion::parse("1.9.6");
        assert!(!v181.has(Feature::TextColumnKinds) && v196.has(Feature::TextColumnKinds));
        assert!(!v181.has(Feature::BlockedIs403) && v196.has(Feature::BlockedIs403));
        assert!(!v196.has(Feature::UniqueViolationType));
        assert!(!v196.has(Feature::Descriptions));
        assert!(!ServerVersion::parse("2.5.9").has(Feature::Descriptions));
        assert!(ServerVersion::parse("2.6.0").has(Feature::Descriptions));
        assert!(ServerVersion::parse("1.10.0").has(Feature::BigIntColumns));
        assert_eq!(ServerVersion::parse("1.2.3.4").release(), None);
        assert_eq!(ServerVersion::parse("x.9").release(), None);
        assert_eq!(v181.to_string(), "Appwrite 1.8.1");
        assert_eq!(
            ServerVersion::parse("cloud").to_string(),
            "Appwrite `cloud` (an unknown version)"
        );
    }
}
