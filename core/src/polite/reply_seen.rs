//! A reply as politeness sees it: already read by the operation, never decoded again.

use http::StatusCode;

use crate::error::{ApiError, ApiErrorKind, Error};
use crate::models::InviteMessage;

/// What [`crate::polite::Politeness::after_reply`] learns from: the reply's status, the invite
/// messages the operation decoded from it, and the cooldown an error reply named.
///
/// ```
/// use http::StatusCode;
/// use vrchat_invite_core::ApiError;
/// use vrchat_invite_core::polite::ReplySeen;
/// let body = br#"{"error":{"message":"Please wait 12 more minutes","status_code":429}}"#;
/// let error = ApiError::from_parts(StatusCode::TOO_MANY_REQUESTS, &http::HeaderMap::new(), body);
/// let seen = ReplySeen::error(&error);
/// assert_eq!(seen.status(), StatusCode::TOO_MANY_REQUESTS);
/// assert_eq!(seen.cooldown_minutes(), Some(12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplySeen<'a> {
    status: StatusCode,
    messages: Vec<&'a InviteMessage>,
    cooldown_minutes: Option<u32>,
}

impl<'a> ReplySeen<'a> {
    /// A 2xx reply that listed `messages` (none for most operations, or when the body did
    /// not decode).
    pub fn success(
        status: StatusCode,
        messages: impl IntoIterator<Item = &'a InviteMessage>,
    ) -> Self {
        Self {
            status,
            messages: messages.into_iter().collect(),
            cooldown_minutes: None,
        }
    }

    /// An error reply.
    pub fn error(error: &ApiError) -> Self {
        let cooldown_minutes = match error.kind() {
            ApiErrorKind::Cooldown { minutes } => Some(*minutes),
            _ => None,
        };
        Self {
            status: error.status(),
            messages: Vec::new(),
            cooldown_minutes,
        }
    }

    /// The reply of `status` behind an operation's result, with the messages `messages_of`
    /// finds in a decoded output; `None` when nothing was received (bad input, a refusal).
    pub fn of_result<T>(
        status: StatusCode,
        result: &'a Result<T, Error>,
        messages_of: impl FnOnce(&'a T) -> Vec<&'a InviteMessage>,
    ) -> Option<Self> {
        match result {
            Ok(output) => Some(Self::success(status, messages_of(output))),
            Err(Error::Api(error)) => Some(Self::error(error)),
            Err(Error::Decode(error)) => Some(Self::success(error.status(), [])),
            Err(_) => None,
        }
    }

    /// The reply's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The invite messages the reply listed.
    pub fn messages(&self) -> &[&'a InviteMessage] {
        &self.messages
    }

    /// The minutes of a cooldown refusal, if the reply was one.
    pub fn cooldown_minutes(&self) -> Option<u32> {
        self.cooldown_minutes
    }
}
