//! The exchange failures a transport reports, sorted into kinds.

use std::time::Duration;

use crate::error::Error;

/// A transport's own error, kept as the [`std::error::Error::source`] of a [`Error`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The kinds of exchange failure a transport sorts its client's errors into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// [`Error::Connect`].
    Connect,
    /// [`Error::Tls`].
    Tls,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::Disconnected`].
    Disconnected,
    /// [`Error::Other`].
    Other,
}

impl Error {
    /// The error of a failed exchange of `kind`, keeping `source`. `host`, `timeout` and
    /// `limit` are the ones the exchange ran with.
    ///
    /// ```
    /// use std::time::Duration;
    /// use vrchat_invite_core::Error;
    /// use vrchat_invite_core::transport::FailureKind;
    /// let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    /// let error = Error::from_failure(FailureKind::Connect, io.into(), "api.vrchat.cloud", Duration::from_secs(30), 1024);
    /// assert_eq!(error.to_string(), "could not connect to api.vrchat.cloud");
    /// assert!(error.api().is_none());
    /// ```
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
}
