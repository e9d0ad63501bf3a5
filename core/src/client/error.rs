//! The error of a client of any transport: the core's, or the exchange's own.

use std::time::Duration;

use crate::error::{ApiError, Error};

/// A transport's own error, kept as the [`std::error::Error::source`] of a [`ClientError`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Everything that can go wrong when a client sends a request, whatever its transport.
///
/// The kinds of exchange failure are the same for every transport; each keeps its own
/// client's error as the source (downcast it to look closer). None shows a cookie or a
/// password.
///
/// ```
/// use std::time::Duration;
/// use vrchat_invite_core::{ClientError, FailureKind};
/// let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
/// let error = ClientError::from_failure(FailureKind::Connect, io.into(), "api.vrchat.cloud", Duration::from_secs(30), 1024);
/// assert_eq!(error.to_string(), "could not connect to api.vrchat.cloud");
/// assert!(error.api().is_none());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The core refused the input (nothing was sent), the server answered non-2xx, a 2xx
    /// body did not decode, or politeness refused the request.
    #[error(transparent)]
    Core(#[from] Error),
    /// No connection could be made (refused, unreachable, unknown host, proxy).
    #[error("could not connect to {host}")]
    Connect {
        /// The host that was tried.
        host: String,
        /// The transport's error.
        #[source]
        source: BoxError,
    },
    /// The whole exchange did not finish within the client's timeout.
    #[error("no complete reply within {timeout:?}")]
    Timeout {
        /// The timeout that ran out.
        timeout: Duration,
        /// The transport's error.
        #[source]
        source: BoxError,
    },
    /// TLS failed (certificate, protocol) or could not be set up.
    #[error("TLS failed")]
    Tls {
        /// The transport's error.
        #[source]
        source: BoxError,
    },
    /// The connection closed or was reset before the whole reply arrived. The server may
    /// have acted on the request: do not resend an invite, a response or an edit blindly.
    #[error("the connection was lost before the whole reply arrived")]
    Disconnected {
        /// The transport's error.
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
    /// Any other failure of the exchange.
    #[error("the HTTP exchange failed")]
    Other {
        /// The transport's error.
        #[source]
        source: BoxError,
    },
}

/// The kinds of exchange failure a transport sorts its client's errors into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// [`ClientError::Connect`].
    Connect,
    /// [`ClientError::Tls`].
    Tls,
    /// [`ClientError::Timeout`].
    Timeout,
    /// [`ClientError::BodyTooLarge`].
    BodyTooLarge,
    /// [`ClientError::Disconnected`].
    Disconnected,
    /// [`ClientError::Other`].
    Other,
}

impl ClientError {
    /// The error of a failed exchange of `kind`, keeping `source`. `host`, `timeout` and
    /// `limit` are the ones the exchange ran with.
    pub fn from_failure(
        kind: FailureKind,
        source: BoxError,
        host: &str,
        timeout: Duration,
        limit: usize,
    ) -> Self {
        match kind {
            FailureKind::Connect => Self::Connect {
                host: host.to_owned(),
                source,
            },
            FailureKind::Tls => Self::Tls { source },
            FailureKind::Timeout => Self::Timeout { timeout, source },
            FailureKind::BodyTooLarge => Self::BodyTooLarge { limit },
            FailureKind::Disconnected => Self::Disconnected { source },
            FailureKind::Other => Self::Other { source },
        }
    }

    /// The core error, if this is one.
    pub fn core(&self) -> Option<&Error> {
        match self {
            Self::Core(core) => Some(core),
            _ => None,
        }
    }

    /// The API error, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        self.core().and_then(Error::api)
    }

    /// The minutes left on an invite message cooldown, if this is a cooldown refusal.
    pub fn cooldown_minutes(&self) -> Option<u32> {
        self.core().and_then(Error::cooldown_minutes)
    }
}
