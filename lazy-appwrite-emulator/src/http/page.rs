//! The HTML error page some Appwrite releases answer unknown routes with
//! ([`AppwriteVersion::route_not_found_is_html`]). The emulator's page is its own minimal
//! one; like Appwrite's, it says "Page not found" and names the error type.

use crate::error::ApiError;
use crate::profile::AppwriteVersion;

/// The HTML page for `error` (an unknown route).
pub fn not_found(error: &ApiError, version: AppwriteVersion) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Error</title></head>\
         <body><main><p>Page not found</p><h1>The page you're looking for doesn't exist.</h1>\
         <p><code class=\"type\">{}</code></p><p>Appwrite {} (lazy-appwrite emulator)</p></main></body></html>",
        error.kind.as_str(),
        version.as_str()
    )
}
