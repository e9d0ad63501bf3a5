//! What the watch asks its transport to do next.

use std::fmt;
use std::time::Instant;

use http::{Request, StatusCode};

use crate::pipeline::{Dial, HandshakeReader, PipelineEvent, WatchError};

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
    pub(crate) dial: Dial,
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

    /// How to reach the pipeline: TCP to the pipeline or to the proxy the watch's rules
    /// picked ([`crate::pipeline::Watch::with_proxy_rules`]), the `CONNECT` tunnel if so,
    /// and whether TLS follows.
    pub fn dial(&self) -> &Dial {
        &self.dial
    }

    /// When connecting (TCP, a proxy's tunnel, TLS and the handshake) must be done.
    pub fn until(&self) -> Instant {
        self.until
    }

    /// The request as HTTP/1.1 bytes to write on the connection: the request line (its
    /// target carries the token: never log these bytes) and every header.
    ///
    /// ```
    /// # use vrchat_invite_core::{Session, UserAgent};
    /// # use vrchat_invite_core::auth::AuthCookie;
    /// # use vrchat_invite_core::pipeline::{PipelineOptions, Watch, WatchStep};
    /// let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
    ///     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
    /// let mut watch = Watch::new(&session, PipelineOptions::default(), None, 7)?;
    /// let WatchStep::Connect(handshake) = watch.step(std::time::Instant::now()) else { unreachable!() };
    /// let bytes = String::from_utf8(handshake.request_bytes())?;
    /// assert!(bytes.starts_with("GET /?authToken=authcookie_1 HTTP/1.1\r\nhost: pipeline.vrchat.cloud\r\n"));
    /// assert!(bytes.contains("\r\nupgrade: websocket\r\n") && bytes.ends_with("\r\n\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request_bytes(&self) -> Vec<u8> {
        let target = self
            .request
            .uri()
            .path_and_query()
            .map_or("/", http::uri::PathAndQuery::as_str);
        let mut bytes = Vec::with_capacity(256);
        bytes.extend_from_slice(b"GET ");
        bytes.extend_from_slice(target.as_bytes());
        bytes.extend_from_slice(b" HTTP/1.1\r\n");
        for (name, value) in self.request.headers() {
            bytes.extend_from_slice(name.as_str().as_bytes());
            bytes.extend_from_slice(b": ");
            bytes.extend_from_slice(value.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"\r\n");
        bytes
    }

    /// A reader of the server's reply to this handshake, checking it with `sha1` (SHA-1,
    /// which the transport's TLS library has; see [`HandshakeReader`]).
    pub fn reply_reader(&self, sha1: impl FnOnce(&[u8]) -> [u8; 20]) -> HandshakeReader {
        let key = self
            .request
            .headers()
            .get(http::header::SEC_WEBSOCKET_KEY)
            .and_then(|key| key.to_str().ok())
            .unwrap_or_default();
        HandshakeReader::new(key, sha1)
    }

    /// The largest frame (and message) the socket is to accept; a larger one is reported as
    /// [`crate::pipeline::Happened::FrameTooLarge`]. Read with a
    /// [`crate::pipeline::SOCKET_READ_BUFFER`] buffer, writing at most
    /// [`crate::pipeline::SOCKET_WRITE_BUFFER_LIMIT`].
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
/// reports what happened, or [`crate::pipeline::Happened::TimePassed`] at that deadline.
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
