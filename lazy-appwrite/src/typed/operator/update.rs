//! [`Operator`]: one atomic update operator of a column, as the column handle builds it and
//! as Appwrite reads it.

use std::fmt;
use std::marker::PhantomData;

use serde_json::Value;

use crate::declared::{ColumnType, Options};
use crate::error::{Error, Result};
use crate::typed::table::Table;

/// An atomic change of one column of table `T`'s rows, computed by the server from the
/// value the row holds at that moment, so two clients appending to the same list both keep
/// their element: `c.stock.decrement(1).min(0)`, `c.tags.append(["rust"])`,
/// `c.title.concat("!")`, `c.done.toggle()`, `c.due.add_days(7)`.
///
/// Built by a [`Column`](super::Column) handle's operator methods; sent by
/// the model API's `Update::op` and `UpdateMany::op`, inside the row `data`
/// as the JSON text Appwrite recognizes (`"count": "{\"method\":\"increment\",\"values\":[2]}"`).
///
/// Which operators a column has depends on its kind and shape, as for filters:
///
/// | column | operators |
/// |---|---|
/// | single `integer` / `float` | [`increment`](super::Column::increment), [`decrement`](super::Column::decrement), [`multiply`](super::Column::multiply), [`divide`](super::Column::divide), [`modulo`](super::Column::modulo), [`power`](super::Column::power) |
/// | any array (`Vec<_>`) but relationships | [`append`](super::Column::append), [`prepend`](super::Column::prepend), [`insert`](super::Column::insert), [`remove`](super::Column::remove), [`unique`](super::Column::unique), [`intersect`](super::Column::intersect), [`diff`](super::Column::diff), [`retain`](super::Column::retain) |
/// | single `string`, `email`, `url`, `ip`, `enum` | [`concat`](super::Column::concat), [`replace`](super::Column::replace) |
/// | single `boolean` | [`toggle`](super::Column::toggle) |
/// | single `datetime` | [`add_days`](super::Column::add_days), [`sub_days`](super::Column::sub_days), [`set_now`](super::Column::set_now) |
///
/// Values are typed by the column's element type ([`OperatorValue`](super::OperatorValue)):
/// appending `"x"` to a `Vec<i64>` column, or incrementing a string column, does not
/// compile, and says why.
///
/// A value the server would refuse for sure (a division by zero, a number that is not
/// finite, an empty `intersect`) is kept as an error and reported, naming the table and
/// column, when the operator is sent: nothing is sent then.
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item {
/// #     #[column(size = 64)] name: String,
/// #     stock: i64,
/// #     score: f64,
/// #     #[column(size = 16)] tags: Vec<String>,
/// #     done: bool,
/// # }
/// use lazy_appwrite::Table;
///
/// let c = Item::columns();
/// let op = c.score.multiply(1.5).max(100.0);
/// assert_eq!((op.column(), op.method()), ("score", "multiply"));
/// assert_eq!(op.to_json()?, r#"{"method":"multiply","values":[1.5,100.0]}"#);
/// assert_eq!(c.stock.decrement(2).min(0).to_json()?, r#"{"method":"decrement","values":[2,0]}"#);
/// assert_eq!(c.tags.append(["rust", "sql"]).to_json()?, r#"{"method":"arrayAppend","values":["rust","sql"]}"#);
/// assert_eq!(c.name.concat("!").to_json()?, r#"{"method":"stringConcat","values":["!"]}"#);
/// assert_eq!(c.done.toggle().to_json()?, r#"{"method":"toggle","values":[]}"#);
/// // Refused before anything is sent:
/// assert!(c.stock.divide(0).to_json().is_err());
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
///
/// ```compile_fail
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { #[column(size = 64)] name: String }
/// use lazy_appwrite::Table;
/// Item::columns().name.increment(1); // string columns cannot use arithmetic operators
/// ```
///
/// ```compile_fail
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { scores: Vec<i64> }
/// use lazy_appwrite::Table;
/// Item::columns().scores.append(["x"]); // `&str` cannot be a value of a `i64` column
/// ```
pub struct Operator<T> {
    column: &'static str,
    method: &'static str,
    values: std::result::Result<Vec<Value>, String>,
    _table: PhantomData<fn() -> T>,
}

impl<T> Operator<T> {
    pub(super) fn new(column: &'static str, method: &'static str, values: Vec<Value>) -> Self {
        Self {
            column,
            method,
            values: Ok(values),
            _table: PhantomData,
        }
    }

    pub(super) fn refused(column: &'static str, method: &'static str, reason: String) -> Self {
        Self {
            column,
            method,
            values: Err(reason),
            _table: PhantomData,
        }
    }

    /// The column key it changes.
    pub fn column(&self) -> &'static str {
        self.column
    }

    /// Appwrite's name of the operator (`increment`, `arrayAppend`, `stringConcat`, …).
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// Adds a value after the ones already there (a limit), checking it is a finite number.
    pub(super) fn push_number(mut self, value: Value, what: &str) -> Self {
        match (&mut self.values, finite(value, self.method, what)) {
            (Ok(values), Ok(value)) => values.push(value),
            (Ok(_), Err(reason)) => self.values = Err(reason),
            (Err(_), _) => {}
        }
        self
    }
}

impl<T: Table> Operator<T> {
    /// The operator as Appwrite reads it, e.g. `{"method":"increment","values":[2]}`; the
    /// row `data` carries this text as the column's value. An operator refused locally
    /// (division by zero, a value that is not a finite number) is an
    /// [`Error::Validation`] naming the table and column.
    ///
    /// An arithmetic operator without a limit of its own takes the column's declared one
    /// (`#[column(integer(min = …, max = …))]` or `float(…)`): `max` for `increment`,
    /// `multiply` and `power`, `min` for `decrement` and `divide`. Appwrite does not hold
    /// operators to the declared range by itself (an `increment` past `max` is stored, and
    /// every later write of that row fails); with the limit, it stops the result there.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "pages")]
    /// # struct Page { #[column(integer(min = 0, max = 1000))] views: i64 }
    /// use lazy_appwrite::Table;
    /// let c = Page::columns();
    /// assert_eq!(c.views.increment(5).to_json()?, r#"{"method":"increment","values":[5,1000]}"#);
    /// assert_eq!(c.views.decrement(5).to_json()?, r#"{"method":"decrement","values":[5,0]}"#);
    /// // A limit of your own replaces the declared one.
    /// assert_eq!(c.views.increment(5).max(10).to_json()?, r#"{"method":"increment","values":[5,10]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn to_json(&self) -> Result<String> {
        let values = self.values.as_ref().map_err(|reason| Error::Validation {
            table: Some(T::ID.to_owned()),
            column: Some(self.column.to_owned()),
            reason: reason.clone(),
        })?;
        let declared = match values.as_slice() {
            [_] => declared_limit(self.method, T::SCHEMA.column(self.column).map(|c| c.kind)),
            _ => None,
        };
        let values: Vec<&Value> = values.iter().chain(declared.as_ref()).collect();
        Ok(serde_json::json!({ "method": self.method, "values": values }).to_string())
    }
}

/// The declared limit an arithmetic operator `method` on a column of `kind` stops at when
/// it names none: the column's `max` for the operators that take a `max`, its `min` for
/// those that take a `min`.
fn declared_limit(method: &str, kind: Option<ColumnType>) -> Option<Value> {
    let upward = match method {
        "increment" | "multiply" | "power" => true,
        "decrement" | "divide" => false,
        _ => return None,
    };
    match kind?.options() {
        Options::Int { min, max } => (if upward { max } else { min }).map(Value::from),
        Options::Float { min, max } => (if upward { max } else { min })
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        _ => None,
    }
}

impl<T> Clone for Operator<T> {
    fn clone(&self) -> Self {
        Self {
            column: self.column,
            method: self.method,
            values: self.values.clone(),
            _table: PhantomData,
        }
    }
}

impl<T> PartialEq for Operator<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.column, self.method, &self.values) == (other.column, other.method, &other.values)
    }
}

impl<T> fmt::Debug for Operator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Operator");
        s.field("column", &self.column)
            .field("method", &self.method);
        match &self.values {
            Ok(values) => s.field("values", values),
            Err(reason) => s.field("refused", reason),
        };
        s.finish()
    }
}

/// `value` if it is a finite JSON number; otherwise why the operator is refused.
pub(super) fn finite(value: Value, method: &str, what: &str) -> std::result::Result<Value, String> {
    match &value {
        Value::Number(_) => Ok(value),
        _ => Err(format!(
            "{what} of `{method}` must be a finite number, not {value}"
        )),
    }
}

/// Whether a JSON number is zero.
pub(super) fn is_zero(value: &Value) -> bool {
    value.as_f64() == Some(0.0)
}
