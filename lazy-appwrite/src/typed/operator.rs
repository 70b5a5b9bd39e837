//! Atomic update operators (Appwrite 1.8) built from column handles and
//! checked by the compiler; see [`Operator`].

pub(crate) mod capability;
mod limit;
mod update;
mod value;

use capability::*;
pub use limit::{Capped, Floored};
pub use update::Operator;
pub use value::{ArrayCondition, OperatorValue};

use serde_json::Value;

use super::column::Column;
use super::operand::Operand;
use crate::declared::Field;
use crate::declared::kind::Kind;
use update::{finite, is_zero};

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
        Capped::new(self.arithmetic_operator("increment", by.into_operand(), false))
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
        Floored::new(self.arithmetic_operator("decrement", by.into_operand(), false))
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
        Capped::new(self.arithmetic_operator("multiply", factor.into_operand(), false))
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
        Floored::new(self.arithmetic_operator("divide", divisor.into_operand(), true))
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
        Capped::new(self.arithmetic_operator("power", exponent.into_operand(), false))
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
