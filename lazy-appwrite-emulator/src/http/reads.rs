//! The parameters lists and reads share (`queries`, `search`, `total`, `ttl`; a bulk
//! delete selects its rows with `queries` too): each route's spec of them, in Appwrite's
//! declared order, and the parsed values a handler receives in [`CheckedRequest::reads`](crate::http::request::CheckedRequest::reads).

use serde_json::Value;

use crate::error::{ApiError, ApiResult, catalogue};
use crate::http::params::Params;
use crate::profile::AppwriteVersion;

/// Longest `search` text.
const SEARCH_MAX: usize = 256;
/// Longest `ttl` of a rows list, in seconds (a day).
const LIST_TTL_MAX: i64 = 86_400;

/// One shared read parameter of a route's spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadParam {
    /// `queries`: utopia's `ArrayList(Text(4096), 100)`, optional, none by default. Only
    /// the list's shape is checked here; the handler parses each query.
    Queries,
    /// `search`: a `Text(256)`, optional; empty (the default) searches nothing.
    /// `shown_min` is the minimum its message shows: 1 on the TablesDB lists (whose
    /// description says "at least 1 chars" although an empty value passes), 0 on the
    /// users and teams lists.
    Search {
        /// The minimum length the message shows and a non-empty value must have.
        shown_min: usize,
    },
    /// `total`: utopia's loose `Boolean`, optional, `true` by default (every release
    /// here; the text `false` counts as true where
    /// [`AppwriteVersion::total_false_is_ignored`] holds).
    Total,
    /// `ttl` of a rows list: a `Range(0, 86400)` in seconds, optional, 0 by default.
    /// Releases without list caching (before 1.9) have no such parameter and ignore it.
    ListTtl,
}

/// `search` as the TablesDB lists declare it.
pub const SEARCH: ReadParam = ReadParam::Search { shown_min: 1 };
/// `search` as the users and teams lists declare it.
pub const ACCOUNT_SEARCH: ReadParam = ReadParam::Search { shown_min: 0 };

/// The parsed shared read parameters; those a route's spec lacks keep their defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadParams {
    /// `queries`, unparsed.
    pub queries: Vec<String>,
    /// `search`, if given and not empty.
    pub search: Option<String>,
    /// Whether the list counts its total (`total`).
    pub count_total: bool,
    /// The rows list's cache `ttl` in seconds (0: no caching).
    pub ttl: i64,
}

impl Default for ReadParams {
    /// No queries, no search, the total counted, no caching.
    fn default() -> Self {
        Self {
            queries: Vec::new(),
            search: None,
            count_total: true,
            ttl: 0,
        }
    }
}

impl ReadParams {
    /// Checks each parameter of `spec` in its order (the first invalid one is the error)
    /// in `params` of a request on release `profile`, and returns their values.
    pub fn check(spec: &[ReadParam], params: &Params, profile: AppwriteVersion) -> ApiResult<Self> {
        let mut reads = Self::default();
        for param in spec {
            match *param {
                ReadParam::Queries => reads.queries = params.queries()?,
                ReadParam::Search { shown_min } => reads.search = search(params, shown_min)?,
                ReadParam::Total => reads.count_total = count_total(params, profile)?,
                ReadParam::ListTtl => reads.ttl = list_ttl(params, profile)?,
            }
        }
        Ok(reads)
    }
}

/// `search`: empty (the default) passes whatever the minimum (tour-databases.jsonl 1.8.1
/// seq 102); any other value must be a text of `shown_min..=256` characters.
fn search(params: &Params, shown_min: usize) -> ApiResult<Option<String>> {
    match params.get("search") {
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        _ => params.text("search", shown_min, SEARCH_MAX),
    }
}

/// Whether a list request counts its `total`. The text `false` is truthy to Appwrite's
/// PHP where [`AppwriteVersion::total_false_is_ignored`] holds, so only `0` (or a JSON
/// `false`) skips counting there.
fn count_total(params: &Params, profile: AppwriteVersion) -> ApiResult<bool> {
    let parsed = params.bool_loose("total")?.unwrap_or(true);
    let text_false = matches!(params.get("total"), Some(Value::String(s)) if s == "false");
    Ok(parsed || (text_false && profile.total_false_is_ignored()))
}

/// The rows list's cache `ttl` in seconds (0 when absent or where the release has no
/// list caching).
fn list_ttl(params: &Params, profile: AppwriteVersion) -> ApiResult<i64> {
    if !profile.has_list_ttl() || params.get("ttl").is_none() {
        return Ok(0);
    }
    match params.int("ttl") {
        Ok(Some(seconds)) if (0..=LIST_TTL_MAX).contains(&seconds) => Ok(seconds),
        _ => Err(ApiError::param_invalid(
            "ttl",
            &catalogue::validators::range(0, "86,400"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorType;

    const LIST: &[ReadParam] = &[
        ReadParam::Queries,
        SEARCH,
        ReadParam::Total,
        ReadParam::ListTtl,
    ];

    fn check(query: &str, profile: AppwriteVersion) -> ApiResult<ReadParams> {
        ReadParams::check(LIST, &Params::from_query(query), profile)
    }

    #[test]
    fn defaults_when_absent() {
        let reads = check("", AppwriteVersion::V1_9_6).unwrap();
        assert_eq!(reads, ReadParams::default());
        assert!(reads.count_total);
        let reads = check("search=", AppwriteVersion::V1_9_6).unwrap();
        assert_eq!(reads.search, None);
    }

    #[test]
    fn first_invalid_in_declared_order() {
        let err = check("queries=x&total=maybe&ttl=-1", AppwriteVersion::V1_9_6).unwrap_err();
        assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
        assert!(err.message.starts_with("Invalid `queries` param"));
        let err = check("total=maybe&ttl=-1", AppwriteVersion::V1_9_6).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid `total` param: Value must be a valid boolean"
        );
        let err = check("ttl=86401", AppwriteVersion::V1_9_6).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid `ttl` param: Value must be a valid range between 0 and 86,400"
        );
    }

    #[test]
    fn ttl_only_where_the_release_caches_lists() {
        assert_eq!(check("ttl=60", AppwriteVersion::V1_9_6).unwrap().ttl, 60);
        let old = check("ttl=-5", AppwriteVersion::V1_8_1).unwrap();
        assert_eq!(old.ttl, 0);
    }

    #[test]
    fn text_false_and_search_minimums() {
        let v181 = AppwriteVersion::V1_8_1;
        let v196 = AppwriteVersion::V1_9_6;
        let text_false = |v| check("total=false", v).unwrap().count_total;
        assert_eq!(text_false(v181), v181.total_false_is_ignored());
        assert_eq!(text_false(v196), v196.total_false_is_ignored());
        assert!(!check("total=0", v196).unwrap().count_total);
        let long = format!("search={}", "a".repeat(257));
        let err = check(&long, v196).unwrap_err();
        assert!(err.message.contains("at least 1 chars"));
        let spec = [ACCOUNT_SEARCH];
        let err = ReadParams::check(&spec, &Params::from_query(&long), v196).unwrap_err();
        assert!(!err.message.contains("at least"));
        let found = ReadParams::check(&spec, &Params::from_query("search=ann"), v196);
        assert_eq!(found.unwrap().search.as_deref(), Some("ann"));
    }
}
