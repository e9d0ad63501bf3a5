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

    /// Sorts a failed exchange by what its chain of sources says.
    pub(crate) fn from_exchange(source: BoxError, host: &str, limit: usize) -> Self {
        let connect = |source| Self::Connect {
            host: host.to_owned(),
            source,
        };
        let mut cause: Option<&(dyn StdError + 'static)> = Some(&*source);
        let mut failed_to_connect = false;
        let mut disconnected = false;
        while let Some(error) = cause {
            if error.is::<rustls::Error>() || io_inner::<rustls::Error>(error) {
                return Self::Tls { source };
            }
            if error.is::<http_body_util::LengthLimitError>() {
                return Self::BodyTooLarge { limit };
            }
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
            cause = error.source();
        }
        if failed_to_connect {
            connect(source)
        } else if disconnected {
            Self::Disconnected { source }
        } else {
            Self::Other { source }
        }
    }
}

/// Whether `error` is an I/O error wrapping a `T` (how TLS errors surface from a connector;
/// `io::Error::source` skips the wrapped error itself).
fn io_inner<T: StdError + 'static>(error: &(dyn StdError + 'static)) -> bool {
    error
        .downcast_ref::<io::Error>()
        .and_then(io::Error::get_ref)
        .is_some_and(|inner| inner.is::<T>())
}
