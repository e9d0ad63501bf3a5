//! A successful reply whose body did not decode.

use http::StatusCode;

/// How many bytes of the body a [`DecodeError`] keeps.
pub const SNIPPET_LIMIT: usize = 256;

/// The server answered 2xx, but the body was not what the operation returns.
#[derive(Debug, thiserror::Error)]
#[error("could not decode the {status} reply: {source} (body starts {snippet:?})")]
pub struct DecodeError {
    status: StatusCode,
    #[source]
    source: serde_json::Error,
    snippet: String,
}

impl DecodeError {
    /// Records a decode failure, keeping a snippet of at most [`SNIPPET_LIMIT`] bytes of the
    /// body (lossily decoded; the snippet itself never exceeds the limit either).
    pub fn new(status: StatusCode, source: serde_json::Error, body: &[u8]) -> Self {
        let snippet = super::bounded::lossy_snippet(body);
        Self {
            status,
            source,
            snippet,
        }
    }

    /// The HTTP status of the reply.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The start of the body, lossily decoded as UTF-8.
    pub fn snippet(&self) -> &str {
        &self.snippet
    }

    /// The serde error.
    pub fn serde_error(&self) -> &serde_json::Error {
        &self.source
    }
}
