//! What a route is: its method, path template, handler, scope, rate limit, where it runs,
//! whether a blocked user is refused, the releases that have it, its path parameters, its
//! shared read parameters and row-write body, and its other declared parameters.
//! [`super::table`] declares every route with these.

use http::Method;

use crate::config::Config;
use crate::error::ApiResult;
use crate::http::Endpoint;
use crate::http::auth::Context;
use crate::http::ids::{IdParam, RawPath};
use crate::http::params::Params;
use crate::http::rate_limit::Rule;
use crate::http::reads::{ReadParam, ReadParams};
use crate::http::request::CheckedRequest;
use crate::http::spec::{BodyValues, Param};
use crate::http::writes::{WriteBody, WriteParam};
use crate::profile::AppwriteVersion;

/// The scope an endpoint requires (checked before it runs, as Appwrite checks the route's
/// scope label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No scope beyond the guest's (rows, documents, transactions).
    Guest,
    /// One named scope.
    Named(&'static str),
    /// The table endpoints' label (`tables.*` and `collections.*`).
    Tables(Access),
    /// The column endpoints' label, which depends on the release.
    Columns(Access),
    /// The index endpoints' label, which depends on the release.
    Indexes(Access),
}

/// Reading or writing, for the scope labels that come in pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `*.read`.
    Read,
    /// `*.write`.
    Write,
}

impl Scope {
    /// Fails with `401 general_unauthorized_scope` unless the caller of `ctx` has the scope.
    pub fn check(self, ctx: &Context) -> ApiResult<()> {
        let write = |access| access == Access::Write;
        match self {
            Scope::Guest => Ok(()),
            Scope::Named(scope) => ctx.caller.require_scope(scope),
            Scope::Tables(access) => ctx
                .caller
                .require_scopes(ctx.profile.table_scopes(write(access))),
            Scope::Columns(access) => ctx
                .caller
                .require_scopes(ctx.profile.column_scopes(write(access))),
            Scope::Indexes(access) => ctx
                .caller
                .require_scopes(ctx.profile.index_scopes(write(access))),
        }
    }
}

/// Appwrite's abuse limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Row creates, updates, upserts, increments and decrements.
    RowWrite,
    /// Row deletes.
    RowDelete,
    /// Team invitations: 10 an hour per address.
    TeamInvite,
}

/// How a route is rate limited: the limit, and the template its counter key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Which limit applies.
    pub kind: LimitKind,
    /// The route template in the counter key.
    pub key_template: &'static str,
}

impl Limit {
    /// The limit's rule under `config`.
    pub fn rule(self, config: &Config) -> Rule {
        let row_window = config.rate_limit_window.as_secs().max(1);
        match self.kind {
            LimitKind::RowWrite => Rule {
                limit: config.write_rate_limit,
                window: row_window,
                per_user: true,
            },
            LimitKind::RowDelete => Rule {
                limit: config.delete_rate_limit,
                window: row_window,
                per_user: true,
            },
            // Appwrite's `abuse-limit` 10 with the default key and the default hour.
            LimitKind::TeamInvite => Rule {
                limit: 10,
                window: 3600,
                per_user: false,
            },
        }
    }
}

/// Where a request runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    /// Always on the blocking pool (lists, bulk, schema).
    Blocking,
    /// On the request's worker when the store is free: single-row work takes microseconds.
    Inline,
    /// Inline when the body is under [`SMALL_BODY`] (a create of one row), else blocking.
    InlineIfSmall,
}

/// The largest body [`Run::InlineIfSmall`] runs inline.
pub const SMALL_BODY: usize = 16 * 1024;

/// One endpoint.
#[derive(Debug, Clone)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path template, in axum's syntax.
    pub template: &'static str,
    /// The handler.
    pub endpoint: Endpoint,
    /// The scope it requires.
    pub scope: Scope,
    /// Its rate limit, if it has one.
    pub limit: Option<Limit>,
    /// Where it runs.
    pub run: Run,
    /// Whether a blocked user is refused (`user_blocked`): users only hold the row,
    /// transaction, team and account scopes, and Appwrite checks the scope first.
    pub blocked_check: bool,
    /// The first release that has it (`None`: every release).
    pub since: Option<AppwriteVersion>,
    /// Its path parameters, in Appwrite's declared order.
    pub ids: &'static [IdParam],
    /// Its shared read parameters (`queries`, `search`, `total`, `ttl`), in Appwrite's
    /// declared order, checked after its IDs.
    pub reads: &'static [ReadParam],
    /// Its row-write body (`data`, `permissions`), in Appwrite's declared order, checked
    /// after its read parameters.
    pub write: &'static [WriteParam],
    /// Its other declared body (or query-string) parameters, in Appwrite's declared
    /// order, checked after its row-write body.
    pub body: &'static [Param],
    /// Where Appwrite declares [`Route::body`] among the path IDs: after this many of
    /// them (`None`: after every other parameter).
    pub body_after_ids: Option<usize>,
}

impl Route {
    /// A route with no scope beyond the guest's, no limit, run on the blocking pool, without
    /// the blocked check, in every release, with no declared parameters.
    pub(super) fn new(method: Method, template: &'static str, endpoint: Endpoint) -> Self {
        Self {
            method,
            template,
            endpoint,
            scope: Scope::Guest,
            limit: None,
            run: Run::Blocking,
            blocked_check: false,
            since: None,
            ids: &[],
            reads: &[],
            write: &[],
            body: &[],
            body_after_ids: None,
        }
    }

    pub(super) fn reads(mut self, reads: &'static [ReadParam]) -> Self {
        self.reads = reads;
        self
    }

    pub(super) fn ids(mut self, ids: &'static [IdParam]) -> Self {
        self.ids = ids;
        self
    }

    pub(super) fn write(mut self, write: &'static [WriteParam]) -> Self {
        self.write = write;
        self
    }

    pub(super) fn body(mut self, body: &'static [Param]) -> Self {
        self.body = body;
        self
    }

    /// Checks [`Route::body`] after the first `count` path IDs, where Appwrite declares it.
    pub(super) fn body_after_ids(mut self, count: usize) -> Self {
        self.body_after_ids = Some(count);
        self
    }

    pub(super) fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    pub(super) fn limit(mut self, kind: LimitKind, key_template: &'static str) -> Self {
        self.limit = Some(Limit { kind, key_template });
        self
    }

    pub(super) fn run(mut self, run: Run) -> Self {
        self.run = run;
        self
    }

    /// Refuses blocked users.
    pub(super) fn users(mut self) -> Self {
        self.blocked_check = true;
        self
    }

    pub(super) fn since(mut self, version: AppwriteVersion) -> Self {
        self.since = Some(version);
        self
    }

    /// Checks a request with path `raw` and parameters `params` on release `profile`
    /// against the route's declared parameters, in their order: the IDs, the read
    /// parameters, the row-write body, then the other declared parameters (or those among
    /// the IDs, where [`Route::body_after_ids`] says). The first invalid one is the error.
    pub fn check<'p>(
        &self,
        raw: &RawPath,
        params: &'p Params,
        profile: AppwriteVersion,
    ) -> ApiResult<CheckedRequest<'p>> {
        let split = self.body_after_ids.unwrap_or(self.ids.len());
        let (before, after) = self.ids.split_at(split.min(self.ids.len()));
        let mut request = CheckedRequest::check(before, raw, params, profile)?;
        if self.body_after_ids.is_some() {
            request.body = BodyValues::check(self.body, params, profile)?;
        }
        request.check_more(after, raw, profile)?;
        request.reads = ReadParams::check(self.reads, params, profile)?;
        request.write = WriteBody::check(self.write, params)?;
        if self.body_after_ids.is_none() {
            request.body = BodyValues::check(self.body, params, profile)?;
        }
        Ok(request)
    }

    /// Whether release `version` has the route.
    pub fn exists_in(&self, version: AppwriteVersion) -> bool {
        self.since.is_none_or(|first| version >= first)
    }

    /// Whether the endpoint has only guest scopes (rows, documents, transactions): a
    /// console-project request is refused without running it.
    pub fn guest_scoped(&self) -> bool {
        self.scope == Scope::Guest
    }
}
