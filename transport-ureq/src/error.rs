//! The transport's errors: the core's, or the HTTP exchange's own.

use std::io;
use std::time::Duration;

use vrchat_invite_core::ApiError;

/// Everything that can go wrong when sending a request with this transport.
///
/// The exchange's failures (connect, timeout, TLS, a lost connection) keep ureq's error as
/// their [`std::error::Error::source`]. None of them shows a cookie or password.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The core refused the input, the server answered non-2xx, or a 2xx body did not decode.
    #[error(transparent)]
    Core(#[from] vrchat_invite_core::Error),
    /// No connection could be made (refused, unreachable, unknown host).
    #[error("could not connect to {host}")]
    Connect {
        /// The host that was tried.
        host: String,
        /// ureq's error.
        #[source]
        source: ureq::Error,
    },
    /// The whole exchange did not finish within the client's timeout.
    #[error("no complete reply within {timeout:?}")]
    Timeout {
        /// The timeout that ran out.
        timeout: Duration,
        /// ureq's error.
        #[source]
        source: ureq::Error,
    },
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS failed")]
    Tls {
        /// ureq's error.
        #[source]
        source: ureq::Error,
    },
    /// The connection closed or was reset before the whole reply arrived.
    #[error("the connection was lost before the whole reply arrived")]
    Disconnected {
        /// ureq's error.
        #[source]
        source: ureq::Error,
    },
    /// The reply body is larger than the client's limit; the rest was not read.
    #[error("the reply body is larger than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The server answered with a redirect. Redirects are never followed, so cookies never
    /// reach another host.
    #[error("the server redirected ({status}) to {location:?}; redirects are not followed")]
    Redirect {
        /// The 3xx status.
        status: http::StatusCode,
        /// The `Location` header, if there was a readable one.
        location: Option<String>,
    },
    /// The login needed a two-factor code and none was given.
    #[error("login cancelled: no two-factor code was given")]
    TwoFactorCancelled,
    /// Any other failure of the HTTP exchange.
    #[error("the HTTP exchange failed")]
    Other {
        /// ureq's error.
        #[source]
        source: ureq::Error,
    },
}

impl Error {
    /// The core error, if this is one.
    pub fn core(&self) -> Option<&vrchat_invite_core::Error> {
        match self {
            Self::Core(core) => Some(core),
            _ => None,
        }
    }

    /// The API error, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        self.core().and_then(vrchat_invite_core::Error::api)
    }

    /// The minutes left on an invite message cooldown, if this is a cooldown refusal.
    pub fn cooldown_minutes(&self) -> Option<u32> {
        self.core()
            .and_then(vrchat_invite_core::Error::cooldown_minutes)
    }

    /// Sorts ureq's error into the variants above.
    pub(crate) fn from_ureq(
        source: ureq::Error,
        host: &str,
        timeout: Duration,
        limit: usize,
    ) -> Self {
        use ureq::Error as U;
        match &source {
            U::Timeout(_) => Self::Timeout { timeout, source },
            U::BodyExceedsLimit(_) => Self::BodyTooLarge { limit },
            U::HostNotFound | U::ConnectionFailed | U::ConnectProxyFailed(_) => Self::Connect {
                host: host.to_owned(),
                source,
            },
            U::Tls(_) | U::Rustls(_) | U::Pem(_) | U::TlsRequired => Self::Tls { source },
            U::Io(io) if wraps_rustls(io) => Self::Tls { source },
            U::Io(io) => match io.kind() {
                io::ErrorKind::ConnectionRefused
                | io::ErrorKind::AddrNotAvailable
                | io::ErrorKind::HostUnreachable
                | io::ErrorKind::NetworkUnreachable
                | io::ErrorKind::NotConnected => Self::Connect {
                    host: host.to_owned(),
                    source,
                },
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                    Self::Timeout { timeout, source }
                }
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::UnexpectedEof
                | io::ErrorKind::BrokenPipe => Self::Disconnected { source },
                _ => Self::Other { source },
            },
            _ => Self::Other { source },
        }
    }
}

/// Whether an I/O error carries a rustls error (how a failed handshake surfaces), looking
/// inside wrapped I/O errors too (`io::Error::source` skips the error it wraps).
fn wraps_rustls(error: &io::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    // Bounded, in case a chain ever loops.
    for _ in 0..64 {
        let Some(error) = next else { return false };
        if error.is::<rustls::Error>() {
            return true;
        }
        next = match error
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            Some(inner) => Some(inner),
            None => error.source(),
        };
    }
    false
}
