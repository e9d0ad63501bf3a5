//! A successful reply whose body did not decode.

use http::StatusCode;

/// How many bytes of the body a [`DecodeError`] keeps.
pub const SNIPPET_LIMIT: usize = 256;

/// The server answered 2xx, but the body was not what the operation returns.
///
/// For an operation that changes something on the server (an invite, a request, a
/// response, an edit), [`DecodeError::took_effect`] is true: the server accepted the
/// request, so sending it again would repeat it (an invite sent twice is two invites).
#[derive(Debug, thiserror::Error)]
#[error(
    "{}could not decode the {status} reply: {source} (body starts {snippet:?})",
    if *took_effect { "the server accepted the request (do not resend it), but " } else { "" }
)]
pub struct DecodeError {
    status: StatusCode,
    #[source]
    source: serde_json::Error,
    snippet: String,
    took_effect: bool,
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
            took_effect: false,
        }
    }

    /// Marks whether the request changed something on the server (see
    /// [`crate::Endpoint::has_effect`]).
    #[must_use]
    pub fn with_effect(mut self, took_effect: bool) -> Self {
        self.took_effect = took_effect;
        self
    }

    /// Whether the server accepted a request that changes something: it is done, only the
    /// reply could not be read. Do not send it again.
    pub fn took_effect(&self) -> bool {
        self.took_effect
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
