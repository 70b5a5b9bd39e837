//! What a client remembers of the tables it verified: the verified-table cache and its
//! single flight, each table with the [`Plan`] its sync made (published as
//! `lazy_appwrite::sync::Plan`).
//!
//! Each target (endpoint, project, database, table) is verified once per [`Client`]
//! (and its clones). Concurrent first calls share one sync: the first caller runs it,
//! the others wait for its answer, success or failure alike. A failure leaves the target
//! unverified, so a later call tries again. A caller that saw the table vanish
//! ([`SchemaCache::forget`]) drops the entry only if it is still the one it used, so a
//! burst of such callers re-syncs once.
//!
//! [`Client`]: crate::Client

mod key_hash;
pub(crate) mod plan;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::OnceCell;

use crate::declared::TableSchema;
use crate::error::Result;

use key_hash::BuildKeyHasher;
use plan::Plan;

/// A table on a server, as the cache stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableKey {
    endpoint: String,
    project: String,
    database: String,
    table: String,
}

/// A table on a server, borrowed: what a lookup needs. A hit builds no string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableRef<'a> {
    pub(crate) endpoint: &'a str,
    pub(crate) project: &'a str,
    pub(crate) database: &'a str,
    pub(crate) table: &'a str,
}

impl TableRef<'_> {
    fn to_key(self) -> TableKey {
        TableKey {
            endpoint: self.endpoint.to_owned(),
            project: self.project.to_owned(),
            database: self.database.to_owned(),
            table: self.table.to_owned(),
        }
    }
}

/// The four parts of a key, owned or borrowed: the map is keyed by [`TableKey`] and
/// looked up by [`TableRef`] through `dyn KeyParts`, which both hash and compare as.
trait KeyParts {
    fn parts(&self) -> [&str; 4];
}

impl KeyParts for TableKey {
    fn parts(&self) -> [&str; 4] {
        [&self.endpoint, &self.project, &self.database, &self.table]
    }
}

impl KeyParts for TableRef<'_> {
    fn parts(&self) -> [&str; 4] {
        [self.endpoint, self.project, self.database, self.table]
    }
}

impl Hash for dyn KeyParts + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The database and the table only: a cache serves one client's endpoint and
        // project (its clones share both), so hashing those would change nothing.
        // Equality still compares all four parts.
        let [_, _, database, table] = self.parts();
        (database, table).hash(state);
    }
}

impl PartialEq for dyn KeyParts + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn KeyParts + '_ {}

// Hashes as `dyn KeyParts` does, as `Borrow` requires.
impl Hash for TableKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self as &dyn KeyParts).hash(state);
    }
}

impl<'a> Borrow<dyn KeyParts + 'a> for TableKey {
    fn borrow(&self) -> &(dyn KeyParts + 'a) {
        self
    }
}

/// Proof that a table was verified: the entry that said so.
#[derive(Debug, Clone)]
pub(crate) struct Ticket {
    key: Arc<TableKey>,
    generation: u64,
}

/// A verified table, or a sync under way.
enum Slot {
    Verified(Verified),
    Syncing(Arc<Flight>),
}

#[derive(Clone)]
struct Verified {
    /// Its key again, shared with every [`Ticket`] it hands out.
    key: Arc<TableKey>,
    generation: u64,
    /// The model it was verified against (two models may share a table).
    schema: &'static TableSchema,
    plan: Arc<Plan>,
}

/// How a sync ended, for every caller waiting on it (each gets a clone).
type Outcome = Result<Verified>;

/// One sync that any number of callers wait for.
struct Flight {
    schema: &'static TableSchema,
    outcome: OnceCell<Outcome>,
}

fn same(a: &'static TableSchema, b: &'static TableSchema) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Shared by a client and its clones.
#[derive(Default)]
pub(crate) struct SchemaCache {
    slots: Mutex<HashMap<TableKey, Slot, BuildKeyHasher>>,
    generations: AtomicU64,
    /// Held by the syncs that span related tables, one at a time, so two of them never
    /// create the same table or relationship concurrently.
    related: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SchemaCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaCache")
            .field("tables", &self.lock().len())
            .finish()
    }
}

impl SchemaCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<TableKey, Slot, BuildKeyHasher>> {
        // A panic while holding the lock cannot leave the map half-changed: every
        // change is one insert or remove.
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The table's plan if it is verified against `schema` already; otherwise runs `sync`
    /// once for all concurrent callers and shares its answer. A caller with another model
    /// of the same table waits for the sync under way, then runs its own.
    pub(crate) async fn ensure<F, Fut>(
        &self,
        key: TableRef<'_>,
        schema: &'static TableSchema,
        sync: F,
    ) -> Result<(Ticket, Arc<Plan>)>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Plan>>,
    {
        loop {
            let flight = {
                let mut slots = self.lock();
                match slots.get(&key as &dyn KeyParts) {
                    Some(Slot::Verified(v)) if same(v.schema, schema) => {
                        return Ok(v.answer());
                    }
                    Some(Slot::Syncing(flight)) => Arc::clone(flight),
                    _ => {
                        let flight = Arc::new(Flight {
                            schema,
                            outcome: OnceCell::new(),
                        });
                        slots.insert(key.to_key(), Slot::Syncing(Arc::clone(&flight)));
                        flight
                    }
                }
            };
            if !same(flight.schema, schema) {
                // Another model's sync of this table: wait for it without running it,
                // then run ours. If its caller is gone, the flight is dropped.
                let waited = flight
                    .outcome
                    .get_or_try_init(|| async { Err::<Outcome, ()>(()) })
                    .await;
                match waited {
                    Ok(outcome) => self.settle(key, &flight, Some(outcome)),
                    Err(()) => self.settle(key, &flight, None),
                }
                continue;
            }
            // If the caller running the sync is dropped midway, the next waiter runs it.
            let outcome = flight
                .outcome
                .get_or_init(|| async { sync().await.map(|plan| self.entry(key, schema, plan)) })
                .await
                .clone();
            self.settle(key, &flight, Some(&outcome));
            return outcome.map(|v| v.answer());
        }
    }

    /// A new verified entry for `key`.
    fn entry(&self, key: TableRef<'_>, schema: &'static TableSchema, plan: Plan) -> Verified {
        Verified {
            key: Arc::new(key.to_key()),
            generation: self.generations.fetch_add(1, Ordering::Relaxed) + 1,
            schema,
            plan: Arc::new(plan),
        }
    }

    /// Replaces the flight, if it is still the table's, by its outcome: verified, or
    /// nothing after a failure (or when it has no outcome: its caller is gone).
    fn settle(&self, key: TableRef<'_>, flight: &Arc<Flight>, outcome: Option<&Outcome>) {
        let mut slots = self.lock();
        if let Some(Slot::Syncing(current)) = slots.get(&key as &dyn KeyParts)
            && Arc::ptr_eq(current, flight)
        {
            match outcome {
                Some(Ok(v)) => slots.insert(TableKey::clone(&v.key), Slot::Verified(v.clone())),
                _ => slots.remove(&key as &dyn KeyParts),
            };
        }
    }

    /// Whether the table is verified against `schema`.
    pub(crate) fn is_verified(&self, key: TableRef<'_>, schema: &'static TableSchema) -> bool {
        self.ticket(key, schema).is_some()
    }

    /// The ticket of a table verified against `schema` already, if it is: the warm path
    /// of [`SchemaCache::ensure`], with nothing to wait for.
    pub(crate) fn ticket(&self, key: TableRef<'_>, schema: &'static TableSchema) -> Option<Ticket> {
        match self.lock().get(&key as &dyn KeyParts) {
            Some(Slot::Verified(v)) if same(v.schema, schema) => Some(v.ticket()),
            _ => None,
        }
    }

    /// Waits for the right to sync tables together with their related tables.
    pub(crate) async fn related_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.related.lock().await
    }

    /// Marks a table verified against `schema` with this plan (after an explicit sync).
    pub(crate) fn verified(&self, key: TableRef<'_>, schema: &'static TableSchema, plan: Plan) {
        let entry = self.entry(key, schema, plan);
        self.lock()
            .insert(TableKey::clone(&entry.key), Slot::Verified(entry));
    }

    /// Forgets the verification `ticket` came from, if it is still the current one.
    pub(crate) fn forget(&self, ticket: &Ticket) {
        let mut slots = self.lock();
        let key: &TableKey = &ticket.key;
        if let Some(Slot::Verified(v)) = slots.get(key as &dyn KeyParts)
            && v.generation == ticket.generation
        {
            slots.remove(key as &dyn KeyParts);
        }
    }
}

impl Verified {
    /// The ticket that names this verification.
    fn ticket(&self) -> Ticket {
        Ticket {
            key: Arc::clone(&self.key),
            generation: self.generation,
        }
    }

    /// Its ticket and the plan the sync carried out.
    fn answer(&self) -> (Ticket, Arc<Plan>) {
        (self.ticket(), Arc::clone(&self.plan))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use std::sync::atomic::AtomicUsize;

    static SCHEMA: TableSchema = TableSchema::new("t", "t");
    static OTHER: TableSchema = TableSchema::new("t", "other name");

    fn key() -> TableRef<'static> {
        TableRef {
            endpoint: "http://x/v1",
            project: "p",
            database: "db",
            table: "t",
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_flight_answers_every_waiter_then_a_failure_is_retried() {
        let cache = Arc::new(SchemaCache::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..200 {
            let (cache, runs) = (Arc::clone(&cache), Arc::clone(&runs));
            tasks.push(tokio::spawn(async move {
                cache
                    .ensure(key(), &SCHEMA, || async {
                        runs.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        Err::<Plan, _>(Error::config("boom"))
                    })
                    .await
                    .map(|_| ())
            }));
        }
        for task in tasks {
            assert!(task.await.unwrap().is_err());
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        let (ticket, _) = cache
            .ensure(key(), &SCHEMA, || async { Ok(Plan::new("db", "t")) })
            .await
            .unwrap();
        cache
            .ensure(key(), &SCHEMA, || async { panic!("verified already") })
            .await
            .unwrap();
        let warm = cache.ticket(key(), &SCHEMA).expect("verified");
        assert_eq!(warm.generation, ticket.generation);
        assert!(cache.ticket(key(), &OTHER).is_none());
        cache.forget(&ticket);
        let (second, _) = cache
            .ensure(key(), &SCHEMA, || async { Ok(Plan::new("db", "t")) })
            .await
            .unwrap();
        // A stale ticket does not drop the newer verification.
        cache.forget(&ticket);
        cache
            .ensure(key(), &SCHEMA, || async { panic!("still verified") })
            .await
            .unwrap();
        assert_ne!(ticket.generation, second.generation);

        // Another model of the same table is verified on its own.
        let (third, _) = cache
            .ensure(key(), &OTHER, || async { Ok(Plan::new("db", "t")) })
            .await
            .unwrap();
        assert_ne!(third.generation, second.generation);
    }
}
