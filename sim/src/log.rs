//! The record of every request the simulator received.

use std::collections::BTreeMap;

use http::header::{AUTHORIZATION, COOKIE};
use http::{HeaderMap, Method};

/// One request as received.
///
/// `Debug` hides the values of `Cookie` and `Authorization` (they hold secrets); the
/// values themselves are kept, so a test can check them.
#[derive(Debug, Clone)]
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

/// Requests in arrival order and counts by operation.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    pub(crate) requests: Vec<LoggedRequest>,
    pub(crate) total: u64,
    pub(crate) by_operation: BTreeMap<String, u64>,
}

impl RequestLog {
    pub(crate) fn record(&mut self, operation: &str, request: LoggedRequest) {
        self.total += 1;
        *self.by_operation.entry(operation.to_owned()).or_default() += 1;
        self.requests.push(request);
    }
}
