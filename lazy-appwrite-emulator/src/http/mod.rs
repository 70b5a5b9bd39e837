//! Turning HTTP requests into Appwrite parameters and callers, and answers into responses.

pub mod auth;
pub mod params;
pub mod reply;
