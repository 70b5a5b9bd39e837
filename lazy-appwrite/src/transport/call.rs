//! One operation's request, as the API layer describes it, and what comes back.

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::HeaderValue;

use super::{ApiPath, RetryClass};
use crate::client::Client;
use crate::error::Error;
use crate::name::Name;

/// A request to send: everything the transport needs, already encoded.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    /// The path below the endpoint; the transport refuses to send it when an ID in it is
    /// one Appwrite would refuse.
    pub(crate) path: ApiPath,
    /// Encoded query string without `?` (empty for none).
    pub(crate) query: String,
    /// JSON body; `None` for GET.
    pub(crate) body: Option<Bytes>,
    pub(crate) retry: RetryClass,
    /// Operation name for errors and logs, e.g. `rows.create`.
    pub(crate) operation: &'static str,
    /// Table ID for errors and logs.
    pub(crate) table: Option<Name>,
    /// Extra headers of this call (e.g. `X-Appwrite-Timestamp`).
    pub(crate) headers: Vec<(&'static str, HeaderValue)>,
    /// Sent without the key or the user's credentials.
    pub(crate) anonymous: bool,
}

impl Call {
    /// A call with no query string, no body, and the retry class that suits `method`
    /// (GET idempotent, DELETE as delete, others unsafe until the API layer says otherwise).
    pub(crate) fn new(method: Method, operation: &'static str, path: ApiPath) -> Self {
        let retry = match method {
            Method::GET => RetryClass::Idempotent,
            Method::DELETE => RetryClass::Delete,
            _ => RetryClass::Unsafe,
        };
        Self {
            method,
            path,
            query: String::new(),
            body: None,
            retry,
            operation,
            table: None,
            headers: Vec::new(),
            anonymous: false,
        }
    }

    pub(crate) fn get(operation: &'static str, path: ApiPath) -> Self {
        Self::new(Method::GET, operation, path)
    }

    pub(crate) fn post(operation: &'static str, path: ApiPath) -> Self {
        Self::new(Method::POST, operation, path)
    }

    pub(crate) fn put(operation: &'static str, path: ApiPath) -> Self {
        Self::new(Method::PUT, operation, path)
    }

    pub(crate) fn patch(operation: &'static str, path: ApiPath) -> Self {
        Self::new(Method::PATCH, operation, path)
    }

    /// A DELETE; Appwrite expects a JSON body even here, `{}` by default.
    pub(crate) fn delete(operation: &'static str, path: ApiPath) -> Self {
        Self::new(Method::DELETE, operation, path).body(Bytes::from_static(b"{}"))
    }

    pub(crate) fn query(mut self, query: String) -> Self {
        self.query = query;
        self
    }

    pub(crate) fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Some(body.into());
        self
    }

    pub(crate) fn retry(mut self, retry: RetryClass) -> Self {
        self.retry = retry;
        self
    }

    pub(crate) fn header(mut self, name: &'static str, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sends the call without credentials (`GET /health/version` refuses an API key).
    pub(crate) fn anonymous(mut self) -> Self {
        self.anonymous = true;
        self
    }

    pub(crate) fn table(mut self, table: impl Into<Name>) -> Self {
        self.table = Some(table.into());
        self
    }

    /// The table ID, for an error.
    pub(crate) fn table_id(&self) -> Option<String> {
        self.table.as_deref().map(str::to_owned)
    }

    /// Whether the call may write (anything but a GET): its errors carry an outcome.
    pub(crate) fn writes(&self) -> bool {
        self.method != Method::GET
    }
}

/// A successful (2xx) answer, borrowing the client that got it.
#[derive(Debug, Clone)]
pub(crate) struct Reply<'c> {
    pub(crate) body: Bytes,
    /// The client that got it, to scrub its credentials from decode errors (borrowed: a
    /// reply that decodes never pays for a clone).
    pub(crate) owner: &'c Client,
    /// Whether it answers a write (which a 2xx says was stored).
    pub(crate) writes: bool,
}

/// How a call ended, when it did not fail outright.
#[derive(Debug)]
pub(crate) enum Outcome<'c> {
    /// A 2xx answer (or, for a retried delete, the 404 that proves an earlier attempt worked).
    Reply(Reply<'c>),
    /// A create with a client-made ID met 409 on a retry: an earlier attempt may have
    /// stored it. The API layer reads the item back and decides.
    ConflictAfterRetry(Error),
}
