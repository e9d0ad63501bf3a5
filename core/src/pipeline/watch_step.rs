//! What the watch asks its transport to do next.

use std::fmt;
use std::time::Instant;

use http::{Request, StatusCode};

use crate::pipeline::{PipelineEvent, WatchError};

/// Why a watch ended for good.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WatchEnd {
    /// The handshake or a catch-up was refused with this status; a new login is needed.
    #[error("the pipeline refused the token (HTTP {status}); log in again")]
    Refused {
        /// The status.
        status: StatusCode,
    },
    /// The server sent an error frame instead of events (its way of refusing the token).
    #[error("the pipeline refused the token: {message}; log in again")]
    ServerRefused {
        /// The server's message (bounded).
        message: String,
    },
}

/// The websocket handshake to send, and until when the socket must be open.
///
/// `Debug` shows neither the URI nor the headers: the URI carries the token.
pub struct Handshake {
    pub(crate) request: Request<()>,
    pub(crate) until: Instant,
    pub(crate) max_frame_size: usize,
}

impl Handshake {
    /// The handshake request (its URI carries the token: never log it).
    pub fn into_request(self) -> Request<()> {
        self.request
    }

    /// The request, borrowed.
    pub fn request(&self) -> &Request<()> {
        &self.request
    }

    /// When connecting (TCP, a proxy's tunnel, TLS and the handshake) must be done.
    pub fn until(&self) -> Instant {
        self.until
    }

    /// The largest frame (and message) the socket is to accept; a larger one is reported
    /// as [`crate::Happened::FrameTooLarge`]. Read with a [`crate::SOCKET_READ_BUFFER`]
    /// buffer, writing at most [`crate::SOCKET_WRITE_BUFFER_LIMIT`].
    pub fn max_frame_size(&self) -> usize {
        self.max_frame_size
    }
}

impl fmt::Debug for Handshake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handshake")
            .field("host", &self.request.uri().host())
            .field("until", &self.until)
            .finish_non_exhaustive()
    }
}

/// What the transport does next. Each step that waits says until when; the transport
/// reports what happened, or [`crate::Happened::TimePassed`] at that deadline.
///
/// Not `non_exhaustive` on purpose: a new step must break every transport's build, so no
/// transport can miss one.
#[derive(Debug)]
pub enum WatchStep {
    /// Hand this event to the application.
    Deliver(PipelineEvent),
    /// Hand this error to the application; the watch goes on.
    Report(WatchError),
    /// Open a socket with this handshake; report `Connected` or `ConnectFailed`.
    Connect(Handshake),
    /// Send this inbox request with the HTTP client (its own timeout bounds it); report
    /// `InboxReply` or `InboxFailed`.
    FetchInbox(Request<Vec<u8>>),
    /// Read until one whole frame has arrived or `until`.
    Read {
        /// The deadline.
        until: Instant,
    },
    /// Send a ping and flush it by `until`; report `Written`.
    Ping {
        /// The deadline.
        until: Instant,
    },
    /// Flush the queued answer to the server's ping by `until`; report `Written`.
    Flush {
        /// The deadline.
        until: Instant,
    },
    /// Drop the socket (no need to wait for the server's close).
    Close,
    /// Wait until then, then report `TimePassed`.
    Sleep {
        /// When to report.
        until: Instant,
    },
    /// The watch is over: drop the socket and report this once.
    End(WatchEnd),
    /// Nothing more will come.
    Finished,
}
