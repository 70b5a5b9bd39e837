//! SQLite storage: the catalogue of databases, tables, columns and indexes, and the rows.
//!
//! Every request runs as one SQLite transaction through [`Store::run`], so a request that
//! fails leaves nothing half-written.

pub mod accounts;
pub mod catalog;
pub mod codec;
pub mod ddl;
pub mod entries;
pub mod layout;
pub mod lifecycle;
pub mod list_cache;
pub mod relations;
pub mod row_json;
pub mod rows;
pub mod transactions;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::profile::AppwriteVersion;
use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{ApiError, ApiResult};
use crate::schema::TableMeta;

/// The metadata tables, created on first open.
const BOOTSTRAP: &str = "
CREATE TABLE IF NOT EXISTS _databases (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _tables (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    db_seq INTEGER NOT NULL,
    id TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    permissions TEXT NOT NULL,
    row_security INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (db_seq, id)
);
CREATE TABLE IF NOT EXISTS _columns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_seq INTEGER NOT NULL,
    key TEXT NOT NULL COLLATE NOCASE,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    ready_at INTEGER,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (table_seq, key)
);
CREATE TABLE IF NOT EXISTS _indexes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_seq INTEGER NOT NULL,
    key TEXT NOT NULL COLLATE NOCASE,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    ready_at INTEGER,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (table_seq, key)
);
CREATE TABLE IF NOT EXISTS _users (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    phone TEXT UNIQUE,
    password_update TEXT,
    email_verification INTEGER NOT NULL,
    phone_verification INTEGER NOT NULL,
    status INTEGER NOT NULL,
    labels TEXT NOT NULL,
    prefs TEXT NOT NULL,
    registration TEXT NOT NULL,
    targets TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _user_access (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    accessed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _teams (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    total INTEGER NOT NULL,
    prefs TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _memberships (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE COLLATE NOCASE,
    team_id TEXT NOT NULL COLLATE NOCASE,
    user_id TEXT NOT NULL COLLATE NOCASE,
    roles TEXT NOT NULL,
    invited TEXT NOT NULL,
    joined TEXT,
    confirm INTEGER NOT NULL,
    permissions TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (team_id, user_id)
);
CREATE INDEX IF NOT EXISTS _memberships_user ON _memberships (user_id);
";

/// A process-wide counter naming in-memory databases apart.
fn next_memdb_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Tables whose catalogue entry was read this request, by lower-cased (database, table) ID.
type TableCache = HashMap<(String, String), Arc<TableMeta>>;

/// The emulator's storage: one SQLite connection and a cache of table definitions.
pub struct Store {
    conn: Connection,
    cache: TableCache,
    lists: list_cache::ListCache,
    delay_ms: i64,
    profile: AppwriteVersion,
}

impl Store {
    /// Makes the emulated worker imitate release `profile`.
    pub fn set_profile(&mut self, profile: AppwriteVersion) {
        self.profile = profile;
    }

    /// Opens the store in memory, or in `path` when given (creating the file if needed).
    pub fn open(path: Option<&Path>, processing_delay: Duration) -> rusqlite::Result<Self> {
        let conn = match path {
            Some(p) => Connection::open(p)?,
            // SQLite's `memdb` VFS: unlike `:memory:`, its commits do not slow down as the
            // database grows (measured by the throughput bench: ~40 µs vs ~3 µs a commit at
            // 1M rows). The name only has to be unique within this process.
            None => Connection::open_with_flags(
                format!("file:/lazy-appwrite-emulator-{}?vfs=memdb", next_memdb_id()),
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
        };
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.execute_batch(BOOTSTRAP)?;
        conn.execute_batch(transactions::SCHEMA)?;
        crate::query::spatial::register(&conn)?;
        crate::query::fulltext::register(&conn)?;
        crate::query::collation::register(&conn)?;
        let delay_ms = i64::try_from(processing_delay.as_millis()).unwrap_or(i64::MAX);
        Ok(Self {
            conn,
            cache: HashMap::new(),
            lists: list_cache::ListCache::default(),
            delay_ms,
            profile: AppwriteVersion::default(),
        })
    }

    /// Runs `op` in one SQLite transaction: committed if it succeeds, rolled back if not.
    pub fn run<T>(&mut self, op: impl FnOnce(&mut Tx<'_>) -> ApiResult<T>) -> ApiResult<T> {
        let (outcome, schema_changed) = {
            let sql = self.conn.transaction()?;
            let mut tx = Tx {
                sql,
                cache: &mut self.cache,
                lists: &mut self.lists,
                delay_ms: self.delay_ms,
                profile: self.profile,
                schema_changed: false,
                keep_on_error: false,
            };
            let result = op(&mut tx);
            let schema_changed = tx.schema_changed;
            let outcome = match result {
                Ok(value) => tx.sql.commit().map(|()| value).map_err(Into::into),
                // A failed commit of a staged transaction keeps its `failed` status.
                Err(e) if tx.keep_on_error => tx.sql.commit().map_err(Into::into).and(Err(e)),
                Err(e) => {
                    let _ = tx.sql.rollback();
                    Err(e)
                }
            };
            (outcome, schema_changed)
        };
        if schema_changed || outcome.is_err() {
            // Cached definitions may describe changes that were just rolled back.
            self.cache.clear();
        }
        outcome
    }
}

/// One request's transaction: the SQL transaction and the catalogue cache.
pub struct Tx<'a> {
    /// The open SQLite transaction.
    pub sql: Transaction<'a>,
    cache: &'a mut TableCache,
    /// The rows-list cache of `ttl` (kept across requests, never rolled back).
    pub lists: &'a mut list_cache::ListCache,
    /// How long new columns and indexes stay `processing`, in milliseconds.
    pub delay_ms: i64,
    /// The Appwrite release the emulated worker imitates.
    pub profile: AppwriteVersion,
    schema_changed: bool,
    keep_on_error: bool,
}

impl Tx<'_> {
    /// Marks the catalogue as changed, so cached table definitions are dropped afterwards.
    pub fn schema_changed(&mut self) {
        self.schema_changed = true;
        self.cache.clear();
    }

    /// Commits what the request wrote even if it answers with an error (the endpoint has
    /// already undone the writes it does not want kept).
    pub fn keep_writes_on_error(&mut self) {
        self.keep_on_error = true;
    }

    fn cached(&self, db: &str, table: &str) -> Option<Arc<TableMeta>> {
        self.cache
            .get(&(db.to_ascii_lowercase(), table.to_ascii_lowercase()))
            .cloned()
    }

    fn cache_put(&mut self, meta: Arc<TableMeta>) {
        let key = (
            meta.database.id.to_ascii_lowercase(),
            meta.id.to_ascii_lowercase(),
        );
        self.cache.insert(key, meta);
    }
}

/// `409 row_already_exists` for a constraint violation, `500` for anything else.
pub(crate) fn conflict_or_internal(e: rusqlite::Error, id: &str) -> ApiError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            ApiError::row_exists(id)
        }
        _ => ApiError::internal(e),
    }
}
