//! How an operation proves who is asking.

use super::Credentials;

/// What an operation sends to prove who is asking ([`crate::Endpoint::authentication`]).
///
/// [`crate::Session::request`] reads it: the session's cookies go with every request
/// either way (a stored `twoFactorAuth` cookie lets a remembered device skip 2FA); this
/// says whether the `auth` cookie must be among them, or what is sent instead.
///
/// `Debug` never shows a password: [`Credentials`] print as `Credentials(<redacted>)`.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::auth::{Authentication, Credentials, GetCurrentUser, Logout};
/// assert_eq!(Logout.authentication(), Authentication::SessionCookie);
/// let credentials = Credentials::new("alice", "secret")?;
/// let login = GetCurrentUser::with_credentials(credentials.clone());
/// assert_eq!(login.authentication(), Authentication::Password(&credentials));
/// assert_eq!(format!("{:?}", login.authentication()), "Password(Credentials(<redacted>))");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Authentication<'a> {
    /// The session's `auth` cookie, which must be there: a session without one is refused
    /// with [`crate::InputError::NotLoggedIn`] before anything is built. Every operation
    /// but a password login.
    SessionCookie,
    /// A password login: `Authorization: Basic …` made from these credentials
    /// ([`Credentials::basic_authorization`]), marked sensitive; no `auth` cookie needed.
    Password(&'a Credentials),
}
