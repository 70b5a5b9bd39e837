//! The rows-list cache of `ttl` (1.9, see
//! [`AppwriteVersion::has_list_ttl`](crate::profile::AppwriteVersion::has_list_ttl)).
//!
//! As Appwrite 1.9.6 keeps it (in Redis):
//! * one bucket per table ID; inside it, one entry per variation: the table's schema (its
//!   columns and indexes as they are now), the caller's roles and the parsed queries, for
//!   the rows and, separately, for the total;
//! * an entry stores its value and the second it was saved; a read with `ttl` seconds uses it
//!   while `saved + ttl > now`, whatever `ttl` the saving read had;
//! * an empty page of rows and a total of 0 are never saved;
//! * row writes do not touch it; a schema change makes new variations (old ones are never
//!   read again); a table update with `purge` empties the table ID's bucket.
//!
//! The emulator keeps it in memory, bounded: past [`MAX_ROWS`] cached rows or
//! [`MAX_ENTRIES`] entries, everything cached is dropped (a cache may always miss).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::rows::StoredRow;
use crate::schema::TableMeta;

/// Most rows held across all entries.
pub const MAX_ROWS: usize = 20_000;
/// Most entries held.
pub const MAX_ENTRIES: usize = 2_048;

/// What an entry holds.
#[derive(Debug, Clone)]
enum Cached {
    Rows(Vec<StoredRow>),
    Total(i64),
}

#[derive(Debug, Clone)]
struct Entry {
    saved_s: i64,
    value: Cached,
}

/// The cache: buckets by table ID, entries by variation.
#[derive(Debug, Default)]
pub struct ListCache {
    buckets: HashMap<String, HashMap<String, Entry>>,
    rows: usize,
    entries: usize,
}

impl ListCache {
    fn load(&self, table_id: &str, field: &str, ttl_s: i64, now_s: i64) -> Option<&Cached> {
        let entry = self.buckets.get(&bucket(table_id))?.get(field)?;
        (entry.saved_s.saturating_add(ttl_s) > now_s).then_some(&entry.value)
    }

    fn save(&mut self, table_id: &str, field: String, value: Cached, now_s: i64) {
        let size = match &value {
            Cached::Rows(rows) => rows.len(),
            Cached::Total(_) => 0,
        };
        if self.rows + size > MAX_ROWS || self.entries >= MAX_ENTRIES {
            self.buckets.clear();
            self.rows = 0;
            self.entries = 0;
        }
        let old = self.buckets.entry(bucket(table_id)).or_default().insert(
            field,
            Entry {
                saved_s: now_s,
                value,
            },
        );
        self.entries += 1;
        self.rows += size;
        if let Some(old) = old {
            self.forget(&old);
        }
    }

    fn forget(&mut self, entry: &Entry) {
        self.entries = self.entries.saturating_sub(1);
        if let Cached::Rows(rows) = &entry.value {
            self.rows = self.rows.saturating_sub(rows.len());
        }
    }

    /// The rows saved under `field` for table `table_id`, if still fresh for `ttl_s`.
    pub fn load_rows(
        &self,
        table_id: &str,
        field: &str,
        ttl_s: i64,
        now_s: i64,
    ) -> Option<Vec<StoredRow>> {
        match self.load(table_id, field, ttl_s, now_s)? {
            Cached::Rows(rows) => Some(rows.clone()),
            Cached::Total(_) => None,
        }
    }

    /// Saves a page of rows (an empty page is not saved).
    pub fn save_rows(&mut self, table_id: &str, field: String, rows: &[StoredRow], now_s: i64) {
        if !rows.is_empty() {
            self.save(table_id, field, Cached::Rows(rows.to_vec()), now_s);
        }
    }

    /// The total saved under `field` for table `table_id`, if still fresh for `ttl_s`.
    pub fn load_total(&self, table_id: &str, field: &str, ttl_s: i64, now_s: i64) -> Option<i64> {
        match self.load(table_id, field, ttl_s, now_s)? {
            Cached::Total(total) => Some(*total),
            Cached::Rows(_) => None,
        }
    }

    /// Saves a total (0 is not saved).
    pub fn save_total(&mut self, table_id: &str, field: String, total: i64, now_s: i64) {
        if total != 0 {
            self.save(table_id, field, Cached::Total(total), now_s);
        }
    }

    /// Empties the bucket of table ID `table_id` (in every database).
    pub fn purge(&mut self, table_id: &str) {
        if let Some(entries) = self.buckets.remove(&bucket(table_id)) {
            for entry in entries.values() {
                self.forget(entry);
            }
        }
    }
}

/// The entry name of one variation of a list of `table`: its schema now (columns and
/// indexes, with their statuses and times), the caller's `roles`, the parsed `queries`, and
/// `kind` (`rows` or `total`).
pub fn variation(
    table: &TableMeta,
    roles: &[String],
    queries: &impl std::fmt::Debug,
    kind: &str,
) -> String {
    let mut schema = DefaultHasher::new();
    (table.database.seq, table.seq).hash(&mut schema);
    for column in &table.columns {
        column.to_json().to_string().hash(&mut schema);
    }
    for index in &table.indexes {
        index
            .to_json(table.database.seq, table.seq)
            .to_string()
            .hash(&mut schema);
    }
    let mut caller = DefaultHasher::new();
    roles.hash(&mut caller);
    let mut asked = DefaultHasher::new();
    format!("{queries:?}").hash(&mut asked);
    format!(
        "{:016x}:{:016x}:{:016x}:{kind}",
        schema.finish(),
        caller.finish(),
        asked.finish()
    )
}

/// Table IDs compare case-insensitively, as the catalogue's do.
fn bucket(table_id: &str) -> String {
    table_id.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_expire_by_the_reading_ttl_and_purge_clears_a_table() {
        let mut cache = ListCache::default();
        cache.save_total("t", "f".into(), 5, 100);
        assert_eq!(cache.load_total("T", "f", 60, 159), Some(5));
        assert_eq!(cache.load_total("t", "f", 60, 160), None);
        assert_eq!(cache.load_total("t", "f", 1, 100), Some(5));
        assert_eq!(cache.load_total("t", "other", 60, 100), None);
        cache.save_total("t", "zero".into(), 0, 100);
        assert_eq!(cache.load_total("t", "zero", 60, 100), None);
        cache.purge("t");
        assert_eq!(cache.load_total("t", "f", 60, 100), None);
        assert_eq!((cache.entries, cache.rows), (0, 0));
    }

    #[test]
    fn it_stays_bounded() {
        let mut cache = ListCache::default();
        for i in 0..(MAX_ENTRIES + 10) {
            cache.save_total("t", format!("f{i}"), 1, 0);
        }
        assert!(cache.entries <= MAX_ENTRIES);
    }
}
