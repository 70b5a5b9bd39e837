//! The rows of a [`BulkWrite`](super::BulkWrite), which also say how they are written:
//! [`NewRows`] are created (held in a `Vec`, or taken from a [`Streamed`] source), and
//! [`RowsById`] are created or replaced under their IDs. Each kind checks what it can
//! before anything is sent and hands the batch engine its rows.

use std::borrow::Borrow;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::vec;

use futures_core::Stream;

use super::IdFn;
use super::check::{at_row, check_id, check_unique_ids};
use super::engine::{FromIter, Write};
use crate::error::Result;
use crate::id::ID;
use crate::model::Model;

/// Keeps [`BulkRows`] to the three kinds of rows of this module.
mod sealed {
    pub trait Sealed {}
    impl<T, R> Sealed for super::NewRows<'_, T, Vec<R>> {}
    impl<T, S> Sealed for super::NewRows<'_, T, super::Streamed<S>> {}
    impl<R> Sealed for super::RowsById<R> {}
}

/// The rows of a [`BulkWrite`](super::BulkWrite), and how they are written: [`NewRows`]
/// are created (`POST …/rows`), [`RowsById`] are created or replaced (`PUT …/rows`). The
/// trait is sealed: [`Model::create_many`], [`Model::create_stream`],
/// [`Model::create_iter`] and [`Model::upsert_many`] make its values.
///
/// ```
/// use lazy_appwrite::Table;
/// use lazy_appwrite::model::{BulkRows, NewRows, RowsById};
///
/// #[derive(Table, serde::Serialize, serde::Deserialize)]
/// #[table(id = "notes")]
/// struct Note {
///     n: i64,
/// }
///
/// fn bulk_rows<'a, In: BulkRows<'a, Note>>() {}
/// bulk_rows::<NewRows<'_, Note, Vec<&Note>>>();
/// bulk_rows::<RowsById<Note>>();
/// ```
pub trait BulkRows<'a, T>: sealed::Sealed + Send + 'a {
    /// A row as the input holds it: the row, or a reference to it.
    #[doc(hidden)]
    type Row: Borrow<T>;

    /// Where the batches are filled from: each row with its ID.
    #[doc(hidden)]
    type Source: Stream<Item = (String, Self::Row)> + Send + 'a;

    /// Create or upsert.
    #[doc(hidden)]
    const WRITE: Write;

    /// Whether each row and its ID are checked only as they are taken from the source
    /// (a stream's), not all by [`BulkRows::check`].
    #[doc(hidden)]
    const CHECKED_AS_TAKEN: bool;

    /// How many rows are held, when they are (for `Debug`).
    #[doc(hidden)]
    fn held(&self) -> Option<usize>;

    /// Checks what can be checked before anything is sent, then gives the rows.
    #[doc(hidden)]
    fn check(self) -> Result<Self::Source>;
}

/// Rows to create, each under an ID made on this side ([`ID::unique`], or
/// [`BulkWrite::id_with`](super::BulkWrite::id_with)'s), so that a batch can be retried
/// safely. Held in a `Vec` ([`Model::create_many`]), they are all checked before the first
/// request; from a [`Streamed`] source ([`Model::create_stream`]), each as it is taken.
///
/// ```
/// use lazy_appwrite::model::{BulkWrite, CreateMany, NewRows};
///
/// // What `create_many` returns, with its rows spelled out.
/// fn spelled<'a, T>(write: CreateMany<'a, T, &'a T>) -> BulkWrite<'a, T, NewRows<'a, T, Vec<&'a T>>> {
///     write
/// }
/// # let _ = spelled::<u8>;
/// ```
pub struct NewRows<'a, T, S> {
    rows: S,
    ids: Option<IdFn<'a, T>>,
}

impl<'a, T, S> NewRows<'a, T, S> {
    pub(super) fn new(rows: S) -> Self {
        Self { rows, ids: None }
    }

    pub(super) fn set_ids(&mut self, ids: IdFn<'a, T>) {
        self.ids = Some(ids);
    }
}

impl<T, S> fmt::Debug for NewRows<'_, T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewRows")
            .field("id_with", &self.ids.is_some())
            .finish_non_exhaustive()
    }
}

/// The ID of new row `index`: `id_with`'s when there is one, or a new unique ID.
fn new_id<T>(ids: &mut Option<IdFn<'_, T>>, index: u64, row: &T) -> String {
    match ids {
        Some(make) => make(index, row),
        None => ID::unique(),
    }
}

impl<'a, T, R> BulkRows<'a, T> for NewRows<'a, T, Vec<R>>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Row = R;
    type Source = FromIter<vec::IntoIter<(String, R)>>;
    const WRITE: Write = Write::Create;
    const CHECKED_AS_TAKEN: bool = false;

    fn held(&self) -> Option<usize> {
        Some(self.rows.len())
    }

    fn check(mut self) -> Result<Self::Source> {
        let mut ids = Vec::with_capacity(self.rows.len());
        for (index, row) in (0u64..).zip(&self.rows) {
            let row = Borrow::<T>::borrow(row);
            row.validate().map_err(|e| at_row(index, e))?;
            let id = new_id(&mut self.ids, index, row);
            if self.ids.is_some() {
                check_id::<T>(index, &id)?;
            }
            ids.push(id);
        }
        if self.ids.is_some() {
            check_unique_ids::<T>(ids.iter().map(String::as_str))?;
        }
        let rows: Vec<(String, R)> = ids.into_iter().zip(self.rows).collect();
        Ok(FromIter::new(rows.into_iter()))
    }
}

/// A [`Stream`] of rows to create, taken only while a batch can be sent: the rows of
/// [`Model::create_stream`] and [`Model::create_iter`] (see [`CreateStream`](super::CreateStream)).
///
/// ```
/// use lazy_appwrite::model::{BulkWrite, CountOnly, CreateStream, NewRows, Streamed};
///
/// // What `create_stream` returns, with its rows spelled out.
/// fn spelled<'a, T, S>(write: CreateStream<'a, T, S>) -> BulkWrite<'a, T, NewRows<'a, T, Streamed<S>>, CountOnly> {
///     write
/// }
/// # let _ = spelled::<u8, ()>;
/// ```
pub struct Streamed<S>(pub(super) S);

impl<S> fmt::Debug for Streamed<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Streamed(..)")
    }
}

impl<'a, T, S> BulkRows<'a, T> for NewRows<'a, T, Streamed<S>>
where
    T: Model,
    S: Stream + Send + 'a,
    S::Item: Borrow<T> + Send,
{
    type Row = S::Item;
    type Source = NewIds<'a, T, S>;
    const WRITE: Write = Write::Create;
    // Each row and its ID are checked as the row is taken; two equal IDs in one write
    // fail on the server (409).
    const CHECKED_AS_TAKEN: bool = true;

    fn held(&self) -> Option<usize> {
        None
    }

    fn check(self) -> Result<NewIds<'a, T, S>> {
        Ok(NewIds {
            rows: Box::pin(self.rows.0),
            ids: self.ids,
            next: 0,
        })
    }
}

/// A stream of rows to create, each given its new ID as it is taken.
pub struct NewIds<'a, T, S> {
    rows: Pin<Box<S>>,
    ids: Option<IdFn<'a, T>>,
    /// The next row's index.
    next: u64,
}

impl<T, S> Stream for NewIds<'_, T, S>
where
    S: Stream,
    S::Item: Borrow<T>,
{
    type Item = (String, S::Item);

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let Some(row) = ready!(this.rows.as_mut().poll_next(cx)) else {
            return Poll::Ready(None);
        };
        let index = this.next;
        this.next += 1;
        Poll::Ready(Some((new_id(&mut this.ids, index, row.borrow()), row)))
    }
}

/// Rows to create or replace, each under its ID: the rows of [`Model::upsert_many`] (see
/// [`UpsertMany`](super::UpsertMany)). Every row and ID is checked before the first
/// request.
///
/// ```
/// use lazy_appwrite::model::{BulkWrite, RowsById, UpsertMany};
///
/// // What `upsert_many` returns, with its rows spelled out.
/// fn spelled<'a, T>(write: UpsertMany<'a, T, T>) -> BulkWrite<'a, T, RowsById<T>> {
///     write
/// }
/// # let _ = spelled::<u8>;
/// ```
pub struct RowsById<R>(pub(super) Vec<(String, R)>);

impl<R> fmt::Debug for RowsById<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RowsById").field(&self.0.len()).finish()
    }
}

impl<'a, T, R> BulkRows<'a, T> for RowsById<R>
where
    T: Model,
    R: Borrow<T> + Send + 'a,
{
    type Row = R;
    type Source = FromIter<vec::IntoIter<(String, R)>>;
    const WRITE: Write = Write::Upsert;
    const CHECKED_AS_TAKEN: bool = false;

    fn held(&self) -> Option<usize> {
        Some(self.0.len())
    }

    fn check(self) -> Result<Self::Source> {
        for (index, (id, row)) in (0u64..).zip(&self.0) {
            Borrow::<T>::borrow(row)
                .validate()
                .map_err(|e| at_row(index, e))?;
            check_id::<T>(index, id)?;
        }
        check_unique_ids::<T>(self.0.iter().map(|(id, _)| id.as_str()))?;
        Ok(FromIter::new(self.0.into_iter()))
    }
}
