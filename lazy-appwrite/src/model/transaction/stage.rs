//! Staging typed writes in a transaction: create, upsert, update, delete, increment and
//! decrement, each one request that the server records and does not apply yet.

use std::future::IntoFuture;
use std::marker::PhantomData;

use serde::de::IgnoredAny;

use super::Transaction;
use crate::api::Rows;
use crate::error::{Error, Result};
use crate::id::ID;
use crate::model::counter::{Amount, CanCount, Direction, counter_request};
use crate::model::run::check_row_id;
use crate::model::write::update_data;
use crate::model::{Model, ModelFuture};
use crate::permission::Permission;
use crate::schema::{Field, Patch, Table};
use crate::typed::kind::Kind;
use crate::typed::{Column, Operator};

/// The staged answer is a mock row; nothing in it is worth decoding.
fn ignoring<T>(rows: &Rows<T>) -> Rows<IgnoredAny> {
    rows.typed::<IgnoredAny>()
}

impl Transaction {
    /// Stages the creation of a row: validated first ([`Table::validate`]), with a
    /// client-made ID ([`ID::unique`]) unless [`TxCreate::id`] sets one. `.await` it for
    /// the row's ID, to use in later operations of the transaction.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = lazy_appwrite_emulator::Emulator::builder()
    /// #     .processing_delay(std::time::Duration::ZERO).start().await?;
    /// # let client = lazy_appwrite::Client::builder().endpoint(emulator.endpoint())
    /// #     .project(emulator.project()).api_key(emulator.key()).default_database("main").build()?;
    /// use lazy_appwrite::{Model, Permissions, Table};
    ///
    /// #[derive(Table, serde::Serialize, serde::Deserialize)]
    /// #[table(id = "posts", row_security)]
    /// struct Post {
    ///     #[column(size = 64)]
    ///     title: String,
    /// }
    ///
    /// let tx = client.begin().await?;
    /// let id = tx.create(&Post { title: "Hello".into() })
    ///     .id("hello")
    ///     .permissions(Permissions::readable_by_anyone())
    ///     .await?;
    /// assert_eq!(id, "hello");
    /// tx.commit().await?;
    /// assert_eq!(Post::get(&client, "hello").await?.title, "Hello");
    /// # Ok(()) }
    /// ```
    pub fn create<'a, T: Model>(&'a self, row: &'a T) -> TxCreate<'a, T> {
        TxCreate {
            tx: self,
            row,
            id: None,
            permissions: None,
        }
    }

    /// Stages the creation of the row with this ID, or its replacement if it exists. The
    /// row is validated first.
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
    /// #[table(id = "settings")]
    /// struct Setting {
    ///     #[column(size = 64)]
    ///     value: String,
    /// }
    ///
    /// let tx = client.begin().await?;
    /// tx.upsert("theme", &Setting { value: "dark".into() }).await?;
    /// tx.commit().await?;
    /// assert_eq!(Setting::get(&client, "theme").await?.value, "dark");
    /// # Ok(()) }
    /// ```
    pub fn upsert<'a, T: Model>(&'a self, id: impl Into<String>, row: &'a T) -> TxUpsert<'a, T> {
        TxUpsert {
            tx: self,
            id: id.into(),
            row,
            permissions: None,
        }
    }

    /// Stages a change of the columns `patch` sets in the row with this ID (the patch is
    /// validated first). The row must exist, or be created earlier in the transaction.
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
    /// #[table(id = "people")]
    /// struct Person {
    ///     #[column(size = 64)]
    ///     name: String,
    ///     #[column(integer(min = 0, max = 150))]
    ///     age: Option<i64>,
    /// }
    ///
    /// Person::upsert(&client, "ada", &Person { name: "Ada".into(), age: None }).await?;
    /// let tx = client.begin().await?;
    /// tx.update("ada", Person::patch().age(Some(36))).await?;
    /// // A patch that breaks a rule is refused before anything is sent:
    /// assert!(tx.update("ada", Person::patch().age(Some(200))).await.is_err());
    /// tx.commit().await?;
    /// assert_eq!(Person::get(&client, "ada").await?.age, Some(36));
    /// # Ok(()) }
    /// ```
    pub fn update<P: Patch>(&self, id: impl Into<String>, patch: P) -> TxUpdate<'_, P::Table>
    where
        P::Table: Table<Patch = P>,
    {
        TxUpdate {
            tx: self,
            id: id.into(),
            patch,
            ops: Vec::new(),
            permissions: None,
        }
    }

    /// Stages the deletion of the row with this ID (name the model:
    /// `tx.delete::<User>(id)`). The row must exist, or be created earlier in the
    /// transaction.
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
    /// #[table(id = "drafts")]
    /// struct Draft {
    ///     #[column(size = 64)]
    ///     title: String,
    /// }
    ///
    /// Draft::upsert(&client, "d1", &Draft { title: "old".into() }).await?;
    /// let tx = client.begin().await?;
    /// tx.delete::<Draft>("d1").await?;
    /// tx.commit().await?;
    /// assert_eq!(Draft::count(&client, Draft::query()).await?, 0);
    /// # Ok(()) }
    /// ```
    pub fn delete<T: Model>(&self, id: impl Into<String>) -> TxDelete<'_, T> {
        TxDelete {
            tx: self,
            id: id.into(),
            _table: PhantomData,
        }
    }

    /// Stages an atomic addition to a numeric column (by 1 unless [`TxIncrement::by`]
    /// says otherwise); only integer and float columns compile.
    ///
    /// A read inside the transaction does not see it: real Appwrite servers (1.8.1 and
    /// 1.9.6) answer the value from before the staged increment until the commit.
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
    /// #[table(id = "stock")]
    /// struct Stock {
    ///     #[column(integer(min = 0, max = 100), default = 0)]
    ///     count: i64,
    /// }
    ///
    /// Stock::upsert(&client, "tea", &Stock { count: 1 }).await?;
    /// let tx = client.begin().await?;
    /// tx.increment("tea", Stock::columns().count).by(2).max(100).await?;
    /// tx.commit().await?;
    /// assert_eq!(Stock::get(&client, "tea").await?.count, 3);
    /// # Ok(()) }
    /// ```
    pub fn increment<T: Model, V: Field, K: Kind, S>(
        &self,
        id: impl Into<String>,
        column: Column<T, V, K, S>,
    ) -> TxIncrement<'_, T>
    where
        K::Family: CanCount<V::Shape, V>,
    {
        TxIncrement::new(self, id.into(), column.key())
    }

    /// Stages an atomic subtraction from a numeric column (by 1 unless
    /// [`TxDecrement::by`] says otherwise).
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
    /// #[table(id = "seats")]
    /// struct Seats {
    ///     #[column(default = 0)]
    ///     free: i64,
    /// }
    ///
    /// Seats::upsert(&client, "show", &Seats { free: 2 }).await?;
    /// let tx = client.begin().await?;
    /// tx.decrement("show", Seats::columns().free).min(0).await?;
    /// tx.commit().await?;
    /// assert_eq!(Seats::get(&client, "show").await?.free, 1);
    /// # Ok(()) }
    /// ```
    pub fn decrement<T: Model, V: Field, K: Kind, S>(
        &self,
        id: impl Into<String>,
        column: Column<T, V, K, S>,
    ) -> TxDecrement<'_, T>
    where
        K::Family: CanCount<V::Shape, V>,
    {
        TxDecrement::new(self, id.into(), column.key())
    }
}

/// A pending [`Transaction::create`]: `.await` it for the new row's ID.
#[must_use = "nothing is staged until this is awaited"]
pub struct TxCreate<'a, T> {
    tx: &'a Transaction,
    row: &'a T,
    id: Option<String>,
    permissions: Option<Vec<Permission>>,
}

impl<T> TxCreate<'_, T> {
    /// The row's ID (default: a new [`ID::unique`]).
    ///
    /// ```
    /// # async fn demo(tx: lazy_appwrite::Transaction) -> lazy_appwrite::Result<()> {
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "tags")]
    /// # struct Tag { #[column(size = 8)] name: String }
    /// let id = tx.create(&Tag { name: "rust".into() }).id("rust").await?;
    /// # Ok(()) }
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Row permissions (they apply when the table has row security); left out, the
    /// server's default applies. See [`crate::Permissions`] for the common sets.
    ///
    /// ```
    /// # async fn demo(tx: lazy_appwrite::Transaction) -> lazy_appwrite::Result<()> {
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "tags")]
    /// # struct Tag { #[column(size = 8)] name: String }
    /// use lazy_appwrite::Permissions;
    /// tx.create(&Tag { name: "mine".into() }).permissions(Permissions::private_to("u1")).await?;
    /// # Ok(()) }
    /// ```
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }
}

impl<'a, T: Model> IntoFuture for TxCreate<'a, T> {
    type Output = Result<String>;
    type IntoFuture = ModelFuture<'a, String>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.row.validate()?;
            let id = self.id.unwrap_or_else(ID::unique);
            check_row_id::<T>("rows.create", &id)?;
            let (row, permissions, row_id) = (self.row, &self.permissions, &id);
            self.tx
                .stage::<T, _, _, _>("rows.create", |rows, tx_id| async move {
                    let rows = ignoring(&rows);
                    let mut request = rows.create(row_id.as_str(), row).transaction(tx_id);
                    if let Some(p) = permissions {
                        request = request.permissions(p.iter().cloned());
                    }
                    request.run().await.map(|_| ())
                })
                .await?;
            Ok(id)
        })
    }
}

/// A pending [`Transaction::upsert`]: `.await` it.
#[must_use = "nothing is staged until this is awaited"]
pub struct TxUpsert<'a, T> {
    tx: &'a Transaction,
    id: String,
    row: &'a T,
    permissions: Option<Vec<Permission>>,
}

impl<T> TxUpsert<'_, T> {
    /// The row's permissions (left out: the server's default for a new row, the current
    /// ones for an existing row).
    ///
    /// ```
    /// # async fn demo(tx: lazy_appwrite::Transaction) -> lazy_appwrite::Result<()> {
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "tags")]
    /// # struct Tag { #[column(size = 8)] name: String }
    /// use lazy_appwrite::Permissions;
    /// tx.upsert("t1", &Tag { name: "x".into() }).permissions(Permissions::readable_by_anyone()).await?;
    /// # Ok(()) }
    /// ```
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }
}

impl<'a, T: Model> IntoFuture for TxUpsert<'a, T> {
    type Output = Result<()>;
    type IntoFuture = ModelFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.upsert", &self.id)?;
            self.row.validate()?;
            let (id, row, permissions) = (&self.id, self.row, &self.permissions);
            self.tx
                .stage::<T, _, _, _>("rows.upsert", |rows, tx_id| async move {
                    let rows = ignoring(&rows);
                    let mut request = rows.upsert(id.as_str(), row).transaction(tx_id);
                    if let Some(p) = permissions {
                        request = request.permissions(p.iter().cloned());
                    }
                    request.run().await.map(|_| ())
                })
                .await
        })
    }
}

/// A pending [`Transaction::update`]: `.await` it.
#[must_use = "nothing is staged until this is awaited"]
pub struct TxUpdate<'a, T: Table> {
    tx: &'a Transaction,
    id: String,
    patch: T::Patch,
    ops: Vec<Operator<T>>,
    permissions: Option<Vec<Permission>>,
}

impl<T: Table> TxUpdate<'_, T> {
    /// Replaces the row's permissions too (an empty list clears them).
    ///
    /// ```
    /// # async fn demo(tx: lazy_appwrite::Transaction) -> lazy_appwrite::Result<()> {
    /// # #[derive(lazy_appwrite::Table, serde::Serialize, serde::Deserialize)]
    /// # #[table(id = "tags")]
    /// # struct Tag { #[column(size = 8)] name: String }
    /// use lazy_appwrite::{Permissions, Table};
    /// tx.update("t1", Tag::patch()).permissions(Permissions::team_only("editors")).await?;
    /// # Ok(()) }
    /// ```
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.permissions = Some(permissions.into_iter().collect());
        self
    }

    /// Also changes a column atomically at commit, from its value then:
    /// `.op(c.views.increment(1))`, `.op(c.tags.append(["rust"]))` (see
    /// [`crate::typed::Operator`]). Each column may be changed once per update, by the
    /// patch or by one operator.
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
    /// #[table(id = "posts")]
    /// struct Post {
    ///     #[column(size = 64)]
    ///     title: String,
    ///     #[column(default = 0)]
    ///     views: i64,
    /// }
    ///
    /// Post::upsert(&client, "p1", &Post { title: "Hi".into(), views: 1 }).await?;
    /// let c = Post::columns();
    /// let tx = client.begin().await?;
    /// tx.update("p1", Post::patch().title("Hello")).op(c.views.increment(10)).await?;
    /// tx.commit().await?;
    /// let post = Post::get(&client, "p1").await?;
    /// assert_eq!((post.title.as_str(), post.views), ("Hello", 11));
    /// # Ok(()) }
    /// ```
    pub fn op(mut self, op: impl Into<Operator<T>>) -> Self {
        self.ops.push(op.into());
        self
    }
}

impl<'a, T: Model> IntoFuture for TxUpdate<'a, T>
where
    T::Patch: Send + Sync,
{
    type Output = Result<()>;
    type IntoFuture = ModelFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let data = update_data::<T>(&self.patch, &self.ops)?;
            if data.is_empty() && self.permissions.is_none() {
                return Err(Error::Validation {
                    table: Some(T::ID.to_owned()),
                    column: None,
                    reason: format!(
                        "the update of row `{}` sets no column and no permission",
                        self.id
                    ),
                });
            }
            check_row_id::<T>("rows.update", &self.id)?;
            let (id, data, permissions) = (&self.id, &data, &self.permissions);
            self.tx
                .stage::<T, _, _, _>("rows.update", |rows, tx_id| async move {
                    let rows = ignoring(&rows);
                    let mut request = rows.update(id.as_str()).transaction(tx_id);
                    if !data.is_empty() {
                        request = request.data(data);
                    }
                    if let Some(p) = permissions {
                        request = request.permissions(p.iter().cloned());
                    }
                    request.run().await.map(|_| ())
                })
                .await
        })
    }
}

/// A pending [`Transaction::delete`]: `.await` it.
#[must_use = "nothing is staged until this is awaited"]
pub struct TxDelete<'a, T> {
    tx: &'a Transaction,
    id: String,
    _table: PhantomData<fn() -> T>,
}

impl<'a, T: Model> IntoFuture for TxDelete<'a, T> {
    type Output = Result<()>;
    type IntoFuture = ModelFuture<'a, ()>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            check_row_id::<T>("rows.delete", &self.id)?;
            let id = &self.id;
            self.tx
                .stage::<T, _, _, _>("rows.delete", |rows, tx_id| async move {
                    rows.delete(id.as_str()).transaction(tx_id).run().await
                })
                .await
        })
    }
}

macro_rules! tx_counter {
    ($(#[$doc:meta])* $name:ident, $method:ident, $direction:ident, $bound:ident, $bound_doc:literal) => {
        $(#[$doc])*
        #[must_use = "nothing is staged until this is awaited"]
        pub struct $name<'a, T> {
            tx: &'a Transaction,
            id: String,
            column: &'static str,
            by: Option<f64>,
            $bound: Option<f64>,
            _table: PhantomData<fn() -> T>,
        }

        impl<'a, T> $name<'a, T> {
            fn new(tx: &'a Transaction, id: String, column: &'static str) -> Self {
                Self { tx, id, column, by: None, $bound: None, _table: PhantomData }
            }

            /// The amount (default 1). It must be a finite number greater than 0, as
            /// Appwrite requires: anything else is an [`Error::Validation`] naming the table
            /// and column, and nothing is staged.
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
            type Output = Result<()>;
            type IntoFuture = ModelFuture<'a, ()>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    let (by, bound) = counter_request::<T>(
                        self.column,
                        Direction::$direction,
                        self.by,
                        self.$bound,
                    )?;
                    check_row_id::<T>(concat!("rows.", stringify!($method)), &self.id)?;
                    let (id, column) = (&self.id, self.column);
                    self.tx
                        .stage::<T, _, _, _>(concat!("rows.", stringify!($method)), |rows, tx_id| async move {
                            let rows = ignoring(&rows);
                            let mut request = rows.$method(id.as_str(), column).transaction(tx_id);
                            if let Some(by) = by {
                                request = request.by(by);
                            }
                            if let Some(bound) = bound {
                                request = request.$bound(bound);
                            }
                            request.run().await.map(|_| ())
                        })
                        .await
                })
            }
        }
    };
}

tx_counter! {
    /// A pending [`Transaction::increment`]: `.await` it. The addition happens at commit,
    /// atomically on the server.
    /// The column's declared `max` is sent with it unless [`TxIncrement::max`] gives
    /// another limit.
    TxIncrement, increment, Up, max,
    "Makes the commit fail (400 `column_limit_exceeded`) instead of going above `bound`, in \
     place of the column's declared `max`."
}

tx_counter! {
    /// A pending [`Transaction::decrement`]: `.await` it. The subtraction happens at
    /// commit, atomically on the server.
    /// The column's declared `min` is sent with it unless [`TxDecrement::min`] gives
    /// another limit.
    TxDecrement, decrement, Down, min,
    "Makes the commit fail (400 `column_limit_exceeded`) instead of going below `bound`, in \
     place of the column's declared `min`."
}
