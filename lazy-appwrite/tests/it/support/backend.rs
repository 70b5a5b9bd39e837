//! Where the integration tests run: the in-process emulator in every Appwrite version it
//! imitates (1.8.1 and 1.9.6, checked against recordings of real servers), and a real
//! Appwrite too when `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` are set.
//! Assertions that differ by version ask the backend ([`Backend::has`]), as the client does.

use std::sync::Once;
use std::time::Duration;

use lazy_appwrite::{Client, ClientBuilder, Feature, ID, ServerVersion};
use lazy_appwrite_emulator::{AppwriteVersion, Emulator, EmulatorHandle};

pub enum Backend {
    Emulator(EmulatorAt),
    Real {
        endpoint: String,
        project: String,
        key: String,
    },
}

/// An in-process emulator and the Appwrite version it imitates.
pub struct EmulatorAt {
    pub handle: EmulatorHandle,
    pub version: AppwriteVersion,
}

impl std::ops::Deref for EmulatorAt {
    type Target = EmulatorHandle;

    fn deref(&self) -> &EmulatorHandle {
        &self.handle
    }
}

static REAL_SKIP_NOTE: Once = Once::new();
static COUNT_SKIP_NOTE: Once = Once::new();

impl Backend {
    /// The emulator in its default profile (the newest Appwrite it imitates).
    pub async fn emulator() -> Backend {
        Self::emulator_of(AppwriteVersion::default()).await
    }

    /// The emulator imitating this Appwrite version.
    pub async fn emulator_of(version: AppwriteVersion) -> Backend {
        let emulator = Emulator::builder()
            .appwrite_version(version)
            .project("test-project")
            .key("standard_test_key_0123456789")
            .processing_delay(Duration::ZERO)
            .start()
            .await
            .expect("the emulator starts");
        Backend::Emulator(EmulatorAt {
            handle: emulator,
            version,
        })
    }

    /// The real Appwrite from the environment, if all three variables are set.
    pub fn real() -> Option<Backend> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
        match (
            var("APPWRITE_ENDPOINT"),
            var("APPWRITE_PROJECT"),
            var("APPWRITE_API_KEY"),
        ) {
            (Some(endpoint), Some(project), Some(key)) => Some(Backend::Real {
                endpoint,
                project,
                key,
            }),
            _ => {
                REAL_SKIP_NOTE.call_once(|| {
                    eprintln!(
                        "note: skipping the real-Appwrite runs: set APPWRITE_ENDPOINT, APPWRITE_PROJECT \
                         and APPWRITE_API_KEY to run the integration tests against a real server too"
                    )
                });
                None
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Emulator(_) => "emulator",
            Backend::Real { .. } => "real Appwrite",
        }
    }

    /// The Appwrite version the backend runs: the emulator's profile (asking it would be
    /// a request the counts would see), or what a real server says.
    pub async fn server_version(&self) -> ServerVersion {
        match self {
            Backend::Emulator(e) => ServerVersion::parse(e.version.as_str()),
            Backend::Real { .. } => self
                .client()
                .server_version()
                .await
                .expect("the server's version"),
        }
    }

    /// Whether the backend's Appwrite has `feature`.
    pub async fn has(&self, feature: Feature) -> bool {
        self.server_version().await.has(feature)
    }

    /// A builder for a client of this backend with its API key.
    pub fn builder(&self) -> ClientBuilder {
        let (endpoint, project, key) = match self {
            Backend::Emulator(e) => (e.endpoint(), e.project(), e.key()),
            Backend::Real {
                endpoint,
                project,
                key,
            } => (endpoint.as_str(), project.as_str(), key.as_str()),
        };
        Client::builder()
            .endpoint(endpoint)
            .project(project)
            .api_key(key)
    }

    /// A client of this backend with its API key.
    pub fn client(&self) -> Client {
        self.builder()
            .build()
            .expect("a valid client configuration")
    }

    /// A client of this backend with its API key, whose models use database `db`.
    pub fn client_in(&self, db: &str) -> Client {
        self.builder()
            .default_database(db)
            .build()
            .expect("a valid client configuration")
    }

    pub fn is_real(&self) -> bool {
        matches!(self, Backend::Real { .. })
    }

    /// A database ID no other run uses (real servers keep data between runs).
    pub fn fresh_id(&self, prefix: &str) -> String {
        match self {
            Backend::Emulator(_) => prefix.to_owned(),
            Backend::Real { .. } => format!("{}{}", &prefix[..prefix.len().min(8)], ID::unique()),
        }
    }

    /// Forgets the requests counted so far (emulator only).
    pub fn reset(&self) {
        if let Backend::Emulator(e) = self {
            e.reset_requests();
        }
    }

    /// Asserts the exact requests (method, path) since the last reset, then resets. On a real
    /// server the assertion is skipped (it cannot count requests), and says so once.
    #[track_caller]
    pub fn expect(&self, expected: &[(&str, &str)]) {
        match self {
            Backend::Emulator(e) => {
                let got: Vec<(String, String)> = e
                    .requests()
                    .into_iter()
                    .map(|r| (r.method, r.path))
                    .collect();
                let want: Vec<(String, String)> = expected
                    .iter()
                    .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
                    .collect();
                assert_eq!(
                    in_any_order_within_batches(got),
                    in_any_order_within_batches(want),
                    "requests made"
                );
                e.reset_requests();
            }
            Backend::Real { .. } => COUNT_SKIP_NOTE.call_once(|| {
                eprintln!(
                    "note: request counts are not checked against a real Appwrite (emulator only)"
                )
            }),
        }
    }

    pub async fn shutdown(self) {
        if let Backend::Emulator(e) = self {
            e.handle.shutdown().await;
        }
    }
}

/// `requests` with each run of consecutive column creates (`POST …/columns/<kind>`), and
/// each run of index creates, sorted: the sync sends those a few at a time, so their
/// order of arrival is not part of the contract.
fn in_any_order_within_batches(mut requests: Vec<(String, String)>) -> Vec<(String, String)> {
    let batch = |r: &(String, String)| -> Option<String> {
        if r.0 != "POST" {
            return None;
        }
        let (table, last) = r.1.rsplit_once('/')?;
        match last {
            "indexes" => Some(r.1.clone()),
            _ => table.ends_with("/columns").then(|| table.to_owned()),
        }
    };
    let mut start = 0;
    while start < requests.len() {
        let key = batch(&requests[start]);
        let mut end = start + 1;
        while key.is_some() && end < requests.len() && batch(&requests[end]) == key {
            end += 1;
        }
        requests[start..end].sort();
        start = end;
    }
    requests
}

/// The requests a sync makes to create table `table` (path `tables`, e.g.
/// `/v1/tablesdb/db/tables`) with columns of `kinds` and `indexes` indexes, everything
/// taken inline on a server that does that. On Appwrite 1.8.1, which ignores inline
/// columns: the table, its columns (a few at a time), one read that finds them
/// available, the indexes, and one read that finds those available.
pub fn create_table_requests(
    inline: bool,
    tables: &str,
    table: &str,
    kinds: &[&str],
    indexes: usize,
) -> Vec<(&'static str, String)> {
    let mut out = vec![("POST", tables.to_owned())];
    if inline {
        return out;
    }
    let this = format!("{tables}/{table}");
    out.extend(
        kinds
            .iter()
            .map(|k| ("POST", format!("{this}/columns/{k}"))),
    );
    if !kinds.is_empty() {
        out.push(("GET", this.clone()));
    }
    if indexes > 0 {
        out.extend((0..indexes).map(|_| ("POST", format!("{this}/indexes"))));
        out.push(("GET", this));
    }
    out
}

/// Runs `test` against the emulator in each Appwrite version it imitates, then against a
/// real Appwrite if configured.
pub async fn on_each_backend<F>(test: F)
where
    F: AsyncFn(&Backend) -> lazy_appwrite::Result<()>,
{
    for version in AppwriteVersion::ALL {
        let emulator = Backend::emulator_of(*version).await;
        if let Err(e) = test(&emulator).await {
            panic!("against the emulator as Appwrite {version}: {e}\n{e:?}");
        }
        emulator.shutdown().await;
    }
    if let Some(real) = Backend::real()
        && let Err(e) = test(&real).await
    {
        panic!("against {}: {e}\n{e:?}", real.name());
    }
}
