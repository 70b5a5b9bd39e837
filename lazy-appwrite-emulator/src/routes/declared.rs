//! Parameters several route groups declare alike (a database's and a table's `name` and
//! `enabled`); each group declares its own others beside its handlers.

use crate::http::spec::{Fallback, Param, Rule};
use crate::profile::AppwriteVersion;

/// `name` of a new database, table or team: a `Text` of 1–128 characters, required.
pub const NAME: Param = Param::required("name", Rule::Text { min: 1, max: 128 });
/// `name` of a database or table update: required where
/// [`AppwriteVersion::update_needs_name`] holds, else optional (the current name stays).
pub const UPDATED_NAME: Param = NAME.required_where(AppwriteVersion::update_needs_name);
/// `enabled` of a database or table: a strict boolean, `true` by default (an update that
/// omits it re-enables, a reproduced quirk).
pub const ENABLED: Param = Param::optional("enabled", Rule::StrictBool).or(Fallback::Bool(true));
