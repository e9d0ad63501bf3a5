//! One view of both transports' errors, so tests can ask for the same outcome from each.

use http::StatusCode;
use vrchat_invite_core::ApiErrorKind;

/// Which error variant a transport returned, with the fields tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The core refused the input before anything was sent.
    Input,
    /// An error reply: its status and kind.
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The classified kind.
        kind: ApiErrorKind,
    },
    /// A 2xx body that did not decode.
    Decode,
    /// The login needed a two-factor code and none was given.
    TwoFactorCancelled,
    /// No connection.
    Connect,
    /// The timeout ran out.
    Timeout,
    /// TLS failed.
    Tls,
    /// The connection was lost mid-reply.
    Disconnected,
    /// The body was over the limit.
    BodyTooLarge {
        /// The limit.
        limit: usize,
    },
    /// A redirect was refused.
    Redirect {
        /// The 3xx status.
        status: StatusCode,
        /// Its `Location`.
        location: Option<String>,
    },
    /// Anything else.
    Other,
}

impl Failure {
    fn from_core(error: &vrchat_invite_core::Error) -> Self {
        match error {
            vrchat_invite_core::Error::Input(_) => Self::Input,
            vrchat_invite_core::Error::Api(api) => Self::Api {
                status: api.status(),
                kind: api.kind().clone(),
            },
            vrchat_invite_core::Error::Decode(_) => Self::Decode,
            _ => Self::Other,
        }
    }
}

/// Both transports report the core's one [`vrchat_invite_core::Error`], so one
/// mapping serves both.
impl From<&vrchat_invite_core::Error> for Failure {
    fn from(error: &vrchat_invite_core::Error) -> Self {
        use vrchat_invite_core::Error as E;
        match error {
            E::TwoFactorCancelled => Self::TwoFactorCancelled,
            E::Connect { .. } => Self::Connect,
            E::Timeout { .. } => Self::Timeout,
            E::Tls { .. } => Self::Tls,
            E::Disconnected { .. } => Self::Disconnected,
            E::BodyTooLarge { limit } => Self::BodyTooLarge { limit: *limit },
            E::Redirect { status, location } => Self::Redirect {
                status: *status,
                location: location.clone(),
            },
            other => Self::from_core(other),
        }
    }
}
