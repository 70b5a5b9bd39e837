//! Whether a request may be tried again: its [`RetryClass`] (how often and how long to
//! wait is the client's [`RetryPolicy`](crate::RetryPolicy)).

/// How an operation may be retried; decided by the API layer, never guessed by the transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryClass {
    /// Reads and writes that end in the same state however often they are applied
    /// (GET, upsert with an explicit ID).
    Idempotent,
    /// A delete: a 404 on a retry means an earlier attempt did the work.
    Delete,
    /// A create with a client-made ID: a 409 on a retry is handed back to the API layer,
    /// which reads the stored item to tell "ours" from a real conflict.
    CreateWithId,
    /// Anything else: retried only when the request surely never reached the server.
    Unsafe,
}
