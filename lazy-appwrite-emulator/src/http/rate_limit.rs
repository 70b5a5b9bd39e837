//! Appwrite's abuse limits on row writes (`app/controllers/shared/api.php`
//! with utopia-php/abuse's `TimeLimit`).
//!
//! A limited route counts requests per key in a fixed window aligned to the clock (the
//! window starts at `now - now % window`). The key is `ip + method + route template +
//! user ID` for row writes, `url + ip` for team invitations. Every answer of a limited route
//! carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` (what is left after this request)
//! and `X-RateLimit-Reset` (unix seconds at the end of the window). The key is never
//! counted nor refused; everyone else gets `429 general_rate_limit_exceeded` once the
//! window's count reaches the limit; refused requests do not count.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::extract::ConnectInfo;
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Method};

use crate::config::Config;
use crate::error::{ApiError, ErrorType};
use crate::http::auth::{Caller, header};
use crate::http::jwt::unix_now;

/// The template of every row route.
const ROWS: &str = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows";

/// Where buckets are dropped once the map holds this many.
const PRUNE_AT: usize = 10_000;

/// The counters of one emulator.
#[derive(Debug, Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    window_start: u64,
    count: u32,
}

/// How one route is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Requests allowed per window.
    pub limit: u32,
    /// The window, in seconds.
    pub window: u64,
    /// Whether the key includes the method and the user (row writes) or only the route and
    /// the address (team invitations).
    pub per_user: bool,
}

/// The limit of the route `template` for `method`, if it has one.
pub fn rule_for(config: &Config, method: &Method, template: &str) -> Option<Rule> {
    let row_window = config.rate_limit_window.as_secs().max(1);
    let writes = Rule {
        limit: config.write_rate_limit,
        window: row_window,
        per_user: true,
    };
    let deletes = Rule {
        limit: config.delete_rate_limit,
        window: row_window,
        per_user: true,
    };
    if let Some(rest) = template.strip_prefix(ROWS) {
        return match (rest, method) {
            ("" | "/{rowId}", &Method::DELETE) => Some(deletes),
            ("", &Method::POST | &Method::PUT | &Method::PATCH) => Some(writes),
            ("/{rowId}", &Method::PUT | &Method::PATCH) => Some(writes),
            (rest, &Method::PATCH)
                if rest.starts_with("/{rowId}/")
                    && (rest.ends_with("/increment") || rest.ends_with("/decrement")) =>
            {
                Some(writes)
            }
            _ => None,
        };
    }
    if template == "/v1/teams/{teamId}/memberships" && method == Method::POST {
        // Appwrite's `abuse-limit` 10 with the default key and the default hour.
        return Some(Rule {
            limit: 10,
            window: 3600,
            per_user: false,
        });
    }
    None
}

/// A limited request, before it is counted: its rule and key.
#[derive(Debug, Clone)]
pub struct Target {
    rule: Rule,
    /// The key without the user part (added once the caller is known).
    base: String,
}

/// What the limiter decided; becomes the response headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// `X-RateLimit-Limit`.
    pub limit: u32,
    /// `X-RateLimit-Remaining`.
    pub remaining: u32,
    /// `X-RateLimit-Reset`.
    pub reset: u64,
    /// Whether the request was refused.
    pub exceeded: bool,
}

impl Outcome {
    /// Adds the `X-RateLimit-*` headers.
    pub fn apply(&self, headers: &mut HeaderMap) {
        headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(self.remaining));
        headers.insert("x-ratelimit-reset", HeaderValue::from(self.reset));
    }
}

/// The route template of a concrete path, for the routes that can be limited: the row
/// routes and team memberships (`None` for the others).
pub fn route_template(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let template = match segments.as_slice() {
        ["", "v1", "tablesdb", _, "tables", _, "rows", rest @ ..] => match rest {
            [] => ROWS.to_string(),
            [_] => format!("{ROWS}/{{rowId}}"),
            [_, _, action] => format!("{ROWS}/{{rowId}}/{{column}}/{action}"),
            _ => return None,
        },
        ["", "v1", "teams", _, "memberships"] => "/v1/teams/{teamId}/memberships".to_string(),
        _ => return None,
    };
    Some(template)
}

/// The limit target of a request, if its route is limited. The address is the first
/// `X-Forwarded-For` entry when it is an IP address (Appwrite trusts that header by
/// default), else the peer's address.
pub fn target(config: &Config, parts: &Parts) -> Option<Target> {
    let template = route_template(parts.uri.path())?;
    let rule = rule_for(config, &parts.method, &template)?;
    let forwarded = header(&parts.headers, "x-forwarded-for")
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .and_then(|v| v.parse::<IpAddr>().ok());
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = forwarded
        .or(peer)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "0.0.0.0".into());
    let host = header(&parts.headers, "host")
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name))
        .unwrap_or("");
    let url = format!("{host}{template}");
    let base = if rule.per_user {
        format!("ip:{ip},method:{},url:{url},userId:", parts.method)
    } else {
        format!("url:{url},ip:{ip}")
    };
    Some(Target { rule, base })
}

impl RateLimiter {
    /// Counts a request of `caller` to `target` (unless the caller is the key or limits are
    /// off) and says whether it may go on; the error is `429 general_rate_limit_exceeded`.
    pub fn check(
        &self,
        target: &Target,
        caller: &Caller,
        enabled: bool,
    ) -> (Outcome, Result<(), ApiError>) {
        let mut key = target.base.clone();
        if target.rule.per_user {
            key.push_str(caller.user_id());
        }
        let enforce = enabled && !caller.is_privileged() && target.rule.limit > 0;
        let outcome = self.hit(&key, target.rule, unix_now_u64(), enforce);
        let result = if outcome.exceeded {
            Err(ApiError::new(
                ErrorType::GeneralRateLimitExceeded,
                "Rate limit for the current endpoint has been exceeded. Please try again after some time.",
            ))
        } else {
            Ok(())
        };
        (outcome, result)
    }

    /// The fixed-window count: `remaining` is reported before counting (as utopia-php/abuse
    /// does), and a request is counted only when `enforce` and still under the limit.
    fn hit(&self, key: &str, rule: Rule, now: u64, enforce: bool) -> Outcome {
        let window_start = now - now % rule.window;
        let reset = window_start + rule.window;
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= PRUNE_AT {
            buckets.retain(|_, b| b.window_start + rule.window.max(3600) > now);
        }
        let count = buckets
            .get(key)
            .filter(|b| b.window_start == window_start)
            .map_or(0, |b| b.count);
        let remaining = rule.limit.saturating_sub(count.saturating_add(1));
        let mut exceeded = false;
        if enforce {
            if rule.limit > count {
                buckets.insert(
                    key.to_string(),
                    Bucket {
                        window_start,
                        count: count + 1,
                    },
                );
            } else {
                exceeded = true;
            }
        }
        Outcome {
            limit: rule.limit,
            remaining,
            reset,
            exceeded,
        }
    }
}

fn unix_now_u64() -> u64 {
    u64::try_from(unix_now()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(limit: u32) -> Rule {
        Rule {
            limit,
            window: 60,
            per_user: true,
        }
    }

    #[test]
    fn fixed_window_counts_until_the_limit() {
        let limiter = RateLimiter::default();
        let now = 6_000_030; // 30 s into a window that started at 6_000_000
        let first = limiter.hit("k", rule(3), now, true);
        assert_eq!(
            first,
            Outcome {
                limit: 3,
                remaining: 2,
                reset: 6_000_060,
                exceeded: false
            }
        );
        assert_eq!(limiter.hit("k", rule(3), now, true).remaining, 1);
        assert_eq!(limiter.hit("k", rule(3), now, true).remaining, 0);
        let refused = limiter.hit("k", rule(3), now, true);
        assert!(refused.exceeded);
        assert_eq!(refused.remaining, 0);
        // Other keys have their own counts; the next window starts afresh.
        assert!(!limiter.hit("other", rule(3), now, true).exceeded);
        assert!(!limiter.hit("k", rule(3), 6_000_060, true).exceeded);
    }

    #[test]
    fn unenforced_requests_are_not_counted() {
        let limiter = RateLimiter::default();
        for _ in 0..5 {
            let outcome = limiter.hit("k", rule(2), 60, false);
            assert_eq!((outcome.remaining, outcome.exceeded), (1, false));
        }
    }

    #[test]
    fn rules_by_route() {
        let config = Config::default();
        let rows = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows";
        let row = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}";
        let inc = "/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}/{column}/increment";
        let limit = |m: Method, t: &str| rule_for(&config, &m, t).map(|r| r.limit);
        assert_eq!(limit(Method::POST, rows), Some(120));
        assert_eq!(limit(Method::PUT, rows), Some(120));
        assert_eq!(limit(Method::PATCH, rows), Some(120));
        assert_eq!(limit(Method::DELETE, rows), Some(60));
        assert_eq!(limit(Method::GET, rows), None);
        assert_eq!(limit(Method::GET, row), None);
        assert_eq!(limit(Method::PATCH, row), Some(120));
        assert_eq!(limit(Method::PUT, row), Some(120));
        assert_eq!(limit(Method::DELETE, row), Some(60));
        assert_eq!(limit(Method::PATCH, inc), Some(120));
        assert_eq!(limit(Method::POST, "/v1/tablesdb"), None);
        assert_eq!(
            limit(Method::POST, "/v1/teams/{teamId}/memberships"),
            Some(10)
        );
    }

    #[test]
    fn templates_of_paths() {
        assert_eq!(
            route_template("/v1/tablesdb/db/tables/t/rows").as_deref(),
            Some("/v1/tablesdb/{databaseId}/tables/{tableId}/rows")
        );
        assert_eq!(
            route_template("/v1/tablesdb/db/tables/t/rows/r1").as_deref(),
            Some("/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}")
        );
        assert_eq!(
            route_template("/v1/tablesdb/db/tables/t/rows/r1/n/increment").as_deref(),
            Some("/v1/tablesdb/{databaseId}/tables/{tableId}/rows/{rowId}/{column}/increment")
        );
        assert_eq!(route_template("/v1/tablesdb/db/tables/t"), None);
        assert_eq!(
            route_template("/v1/teams/t1/memberships").as_deref(),
            Some("/v1/teams/{teamId}/memberships")
        );
    }
}
