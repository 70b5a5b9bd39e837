//! Appwrite's validators: IDs and keys, datetimes, formats, and column values.

pub mod datetime;
pub mod formats;
pub mod ids;
pub mod value;
