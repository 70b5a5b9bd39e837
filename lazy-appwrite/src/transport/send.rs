//! Sending a [`Call`]: one attempt at a time, retried as its [`RetryClass`] and the client's
//! [`RetryPolicy`](crate::RetryPolicy) allow.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::response_error::{RateHint, error_from_answer, text_of};
use super::{Call, Outcome, Reply, RetryClass};
use crate::WriteOutcome;
use crate::client::{Auth, Client};
use crate::error::{AppwriteErrorType, Error, Result};

/// The header that carries the API key.
const KEY_HEADER: HeaderName = HeaderName::from_static("x-appwrite-key");

/// The header in which Appwrite warns about a request it carried out.
const WARNING_HEADER: HeaderName = HeaderName::from_static("x-appwrite-warning");

thread_local! {
    /// Where an attempt writes its URL (endpoint, path, query) for the HTTP client to parse.
    static URL_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// What one attempt got back from the server.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

/// Why one attempt got no answer.
struct NoAnswer {
    error: Error,
    /// The request surely never reached the server (the connection could not be opened).
    not_sent: bool,
}

impl Call {
    /// Sends the call with `client` and returns its 2xx answer; any other outcome is an
    /// error.
    pub(crate) async fn execute<'c>(&self, client: &'c Client) -> Result<Reply<'c>> {
        match run(client, self).await? {
            Outcome::Reply(reply) => Ok(reply),
            Outcome::ConflictAfterRetry(error) => Err(error),
        }
    }

    /// Sends the call with `client`, with retries.
    pub(crate) async fn run<'c>(&self, client: &'c Client) -> Result<Outcome<'c>> {
        run(client, self).await
    }
}

/// Sends `call` with `client`, with retries.
async fn run<'c>(client: &'c Client, call: &Call) -> Result<Outcome<'c>> {
    // Nothing leaves with an ID Appwrite would refuse: an empty row ID would reach
    // the bulk routes of a real server.
    call.path.check(call.operation, call.table.as_deref())?;
    let started = Instant::now();
    // Boxed: the attempt (the HTTP client's futures, the answer's body being read, the
    // timer) lives in one allocation, instead of inline in every future above this one,
    // where each layer's creation would copy all of it.
    match Box::pin(send_once(client, call, client.inner.config.request_timeout)).await {
        Ok(answer) if (200..300).contains(&answer.status) => {
            success(client, call, answer, 1).map(Outcome::Reply)
        }
        // Boxed: what a failed attempt needs (its error, the retries' waits) is built
        // only when one fails, and the future of every other call stays the size of
        // one attempt.
        first => Box::pin(settle(client, call, started, first)).await,
    }
}

/// Goes on from the first attempt's answer, `first`, when it was not a success: turns it
/// into the error it says, or retries as the call's class and the client's policy allow.
async fn settle<'c>(
    client: &'c Client,
    call: &Call,
    started: Instant,
    first: Result<Answer, NoAnswer>,
) -> Result<Outcome<'c>> {
    let config = &client.inner.config;
    let policy = config.retry;
    let mut first = Some(first);
    let mut attempt: u32 = 0;
    // Whether an earlier attempt may have been applied: it was sent and its answer was
    // lost, or the server answered 5xx. A 429 and an unopened connection were not.
    let mut may_have_applied = false;
    // What a failed write did, from what the attempts so far could have done.
    let writes = call.writes();
    let outcome = |ambiguous: bool| {
        writes.then_some(if ambiguous {
            WriteOutcome::Unknown
        } else {
            WriteOutcome::NotApplied
        })
    };
    // The error of the attempt before this one, while retrying.
    let mut previous: Option<Error> = None;
    loop {
        attempt += 1;
        let timeout = if attempt == 1 {
            config.request_timeout
        } else {
            config
                .request_timeout
                .min(policy.budget().saturating_sub(started.elapsed()))
        };
        // The retry budget, not the configured timeout, limits this attempt.
        let clipped = timeout < config.request_timeout;
        let sent = match first.take() {
            Some(answered) => answered,
            None => send_once(client, call, timeout).await,
        };
        let (error, wait_hint) = match sent {
            Ok(answer) => {
                let status = answer.status;
                if (200..300).contains(&status) {
                    return success(client, call, answer, attempt).map(Outcome::Reply);
                }
                if may_have_applied && status == 404 && call.retry == RetryClass::Delete {
                    tracing::debug!(
                        operation = call.operation,
                        attempt,
                        "404 on a retried delete: an earlier attempt deleted it"
                    );
                    let body = Bytes::new();
                    return Ok(Outcome::Reply(Reply {
                        body,
                        owner: client,
                        writes: true,
                    }));
                }
                let redact = |s: &str| client.redact(s);
                // A 5xx may come after the write was stored; so may any answer to a
                // retry of an attempt that may have gone through.
                let error = error_from_answer(
                    call,
                    status,
                    &answer.headers,
                    &answer.body,
                    &redact,
                    outcome(may_have_applied || status >= 500),
                );
                let error = with_auth_hint(client, call, error);
                if attempt > 1 && status == 409 && call.retry == RetryClass::CreateWithId {
                    return Ok(Outcome::ConflictAfterRetry(error));
                }
                let allowed = match status {
                    // A rate-limited request was not processed: always safe to repeat.
                    429 => true,
                    // Appwrite answers 500 on purpose to some requests (an overflowing
                    // increment, some queries on the wrong kind of column) and to rare
                    // races: one more try tells the two apart.
                    500 => call.retry != RetryClass::Unsafe && attempt == 1,
                    502..=504 => call.retry != RetryClass::Unsafe,
                    _ => false,
                };
                may_have_applied |= status >= 500;
                if !allowed {
                    return Err(error);
                }
                let hint = (status == 429).then(|| RateHint::from_headers(&answer.headers));
                (error, hint.and_then(|h| h.wait))
            }
            Err(NoAnswer { error, not_sent }) => {
                may_have_applied |= !not_sent;
                // An attempt the budget cut short says only that the budget ran out: the
                // earlier answer says more (the server kept answering 503, say), with the
                // outcome of every attempt made.
                let error = match previous.take() {
                    Some(earlier) if clipped && matches!(error, Error::Timeout { .. }) => {
                        match outcome(may_have_applied) {
                            Some(settled) => earlier.with_outcome(settled),
                            None => earlier,
                        }
                    }
                    _ => error,
                };
                if !(not_sent || call.retry != RetryClass::Unsafe) {
                    return Err(tried(error, attempt, started, outcome(may_have_applied)));
                }
                (error, None)
            }
        };
        if attempt >= policy.max_attempts() {
            return Err(tried(error, attempt, started, outcome(may_have_applied)));
        }
        let backoff = policy.backoff(attempt);
        let wait = wait_hint.map_or(backoff, |w| w.max(backoff.min(Duration::from_millis(250))));
        if started.elapsed() + wait >= policy.budget() {
            tracing::debug!(
                operation = call.operation,
                attempt,
                wait_ms = millis(wait),
                "not retrying: the wait would exceed the retry budget"
            );
            return Err(tried(error, attempt, started, outcome(may_have_applied)));
        }
        tracing::warn!(
            operation = call.operation,
            table = call.table.as_deref().unwrap_or(""),
            attempt,
            wait_ms = millis(wait),
            error = %error,
            "retrying Appwrite request"
        );
        previous = Some(error);
        tokio::time::sleep(wait).await;
    }
}

/// Checks a 2xx answer's content type.
fn success<'c>(
    client: &'c Client,
    call: &Call,
    answer: Answer,
    attempts: u32,
) -> Result<Reply<'c>> {
    let content_type = answer
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if let Some(ct) = content_type
        && !answer.body.is_empty()
        && !is_json(ct)
    {
        return Err(Error::Decode {
            operation: call.operation,
            table: call.table_id(),
            path: ".".into(),
            reason: client.redact(&format!(
                "expected a JSON answer, got content type `{ct}`: {}",
                text_of(&answer.body[..answer.body.len().min(200)])
            )),
            // A 2xx answer: a write was stored.
            outcome: call.writes().then_some(WriteOutcome::Applied),
            row: None,
        });
    }
    if attempts > 1 {
        tracing::debug!(
            operation = call.operation,
            attempts,
            "succeeded after retrying"
        );
    }
    Ok(Reply {
        body: answer.body,
        owner: client,
        writes: call.writes(),
    })
}

/// One attempt: send, read the whole body, within `timeout`. One timer covers the whole
/// attempt (the HTTP client is built without a timeout of its own, which would arm one
/// for the answer's head and another for its body).
async fn send_once(client: &Client, call: &Call, timeout: Duration) -> Result<Answer, NoAnswer> {
    match tokio::time::timeout(timeout, exchange(client, call, timeout)).await {
        Ok(answer) => answer,
        // The request may have been sent: what it did is unknown.
        Err(_elapsed) => Err(NoAnswer {
            error: timed_out(call, timeout),
            not_sent: false,
        }),
    }
}

/// The error of an attempt that got no answer within `after`.
fn timed_out(call: &Call, after: Duration) -> Error {
    Error::Timeout {
        operation: call.operation,
        table: call.table_id(),
        after,
        attempts: 1,
        elapsed: Duration::ZERO,
        outcome: None,
        row: None,
    }
}

/// An attempt's exchange: send the request, read the answer.
async fn exchange(client: &Client, call: &Call, timeout: Duration) -> Result<Answer, NoAnswer> {
    let config = &client.inner.config;
    // The HTTP client parses the URL into its own copy at once, so the text is written
    // into this thread's buffer, not into a string allocated for every attempt.
    let mut request = URL_TEXT.with_borrow_mut(|url| {
        url.clear();
        url.push_str(&config.endpoint);
        url.push_str(call.path.as_str());
        if !call.query.is_empty() {
            url.push('?');
            url.push_str(&call.query);
        }
        client.inner.http.request(call.method.clone(), url.as_str())
    });
    match &client.auth {
        _ if call.anonymous => {}
        Auth::Default => {
            if let Some(key) = &config.key {
                request = request.header(KEY_HEADER, key.header().clone());
            }
        }
        Auth::User(credentials) => {
            request = request.header(
                HeaderName::from_static(credentials.header_name()),
                credentials.secret().header().clone(),
            );
        }
    }
    for (name, value) in &call.headers {
        request = request.header(*name, value.clone());
    }
    if let Some(body) = &call.body {
        request = request
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body.clone());
    }
    let started = Instant::now();
    let mut response = request
        .send()
        .await
        .map_err(|e| no_answer(client, call, e, timeout))?;
    let status = response.status().as_u16();
    // The body does not need the headers: take them rather than copy them.
    let headers = std::mem::take(response.headers_mut());
    let body = response
        .bytes()
        .await
        .map_err(|e| no_answer(client, call, e, timeout))?;
    tracing::debug!(
        operation = call.operation,
        method = %call.method,
        path = %call.path,
        status,
        elapsed_ms = millis(started.elapsed()),
        "Appwrite answered"
    );
    if let Some(warning) = headers.get(WARNING_HEADER).and_then(|v| v.to_str().ok()) {
        tracing::debug!(operation = call.operation, warning, "Appwrite warning");
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}

fn no_answer(client: &Client, call: &Call, error: reqwest::Error, timeout: Duration) -> NoAnswer {
    let not_sent = error.is_connect();
    let error = error.without_url();
    if error.is_timeout() && !not_sent {
        return NoAnswer {
            error: timed_out(call, timeout),
            not_sent,
        };
    }
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    NoAnswer {
        error: Error::Transport {
            operation: call.operation,
            table: call.table_id(),
            message: client.redact(&format!("{}: {message}", client.inner.config.endpoint)),
            attempts: 1,
            elapsed: Duration::ZERO,
            source: Some(std::sync::Arc::new(error)),
            outcome: None,
            row: None,
        },
        not_sent,
    }
}

/// A refusal of the API key says what to check: Appwrite's own words ("The current
/// user is not authorized…") do not say that the key is the cause.
fn with_auth_hint(client: &Client, call: &Call, error: Error) -> Error {
    let used_key = !call.anonymous
        && matches!(client.auth, Auth::Default)
        && client.inner.config.key.is_some();
    let Error::Api {
        status: 401,
        mut answer,
    } = error
    else {
        return error;
    };
    let project = &client.inner.config.project;
    let hint = match answer.kind {
        AppwriteErrorType::UserUnauthorized if used_key => format!(
            " (hint: the API key was not accepted; check that it is a key of project \
             `{project}` and has not expired)"
        ),
        AppwriteErrorType::GeneralUnauthorizedScope if used_key => {
            " (hint: the API key lacks a scope this needs; add the scopes named above \
             to the key)"
                .to_owned()
        }
        AppwriteErrorType::GeneralUnauthorizedScope => {
            " (hint: the call carried no API key; set one, or act as a user)".to_owned()
        }
        _ => String::new(),
    };
    answer.message.push_str(&hint);
    Error::Api {
        status: 401,
        answer,
    }
}

/// `error` with the attempts made, the time spent and what the write did, where it has
/// room for them (a server's answer already carries its outcome).
fn tried(
    mut error: Error,
    made: u32,
    started: Instant,
    write_outcome: Option<WriteOutcome>,
) -> Error {
    if let Error::Timeout {
        attempts,
        elapsed,
        outcome,
        ..
    }
    | Error::Transport {
        attempts,
        elapsed,
        outcome,
        ..
    } = &mut error
    {
        *attempts = made;
        *elapsed = started.elapsed();
        *outcome = write_outcome;
    }
    error
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Whether a content type is JSON (`application/json`, any case, any parameters).
fn is_json(content_type: &str) -> bool {
    const JSON: &str = "application/json";
    content_type
        .trim_start()
        .get(..JSON.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(JSON))
}

#[cfg(test)]
mod tests {
    use super::is_json;

    #[test]
    fn json_content_types_in_any_case_and_with_parameters() {
        assert!(is_json("application/json"));
        assert!(is_json(" Application/JSON; charset=utf-8"));
        assert!(!is_json("text/html"));
        assert!(!is_json("application/js"));
        assert!(!is_json("applicatión/json"));
    }
}
