//! Reading a recorded corpus: `index.json` (file order) and the JSONL exchanges.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

/// One recorded request/response exchange (see the corpus README, *Record format*).
#[derive(Debug, Deserialize)]
pub struct Exchange {
    pub seq: u64,
    pub case: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub request: RecordedRequest,
    pub response: RecordedResponse,
    #[serde(default)]
    pub server_ids: Vec<(String, String)>,
}

/// The request half of an exchange.
#[derive(Debug, Deserialize)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    pub target: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body_kind: String,
    /// The JSON body as written in the file, so that big integers stay exact.
    #[serde(default)]
    pub body: Option<Box<RawValue>>,
    #[serde(default)]
    pub body_raw: Option<String>,
    #[serde(default)]
    pub body_text: Option<String>,
    #[serde(default)]
    pub body_base64: Option<String>,
}

/// The response half of an exchange.
#[derive(Debug, Deserialize)]
pub struct RecordedResponse {
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body_kind: String,
    #[serde(default)]
    pub body: Value,
    #[serde(default)]
    pub body_text: Option<String>,
}

impl Exchange {
    /// Whether the exchange carries `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Whether the answer's row order is random: the `random-order` tag, or any read that
    /// asks for `orderRandom` (README: only the status and the number of rows are
    /// meaningful then; the tag marks one such read, the others carry it in the query).
    pub fn random_order(&self) -> bool {
        self.has_tag("random-order") || self.request.target.contains("orderRandom")
    }

    /// Whether the server refused the request's JWT signature. The recorder writes any
    /// token that carries an issued JWT's payload as that JWT's placeholder, so a token
    /// whose signature was altered on purpose (the node suite's bad-JWT test) reads as the
    /// issued one; the refusal in the answer is what tells them apart.
    pub fn signature_refused(&self) -> bool {
        self.response.status == 401
            && self.response.body.get("type").and_then(Value::as_str) == Some("user_jwt_invalid")
            && self
                .response
                .body
                .get("message")
                .and_then(Value::as_str)
                .is_some_and(|m| m.contains("Signature failed"))
    }

    /// The request body to send, before placeholder substitution, as bytes.
    pub fn body_bytes(&self) -> Vec<u8> {
        let r = &self.request;
        if let Some(raw) = &r.body_raw {
            return raw.clone().into_bytes();
        }
        match r.body_kind.as_str() {
            "json" => r
                .body
                .as_ref()
                .map_or_else(|| b"null".to_vec(), |b| b.get().as_bytes().to_vec()),
            "text" => r.body_text.clone().unwrap_or_default().into_bytes(),
            "base64" => decode_base64(r.body_base64.as_deref().unwrap_or("")),
            _ => Vec::new(),
        }
    }
}

/// One file of a corpus, in `index.json` order.
pub struct CorpusFile {
    pub exchanges: Vec<Exchange>,
}

/// The recorded versions: every directory under `tests/recordings/` with an `index.json`.
pub fn versions(root: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(root)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().join("index.json").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// The directory that holds the recordings.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recordings")
}

/// Loads one version's files in `index.json` order, each sorted by `seq`.
pub fn load(dir: &Path) -> Result<Vec<CorpusFile>, String> {
    let index_text = std::fs::read_to_string(dir.join("index.json"))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let index: Value = serde_json::from_str(&index_text).map_err(|e| e.to_string())?;
    let files = index["files"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for file in files {
        let name = file["file"].as_str().unwrap_or_default().to_string();
        let text = std::fs::read_to_string(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let mut exchanges = Vec::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let exchange: Exchange =
                serde_json::from_str(line).map_err(|e| format!("{name}:{}: {e}", n + 1))?;
            exchanges.push(exchange);
        }
        exchanges.sort_by_key(|e| e.seq);
        out.push(CorpusFile { exchanges });
    }
    Ok(out)
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = text.bytes().filter_map(value).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= d << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
