//! Atomic update operators (Appwrite 1.8) built from column handles and
//! checked by the compiler; see [`Operator`].

mod capability;

pub use capability::*;

use std::fmt;
use std::marker::PhantomData;

use serde_json::Value;

use super::column::Column;
use super::kind::Kind;
use super::operand::Operand;
use super::table::Table;
use crate::declared::{ColumnType, Field, Options};
use crate::error::{Error, Result};

/// An atomic change of one column of table `T`'s rows, computed by the server from the
/// value the row holds at that moment, so two clients appending to the same list both keep
/// their element: `c.stock.decrement(1).min(0)`, `c.tags.append(["rust"])`,
/// `c.title.concat("!")`, `c.done.toggle()`, `c.due.add_days(7)`.
///
/// Built by a [`Column`] handle's operator methods; sent by [`crate::model::Update::op`]
/// and [`crate::model::UpdateMany::op`], inside the row `data` as the JSON text Appwrite
/// recognizes (`"count": "{\"method\":\"increment\",\"values\":[2]}"`).
///
/// Which operators a column has depends on its kind and shape, as for filters:
///
/// | column | operators |
/// |---|---|
/// | single `integer` / `float` | [`increment`](Column::increment), [`decrement`](Column::decrement), [`multiply`](Column::multiply), [`divide`](Column::divide), [`modulo`](Column::modulo), [`power`](Column::power) |
/// | any array (`Vec<_>`) but relationships | [`append`](Column::append), [`prepend`](Column::prepend), [`insert`](Column::insert), [`remove`](Column::remove), [`unique`](Column::unique), [`intersect`](Column::intersect), [`diff`](Column::diff), [`retain`](Column::retain) |
/// | single `string`, `email`, `url`, `ip`, `enum` | [`concat`](Column::concat), [`replace`](Column::replace) |
/// | single `boolean` | [`toggle`](Column::toggle) |
/// | single `datetime` | [`add_days`](Column::add_days), [`sub_days`](Column::sub_days), [`set_now`](Column::set_now) |
///
/// Values are typed by the column's element type ([`OperatorValue`]): appending `"x"` to a
/// `Vec<i64>` column, or incrementing a string column, does not compile, and says why.
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
    fn new(column: &'static str, method: &'static str, values: Vec<Value>) -> Self {
        Self {
            column,
            method,
            values: Ok(values),
            _table: PhantomData,
        }
    }

    fn refused(column: &'static str, method: &'static str, reason: String) -> Self {
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
    fn push_number(mut self, value: Value, what: &str) -> Self {
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

/// An [`Operator`] that may also take an upper limit: [`Column::increment`],
/// [`Column::multiply`] and [`Column::power`]. Use it as is (the column's declared `max`,
/// if any, is the limit), or add [`Capped::max`].
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { stock: i64 }
/// use lazy_appwrite::Table;
/// use lazy_appwrite::typed::Operator;
///
/// let capped = Item::columns().stock.increment(5).max(10);
/// assert_eq!(capped.to_json()?, r#"{"method":"increment","values":[5,10]}"#);
/// let plain: Operator<Item> = Item::columns().stock.increment(5).into();
/// assert_eq!(plain.to_json()?, r#"{"method":"increment","values":[5]}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
pub struct Capped<T, E> {
    op: Operator<T>,
    _elem: PhantomData<fn() -> E>,
}

impl<T, E> Capped<T, E> {
    /// The result stops at `limit` instead of going above it (Appwrite clamps; nothing
    /// fails). It replaces the column's declared `max`, which is the limit otherwise.
    pub fn max(self, limit: impl OperatorValue<E>) -> Operator<T> {
        self.op.push_number(limit.into_operand(), "the limit")
    }

    /// The operator without a limit of its own (the column's declared one applies).
    pub fn into_operator(self) -> Operator<T> {
        self.op
    }
}

impl<T: Table, E> Capped<T, E> {
    /// The operator without a limit of its own, as Appwrite reads it (see
    /// [`Operator::to_json`]).
    pub fn to_json(&self) -> Result<String> {
        self.op.to_json()
    }
}

impl<T, E> From<Capped<T, E>> for Operator<T> {
    fn from(capped: Capped<T, E>) -> Self {
        capped.op
    }
}

impl<T, E> fmt::Debug for Capped<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.op.fmt(f)
    }
}

/// An [`Operator`] that may also take a lower limit: [`Column::decrement`] and
/// [`Column::divide`]. Use it as is (the column's declared `min`, if any, is the limit), or
/// add [`Floored::min`].
///
/// ```
/// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
/// # #[table(id = "items")]
/// # struct Item { stock: i64 }
/// use lazy_appwrite::Table;
///
/// let op = Item::columns().stock.decrement(3).min(0);
/// assert_eq!(op.to_json()?, r#"{"method":"decrement","values":[3,0]}"#);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
pub struct Floored<T, E> {
    op: Operator<T>,
    _elem: PhantomData<fn() -> E>,
}

impl<T, E> Floored<T, E> {
    /// The result stops at `limit` instead of going below it (Appwrite clamps; nothing
    /// fails). It replaces the column's declared `min`, which is the limit otherwise.
    pub fn min(self, limit: impl OperatorValue<E>) -> Operator<T> {
        self.op.push_number(limit.into_operand(), "the limit")
    }

    /// The operator without a limit of its own (the column's declared one applies).
    pub fn into_operator(self) -> Operator<T> {
        self.op
    }
}

impl<T: Table, E> Floored<T, E> {
    /// The operator without a limit of its own, as Appwrite reads it (see
    /// [`Operator::to_json`]).
    pub fn to_json(&self) -> Result<String> {
        self.op.to_json()
    }
}

impl<T, E> From<Floored<T, E>> for Operator<T> {
    fn from(floored: Floored<T, E>) -> Self {
        floored.op
    }
}

impl<T, E> fmt::Debug for Floored<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.op.fmt(f)
    }
}

/// Which elements [`Column::retain`] keeps (Appwrite's `arrayFilter` conditions), compared
/// with the value given next to it.
///
/// ```
/// use lazy_appwrite::typed::ArrayCondition;
/// assert_eq!(ArrayCondition::GreaterThanEqual.as_str(), "greaterThanEqual");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrayCondition {
    /// Elements equal to the value.
    Equal,
    /// Elements different from the value.
    NotEqual,
    /// Elements greater than the value (compared as numbers).
    GreaterThan,
    /// Elements greater than or equal to the value (compared as numbers).
    GreaterThanEqual,
    /// Elements less than the value (compared as numbers).
    LessThan,
    /// Elements less than or equal to the value (compared as numbers).
    LessThanEqual,
}

impl ArrayCondition {
    /// The condition as Appwrite names it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::NotEqual => "notEqual",
            Self::GreaterThan => "greaterThan",
            Self::GreaterThanEqual => "greaterThanEqual",
            Self::LessThan => "lessThan",
            Self::LessThanEqual => "lessThanEqual",
        }
    }
}

/// A value an operator on a column of element type `E` takes: whatever a filter on that
/// column takes ([`Operand<E>`]), so `c.scores.append(["x"])` on a `Vec<i64>` column does
/// not compile.
///
/// ```
/// use lazy_appwrite::typed::OperatorValue;
/// fn takes<V: OperatorValue<i64>>(_: V) {}
/// takes(5_i32);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a value of a `{E}` column",
    label = "operators on this column take values of its element type, `{E}`"
)]
pub trait OperatorValue<E>: Operand<E> {}

impl<E, O: Operand<E>> OperatorValue<E> for O {}

/// `value` if it is a finite JSON number; otherwise why the operator is refused.
fn finite(value: Value, method: &str, what: &str) -> std::result::Result<Value, String> {
    match &value {
        Value::Number(_) => Ok(value),
        _ => Err(format!(
            "{what} of `{method}` must be a finite number, not {value}"
        )),
    }
}

/// Whether a JSON number is zero.
fn is_zero(value: &Value) -> bool {
    value.as_f64() == Some(0.0)
}

type Fam<K> = <K as Kind>::Family;
type Shape<V> = <V as Field>::Shape;
type Elem<V> = <V as Field>::Elem;

impl<T, V: Field, K: Kind, S> Column<T, V, K, S> {
    fn operator_of(self, method: &'static str, values: Vec<Value>) -> Operator<T> {
        Operator::new(self.key(), method, values)
    }

    /// An arithmetic operator whose first value must be a finite number (and not zero when
    /// it divides).
    fn arithmetic_operator(self, method: &'static str, value: Value, divides: bool) -> Operator<T> {
        match finite(value, method, "the value") {
            Ok(v) if divides && is_zero(&v) => Operator::refused(
                self.key(),
                method,
                format!("`{method}` by zero: Appwrite refuses it"),
            ),
            Ok(v) => self.operator_of(method, vec![v]),
            Err(reason) => Operator::refused(self.key(), method, reason),
        }
    }

    fn operator_elements<O: OperatorValue<Elem<V>>>(
        items: impl IntoIterator<Item = O>,
    ) -> Vec<Value> {
        items.into_iter().map(Operand::into_operand).collect()
    }

    /// Adds `by` to the column (`increment`; `null` counts as 0). The result stops at the
    /// column's declared `max`, or at the limit [`Capped::max`] gives.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { stock: i64 }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().stock.increment(2);
    /// assert_eq!(op.to_json()?, r#"{"method":"increment","values":[2]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn increment(self, by: impl OperatorValue<Elem<V>>) -> Capped<T, Elem<V>>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        Capped {
            op: self.arithmetic_operator("increment", by.into_operand(), false),
            _elem: PhantomData,
        }
    }

    /// Subtracts `by` from the column (`decrement`). The result stops at the column's
    /// declared `min`, or at the limit [`Floored::min`] gives.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { stock: i64 }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().stock.decrement(1).min(0);
    /// assert_eq!(op.to_json()?, r#"{"method":"decrement","values":[1,0]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn decrement(self, by: impl OperatorValue<Elem<V>>) -> Floored<T, Elem<V>>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        Floored {
            op: self.arithmetic_operator("decrement", by.into_operand(), false),
            _elem: PhantomData,
        }
    }

    /// Multiplies the column by `factor` (`multiply`). The result stops at the column's
    /// declared `max`, or at the limit [`Capped::max`] gives.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { price: f64 }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().price.multiply(1.1);
    /// assert_eq!(op.to_json()?, r#"{"method":"multiply","values":[1.1]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn multiply(self, factor: impl OperatorValue<Elem<V>>) -> Capped<T, Elem<V>>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        Capped {
            op: self.arithmetic_operator("multiply", factor.into_operand(), false),
            _elem: PhantomData,
        }
    }

    /// Divides the column by `divisor` (`divide`; an integer column rounds the result).
    /// Dividing by zero is refused before anything is sent. The result stops at the
    /// column's declared `min`, or at the limit [`Floored::min`] gives.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { price: f64 }
    /// use lazy_appwrite::Table;
    /// let c = Item::columns();
    /// assert_eq!(c.price.divide(2).to_json()?, r#"{"method":"divide","values":[2]}"#);
    /// let err = c.price.divide(0.0).to_json().unwrap_err();
    /// assert_eq!(err.to_string(),
    ///     "invalid input for table `items`, column `price`: `divide` by zero: Appwrite refuses it");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn divide(self, divisor: impl OperatorValue<Elem<V>>) -> Floored<T, Elem<V>>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        Floored {
            op: self.arithmetic_operator("divide", divisor.into_operand(), true),
            _elem: PhantomData,
        }
    }

    /// The remainder of the column divided by `divisor` (`modulo`); zero is refused before
    /// anything is sent.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { stock: i64 }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().stock.modulo(7);
    /// assert_eq!(op.to_json()?, r#"{"method":"modulo","values":[7]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn modulo(self, divisor: impl OperatorValue<Elem<V>>) -> Operator<T>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        self.arithmetic_operator("modulo", divisor.into_operand(), true)
    }

    /// Raises the column to the power `exponent` (`power`). The result stops at the
    /// column's declared `max`, or at the limit [`Capped::max`] gives.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { stock: i64 }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().stock.power(2).max(1000);
    /// assert_eq!(op.to_json()?, r#"{"method":"power","values":[2,1000]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn power(self, exponent: impl OperatorValue<Elem<V>>) -> Capped<T, Elem<V>>
    where
        Fam<K>: CanArithmetic<Shape<V>, V>,
    {
        Capped {
            op: self.arithmetic_operator("power", exponent.into_operand(), false),
            _elem: PhantomData,
        }
    }

    /// Adds `items` at the end of the list (`arrayAppend`; `null` counts as empty).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 16)] tags: Vec<String> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().tags.append(["rust"]);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayAppend","values":["rust"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn append<O: OperatorValue<Elem<V>>>(
        self,
        items: impl IntoIterator<Item = O>,
    ) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of("arrayAppend", Self::operator_elements(items))
    }

    /// Adds `items` at the start of the list (`arrayPrepend`), in their order.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { scores: Vec<i64> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().scores.prepend([1, 2]);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayPrepend","values":[1,2]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn prepend<O: OperatorValue<Elem<V>>>(
        self,
        items: impl IntoIterator<Item = O>,
    ) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of("arrayPrepend", Self::operator_elements(items))
    }

    /// Inserts `value` at position `index` (`arrayInsert`; `0` is the front, the length the
    /// end). The server refuses an index past the end with 400.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { scores: Vec<i64> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().scores.insert(1, 5);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayInsert","values":[1,5]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn insert(self, index: usize, value: impl OperatorValue<Elem<V>>) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of(
            "arrayInsert",
            vec![Value::from(index), value.into_operand()],
        )
    }

    /// Removes every element equal to `value` (`arrayRemove`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 16)] tags: Vec<String> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().tags.remove("old");
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayRemove","values":["old"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn remove(self, value: impl OperatorValue<Elem<V>>) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of("arrayRemove", vec![value.into_operand()])
    }

    /// Drops repeated elements (`arrayUnique`). The order is the database's, not the
    /// list's: real Appwrite 1.8.1 and 1.9.6 servers answer the distinct values sorted
    /// (`["z", "y", "b", "c", "b"]` becomes `["b", "c", "y", "z"]`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 16)] tags: Vec<String> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().tags.unique();
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayUnique","values":[]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn unique(self) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of("arrayUnique", Vec::new())
    }

    /// Keeps only the elements that are among `items` (`arrayIntersect`; `items` must not
    /// be empty, or the server refuses it).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 16)] tags: Vec<String> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().tags.intersect(["a", "b"]);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayIntersect","values":["a","b"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn intersect<O: OperatorValue<Elem<V>>>(
        self,
        items: impl IntoIterator<Item = O>,
    ) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        let items = Self::operator_elements(items);
        if items.is_empty() {
            return Operator::refused(
                self.key(),
                "arrayIntersect",
                "`intersect` needs at least one element: Appwrite refuses an empty list".into(),
            );
        }
        self.operator_of("arrayIntersect", items)
    }

    /// Removes every element that is among `items` (`arrayDiff`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 16)] tags: Vec<String> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().tags.diff(["spam"]);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayDiff","values":["spam"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn diff<O: OperatorValue<Elem<V>>>(self, items: impl IntoIterator<Item = O>) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of("arrayDiff", Self::operator_elements(items))
    }

    /// Keeps the elements meeting `condition` against `value` (Appwrite's `arrayFilter`):
    /// `c.scores.retain(ArrayCondition::GreaterThan, 10)` keeps the scores above 10.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { scores: Vec<i64> }
    /// use lazy_appwrite::Table;
    /// use lazy_appwrite::typed::ArrayCondition;
    /// let op = Item::columns().scores.retain(ArrayCondition::GreaterThan, 10);
    /// assert_eq!(op.to_json()?, r#"{"method":"arrayFilter","values":["greaterThan",10]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn retain(
        self,
        condition: ArrayCondition,
        value: impl OperatorValue<Elem<V>>,
    ) -> Operator<T>
    where
        Fam<K>: CanArrayOp<Shape<V>, V>,
    {
        self.operator_of(
            "arrayFilter",
            vec![Value::from(condition.as_str()), value.into_operand()],
        )
    }

    /// Adds `text` at the end of the string (`stringConcat`; `null` counts as empty). The
    /// server refuses a result longer than the column's size.
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 64)] name: String }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().name.concat(" (sold)");
    /// assert_eq!(op.to_json()?, r#"{"method":"stringConcat","values":[" (sold)"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn concat(self, text: impl Into<String>) -> Operator<T>
    where
        Fam<K>: CanTextOp<Shape<V>, V>,
    {
        self.operator_of("stringConcat", vec![Value::from(text.into())])
    }

    /// Replaces every occurrence of `search` with `replacement` (`stringReplace`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { #[column(size = 64)] name: String }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().name.replace("colour", "color");
    /// assert_eq!(op.to_json()?, r#"{"method":"stringReplace","values":["colour","color"]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn replace(self, search: impl Into<String>, replacement: impl Into<String>) -> Operator<T>
    where
        Fam<K>: CanTextOp<Shape<V>, V>,
    {
        self.operator_of(
            "stringReplace",
            vec![Value::from(search.into()), Value::from(replacement.into())],
        )
    }

    /// Flips the boolean (`toggle`; `null` becomes `true`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { done: bool }
    /// use lazy_appwrite::Table;
    /// assert_eq!(Item::columns().done.toggle().to_json()?, r#"{"method":"toggle","values":[]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn toggle(self) -> Operator<T>
    where
        Fam<K>: CanToggle<Shape<V>, V>,
    {
        self.operator_of("toggle", Vec::new())
    }

    /// Moves the datetime `days` days later (`dateAddDays`; `null` stays `null`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { due: Option<lazy_appwrite::Timestamp> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().due.add_days(7);
    /// assert_eq!(op.to_json()?, r#"{"method":"dateAddDays","values":[7]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn add_days(self, days: i64) -> Operator<T>
    where
        Fam<K>: CanDateOp<Shape<V>, V>,
    {
        self.operator_of("dateAddDays", vec![Value::from(days)])
    }

    /// Moves the datetime `days` days earlier (`dateSubDays`; `null` stays `null`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { due: Option<lazy_appwrite::Timestamp> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().due.sub_days(1);
    /// assert_eq!(op.to_json()?, r#"{"method":"dateSubDays","values":[1]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn sub_days(self, days: i64) -> Operator<T>
    where
        Fam<K>: CanDateOp<Shape<V>, V>,
    {
        self.operator_of("dateSubDays", vec![Value::from(days)])
    }

    /// Sets the datetime to the server's current time (`dateSetNow`).
    ///
    /// ```
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "items")]
    /// # struct Item { seen: Option<lazy_appwrite::Timestamp> }
    /// use lazy_appwrite::Table;
    /// let op = Item::columns().seen.set_now();
    /// assert_eq!(op.to_json()?, r#"{"method":"dateSetNow","values":[]}"#);
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn set_now(self) -> Operator<T>
    where
        Fam<K>: CanDateOp<Shape<V>, V>,
    {
        self.operator_of("dateSetNow", Vec::new())
    }
}
