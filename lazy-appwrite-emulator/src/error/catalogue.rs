//! Appwrite's error messages, one constructor per answer, grouped by error type. Handlers
//! and the engine name the answer (`catalogue::server_error()`) instead of spelling its
//! message; the common not-found answers are [`super::ApiError`]'s own constructors.

mod accounts;
pub mod definitions;
mod general;
pub mod jwt;
pub mod operators;
pub mod permissions;
pub mod queries;
pub mod relationships;
mod rows;
mod schema;
pub mod spatial;
mod transactions;
pub mod v1_8_wording;
pub mod validators;

pub use accounts::*;
pub use general::*;
pub use rows::*;
pub use schema::*;
pub use transactions::*;
