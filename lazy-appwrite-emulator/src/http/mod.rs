//! Turning HTTP requests into Appwrite parameters and callers, and answers into responses.

pub mod auth;
pub mod body;
pub mod jwt;
pub mod page;
pub mod params;
pub mod rate_limit;
pub mod reply;
