//! Where the integration tests run: the in-process emulator always, and a real Appwrite
//! too when `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and `APPWRITE_API_KEY` are set.

use std::sync::Once;
use std::time::Duration;

use lazy_appwrite::{Client, ClientBuilder, ID};
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

pub enum Backend {
    Emulator(EmulatorHandle),
    Real {
        endpoint: String,
        project: String,
        key: String,
    },
}

static REAL_SKIP_NOTE: Once = Once::new();
static COUNT_SKIP_NOTE: Once = Once::new();

impl Backend {
    pub async fn emulator() -> Backend {
        let emulator = Emulator::builder()
            .project("test-project")
            .key("standard_test_key_0123456789")
            .processing_delay(Duration::ZERO)
            .start()
            .await
            .expect("the emulator starts");
        Backend::Emulator(emulator)
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
                assert_eq!(got, want, "requests made");
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
            e.shutdown().await;
        }
    }
}

/// Runs `test` against the emulator, then against a real Appwrite if configured.
pub async fn on_each_backend<F>(test: F)
where
    F: AsyncFn(&Backend) -> lazy_appwrite::Result<()>,
{
    let emulator = Backend::emulator().await;
    if let Err(e) = test(&emulator).await {
        panic!("against the emulator: {e}\n{e:?}");
    }
    emulator.shutdown().await;
    if let Some(real) = Backend::real()
        && let Err(e) = test(&real).await
    {
        panic!("against {}: {e}\n{e:?}", real.name());
    }
}
