//! Atomic increments and decrements of one numeric column.

use serde::de::DeserializeOwned;

use super::{Rows, amount};
use crate::error::IdKind;
use crate::error::Result;
use crate::response::Row;
use crate::transport::{Call, JsonObject, RetryClass, decode_json};

macro_rules! counter {
    ($(#[$doc:meta])* $name:ident, $op:literal, $operation:literal, $bound:ident, $bound_doc:literal) => {
        $(#[$doc])*
        #[must_use = "a request does nothing until it is awaited"]
        #[derive(Debug)]
        pub struct $name<'a, T> {
            api: &'a Rows<T>,
            id: String,
            column: String,
            by: Option<f64>,
            $bound: Option<f64>,
            transaction_id: Option<String>,
        }

        impl<'a, T> $name<'a, T> {
            pub(super) fn new(api: &'a Rows<T>, id: String, column: String) -> Self {
                Self { api, id, column, by: None, $bound: None, transaction_id: None }
            }

            /// The amount (default 1; must be positive). Whole numbers are sent as integers.
            pub fn by(mut self, amount: f64) -> Self {
                self.by = Some(amount);
                self
            }

            #[doc = $bound_doc]
            pub fn $bound(mut self, bound: f64) -> Self {
                self.$bound = Some(bound);
                self
            }

            /// Stages the change in a transaction.
            pub fn transaction(mut self, transaction_id: impl Into<String>) -> Self {
                self.transaction_id = Some(transaction_id.into());
                self
            }
        }

        impl<T: DeserializeOwned> $name<'_, T> {
            /// Sends the request; the answer is the updated row.
            pub(crate) async fn run(self) -> Result<Row<T>> {
                let table = &self.api.table_id;
                let by = self.by.map(|v| amount(v, "the amount", table)).transpose()?;
                let bound = self.$bound.map(|v| amount(v, stringify!($bound), table)).transpose()?;
                let body = JsonObject::new()
                    .opt("value", by)
                    .opt(stringify!($bound), bound)
                    .opt("transactionId", self.transaction_id.as_deref())
                    .finish(Some(table))?;
                let call = Call::patch($operation, self.api.row_path(&self.id).id(IdKind::Column, &self.column).fixed($op))
                    .body(body)
                    .table(table)
                    .retry(RetryClass::Unsafe);
                let reply = call.execute(&self.api.client).await?;
                decode_json(&reply, call.operation, Some(table))
            }
        }
    };
}

counter! {
    /// A pending [`Rows::increment`]: `.await` it for the updated row. Never retried after an ambiguous failure: it could
    /// be applied twice.
    Increment, "increment", "rows.increment", max,
    "Fails (400 `column_limit_exceeded`) instead of going above this."
}

counter! {
    /// A pending [`Rows::decrement`]: `.await` it for the updated row. Never retried after an ambiguous failure: it could
    /// be applied twice.
    Decrement, "decrement", "rows.decrement", min,
    "Fails (400 `column_limit_exceeded`) instead of going below this."
}

crate::api::awaitable! {
    Increment<T> => Row<T>;
    Decrement<T> => Row<T>;
}
