//! Where a model operation runs: on a [`Client`], applied at once, or in a
//! [`Transaction`](crate::Transaction), staged on the server until the transaction
//! commits. One set of typed operations ([`Model::create`], [`Model::get`], …) runs on
//! either; each builds its request as a value ([`RowRequest`]) and the executor sends it.

use std::future::Future;

use serde::de::DeserializeOwned;

use super::Model;
use super::run::{read_table, with_table};
use crate::api::Rows;
use crate::client::Client;
use crate::error::Result;
use crate::response::Row;

/// Keeps [`Executor`] to this crate's two executors.
mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::Client {}
    impl Sealed for crate::Transaction {}
}

/// One request of a model operation on a table's rows, as a value: what to send, in which
/// transaction if any. An [`Executor`] runs it.
pub trait RowRequest: Sync {
    /// What the server answers when the request is applied, rows decoded as `U`.
    type Answer<U: DeserializeOwned + Send>: Send;

    /// The operation's name, as errors report it (`rows.create`).
    fn operation(&self) -> &'static str;

    /// Sends the request on `rows`, staged in `transaction` when one is given.
    fn send<'r, U: DeserializeOwned + Send + 'r>(
        &'r self,
        rows: Rows<U>,
        transaction: Option<&'r str>,
    ) -> impl Future<Output = Result<Self::Answer<U>>> + Send + 'r;
}

/// What runs model operations: a [`Client`] applies each one at once; a
/// [`Transaction`](crate::Transaction) stages each write on the server, to be applied
/// by its commit, and reads through it see its own staged writes. Every operation of
/// [`Model`] takes either, so `Book::create(&tx, &book)` reads like
/// `Book::create(&client, &book)`.
///
/// Either way the table is synced first if this client has not verified it yet (with
/// the API key). The two answer differently where Appwrite does: a staged write is
/// answered with a placeholder, so in a transaction a create answers the new row's ID
/// ([`Executor::Created`]) and the other writes answer nothing ([`Executor::Answer`]).
/// The trait is sealed: these two are the only executors.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = lazy_appwrite_emulator::Emulator::builder()
/// #     .processing_delay(std::time::Duration::ZERO).start().await?;
/// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
/// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
/// use lazy_appwrite::{Model, Table};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "books")]
/// struct Book {
///     #[column(size = 64)]
///     title: String,
/// }
///
/// let book = Book { title: "Dune".into() };
/// let row = Book::create(&client, &book).await?; // applied: the new row
/// let tx = client.begin().await?;
/// let id = Book::create(&tx, &book).await?; // staged: the new row's ID
/// assert_ne!(row.id, id);
/// assert_eq!(Book::count(&tx, Book::query()).await?, 2); // the transaction sees both
/// assert_eq!(Book::count(&client, Book::query()).await?, 1); // others see one
/// tx.commit().await?;
/// assert_eq!(Book::count(&client, Book::query()).await?, 2);
/// # Ok(()) }
/// ```
pub trait Executor: sealed::Sealed + Sync {
    /// What a write of one row answers when it answers a row `R`: `R` itself on a
    /// [`Client`]; nothing, `()`, in a transaction (Appwrite stages the write and
    /// answers a placeholder).
    type Answer<R: Send>: Send;

    /// What a create answers: the new [`Row`] on a [`Client`]; the new row's ID in a
    /// transaction, to use in its later operations.
    type Created<T: Model>: Send;

    /// Runs a write of one row of `T`: applied, or staged in the transaction.
    #[doc(hidden)]
    fn write<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<Self::Answer<W::Answer<T>>>> + Send + 'a;

    /// Runs a read of `T`'s rows: as they are, or as the transaction sees them.
    #[doc(hidden)]
    fn read<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<W::Answer<T>>> + Send + 'a;

    /// A create's answer from its write's answer and the row's ID.
    #[doc(hidden)]
    fn created<T: Model>(answer: Self::Answer<Row<T>>, id: String) -> Self::Created<T>;
}

impl Executor for Client {
    type Answer<R: Send> = R;
    type Created<T: Model> = Row<T>;

    fn write<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<W::Answer<T>>> + Send + 'a {
        with_table::<T, _, _, _>(self, request.operation(), move |rows| {
            request.send(rows, None)
        })
    }

    fn read<'a, T: Model, W: RowRequest>(
        &'a self,
        request: &'a W,
    ) -> impl Future<Output = Result<W::Answer<T>>> + Send + 'a {
        read_table::<T, _, _, _>(self, request.operation(), move |rows| {
            request.send(rows, None)
        })
    }

    fn created<T: Model>(answer: Row<T>, _id: String) -> Row<T> {
        answer
    }
}
