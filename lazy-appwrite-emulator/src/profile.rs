//! Which Appwrite the emulator imitates: one profile per recorded Appwrite release, and
//! every behaviour that differs between releases as a named switch on it.
//!
//! The handlers never compare version strings: they ask the profile
//! (`ctx.profile.has_text_kinds()`, …). Adding a release means adding a variant here, its
//! answers to these switches, and its recordings under `tests/recordings/<version>/`.
//!
//! Some switches reproduce Appwrite bugs on purpose, because the emulator must answer as
//! the real server does (the recordings are the authority):
//!
//! - **The router drops empty path segments** (both releases): `DELETE
//!   …/tables/{t}/rows/` is the bulk delete (every row, no queries) and `PATCH
//!   …/tables/{t}/rows/` the bulk update of every row.
//! - **`total=false` is ignored** (both releases): lists still count.
//! - **A stale upsert is not refused** (both releases): `X-Appwrite-Timestamp` older than
//!   the row's `$updatedAt` does not stop `PUT …/rows/{id}` (it does stop `PATCH` and
//!   `DELETE`) ([`AppwriteVersion::upsert_checks_timestamp`]).
//! - **A read inside a transaction misses staged increments** (both releases): it shows
//!   the value from before `increment`/`decrement` ([`AppwriteVersion::transaction_reads_see_staged_counters`]).
//! - **`arrayUnique` sorts**: the values come back in MariaDB's order, not first-seen order.
//! - **A unique index over repeated values** is `failed` on 1.8.1 but `available` (and
//!   unenforced) on 1.9.6 ([`AppwriteVersion::failed_unique_index_error`]).
//! - **Counters on an empty column** (both releases): `increment` of a `null` column answers
//!   the sum but stores nothing (SQL `NULL + n`); past ±2^63 the answer is a float and the
//!   row is unchanged.
//! - **Relationship column updates** (both releases): a `newKey` another column has, or a
//!   column that is no relationship, fail with a bare `500`; an omitted `onDelete` is kept
//!   but the answer shows `restrict`.
//! - **Write answers leave out to-one relationships** the request did not send when they
//!   are empty or seen from the child side.
//! - **An upsert of an existing row** must carry every required column itself.
//! - **Cross-kind column updates** (both releases): `PATCH …/columns/{kind}/{key}` on a
//!   column of another kind succeeds and answers the route's model; the integer route
//!   on a float column fails with a bare `500`.
//! - **`default: null` on a column update** (both releases) clears the model's default
//!   only: new rows still get the old one.
//! - **A oneToOne or manyToOne relationship from a table to itself** (both releases): the
//!   parent column ends `failed`, the partner stays `processing`, and neither can be
//!   written ([`AppwriteVersion::self_relationship_index_error`]).
//! - **Keys with dots** read back under their storage name on 1.8.1
//!   ([`AppwriteVersion::row_reads_show_storage_names`]).
//! - **A nested query that is not an object** (`and(["text"])`, both releases) fails with
//!   a bare `500`.
//! - **A JSON body that is a bare string** (both releases) fails with an untyped `500`
//!   sent as `text/html`; `APPLICATION/JSON` (not lower case) bodies are not read.
//! - **Column lists** (1.9.6) show `encrypt: null` for the varchar and text kinds.
//! - **Unknown routes** answer a JSON error on 1.8.1 and an HTML page on 1.9.6.
//! - **Bulk writes** (both releases): a bulk update that clashes with a unique index is a
//!   bare `500`; a bulk upsert of an existing row must carry the required columns; a bulk
//!   create's duplicate names the ID `''`, a bulk upsert repeating an ID names `'multiple'`.
//! - **A `createOperations` upsert without `$id` in `data`** (both releases) ignores its
//!   `rowId` at commit: the row is created under a new ID.
//! - **Array operator results are unchecked** (both releases): `arrayAppend` may add an
//!   integer or an oversized string to a string array.
//! - **`"data": null` on a row create** is a bare `500` on 1.9.6
//!   ([`AppwriteVersion::null_row_data_is_server_error`]).
//! - **64-bit range messages** print PHP floats: "between -9,223,372,036,854,775,808 and
//!   9,223,372,036,854,775,808" (both releases).
//! - **Counters add in DOUBLE** (both releases): the row keeps the sum rounded to a double
//!   (past 2^53, and −2^63 + 1 stays −2^63) while the answer shows the exact sum.
//! - **The legacy document reads** (`/v1/databases/{db}/collections/{c}/documents`) and
//!   `GET /v1/account` are served by both releases over the same data.
//! - **A polygon with holes reads back as one ring** (both releases): the rings run
//!   together and each hole's first point gets `x = 0`; the stored geometry (queries,
//!   ordering) keeps its holes.
//! - **The column list shows `encrypt: null`** for varchar/text/mediumtext/longtext columns
//!   (1.9.6), even encrypted ones; their get and the `Table` model show the real value.

use std::fmt;
use std::str::FromStr;

use crate::error::ErrorType;
use crate::error::catalogue::{self, validators};

/// An Appwrite release the emulator can imitate (`--appwrite <version>`).
///
/// ```
/// use lazy_appwrite_emulator::AppwriteVersion;
/// let v: AppwriteVersion = "1.8.1".parse().unwrap();
/// assert_eq!(v.as_str(), "1.8.1");
/// assert!(!v.has_text_kinds());
/// assert_eq!(AppwriteVersion::default(), AppwriteVersion::V1_9_6);
/// assert!("1.7.0".parse::<AppwriteVersion>().unwrap_err().to_string().contains("1.9.6"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum AppwriteVersion {
    /// Appwrite 1.8.1: TablesDB without inline columns or the text column kinds.
    V1_8_1,
    /// Appwrite 1.9.6 (the default): inline columns on create-table, `varchar`/`text`/
    /// `mediumtext`/`longtext`, table byte counts, HTML route-not-found pages.
    #[default]
    V1_9_6,
}

/// A version string that names no known profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVersion(pub String);

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = AppwriteVersion::ALL.iter().map(|v| v.as_str()).collect();
        write!(
            f,
            "unknown Appwrite version '{}': known versions are {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownVersion {}

impl FromStr for AppwriteVersion {
    type Err = UnknownVersion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().trim_start_matches('v');
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == wanted)
            .ok_or_else(|| UnknownVersion(s.to_string()))
    }
}

impl fmt::Display for AppwriteVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AppwriteVersion {
    /// Every known profile, oldest first.
    pub const ALL: &'static [AppwriteVersion] = &[AppwriteVersion::V1_8_1, AppwriteVersion::V1_9_6];

    /// The release number, as Appwrite puts it in the `version` field of error bodies.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_8_1 => "1.8.1",
            Self::V1_9_6 => "1.9.6",
        }
    }

    /// Whether a refused row write names the missing permission ("Missing \"create\"
    /// permission for role …", or "Authorization Error" when the table allows it but the
    /// write is refused anyway) rather than the generic "The current user is not
    /// authorized to perform the requested action." (1.8.1).
    pub fn explains_authorization_errors(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether a row create with `"data": null` fails with `500 general_unknown` (1.9, a
    /// reproduced bug) rather than `400` "Value must be a valid JSON string" (1.8.1).
    pub fn null_row_data_is_server_error(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether `POST /users` declares `email` and `phone` nullable (1.9: their error
    /// descriptions end "or null").
    pub fn user_contacts_are_nullable(self) -> bool {
        self >= Self::V1_9_6
    }

    /// The description of the user `password` validator (1.8.1's says 265, sic).
    pub fn password_description(self) -> &'static str {
        if self >= Self::V1_9_6 {
            "Password must be between 8 and 256 characters long."
        } else {
            "Password must be between 8 and 265 characters long, and should not be one of the commonly used password."
        }
    }

    /// The longest team role a membership create or update takes (1.9 allows 81
    /// characters for project-scoped roles; team creation keeps 36).
    pub fn membership_role_max_length(self) -> usize {
        if self >= Self::V1_9_6 { 81 } else { 36 }
    }

    /// The scope label of the table endpoints (any one of them is enough).
    pub fn table_scopes(self, write: bool) -> &'static [&'static str] {
        if write {
            &["tables.write", "collections.write"]
        } else {
            &["tables.read", "collections.read"]
        }
    }

    /// The scope label of the column endpoints: 1.9 adds `columns.*` and `attributes.*` to
    /// the table scopes.
    pub fn column_scopes(self, write: bool) -> &'static [&'static str] {
        match (self >= Self::V1_9_6, write) {
            (false, _) => self.table_scopes(write),
            (true, true) => &[
                "tables.write",
                "collections.write",
                "columns.write",
                "attributes.write",
            ],
            (true, false) => &[
                "tables.read",
                "collections.read",
                "columns.read",
                "attributes.read",
            ],
        }
    }

    /// The scope label of the index endpoints: 1.9 adds `indexes.*` to the table scopes.
    pub fn index_scopes(self, write: bool) -> &'static [&'static str] {
        match (self >= Self::V1_9_6, write) {
            (false, _) => self.table_scopes(write),
            (true, true) => &["tables.write", "collections.write", "indexes.write"],
            (true, false) => &["tables.read", "collections.read", "indexes.read"],
        }
    }

    /// Whether the `varchar`, `text`, `mediumtext` and `longtext` column kinds (and their
    /// routes) exist; without them those routes are `404 general_route_not_found`.
    pub fn has_text_kinds(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether `createTable` reads inline `columns` and `indexes` (1.8.1 ignores them).
    pub fn inline_columns_on_create_table(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether table models carry `bytesMax` and `bytesUsed`.
    pub fn has_table_bytes(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether `total=false` on a list is accepted and ignored (lists still count). True
    /// on every recorded release: a reproduced bug.
    pub fn total_false_is_ignored(self) -> bool {
        true
    }

    /// Whether an unknown route answers Appwrite's HTML "Page not found" page instead of
    /// the JSON error body.
    pub fn route_not_found_is_html(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether a blocked user is refused with `403` (1.9) rather than `401` (1.8).
    pub fn blocked_user_is_forbidden(self) -> bool {
        self >= Self::V1_9_6
    }

    /// The message of `user_blocked`.
    pub fn user_blocked_message(self) -> &'static str {
        if self.blocked_user_is_forbidden() {
            "The current user has been blocked."
        } else {
            "The current user has been blocked. You can unblock the user by making a request to the User API's \"Update User Status\" endpoint or in the Appwrite Console's Auth section."
        }
    }

    /// Whether answers use the 1.9 models (`$sequence` a string) unless the client asks
    /// for an older response format; 1.8.1 always answers `$sequence` as an integer.
    pub fn sequence_is_string_by_default(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether user models carry the 1.9 email fields (`emailCanonical`, `emailIsFree`, …,
    /// `impersonator`) and memberships `userPhone` and `userAccessedAt`.
    pub fn has_email_insights(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether the API key next to a JWT of an existing user is `403
    /// user_key_and_session_set` (1.8) rather than the key winning (1.9).
    pub fn refuses_key_with_jwt(self) -> bool {
        self < Self::V1_9_6
    }

    /// Whether an API key sent without `X-Appwrite-Project` is `403 project_id_missing`
    /// (1.9) rather than `401 user_unauthorized` (1.8).
    pub fn project_id_missing_error(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether `PUT …/rows/{id}` refuses a stale `X-Appwrite-Timestamp` as `PATCH` and
    /// `DELETE` do. False on every recorded release: a reproduced bug.
    pub fn upsert_checks_timestamp(self) -> bool {
        false
    }

    /// Whether a read inside a transaction sees the transaction's staged increments and
    /// decrements (it sees its other staged writes). False on every recorded release: a
    /// reproduced bug, reads there return the value from before the increment.
    pub fn transaction_reads_see_staged_counters(self) -> bool {
        false
    }

    /// Whether an index may cover an array column (1.8.1: a `key` index over one array
    /// column, with length 255 and no order; 1.9 refuses every index on an array column).
    pub fn indexes_array_columns(self) -> bool {
        self < Self::V1_9_6
    }

    /// Whether a `$sequence` query value may be a JSON integer (1.9: `equal("$sequence",
    /// [1])`; `0` stays invalid) besides a numeric string (the only form 1.8.1 takes).
    pub fn sequence_query_takes_integers(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether the query methods `exists`, `notExists` and `elemMatch` exist (1.9); 1.8.1
    /// answers "Invalid query method".
    pub fn has_exists_and_elem_match(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether the rows list takes `ttl` (0–86 400 s of list caching through the per-caller
    /// list cache, stale after row writes by design) and the table update `purge` (1.9).
    pub fn has_list_ttl(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether `increment`/`decrement` with `"value": null` fails with `500 general_unknown`
    /// (1.9, a reproduced bug) rather than `400` "Value must be a valid number" (1.8).
    pub fn null_counter_value_is_server_error(self) -> bool {
        self >= Self::V1_9_6
    }

    /// Whether the query methods `containsAny` and `containsAll` exist (1.9).
    pub fn has_contains_any_all(self) -> bool {
        self >= Self::V1_9_6
    }

    /// The `error` of a unique index built over rows that repeat a value: 1.8.1 marks it
    /// `failed` with "Document already exists"; 1.9.6 (`None`) reports it `available`
    /// although it enforces nothing (a reproduced bug).
    pub fn failed_unique_index_error(self) -> Option<&'static str> {
        if self >= Self::V1_9_6 {
            None
        } else {
            Some("Document already exists")
        }
    }

    /// The `error` of the parent column of a oneToOne or manyToOne relationship from a
    /// table to itself, which the worker fails (a reproduced bug, both releases): 1.9.6
    /// prefixes utopia's index message.
    pub fn self_relationship_index_error(self, key: &str) -> String {
        let message = catalogue::definitions::index_column_not_found(key);
        if self >= Self::V1_9_6 {
            catalogue::definitions::relationship_indexes_failed(&message)
        } else {
            message
        }
    }

    /// Whether updating a database or a table needs `name` (1.8.1; 1.9 keeps the current
    /// name when it is left out).
    pub fn update_needs_name(self) -> bool {
        self < Self::V1_9_6
    }

    /// Whether a row read from storage (get, list) shows a column whose key has characters
    /// besides letters, digits, `_` and `-` under its storage name as well, with `null`
    /// under its key (1.8.1, a reproduced bug: `dot.key` reads as `"dotkey"`).
    pub fn row_reads_show_storage_names(self) -> bool {
        self < Self::V1_9_6
    }

    /// Whether the answer of `increment`/`decrement` carries `$databaseId` and `$tableId`
    /// (1.8.1 leaves them out).
    pub fn counter_answer_names_table(self) -> bool {
        self >= Self::V1_9_6
    }

    /// The message this release sends for an error of `kind` whose 1.9 message is
    /// `message`, when it differs. 1.8.1 names no ID in its not-found and already-exists
    /// messages, and ends "row data is missing" without a period.
    pub fn message_for(self, kind: ErrorType, message: &str) -> Option<String> {
        if self >= Self::V1_9_6 {
            return None;
        }
        if kind == ErrorType::GeneralArgumentInvalid {
            // 1.8's integer parameter validator names no width either.
            let mut text = message.to_string();
            for (from, to) in &V1_8_STRUCTURE_WORDING[..2] {
                text = text.replace(from, to);
            }
            return (text != message).then_some(text);
        }
        if matches!(
            kind,
            ErrorType::RowInvalidStructure | ErrorType::DocumentInvalidStructure
        ) {
            // 1.8's integer validator names no width.
            let mut text = message.to_string();
            for (from, to) in V1_8_STRUCTURE_WORDING {
                text = text.replace(from, to);
            }
            return (text != message).then_some(text);
        }
        if kind == ErrorType::ColumnUnknown
            && let Some(key) = message
                .strip_prefix("The column '")
                .and_then(|rest| rest.split_once("' required for the index"))
                .map(|(key, _)| key)
        {
            return Some(catalogue::definitions::unknown_column(key));
        }
        let fixed = match kind {
            ErrorType::RelationshipValueInvalid
                if message == catalogue::relationships::NOT_AN_OBJECT_OR_ID =>
            {
                catalogue::relationships::NOT_A_RELATION
            }
            ErrorType::RowMissingData
                if message.starts_with(catalogue::v1_8_wording::ROW_DATA_MISSING) =>
            {
                catalogue::v1_8_wording::ROW_DATA_MISSING
            }
            _ => catalogue::v1_8_wording::unnamed(kind)?,
        };
        Some(fixed.to_string())
    }
}

/// How 1.8.1 words the row-structure messages that 1.9.6 words differently.
const V1_8_STRUCTURE_WORDING: &[(&str, &str)] = &[
    (validators::signed_integer(32), validators::integer()),
    (validators::signed_integer(64), validators::integer()),
];
