//! The API groups, reached from the [`Client`]: `client.databases()`, `client.rows(…)`, ….

use super::{Columns, Databases, Indexes, Rows, Tables, Transactions};
use crate::client::Client;
use crate::name::Name;

impl Client {
    /// Databases: create, get, list, update, delete.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let databases = client.databases();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn databases(&self) -> Databases {
        Databases::new(self.clone())
    }

    /// The tables of database `database_id`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let tables = client.tables("shop");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn tables(&self, database_id: impl Into<String>) -> Tables {
        Tables::new(self.clone(), database_id.into())
    }

    /// The columns of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let columns = client.columns("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn columns(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Columns {
        Columns::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The indexes of a table.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let indexes = client.indexes("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn indexes(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Indexes {
        Indexes::new(self.clone(), database_id.into(), table_id.into())
    }

    /// The rows of a table, decoded as `T` and written from `T`.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// #[derive(serde::Serialize, serde::Deserialize)]
    /// struct Book { title: String }
    /// let books = client.rows::<Book>("shop", "books");
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn rows<T>(&self, database_id: impl Into<String>, table_id: impl Into<String>) -> Rows<T> {
        Rows::new(
            self.clone(),
            Name::from(database_id.into()),
            Name::from(table_id.into()),
        )
    }

    /// Transactions: stage row writes and commit or roll them back together.
    ///
    /// ```
    /// # let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// let transactions = client.transactions();
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn transactions(&self) -> Transactions {
        Transactions::new(self.clone())
    }
}
