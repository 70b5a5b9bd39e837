//! The path parameters of a matched route.

use std::collections::HashMap;

use crate::error::ApiResult;
use crate::validate::ids::check_uid;

/// The decoded path parameters of a route.
#[derive(Debug, Default, Clone)]
pub struct PathArgs(pub(crate) HashMap<String, String>);

impl PathArgs {
    /// Path arguments naming only database `id` (a static path that shadows one).
    pub(crate) fn database(id: &str) -> Self {
        Self(HashMap::from([("databaseId".to_string(), id.to_string())]))
    }

    /// The arguments of `path` under `template` (axum's `{name}` syntax), percent-decoded
    /// with bytes that are not UTF-8 replaced: what PHP's validators see of a segment such
    /// as `%FF%FE`, so that they refuse it with Appwrite's message instead of a plain-text
    /// rejection.
    pub(crate) fn lossy(template: &str, path: &str) -> Self {
        let args = template
            .split('/')
            .zip(path.split('/'))
            .filter_map(|(name, segment)| {
                let name = name.strip_prefix('{')?.strip_suffix('}')?;
                let value = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
                Some((name.to_string(), value.into_owned()))
            })
            .collect();
        Self(args)
    }

    /// The value of path parameter `name` (empty if the route has none).
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }
}

/// The database and table IDs of the path, checked.
pub fn path_ids(path: &PathArgs) -> ApiResult<(&str, &str)> {
    let (db, table) = (path.get("databaseId"), path.get("tableId"));
    check_uid("databaseId", db)?;
    check_uid("tableId", table)?;
    Ok((db, table))
}
