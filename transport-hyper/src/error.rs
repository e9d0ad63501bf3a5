//! The transport's errors: the core's, or the HTTP exchange's own.

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

use vrchat_invite_core::ApiError;

/// The underlying client's error, kept as the [`std::error::Error::source`] of a variant.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// Everything that can go wrong when sending a request with this transport.
///
/// The exchange's failures (connect, timeout, TLS, a lost connection) keep hyper's (or
/// rustls', or tokio's) error as their source. None of them shows a cookie or password.
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
        /// The client's error.
        #[source]
        source: BoxError,
    },
    /// The whole exchange did not finish within the client's timeout.
    #[error("no complete reply within {timeout:?}")]
    Timeout {
        /// The timeout that ran out.
        timeout: Duration,
        /// tokio's error.
        #[source]
        source: BoxError,
    },
    /// The TLS handshake failed (certificate, protocol), or TLS could not be set up.
    #[error("TLS failed")]
    Tls {
        /// The client's error.
        #[source]
        source: BoxError,
    },
    /// The connection closed or was reset before the whole reply arrived.
    #[error("the connection was lost before the whole reply arrived")]
    Disconnected {
        /// The client's error.
        #[source]
        source: BoxError,
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
        /// The client's error.
        #[source]
        source: BoxError,
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

    /// Sorts a failed exchange by what its chain of causes says.
    pub(crate) fn from_exchange(source: BoxError, host: &str) -> Self {
        let mut tls = false;
        let mut failed_to_connect = false;
        let mut disconnected = false;
        for_each_cause(&*source, |error| {
            tls |= error.is::<rustls::Error>();
            if let Some(client) = error.downcast_ref::<hyper_util::client::legacy::Error>() {
                failed_to_connect |= client.is_connect();
            }
            if let Some(hyper) = error.downcast_ref::<hyper::Error>() {
                disconnected |= hyper.is_incomplete_message();
            }
            if let Some(io) = error.downcast_ref::<io::Error>() {
                match io.kind() {
                    io::ErrorKind::ConnectionRefused
                    | io::ErrorKind::AddrNotAvailable
                    | io::ErrorKind::HostUnreachable
                    | io::ErrorKind::NetworkUnreachable => failed_to_connect = true,
                    io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::BrokenPipe => disconnected = true,
                    _ => {}
                }
            }
        });
        if tls {
            Self::Tls { source }
        } else if failed_to_connect {
            Self::Connect {
                host: host.to_owned(),
                source,
            }
        } else if disconnected {
            Self::Disconnected { source }
        } else {
            Self::Other { source }
        }
    }
}

/// Calls `visit` on `error` and each of its causes, looking inside I/O errors too
/// (`io::Error::source` skips the error it wraps, which is where TLS errors hide).
fn for_each_cause<'a>(
    error: &'a (dyn StdError + 'static),
    mut visit: impl FnMut(&'a (dyn StdError + 'static)),
) {
    let mut next = Some(error);
    // Bounded, in case a chain ever loops.
    for _ in 0..64 {
        let Some(error) = next else { return };
        visit(error);
        next = match error
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            Some(inner) => Some(inner),
            None => error.source(),
        };
    }
}
