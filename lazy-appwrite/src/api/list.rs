//! The parameters every list call shares: queries, search, total, transaction.

use crate::query::Query;
use crate::transport::QueryString;

/// Optional parameters of a list (or get) call.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListParams {
    pub(crate) queries: Vec<Query>,
    pub(crate) search: Option<String>,
    pub(crate) total: Option<bool>,
    pub(crate) transaction_id: Option<String>,
}

impl ListParams {
    /// The encoded query string.
    pub(crate) fn encode(&self) -> String {
        let mut qs = QueryString::new();
        qs.queries(&self.queries)
            .opt("search", self.search.as_deref())
            .flag("total", self.total)
            .opt("transactionId", self.transaction_id.as_deref());
        qs.finish()
    }
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
    (transaction) => {
        /// Reads inside a transaction: its staged writes are visible.
        pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
            self.params.transaction_id = Some(transaction_id.into());
            self
        }
    };
}

pub(crate) use list_setters;
