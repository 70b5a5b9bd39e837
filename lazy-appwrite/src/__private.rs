//! Not public API: items the derive macro's generated code names by absolute path
//! (`::lazy_appwrite::__private::…`). Anything here may change in any release.

pub use serde;
pub use serde_json;
