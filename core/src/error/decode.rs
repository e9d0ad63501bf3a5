//! A successful reply whose body did not decode.

use http::StatusCode;

/// How many bytes of the body a [`DecodeError`] keeps.
pub const SNIPPET_LIMIT: usize = 256;

/// `source`, or a custom error with its message cut to [`SNIPPET_LIMIT`] when it is longer.
fn bounded_source(source: serde_json::Error) -> serde_json::Error {
    let message = source.to_string();
    if message.len() <= SNIPPET_LIMIT {
        return source;
    }
    let (line, column) = (source.line(), source.column());
    let cut = super::bounded::bounded(message);
    serde::de::Error::custom(format!("{cut}… (at line {line} column {column})"))
}

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
    ///
    /// serde's message quotes a wrong value whole ("invalid type: string \"…\""); a message
    /// longer than the limit is replaced by one cut to it, with the same line and column,
    /// so the error stays short whatever the body.
    pub fn new(status: StatusCode, source: serde_json::Error, body: &[u8]) -> Self {
        let snippet = super::bounded::lossy_snippet(body);
        Self {
            status,
            source: bounded_source(source),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_wrong_value_keeps_the_error_short() {
        let body = format!("\"{}\"", "x".repeat(1 << 20));
        let source = serde_json::from_str::<u32>(&body).expect_err("not a number");
        assert!(source.to_string().len() > 1 << 20);
        let error = DecodeError::new(StatusCode::OK, source, body.as_bytes());
        assert!(error.to_string().len() < 4 * SNIPPET_LIMIT, "{error}");
        assert!(format!("{error:?}").len() < 4 * SNIPPET_LIMIT);
        let chained = std::error::Error::source(&error).map(ToString::to_string);
        assert!(chained.is_some_and(|text| text.len() < 2 * SNIPPET_LIMIT));
        assert!(error.serde_error().to_string().contains("line 1 column"));
    }

    #[test]
    fn short_messages_stay_as_serde_made_them() {
        let source = serde_json::from_str::<Vec<u32>>("[").expect_err("syntax");
        let error = DecodeError::new(StatusCode::OK, source, b"[");
        assert!(error.serde_error().is_eof());
    }
}
