//! Atomic increments and decrements of a model's numeric columns, checked by the
//! compiler: only a single integer or float column can be counted.

use std::future::IntoFuture;
use std::marker::PhantomData;

use super::Model;
use super::run::{ModelFuture, check_row_id, with_table};
use crate::client::Client;
use crate::models::Row;
use crate::typed::kind::family::{
    Boolean, Datetime, Number, Relationship, Spatial, StringLike, TextLike,
};
use crate::typed::kind::shape::{List, Single};

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

macro_rules! counter {
    ($(#[$doc:meta])* $name:ident, $method:ident, $bound:ident, $bound_doc:literal) => {
        $(#[$doc])*
        #[must_use = "a model operation does nothing until it is awaited"]
        pub struct $name<'a, T> {
            client: &'a Client,
            id: String,
            column: &'static str,
            by: Option<f64>,
            $bound: Option<f64>,
            _table: PhantomData<fn() -> T>,
        }

        impl<'a, T> $name<'a, T> {
            pub(super) fn new(client: &'a Client, id: String, column: &'static str) -> Self {
                Self { client, id, column, by: None, $bound: None, _table: PhantomData }
            }

            /// The amount (default 1; must be positive).
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

        impl<'a, T: Model> IntoFuture for $name<'a, T> {
            type Output = crate::Result<Row<T>>;
            type IntoFuture = ModelFuture<'a, Row<T>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    check_row_id::<T>(concat!("rows.", stringify!($method)), &self.id)?;
                    let (id, column, by, bound) = (&self.id, self.column, self.by, self.$bound);
                    with_table::<T, _, _, _>(self.client, |rows| async move {
                        let mut request = rows.$method(id.as_str(), column);
                        if let Some(by) = by {
                            request = request.by(by);
                        }
                        if let Some(bound) = bound {
                            request = request.$bound(bound);
                        }
                        request.send().await
                    })
                    .await
                })
            }
        }
    };
}

counter! {
    /// A pending [`Model::increment`]: `.await` it for the updated row. Atomic on the
    /// server, and never retried after an ambiguous failure (it could count twice).
    IncrementColumn, increment, max,
    "Fails (400 `column_limit_exceeded`) instead of going above this."
}

counter! {
    /// A pending [`Model::decrement`]: `.await` it for the updated row. Atomic on the
    /// server, and never retried after an ambiguous failure (it could count twice).
    DecrementColumn, decrement, min,
    "Fails (400 `column_limit_exceeded`) instead of going below this."
}
