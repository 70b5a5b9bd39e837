//! What a command that fails tells the user, and the exit code it ends with.

use std::fmt;

/// A failed command: the message printed after `error: `, and the process's exit code.
///
/// ```
/// let failure = lazy_appwrite_cli::Failure::usage("no database given");
/// assert_eq!((failure.to_string(), failure.code), ("no database given".to_string(), 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong (never holds the API key).
    pub message: String,
    /// The exit code: 2 for a usage mistake, 1 otherwise.
    pub code: u8,
}

impl Failure {
    /// A failure of the command itself (exit code 1).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }

    /// A mistake in how the command was called (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl From<lazy_appwrite::Error> for Failure {
    fn from(error: lazy_appwrite::Error) -> Self {
        // The library's errors never carry the API key.
        Self::new(error.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Self::new(error.to_string())
    }
}

/// What a command returns.
pub type Result<T> = std::result::Result<T, Failure>;
