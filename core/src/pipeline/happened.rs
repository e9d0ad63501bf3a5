//! What a transport reports to the watch: one input type for everything that can happen.

use http::StatusCode;

use crate::client::BoxError;
use crate::error::Error;
use crate::proxy::TunnelError;

/// Why a socket could not be opened.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConnectFailure {
    /// The handshake was answered with this status instead of `101`; 401 and 403 mean the
    /// token was refused, and end the watch.
    Status(StatusCode),
    /// The proxy would not open a tunnel; reported to the caller, then retried.
    Proxy(TunnelError),
    /// Anything else (no route, reset, TLS, a handshake that is not a websocket's), with
    /// the library's error.
    Other(BoxError),
}

impl ConnectFailure {
    /// [`ConnectFailure::Other`] with `error`: for `map_err` on the library's errors.
    pub fn other(error: impl Into<BoxError>) -> Self {
        Self::Other(error.into())
    }
}

impl From<std::io::Error> for ConnectFailure {
    /// An I/O error is [`ConnectFailure::Other`], so `?` works on a socket's reads and writes.
    fn from(error: std::io::Error) -> Self {
        Self::Other(error.into())
    }
}

/// What happened since the watch's last step, for [`crate::pipeline::Watch::handle`].
///
/// Each fits one wait (see [`crate::pipeline::Watch::waiting`]); any other is refused as out of
/// order.
#[derive(Debug)]
#[non_exhaustive]
pub enum Happened {
    /// The socket is open: the handshake was answered `101`.
    Connected,
    /// The socket could not be opened.
    ConnectFailed(ConnectFailure),
    /// A whole text frame arrived.
    Text(String),
    /// The server pinged; the answer is queued and must be flushed.
    Pinged,
    /// The server answered a ping.
    Pong,
    /// Another whole frame arrived (binary); it carries no event.
    OtherFrame,
    /// A frame was larger than the limit.
    FrameTooLarge,
    /// The socket closed or failed, with the library's error when there is one.
    Closed(Option<BoxError>),
    /// The inbox answered the catch-up request.
    InboxReply(http::Response<Vec<u8>>),
    /// The catch-up request failed in the HTTP client.
    InboxFailed(Error),
    /// The ping or pong was written and flushed.
    Written,
    /// The deadline of the wait was reached first.
    TimePassed,
}
