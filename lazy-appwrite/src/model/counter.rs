//! Atomic increments and decrements of a model's numeric columns, checked by the
//! compiler: only a single integer or float column can be counted.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::Model;
use super::executor::Executor;
use super::request::RowCount;
use super::run::{ModelFuture, check_row_id};
use crate::client::Client;
use crate::declared::kind::family::{
    Boolean, Datetime, Number, Relationship, Spatial, StringLike, TextLike,
};
use crate::declared::kind::shape::{List, Single};
use crate::error::{Error, Result};
use crate::response::Row;
use crate::schema::{ColumnType, Options, Table};

/// Allows `increment`/`decrement` on a column of this kind family and shape.
#[doc(hidden)]
pub trait CanCount<S, V> {}

impl<V> CanCount<Single, V> for Number {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "only integer and float columns can be incremented or decremented",
    label = "this column is not numeric"
)]
pub trait NotNumeric {}
impl<S, V: NotNumeric> CanCount<S, V> for StringLike {}
impl<S, V: NotNumeric> CanCount<S, V> for TextLike {}
impl<S, V: NotNumeric> CanCount<S, V> for Datetime {}
impl<S, V: NotNumeric> CanCount<S, V> for Boolean {}
impl<S, V: NotNumeric> CanCount<S, V> for Relationship {}
impl<S, V: NotNumeric> CanCount<S, V> for Spatial {}

#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "array columns cannot be incremented or decremented",
    label = "Appwrite counts single numeric columns only"
)]
pub trait ArrayCount {}
impl<V: ArrayCount> CanCount<List, V> for Number {}

/// An amount to add or subtract: any Rust number. Whole amounts are sent as integers.
///
/// ```
/// use lazy_appwrite::model::Amount;
/// assert_eq!(3_i32.to_f64(), 3.0);
/// assert_eq!(0.5_f32.to_f64(), 0.5);
/// ```
pub trait Amount: Copy {
    /// The amount as a float.
    fn to_f64(self) -> f64;
}

macro_rules! amounts {
    ($($t:ty),*) => {$(
        impl Amount for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}

amounts!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// Which way a counter moves, and so which of the column's declared bounds it must not
/// cross.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// `increment`: sends a `max`.
    Up,
    /// `decrement`: sends a `min`.
    Down,
}

/// The `value` and the bound a counter on `column` of table `T` sends, or why nothing is
/// sent.
///
/// Appwrite refuses an amount that is not greater than 0 (400 `general_argument_invalid`,
/// "Value must be numeric and greater than 0"), so such an amount, or one that is not a
/// finite number, is refused here, naming the table and column. Appwrite does not hold
/// a counter to the column's declared `min`/`max` by itself: an increment past the
/// declared `max` succeeds and leaves a row that every later write fails on. So the
/// column's declared bound in that direction is sent unless `explicit` gives one.
pub(crate) fn counter_request<T: Table>(
    column: &'static str,
    direction: Direction,
    by: Option<f64>,
    explicit: Option<f64>,
) -> Result<(Option<f64>, Option<f64>)> {
    let (method, bound_name) = match direction {
        Direction::Up => ("increment", "max"),
        Direction::Down => ("decrement", "min"),
    };
    let invalid = |reason: String| Error::Validation {
        table: Some(T::ID.to_owned()),
        column: Some(column.to_owned()),
        reason,
    };
    if let Some(by) = by
        && !(by.is_finite() && by > 0.0)
    {
        return Err(invalid(format!(
            "the amount of `{method}` must be a finite number greater than 0, not {by} \
             (use `{}` to go the other way)",
            match direction {
                Direction::Up => "decrement",
                Direction::Down => "increment",
            }
        )));
    }
    if let Some(bound) = explicit
        && !bound.is_finite()
    {
        return Err(invalid(format!(
            "the `{bound_name}` of `{method}` must be a finite number, not {bound}"
        )));
    }
    Ok((
        by,
        explicit.or_else(|| declared_bound(T::SCHEMA.column(column).map(|c| c.kind), direction)),
    ))
}

/// The largest integer an `f64` holds exactly: declared integer bounds beyond it are not
/// sent (they would be rounded).
const EXACT_F64: i64 = 1 << 53;

/// The declared bound of a numeric column in `direction`, as a number to send.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn declared_bound(kind: Option<ColumnType>, direction: Direction) -> Option<f64> {
    match (kind?.options(), direction) {
        (Options::Int { max, .. }, Direction::Up) => max
            .filter(|v| v.unsigned_abs() <= EXACT_F64.unsigned_abs())
            .map(|v| v as f64),
        (Options::Int { min, .. }, Direction::Down) => min
            .filter(|v| v.unsigned_abs() <= EXACT_F64.unsigned_abs())
            .map(|v| v as f64),
        (Options::Float { max, .. }, Direction::Up) => max.filter(|v| v.is_finite()),
        (Options::Float { min, .. }, Direction::Down) => min.filter(|v| v.is_finite()),
        _ => None,
    }
}

macro_rules! counter {
    ($(#[$doc:meta])* $name:ident, $method:ident, $direction:ident, $bound:ident, $bound_doc:literal) => {
        $(#[$doc])*
        #[must_use = "a model operation does nothing until it is awaited"]
        pub struct $name<'a, T, E = Client> {
            on: &'a E,
            id: String,
            column: &'static str,
            by: Option<f64>,
            $bound: Option<f64>,
            _table: PhantomData<fn() -> T>,
        }

        impl<'a, T, E> $name<'a, T, E> {
            pub(super) fn new(on: &'a E, id: String, column: &'static str) -> Self {
                Self { on, id, column, by: None, $bound: None, _table: PhantomData }
            }

            /// The amount (default 1). It must be a finite number greater than 0, as
            /// Appwrite requires: anything else is an [`Error::Validation`] naming the table
            /// and column, and nothing is sent.
            pub fn by(mut self, amount: impl Amount) -> Self {
                self.by = Some(amount.to_f64());
                self
            }

            #[doc = $bound_doc]
            pub fn $bound(mut self, bound: impl Amount) -> Self {
                self.$bound = Some(bound.to_f64());
                self
            }
        }

        impl<'a, T: Model, E: Executor> IntoFuture for $name<'a, T, E> {
            type Output = crate::Result<E::Answer<Row<T>>>;
            type IntoFuture = ModelFuture<'a, E::Answer<Row<T>>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    check_row_id::<T>(concat!("rows.", stringify!($method)), &self.id)?;
                    let (by, bound) = counter_request::<T>(
                        self.column,
                        Direction::$direction,
                        self.by,
                        self.$bound,
                    )?;
                    let request = RowCount {
                        direction: Direction::$direction,
                        id: &self.id,
                        column: self.column,
                        by,
                        bound,
                    };
                    self.on.write::<T, _>(&request).await
                })
            }
        }
    };
}

counter! {
    /// A pending [`Model::increment`]: `.await` it for the updated row. Atomic on the
    /// server, and never retried after an ambiguous failure (it could count twice).
    ///
    /// The column's declared `max` (`#[column(integer(max = …))]`) is sent with it, so a
    /// result above it fails (400 `column_limit_exceeded`) and the row is left as it was:
    /// Appwrite itself does not hold counters to the declared range.
    /// [`IncrementColumn::max`] sends another limit instead.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Error, Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "pages")]
    /// struct Page {
    ///     #[column(integer(min = 0, max = 1000), default = 0)]
    ///     views: i64,
    /// }
    ///
    /// Page::upsert(&client, "home", &Page { views: 990 }).await?;
    /// let views = Page::columns().views;
    /// assert_eq!(Page::increment(&client, "home", views).by(10).await?.views, 1000);
    /// // Past the declared max: refused by the server, the row keeps its value.
    /// let err = Page::increment(&client, "home", views).await.err();
    /// assert!(matches!(&err, Some(Error::Api { answer, .. }) if answer.kind == "column_limit_exceeded"));
    /// // An amount Appwrite would refuse is refused before sending.
    /// let err = Page::increment(&client, "home", views).by(-5).await.err();
    /// assert!(matches!(&err, Some(Error::Validation { column: Some(c), .. }) if c == "views"));
    /// # Ok(()) }
    /// ```
    IncrementColumn, increment, Up, max,
    "Fails (400 `column_limit_exceeded`) instead of going above `bound`, in place of the \
     column's declared `max`."
}

counter! {
    /// A pending [`Model::decrement`]: `.await` it for the updated row. Atomic on the
    /// server, and never retried after an ambiguous failure (it could count twice).
    ///
    /// The column's declared `min` is sent with it, so a result below it fails (400
    /// `column_limit_exceeded`) and the row is left as it was. [`DecrementColumn::min`]
    /// sends another limit instead.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Error, Model, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "seats")]
    /// struct Seats {
    ///     #[column(integer(min = 0), default = 0)]
    ///     free: i64,
    /// }
    ///
    /// Seats::upsert(&client, "show", &Seats { free: 2 }).await?;
    /// let free = Seats::columns().free;
    /// let err = Seats::decrement(&client, "show", free).by(3).await.err();
    /// assert!(matches!(&err, Some(Error::Api { answer, .. }) if answer.kind == "column_limit_exceeded"));
    /// assert_eq!(Seats::decrement(&client, "show", free).by(2).await?.free, 0);
    /// # Ok(()) }
    /// ```
    DecrementColumn, decrement, Down, min,
    "Fails (400 `column_limit_exceeded`) instead of going below `bound`, in place of the \
     column's declared `min`."
}
