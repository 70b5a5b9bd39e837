//! The parameters every list call shares: queries, search, total, transaction, and the
//! list cache's `ttl`.

use crate::query::{DEFAULT_LIMIT, Query};
use crate::transport::QueryString;

/// Optional parameters of a list (or get) call.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListParams {
    pub(crate) queries: Vec<Query>,
    pub(crate) search: Option<String>,
    pub(crate) total: Option<bool>,
    pub(crate) transaction_id: Option<String>,
    /// Seconds the server may answer from its list cache (rows only).
    pub(crate) ttl: Option<u32>,
}

/// The longest list-cache `ttl` Appwrite takes, in seconds (a day). It refuses more, a
/// negative or a fractional number with `400 general_argument_invalid`.
pub(crate) const MAX_LIST_TTL: u32 = 86_400;

impl ListParams {
    /// The encoded query string.
    pub(crate) fn encode(&self) -> String {
        let mut qs = QueryString::new();
        qs.queries(&self.queries)
            .opt("search", self.search.as_deref())
            .flag("total", self.total)
            .opt("transactionId", self.transaction_id.as_deref());
        if let Some(ttl) = self.ttl {
            qs.push("ttl", &ttl.to_string());
        }
        qs.finish()
    }
}

/// The most rows a page listed with `queries` holds: the last `limit` query's, else
/// Appwrite's default.
pub(crate) fn page_size(queries: &[Query]) -> usize {
    queries
        .iter()
        .rfind(|q| q.method() == "limit")
        .and_then(|q| q.scalars().first().and_then(serde_json::Value::as_u64))
        .map_or(DEFAULT_LIMIT, |n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// Setters shared by list builders that hold a `params: ListParams` field.
macro_rules! list_setters {
    (queries) => {
        /// Adds a query (filter, order, limit, offset, cursor, select).
        pub fn query(mut self, query: $crate::query::Query) -> Self {
            self.params.queries.push(query);
            self
        }

        /// Adds several queries.
        pub fn queries(mut self, queries: impl IntoIterator<Item = $crate::query::Query>) -> Self {
            self.params.queries.extend(queries);
            self
        }
    };
    (total) => {
        /// Asks the server not to count the matches (`total=false`), which saves it the work
        /// on big tables where it honours that. Appwrite 1.8.1 and 1.9.6 accept the
        /// parameter and count anyway: `total` is still the number of matches there.
        pub fn total(mut self, count: bool) -> Self {
            self.params.total = Some(count);
            self
        }
    };
    (search) => {
        /// Full-text search over the IDs and names.
        pub fn search(mut self, text: impl Into<String>) -> Self {
            self.params.search = Some(text.into());
            self
        }
    };
    (ttl) => {
        /// Lets the server answer from its list cache, filled by an earlier identical list
        /// of the same caller, for up to `seconds` (0 to 86,400; 0 always reads afresh).
        /// Writes do not refresh that cache: a cached answer can miss rows written since,
        /// until it expires or the table's cache is purged
        /// ([`UpdateTable::purge`](crate::api::UpdateTable::purge)).
        ///
        /// Appwrite 1.9.0 and later have it. On an older server, or with more than
        /// 86,400 seconds, the call fails before anything is sent.
        pub fn ttl(mut self, seconds: u32) -> Self {
            self.params.ttl = Some(seconds);
            self
        }
    };
    (transaction) => {
        /// Reads inside a transaction: its staged writes are visible.
        pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
            self.params.transaction_id = Some(transaction_id.into());
            self
        }
    };
}

pub(crate) use list_setters;
