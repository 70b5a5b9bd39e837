//! Who is calling: the project check, the API key, and the caller's roles.

use http::HeaderMap;

use crate::config::Config;
use crate::error::{ApiError, ApiResult, ErrorType};

/// The caller of a request, which decides what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The project's API key: every check is off (TABLESDB.md §9).
    Key,
    /// No credentials: role `guests`.
    Guest,
}

impl Caller {
    /// True for callers that bypass permissions and may use the schema endpoints.
    pub fn is_privileged(&self) -> bool {
        matches!(self, Caller::Key)
    }

    /// The roles the caller holds, as they appear inside permission strings.
    pub fn roles(&self) -> Vec<String> {
        match self {
            Caller::Key => vec!["any".into()],
            Caller::Guest => vec!["any".into(), "guests".into()],
        }
    }

    /// The role name Appwrite uses in scope errors.
    pub fn role_name(&self) -> &'static str {
        match self {
            Caller::Key => "apps",
            Caller::Guest => "guests",
        }
    }

    /// Fails with `401 general_unauthorized_scope` unless the caller may use schema endpoints.
    pub fn require_scope(&self, scope: &str) -> ApiResult<()> {
        if self.is_privileged() {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorType::GeneralUnauthorizedScope,
            format!(
                "User (role: {}) missing scopes ([\"{scope}\"])",
                self.role_name()
            ),
        ))
    }
}

/// What every endpoint needs to know about the request besides its parameters.
#[derive(Debug, Clone)]
pub struct Context {
    /// Who is calling.
    pub caller: Caller,
    /// Whether the client wants 1.9-format responses (`$sequence` as a string).
    pub format_1_9: bool,
    /// The `X-Appwrite-Timestamp` header, if sent.
    pub timestamp: Option<String>,
}

/// Checks the project and the credentials of a request.
pub fn authenticate(config: &Config, headers: &HeaderMap) -> ApiResult<Context> {
    let project = header(headers, "x-appwrite-project").unwrap_or("");
    if project.is_empty() {
        return Err(ApiError::new(
            ErrorType::GeneralAccessForbidden,
            "No Appwrite project was specified. Please specify your project ID when initializing your Appwrite SDK.",
        ));
    }
    if project == "console" {
        return Err(ApiError::new(
            ErrorType::GeneralAccessForbidden,
            "This endpoint is not available for the console project. The Appwrite Console is a reserved project ID and cannot be used with the Appwrite SDKs and APIs. Please check if your project ID is correct.",
        ));
    }
    if project != config.project {
        return Err(ApiError::new(
            ErrorType::ProjectNotFound,
            "Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.",
        ));
    }
    let caller = match header(headers, "x-appwrite-key") {
        None | Some("") => Caller::Guest,
        Some(key) if constant_time_eq(key.as_bytes(), config.key.as_bytes()) => Caller::Key,
        Some(_) => {
            return Err(ApiError::new(
                ErrorType::UserUnauthorized,
                "The current user is not authorized to perform the requested action.",
            ));
        }
    };
    let format_1_9 = header(headers, "x-appwrite-response-format")
        .map(|v| version_at_least(v, (1, 9, 0)))
        .unwrap_or(false);
    let timestamp = header(headers, "x-appwrite-timestamp").map(str::to_string);
    Ok(Context {
        caller,
        format_1_9,
        timestamp,
    })
}

/// The first value of a header, as text.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Whether a dotted version such as `1.9.5` or `2.6.2` is at least `min`.
pub fn version_at_least(version: &str, min: (u64, u64, u64)) -> bool {
    let mut parts = version
        .trim()
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let v = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    v >= min
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_at_least("1.9.0", (1, 9, 0)));
        assert!(version_at_least("2.6.2", (1, 9, 0)));
        assert!(!version_at_least("1.8.0", (1, 9, 0)));
        assert!(!version_at_least("1.10", (1, 11, 0)));
        assert!(version_at_least("1.10", (1, 9, 0)));
    }
}
