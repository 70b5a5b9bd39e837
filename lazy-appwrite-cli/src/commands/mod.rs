//! One module a command (`plan`, `sync` and `import` share `schema`).

pub(crate) mod backup;
pub(crate) mod export;
pub(crate) mod pull;
pub(crate) mod restore;
pub(crate) mod schema;
pub(crate) mod serve;
