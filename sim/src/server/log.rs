//! The record of every request the simulator received.

use std::collections::{BTreeMap, VecDeque};

use http::header::{AUTHORIZATION, COOKIE};
use http::{HeaderMap, Method};

use crate::server::limits::Limits;

/// One request as received.
///
/// `Debug` hides the values of `Cookie` and `Authorization` and shows only the body's
/// length (they can hold secrets: cookies, passwords, two-factor codes); the values
/// themselves are kept, so a test can check them.
#[derive(Clone)]
pub struct LoggedRequest {
    /// The method.
    pub method: Method,
    /// The path and query exactly as sent, still percent-encoded
    /// (`/api/1/invite/usr_%C3%A9`).
    pub path: String,
    /// Every header.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for LoggedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoggedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl LoggedRequest {
    pub(crate) fn new(method: Method, path: String, mut headers: HeaderMap, body: Vec<u8>) -> Self {
        for (name, value) in headers.iter_mut() {
            if name == COOKIE || name == AUTHORIZATION {
                value.set_sensitive(true);
            }
        }
        Self {
            method,
            path,
            headers,
            body,
        }
    }
}

/// Requests in arrival order, bounded by [`Limits`], and counts by operation.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    pub(crate) requests: VecDeque<LoggedRequest>,
    /// The body bytes of `requests`, together.
    body_bytes: usize,
    pub(crate) total: u64,
    pub(crate) dropped: u64,
    pub(crate) by_operation: BTreeMap<String, u64>,
}

impl RequestLog {
    pub(crate) fn record(&mut self, operation: &str, request: LoggedRequest, limits: &Limits) {
        self.total += 1;
        *self.by_operation.entry(operation.to_owned()).or_default() += 1;
        self.body_bytes = self.body_bytes.saturating_add(request.body.len());
        self.requests.push_back(request);
        self.trim(limits);
    }

    /// Drops the oldest requests until the log is within `limits`.
    pub(crate) fn trim(&mut self, limits: &Limits) {
        while self.requests.len() > limits.logged_requests
            || self.body_bytes > limits.logged_body_bytes
        {
            let Some(oldest) = self.requests.pop_front() else {
                break;
            };
            self.body_bytes = self.body_bytes.saturating_sub(oldest.body.len());
            self.dropped += 1;
        }
    }

    /// Forgets the logged requests; the counts stay.
    pub(crate) fn clear(&mut self) {
        self.requests.clear();
        self.body_bytes = 0;
    }
}
