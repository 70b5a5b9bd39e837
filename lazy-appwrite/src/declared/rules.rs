//! Appwrite's value rules, checked before anything is sent: sizes in characters, integer
//! and float ranges, email/url/ip/datetime formats, enum membership, spatial shapes. The
//! core crate holds them; [`ViolationAt::at`] turns a [`Violation`] into
//! [`Error::Validation`] naming the table and column.
//!
//! ```
//! use lazy_appwrite::schema::rules::{self, Rule, ViolationAt};
//! let v = rules::check_email("not-an-email").unwrap_err();
//! assert_eq!(v.rule, Rule::Email);
//! assert_eq!(v.at("users", "email").to_string(),
//!     "invalid input for table `users`, column `email`: rule `email`: `not-an-email` is not an email address");
//! ```

pub use lazy_appwrite_core::rules::*;

use crate::error::Error;

/// Places a [`Violation`] at a table and column.
pub trait ViolationAt {
    /// The error for table `table`, column `column`.
    ///
    /// ```
    /// use lazy_appwrite::schema::rules::{ViolationAt, check_ip};
    /// let err = check_ip("x").unwrap_err().at("hosts", "ip");
    /// assert!(err.to_string().starts_with("invalid input for table `hosts`, column `ip`"));
    /// ```
    fn at(self, table: &str, column: &str) -> Error;
}

impl ViolationAt for Violation {
    fn at(self, table: &str, column: &str) -> Error {
        Error::Validation {
            table: Some(table.to_owned()),
            column: Some(column.to_owned()),
            reason: self.to_string(),
        }
    }
}
