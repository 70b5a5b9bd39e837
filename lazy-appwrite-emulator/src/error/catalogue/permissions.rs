//! Appwrite's `Permissions` validator's messages (a `permissions` parameter), each followed
//! by " or null" where the parameter is nullable.

/// A `permissions` value that is not a list of strings.
pub const NOT_A_LIST: &str = "Permissions must be an array of strings.";

/// More than 100 permissions.
pub const TOO_MANY: &str = "You can only provide up to 100 permissions.";

/// A permission that is not a string.
pub const NOT_A_STRING: &str = "Every permission must be of type string.";

/// The retired `*` wildcard.
pub const WILDCARD: &str = "Wildcard permission \"*\" has been replaced. Use \"any\" instead.";

/// A permission `raw` whose action is not among `allowed` (comma-separated).
pub fn action_not_allowed(raw: &str, allowed: &str) -> String {
    format!("Permission \"{raw}\" is not allowed. Must be one of: {allowed}.")
}

/// A permission `raw` not of the form `action("role")`.
pub fn malformed(raw: &str) -> String {
    format!("Invalid permission string format: \"{raw}\".")
}

/// A role `role` of the retired `role:` form.
pub fn role_prefix_removed(role: &str) -> String {
    format!(
        "Role \"{role}\" is not allowed. Roles using the \"role:\" prefix have been removed. Use \"users\", \"guests\", or \"any\" instead."
    )
}

/// A role `name` not among `known` (comma-separated).
pub fn role_not_allowed(name: &str, known: &str) -> String {
    format!("Role \"{name}\" is not allowed. Must be one of: {known}.")
}

/// A role `name` that needs an ID, given none.
pub fn role_needs_id(name: &str) -> String {
    format!("Role \"{name}\" must have an ID value.")
}

/// A role `name` whose ID fails `description` (the key validator's).
pub fn role_id_invalid(name: &str, description: &str) -> String {
    format!("Role \"{name}\" identifier value is invalid: {description}")
}

/// A role `name` that takes no ID, given one.
pub fn role_takes_no_id(name: &str) -> String {
    format!("Role \"{name}\" can not have an ID value.")
}

/// A `users`/`user` role with a dimension other than verified or unverified.
pub fn role_dimension_invalid(name: &str) -> String {
    format!("Role \"{name}\" dimension value is invalid. Must be one of: verified, unverified.")
}

/// A role `name` that takes no dimension, given one.
pub fn role_takes_no_dimension(name: &str) -> String {
    format!("Role \"{name}\" can not have a dimension value.")
}
