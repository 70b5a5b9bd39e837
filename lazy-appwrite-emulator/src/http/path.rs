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
