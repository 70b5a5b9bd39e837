//! `#[derive(Table)]` for lazy-appwrite. The derive lands with the typed-model work; this
//! crate currently only reserves its place in the workspace.
