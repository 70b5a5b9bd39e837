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
use http::{HeaderMap, HeaderValue};

use crate::error::{ApiError, catalogue};
use crate::http::auth::{Caller, header};
use crate::http::jwt::unix_now;

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

/// The limit target of a request to a route limited by `rule`, whose counter key names
/// `template`. The address is the first `X-Forwarded-For` entry when it is an IP address
/// (Appwrite trusts that header by default), else the peer's address.
pub fn target(parts: &Parts, rule: Rule, template: &str) -> Target {
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
    Target { rule, base }
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
            Err(catalogue::rate_limit_exceeded())
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
}
