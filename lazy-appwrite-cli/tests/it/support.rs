//! An emulator per test, and the command line run against it.

use std::path::PathBuf;

use lazy_appwrite::Client;
use lazy_appwrite_cli::env::{API_KEY, ENDPOINT, PROJECT};
use lazy_appwrite_cli::{Env, Failure, Ui};
use lazy_appwrite_emulator::{Emulator, EmulatorHandle};

/// The fixture with every column kind, relationships on both sides and indexes.
pub const SHOP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/fixtures/shop.json");

/// An emulator and the variables that reach it.
pub struct Server {
    pub emulator: EmulatorHandle,
    pub env: Env,
}

impl Server {
    pub async fn start() -> Self {
        let emulator = Emulator::for_test().await;
        let env = Env::from_pairs([
            (ENDPOINT, emulator.endpoint()),
            (PROJECT, emulator.project()),
            (API_KEY, emulator.key()),
        ]);
        Self { emulator, env }
    }

    /// `lazy-appwrite ARGS`: its output, or its failure.
    pub async fn run(&self, args: &[&str]) -> Result<String, Failure> {
        let mut out = Vec::new();
        let argv = std::iter::once("lazy-appwrite").chain(args.iter().copied());
        lazy_appwrite_cli::run(argv, &self.env, &mut out, Ui::plain()).await?;
        Ok(String::from_utf8(out).expect("the output is UTF-8"))
    }

    /// Like [`Server::run`], failing the test on a failure.
    pub async fn ok(&self, args: &[&str]) -> String {
        match self.run(args).await {
            Ok(out) => out,
            Err(failure) => panic!("lazy-appwrite {}: {failure}", args.join(" ")),
        }
    }

    pub fn client(&self) -> Client {
        Client::builder()
            .endpoint(self.emulator.endpoint())
            .project(self.emulator.project())
            .api_key(self.emulator.key())
            .build()
            .expect("a client")
    }
}

/// A fresh directory for one test, under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// The JSON of a file.
pub fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("the file")).expect("JSON")
}
