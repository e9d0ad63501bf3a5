//! What a transport's pipeline watcher reports, the same for every transport.

use super::frame::FrameError;
use super::watch_step::WatchEnd;
use crate::client::BoxError;
use crate::error::Error;
use crate::ids::{NotificationId, UserId};
use crate::proxy::TunnelError;

/// A pipeline failure. [`WatchError::Refused`] ends the watch; after any other the watch
/// goes on (reconnecting when the connection was lost).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WatchError {
    /// The watch could not start (the session is not logged in), or a catch-up reply was an
    /// error (then the watch reconnects; see `last_failure`).
    #[error(transparent)]
    Core(#[from] Error),
    /// The server refused the token; a new login is needed. The watch has ended.
    #[error(transparent)]
    Refused(WatchEnd),
    /// A frame did not decode; it was skipped.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// A frame was larger than the limit; the connection was dropped and is reopened.
    #[error("a pipeline frame was larger than the limit of {limit} bytes")]
    FrameTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The connection failed (connect, TLS, handshake, reset); the watch reconnects.
    #[error("the pipeline connection failed")]
    Connection {
        /// The websocket library's error.
        #[source]
        source: BoxError,
    },
    /// The proxy the client's rules pick for the pipeline would not open a `CONNECT`
    /// tunnel ([`TunnelError::AuthenticationRequired`] for a 407: check the proxy's
    /// credentials). The watch goes on by its reconnect policy, reporting each refusal.
    #[error("the proxy would not tunnel to the pipeline")]
    Proxy {
        /// What the proxy answered.
        #[source]
        source: TunnelError,
    },
    /// A notification over the socket named another user as its receiver: it was not
    /// delivered (nothing to answer), and the watch goes on.
    #[error(
        "notification {notification} was addressed to another user ({receiver}); it was not delivered"
    )]
    Misaddressed {
        /// The notification.
        notification: NotificationId,
        /// The user it named as its receiver.
        receiver: UserId,
    },
    /// The catch-up request failed; the watch reconnects and catches up again.
    #[error("the catch-up request failed")]
    CatchUp {
        /// The HTTP client's error.
        #[source]
        source: Error,
    },
}

impl WatchError {
    /// A failed connection, keeping the websocket library's error as the source.
    pub fn connection(source: impl Into<BoxError>) -> Self {
        Self::Connection {
            source: source.into(),
        }
    }
}
