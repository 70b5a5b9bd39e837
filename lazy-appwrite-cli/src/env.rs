//! Where the connection settings come from: `APPWRITE_ENDPOINT`, `APPWRITE_PROJECT` and
//! `APPWRITE_API_KEY`, from the process's environment or a `.env` file in the current
//! directory (the environment wins). The key is only ever read from there, never from a
//! flag (which other users could see in the process list), and never printed.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use lazy_appwrite::Client;

use crate::error::{Failure, Result};

/// The endpoint variable.
pub const ENDPOINT: &str = "APPWRITE_ENDPOINT";
/// The project variable.
pub const PROJECT: &str = "APPWRITE_PROJECT";
/// The API key variable.
pub const API_KEY: &str = "APPWRITE_API_KEY";

/// The variables a command reads. `Debug` never shows the API key.
///
/// ```
/// use lazy_appwrite_cli::Env;
/// let env = Env::from_pairs([("APPWRITE_API_KEY", "s3cret"), ("APPWRITE_PROJECT", "demo")]);
/// assert_eq!(env.get("APPWRITE_PROJECT"), Some("demo"));
/// assert!(!format!("{env:?}").contains("s3cret"));
/// ```
#[derive(Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    /// The `.env` file of the current directory (if any), overlaid with the process's
    /// environment.
    pub fn from_process() -> Result<Self> {
        let mut env = Self::default();
        let path = Path::new(".env");
        if path.is_file() {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::new(format!("cannot read .env: {e}")))?;
            env.vars.extend(parse_dotenv(&text));
        }
        env.vars.extend(std::env::vars());
        Ok(env)
    }

    /// Exactly these variables.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// A variable, if set and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A client for the server the variables name (flags given first), acting with the
    /// API key.
    pub fn client(&self, endpoint: Option<&str>, project: Option<&str>) -> Result<Client> {
        let need = |given: Option<&str>, name: &str, flag: &str| {
            given.or(self.get(name)).map(str::to_owned).ok_or_else(|| {
                Failure::usage(format!(
                    "no Appwrite {flag}: set {name} (in the environment or .env) or pass --{flag}"
                ))
            })
        };
        let endpoint = need(endpoint, ENDPOINT, "endpoint")?;
        let project = need(project, PROJECT, "project")?;
        let key = self.get(API_KEY).ok_or_else(|| {
            Failure::usage(format!(
                "no API key: set {API_KEY} in the environment or in .env"
            ))
        })?;
        Ok(Client::builder()
            .endpoint(endpoint)
            .project(project)
            .api_key(key)
            .build()?)
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.vars.iter().map(|(k, v)| {
                let shown = if k == API_KEY {
                    "<redacted>"
                } else {
                    v.as_str()
                };
                (k, shown)
            }))
            .finish()
    }
}

/// The `NAME=value` lines of a `.env` file: blank lines and `#` comments skipped, an
/// `export ` prefix allowed, values optionally in single or double quotes.
///
/// ```
/// let vars = lazy_appwrite_cli::env::parse_dotenv("# mine\nexport A=1\nB = \"two words\"\nC='x'\nnot a pair\n");
/// assert_eq!(vars, [("A".into(), "1".into()), ("B".into(), "two words".into()), ("C".into(), "x".into())]);
/// ```
pub fn parse_dotenv(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            let (name, value) = line.split_once('=')?;
            let value = value.trim();
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                .unwrap_or(value);
            Some((name.trim().to_owned(), unquoted.to_owned()))
        })
        .collect()
}
