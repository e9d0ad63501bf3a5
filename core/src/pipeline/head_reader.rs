//! The reply heads a watcher reads a byte at a time while it opens its socket: a proxy's
//! answer to `CONNECT`, then the websocket handshake's reply.

use super::handshake_reply::{HandshakeReader, HandshakeReplyError};
use super::happened::ConnectFailure;
use crate::proxy::{TunnelError, TunnelReader};

/// A reply head read a byte at a time, so that nothing after it is taken from the socket
/// (what follows belongs to TLS or to the websocket).
///
/// A transport writes the request, then feeds each byte it reads to [`HeadReader::push_byte`]
/// until it answers, and reports [`HeadReader::closed`] when the peer closes first.
///
/// ```
/// use vrchat_invite_core::pipeline::{ConnectFailure, HeadReader};
/// use vrchat_invite_core::proxy::TunnelReader;
///
/// let mut reader = TunnelReader::new();
/// let mut outcome = None;
/// for byte in b"HTTP/1.1 200 Connection established\r\n\r\n" {
///     outcome = reader.push_byte(*byte);
///     if outcome.is_some() { break; }
/// }
/// assert!(matches!(outcome, Some(Ok(()))));
/// assert!(matches!(TunnelReader::new().closed(), ConnectFailure::Proxy(_)));
/// ```
pub trait HeadReader {
    /// Takes the next byte; `Some` once the head is read, with whether it lets the
    /// connection go on.
    fn push_byte(&mut self, byte: u8) -> Option<Result<(), ConnectFailure>>;

    /// The failure when the peer closes before the head ends.
    fn closed(&self) -> ConnectFailure;
}

impl HeadReader for TunnelReader {
    fn push_byte(&mut self, byte: u8) -> Option<Result<(), ConnectFailure>> {
        self.push(byte)
            .map(|outcome| outcome.map_err(ConnectFailure::Proxy))
    }

    fn closed(&self) -> ConnectFailure {
        ConnectFailure::Proxy(TunnelError::Closed)
    }
}

impl HeadReader for HandshakeReader {
    fn push_byte(&mut self, byte: u8) -> Option<Result<(), ConnectFailure>> {
        self.push(byte)
            .map(|outcome| outcome.map_err(ConnectFailure::from))
    }

    fn closed(&self) -> ConnectFailure {
        HandshakeReplyError::Closed.into()
    }
}
