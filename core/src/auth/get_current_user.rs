//! `GET /auth/user`: log in with a password, or fetch the logged-in user.

use http::Method;

use super::{Authentication, Credentials, LoginReply};
use crate::endpoint::Endpoint;
use crate::error::{ApiError, ApiErrorKind};
use crate::punctuation::normalize_for_matching;

/// Whether the error's message speaks of sessions ("too many active sessions").
fn mentions_sessions(error: &ApiError) -> bool {
    error
        .message()
        .is_some_and(|message| normalize_for_matching(message).contains("session"))
}

/// Logs in with `Authorization: Basic …` (operation `getCurrentUser`), or, without
/// credentials, fetches the user of the session's `auth` cookie.
///
/// A stored `twoFactorAuth` cookie is sent along, so a remembered device skips 2FA.
/// Each password login counts against VRChat's session limit: save the session and
/// reuse it (see [`crate::auth::LoginFlow`]).
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::auth::{Authentication, Credentials, GetCurrentUser};
/// let login = GetCurrentUser::with_credentials(Credentials::new("alice", "secret")?);
/// assert_eq!(login.path(), "/auth/user");
/// assert!(matches!(login.authentication(), Authentication::Password(_)));
/// let fetch = GetCurrentUser::with_session();
/// assert_eq!(fetch.authentication(), Authentication::SessionCookie);
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetCurrentUser {
    credentials: Option<Credentials>,
}

impl GetCurrentUser {
    /// Logs in with a username and password.
    pub fn with_credentials(credentials: Credentials) -> Self {
        Self {
            credentials: Some(credentials),
        }
    }

    /// Fetches the user of the session's `auth` cookie.
    pub fn with_session() -> Self {
        Self { credentials: None }
    }
}

impl Endpoint for GetCurrentUser {
    const OPERATION_ID: &'static str = "getCurrentUser";

    type Output = LoginReply;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        "/auth/user".to_owned()
    }

    /// With credentials, a password login; without, the session's `auth` cookie.
    fn authentication(&self) -> Authentication<'_> {
        match &self.credentials {
            Some(credentials) => Authentication::Password(credentials),
            None => Authentication::SessionCookie,
        }
    }

    /// With credentials, 401 means a wrong username or password, and a 429 whose message
    /// speaks of sessions means too many sessions; any other 429 stays rate limiting.
    fn refine_error(&self, error: ApiError) -> ApiError {
        let kind = match (self.credentials.is_some(), error.status().as_u16()) {
            (true, 401) => ApiErrorKind::InvalidCredentials,
            (true, 429) if mentions_sessions(&error) => ApiErrorKind::TooManySessions,
            _ => return error,
        };
        error.with_kind(kind)
    }
}
