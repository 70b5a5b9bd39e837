//! The floor: raw reqwest sending the requests lazy-appwrite sends (same method, path,
//! query string, JSON body and headers), each built the plain way (`format!` for URLs,
//! serde for bodies), and each answer decoded with `serde_json::from_slice` into a plain
//! struct: no retries, no validation, no error paths.

use std::sync::Arc;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use serde::Serialize;

use crate::common::{
    FRESH_CATEGORY, Item, LIST_CATEGORY, LIST_LIMIT, RawList, RawRow, SEED_ROWS, TABLE, item,
    score_of, seed_id, target_of,
};
use crate::workload::{Driver, Result, WorkerArgs, check};

#[derive(Serialize)]
struct CreateBody<'a> {
    #[serde(rename = "rowId")]
    row_id: &'a str,
    data: &'a Item,
}

#[derive(Serialize)]
struct Visits {
    visits: i64,
    score: f64,
}

#[derive(Serialize)]
struct UpdateBody {
    data: Visits,
}

#[derive(Serialize)]
struct BulkRow<'a> {
    #[serde(rename = "$id")]
    id: &'a str,
    #[serde(flatten)]
    data: &'a Item,
}

#[derive(Serialize)]
struct BulkBody<'a> {
    rows: &'a [BulkRow<'a>],
}

/// One query as Appwrite's SDKs write it.
#[derive(Serialize)]
struct RawQuery<'a, V: Serialize> {
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribute: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<[V; 1]>,
}

#[derive(Clone)]
pub struct Raw {
    http: reqwest::Client,
    rows_url: Arc<str>,
    fresh: Arc<Vec<Item>>,
    seed_ids: Arc<Vec<String>>,
    tag: Arc<str>,
}

impl Raw {
    pub fn connect(args: &WorkerArgs, fresh: Arc<Vec<Item>>) -> Result<Self> {
        // The headers lazy-appwrite's client sends (see lazy-appwrite/src/builder.rs).
        let mut headers = HeaderMap::new();
        headers.insert("x-appwrite-project", HeaderValue::from_str(&args.project)?);
        headers.insert(
            "x-appwrite-response-format",
            HeaderValue::from_static(lazy_appwrite::RESPONSE_FORMAT),
        );
        headers.insert("x-sdk-name", HeaderValue::from_static("lazy-appwrite"));
        headers.insert("x-sdk-platform", HeaderValue::from_static("server"));
        headers.insert("x-sdk-language", HeaderValue::from_static("rust"));
        headers.insert(
            "x-sdk-version",
            HeaderValue::from_static(env!("CARGO_PKG_VERSION")),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let agent = format!(
            "LazyAppwriteRust/{} ({}; {})",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        headers.insert(USER_AGENT, HeaderValue::from_str(&agent)?);
        headers.insert("x-appwrite-key", HeaderValue::from_str(&args.key)?);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()?;
        Ok(Self {
            http,
            rows_url: format!(
                "{}/tablesdb/{}/tables/{TABLE}/rows",
                args.endpoint, args.database
            )
            .into(),
            fresh,
            seed_ids: Arc::new((0..SEED_ROWS).map(seed_id).collect()),
            tag: args.tag.as_str().into(),
        })
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<bytes::Bytes> {
        let response = request.send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        check(status.is_success(), || {
            format!("HTTP {status}: {}", String::from_utf8_lossy(&body))
        })?;
        Ok(body)
    }

    fn json(&self, method: reqwest::Method, url: &str, body: Vec<u8>) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body)
    }
}

/// Appends `queries[]=<json>`, form-encoded as the SDKs do.
fn push_query(out: &mut String, json: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str("queries%5B%5D=");
    for &b in json {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

fn query_json<V: Serialize>(
    method: &str,
    attribute: Option<&str>,
    value: Option<V>,
) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(&RawQuery {
        method,
        attribute,
        values: value.map(|v| [v]),
    })?)
}

impl Driver for Raw {
    async fn create(&self, k: usize) -> Result<()> {
        let id = lazy_appwrite::ID::unique();
        let body = serde_json::to_vec(&CreateBody {
            row_id: &id,
            data: &self.fresh[k],
        })?;
        let answer = self
            .send(self.json(reqwest::Method::POST, &self.rows_url, body))
            .await?;
        let row: RawRow = serde_json::from_slice(&answer)?;
        check(row.category == FRESH_CATEGORY, || {
            format!("created {:?}", row.category)
        })
    }

    async fn get(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let url = format!("{}/{}", self.rows_url, self.seed_ids[target]);
        let answer = self.send(self.http.get(url)).await?;
        let row: RawRow = serde_json::from_slice(&answer)?;
        check(row.rank == target as i64, || {
            format!("got rank {}", row.rank)
        })
    }

    async fn list(&self) -> Result<()> {
        let mut query = String::new();
        push_query(
            &mut query,
            &query_json("equal", Some("category"), Some(LIST_CATEGORY))?,
        );
        push_query(
            &mut query,
            &query_json("equal", Some("active"), Some(true))?,
        );
        push_query(
            &mut query,
            &query_json::<()>("orderDesc", Some("rank"), None)?,
        );
        push_query(&mut query, &query_json("limit", None, Some(LIST_LIMIT))?);
        let url = format!("{}?{query}", self.rows_url);
        let answer = self.send(self.http.get(url)).await?;
        let page: RawList = serde_json::from_slice(&answer)?;
        check(page.rows.len() == LIST_LIMIT as usize, || {
            format!("listed {} rows", page.rows.len())
        })
    }

    async fn update(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let url = format!("{}/{}", self.rows_url, self.seed_ids[target]);
        let body = serde_json::to_vec(&UpdateBody {
            data: Visits {
                visits: k as i64,
                score: score_of(k),
            },
        })?;
        let answer = self
            .send(self.json(reqwest::Method::PATCH, &url, body))
            .await?;
        let row: RawRow = serde_json::from_slice(&answer)?;
        check(row.visits == k as i64, || format!("visits {}", row.visits))
    }

    async fn bulk(&self, first: usize, count: usize) -> Result<()> {
        let items: Vec<(String, Item)> = (first..first + count)
            .map(|i| (format!("{}{i}", self.tag), item(i, Some("bulk"))))
            .collect();
        let rows: Vec<BulkRow<'_>> = items
            .iter()
            .map(|(id, data)| BulkRow { id, data })
            .collect();
        let body = serde_json::to_vec(&BulkBody { rows: &rows })?;
        let answer = self
            .send(self.json(reqwest::Method::POST, &self.rows_url, body))
            .await?;
        let created: RawList = serde_json::from_slice(&answer)?;
        check(created.rows.len() == count, || {
            format!("bulk created {} rows", created.rows.len())
        })
    }
}
