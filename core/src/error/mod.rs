//! The one [`Error`] every call returns, and its parts: bad input ([`InputError`], nothing
//! was sent), an error reply ([`ApiError`], classified as an [`ApiErrorKind`]) and a reply
//! that did not decode ([`DecodeError`], which says whether the call took effect).
//!
//! ```
//! use vrchat_invite_core::{ApiErrorKind, Endpoint, Error};
//! use vrchat_invite_core::inbox::ListNotifications;
//!
//! let reply = http::Response::builder()
//!     .status(401)
//!     .body(br#"{"error":{"message":"Missing Credentials","status_code":401}}"#.to_vec())?;
//! let error = ListNotifications::new().parse(&reply).unwrap_err();
//! assert!(matches!(error, Error::Api(_)));
//! assert_eq!(error.api_kind(), Some(&ApiErrorKind::Unauthorized));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod api;
mod bounded;
mod decode;
mod input;
mod missing;

pub use api::{ApiError, ApiErrorKind, REQUEST_ID_HEADER};
pub use decode::{DecodeError, SNIPPET_LIMIT};
pub use input::{BaseUrlProblem, IdProblem, ImageProblem, InputError};
pub use missing::Missing;

use std::time::Duration;

use crate::client::BoxError;

/// Everything that can go wrong with a call, whatever moves its bytes.
///
/// * [`Error::Input`]: a value was rejected before any request was built. Nothing was sent.
/// * [`Error::Refused`]: an opt-in politeness helper refused the call. Nothing was sent.
/// * [`Error::Api`]: the server answered with a non-2xx status.
/// * [`Error::Decode`]: the server answered 2xx with a body that did not decode
///   ([`Error::took_effect`] says whether it changed something anyway).
/// * The exchange's own failures ([`Error::Connect`], [`Error::Timeout`], [`Error::Tls`],
///   [`Error::Disconnected`], [`Error::BodyTooLarge`], [`Error::Redirect`],
///   [`Error::Other`]), the same for every transport, each keeping its client's error as
///   the source. The core's own parsing never returns these.
///
/// None shows a cookie or a password.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input; no request was built.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The server answered with an error status.
    #[error(transparent)]
    Api(#[from] Box<ApiError>),
    /// A successful reply whose body did not decode.
    #[error(transparent)]
    Decode(#[from] Box<DecodeError>),
    /// Refused locally by an opt-in politeness helper; nothing was sent.
    #[error(transparent)]
    Refused(#[from] crate::polite::Refusal),
    /// A multi-step flow (login) got a reply that cannot lead anywhere.
    #[error("unexpected reply: {reason}")]
    Unexpected {
        /// What was unexpected.
        reason: &'static str,
    },
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

impl Error {
    /// The API error, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The classified kind of an API error, if this is one.
    pub fn api_kind(&self) -> Option<&ApiErrorKind> {
        self.api().map(ApiError::kind)
    }

    /// Whether the server accepted a request that changes something and only its reply
    /// could not be read: the operation is done, so do not send it again.
    ///
    /// ```
    /// # use vrchat_invite_core::{Endpoint, Location};
    /// # use vrchat_invite_core::invite::InviteMyselfTo;
    /// let invite = InviteMyselfTo::new("wrld_1:123".parse::<Location>()?);
    /// let reply = http::Response::builder().status(200).body(b"<html>".to_vec())?;
    /// assert!(invite.parse(&reply).unwrap_err().took_effect());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn took_effect(&self) -> bool {
        matches!(self, Self::Decode(decode) if decode.took_effect())
    }

    /// The minutes left on an invite message cooldown, if this is a cooldown refusal (from
    /// the server or from the local [`crate::polite::CooldownBook`]), as VRChat counts them:
    /// whole minutes without the one under way (59 right after an edit, 0 in its last
    /// minute), so the slot is free after at most one minute more.
    ///
    /// ```
    /// # use vrchat_invite_core::{ApiError, Error};
    /// # use http::StatusCode;
    /// let body = br#"{"error":{"message":"Please wait 42 more minutes until you try again\u2024","status_code":429}}"#;
    /// let error = Error::from(ApiError::from_parts(StatusCode::TOO_MANY_REQUESTS, &http::HeaderMap::new(), body));
    /// assert_eq!(error.cooldown_minutes(), Some(42));
    /// ```
    pub fn cooldown_minutes(&self) -> Option<u32> {
        match self {
            Self::Refused(crate::polite::Refusal::Cooldown { minutes_left, .. }) => {
                Some(*minutes_left)
            }
            _ => match self.api_kind() {
                Some(ApiErrorKind::Cooldown { minutes }) => Some(*minutes),
                _ => None,
            },
        }
    }
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Self::Api(Box::new(error))
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Self::Decode(Box::new(error))
    }
}
